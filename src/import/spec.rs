//! The spreadsheet format: which sheets exist, their headings and accepted synonyms. The one
//! definition serves the reader (import), the writer (export) and the empty template, and is
//! documented for people in `schemas/spreadsheet-template.md`.

/// One column of a sheet.
#[derive(Debug)]
pub struct Column {
    /// The field this column fills, used by the row parsers.
    pub field: &'static str,
    /// The heading the template and the export write.
    pub heading: &'static str,
    pub synonyms: &'static [&'static str],
    /// The column must be present (and, for new items, filled).
    pub required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SheetKind {
    Organisations,
    Collections,
    ProblemAreas,
    UseCases,
    Steps,
    Bindings,
    Codebooks,
    Codes,
    Variables,
}

#[derive(Debug)]
pub struct SheetSpec {
    pub kind: SheetKind,
    pub name: &'static str,
    pub synonyms: &'static [&'static str],
    pub columns: &'static [Column],
}

const fn col(
    field: &'static str,
    heading: &'static str,
    synonyms: &'static [&'static str],
    required: bool,
) -> Column {
    Column {
        field,
        heading,
        synonyms,
        required,
    }
}

const REMOVE: Column = col("remove", "Ta bort", &["Åtgärd", "Remove", "Radera"], false);

pub const SHEETS: &[SheetSpec] = &[
    SheetSpec {
        kind: SheetKind::Organisations,
        name: "organisationer",
        synonyms: &["organisationer", "organisation", "organisations"],
        columns: &[
            col(
                "orgnr",
                "Organisationsnummer",
                &["Orgnr", "Organisation number"],
                true,
            ),
            col("name", "Namn", &["Organisation"], true),
            col("name_en", "Namn (en)", &["Name"], false),
            col("type", "Typ", &["Organisationstyp", "Publisher type"], true),
            col("homepage", "Webbplats", &["Webbsida", "Homepage"], false),
            col("email", "E-post", &["Epost", "Email", "E-mail"], false),
            REMOVE,
        ],
    },
    SheetSpec {
        kind: SheetKind::Collections,
        name: "datainsamlingar",
        synonyms: &["datainsamling", "insamlingar", "collections", "datasets"],
        columns: &[
            col("id", "Identifierare", &["Id"], true),
            col("title", "Titel", &["Namn"], true),
            col("title_en", "Titel (en)", &["Title"], false),
            col("description", "Beskrivning", &["Definition"], true),
            col(
                "description_en",
                "Beskrivning (en)",
                &["Description"],
                false,
            ),
            col("publisher", "Utgivare", &["Ansvarig", "Publisher"], true),
            col("contact", "Kontakt e-post", &["Kontakt", "Contact"], true),
            col(
                "access",
                "Åtkomst",
                &["Åtkomsträttigheter", "Access rights"],
                true,
            ),
            col(
                "frequency",
                "Frekvens",
                &["Uppdateringsfrekvens", "Frequency"],
                false,
            ),
            col(
                "landing_page",
                "Webbsida",
                &["Landningssida", "Landing page"],
                false,
            ),
            col(
                "health_categories",
                "Hälsokategori",
                &["Hälsokategorier", "Health category", "EHDS-kategori"],
                false,
            ),
            col(
                "hdab",
                "Åtkomstorgan (HDAB)",
                &["HDAB", "Hälsodataåtkomstorgan", "Health data access body"],
                false,
            ),
            REMOVE,
        ],
    },
    SheetSpec {
        kind: SheetKind::ProblemAreas,
        name: "problemomraden",
        synonyms: &["problemomrade", "problem areas"],
        columns: &[
            col("id", "Identifierare", &["Id", "Nr"], true),
            col("label", "Benämning", &["Namn", "Problemformulering"], true),
            col("label_en", "Benämning (en)", &["Label"], false),
            col("description", "Beskrivning", &["Definition"], false),
            col(
                "description_en",
                "Beskrivning (en)",
                &["Description"],
                false,
            ),
            REMOVE,
        ],
    },
    SheetSpec {
        kind: SheetKind::UseCases,
        name: "anvandningsfall",
        synonyms: &["use cases"],
        columns: &[
            col("id", "Identifierare", &["Id"], true),
            col("short_name", "Kortnamn", &["Bokstav"], false),
            col("title", "Titel", &["Namn"], true),
            col("title_en", "Titel (en)", &["Title"], false),
            col("description", "Beskrivning", &[], false),
            col(
                "description_en",
                "Beskrivning (en)",
                &["Description"],
                false,
            ),
            col("problem_areas", "Problemområden", &["Problemområde"], false),
            col("status", "Status", &[], false),
            col(
                "problem_areas_source",
                "Källa problemområden",
                &["Problemområden källa", "Problem areas source"],
                false,
            ),
            REMOVE,
        ],
    },
    SheetSpec {
        kind: SheetKind::Steps,
        name: "steg",
        synonyms: &["steps"],
        columns: &[
            col("use_case", "Användningsfall", &["Use case"], true),
            col("number", "Nr", &["Steg", "Ordning"], true),
            col("description", "Beskrivning", &["Steg beskrivning"], true),
            col(
                "description_en",
                "Beskrivning (en)",
                &["Description"],
                false,
            ),
        ],
    },
    SheetSpec {
        kind: SheetKind::Bindings,
        name: "kopplingar",
        synonyms: &["koppling", "bindings"],
        columns: &[
            col("use_case", "Användningsfall", &["Use case"], true),
            col("variable", "Variabel", &["Variable"], true),
            col("role", "Roll", &["Role"], true),
            col("priority", "Prioritet", &["Priority"], false),
            col("quick_win", "Snabb vinst", &["Quick win"], false),
            col("source", "Källa", &["Source"], false),
            REMOVE,
        ],
    },
    SheetSpec {
        kind: SheetKind::Codebooks,
        name: "kodverk",
        synonyms: &["vardemangder", "codebooks"],
        columns: &[
            col("id", "Identifierare", &["Id"], true),
            col("title", "Titel", &["Namn"], true),
            col("title_en", "Titel (en)", &["Title"], false),
            col("description", "Beskrivning", &["Definition"], false),
            col(
                "description_en",
                "Beskrivning (en)",
                &["Description"],
                false,
            ),
            col("version", "Version", &[], false),
            col("source", "Källa", &["Source"], false),
            col("publisher", "Utgivare", &["Publisher"], false),
            col("status", "Status", &[], false),
            REMOVE,
        ],
    },
    SheetSpec {
        kind: SheetKind::Codes,
        name: "koder",
        synonyms: &["codes"],
        columns: &[
            col("codebook", "Kodverk", &["Codebook"], true),
            col("notation", "Kod", &["Notation", "Värde"], true),
            col("label", "Benämning", &["Klartext", "Label"], true),
            col("label_en", "Benämning (en)", &[], false),
            col("definition", "Definition", &["Beskrivning"], false),
            col("definition_en", "Definition (en)", &[], false),
            col("broader", "Överordnad", &["Broader", "Förälder"], false),
        ],
    },
    SheetSpec {
        kind: SheetKind::Variables,
        name: "variabler",
        synonyms: &["variabel", "variables", "variabellista"],
        columns: &[
            col("id", "Identifierare", &["Id"], false),
            col(
                "short_name",
                "Kortnamn",
                &["Teknisk benämning", "Förkortning"],
                false,
            ),
            col(
                "name",
                "Namn",
                &["Variabelnamn", "Fält", "Fältnamn", "Variabel"],
                true,
            ),
            col("name_en", "Namn (en)", &["Name"], false),
            col("definition", "Definition", &["Beskrivning"], true),
            col("definition_en", "Definition (en)", &["Description"], false),
            col("datatype", "Datatyp", &["Typ", "Data type"], false),
            col("format", "Format", &["Längd", "Längd/Format"], false),
            col("unit", "Enhet", &["Måttenhet", "Unit"], false),
            col(
                "value_domain",
                "Värdemängd",
                &["Kodverk", "Värdemängd/Kodverk", "Tillåtna värden"],
                false,
            ),
            col("min", "Min", &["Minvärde"], false),
            col("max", "Max", &["Maxvärde"], false),
            col("pattern", "Mönster", &["Pattern"], false),
            col(
                "obligation",
                "Obligatorisk",
                &["Obligatorisk Ja/Nej", "Krav"],
                false,
            ),
            col(
                "owner",
                "Ägare",
                &["Ägare av specifikation", "Ansvarig", "Owner"],
                false,
            ),
            col(
                "collections",
                "Datainsamlingar",
                &["Datainsamling", "Insamling"],
                false,
            ),
            col("based_on", "Gemensamt element", &["Baseras på"], false),
            col("version", "Version", &[], false),
            col("status", "Status", &[], false),
            col("valid_from", "Giltig från", &["Giltig fr.o.m."], false),
            col("valid_to", "Giltig till", &["Giltig t.o.m."], false),
            col(
                "in_out",
                "Indata/utdata",
                &["In-/utdata", "Diskrepans"],
                false,
            ),
            col("transformation", "Transformation", &[], false),
            col("aggregation", "Aggregering", &[], false),
            col(
                "note",
                "Kommentar",
                &["Anmärkning", "Tilläggsinformation"],
                false,
            ),
            col("note_en", "Kommentar (en)", &["Comment"], false),
            REMOVE,
        ],
    },
];

