//! `/efterlevnad` (English `/en/efterlevnad`): the regions' recorded conformance results. The
//! matrix of the 21 regions × a collection's or a use case's variables (with the use case's
//! readiness per region), a variable's page per region, a region's detail for a variable
//! (rules, row counts, trend), each chart as server-drawn SVG and each table as CSV. What a
//! viewer may not see (drafts, for anonymous visitors) is not on them. Read from the
//! operational database when a result arrived (results arrive without a new snapshot).

mod detail;
mod download;
mod line;
mod view;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::conformance::charts::{self, Bar};
use crate::conformance::results::{self, Cell, Region, Results};
use crate::domain::{Catalog, Id};
use crate::web::visibility::Viewer;
use crate::web::{State, WebError};

use download::csv_of;
pub use line::{KeptRuns, fill, filled};
pub(in crate::web) use line::{marked, splice};
use view::{Choice, Scope, cell_text, no_report, percent, t};

use super::{Ui, not_found_response, ui_of};

/// What a handler answers.
pub(super) enum Answer {
    Html(String),
    Svg(String),
    Csv { name: String, body: String },
    NotFound,
}

fn render(t: impl Template) -> Result<Answer, WebError> {
    t.render().map(Answer::Html).map_err(WebError::internal)
}

/// Answers with what `f` makes of the catalogue as the viewer sees it and the results. Pages
/// and charts are kept per snapshot, viewer, address and latest recorded run, so that a new
/// result is shown at once from the API, and within a second from a `--record` elsewhere
/// (`web::measurements`). A kept one is answered on the worker itself, as it was kept (no
/// copy, no blocking task), while the latest run id read is current.
async fn answer(
    req: HttpRequest,
    state: web::Data<State>,
    f: impl FnOnce(&Catalog, &Results, Ui, &str) -> Result<Answer, WebError> + Send + 'static,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let viewer = Viewer::of(&req, &state).await;
    let path = req.path().to_owned();
    let query = req.query_string().to_owned();
    let p = path.clone();
    let key = move |latest: i64| viewer.key(&format!("efterlevnad|{latest}|{p}?{query}"));
    if let Some(latest) = state.measured.kept_latest()
        && let Some(kept) = state.snapshot().searches.get(&key(latest))
        && let Some(resp) = respond(kept)
    {
        return Ok(resp);
    }
    let state = state.into_inner();
    let answer = web::block(move || -> Result<Result<web::Bytes, Answer>, WebError> {
        let snap = state.snapshot();
        let latest = state.measured.latest(&state.db)?;
        let key = key(latest);
        if let Some(kept) = snap.searches.get(&key) {
            return Ok(Ok(kept));
        }
        let runs = state
            .db
            .lock()
            .map_err(|_| WebError::lock_poisoned())?
            .conformance_all()?;
        let results = Results::new(runs);
        let answer = f(snap.catalog(viewer), &results, ui, &path)?;
        Ok(match pack(answer) {
            Ok(packed) => {
                snap.searches.put(key, packed.clone());
                Ok(packed)
            }
            Err(other) => Err(other),
        })
    })
    .await??;
    Ok(match answer {
        Ok(packed) => respond(packed).ok_or_else(|| WebError::internal_msg("kept answer"))?,
        Err(Answer::Csv { name, body }) => download::response(&name, body),
        Err(_) => not_found_response(ui, req.path()),
    })
}

/// A page or chart as kept: its kind, then its text. Downloads and 404s are not kept (given
/// back as they are).
fn pack(a: Answer) -> Result<web::Bytes, Answer> {
    let (tag, body) = match a {
        Answer::Html(b) => (b'h', b),
        Answer::Svg(b) => (b's', b),
        other => return Err(other),
    };
    let mut out = Vec::with_capacity(body.len() + 1);
    out.push(tag);
    out.extend_from_slice(body.as_bytes());
    Ok(web::Bytes::from(out))
}

