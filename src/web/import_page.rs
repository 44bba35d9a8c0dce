//! The import page for signed-in editors (`/importera`, `/en/importera`): upload an xlsx,
//! ods, csv, Turtle or RDF/XML file or a zip of a CSV folder, see what it would change item by
//! item and field by field (or every bad cell, with sheet, row, column and heading), and
//! confirm. Nothing is written before the confirmation; the upload waits in the database
//! (`db::pending`). The preview is tied to the catalogue state it was made on: when anything
//! changed before the confirmation, the import is refused and a fresh preview shown. Posts are
//! accepted only from the site's own pages (the `Origin` header), so a form on another site
//! cannot import anything.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::db::PendingImport;
use crate::governance::Caller;

use super::origin::same_site;
use super::pages::{Ui, ui_of};
use super::writer::{self, ImportOutcome, ImportRequest, ProblemOut, WriterError};
use super::{State, WebError};

/// How long an upload waits for its confirmation.
const PENDING_MINUTES: i64 = 60;

pub struct ImportTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub file: &'static str,
    pub prune: &'static str,
    pub preview: &'static str,
    pub confirm: &'static str,
    pub again: &'static str,
    pub sign_in_first: &'static str,
    pub problems: &'static str,
    pub sheet: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub message: &'static str,
    pub would: &'static str,
    pub nothing: &'static str,
    pub done: &'static str,
    pub added: &'static str,
    pub changed: &'static str,
    pub removed: &'static str,
    pub stale: &'static str,
    pub gone: &'static str,
    pub foreign: &'static str,
}

const SV: ImportTexts = ImportTexts {
    title: "Importera",
    intro: "Ladda upp en arbetsbok (xlsx, ods), en CSV-fil, en zip-fil med en mapp av CSV-filer eller ett kodverk i SKOS (Turtle, RDF/XML). Du ser först vad importen skulle ändra; ingenting skrivs förrän du bekräftar.",
    file: "Fil",
    prune: "Ta också bort det som filen inte längre listar (av de slag den innehåller)",
    preview: "Förhandsgranska",
    confirm: "Importera",
    again: "Importera en annan fil",
    sign_in_first: "Import kräver en inloggad redaktör.",
    problems: "Filen kan inte importeras. Inget har ändrats. Rätta dessa celler och försök igen:",
    sheet: "Blad",
    row: "Rad",
    column: "Kolumn",
    message: "Problem",
    would: "Importen skulle lägga till {a}, ändra {c} och ta bort {r}:",
    nothing: "Katalogen innehåller redan allt i filen; importen skulle inte ändra något.",
    done: "Importerat: {a} tillagda, {c} ändrade, {r} borttagna (importkörning {run}).",
    added: "tillagd",
    changed: "ändrad",
    removed: "borttagen",
    stale: "Katalogen har ändrats sedan förhandsgranskningen gjordes. Ingenting importerades; här är en ny förhandsgranskning mot katalogen som den är nu.",
    gone: "Uppladdningen finns inte längre (den sparas en timme). Ladda upp filen igen.",
    foreign: "Formuläret kom inte från den här webbplatsen; ingenting importerades.",
};

const EN: ImportTexts = ImportTexts {
    title: "Import",
    intro: "Upload a workbook (xlsx, ods), a CSV file, a zip of a folder of CSV files or a SKOS code system (Turtle, RDF/XML). You first see what the import would change; nothing is written until you confirm.",
    file: "File",
    prune: "Also remove what the file no longer lists (of the kinds it holds)",
    preview: "Preview",
    confirm: "Import",
    again: "Import another file",
    sign_in_first: "Importing needs a signed-in editor.",
    problems: "The file cannot be imported. Nothing has changed. Correct these cells and try again:",
    sheet: "Sheet",
    row: "Row",
    column: "Column",
    message: "Problem",
    would: "The import would add {a}, change {c} and remove {r}:",
    nothing: "The catalogue already holds everything in the file; the import would change nothing.",
    done: "Imported: {a} added, {c} changed, {r} removed (import run {run}).",
    added: "added",
    changed: "changed",
    removed: "removed",
    stale: "The catalogue has changed since the preview was made. Nothing was imported; here is a new preview against the catalogue as it is now.",
    gone: "The upload is no longer kept (uploads are kept for an hour). Upload the file again.",
    foreign: "The form did not come from this site; nothing was imported.",
};

