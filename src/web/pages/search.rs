//! The search page `/sok?q=…` (`/en/sok`): results with highlighted matches, facets to narrow
//! them (kind, status, owner, data collection, use case) as plain links, and paging. Works
//! without JavaScript; the search box is in the header of every page.

use askama::Template;

use crate::domain::{Catalog, ItemKind, OrgNr, Status};
use crate::search::{Dimension, DocRef, Hit, Kind, Query, Results, Segment};

use super::Ui;
use super::views::{href, org_name, pick, status_label};

/// Results per page.
pub const PAGE_SIZE: usize = 20;

/// A search request as the URL gives it: `q`, filters (`typ`, `status`, `agare`,
/// `datainsamling`, `anvandningsfall`, each repeatable) and `sida` (page, from 1).
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub q: String,
    pub filters: Vec<(Dimension, String)>,
    pub page: usize,
}

impl Request {
    pub fn parse(pairs: &[(String, String)]) -> Request {
        let mut r = Request {
            page: 1,
            ..Request::default()
        };
        for (k, v) in pairs.iter().take(64) {
            let v = v.trim();
            if k == "q" {
                r.q = v.chars().take(crate::search::MAX_QUERY_CHARS).collect();
            } else if k == "sida" {
                r.page = v.parse().unwrap_or(1).clamp(1, 500);
            } else if let Some(d) = Dimension::parse(k) {
                let v: String = v.chars().take(100).collect();
                if !v.is_empty() && !r.filters.contains(&(d, v.clone())) {
                    r.filters.push((d, v));
                }
            }
        }
        r
    }

    pub fn query(&self) -> Query {
        Query {
            text: self.q.clone(),
            filters: self.filters.clone(),
            offset: (self.page - 1) * PAGE_SIZE,
            limit: PAGE_SIZE,
            include_drafts: false,
        }
    }

    /// This search's URL with `change` applied to its filters and the page reset to 1.
    fn url(&self, ui: Ui, filters: &[(Dimension, String)], page: usize) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode(&self.q)));
        }
        for (d, v) in filters {
            parts.push(format!("{}={}", d.as_str(), encode(v)));
        }
        if page > 1 {
            parts.push(format!("sida={page}"));
        }
        format!("{}/sok?{}", ui.prefix, parts.join("&"))
    }
}

/// Percent-encodes a query-string value (askama then escapes the `&` between pairs).
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

pub struct HitView {
    pub href: String,
    pub kind: &'static str,
    pub title: Vec<Segment>,
    pub snippet: Vec<Segment>,
    /// Where a code belongs, or the item's status when it is not standard.
    pub context: String,
}

pub struct FacetValue {
    pub label: String,
    pub count: u64,
    pub href: String,
    pub active: bool,
}

pub struct FacetGroup {
    pub heading: &'static str,
    pub values: Vec<FacetValue>,
}

pub struct ActiveFilter {
    pub label: String,
    pub remove_href: String,
}

#[derive(Template)]
#[template(path = "pages/search.html")]
pub struct SearchPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub q: String,
    pub searched: bool,
    pub total: usize,
    pub hits: Vec<HitView>,
    pub facets: Vec<FacetGroup>,
    pub active: Vec<ActiveFilter>,
    pub previous: Option<String>,
    pub next: Option<String>,
}

fn kind_label(ui: Ui, k: Kind) -> &'static str {
    let t = ui.t;
    match k {
        Kind::Variable => t.variable,
        Kind::Codebook => t.codebook,
        Kind::Code => t.code,
        Kind::UseCase => t.use_case,
        Kind::Collection => t.collection,
        Kind::ProblemArea => t.problem_area,
        Kind::Organisation => t.organisation,
    }
}

fn dimension_heading(ui: Ui, d: Dimension) -> &'static str {
    let t = ui.t;
    match d {
        Dimension::Kind => t.kind,
        Dimension::Status => t.status,
        Dimension::Owner => t.owner,
        Dimension::Collection => t.collection,
        Dimension::UseCase => t.use_case,
    }
}

fn value_label(cat: &Catalog, ui: Ui, d: Dimension, v: &str) -> String {
    let by_id = |m: &dyn Fn(&crate::domain::Id) -> Option<String>| {
        crate::domain::Id::parse(v)
            .ok()
            .and_then(|id| m(&id))
            .unwrap_or_else(|| v.to_owned())
    };
    match d {
        Dimension::Kind => Kind::parse(v)
            .map(|k| kind_label(ui, k).to_owned())
            .unwrap_or_else(|| v.to_owned()),
        Dimension::Status => Status::parse(v)
            .map(|s| status_label(ui, s).to_owned())
            .unwrap_or_else(|_| v.to_owned()),
        Dimension::Owner => match OrgNr::parse(v) {
            Ok(o) => org_name(ui, cat, &o),
            Err(_) => v.to_owned(),
        },
        Dimension::Collection => by_id(&|id| cat.collections.get(id).map(|c| pick(ui, &c.title))),
        Dimension::UseCase => by_id(&|id| {
            cat.use_cases.get(id).map(|u| {
                let title = pick(ui, &u.title);
                if u.short_name.is_empty() {
                    title
                } else {
                    format!("{} {}", u.short_name, title)
                }
            })
        }),
    }
}

/// Whether a facet value names something in `cat` (what the viewer sees): a public
/// variable's document names every use case that binds it, drafts too.
fn value_visible(cat: &Catalog, d: Dimension, v: &str) -> bool {
    match d {
        Dimension::UseCase => {
            crate::domain::Id::parse(v).is_ok_and(|id| cat.use_cases.contains_key(&id))
        }
        _ => true,
    }
}

