//! Spreadsheet downloads for people: a codebook's codes (`/kodverk/{id}.csv|.xlsx`), a use
//! case's variables (`/anvandningsfall/{id}/variabler.csv|.xlsx`) and a data collection's
//! variables (`/datainsamling/{id}/variabler.csv|.xlsx`). The codebook and collection files
//! use the import format's headings (sheets `koder` and `variabler`), so they can be edited and
//! imported again; the use-case list adds the binding's role, priority and quick-win columns
//! in front. CSV is written for Swedish Excel (UTF-8 with BOM, `;`), xlsx in memory, and
//! formula-like cells are neutralised in both (`export::neutralise_formula`). Only what the
//! viewer may see is offered (`visibility`): a draft's file is 404, a draft variable is not in
//! a public use case's list. A data collection's list is its published distribution, the same
//! for everyone: the feeds state its size.

use actix_web::{HttpRequest, HttpResponse, web};

use crate::domain::{Catalog, Id, ItemKind};
use crate::export::{Table, tables};
use crate::store::variables_path;

use super::visibility::Viewer;
use super::{State, WebError};

const CSV: &str = "text/csv; charset=utf-8";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A download worked out on the blocking pool: its bytes, type and file name (none: shown
/// inline).
struct Download {
    body: Vec<u8>,
    content_type: &'static str,
    name: Option<String>,
}

/// The file `{name}.{ext}` of `table` in the format `ext` names.
fn file(table: Table, ext: &str, name: &str) -> Result<Download, WebError> {
    if ext == "xlsx" {
        return workbook(std::slice::from_ref(&table), name);
    }
    Ok(Download {
        body: crate::export::csv_for_excel(&table)?,
        content_type: CSV,
        name: Some(format!("{name}.csv")),
    })
}

/// The workbook `{name}.xlsx` of `tables`, one sheet each.
fn workbook(tables: &[Table], name: &str) -> Result<Download, WebError> {
    Ok(Download {
        body: crate::export::xlsx_for_download(tables)?,
        content_type: XLSX,
        name: Some(format!("{name}.xlsx")),
    })
}

/// Works out a download on the blocking pool and answers with it.
async fn blocking(
    f: impl FnOnce() -> Result<Download, WebError> + Send + 'static,
) -> Result<HttpResponse, WebError> {
    let d = web::block(f).await??;
    let mut resp = HttpResponse::Ok();
    resp.content_type(d.content_type);
    if let Some(name) = d.name {
        resp.insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ));
    }
    Ok(resp.body(d.body))
}

async fn codebook(
    req: HttpRequest,
    state: web::Data<State>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (raw, ext) = path.into_inner();
    let shown = format!("/kodverk/{raw}.{ext}");
    let id = Id::parse(&raw).map_err(|_| WebError::NotFound(shown.clone()))?;
    let viewer = Viewer::of(&req, &state).await;
    let snap = state.snapshot();
    blocking(move || {
        // The snapshot keeps the codes apart: the codebook is unpacked, codes and all.
        let Some(book) = snap.codebook(viewer, &id)? else {
            return Err(WebError::NotFound(shown));
        };
        let mut sub = Catalog::default();
        sub.codebooks.insert(id, book.clone());
        let mut all = tables(&sub);
        if ext == "xlsx" {
            // The workbook holds every sheet, so it imports as the codebook with its codes.
            return workbook(&all, book.id.as_str());
        }
        let codes = all
            .iter()
            .position(|t| t.name == "koder")
            .map(|i| all.swap_remove(i))
            .ok_or_else(|| WebError::internal_msg("no koder table"))?;
        file(codes, &ext, book.id.as_str())
    })
    .await
}

/// A use case's variables as one table: the bindings (role, priority, quick win) joined to
/// the variable rows.
fn use_case_table(cat: &Catalog, id: &Id) -> Option<Table> {
    let u = cat.use_cases.get(id)?;
    let mut sub = Catalog::default();
    sub.use_cases.insert(u.id.clone(), u.clone());
    for b in &u.bindings {
        if let Some(v) = cat.variables.get(&b.variable) {
            sub.variables.insert(v.id.clone(), v.clone());
        }
    }
    let all = tables(&sub);
    let table = |name: &str| all.iter().find(|t| t.name == name);
    let (bindings, variables) = (table("kopplingar")?, table("variabler")?);
    let mut headings: Vec<&str> = vec!["Roll", "Prioritet", "Snabb vinst", "Källa"];
    headings.extend(variables.headings.iter().copied());
    let rows = variables
        .rows
        .iter()
        .map(|row| {
            let id = row.first().cloned().unwrap_or_default();
            let b = bindings.rows.iter().find(|b| b.get(1) == Some(&id));
            let cell = |i: usize| b.and_then(|b| b.get(i)).cloned().unwrap_or_default();
            let mut r = vec![
                cell(2),
                cell(3),
                cell(4),
                b.map(|b| source_or_illustrative(b.get(5)))
                    .unwrap_or_default(),
            ];
            r.extend(row.iter().cloned());
            r
        })
        .collect();
    Some(Table {
        name: "variabler",
        headings,
        rows,
    })
}

async fn use_case_variables(
    req: HttpRequest,
    state: web::Data<State>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (raw, ext) = path.into_inner();
    let shown = variables_path(ItemKind::UseCase, &raw, &ext);
    let id = Id::parse(&raw).map_err(|_| WebError::NotFound(shown.clone()))?;
    let viewer = Viewer::of(&req, &state).await;
    let snap = state.snapshot();
    blocking(move || {
        let table = use_case_table(snap.catalog(viewer), &id).ok_or(WebError::NotFound(shown))?;
        file(table, &ext, &format!("{id}-variabler"))
    })
    .await
}

async fn collection_variables(
    state: web::Data<State>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (raw, ext) = path.into_inner();
    let shown = variables_path(ItemKind::Collection, &raw, &ext);
    let id = Id::parse(&raw).map_err(|_| WebError::NotFound(shown.clone()))?;
    let snap = state.snapshot();
    blocking(move || {
        // The published variables the feed's byteSize was measured on, worked out once per
        // snapshot from the public catalogue.
        let facts = snap
            .facts
            .collection(&id)
            .ok_or(WebError::NotFound(shown))?;
        let cat = snap.catalog(Viewer::Anonymous);
        if ext == "csv" {
            return Ok(Download {
                body: crate::export::variables_csv(cat, &facts.variables),
                content_type: CSV,
                name: None,
            });
        }
        let table = crate::export::variables_table(cat, &facts.variables);
        file(table, &ext, &format!("{id}-variabler"))
    })
    .await
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kodverk/{id}.{ext:csv|xlsx}", web::get().to(codebook))
        .route(
            "/anvandningsfall/{id}/variabler.{ext:csv|xlsx}",
            web::get().to(use_case_variables),
        )
        .route(
            "/datainsamling/{id}/variabler.{ext:csv|xlsx}",
            web::get().to(collection_variables),
        );
}

/// A binding's source for the download; an empty one is said to be illustrative.
fn source_or_illustrative(source: Option<&String>) -> String {
    match source {
        Some(s) if !s.is_empty() => s.clone(),
        _ => "Illustrativ koppling (ingen källa)".to_owned(),
    }
}
