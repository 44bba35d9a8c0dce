//! What the candidates page shows, in Swedish and English: each pair's variables with their
//! collections, the score and the reasons in words, and the links to compare and to propose.

use askama::Template;

use crate::candidates::{Candidate, Reason};
use crate::domain::{Catalog, Id, ItemKind, Lang, Language, Variable};

use super::super::Ui;

pub struct CandidateTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub none: &'static str,
    pub rank: &'static str,
    pub score: &'static str,
    pub variables: &'static str,
    pub reasons: &'static str,
    pub actions: &'static str,
    pub compare: &'static str,
    pub propose: &'static str,
    pub not_same: &'static str,
    pub same: &'static str,
    pub note: &'static str,
    pub in_collections: &'static str,
    pub page: &'static str,
    pub previous: &'static str,
    pub next: &'static str,
    pub sign_in_to_judge: &'static str,
    pub judged: &'static str,
    pub foreign: &'static str,
}

pub const SV: CandidateTexts = CandidateTexts {
    title: "Harmoniseringskandidater",
    intro: "Par av variabler i olika datainsamlingar som troligen avser samma information (problemområde 7: samma information i flera olika insamlingar). Paren föreslås av sökmotorns likhet mellan namn och definitioner och av värdemängden (samma kodverk eller gemensamma koder), rangordnade efter poäng (0–1). Ett förslag är inget beslut: jämför variablerna och föreslå en förbättring.",
    none: "Inga kandidater just nu.",
    rank: "Nr",
    score: "Poäng",
    variables: "Variabler",
    reasons: "Skäl",
    actions: "Gör",
    compare: "Jämför",
    propose: "Föreslå förbättring",
    not_same: "Inte samma information",
    same: "Samma information",
    note: "Anteckning",
    in_collections: "i",
    page: "Sida",
    previous: "Föregående",
    next: "Nästa",
    sign_in_to_judge: "Inloggade redaktörer kan markera ett par som samma information (skos:exactMatch, visas på båda variablerna) eller som inte samma information; paret föreslås då inte igen.",
    judged: "Paret är markerat och föreslås inte igen.",
    foreign: "Formuläret kom inte från den här webbplatsen; ingenting ändrades.",
};

pub const EN: CandidateTexts = CandidateTexts {
    title: "Harmonisation candidates",
    intro: "Pairs of variables in different data collections that probably hold the same information (problem area 7: the same information in several collections). The pairs are suggested by the search engine's similarity of names and definitions and by the value domain (the same codebook or shared codes), ranked by score (0–1). A suggestion is no decision: compare the variables and propose an improvement.",
    none: "No candidates at present.",
    rank: "No.",
    score: "Score",
    variables: "Variables",
    reasons: "Reasons",
    actions: "Actions",
    compare: "Compare",
    propose: "Propose an improvement",
    not_same: "Not the same information",
    same: "The same information",
    note: "Note",
    in_collections: "in",
    page: "Page",
    previous: "Previous",
    next: "Next",
    sign_in_to_judge: "Signed-in editors can mark a pair as the same information (skos:exactMatch, shown on both variables) or as not the same information; it is then not suggested again.",
    judged: "The pair is marked and is not suggested again.",
    foreign: "The form did not come from this site; nothing was changed.",
};

pub fn texts(ui: Ui) -> &'static CandidateTexts {
    if ui.english() { &EN } else { &SV }
}

fn pick(lang: Language, l: &Lang) -> String {
    if lang == Language::En && !l.en.is_empty() {
        l.en.clone()
    } else {
        l.sv.clone()
    }
}

fn codebook_title(cat: &Catalog, id: &Id, lang: Language) -> String {
    cat.codebooks
        .get(id)
        .map_or_else(|| id.to_string(), |b| pick(lang, &b.title))
}

fn percent(x: f32) -> String {
    format!("{:.0} %", (x * 100.0).clamp(0.0, 100.0))
}

/// A reason in words.
pub fn words(reason: &Reason, cat: &Catalog, lang: Language) -> String {
    let en = lang == Language::En;
    match reason {
        Reason::SimilarText { similarity } => {
            if en {
                format!(
                    "similar names and definitions (the search engine's similarity {})",
                    percent(*similarity)
                )
            } else {
                format!(
                    "liknande namn och definitioner (sökmotorns likhet {})",
                    percent(*similarity)
                )
            }
        }
        Reason::SameCodebook { codebook } => {
            let t = codebook_title(cat, codebook, lang);
            if en {
                format!("the same codebook: {t}")
            } else {
                format!("samma kodverk: {t}")
            }
        }
        Reason::SharedCodes {
            codebooks: [x, y],
            shared,
            of,
        } => {
            let (x, y) = (codebook_title(cat, x, lang), codebook_title(cat, y, lang));
            if en {
                format!("the codebooks {x} and {y} share {shared} of {of} codes")
            } else {
                format!("kodverken {x} och {y} har {shared} av {of} koder gemensamt")
            }
        }
        Reason::SameDatatype { datatype } => {
            if en {
                format!("the same data type ({}), no codebook", datatype.label(lang))
            } else {
                format!("samma datatyp ({}), inget kodverk", datatype.label(lang))
            }
        }
    }
}