/// Whether every filter of `req` names something the viewer sees (`cat`).
pub fn filters_visible(cat: &Catalog, req: &Request) -> bool {
    req.filters.iter().all(|(d, v)| value_visible(cat, *d, v))
}

/// The texts a hit shows (title, body) in the page's language.
fn texts_of(cat: &Catalog, ui: Ui, hit: &Hit) -> Option<(String, String, String, String)> {
    let p = |l: &crate::domain::Lang| pick(ui, l);
    let status = |s: Status| {
        if s == Status::Standard {
            String::new()
        } else {
            status_label(ui, s).to_owned()
        }
    };
    match &hit.doc {
        DocRef::Code { codebook, notation } => {
            let book = cat.codebooks.get(codebook)?;
            let code = hit.code.as_ref()?;
            Some((
                format!(
                    "{}/kodverk/{}#{}",
                    ui.prefix,
                    book.id,
                    super::views::code_anchor(notation)
                ),
                format!("{notation} {}", p(&code.label)),
                p(&code.definition),
                format!("{} {}", ui.t.in_codebook, p(&book.title)),
            ))
        }
        DocRef::Item(key) => {
            let id = crate::domain::Id::parse(&key.id).ok();
            let link = href(ui, key.kind, &key.id);
            let (title, body, ctx) = match key.kind {
                ItemKind::Variable => {
                    let v = cat.variables.get(id.as_ref()?)?;
                    let title = if v.short_name.is_empty() {
                        p(&v.name)
                    } else {
                        format!("{} ({})", p(&v.name), v.short_name)
                    };
                    (title, p(&v.definition), status(v.status))
                }
                ItemKind::Codebook => {
                    let b = cat.codebooks.get(id.as_ref()?)?;
                    (p(&b.title), p(&b.description), status(b.status))
                }
                ItemKind::UseCase => {
                    let u = cat.use_cases.get(id.as_ref()?)?;
                    (p(&u.title), p(&u.description), status(u.status))
                }
                ItemKind::Collection => {
                    let c = cat.collections.get(id.as_ref()?)?;
                    (p(&c.title), p(&c.description), String::new())
                }
                ItemKind::ProblemArea => {
                    let a = cat.problem_areas.get(id.as_ref()?)?;
                    (p(&a.label), p(&a.description), String::new())
                }
                ItemKind::Organisation => {
                    let o = cat.organisations.get(&OrgNr::parse(&key.id).ok()?)?;
                    (p(&o.name), String::new(), o.orgnr.to_string())
                }
            };
            Some((link, title, body, ctx))
        }
    }
}

pub fn page(cat: &Catalog, ui: Ui, path: &str, req: &Request, res: &Results) -> SearchPage {
    let english = ui.english();
    let hits = res
        .hits
        .iter()
        .filter_map(|h| {
            let (href, title, body, context) = texts_of(cat, ui, h)?;
            Some(HitView {
                href,
                kind: kind_label(ui, h.doc.kind()),
                title: res.terms.highlight(&title, english),
                snippet: res.terms.highlight(&body, english),
                context,
            })
        })
        .collect();
    let facets = res
        .facets
        .iter()
        .filter(|(d, values)| values.iter().any(|(v, _)| value_visible(cat, *d, v)))
        .map(|(d, values)| FacetGroup {
            heading: dimension_heading(ui, *d),
            values: values
                .iter()
                .filter(|(v, _)| value_visible(cat, *d, v))
                .take(25)
                .map(|(v, n)| {
                    let key = (*d, v.clone());
                    let active = req.filters.contains(&key);
                    let filters: Vec<_> = if active {
                        req.filters.iter().filter(|f| **f != key).cloned().collect()
                    } else {
                        req.filters.iter().cloned().chain([key]).collect()
                    };
                    FacetValue {
                        label: value_label(cat, ui, *d, v),
                        count: *n,
                        href: req.url(ui, &filters, 1),
                        active,
                    }
                })
                .collect(),
        })
        .collect();
    let active = req
        .filters
        .iter()
        .map(|f| ActiveFilter {
            label: format!(
                "{}: {}",
                dimension_heading(ui, f.0),
                value_label(cat, ui, f.0, &f.1)
            ),
            remove_href: req.url(
                ui,
                &req.filters
                    .iter()
                    .filter(|g| *g != f)
                    .cloned()
                    .collect::<Vec<_>>(),
                1,
            ),
        })
        .collect();
    let shown_to = req.page * PAGE_SIZE;
    let title = if req.q.is_empty() {
        ui.t.search_title.to_owned()
    } else {
        format!("{} – {}", req.q, ui.t.search_title)
    };
    let switch_path = format!("{}{}", path, query_tail(req, ui));
    SearchPage {
        ui,
        title,
        switch: ui.switch_href(&switch_path),
        q: req.q.clone(),
        searched: !req.q.is_empty() || !req.filters.is_empty(),
        total: res.total,
        hits,
        facets,
        active,
        previous: (req.page > 1).then(|| req.url(ui, &req.filters, req.page - 1)),
        next: (shown_to < res.total).then(|| req.url(ui, &req.filters, req.page + 1)),
    }
}

/// The query string of this search, so the language switch keeps it.
fn query_tail(req: &Request, ui: Ui) -> String {
    let full = req.url(ui, &req.filters, req.page);
    full.split_once('?')
        .map(|(_, q)| {
            if q.is_empty() {
                String::new()
            } else {
                format!("?{q}")
            }
        })
        .unwrap_or_default()
}
