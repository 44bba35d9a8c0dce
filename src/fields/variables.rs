//! The fields of variables. Each is a named constant, so that a page label
//! (`web::pages::texts`) names its field at compile time; [`VARIABLES`] lists them in the
//! order of the sheet.

use super::Gender::{Common, Neuter, Plural};
use super::{Cell, Column, PlainField, REMOVE, SheetKind, SheetSpec, col};
use crate::domain::{Language, Variable};

fn opt<T: ToString>(v: Option<&T>) -> String {
    v.map(ToString::to_string).unwrap_or_default()
}

pub const ID: Column = col("id", "Identifierare", &["Id"], "Identifier", false)
    .cell(Cell::Variable(|v| v.id.to_string()));
pub const SHORT_NAME: Column = col(
    "short_name",
    "Kortnamn",
    &["Teknisk benämning", "Förkortning"],
    "Short name",
    false,
)
.noun("kortnamnet", Neuter)
.cell(Cell::Variable(|v| v.short_name.clone()));
pub const NAME: Column = col(
    "name",
    "Namn",
    &["Variabelnamn", "Fält", "Fältnamn", "Variabel"],
    "Name (Swedish)",
    true,
)
.noun("namnet", Neuter)
.cell(Cell::Variable(|v| v.name.sv.clone()));
pub const NAME_EN: Column = col("name_en", "Namn (en)", &["Name"], "Name", false)
    .noun("det engelska namnet", Neuter)
    .cell(Cell::Variable(|v| v.name.en.clone()));
pub const DEFINITION: Column = col(
    "definition",
    "Definition",
    &["Beskrivning"],
    "Definition (Swedish)",
    true,
)
.multiline()
.label("Definition", "Definition")
.noun("definitionen", Common)
.cell(Cell::Variable(|v| v.definition.sv.clone()));
pub const DEFINITION_EN: Column = col(
    "definition_en",
    "Definition (en)",
    &["Description"],
    "Definition",
    false,
)
.multiline()
.noun("den engelska definitionen", Common)
.cell(Cell::Variable(|v| v.definition.en.clone()));
pub const DATATYPE: Column = col(
    "datatype",
    "Datatyp",
    &["Typ", "Data type"],
    "Data type",
    false,
)
.noun("datatypen", Common)
.cell(Cell::Variable(|v| opt(v.datatype.as_ref())));
pub const FORMAT: Column = col(
    "format",
    "Format",
    &["Längd", "Längd/Format"],
    "Format",
    false,
)
.noun("formatet", Neuter)
.cell(Cell::Variable(|v| v.format.clone()));
pub const UNIT: Column = col("unit", "Enhet", &["Måttenhet", "Unit"], "Unit", false)
    .noun("enheten", Common)
    .cell(Cell::Variable(|v| v.unit.clone()));
/// The unit of measure as a UCUM code: a plain field, carried whole by this table.
pub const UNIT_CODE: Column = col(
    "unit_code",
    "Enhet (UCUM)",
    &["UCUM", "UCUM-kod", "Unit code", "UCUM code"],
    "Unit (UCUM code)",
    false,
)
.label("Enhet (UCUM-kod)", "Unit (UCUM code)")
.noun("UCUM-koden", Common)
.cell(Cell::VariableText(PlainField {
    get: |v| &v.unit_code,
    get_mut: |v| &mut v.unit_code,
    property: crate::store::vocab::varcat::UNIT_CODE,
    check: Some(check_ucum),
}));

/// The form of a UCUM code (case-sensitive c/s syntax): printable ASCII without spaces, at
/// most 64 characters, `[…]` and `{…}` closed. Whether the unit exists is not checked.
fn check_ucum(code: &str) -> Result<(), String> {
    let hint = "write a UCUM code such as kg, mm[Hg], /min or 10*9/L";
    if code.len() > 64 || !code.chars().all(|c| c.is_ascii_graphic()) {
        return Err(format!(
            "{code:?} is not a UCUM code (printable ASCII without spaces): {hint}"
        ));
    }
    let mut open: Option<char> = None;
    for c in code.chars() {
        open = match (open, c) {
            (None, '[') => Some(']'),
            (None, '{') => Some('}'),
            (Some(close), c) if c == close => None,
            (None, ']' | '}') | (Some(_), '[' | '{') => {
                return Err(format!("{code:?} has unmatched brackets: {hint}"));
            }
            (o, _) => o,
        };
    }
    if open.is_some() {
        return Err(format!("{code:?} has unmatched brackets: {hint}"));
    }
    Ok(())
}

pub const VALUE_DOMAIN: Column = col(
    "value_domain",
    "Värdemängd",
    &["Kodverk", "Värdemängd/Kodverk", "Tillåtna värden"],
    "Value domain",
    false,
)
.noun("värdemängden", Common)
.cell(Cell::Variable(|v| opt(v.codebook.as_ref())));
pub const MIN: Column =
    col("min", "Min", &["Minvärde"], "Minimum", false).cell(Cell::Variable(|v| v.min.clone()));
pub const MAX: Column =
    col("max", "Max", &["Maxvärde"], "Maximum", false).cell(Cell::Variable(|v| v.max.clone()));
pub const PATTERN: Column = col("pattern", "Mönster", &["Pattern"], "Pattern", false)
    .cell(Cell::Variable(|v| v.pattern.clone()));
