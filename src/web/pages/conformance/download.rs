//! The conformance tables as CSV downloads: one row per region and variable (or period),
//! with "no report" where a region reported nothing. A name a spreadsheet would read as a
//! formula is neutralised, as in the other downloads.

use crate::conformance::results::{Cell, Region};
use crate::web::WebError;

use super::super::Ui;
use super::Answer;
use super::view::{cell_text, no_report};

/// A CSV of (region, variable, cell) rows; a region that reported nothing is "no report".
pub(super) fn csv_of(
    ui: Ui,
    name: String,
    rows: Vec<(&Region, &str, Option<&Cell>)>,
) -> Result<Answer, WebError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "region",
        "region_name",
        "variable",
        "period",
        "rows_checked",
        "rows_failing",
        "share_percent",
        "result",
        "synthetic",
    ])?;
    for (r, v, cell) in rows {
        let share = cell
            .and_then(Cell::share)
            .map(|s| format!("{s:.1}"))
            .unwrap_or_default();
        let result = match cell {
            None => no_report(ui).to_owned(),
            Some(c) => cell_text(ui, c),
        };
        w.write_record([
            r.orgnr.as_str(),
            &crate::export::neutralise_formula(&r.name),
            v,
            cell.map(|c| c.period.as_str()).unwrap_or(""),
            &cell.map(|c| c.checked.to_string()).unwrap_or_default(),
            &cell.map(|c| c.failing.to_string()).unwrap_or_default(),
            &share,
            &result,
            if cell.is_some_and(|c| c.synthetic) {
                "true"
            } else {
                "false"
            },
        ])?;
    }
    let body = String::from_utf8(
        w.into_inner()
            .map_err(|e| WebError::internal(e.into_error()))?,
    )?;
    Ok(Answer::Csv { name, body })
}

/// The answer with a CSV download `name`.
pub(super) fn response(name: &str, body: String) -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body)
}