pub struct Side {
    pub id: String,
    pub href: String,
    pub name: String,
    pub collections: String,
}

fn side(ui: Ui, cat: &Catalog, v: &Variable) -> Side {
    let collections = v
        .collections
        .iter()
        .map(|c| {
            cat.collections
                .get(c)
                .map_or_else(|| c.to_string(), |x| pick(ui.lang(), &x.title))
        })
        .collect::<Vec<_>>()
        .join(", ");
    Side {
        id: v.id.to_string(),
        href: super::super::views::href(ui, ItemKind::Variable, v.id.as_str()),
        name: pick(ui.lang(), &v.name),
        collections,
    }
}

pub struct Row {
    pub n: usize,
    pub score: String,
    pub a: Side,
    pub b: Side,
    pub reasons: Vec<String>,
    pub compare: String,
    pub propose: String,
    /// Both variables' current ETags, for the "same" form (editors only).
    pub etags: String,
}

#[derive(Template)]
#[template(path = "pages/candidates.html")]
pub struct CandidatesPage {
    pub ui: Ui,
    pub ct: &'static CandidateTexts,
    pub title: String,
    pub switch: String,
    pub editor: bool,
    pub notice: Option<String>,
    pub problems: Vec<String>,
    pub total: usize,
    pub rows: Vec<Row>,
    pub page: usize,
    pub pages: usize,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// Pairs shown on one page.
pub const PER_PAGE: usize = 50;

/// The page `page` (from 1) of `list` as `ui` shows it.
pub fn page(
    cat: &Catalog,
    ui: Ui,
    path: &str,
    list: &[Candidate],
    page: usize,
    editor: bool,
) -> CandidatesPage {
    let pages = list.len().div_ceil(PER_PAGE).max(1);
    let page = page.clamp(1, pages);
    let rows = list
        .iter()
        .enumerate()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .filter_map(|(i, c)| {
            let a = cat.variables.get(&c.a)?;
            let b = cat.variables.get(&c.b)?;
            let pair = format!("id={}&id={}", c.a, c.b);
            Some(Row {
                n: i + 1,
                score: format!("{:.2}", c.score),
                a: side(ui, cat, a),
                b: side(ui, cat, b),
                reasons: c.reasons.iter().map(|r| words(r, cat, ui.lang())).collect(),
                compare: format!("{}/jamfor?{pair}", ui.prefix),
                propose: format!("{}/forslag/ny?{pair}", ui.prefix),
                etags: if editor {
                    [&c.a, &c.b]
                        .map(|id| {
                            let key = crate::domain::ItemKey {
                                kind: crate::domain::ItemKind::Variable,
                                id: id.to_string(),
                            };
                            crate::governance::etag(cat, &key).unwrap_or_default()
                        })
                        .join(", ")
                } else {
                    String::new()
                },
            })
        })
        .collect();
    let at = |p: usize| format!("{}/kandidater?sida={p}", ui.prefix);
    let ct = texts(ui);
    CandidatesPage {
        ui,
        ct,
        title: ct.title.to_owned(),
        switch: ui.switch_href(path),
        editor,
        notice: None,
        problems: Vec::new(),
        total: list.len(),
        rows,
        page,
        pages,
        previous: (page > 1).then(|| at(page - 1)),
        next: (page < pages).then(|| at(page + 1)),
    }
}

/// The variable page's list of the variables judged to hold the same information as `v`
/// (`skos:exactMatch`), when there are any.
pub fn same_as(
    ui: Ui,
    cat: &Catalog,
    v: &Variable,
) -> Option<(&'static str, Vec<super::super::views::Link>)> {
    if v.exact_match.is_empty() {
        return None;
    }
    let links = v
        .exact_match
        .iter()
        .map(|m| super::super::views::Link {
            href: super::super::views::href(ui, ItemKind::Variable, m.as_str()),
            label: cat
                .variables
                .get(m)
                .map_or_else(|| m.to_string(), |x| pick(ui.lang(), &x.name)),
        })
        .collect();
    let label = if ui.english() {
        "Same information as"
    } else {
        "Samma information som"
    };
    Some((label, links))
}