/// Folds a heading or sheet name for matching: lower case, å/ä→a, ö→o, only letters and digits.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            'å' | 'ä' | 'á' | 'à' => Some('a'),
            'ö' | 'ø' => Some('o'),
            'é' | 'è' => Some('e'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

impl SheetSpec {
    pub fn by_kind(kind: SheetKind) -> &'static SheetSpec {
        SHEETS
            .iter()
            .find(|s| s.kind == kind)
            .unwrap_or(&SHEETS[SHEETS.len() - 1])
    }

    /// The sheet a name refers to (`Användningsfall`, `anvandningsfall.csv`, …).
    pub fn by_name(name: &str) -> Option<&'static SheetSpec> {
        let f = fold(name.strip_suffix(".csv").unwrap_or(name));
        SHEETS
            .iter()
            .find(|s| fold(s.name) == f || s.synonyms.iter().any(|syn| fold(syn) == f))
    }

    /// The column a heading refers to.
    pub fn column(&self, heading: &str) -> Option<&'static Column> {
        let f = fold(heading);
        if f.is_empty() {
            return None;
        }
        self.columns
            .iter()
            .find(|c| fold(c.heading) == f)
            .or_else(|| {
                self.columns
                    .iter()
                    .find(|c| c.synonyms.iter().any(|s| fold(s) == f))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_synonyms_match_loosely() {
        let v = SheetSpec::by_kind(SheetKind::Variables);
        assert_eq!(
            v.column("VÄRDEMÄNGD/KODVERK").map(|c| c.field),
            Some("value_domain")
        );
        assert_eq!(v.column("Fält").map(|c| c.field), Some("name"));
        assert_eq!(
            v.column("Obligatorisk Ja/Nej").map(|c| c.field),
            Some("obligation")
        );
        assert_eq!(
            v.column("Tilläggsinformation").map(|c| c.field),
            Some("note")
        );
        assert!(v.column("Färg").is_none());
        assert_eq!(
            SheetSpec::by_name("Användningsfall.csv").map(|s| s.kind),
            Some(SheetKind::UseCases)
        );
    }

    #[test]
    fn no_two_columns_of_a_sheet_share_a_folded_name() {
        for sheet in SHEETS {
            let mut seen = std::collections::HashSet::new();
            for c in sheet.columns {
                let names: std::collections::HashSet<String> = std::iter::once(&c.heading)
                    .chain(c.synonyms)
                    .map(|n| fold(n))
                    .collect();
                for name in names {
                    assert!(
                        seen.insert(name.clone()),
                        "{}: {name} is ambiguous",
                        sheet.name
                    );
                }
            }
        }
    }
}
