//! Page views: domain values turned into what the templates show, already in the page's
//! language, with links that stay in that language. Templates escape every text. Each view is
//! given the catalogue as the viewer sees it (`visibility`), so it lists what it holds.

use std::collections::BTreeMap;

use askama::Template;

use crate::domain::{Catalog, Codebook, Counts, Id, ItemKey, ItemKind, Lang, OrgNr, Role, Status};
use crate::store::Iris;

use super::Ui;
pub use super::tree::TreeItem;
use super::tree::codebook_tree;

#[derive(Debug, Clone)]
pub struct Link {
    pub href: String,
    pub label: String,
}

/// One row of a fact table: a label, a text and, if the text names an item, its link.
pub struct Fact {
    pub label: &'static str,
    pub value: String,
    pub href: Option<String>,
}

pub(super) fn pick(ui: Ui, l: &Lang) -> String {
    if ui.english() && !l.en.is_empty() {
        l.en.clone()
    } else {
        l.sv.clone()
    }
}

pub(super) fn href(ui: Ui, kind: ItemKind, id: &str) -> String {
    let id = match (kind, OrgNr::parse(id)) {
        (ItemKind::Organisation, Ok(o)) => format!("SE{}", o.digits()),
        _ => id.to_owned(),
    };
    format!("{}/{}/{}", ui.prefix, kind.path_segment(), id)
}

pub(super) fn status_label(ui: Ui, s: Status) -> &'static str {
    s.label(ui.lang())
}

fn fact(label: &'static str, value: impl Into<String>) -> Option<Fact> {
    let value = value.into();
    (!value.is_empty()).then_some(Fact {
        label,
        value,
        href: None,
    })
}

fn linked(label: &'static str, value: String, href: String) -> Option<Fact> {
    Some(Fact {
        label,
        value,
        href: Some(href),
    })
}

pub(super) fn org_name(ui: Ui, cat: &Catalog, o: &OrgNr) -> String {
    cat.organisations
        .get(o)
        .map(|x| pick(ui, &x.name))
        .unwrap_or_else(|| o.to_string())
}