/// The answer to a page or chart as kept, its text shared with what is kept.
fn respond(kept: web::Bytes) -> Option<HttpResponse> {
    let (tag, _) = kept.split_first()?;
    let content_type = match tag {
        b'h' => "text/html; charset=utf-8",
        b's' => "image/svg+xml",
        _ => return None,
    };
    Some(
        HttpResponse::Ok()
            .content_type(content_type)
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .body(kept.slice(1..)),
    )
}

#[derive(serde::Deserialize, Default)]
struct Query {
    datainsamling: Option<String>,
    anvandningsfall: Option<String>,
}

/// The scope a query names (a use case before a collection), by default the first
/// collection; `None` when it names what the viewer does not see.
fn scope(cat: &Catalog, query: &str) -> Option<(Scope, String)> {
    let q = web::Query::<Query>::from_query(query)
        .map(web::Query::into_inner)
        .unwrap_or_default();
    if let Some(u) = q.anvandningsfall.filter(|u| !u.is_empty()) {
        let id = Id::parse(&u)
            .ok()
            .filter(|id| cat.use_cases.contains_key(id))?;
        return Some((Scope::UseCase(id.clone()), format!("anvandningsfall={id}")));
    }
    let id = match q.datainsamling.filter(|c| !c.is_empty()) {
        Some(c) => Id::parse(&c)
            .ok()
            .filter(|id| cat.collections.contains_key(id))?,
        None => cat.collections.keys().next()?.clone(),
    };
    Some((Scope::Collection(id.clone()), format!("datainsamling={id}")))
}

fn scope_title(cat: &Catalog, ui: Ui, scope: &Scope) -> String {
    let pick = |l: &crate::domain::Lang| {
        if ui.english() && !l.en.is_empty() {
            l.en.clone()
        } else {
            l.sv.clone()
        }
    };
    match scope {
        Scope::Collection(c) => cat
            .collections
            .get(c)
            .map(|c| {
                format!(
                    "{}: {}",
                    t(ui, "Datainsamling", "Data collection"),
                    pick(&c.title)
                )
            })
            .unwrap_or_default(),
        Scope::UseCase(u) => cat
            .use_cases
            .get(u)
            .map(|u| {
                format!(
                    "{}: {}",
                    t(ui, "Användningsfall", "Use case"),
                    pick(&u.title)
                )
            })
            .unwrap_or_default(),
    }
}

async fn matrix_page(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let query = req.query_string().to_owned();
    answer(req, state, move |cat, results, ui, path| {
        let Some((scope, q)) = scope(cat, &query) else {
            return Ok(Answer::NotFound);
        };
        let title = scope_title(cat, ui, &scope);
        let mut page = view::matrix(cat, results, ui, path, &scope, title, q);
        let pick = |l: &crate::domain::Lang| {
            if ui.english() && !l.en.is_empty() {
                l.en.clone()
            } else {
                l.sv.clone()
            }
        };
        page.collections = cat
            .collections
            .values()
            .map(|c| Choice {
                value: c.id.to_string(),
                label: pick(&c.title),
                selected: scope == Scope::Collection(c.id.clone()),
            })
            .collect();
        page.use_cases = cat
            .use_cases
            .values()
            .map(|u| Choice {
                value: u.id.to_string(),
                label: pick(&u.title),
                selected: scope == Scope::UseCase(u.id.clone()),
            })
            .collect();
        render(page)
    })
    .await
}

async fn matrix_csv(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let query = req.query_string().to_owned();
    answer(req, state, move |cat, results, ui, _| {
        let Some((scope, _)) = scope(cat, &query) else {
            return Ok(Answer::NotFound);
        };
        let regions = results::regions(cat, ui.english());
        let vars = view::scope_variables(cat, &scope);
        let rows = regions
            .iter()
            .flat_map(|r| {
                vars.iter()
                    .map(move |(v, _)| (r, v.as_str(), results.latest(&r.orgnr, v.as_str())))
            })
            .collect();
        let name = match &scope {
            Scope::Collection(c) => format!("efterlevnad-{c}.csv"),
            Scope::UseCase(u) => format!("efterlevnad-{u}.csv"),
        };
        csv_of(ui, name, rows)
    })
    .await
}

