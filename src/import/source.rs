//! Reading input files into plain sheets of text cells: xlsx/ods workbooks (calamine), CSV
//! files and folders of them, and the RDF files (Turtle, RDF/XML) that carry code systems.
//! Nothing here knows what a variable is; `rows` does.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::report::{Location, Problem, column_letter};

mod csv_file;
pub use csv_file::read_csv;

/// Largest input file accepted.
pub const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Longest cell accepted, in characters.
pub const MAX_CELL_CHARS: usize = 20_000;

#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based, as the spreadsheet shows it.
    pub number: usize,
    pub cells: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    /// Every row, the heading row first.
    pub rows: Vec<Row>,
}

/// An RDF file holding SKOS code systems.
#[derive(Debug, Clone)]
pub struct RdfFile {
    pub name: String,
    pub format: oxigraph::io::RdfFormat,
    pub bytes: Vec<u8>,
}

/// Everything read from one path, plus the problems met while reading.
#[derive(Debug, Default)]
pub struct Inputs {
    pub sheets: Vec<Sheet>,
    pub rdf: Vec<RdfFile>,
    pub problems: Vec<Problem>,
    /// The files read, for the import log.
    pub files: Vec<PathBuf>,
}

fn file_problem(path: &Path, message: impl Into<String>) -> Problem {
    Problem {
        location: Location::File {
            file: display_name(path),
        },
        message: message.into(),
    }
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

pub(crate) const EMPTY_FILE: &str = "the file is empty";

const SUPPORTED: &str =
    "varcat imports .xlsx, .ods, .csv (a file or a folder of them), .ttl and .rdf";

/// Reads a file or a folder. Problems are collected, never thrown, so that all are reported.
pub fn read_path(path: &Path) -> Inputs {
    let mut inputs = Inputs::default();
    if path.is_dir() {
        read_dir(path, &mut inputs);
        if inputs.sheets.is_empty() && inputs.rdf.is_empty() && inputs.problems.is_empty() {
            inputs.problems.push(file_problem(
                path,
                format!("the folder holds no importable file; {SUPPORTED}"),
            ));
        }
    } else {
        read_file(path, &mut inputs);
    }
    inputs
}

fn read_dir(dir: &Path, inputs: &mut Inputs) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            return inputs
                .problems
                .push(file_problem(dir, format!("cannot read the folder: {e}")));
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            read_dir(&p, inputs);
            continue;
        }
        match extension(&p).as_str() {
            "csv" | "ttl" | "rdf" => read_file(&p, inputs),
            _ => {} // README files, templates and the like are not content
        }
    }
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

fn read_file(path: &Path, inputs: &mut Inputs) {
    let ext = extension(path);
    if !matches!(
        ext.as_str(),
        "xlsx" | "xlsm" | "ods" | "csv" | "ttl" | "rdf" | "owl"
    ) {
        let shown = if ext.is_empty() {
            "a file without extension".to_owned()
        } else {
            format!(".{ext}")
        };
        return inputs.problems.push(file_problem(
            path,
            format!("cannot import {shown}; {SUPPORTED}"),
        ));
    }
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => {
            return inputs
                .problems
                .push(file_problem(path, format!("cannot read the file: {e}")));
        }
    };
    if size == 0 {
        return inputs.problems.push(file_problem(path, EMPTY_FILE));
    }
    if size > MAX_FILE_BYTES {
        return inputs.problems.push(file_problem(
            path,
            format!("the file is {size} bytes; at most {MAX_FILE_BYTES} are accepted"),
        ));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return inputs
                .problems
                .push(file_problem(path, format!("cannot read the file: {e}")));
        }
    };
    inputs.files.push(path.to_owned());
    let name = display_name(path);
    match ext.as_str() {
        "csv" => match read_csv(&name, &bytes) {
            Ok(sheet) => inputs.sheets.push(sheet),
            Err(p) => inputs.problems.push(p),
        },
        "ttl" => inputs.rdf.push(RdfFile {
            name,
            format: oxigraph::io::RdfFormat::Turtle,
            bytes,
        }),
        "rdf" | "owl" => inputs.rdf.push(RdfFile {
            name,
            format: oxigraph::io::RdfFormat::RdfXml,
            bytes,
        }),
        _ => read_workbook_guarded(path, bytes, inputs),
    }
}

