//! Spreadsheet downloads for people: a codebook's codes (`/kodverk/{id}.csv|.xlsx`), a use
//! case's variables (`/anvandningsfall/{id}/variabler.csv`) and a data collection's variables
//! (`/datainsamling/{id}/variabler.csv`, in `items`). The codebook and collection files use the
//! import format's headings (sheets `koder` and `variabler`), so they can be edited and imported
//! again; the use-case list adds the binding's role, priority and quick-win columns in front.

use actix_web::{HttpResponse, web};

use crate::domain::{Catalog, Id};
use crate::export::tables;

use super::{State, WebError};

fn not_found(path: String) -> WebError {
    WebError::NotFound(path)
}

/// A catalogue holding only what one download needs.
fn sub_catalog(cat: &Catalog, pick: impl Fn(&Catalog, &mut Catalog)) -> Catalog {
    let mut sub = Catalog::default();
    pick(cat, &mut sub);
    sub
}

fn csv_bytes(table: &crate::export::Table) -> Result<Vec<u8>, WebError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&table.headings)
        .map_err(|e| WebError::Internal(e.to_string()))?;
    for row in &table.rows {
        w.write_record(row)
            .map_err(|e| WebError::Internal(e.to_string()))?;
    }
    w.into_inner()
        .map_err(|e| WebError::Internal(e.to_string()))
}

fn attachment(body: Vec<u8>, content_type: &str, name: &str) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body)
}

fn load(state: &web::Data<State>) -> std::sync::Arc<super::snapshot::Snapshot> {
    state.snapshot()
}

async fn codebook(
    state: web::Data<State>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, WebError> {
    let (raw, ext) = path.into_inner();
    let shown = format!("/kodverk/{raw}.{ext}");
    let id = Id::parse(&raw).map_err(|_| not_found(shown.clone()))?;
    let snap = load(&state);
    let cat = &snap.catalog;
    // The snapshot keeps no codes: the codebook is read, codes and all, from the store.
    let Some(book) = snap.codebook(&id)? else {
        return Err(not_found(shown));
    };
    let sub = sub_catalog(cat, |_, s| {
        s.codebooks.insert(id.clone(), book.clone());
    });
    let codes = tables(&sub)
        .into_iter()
        .find(|t| t.name == "koder")
        .ok_or_else(|| WebError::Internal("no koder table".into()))?;
    match ext.as_str() {
        "csv" => Ok(attachment(
            csv_bytes(&codes)?,
            "text/csv; charset=utf-8",
            &format!("{}.csv", book.id),
        )),
        "xlsx" => {
            let tmp = tempfile_path(&format!("{}.xlsx", book.id));
            crate::export::write_xlsx(&sub, &tmp).map_err(|e| WebError::Internal(e.to_string()))?;
            let bytes = std::fs::read(&tmp).map_err(|e| WebError::Internal(e.to_string()))?;
            let _ = std::fs::remove_file(&tmp);
            Ok(attachment(
                bytes,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                &format!("{}.xlsx", book.id),
            ))
        }
        _ => Err(not_found(shown)),
    }
}

fn tempfile_path(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("varcat-{}-{name}", std::process::id()))
}

async fn use_case_variables(
    state: web::Data<State>,
    path: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let raw = path.into_inner();
    let shown = format!("/anvandningsfall/{raw}/variabler.csv");
    let id = Id::parse(&raw).map_err(|_| not_found(shown.clone()))?;
    let snap = load(&state);
    let cat = &snap.catalog;
    let Some(u) = cat.use_cases.get(&id) else {
        return Err(not_found(shown));
    };
    let sub = sub_catalog(cat, |c, s| {
        s.use_cases.insert(u.id.clone(), u.clone());
        for b in &u.bindings {
            if let Some(v) = c.variables.get(&b.variable) {
                s.variables.insert(v.id.clone(), v.clone());
            }
        }
    });
    let mut out = Vec::new();
    for name in ["kopplingar", "variabler"] {
        if let Some(t) = tables(&sub).into_iter().find(|t| t.name == name) {
            out.push(t);
        }
    }
    // One file: the bindings (role, priority, quick win, source) joined to the variable rows.
    let [bindings, variables] = <[crate::export::Table; 2]>::try_from(out)
        .map_err(|_| WebError::Internal("tables".into()))?;
    let mut headings: Vec<&str> = vec!["Roll", "Prioritet", "Snabb vinst", "Källa"];
    headings.extend(variables.headings.iter().copied());
    let rows = variables
        .rows
        .iter()
        .map(|row| {
            let id = row.first().cloned().unwrap_or_default();
            let b = bindings.rows.iter().find(|b| b.get(1) == Some(&id));
            let mut r: Vec<String> = match b {
                Some(b) => vec![
                    b.get(2).cloned().unwrap_or_default(),
                    b.get(3).cloned().unwrap_or_default(),
                    b.get(4).cloned().unwrap_or_default(),
                    source_or_illustrative(b.get(5)),
                ],
                None => vec![String::new(); 4],
            };
            r.extend(row.iter().cloned());
            r
        })
        .collect();
    let table = crate::export::Table {
        name: "variabler",
        headings,
        rows,
    };
    Ok(attachment(
        csv_bytes(&table)?,
        "text/csv; charset=utf-8",
        &format!("{}-variabler.csv", u.id),
    ))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/kodverk/{id}.{ext:csv|xlsx}", web::get().to(codebook))
        .route(
            "/anvandningsfall/{id}/variabler.csv",
            web::get().to(use_case_variables),
        );
}

/// A binding's source for the download; an empty one is said to be illustrative.
fn source_or_illustrative(source: Option<&String>) -> String {
    match source {
        Some(s) if !s.is_empty() => s.clone(),
        _ => "Illustrativ koppling (ingen källa)".to_owned(),
    }
}
