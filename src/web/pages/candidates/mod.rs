//! `/kandidater` (English `/en/kandidater`): harmonisation candidates, pairs of variables in
//! different data collections that probably hold the same information
//! (`crate::candidates`), ranked, with the reasons in words and links to compare the pair
//! and to propose an improvement. Signed-in editors mark a pair "not the same information"
//! (a form posted from this site only; the one write path, `governance::mark_not_same`): it
//! is kept in the database and not suggested again. The candidates are worked out once per
//! snapshot and viewer (drafts only for editors); the verdicts are read at each request.

pub mod view;

use std::collections::BTreeSet;
use std::sync::Arc;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::candidates::Candidate;
use crate::domain::Status;
use crate::governance::WriteError;
use crate::web::snapshot::Snapshot;
use crate::web::visibility::Viewer;
use crate::web::{State, WebError};

use super::ui_of;

/// Every candidate `viewer` may see, best first, without the pairs judged already.
pub fn listed(state: &State, snap: &Snapshot, viewer: Viewer) -> Result<Vec<Candidate>, WebError> {
    let drafts = viewer.may_see_status(Some(Status::Draft));
    let all: Arc<Vec<Candidate>> = snap.candidates.get_or_make(drafts, || {
        let cat = snap.catalog(viewer);
        crate::candidates::compute(cat, &snap.search, drafts, |id| {
            snap.codebook(viewer, id)
                .ok()
                .flatten()
                .map(|b| b.codes)
                .unwrap_or_default()
        })
        .map_err(WebError::internal)
    })?;
    let judged: BTreeSet<(String, String)> = state
        .db
        .lock()
        .map_err(|_| WebError::lock_poisoned())?
        .verdicts()?
        .into_iter()
        .map(|v| (v.variable_a, v.variable_b))
        .collect();
    Ok(all
        .iter()
        .filter(|c| !judged.contains(&(c.a.to_string(), c.b.to_string())))
        .cloned()
        .collect())
}

#[derive(serde::Deserialize, Default)]
struct PageQuery {
    sida: Option<String>,
    klar: Option<String>,
}

fn answer(status: StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body)
}

/// The page as the request's viewer sees it, with `notice` and `problems` when given.
async fn render(
    req: &HttpRequest,
    state: web::Data<State>,
    status: StatusCode,
    notice: Option<fn(&view::CandidateTexts) -> &'static str>,
    problems: Vec<String>,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(req);
    let viewer = Viewer::of(req, &state).await;
    let path = req.path().to_owned();
    let q = web::Query::<PageQuery>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let sida = q
        .sida
        .and_then(|s| s.trim().parse::<usize>().ok())
        .unwrap_or(1);
    let done = q.klar.is_some();
    let state = state.into_inner();
    let body = web::block(move || -> Result<String, WebError> {
        let snap = state.snapshot();
        let list = listed(&state, &snap, viewer)?;
        let mut page = view::page(
            snap.catalog(viewer),
            ui,
            &path,
            &list,
            sida,
            viewer == Viewer::Editor,
        );
        page.notice = notice
            .or(done.then_some(judged as fn(&view::CandidateTexts) -> &'static str))
            .map(|f| f(page.ct).to_owned());
        page.problems = problems;
        page.render().map_err(WebError::internal)
    })
    .await??;
    Ok(answer(status, body))
}

fn judged(t: &view::CandidateTexts) -> &'static str {
    t.judged
}

async fn show(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    render(&req, state, StatusCode::OK, None, Vec::new()).await
}

#[derive(serde::Deserialize)]
struct Judgement {
    #[serde(default)]
    a: String,
    #[serde(default)]
    b: String,
    #[serde(default)]
    note: String,
    /// Both variables' ETags as the page showed them (the "same" form).
    #[serde(default)]
    etags: String,
}

/// What an editor's form says of a pair.
#[derive(Clone, Copy)]
enum Said {
    Same,
    NotSame,
}

/// An editor's verdict from the page's forms: the same information (both variables change,
/// refused when either changed since the page was shown) or not.
async fn judge(
    req: HttpRequest,
    state: web::Data<State>,
    form: web::Form<Judgement>,
    said: Said,
) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    if !crate::web::origin::same_site(&req, &state) {
        return render(
            &req,
            state,
            StatusCode::FORBIDDEN,
            Some(|t| t.foreign),
            Vec::new(),
        )
        .await;
    }
    let Some(caller) = crate::web::session::editor(&req, &state).await else {
        return Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("{}/logga-in", ui.prefix)))
            .finish());
    };
    let form = form.into_inner();
    let st = state.clone().into_inner();
    let written = web::block(move || -> Result<Result<(), Vec<String>>, WebError> {
        let mut db = st.db.lock().map_err(|_| WebError::lock_poisoned())?;
        let snap = st.snapshot();
        let current = snap.catalog(Viewer::Editor);
        let pair = (form.a.as_str(), form.b.as_str());
        let done = match said {
            Said::NotSame => crate::governance::mark_not_same(
                &mut db,
                st.store.iris(),
                current,
                &caller,
                pair,
                &form.note,
            )
            .map(|_| None),
            Said::Same => crate::governance::mark_same(
                &st.store,
                &mut db,
                current,
                &caller,
                pair,
                Some(form.etags.as_str()),
            )
            .map(|w| w.plan),
        };
        match done {
            Ok(plan) => {
                if let Some(plan) = plan {
                    // Under the lock still, so the next writer reads what this one wrote.
                    st.current.apply(plan)?;
                }
                Ok(Ok(()))
            }
            Err(WriteError::Invalid(problems)) => Ok(Err(problems
                .iter()
                .map(|p| format!("{}: {}", p.field, p.message))
                .collect())),
            Err(e @ (WriteError::Stale { .. } | WriteError::PreconditionRequired { .. })) => {
                Ok(Err(vec![e.to_string()]))
            }
            Err(e) => Err(WebError::internal(e)),
        }
    })
    .await??;
    match written {
        Ok(()) => Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, format!("{}/kandidater?klar=1", ui.prefix)))
            .finish()),
        Err(problems) => {
            render(
                &req,
                state,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                problems,
            )
            .await
        }
    }
}

async fn not_same(
    req: HttpRequest,
    state: web::Data<State>,
    form: web::Form<Judgement>,
) -> Result<HttpResponse, WebError> {
    judge(req, state, form, Said::NotSame).await
}

async fn same(
    req: HttpRequest,
    state: web::Data<State>,
    form: web::Form<Judgement>,
) -> Result<HttpResponse, WebError> {
    judge(req, state, form, Said::Same).await
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kandidater", web::get().to(show))
        .route("/en/kandidater", web::get().to(show))
        .route("/kandidater", web::post().to(not_same))
        .route("/en/kandidater", web::post().to(not_same))
        .route("/kandidater/samma", web::post().to(same))
        .route("/en/kandidater/samma", web::post().to(same));
}
