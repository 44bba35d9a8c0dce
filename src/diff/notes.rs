//! Change notes for people: one line per changed item, in Swedish or English, built from the
//! field differences ("Variabeln Väntetid i dagar: definitionen ändrad; status ändrad
//! (kandidat → standard)").

use crate::domain::ItemKind;
use crate::fields::{Gender, SheetKind, SheetSpec};

use super::{Change, FieldChange, RowChange};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Language {
    Sv,
    En,
}

impl From<Language> for crate::domain::Language {
    fn from(l: Language) -> Self {
        match l {
            Language::Sv => crate::domain::Language::Sv,
            Language::En => crate::domain::Language::En,
        }
    }
}

/// Values up to this length are quoted in a note ("status ändrad (kandidat → standard)").
const SHOWN_VALUE: usize = 40;

fn item_noun(kind: ItemKind, lang: Language) -> &'static str {
    match (lang, kind) {
        (Language::Sv, ItemKind::Variable) => "Variabeln",
        (Language::Sv, ItemKind::Codebook) => "Kodverket",
        (Language::Sv, ItemKind::UseCase) => "Användningsfallet",
        (Language::Sv, ItemKind::Collection) => "Datainsamlingen",
        (Language::Sv, ItemKind::Organisation) => "Organisationen",
        (Language::Sv, ItemKind::ProblemArea) => "Problemområdet",
        (Language::En, ItemKind::Variable) => "Variable",
        (Language::En, ItemKind::Codebook) => "Codebook",
        (Language::En, ItemKind::UseCase) => "Use case",
        (Language::En, ItemKind::Collection) => "Data collection",
        (Language::En, ItemKind::Organisation) => "Organisation",
        (Language::En, ItemKind::ProblemArea) => "Problem area",
    }
}

fn changed_sv(g: Gender) -> &'static str {
    match g {
        Gender::Common => "ändrad",
        Gender::Neuter => "ändrat",
        Gender::Plural => "ändrade",
    }
}

/// A field's name in a sentence: Swedish in definite form ("definitionen", its noun in
/// `fields`), with its gender; English by its key ("definition", "name (English)").
fn field_name(sheet: SheetKind, f: &FieldChange, lang: Language) -> (String, Gender) {
    if lang == Language::En {
        let name = match f.field.strip_suffix("_en") {
            Some(base) => format!("{} (English)", base.replace('_', " ")),
            None => f.field.replace('_', " "),
        };
        return (name, Gender::Common);
    }
    match SheetSpec::by_kind(sheet)
        .field(f.field)
        .and_then(|c| c.noun)
    {
        Some((definite, gender)) => (definite.to_owned(), gender),
        None => (format!("fältet ”{}”", f.heading), Gender::Neuter),
    }
}

fn field_note(sheet: SheetKind, f: &FieldChange, lang: Language) -> String {
    let (name, gender) = field_name(sheet, f, lang);
    let changed = match lang {
        Language::Sv => changed_sv(gender),
        Language::En => "changed",
    };
    let mut s = format!("{name} {changed}");
    let short = |v: &str| v.chars().count() <= SHOWN_VALUE && !v.contains('\n');
    if short(&f.before) && short(&f.after) {
        let show = |v: &str| {
            if v.is_empty() {
                "–".to_owned()
            } else {
                crate::domain::labelled_cell(f.field, v, lang.into())
            }
        };
        s.push_str(&format!(" ({} → {})", show(&f.before), show(&f.after)));
    }
    s
}

/// The gender of an item kind's noun (variabeln: common; kodverket: neuter).
fn item_gender(kind: ItemKind) -> Gender {
    match kind {
        ItemKind::Codebook | ItemKind::UseCase | ItemKind::ProblemArea => Gender::Neuter,
        _ => Gender::Common,
    }
}

fn part_noun(sheet: SheetKind, lang: Language) -> &'static str {
    match (lang, sheet) {
        (Language::Sv, SheetKind::Codes) => "kod",
        (Language::Sv, SheetKind::Steps) => "steg",
        (Language::Sv, SheetKind::Bindings) => "variabel",
        (Language::En, SheetKind::Codes) => "code",
        (Language::En, SheetKind::Steps) => "step",
        (Language::En, SheetKind::Bindings) => "variable",
        (
            Language::Sv,
            SheetKind::VariableHistory | SheetKind::CollectionHistory | SheetKind::UseCaseHistory,
        ) => "harmoniseringssteg",
        (Language::Sv, SheetKind::VariableGroups | SheetKind::CollectionGroups) => {
            "referensgruppsmedlem"
        }
        (
            Language::En,
            SheetKind::VariableHistory | SheetKind::CollectionHistory | SheetKind::UseCaseHistory,
        ) => "harmonisation step",
        (Language::En, SheetKind::VariableGroups | SheetKind::CollectionGroups) => {
            "reference group member"
        }
        (Language::Sv, SheetKind::Registrations) => "registrering hos",
        (Language::Sv, SheetKind::Mappings) => "mappning",
        (Language::En, SheetKind::Mappings) => "mapping",
        (Language::En, SheetKind::Registrations) => "registration at",
        _ => "",
    }
}