/// Download links for an item's RDF.
fn downloads(path: &str) -> Vec<Link> {
    let p = path.strip_prefix("/en").unwrap_or(path);
    [("ttl", "Turtle"), ("rdf", "RDF/XML"), ("jsonld", "JSON-LD")]
        .iter()
        .map(|(e, l)| Link {
            href: format!("{p}.{e}"),
            label: (*l).to_owned(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "pages/start.html")]
pub struct StartPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub counts: Counts,
    pub use_cases: Vec<(Link, String, String)>,
    pub recent: Vec<(Link, String)>,
}

pub fn start(
    cat: &Catalog,
    counts: Counts,
    ui: Ui,
    path: &str,
    modified: &BTreeMap<String, String>,
    iris: &Iris,
) -> StartPage {
    let mut ordered: Vec<_> = cat.use_cases.values().collect();
    ordered.sort_by(|a, b| {
        (a.short_name.is_empty(), &a.short_name, &a.id).cmp(&(
            b.short_name.is_empty(),
            &b.short_name,
            &b.id,
        ))
    });
    let use_cases = ordered
        .into_iter()
        .map(|u| {
            (
                Link {
                    href: href(ui, ItemKind::UseCase, u.id.as_str()),
                    label: pick(ui, &u.title),
                },
                u.short_name.clone(),
                pick(ui, &u.description),
            )
        })
        .collect();
    let mut recent: Vec<(&String, &String)> = modified.iter().map(|(k, v)| (v, k)).collect();
    recent.sort_by(|a, b| b.cmp(a));
    let recent = recent
        .into_iter()
        .filter_map(|(when, iri)| {
            // Only what `cat` (what the viewer sees) holds has a label.
            let key = iris.item_of(iri)?;
            let label = label_of(cat, &key, ui)?;
            Some((
                Link {
                    href: href(ui, key.kind, &key.id),
                    label,
                },
                when.get(..10).unwrap_or(when).to_owned(),
            ))
        })
        .take(10)
        .collect();
    StartPage {
        ui,
        title: ui.t.tagline.to_owned(),
        switch: ui.switch_href(path),
        counts,
        use_cases,
        recent,
    }
}

pub(super) fn label_of(cat: &Catalog, key: &ItemKey, ui: Ui) -> Option<String> {
    let id = Id::parse(&key.id).ok();
    Some(match key.kind {
        ItemKind::Organisation => pick(
            ui,
            &cat.organisations.get(&OrgNr::parse(&key.id).ok()?)?.name,
        ),
        ItemKind::Collection => pick(ui, &cat.collections.get(&id?)?.title),
        ItemKind::ProblemArea => pick(ui, &cat.problem_areas.get(&id?)?.label),
        ItemKind::Codebook => pick(ui, &cat.codebooks.get(&id?)?.title),
        ItemKind::Variable => pick(ui, &cat.variables.get(&id?)?.name),
        ItemKind::UseCase => pick(ui, &cat.use_cases.get(&id?)?.title),
    })
}

/// A page for one item.
#[derive(Template)]
#[template(path = "pages/item.html")]
pub struct ItemPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub kind: &'static str,
    pub iri: String,
    pub short_name: String,
    pub lead: String,
    pub facts: Vec<Fact>,
    pub notes: Vec<Fact>,
    pub steps: Vec<String>,
    pub codes_heading: &'static str,
    pub tree: Vec<TreeItem>,
    pub lists: Vec<(&'static str, Vec<Link>)>,
    pub bindings: Vec<BindingRow>,
    pub downloads: Vec<Link>,
    pub printable: bool,
    /// A warning shown above everything: retired, superseded or draft.
    pub notice: Option<&'static str>,
    /// The item's history page (status changes and audit entries).
    pub history: String,
    /// Where a variable or data collection stands in the harmonisation method.
    pub harmonisation: Option<super::harmonisation::Section>,
}

pub struct BindingRow {
    pub link: Link,
    pub role: &'static str,
    pub priority: String,
    pub quick_win: &'static str,
    /// The binding's source, or the words for an illustrative binding.
    pub source: String,
}

impl ItemPage {
    fn new(ui: Ui, path: &str, kind: &'static str, title: String, iri: String) -> Self {
        Self {
            ui,
            title,
            switch: ui.switch_href(path),
            kind,
            iri,
            short_name: String::new(),
            lead: String::new(),
            facts: Vec::new(),
            notes: Vec::new(),
            steps: Vec::new(),
            codes_heading: ui.t.codes,
            tree: Vec::new(),
            lists: Vec::new(),
            bindings: Vec::new(),
            downloads: downloads(path),
            printable: false,
            notice: None,
            history: format!("{}/historik", path.trim_end_matches('/')),
            harmonisation: None,
        }
    }
}

/// The warning on the page of an item that is not (or no longer) for reuse.
fn status_notice(ui: Ui, s: Status) -> Option<&'static str> {
    match s {
        Status::Retired => Some(ui.t.retired_notice),
        Status::Superseded => Some(ui.t.superseded_notice),
        Status::Draft => Some(ui.t.draft_notice),
        _ => None,
    }
}

/// The element id of a code on its codebook page.
pub(super) fn code_anchor(notation: &str) -> String {
    let safe: String = notation
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("kod-{safe}")
}

