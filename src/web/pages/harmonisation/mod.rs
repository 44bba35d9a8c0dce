//! `/harmonisering` (English `/en/harmonisering`): the variables per step of the
//! harmonisation method (SKR's final report, Table 5), filterable by data collection, use
//! case and owner of the specification (a GET form), the counts per step as a chart
//! (`/harmonisering.svg`, same query) with the same figures in a table, the key figures read
//! off it (use cases and variables that have reached E), and the data collections' steps.
//! Drawn from the catalogue as the viewer sees it (`visibility`): drafts are not on it for
//! anonymous visitors, nor can a filter name one.

mod section;
mod texts;

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::conformance::charts::{self, Bar};
use crate::domain::{Catalog, Id, Language, MethodStep, OrgNr, Variable};
use crate::web::{State, WebError};

use super::catalogue::{Keep, catalogue_page};
use super::views::{Link, href, pick};
use super::{Ui, render};

pub use section::Section;
pub use texts::Texts;
use texts::step_name;

pub use section::section;

/// The filters of the form; an unknown or invisible value matches nothing.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub collection: String,
    pub use_case: String,
    pub owner: String,
}

impl Filter {
    pub fn parse(query: &str) -> Filter {
        let pairs = web::Query::<Vec<(String, String)>>::from_query(query)
            .map(web::Query::into_inner)
            .unwrap_or_default();
        let mut f = Filter::default();
        for (k, v) in pairs {
            let v: String = v.trim().chars().take(100).collect();
            match k.as_str() {
                "datainsamling" => f.collection = v,
                "anvandningsfall" => f.use_case = v,
                "agare" => f.owner = v,
                _ => {}
            }
        }
        f
    }

    fn keeps(&self, cat: &Catalog, v: &Variable) -> bool {
        (self.collection.is_empty() || v.collections.iter().any(|c| c.as_str() == self.collection))
            && (self.use_case.is_empty()
                || Id::parse(&self.use_case)
                    .ok()
                    .and_then(|u| cat.use_cases.get(&u))
                    .is_some_and(|u| u.bindings.iter().any(|b| b.variable == v.id)))
            && (self.owner.is_empty() || v.owner.as_ref().is_some_and(|o| o.as_str() == self.owner))
    }

    fn query(&self) -> String {
        [
            ("datainsamling", &self.collection),
            ("anvandningsfall", &self.use_case),
            ("agare", &self.owner),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::store::encode_path_segment(v)))
        .collect::<Vec<_>>()
        .join("&")
    }
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct StepGroup {
    pub heading: String,
    pub anchor: String,
    pub variables: Vec<VariableRow>,
}

pub struct VariableRow {
    pub link: Link,
    pub date: String,
    pub illustrative: bool,
}

pub struct CountRow {
    pub step: String,
    pub count: usize,
}

#[derive(Template)]
#[template(path = "pages/harmonisation.html")]
pub struct OverviewPage {
    pub ui: Ui,
    pub t: &'static Texts,
    pub title: String,
    pub switch: String,
    pub collections: Vec<Choice>,
    pub use_cases: Vec<Choice>,
    pub owners: Vec<Choice>,
    pub chart: String,
    pub counts: Vec<CountRow>,
    pub kpis: Vec<String>,
    pub groups: Vec<StepGroup>,
    pub collection_rows: Vec<(Link, String, bool)>,
    pub use_case_rows: Vec<(Link, String, bool)>,
    pub method: Vec<(String, &'static str)>,
}

fn lang(ui: Ui) -> Language {
    if ui.english() {
        Language::En
    } else {
        Language::Sv
    }
}

/// The variables the filter keeps, per step (A–E, then those without a step).
fn per_step<'a>(cat: &'a Catalog, f: &Filter) -> Vec<(Option<MethodStep>, Vec<&'a Variable>)> {
    let mut out: Vec<(Option<MethodStep>, Vec<&Variable>)> = MethodStep::ALL
        .into_iter()
        .map(Some)
        .chain([None])
        .map(|s| (s, Vec::new()))
        .collect();
    for v in cat.variables.values().filter(|v| f.keeps(cat, v)) {
        let i = v.harmonisation.step().map_or(5, |s| s as usize);
        if let Some((_, list)) = out.get_mut(i) {
            list.push(v);
        }
    }
    out
}

/// Use cases and variables that have reached step E, each of all.
pub fn kpis(cat: &Catalog) -> ((usize, usize), (usize, usize)) {
    let at_e = |h: &crate::domain::Harmonisation| h.step() == Some(MethodStep::E);
    let cases = cat
        .use_cases
        .values()
        .filter(|u| at_e(&u.harmonisation))
        .count();
    let vars = cat
        .variables
        .values()
        .filter(|v| at_e(&v.harmonisation))
        .count();
    ((cases, cat.use_cases.len()), (vars, cat.variables.len()))
}

/// An item's step as a table cell: "B – … (2025-06)", or the words for none.
fn step_cell(h: &crate::domain::Harmonisation, t: &Texts, lang: Language) -> String {
    match (h.step(), h.history.last()) {
        (Some(s), Some(e)) => format!("{} ({})", step_name(s, lang), e.date),
        _ => t.no_step.to_owned(),
    }
}

fn choices<'a>(items: impl Iterator<Item = (String, String)>, chosen: &str) -> Vec<Choice> {
    items
        .map(|(value, label)| Choice {
            selected: value == chosen,
            value,
            label,
        })
        .collect()
}