/// Reads a workbook, turning a panic inside the spreadsheet parser (calamine overflows on a
/// cell reference such as `ZZZZZZ99999999999`) into a problem with the file. The panic is
/// not printed: the problem says what happened.
fn read_workbook_guarded(path: &Path, bytes: Vec<u8>, inputs: &mut Inputs) {
    quiet_panics_on_this_thread(true);
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut part = Inputs::default();
        read_workbook(path, bytes, &mut part);
        part
    }));
    quiet_panics_on_this_thread(false);
    match read {
        Ok(part) => {
            inputs.sheets.extend(part.sheets);
            inputs.problems.extend(part.problems);
        }
        Err(payload) => {
            let why = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            inputs.problems.push(file_problem(
                path,
                format!(
                    "not a readable spreadsheet: the spreadsheet reader failed on its content ({why}; a cell reference beyond what a spreadsheet can hold?); open the file in Excel or LibreOffice and save it again"
                ),
            ));
        }
    }
}

thread_local! {
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// While set, a panic on this thread is not printed (other threads' panics still are): the
/// panic hook, installed once, asks the panicking thread.
fn quiet_panics_on_this_thread(quiet: bool) {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET_PANICS.with(|q| q.set(quiet));
}

fn read_workbook(path: &Path, bytes: Vec<u8>, inputs: &mut Inputs) {
    let oversized = super::ods::oversized_sheets(&bytes);
    if !oversized.is_empty() {
        for (sheet, why) in oversized {
            inputs.problems.push(Problem {
                location: Location::Sheet { sheet },
                message: format!("cannot read the sheet: {why}"),
            });
        }
        return;
    }
    let mut wb = match open_workbook_auto_from_rs(Cursor::new(bytes)) {
        Ok(wb) => wb,
        Err(e) => {
            return inputs.problems.push(file_problem(
                path,
                format!("not a readable spreadsheet (is the file damaged, or saved in another format?): {e}"),
            ));
        }
    };
    if let Sheets::Xlsx(xlsx) = &mut wb {
        for name in xlsx.sheet_names() {
            match super::xlsx::read_sheet(xlsx, &name, &mut inputs.problems) {
                Ok(sheet) => inputs.sheets.push(sheet),
                Err(e) => inputs.problems.push(Problem {
                    location: Location::Sheet { sheet: name },
                    message: format!("cannot read the sheet: {e}"),
                }),
            }
        }
        return;
    }
    for name in wb.sheet_names() {
        let range = match wb.worksheet_range(&name) {
            Ok(r) => r,
            Err(e) => {
                inputs.problems.push(Problem {
                    location: Location::Sheet {
                        sheet: name.clone(),
                    },
                    message: format!("cannot read the sheet: {e}"),
                });
                continue;
            }
        };
        let (row0, col0) = range
            .start()
            .map(|(r, c)| (r as usize, c as usize))
            .unwrap_or((0, 0));
        if let Ok(formulas) = wb.worksheet_formula(&name) {
            let (frow0, fcol0) = formulas
                .start()
                .map(|(r, c)| (r as usize, c as usize))
                .unwrap_or((0, 0));
            for (r, c, f) in formulas.used_cells() {
                if !f.trim().is_empty() {
                    inputs.problems.push(Problem {
                        location: Location::Cell {
                            sheet: name.clone(),
                            row: frow0 + r + 1,
                            column: column_letter(fcol0 + c),
                            heading: "formula".into(),
                        },
                        message: format!("holds the formula ={f}; formulas are not imported, write the value instead"),
                    });
                }
            }
        }
        let mut rows = Vec::new();
        for (r, cells) in range.rows().enumerate() {
            let mut out = vec![String::new(); col0];
            for (c, cell) in cells.iter().enumerate() {
                match cell_text(cell) {
                    Ok(t) => out.push(t),
                    Err(msg) => {
                        inputs.problems.push(Problem {
                            location: Location::Cell {
                                sheet: name.clone(),
                                row: row0 + r + 1,
                                column: column_letter(col0 + c),
                                heading: "cell".into(),
                            },
                            message: msg,
                        });
                        out.push(String::new());
                    }
                }
            }
            rows.push(Row {
                number: row0 + r + 1,
                cells: out,
            });
        }
        inputs.sheets.push(Sheet { name, rows });
    }
}

/// A cell as text: integral numbers without `.0`, dates as `YYYY-MM-DD`, booleans as Ja/Nej.
pub(super) fn cell_text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "Ja" } else { "Nej" }.to_owned(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if d.time() == chrono::NaiveTime::MIN => {
                d.date().format("%Y-%m-%d").to_string()
            }
            Some(d) => d.format("%Y-%m-%dT%H:%M:%S").to_string(),
            None => return Err("holds a date Excel cannot convert".into()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => return Err(format!("holds the error value {e}; fix or clear the cell")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_become_plain_text() {
        assert_eq!(cell_text(&Data::Float(12.0)), Ok("12".into()));
        assert_eq!(cell_text(&Data::Float(1.5)), Ok("1.5".into()));
        assert_eq!(cell_text(&Data::Bool(true)), Ok("Ja".into()));
    }
}
