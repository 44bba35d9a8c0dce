//! The words of the harmonisation pages, in Swedish and English.

use crate::domain::{Language, MethodStep};

use super::super::Ui;

pub struct Texts {
    pub title: &'static str,
    pub lead: &'static str,
    pub method_source: &'static str,
    pub section: &'static str,
    pub step_label: &'static str,
    pub no_step: &'static str,
    pub illustrative_step: &'static str,
    pub illustrative_entry: &'static str,
    pub illustrative_note: &'static str,
    pub history: &'static str,
    pub date: &'static str,
    pub step: &'static str,
    pub note: &'static str,
    pub source: &'static str,
    pub reference_group: &'static str,
    pub organisation: &'static str,
    pub role: &'static str,
    pub overview_link: &'static str,
    pub filter: &'static str,
    pub collection: &'static str,
    pub use_case: &'static str,
    pub owner: &'static str,
    pub all: &'static str,
    pub show: &'static str,
    pub counts_caption: &'static str,
    pub count: &'static str,
    pub chart_alt: &'static str,
    pub kpis: &'static str,
    pub variables: &'static str,
    pub variable: &'static str,
    pub collections: &'static str,
    pub use_cases: &'static str,
    pub none: &'static str,
    pub no_owner: &'static str,
}

pub const SV: Texts = Texts {
    title: "Harmonisering",
    lead: "Var variablerna och datainsamlingarna står i metoden för fortsatt arbete med nationell harmonisering av variabler: A etablera dialog, B användningsfall och datainsamlingar, C datainsamlingar och variabler, D variabelförbättring, E realisera.",
    method_source: "Metoden: SKR, Gemensam hantering av data och analys för regionerna, slutrapport (juni 2025), avsnitt 2.3.1.3, Tabell 5.",
    section: "Harmonisering",
    step_label: "Steg i harmoniseringsmetoden",
    no_step: "Inget steg registrerat",
    illustrative_step: "Illustrativt: ingen källa anger steget.",
    illustrative_entry: "Illustrativt (ingen källa)",
    illustrative_note: "Steg utan källa är illustrativa och markeras så här och i RDF (skos:editorialNote).",
    history: "Historik i metoden",
    date: "Datum",
    step: "Steg",
    note: "Anteckning",
    source: "Källa",
    reference_group: "Referensgrupp",
    organisation: "Organisation",
    role: "Roll",
    overview_link: "Alla variabler per steg",
    filter: "Filtrera",
    collection: "Datainsamling",
    use_case: "Användningsfall",
    owner: "Ägare av specifikationen",
    all: "Alla",
    show: "Visa",
    counts_caption: "Antal variabler per steg",
    count: "Antal variabler",
    chart_alt: "Stapeldiagram: antal variabler per steg; samma siffror finns i tabellen.",
    kpis: "Nyckeltal",
    variables: "Variabler",
    variable: "Variabel",
    collections: "Datainsamlingar",
    use_cases: "Användningsfall",
    none: "Inga",
    no_owner: "Ingen ägare",
};

pub const EN: Texts = Texts {
    title: "Harmonisation",
    lead: "Where the variables and data collections stand in the method for continued work on the national harmonisation of variables: A establish dialogue, B use cases and data collections, C data collections and variables, D variable improvement, E realise.",
    method_source: "The method: SKR, Joint management of data and analysis for the regions, final report (June 2025), section 2.3.1.3, Table 5.",
    section: "Harmonisation",
    step_label: "Step of the harmonisation method",
    no_step: "No step recorded",
    illustrative_step: "Illustrative: no source gives this step.",
    illustrative_entry: "Illustrative (no source)",
    illustrative_note: "Steps without a source are illustrative, marked so here and in the RDF (skos:editorialNote).",
    history: "History in the method",
    date: "Date",
    step: "Step",
    note: "Note",
    source: "Source",
    reference_group: "Reference group",
    organisation: "Organisation",
    role: "Role",
    overview_link: "All variables per step",
    filter: "Filter",
    collection: "Data collection",
    use_case: "Use case",
    owner: "Owner of the specification",
    all: "All",
    show: "Show",
    counts_caption: "Number of variables per step",
    count: "Number of variables",
    chart_alt: "Bar chart: number of variables per step; the table gives the same figures.",
    kpis: "Key figures",
    variables: "Variables",
    variable: "Variable",
    collections: "Data collections",
    use_cases: "Use cases",
    none: "None",
    no_owner: "No owner",
};

impl Texts {
    pub fn of(ui: Ui) -> &'static Texts {
        if ui.english() { &EN } else { &SV }
    }
}

/// "C – Datainsamlingar och variabler".
pub fn step_name(s: MethodStep, lang: Language) -> String {
    format!("{} – {}", s.letter(), s.label(lang))
}