/// The variable `id` the viewer sees.
fn variable<'a>(cat: &'a Catalog, id: &str) -> Option<&'a crate::domain::Variable> {
    Id::parse(id).ok().and_then(|id| cat.variables.get(&id))
}

async fn variable_page(
    req: HttpRequest,
    id: web::Path<String>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    answer(req, state, move |cat, results, ui, path| {
        match variable(cat, &id) {
            Some(v) => render(detail::variable(cat, results, ui, path, v)),
            None => Ok(Answer::NotFound),
        }
    })
    .await
}

async fn variable_csv(
    req: HttpRequest,
    id: web::Path<String>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    answer(req, state, move |cat, results, ui, _| {
        let Some(v) = variable(cat, &id) else {
            return Ok(Answer::NotFound);
        };
        let regions = results::regions(cat, ui.english());
        let rows = regions
            .iter()
            .map(|r| (r, v.id.as_str(), results.latest(&r.orgnr, v.id.as_str())))
            .collect();
        csv_of(ui, format!("efterlevnad-{}.csv", v.id), rows)
    })
    .await
}

fn svg(r: Result<String, String>) -> Result<Answer, WebError> {
    r.map(Answer::Svg).map_err(WebError::internal_msg)
}

async fn variable_svg(
    req: HttpRequest,
    id: web::Path<String>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    answer(req, state, move |cat, results, ui, _| {
        let Some(v) = variable(cat, &id) else {
            return Ok(Answer::NotFound);
        };
        let bars: Vec<Bar> = results::regions(cat, ui.english())
            .iter()
            .map(|r| {
                let cell = results.latest(&r.orgnr, v.id.as_str());
                Bar {
                    label: r.name.clone(),
                    value: cell.and_then(Cell::share),
                    text: cell.map_or_else(|| no_report(ui).to_owned(), |c| cell_text(ui, c)),
                }
            })
            .collect();
        let title = detail::name(ui, v);
        svg(charts::bars(
            &title,
            &bars,
            100.0,
            t(
                ui,
                "Andel rader enligt specifikationen (%)",
                "Share of rows per specification (%)",
            ),
        ))
    })
    .await
}

async fn use_case_svg(
    req: HttpRequest,
    id: web::Path<String>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    answer(req, state, move |cat, results, ui, _| {
        let Some(u) = Id::parse(&id).ok().and_then(|id| cat.use_cases.get(&id)) else {
            return Ok(Answer::NotFound);
        };
        let regions = results::regions(cat, ui.english());
        let vars = view::scope_variables(cat, &Scope::UseCase(u.id.clone()));
        let ready = view::readiness(&regions, &vars, results);
        let max = ready.first().map_or(1, |r| r.1).max(1);
        let bars: Vec<Bar> = regions
            .iter()
            .zip(&ready)
            .map(|(r, x)| Bar {
                label: r.name.clone(),
                value: x.2.then_some(x.0 as f64),
                text: view::ready_text(ui, *x),
            })
            .collect();
        let title = if ui.english() && !u.title.en.is_empty() {
            &u.title.en
        } else {
            &u.title.sv
        };
        let axis = format!(
            "{} ({} {})",
            t(
                ui,
                "Obligatoriska variabler enligt specifikationen",
                "Required variables per specification"
            ),
            t(ui, "från", "from"),
            percent(ui, results::THRESHOLD)
        );
        svg(charts::bars(title, &bars, max as f64, &axis))
    })
    .await
}

/// The region and variable of a detail path, as the viewer sees them.
fn region_and_variable<'a>(
    cat: &'a Catalog,
    ui: Ui,
    orgnr: &str,
    id: &str,
) -> Option<(Region, &'a crate::domain::Variable)> {
    Some((
        results::region(cat, orgnr, ui.english())?,
        variable(cat, id)?,
    ))
}

