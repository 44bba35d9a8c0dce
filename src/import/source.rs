//! Reading input files into plain sheets of text cells: xlsx/ods workbooks (calamine), CSV
//! files and folders of them, and the RDF files (Turtle, RDF/XML) that carry code systems.
//! Nothing here knows what a variable is; `rows` does.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Sheets, open_workbook_auto_from_rs};

use super::report::{Location, Problem, column_letter};

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

const EMPTY_FILE: &str = "the file is empty";

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

/// Reads one CSV file as a sheet named after the file.
pub fn read_csv(name: &str, bytes: &[u8]) -> Result<Sheet, Problem> {
    let problem = |m: String| Problem {
        location: Location::File {
            file: name.to_owned(),
        },
        message: m,
    };
    let text = decode_text(bytes).map_err(problem)?;
    if text.trim().is_empty() {
        // A file holding only a byte-order mark or blank lines is as empty as an empty one.
        return Err(problem(EMPTY_FILE.into()));
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = sniff_delimiter(first_line);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut last_start = (0u64, 1u64);
    for (i, rec) in reader.records().enumerate() {
        let rec = rec.map_err(|e| problem(format!("row {}: not valid CSV: {e}", i + 1)))?;
        if let Some(p) = rec.position() {
            last_start = (p.byte(), p.line());
        }
        rows.push(Row {
            number: i + 1,
            cells: rec.iter().map(str::to_owned).collect(),
        });
    }
    // An unterminated quote makes the csv reader take the rest of the file as one cell of the
    // last record, so that is where it opened.
    let tail = usize::try_from(last_start.0)
        .ok()
        .and_then(|b| text.as_bytes().get(b..))
        .unwrap_or_default();
    if ends_inside_quotes(tail, delimiter) {
        return Err(problem(format!(
            "row {} (line {}): a quote (\") opens a cell that is never closed, so every line after it would be read into that one cell; close the quote or remove it",
            rows.len(),
            last_start.1
        )));
    }
    let sheet_name = name
        .strip_suffix(".csv")
        .or_else(|| name.strip_suffix(".CSV"))
        .unwrap_or(name);
    Ok(Sheet {
        name: sheet_name.to_owned(),
        rows,
    })
}

/// UTF-8 (with or without BOM), or Windows-1252 as saved by Swedish Excel. A file that mixes
/// the two is refused, naming the first line that is not UTF-8. UTF-16 (Excel's "Unicode
/// text", with or without BOM) is decoded too.
fn decode_text(bytes: &[u8]) -> Result<String, String> {
    if let Some(utf16) = utf16_of(bytes) {
        let (text, had_errors) = utf16.decode_with_bom_removal(bytes);
        if had_errors {
            return Err(
                "seems to be UTF-16 but is not valid UTF-16; save the file as \"CSV UTF-8\"".into(),
            );
        }
        return Ok(text.into_owned());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let valid_prefix = &bytes[..e.valid_up_to()];
            let has_utf8_multibyte = valid_prefix.iter().any(|b| *b >= 0x80)
                || bytes[e.valid_up_to()..]
                    .windows(2)
                    .any(|w| std::str::from_utf8(w).is_ok_and(|s| !s.is_ascii()));
            let line = valid_prefix.iter().filter(|b| **b == b'\n').count() + 1;
            if has_utf8_multibyte {
                return Err(format!(
                    "mixes UTF-8 and another encoding (line {line} is not UTF-8); save the file as \"CSV UTF-8\""
                ));
            }
            let (text, _, had_errors) = encoding_rs::WINDOWS_1252.decode(bytes);
            if had_errors {
                return Err(format!(
                    "line {line} is neither UTF-8 nor Windows-1252; save the file as \"CSV UTF-8\""
                ));
            }
            Ok(text.into_owned())
        }
    }
}

/// UTF-16 by its BOM or, without one, by its zero bytes: text in a Latin script saved as
/// UTF-16 has a zero in every other byte (the odd ones in little-endian, the even in
/// big-endian), which UTF-8 and Windows-1252 text never has.
fn utf16_of(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.starts_with(b"\xFF\xFE") {
        return Some(encoding_rs::UTF_16LE);
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some(encoding_rs::UTF_16BE);
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs == 0 {
        return None;
    }
    let zeros = |odd: usize| {
        sample
            .iter()
            .skip(odd)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    // Most characters of a sheet (headings, codes, Swedish text) are below U+0100.
    if odd * 10 >= pairs * 6 && even * 10 <= pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 6 && odd * 10 <= pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Whether CSV text ends inside a quoted field, read as the csv reader does: a quote opens a
/// quoted field only at the start of a field, `""` inside one is a quote, and the next quote
/// closes it.
fn ends_inside_quotes(text: &[u8], delimiter: u8) -> bool {
    let mut quoted = false;
    let mut field_start = true;
    let mut bytes = text.iter().copied().peekable();
    while let Some(b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        if field_start && b == b'"' {
            quoted = true;
            field_start = false;
            continue;
        }
        field_start = b == delimiter || b == b'\n' || b == b'\r';
    }
    quoted
}

/// The separator used in the heading row: `;` (Swedish Excel), `,` or tab.
fn sniff_delimiter(line: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for b in line.bytes() {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for (d, n) in counts.iter_mut() {
                if b == *d {
                    *n += 1;
                }
            }
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map(|(d, _)| *d)
        .unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_semicolons_and_bom() {
        let sheet = read_csv(
            "variabler.csv",
            "\u{feff}Namn;Definition\nKön;\"Personens kön; juridiskt\"\n".as_bytes(),
        )
        .expect("readable");
        assert_eq!(sheet.name, "variabler");
        assert_eq!(sheet.rows[1].cells, ["Kön", "Personens kön; juridiskt"]);
    }

    #[test]
    fn windows_1252_is_recognised_and_mixed_encodings_refused() {
        let latin = b"Namn,Definition\nK\xF6n,x\n";
        let sheet = read_csv("v.csv", latin).expect("windows-1252");
        assert_eq!(sheet.rows[1].cells[0], "Kön");
        let mixed = "Namn,Definition\nKön,x\n"
            .bytes()
            .chain(*b"K\xF6n,y\n")
            .collect::<Vec<u8>>();
        let err = read_csv("v.csv", &mixed).expect_err("mixed");
        assert!(err.message.contains("line 3"), "{}", err.message);
    }

    #[test]
    fn numbers_and_dates_become_plain_text() {
        assert_eq!(cell_text(&Data::Float(12.0)), Ok("12".into()));
        assert_eq!(cell_text(&Data::Float(1.5)), Ok("1.5".into()));
        assert_eq!(cell_text(&Data::Bool(true)), Ok("Ja".into()));
    }
}
