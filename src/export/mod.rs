//! The catalogue written back in the spreadsheet format (xlsx or a CSV folder) that `import`
//! reads, so that exporting and importing again changes nothing. RDF exports are written by
//! `store` directly. The web's downloads (`download`) use the same tables, written for people
//! to open in Excel.

mod download;
mod tables;

use std::borrow::Cow;
use std::path::Path;

use crate::domain::Catalog;

pub use download::{BOM, SEPARATOR, csv_for_excel, neutralise_formula, xlsx_for_download};
pub use tables::{Table, tables};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("writing {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("writing the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("writing CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// Writes one sheet per kind into an xlsx workbook; every cell is written as text, as it is.
pub fn write_xlsx(cat: &Catalog, path: &Path) -> Result<(), ExportError> {
    let mut wb = workbook(&tables(cat), |s| Cow::Borrowed(s))?;
    let tmp = path.with_extension("xlsx.partial");
    wb.save(&tmp)?;
    std::fs::rename(&tmp, path).map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// One sheet per table, headings in bold; each cell is written as text as `cell` gives it.
fn workbook(
    tables: &[Table],
    cell: impl Fn(&str) -> Cow<'_, str>,
) -> Result<rust_xlsxwriter::Workbook, ExportError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    for table in tables {
        let ws = wb.add_worksheet();
        ws.set_name(table.name)?;
        for (c, h) in table.headings.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            ws.write_string_with_format(0, col, *h, &bold)?;
            ws.set_column_width(col, if h.len() > 12 { 24 } else { 14 })?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let rr = u32::try_from(r + 1).unwrap_or(u32::MAX);
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(rr, u16::try_from(c).unwrap_or(u16::MAX), cell(v))?;
                }
            }
        }
        ws.set_freeze_panes(1, 0)?;
    }
    Ok(wb)
}

/// Writes one UTF-8 CSV file per sheet into `dir` (created if missing).
pub fn write_csv_dir(cat: &Catalog, dir: &Path) -> Result<(), ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    for table in tables(cat) {
        let path = dir.join(format!("{}.csv", table.name));
        let mut w = csv::Writer::from_path(&path)?;
        w.write_record(&table.headings)?;
        for row in &table.rows {
            w.write_record(row)?;
        }
        w.flush().map_err(|source| ExportError::Io {
            path: path.display().to_string(),
            source,
        })?;
    }
    Ok(())
}

/// The given variables as a table in the `variabler` sheet format.
pub fn variables_table(cat: &Catalog, ids: &[crate::domain::Id]) -> Table {
    let sub = Catalog {
        variables: ids
            .iter()
            .filter_map(|id| cat.variables.get(id).map(|v| (id.clone(), v.clone())))
            .collect(),
        ..Catalog::default()
    };
    tables(&sub)
        .into_iter()
        .find(|t| t.name == "variabler")
        .unwrap_or(Table {
            name: "variabler",
            headings: Vec::new(),
            rows: Vec::new(),
        })
}

/// The given variables as the CSV file people download (`csv_for_excel`): with a
/// collection's published variables (`feed::Facts`), the file the feeds offer as its
/// distribution, whose `dcat:byteSize` is measured on these bytes.
pub fn variables_csv(cat: &Catalog, ids: &[crate::domain::Id]) -> Vec<u8> {
    csv_for_excel(&variables_table(cat, ids)).unwrap_or_default()
}

/// The empty template: every sheet with its headings and no rows.
pub fn write_template(path: &Path) -> Result<(), ExportError> {
    write_xlsx(&Catalog::default(), path)
}