pub const OBLIGATION: Column = col(
    "obligation",
    "Obligatorisk",
    &["Obligatorisk Ja/Nej", "Krav"],
    "Mandatory",
    false,
)
.cell(Cell::Variable(|v| opt(v.obligation.as_ref())));
pub const OWNER: Column = col(
    "owner",
    "Ägare",
    &["Ägare av specifikation", "Ansvarig", "Owner"],
    "Owner",
    false,
)
.noun("ägaren", Common)
.cell(Cell::Variable(|v| opt(v.owner.as_ref())));
pub const COLLECTIONS: Column = col(
    "collections",
    "Datainsamlingar",
    &["Datainsamling", "Insamling"],
    "Data collections",
    false,
)
.list()
.noun("datainsamlingarna", Plural)
.cell(Cell::Variable(|v| {
    v.collections
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(";")
}));
pub const BASED_ON: Column = col(
    "based_on",
    "Gemensamt element",
    &["Baseras på"],
    "Shared element",
    false,
)
.cell(Cell::Variable(|v| opt(v.based_on.as_ref())));
pub const EXACT_MATCH: Column = col(
    "exact_match",
    "Samma som",
    &["Samma information som", "Exakt matchning", "exactMatch"],
    "Same as",
    false,
)
.list()
.noun("variablerna med samma information", Plural)
.cell(Cell::Variable(|v| {
    v.exact_match
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(";")
}));
pub const VERSION: Column = col("version", "Version", &[], "Version", false)
    .noun("versionen", Common)
    .cell(Cell::Variable(|v| v.version.clone()));
pub const STATUS: Column = col("status", "Status", &[], "Status", false)
    .noun("statusen", Common)
    .cell(Cell::Variable(|v| v.status.to_string()));
pub const VALID_FROM: Column = col(
    "valid_from",
    "Giltig från",
    &["Giltig fr.o.m."],
    "Valid from",
    false,
)
.cell(Cell::Variable(|v| v.valid_from.clone()));
pub const VALID_TO: Column = col(
    "valid_to",
    "Giltig till",
    &["Giltig t.o.m."],
    "Valid to",
    false,
)
.cell(Cell::Variable(|v| v.valid_to.clone()));
pub const IN_OUT: Column = col(
    "in_out",
    "Indata/utdata",
    &["In-/utdata", "Diskrepans"],
    "Primary record and secondary use",
    false,
)
.multiline()
.label("Indata och utdata", "Primary record and secondary use")
.cell(Cell::Variable(|v| v.in_out_note.clone()));
pub const TRANSFORMATION: Column = col(
    "transformation",
    "Transformation",
    &[],
    "Transformation",
    false,
)
.multiline()
.cell(Cell::Variable(|v| v.transformation.clone()));
pub const AGGREGATION: Column = col("aggregation", "Aggregering", &[], "Aggregation", false)
    .multiline()
    .cell(Cell::Variable(|v| v.aggregation.clone()));
pub const NOTE: Column = col(
    "note",
    "Kommentar",
    &["Anmärkning", "Tilläggsinformation"],
    "Note (Swedish)",
    false,
)
.multiline()
.label("Kommentar", "Note")
.cell(Cell::Variable(|v| v.note.sv.clone()));
pub const NOTE_EN: Column = col("note_en", "Kommentar (en)", &["Comment"], "Note", false)
    .multiline()
    .cell(Cell::Variable(|v| v.note.en.clone()));

pub const VARIABLES: SheetSpec = SheetSpec {
    kind: SheetKind::Variables,
    name: "variabler",
    synonyms: &["variabel", "variables", "variabellista"],
    columns: &[
        ID,
        SHORT_NAME,
        NAME,
        NAME_EN,
        DEFINITION,
        DEFINITION_EN,
        DATATYPE,
        FORMAT,
        UNIT,
        UNIT_CODE,
        VALUE_DOMAIN,
        MIN,
        MAX,
        PATTERN,
        OBLIGATION,
        OWNER,
        COLLECTIONS,
        BASED_ON,
        EXACT_MATCH,
        VERSION,
        STATUS,
        VALID_FROM,
        VALID_TO,
        IN_OUT,
        TRANSFORMATION,
        AGGREGATION,
        NOTE,
        NOTE_EN,
        REMOVE,
    ],
};

/// The plain text fields of variables ([`Cell::VariableText`]), in sheet order.
pub fn plain() -> impl Iterator<Item = (&'static Column, &'static PlainField)> {
    VARIABLES.columns.iter().filter_map(|c| match &c.cell {
        Cell::VariableText(p) => Some((c, p)),
        _ => None,
    })
}

/// The plain fields a variable fills, as (label in `lang`, text) for its page.
pub fn page_facts(v: &Variable, lang: Language) -> Vec<(&'static str, String)> {
    plain()
        .map(|(c, p)| {
            let label = match lang {
                Language::Sv => c.label.sv,
                Language::En => c.label.en,
            };
            (label, (p.get)(v).clone())
        })
        .filter(|(_, text)| !text.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::check_ucum;

    #[test]
    fn ucum_codes_are_checked_for_their_form() {
        for ok in [
            "kg", "mm[Hg]", "10*9/L", "/min", "%", "{count}", "kg/m2", "d",
        ] {
            assert_eq!(check_ucum(ok), Ok(()), "{ok}");
        }
        for bad in ["k g", "mm[Hg", "kg]", "{a[b}", "µg"] {
            assert!(check_ucum(bad).is_err(), "{bad}");
        }
    }
}