struct ItemRow {
    what: &'static str,
    item: String,
    href: String,
    fields: Vec<String>,
}

#[derive(Template)]
#[template(path = "pages/import.html")]
struct ImportPage {
    ui: Ui,
    it: &'static ImportTexts,
    title: String,
    switch: String,
    signed_in: bool,
    notice: Option<String>,
    problems: Vec<ProblemOut>,
    summary: Option<String>,
    items: Vec<ItemRow>,
    pending: Option<String>,
    done: bool,
}

fn texts(ui: Ui) -> &'static ImportTexts {
    if ui.english() { &EN } else { &SV }
}

fn counts(template: &str, o: &ImportOutcome) -> String {
    template
        .replace("{a}", &o.added.to_string())
        .replace("{c}", &o.changed.to_string())
        .replace("{r}", &o.removed.to_string())
        .replace("{run}", &o.run_id.unwrap_or_default().to_string())
}

impl ImportPage {
    fn new(req: &HttpRequest, signed_in: bool) -> Self {
        let ui = ui_of(req);
        Self {
            ui,
            it: texts(ui),
            title: texts(ui).title.to_owned(),
            switch: ui.switch_href(req.path()),
            signed_in,
            notice: None,
            problems: Vec::new(),
            summary: None,
            items: Vec::new(),
            pending: None,
            done: false,
        }
    }

    fn outcome(mut self, o: &ImportOutcome) -> Self {
        let it = self.it;
        self.problems = o.problems.clone();
        if o.outcome != "rejected" {
            let none = o.added + o.changed + o.removed == 0;
            self.summary = Some(match (o.outcome.as_str(), none) {
                ("dry-run", true) => it.nothing.to_owned(),
                ("dry-run", false) => counts(it.would, o),
                _ => counts(it.done, o),
            });
            self.done = o.outcome != "dry-run";
        }
        self.items = o
            .items
            .iter()
            .map(|i| ItemRow {
                what: match i.sign.as_str() {
                    "+" => it.added,
                    "-" => it.removed,
                    _ => it.changed,
                },
                item: i.item.clone(),
                href: format!("{}/{}", self.ui.prefix, i.path),
                fields: i.fields.clone(),
            })
            .collect();
        self
    }

    fn respond(self, status: StatusCode) -> Result<HttpResponse, WebError> {
        let body = self.render()?;
        Ok(HttpResponse::build(status)
            .content_type("text/html; charset=utf-8")
            .insert_header((header::CACHE_CONTROL, "no-store"))
            .body(body))
    }
}

async fn signed_in(req: &HttpRequest, state: &web::Data<State>) -> Option<Caller> {
    super::session::editor(req, state).await
}

async fn form(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let editor = signed_in(&req, &state).await;
    let status = if editor.is_some() {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    };
    ImportPage::new(&req, editor.is_some()).respond(status)
}