fn row_note(c: &Change, lang: Language) -> String {
    let gender = match c.sheet {
        SheetKind::Steps
        | SheetKind::VariableHistory
        | SheetKind::CollectionHistory
        | SheetKind::UseCaseHistory => Gender::Neuter,
        _ if c.part.is_some() => Gender::Common,
        _ => item_gender(c.item.kind),
    };
    let (new, added, removed) = match (lang, gender) {
        (Language::Sv, Gender::Neuter) => ("nytt", "tillagt", "borttaget"),
        (Language::Sv, _) => ("ny", "tillagd", "borttagen"),
        (Language::En, _) => ("new", "added", "removed"),
    };
    let fields = |fs: &[FieldChange]| {
        fs.iter()
            .map(|f| field_note(c.sheet, f, lang))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (&c.part, &c.what) {
        (None, RowChange::Added) => new.to_owned(),
        (None, RowChange::Removed) => removed.to_owned(),
        (None, RowChange::Changed { fields: fs }) => fields(fs),
        (Some(p), what) => {
            let head = format!("{} {p}", part_noun(c.sheet, lang));
            match what {
                RowChange::Added => format!("{head} {added}"),
                RowChange::Removed => format!("{head} {removed}"),
                RowChange::Changed { fields: fs } => format!("{head}: {}", fields(fs)),
            }
        }
    }
}

/// One line per item, in the order the changes come (items grouped).
pub fn notes(changes: &[Change], lang: Language) -> Vec<String> {
    let mut lines: Vec<(String, Vec<String>)> = Vec::new();
    let mut order: std::collections::BTreeMap<(u8, String), usize> = Default::default();
    for c in changes {
        let key = (c.item.kind as u8, c.item.id.clone());
        let i = *order.entry(key).or_insert_with(|| {
            lines.push((
                format!("{} {}", item_noun(c.item.kind, lang), c.name),
                Vec::new(),
            ));
            lines.len() - 1
        });
        lines[i].1.push(row_note(c, lang));
    }
    lines
        .into_iter()
        .map(|(head, parts)| format!("{head}: {}", parts.join("; ")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Catalog, Code, Codebook, Id, ItemMapExt, Lang, Status, Variable};

    fn catalog(definition: &str, codes: &[&str]) -> Catalog {
        let mut cat = Catalog::default();
        let id = Id::parse("vantetid-dagar").expect("id");
        let mut v = Variable::new(
            id.clone(),
            Lang::new("Väntetid i dagar", "Waiting time in days"),
            Lang::new(definition, ""),
        );
        v.status = Status::Standard;
        cat.variables.insert(id, v);
        let cb = Id::parse("vardform").expect("id");
        cat.codebooks.insert(
            cb.clone(),
            Codebook {
                id: cb,
                title: Lang::new("Vårdform", "Type of care"),
                description: Lang::default(),
                version: "1".into(),
                source: String::new(),
                publisher: None,
                subset_of: None,
                subset_of_version: String::new(),
                selection: String::new(),
                status: Status::Standard,
                codes: codes
                    .iter()
                    .map(|n| Code {
                        notation: (*n).into(),
                        label: Lang::new(format!("Vårdform {n}"), ""),
                        definition: Lang::default(),
                        broader: None,
                        mappings: Vec::new(),
                    })
                    .collect(),
                registrations: Vec::new(),
            },
        );
        cat
    }

    #[test]
    fn notes_name_the_item_the_field_and_the_code() {
        let old = catalog("Dagar från beslut.", &["1", "2"]);
        let new = catalog("Dagar från beslut till besök.", &["1", "2", "3"]);
        let changes = super::super::catalogs(&old, &new);
        let sv = notes(&changes, Language::Sv);
        assert_eq!(
            sv,
            [
                "Kodverket Vårdform: kod 3 tillagd",
                "Variabeln Väntetid i dagar: definitionen ändrad (Dagar från beslut. → Dagar från beslut till besök.)",
            ]
        );
        let en = notes(&changes, Language::En);
        assert_eq!(en[0], "Codebook Vårdform: code 3 added");
        assert!(
            en[1].starts_with("Variable Väntetid i dagar: definition changed"),
            "{en:?}"
        );
    }

    #[test]
    fn terms_are_quoted_by_their_label_in_the_note_s_language() {
        let old = catalog("x", &["1"]);
        let mut new = old.clone();
        new.variables.replace_each(|_, v| {
            let mut v = v.clone();
            v.status = Status::Candidate;
            v.datatype = Some(crate::domain::DataType::Integer);
            Some(v)
        });
        let changes = super::super::catalogs(&old, &new);
        let en = notes(&changes, Language::En).join("\n");
        assert!(en.contains("datatype changed (– → integer)"), "{en}");
        assert!(en.contains("status changed (standard → candidate)"), "{en}");
        let sv = notes(&changes, Language::Sv).join("\n");
        assert!(sv.contains("statusen ändrad (standard → kandidat)"), "{sv}");
    }

    #[test]
    fn identical_catalogues_have_no_notes() {
        let a = catalog("x", &["1"]);
        assert!(super::super::catalogs(&a, &a.clone()).is_empty());
    }
}