/// `book` is the codebook, with its codes, whose codes the page lists (the codebook itself,
/// or a variable's value domain); the catalogue's own codebooks may come without codes.
pub fn item(
    cat: &Catalog,
    key: &ItemKey,
    ui: Ui,
    path: &str,
    modified: &BTreeMap<String, String>,
    iris: &Iris,
    book: Option<&Codebook>,
) -> Option<ItemPage> {
    let t = ui.t;
    let iri = iris.item(key).as_str().to_owned();
    let id = Id::parse(&key.id).ok();
    let mut p = match key.kind {
        ItemKind::Variable => {
            let v = cat.variables.get(&id?)?;
            let mut p = ItemPage::new(ui, path, t.variable, pick(ui, &v.name), iri.clone());
            p.short_name = v.short_name.clone();
            p.lead = pick(ui, &v.definition);
            let dt = v.datatype.or_else(|| {
                v.based_on
                    .as_ref()
                    .and_then(|b| cat.variables.get(b))
                    .and_then(|b| b.datatype)
            });
            p.facts.extend(fact(
                t.datatype,
                dt.map(|d| d.label(ui.lang())).unwrap_or_default(),
            ));
            p.facts.extend(fact(t.format, v.format.clone()));
            p.facts.extend(fact(t.unit, v.unit.clone()));
            if let Some(cb) = &v.codebook {
                let label = cat
                    .codebooks
                    .get(cb)
                    .map(|b| pick(ui, &b.title))
                    .unwrap_or_else(|| cb.to_string());
                p.facts.extend(linked(
                    t.value_domain,
                    label,
                    href(ui, ItemKind::Codebook, cb.as_str()),
                ));
            }
            if !v.min.is_empty() || !v.max.is_empty() {
                p.facts
                    .extend(fact(t.range, format!("{} – {}", v.min, v.max)));
            }
            p.facts.extend(fact(t.pattern, v.pattern.clone()));
            let obligation = v.obligation.map(|o| o.label(ui.lang()));
            p.facts
                .extend(fact(t.obligation, obligation.unwrap_or_default()));
            if let Some(o) = &v.owner {
                p.facts.extend(linked(
                    t.owner,
                    org_name(ui, cat, o),
                    href(ui, ItemKind::Organisation, o.as_str()),
                ));
            }
            if let Some(b) = &v.based_on {
                let label = cat
                    .variables
                    .get(b)
                    .map(|x| pick(ui, &x.name))
                    .unwrap_or_else(|| b.to_string());
                p.facts.extend(linked(
                    t.shared_element,
                    label,
                    href(ui, ItemKind::Variable, b.as_str()),
                ));
            }
            p.facts.extend(fact(t.version, v.version.clone()));
            p.facts.extend(fact(t.status, status_label(ui, v.status)));
            p.notice = status_notice(ui, v.status);
            if !v.valid_from.is_empty() || !v.valid_to.is_empty() {
                p.facts
                    .extend(fact(t.valid, format!("{} – {}", v.valid_from, v.valid_to)));
            }
            // The plain fields the field table carries whole, under their labels.
            p.facts.extend(
                crate::fields::variables::page_facts(v, ui.lang())
                    .into_iter()
                    .filter_map(|(label, text)| fact(label, text)),
            );
            p.notes.extend(fact(t.in_out, v.in_out_note.clone()));
            p.notes
                .extend(fact(t.transformation, v.transformation.clone()));
            p.notes.extend(fact(t.aggregation, v.aggregation.clone()));
            p.facts.extend(fact(t.note, pick(ui, &v.note)));
            if let Some(cb) = &v.codebook {
                let codes = book
                    .filter(|b| b.id == *cb)
                    .or_else(|| cat.codebooks.get(cb))
                    .map(|b| &b.codes[..])
                    .unwrap_or_default();
                p.codes_heading = t.value_domain;
                p.tree = codebook_tree(ui, codes);
            }
            let collections = v
                .collections
                .iter()
                .map(|c| Link {
                    href: href(ui, ItemKind::Collection, c.as_str()),
                    label: cat
                        .collections
                        .get(c)
                        .map(|x| pick(ui, &x.title))
                        .unwrap_or_else(|| c.to_string()),
                })
                .collect();
            p.lists.push((t.carried_by, collections));
            if let Some(same) = super::candidates::view::same_as(ui, cat, v) {
                p.lists.push(same);
            }
            for u in cat.use_cases.values() {
                if let Some(b) = u.bindings.iter().find(|b| b.variable == v.id) {
                    p.bindings.push(binding_row(
                        ui,
                        Link {
                            href: href(ui, ItemKind::UseCase, u.id.as_str()),
                            label: pick(ui, &u.title),
                        },
                        b,
                    ));
                }
            }
            p
        }
        ItemKind::Codebook => {
            let c = cat.codebooks.get(&id?)?;
            let mut p = ItemPage::new(ui, path, t.codebook, pick(ui, &c.title), iri.clone());
            p.lead = pick(ui, &c.description);
            p.facts.extend(fact(t.version, c.version.clone()));
            p.facts.extend(fact(t.status, status_label(ui, c.status)));
            p.notice = status_notice(ui, c.status);
            p.facts.extend(fact(t.source, c.source.clone()));
            if let Some(o) = &c.publisher {
                p.facts.extend(linked(
                    t.publisher,
                    org_name(ui, cat, o),
                    href(ui, ItemKind::Organisation, o.as_str()),
                ));
            }
            let codes = book
                .filter(|b| b.id == c.id)
                .map_or(&c.codes[..], |b| &b.codes[..]);
            p.facts.extend(fact(t.codes, codes.len().to_string()));
            p.tree = codebook_tree(ui, codes);
            p.printable = true;
            for ext in ["csv", "xlsx"] {
                p.downloads.push(Link {
                    href: format!("/kodverk/{}.{ext}", c.id),
                    label: ext.to_uppercase(),
                });
            }
            let users = cat
                .variables
                .values()
                .filter(|v| v.codebook.as_ref() == Some(&c.id))
                .map(|v| Link {
                    href: href(ui, ItemKind::Variable, v.id.as_str()),
                    label: pick(ui, &v.name),
                })
                .collect();
            p.lists.push((t.variables, users));
            p
        }
        ItemKind::UseCase => {
            let u = cat.use_cases.get(&id?)?;
            let mut p = ItemPage::new(ui, path, t.use_case, pick(ui, &u.title), iri.clone());
            p.short_name = u.short_name.clone();
            p.lead = pick(ui, &u.description);
            p.facts.extend(fact(t.status, status_label(ui, u.status)));
            p.notice = status_notice(ui, u.status);
            p.steps = u.steps.iter().map(|s| pick(ui, &s.description)).collect();
            for ext in ["csv", "xlsx"] {
                p.downloads.push(Link {
                    href: format!("/anvandningsfall/{}/variabler.{ext}", u.id),
                    label: format!("{} ({})", t.variables, ext.to_uppercase()),
                });
            }
            let areas = u
                .problem_areas
                .iter()
                .map(|a| Link {
                    href: href(ui, ItemKind::ProblemArea, a.as_str()),
                    label: cat
                        .problem_areas
                        .get(a)
                        .map(|x| pick(ui, &x.label))
                        .unwrap_or_else(|| a.to_string()),
                })
                .collect();
            p.lists.push((t.problem_areas, areas));
            if !u.problem_areas.is_empty() {
                p.facts.extend(fact(
                    t.problem_area_links,
                    if u.problem_areas_illustrative() {
                        t.illustrative_link.to_owned()
                    } else {
                        u.problem_areas_source.clone()
                    },
                ));
            }
            for b in &u.bindings {
                let label = cat
                    .variables
                    .get(&b.variable)
                    .map(|v| pick(ui, &v.name))
                    .unwrap_or_else(|| b.variable.to_string());
                p.bindings.push(binding_row(
                    ui,
                    Link {
                        href: href(ui, ItemKind::Variable, b.variable.as_str()),
                        label,
                    },
                    b,
                ));
            }
            p
        }
        ItemKind::Collection => {
            let c = cat.collections.get(&id?)?;
            let mut p = ItemPage::new(ui, path, t.collection, pick(ui, &c.title), iri.clone());
            p.lead = pick(ui, &c.description);
            p.facts.extend(linked(
                t.publisher,
                org_name(ui, cat, &c.publisher),
                href(ui, ItemKind::Organisation, c.publisher.as_str()),
            ));
            p.facts.extend(linked(
                t.contact,
                c.contact_email.clone(),
                format!("mailto:{}", c.contact_email),
            ));
            p.facts.extend(fact(t.access, c.access.label(ui.lang())));
            p.facts.extend(fact(
                t.frequency,
                c.frequency.map(|f| f.label(ui.lang())).unwrap_or_default(),
            ));
            if !c.landing_page.is_empty() {
                p.facts.extend(linked(
                    t.landing_page,
                    c.landing_page.clone(),
                    c.landing_page.clone(),
                ));
            }
            let categories: Vec<&str> = c
                .health_categories
                .iter()
                .map(|h| h.label(ui.lang()))
                .collect();
            p.facts
                .extend(fact(t.health_category, categories.join("; ")));
            if let Some(h) = &c.hdab {
                p.facts.extend(linked(
                    t.hdab,
                    org_name(ui, cat, h),
                    href(ui, ItemKind::Organisation, h.as_str()),
                ));
            }
            p.facts.extend(linked(
                t.distribution,
                "CSV".into(),
                format!("/datainsamling/{}/variabler.csv", c.id),
            ));
            for ext in ["csv", "xlsx"] {
                p.downloads.push(Link {
                    href: format!("/datainsamling/{}/variabler.{ext}", c.id),
                    label: format!("{} ({})", t.variables, ext.to_uppercase()),
                });
            }
            let vars = cat
                .variables
                .values()
                .filter(|v| v.collections.contains(&c.id))
                .map(|v| Link {
                    href: href(ui, ItemKind::Variable, v.id.as_str()),
                    label: pick(ui, &v.name),
                })
                .collect();
            p.lists.push((t.variables, vars));
            p
        }
        ItemKind::Organisation => {
            let o = cat.organisations.get(&OrgNr::parse(&key.id).ok()?)?;
            let mut p = ItemPage::new(ui, path, t.organisation, pick(ui, &o.name), iri.clone());
            p.facts.extend(fact(t.orgnr, o.orgnr.to_string()));
            p.facts
                .extend(fact(t.type_, o.publisher_type.label(ui.lang())));
            if !o.homepage.is_empty() {
                p.facts.extend(linked(
                    t.landing_page,
                    o.homepage.clone(),
                    o.homepage.clone(),
                ));
            }
            let colls = cat
                .collections
                .values()
                .filter(|c| c.publisher == o.orgnr)
                .map(|c| Link {
                    href: href(ui, ItemKind::Collection, c.id.as_str()),
                    label: pick(ui, &c.title),
                })
                .collect();
            let vars = cat
                .variables
                .values()
                .filter(|v| v.owner.as_ref() == Some(&o.orgnr))
                .map(|v| Link {
                    href: href(ui, ItemKind::Variable, v.id.as_str()),
                    label: pick(ui, &v.name),
                })
                .collect();
            let books = cat
                .codebooks
                .values()
                .filter(|c| c.publisher.as_ref() == Some(&o.orgnr))
                .map(|c| Link {
                    href: href(ui, ItemKind::Codebook, c.id.as_str()),
                    label: pick(ui, &c.title),
                })
                .collect();
            p.lists.push((t.collections, colls));
            p.lists.push((t.variables, vars));
            p.lists.push((t.codebooks, books));
            p
        }
        ItemKind::ProblemArea => {
            let a = cat.problem_areas.get(&id?)?;
            let mut p = ItemPage::new(ui, path, t.problem_areas, pick(ui, &a.label), iri.clone());
            p.lead = pick(ui, &a.description);
            let ucs = cat
                .use_cases
                .values()
                .filter(|u| u.problem_areas.contains(&a.id))
                .map(|u| Link {
                    href: href(ui, ItemKind::UseCase, u.id.as_str()),
                    label: pick(ui, &u.title),
                })
                .collect();
            p.lists.push((t.use_cases, ucs));
            p
        }
    };
    if let Some(m) = modified.get(&iri) {
        p.facts.push(Fact {
            label: if ui.english() { "Modified" } else { "Ändrad" },
            value: m.get(..10).unwrap_or(m).to_owned(),
            href: None,
        });
    }
    Some(p)
}