fn cutoff() -> String {
    (chrono::Utc::now() - chrono::Duration::minutes(PENDING_MINUTES))
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

fn random_id() -> Result<String, WebError> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A dry run of `name`/`bytes` against the catalogue as it is, kept for confirmation when it
/// would change something.
fn preview(
    state: &State,
    editor: &Caller,
    name: String,
    bytes: Vec<u8>,
    prune: bool,
) -> Result<(ImportOutcome, Option<String>), WebError> {
    let mut db = writer::lock(state);
    let request = ImportRequest {
        name: name.clone(),
        bytes: bytes.clone(),
        dry_run: true,
        prune,
        actor: editor.name.clone(),
        registrar: crate::governance::registrar_of(editor),
        expect_revision: None,
    };
    let outcome = writer::import(state, &mut db, request).map_err(web_error)?;
    if outcome.outcome != "dry-run" || outcome.added + outcome.changed + outcome.removed == 0 {
        return Ok((outcome, None));
    }
    let id = random_id()?;
    let pending = PendingImport {
        id: id.clone(),
        editor: editor.name.clone(),
        file_name: name,
        content: bytes,
        prune,
        revision: i64::try_from(outcome.revision).unwrap_or(i64::MAX),
        created_at: crate::workspace::now(),
    };
    db.keep_pending(&pending, &cutoff())?;
    Ok((outcome, Some(id)))
}

fn web_error(e: WriterError) -> WebError {
    match e {
        WriterError::Web(w) => w,
        stale @ WriterError::Stale { .. } => WebError::internal(stale),
    }
}

async fn upload(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<State>,
) -> Result<HttpResponse, WebError> {
    let Some(editor) = signed_in(&req, &state).await else {
        return ImportPage::new(&req, false).respond(StatusCode::UNAUTHORIZED);
    };
    let page = ImportPage::new(&req, true);
    if !same_site(&req, &state) {
        let notice = Some(page.it.foreign.to_owned());
        return ImportPage { notice, ..page }.respond(StatusCode::FORBIDDEN);
    }
    let limit = usize::try_from(crate::import::MAX_FILE_BYTES).unwrap_or(usize::MAX);
    let multipart = actix_multipart::Multipart::new(req.headers(), payload);
    let form = match super::upload::read_form(multipart, limit).await {
        Ok(f) => f,
        Err(message) => {
            return ImportPage {
                notice: Some(message),
                ..page
            }
            .respond(StatusCode::BAD_REQUEST);
        }
    };
    let Some((name, bytes)) = form.file.filter(|(n, b)| !n.is_empty() && !b.is_empty()) else {
        return page.respond(StatusCode::BAD_REQUEST);
    };
    let prune = form
        .fields
        .get("prune")
        .is_some_and(|v| v == "on" || v == "true");
    let st = state.clone().into_inner();
    let (outcome, pending) =
        web::block(move || preview(&st, &editor, name, bytes, prune)).await??;
    let status = if outcome.outcome == "rejected" {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    ImportPage {
        pending,
        ..page.outcome(&outcome)
    }
    .respond(status)
}

#[derive(serde::Deserialize)]
struct Confirm {
    id: String,
}

async fn confirm(
    req: HttpRequest,
    state: web::Data<State>,
    form: web::Form<Confirm>,
) -> Result<HttpResponse, WebError> {
    let Some(editor) = signed_in(&req, &state).await else {
        return ImportPage::new(&req, false).respond(StatusCode::UNAUTHORIZED);
    };
    let page = ImportPage::new(&req, true);
    if !same_site(&req, &state) {
        let notice = Some(page.it.foreign.to_owned());
        return ImportPage { notice, ..page }.respond(StatusCode::FORBIDDEN);
    }
    let id: String = form.id.chars().take(100).collect();
    let st = state.clone().into_inner();
    let result = web::block(move || -> Result<_, WebError> {
        let pending = {
            let mut db = writer::lock(&st);
            db.pending(&id, &editor.name, &cutoff())?
        };
        let Some(p) = pending else { return Ok(None) };
        let mut db = writer::lock(&st);
        let request = ImportRequest {
            name: p.file_name.clone(),
            bytes: p.content.clone(),
            dry_run: false,
            prune: p.prune,
            actor: editor.name.clone(),
            registrar: crate::governance::registrar_of(&editor),
            expect_revision: u64::try_from(p.revision).ok(),
        };
        match writer::import(&st, &mut db, request) {
            Ok(outcome) => {
                db.drop_pending(&p.id)?;
                Ok(Some((outcome, None, false)))
            }
            Err(WriterError::Stale { .. }) => {
                db.drop_pending(&p.id)?;
                drop(db);
                let (outcome, fresh) = preview(&st, &editor, p.file_name, p.content, p.prune)?;
                Ok(Some((outcome, fresh, true)))
            }
            Err(WriterError::Web(e)) => Err(e),
        }
    })
    .await??;
    let Some((outcome, pending, stale)) = result else {
        let notice = Some(page.it.gone.to_owned());
        return ImportPage { notice, ..page }.respond(StatusCode::GONE);
    };
    let it = page.it;
    let page = page.outcome(&outcome);
    let (notice, status) = if stale {
        (Some(it.stale.to_owned()), StatusCode::CONFLICT)
    } else {
        (None, StatusCode::OK)
    };
    ImportPage {
        pending,
        notice,
        ..page
    }
    .respond(status)
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    for prefix in ["", "/en"] {
        cfg.route(&format!("{prefix}/importera"), web::get().to(form))
            .route(&format!("{prefix}/importera"), web::post().to(upload))
            .route(
                &format!("{prefix}/importera/bekrafta"),
                web::post().to(confirm),
            );
    }
}