pub fn overview(cat: &Catalog, ui: Ui, path: &str, f: &Filter) -> OverviewPage {
    let t = Texts::of(ui);
    let lang = lang(ui);
    let groups_raw = per_step(cat, f);
    let counts = groups_raw
        .iter()
        .map(|(s, l)| CountRow {
            step: s.map_or_else(|| t.no_step.to_owned(), |s| step_name(s, lang)),
            count: l.len(),
        })
        .collect();
    let groups = groups_raw
        .iter()
        .map(|(s, l)| StepGroup {
            heading: s.map_or_else(|| t.no_step.to_owned(), |s| step_name(s, lang)),
            anchor: s.map_or_else(
                || "steg-inget".to_owned(),
                |s| format!("steg-{}", s.letter()),
            ),
            variables: l
                .iter()
                .map(|v| VariableRow {
                    link: Link {
                        href: href(ui, crate::domain::ItemKind::Variable, v.id.as_str()),
                        label: pick(ui, &v.name),
                    },
                    date: v
                        .harmonisation
                        .history
                        .last()
                        .map(|e| e.date.clone())
                        .unwrap_or_default(),
                    illustrative: v.harmonisation.step_illustrative(),
                })
                .collect(),
        })
        .collect();
    let ((cases, all_cases), (vars, all_vars)) = kpis(cat);
    let kpis = if ui.english() {
        vec![
            format!("Use cases that have reached step E: {cases} of {all_cases}"),
            format!("Variables that have reached step E: {vars} of {all_vars}"),
        ]
    } else {
        vec![
            format!("Användningsfall som nått steg E: {cases} av {all_cases}"),
            format!("Variabler som nått steg E: {vars} av {all_vars}"),
        ]
    };
    let mut owners: Vec<OrgNr> = cat
        .variables
        .values()
        .filter_map(|v| v.owner.clone())
        .collect();
    owners.sort();
    owners.dedup();
    let org_name = |o: &OrgNr| {
        cat.organisations
            .get(o)
            .map(|x| pick(ui, &x.name))
            .unwrap_or_else(|| o.to_string())
    };
    let collection_rows = cat
        .collections
        .values()
        .map(|c| {
            (
                Link {
                    href: href(ui, crate::domain::ItemKind::Collection, c.id.as_str()),
                    label: pick(ui, &c.title),
                },
                step_cell(&c.harmonisation, t, lang),
                c.harmonisation.step_illustrative(),
            )
        })
        .collect();
    let use_case_rows = cat
        .use_cases
        .values()
        .map(|u| {
            (
                Link {
                    href: href(ui, crate::domain::ItemKind::UseCase, u.id.as_str()),
                    label: format!("{} {}", u.short_name, pick(ui, &u.title)),
                },
                step_cell(&u.harmonisation, t, lang),
                u.harmonisation.step_illustrative(),
            )
        })
        .collect();
    let q = f.query();
    OverviewPage {
        ui,
        t,
        title: t.title.to_owned(),
        switch: {
            let s = ui.switch_href(path);
            if q.is_empty() { s } else { format!("{s}?{q}") }
        },
        collections: choices(
            cat.collections
                .values()
                .map(|c| (c.id.to_string(), pick(ui, &c.title))),
            &f.collection,
        ),
        use_cases: choices(
            cat.use_cases.values().map(|u| {
                (
                    u.id.to_string(),
                    format!("{} {}", u.short_name, pick(ui, &u.title)),
                )
            }),
            &f.use_case,
        ),
        owners: choices(
            owners.iter().map(|o| (o.to_string(), org_name(o))),
            &f.owner,
        ),
        chart: if q.is_empty() {
            format!("{}/harmonisering.svg", ui.prefix)
        } else {
            format!("{}/harmonisering.svg?{q}", ui.prefix)
        },
        counts,
        kpis,
        groups,
        collection_rows,
        use_case_rows,
        method: MethodStep::ALL
            .into_iter()
            .map(|s| (step_name(s, lang), s.definition(lang)))
            .collect(),
    }
}

/// The chart of the counts per step, as SVG.
pub fn chart(cat: &Catalog, ui: Ui, f: &Filter) -> Result<String, WebError> {
    let t = Texts::of(ui);
    let lang = lang(ui);
    let groups = per_step(cat, f);
    let max = groups
        .iter()
        .map(|(_, l)| l.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let bars: Vec<Bar> = groups
        .iter()
        .map(|(s, l)| Bar {
            label: s.map_or_else(|| t.no_step.to_owned(), |s| step_name(s, lang)),
            value: Some(l.len() as f64),
            text: l.len().to_string(),
        })
        .collect();
    charts::bars(t.counts_caption, &bars, max as f64, t.count).map_err(WebError::internal_msg)
}

async fn page(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let filter = Filter::parse(req.query_string());
    catalogue_page(req, state, Keep::Query, move |snap, viewer, ui, path, _| {
        render(overview(snap.catalog(viewer), ui, path, &filter))
    })
    .await
}

async fn svg(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let filter = Filter::parse(req.query_string());
    let ui = super::ui_of(&req);
    let viewer = crate::web::visibility::Viewer::of(&req, &state).await;
    let state = state.into_inner();
    let body = web::block(move || chart(state.snapshot().catalog(viewer), ui, &filter)).await??;
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml")
        .insert_header(("Cache-Control", "private, no-cache"))
        .body(body))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/harmonisering", web::get().to(page))
        .route("/en/harmonisering", web::get().to(page))
        .route("/harmonisering.svg", web::get().to(svg))
        .route("/en/harmonisering.svg", web::get().to(svg));
}