fn binding_row(ui: Ui, link: Link, b: &crate::domain::Binding) -> BindingRow {
    let t = ui.t;
    BindingRow {
        link,
        role: b.role.label(ui.lang()),
        priority: b.priority.map(|p| p.to_string()).unwrap_or_default(),
        quick_win: if b.quick_win { t.yes } else { t.no },
        source: if b.is_illustrative() {
            t.illustrative_binding.to_owned()
        } else {
            b.source.clone()
        },
    }
}

#[derive(Template)]
#[template(path = "pages/matrix.html")]
pub struct MatrixPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub columns: Vec<(Link, String)>,
    pub rows: Vec<(Link, Vec<String>, usize)>,
    pub totals: Vec<usize>,
}

pub fn matrix(cat: &Catalog, ui: Ui, path: &str) -> MatrixPage {
    let mut ucs: Vec<_> = cat.use_cases.values().collect();
    ucs.sort_by(|a, b| {
        (a.short_name.is_empty(), &a.short_name, &a.id).cmp(&(
            b.short_name.is_empty(),
            &b.short_name,
            &b.id,
        ))
    });
    let columns = ucs
        .iter()
        .map(|u| {
            (
                Link {
                    href: href(ui, ItemKind::UseCase, u.id.as_str()),
                    label: pick(ui, &u.title),
                },
                u.short_name.clone(),
            )
        })
        .collect();
    let (req, opt) = if ui.english() { ("R", "O") } else { ("O", "V") };
    let mut totals = vec![0; ucs.len()];
    let mut rows = Vec::new();
    for v in cat.variables.values() {
        let cells: Vec<String> = ucs
            .iter()
            .map(|u| match u.bindings.iter().find(|b| b.variable == v.id) {
                Some(b) => format!(
                    "{}{}",
                    if b.role == Role::Required { req } else { opt },
                    if b.quick_win { " ★" } else { "" }
                ),
                None => String::new(),
            })
            .collect();
        let n = cells.iter().filter(|c| !c.is_empty()).count();
        if n == 0 {
            continue;
        }
        for (i, c) in cells.iter().enumerate() {
            if !c.is_empty() {
                totals[i] += 1;
            }
        }
        rows.push((
            Link {
                href: href(ui, ItemKind::Variable, v.id.as_str()),
                label: pick(ui, &v.name),
            },
            cells,
            n,
        ));
    }
    rows.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.label.cmp(&b.0.label)));
    MatrixPage {
        ui,
        title: ui.t.matrix_title.to_owned(),
        switch: ui.switch_href(path),
        columns,
        rows,
        totals,
    }
}