async fn detail_page(
    req: HttpRequest,
    p: web::Path<(String, String)>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let (orgnr, id) = p.into_inner();
    answer(
        req,
        state,
        move |cat, results, ui, path| match region_and_variable(cat, ui, &orgnr, &id)
            .and_then(|(r, v)| detail::detail(results, ui, path, &r, v))
        {
            Some(page) => render(page),
            None => Ok(Answer::NotFound),
        },
    )
    .await
}

async fn detail_csv(
    req: HttpRequest,
    p: web::Path<(String, String)>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let (orgnr, id) = p.into_inner();
    answer(req, state, move |cat, results, ui, _| {
        let Some((r, v)) = region_and_variable(cat, ui, &orgnr, &id) else {
            return Ok(Answer::NotFound);
        };
        let Some(trend) = results.trend(&r.orgnr, v.id.as_str()) else {
            return Ok(Answer::NotFound);
        };
        let rows = trend
            .values()
            .map(|c| (&r, v.id.as_str(), Some(c)))
            .collect();
        csv_of(ui, format!("efterlevnad-{}-{}.csv", r.orgnr, v.id), rows)
    })
    .await
}

async fn detail_svg(
    req: HttpRequest,
    p: web::Path<(String, String)>,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let (orgnr, id) = p.into_inner();
    answer(req, state, move |cat, results, ui, _| {
        let Some((r, v)) = region_and_variable(cat, ui, &orgnr, &id) else {
            return Ok(Answer::NotFound);
        };
        if results.trend(&r.orgnr, v.id.as_str()).is_none() {
            return Ok(Answer::NotFound);
        }
        let points = detail::trend_points(results, ui, &r.orgnr, v.id.as_str());
        let title = format!("{} – {}", detail::name(ui, v), r.name);
        svg(charts::trend(&title, &points, "%"))
    })
    .await
}

/// The routes, Swedish and English; the fixed paths before the patterns that would take them.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/efterlevnad", web::get().to(matrix_page))
        .route("/efterlevnad.csv", web::get().to(matrix_csv))
        .route(
            "/efterlevnad/variabel/{id}.csv",
            web::get().to(variable_csv),
        )
        .route("/efterlevnad/variabel/{id}", web::get().to(variable_page))
        .route(
            "/efterlevnad/diagram/variabel/{id}.svg",
            web::get().to(variable_svg),
        )
        .route(
            "/efterlevnad/diagram/anvandningsfall/{id}.svg",
            web::get().to(use_case_svg),
        )
        .route(
            "/efterlevnad/diagram/{orgnr}/{id}.svg",
            web::get().to(detail_svg),
        )
        .route("/efterlevnad/{orgnr}/{id}.csv", web::get().to(detail_csv))
        .route("/efterlevnad/{orgnr}/{id}", web::get().to(detail_page))
        .route("/en/efterlevnad", web::get().to(matrix_page))
        .route("/en/efterlevnad.csv", web::get().to(matrix_csv))
        .route(
            "/en/efterlevnad/variabel/{id}.csv",
            web::get().to(variable_csv),
        )
        .route(
            "/en/efterlevnad/variabel/{id}",
            web::get().to(variable_page),
        )
        .route(
            "/en/efterlevnad/diagram/variabel/{id}.svg",
            web::get().to(variable_svg),
        )
        .route(
            "/en/efterlevnad/diagram/anvandningsfall/{id}.svg",
            web::get().to(use_case_svg),
        )
        .route(
            "/en/efterlevnad/diagram/{orgnr}/{id}.svg",
            web::get().to(detail_svg),
        )
        .route(
            "/en/efterlevnad/{orgnr}/{id}.csv",
            web::get().to(detail_csv),
        )
        .route("/en/efterlevnad/{orgnr}/{id}", web::get().to(detail_page));
}