#[derive(Template)]
#[template(path = "pages/not_found.html")]
pub struct NotFoundPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
}

pub fn not_found(ui: Ui, path: &str) -> NotFoundPage {
    NotFoundPage {
        ui,
        title: ui.t.not_found.to_owned(),
        switch: ui.switch_href(path),
    }
}

#[derive(Template)]
#[template(path = "pages/compare.html")]
pub struct ComparePage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub columns: Vec<Link>,
    /// (label, one value per variable, whether the values differ)
    pub rows: Vec<(&'static str, Vec<String>, bool)>,
    pub missing: Vec<String>,
}

/// Two or more variables side by side; rows whose values differ are marked.
pub fn compare(cat: &Catalog, ui: Ui, path: &str, ids: &[String]) -> ComparePage {
    let t = ui.t;
    let mut vars = Vec::new();
    let mut missing = Vec::new();
    for raw in ids {
        match Id::parse(raw).ok().and_then(|id| cat.variables.get(&id)) {
            Some(v) => vars.push(v),
            None => missing.push(raw.clone()),
        }
    }
    let columns = vars
        .iter()
        .map(|v| Link {
            href: href(ui, ItemKind::Variable, v.id.as_str()),
            label: pick(ui, &v.name),
        })
        .collect();
    let field = |f: &dyn Fn(&crate::domain::Variable) -> String| {
        vars.iter().map(|v| f(v)).collect::<Vec<_>>()
    };
    let candidates: Vec<(&'static str, Vec<String>)> = vec![
        (t.short_name, field(&|v| v.short_name.clone())),
        (t.definition, field(&|v| pick(ui, &v.definition))),
        (
            t.datatype,
            field(&|v| {
                v.datatype
                    .map(|d| d.label(ui.lang()).to_owned())
                    .unwrap_or_default()
            }),
        ),
        (t.format, field(&|v| v.format.clone())),
        (t.unit, field(&|v| v.unit.clone())),
        (
            t.value_domain,
            field(&|v| {
                v.codebook
                    .as_ref()
                    .and_then(|c| cat.codebooks.get(c))
                    .map(|b| pick(ui, &b.title))
                    .unwrap_or_default()
            }),
        ),
        (
            t.range,
            field(&|v| {
                if v.min.is_empty() && v.max.is_empty() {
                    String::new()
                } else {
                    format!("{} – {}", v.min, v.max)
                }
            }),
        ),
        (
            t.obligation,
            field(&|v| {
                v.obligation
                    .map(|o| o.label(ui.lang()).to_owned())
                    .unwrap_or_default()
            }),
        ),
        (
            t.owner,
            field(&|v| {
                v.owner
                    .as_ref()
                    .map(|o| org_name(ui, cat, o))
                    .unwrap_or_default()
            }),
        ),
        (
            t.carried_by,
            field(&|v| {
                v.collections
                    .iter()
                    .map(|c| {
                        cat.collections
                            .get(c)
                            .map(|x| pick(ui, &x.title))
                            .unwrap_or_else(|| c.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            }),
        ),
        (t.version, field(&|v| v.version.clone())),
        (t.status, field(&|v| status_label(ui, v.status).to_owned())),
        (t.in_out, field(&|v| v.in_out_note.clone())),
        (t.transformation, field(&|v| v.transformation.clone())),
        (t.aggregation, field(&|v| v.aggregation.clone())),
    ];
    let rows = candidates
        .into_iter()
        .filter(|(_, values)| values.iter().any(|x| !x.is_empty()))
        .map(|(label, values)| {
            let differs = values.windows(2).any(|w| w[0] != w[1]);
            (label, values, differs)
        })
        .collect();
    let title = if ui.english() {
        "Compare variables"
    } else {
        "Jämför variabler"
    };
    ComparePage {
        ui,
        title: title.to_owned(),
        switch: format!("{}?{}", ui.switch_href(path), query_of(ids)),
        columns,
        rows,
        missing,
    }
}

fn query_of(ids: &[String]) -> String {
    ids.iter()
        .filter(|i| Id::parse(i).is_ok())
        .map(|i| format!("id={i}"))
        .collect::<Vec<_>>()
        .join("&")
}
