//! Reading an extract row by row: CSV (UTF-8 with or without BOM, or Windows-1252; `;`, `,`
//! or tab separated, detected from the heading row unless given) streamed through the `csv`
//! crate's reader, so memory does not grow with the number of rows; xlsx/ods through calamine,
//! which loads the first sheet whole.
//!
//! Errors name the file and the row but never a value: the extract may hold patient data.

use std::fs::File;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use super::Unusable;

/// How much of a CSV file is read ahead to detect its encoding and separator.
const SNIFF_BYTES: u64 = 64 * 1024;

/// The CSV reader's buffer: large reads, few system calls.
const READ_BUFFER: usize = 256 * 1024;

/// The text encoding of a CSV extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    #[value(name = "utf-8")]
    Utf8,
    #[value(name = "windows-1252")]
    Windows1252,
}

/// How to read a CSV extract; `None` means "detect".
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    pub separator: Option<u8>,
    pub encoding: Option<Encoding>,
}

/// An opened extract: its heading row, then its rows one at a time.
pub struct Extract {
    pub headings: Vec<String>,
    rows: Rows,
}

enum Rows {
    Csv {
        reader: csv::Reader<Box<dyn Read>>,
        record: csv::ByteRecord,
        encoding: Encoding,
        number: usize,
    },
    Sheet {
        range: calamine::Range<Data>,
        next: usize,
        width: usize,
    },
}

impl Extract {
    pub fn open(path: &Path, csv: CsvOptions) -> Result<Self, Unusable> {
        if path.is_dir() {
            return Err(Unusable::new(format!(
                "{} is a folder; give one extract file (CSV, xlsx or ods)",
                path.display()
            )));
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
            .to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" | "xlsm" | "xls" | "ods" => open_sheet(path),
            _ => open_csv(path, csv),
        }
    }

    /// The next row's cells (trimmed) into `cells`, one per heading (missing cells empty);
    /// its row number (the heading row is row 1), or `None` after the last row.
    pub fn next_row(&mut self, cells: &mut Cells) -> Result<Option<usize>, Unusable> {
        let width = self.headings.len();
        cells.clear();
        match &mut self.rows {
            Rows::Csv {
                reader,
                record,
                encoding,
                number,
            } => {
                let more = reader.read_byte_record(record).map_err(|e| csv_error(&e))?;
                if !more {
                    return Ok(None);
                }
                *number += 1;
                let row = *number;
                let not_utf8 = || {
                    Unusable::new(format!(
                        "row {row} is not UTF-8 while the file starts as UTF-8; \
                         save the file as \"CSV UTF-8\" or pass --encoding windows-1252"
                    ))
                };
                match encoding {
                    Encoding::Utf8 => {
                        // The whole row at once: valid UTF-8 whose every field starts and
                        // ends on a character boundary is valid UTF-8 in each field.
                        let text =
                            std::str::from_utf8(record.as_slice()).map_err(|_| not_utf8())?;
                        cells.text.push_str(text);
                        for i in 0..width {
                            match record.range(i) {
                                Some(r) => {
                                    if !text.is_char_boundary(r.start)
                                        || !text.is_char_boundary(r.end)
                                    {
                                        return Err(not_utf8());
                                    }
                                    cells.push_trimmed(r.start, r.end);
                                }
                                None => cells.push_trimmed(text.len(), text.len()),
                            }
                        }
                    }
                    Encoding::Windows1252 => {
                        for i in 0..width {
                            let field = record.get(i).unwrap_or_default();
                            let start = cells.text.len();
                            let (text, _) =
                                encoding_rs::WINDOWS_1252.decode_without_bom_handling(field);
                            cells.text.push_str(&text);
                            cells.push_trimmed(start, cells.text.len());
                        }
                    }
                }
                Ok(Some(row))
            }
            Rows::Sheet { range, next, width } => {
                if *next >= range.height() {
                    return Ok(None);
                }
                for i in 0..*width {
                    let start = cells.text.len();
                    if let Some(c) = range.get((*next, i)) {
                        cells.text.push_str(&cell_text(c));
                    }
                    cells.push_trimmed(start, cells.text.len());
                }
                *next += 1;
                let first = range.start().map(|(r, _)| r as usize).unwrap_or(0);
                Ok(Some(first + *next))
            }
        }
    }
}

/// One row's cells, trimmed: their text in one buffer, reused from row to row, so reading a
/// row allocates nothing once the buffer has grown to the longest row.
#[derive(Debug, Default)]
pub struct Cells {
    text: String,
    bounds: Vec<(usize, usize)>,
}

impl Cells {
    fn clear(&mut self) {
        self.text.clear();
        self.bounds.clear();
    }

    /// Adds the cell `text[start..end]`, without its surrounding white space.
    fn push_trimmed(&mut self, start: usize, end: usize) {
        let cell = &self.text[start..end];
        // Most cells start and end in a printable ASCII character: nothing to trim.
        let ascii_solid = |b: u8| b < 0x80 && !matches!(b, b'\t'..=b'\r' | b' ');
        let bytes = cell.as_bytes();
        if bytes.first().is_none_or(|b| ascii_solid(*b))
            && bytes.last().is_none_or(|b| ascii_solid(*b))
        {
            self.bounds.push((start, end));
            return;
        }
        let trimmed = cell.trim_start();
        let start = end - trimmed.len();
        let end = start + trimmed.trim_end().len();
        self.bounds.push((start, end));
    }

    /// The cell of column `i` (empty beyond the row's last cell).
    pub fn get(&self, i: usize) -> &str {
        self.bounds
            .get(i)
            .and_then(|(s, e)| self.text.get(*s..*e))
            .unwrap_or_default()
    }
}

fn trim_in_place(s: &mut String) {
    let end = s.trim_end().len();
    s.truncate(end);
    let start = s.len() - s.trim_start().len();
    s.drain(..start);
}

fn csv_error(e: &csv::Error) -> Unusable {
    let row = e.position().map(|p| p.record() + 1);
    let at = row.map(|r| format!("row {r}: ")).unwrap_or_default();
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Unusable::new(format!(
            "{at}{len} fields where the heading row has {expected_len}; \
             is the separator right (see --separator)?"
        )),
        csv::ErrorKind::Io(io) => Unusable::new(format!("{at}cannot read the file: {io}")),
        _ => Unusable::new(format!("{at}not valid CSV")),
    }
}

fn decode_into(bytes: &[u8], encoding: Encoding, out: &mut String) -> Result<(), ()> {
    match encoding {
        Encoding::Utf8 => {
            out.push_str(std::str::from_utf8(bytes).map_err(|_| ())?);
        }
        Encoding::Windows1252 => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            out.push_str(&text);
        }
    }
    Ok(())
}

fn open_csv(path: &Path, opts: CsvOptions) -> Result<Extract, Unusable> {
    let file = File::open(path)
        .map_err(|e| Unusable::new(format!("cannot open {}: {e}", path.display())))?;
    let mut file = BufReader::with_capacity(READ_BUFFER, file);
    let mut head = Vec::new();
    file.by_ref()
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| Unusable::new(format!("cannot read {}: {e}", path.display())))?;
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    if bom {
        head.drain(..3);
    }
    if looks_binary(&head) {
        return Err(Unusable::new(format!(
            "{} is not a CSV file (it holds binary data; an xlsx or ods workbook needs its \
             .xlsx or .ods extension)",
            path.display()
        )));
    }
    let encoding = opts.encoding.unwrap_or(if bom || utf8_prefix(&head) {
        Encoding::Utf8
    } else {
        Encoding::Windows1252
    });
    let first_line = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let separator = opts
        .separator
        .unwrap_or_else(|| sniff_separator(first_line));
    let input: Box<dyn Read> = Box::new(Cursor::new(head).chain(file));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .buffer_capacity(READ_BUFFER)
        .delimiter(separator)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let more = reader
        .read_byte_record(&mut record)
        .map_err(|e| csv_error(&e))?;
    if !more {
        return Err(Unusable::new(format!(
            "{} is empty: an extract needs a heading row naming its columns",
            path.display()
        )));
    }
    let mut headings = Vec::with_capacity(record.len());
    for field in record.iter() {
        let mut h = String::new();
        decode_into(field, encoding, &mut h).map_err(|()| {
            Unusable::new("the heading row is not UTF-8; pass --encoding windows-1252".to_owned())
        })?;
        trim_in_place(&mut h);
        headings.push(h);
    }
    Ok(Extract {
        headings,
        rows: Rows::Csv {
            reader,
            record,
            encoding,
            number: 1,
        },
    })
}

/// NUL bytes do not occur in text files; zip containers (xlsx, ods) start with `PK`.
fn looks_binary(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.contains(&0)
}

/// Whether `head` is UTF-8, allowing a character cut off at its end.
fn utf8_prefix(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && head.len() - e.valid_up_to() < 4,
    }
}

/// The separator used in the heading row: `;` (Swedish Excel), `,` or tab, the most frequent
/// outside quotes; `,` when none occurs.
pub fn sniff_separator(line: &[u8]) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut in_quotes = false;
    for b in line {
        if *b == b'"' {
            in_quotes = !in_quotes;
        } else if !in_quotes {
            for (d, n) in counts.iter_mut() {
                if b == d {
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

fn open_sheet(path: &Path) -> Result<Extract, Unusable> {
    let mut wb = open_workbook_auto(path).map_err(|_| {
        Unusable::new(format!(
            "{} is not a readable spreadsheet (is the file damaged, or saved in another format?)",
            path.display()
        ))
    })?;
    let Some(name) = wb.sheet_names().first().cloned() else {
        return Err(Unusable::new(format!("{} has no sheet", path.display())));
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|_| Unusable::new(format!("{}: cannot read the sheet {name}", path.display())))?;
    let Some(first) = range.rows().next() else {
        return Err(Unusable::new(format!(
            "{}: the sheet {name} is empty: an extract needs a heading row naming its columns",
            path.display()
        )));
    };
    let headings: Vec<String> = first
        .iter()
        .map(|c| cell_text(c).trim().to_owned())
        .collect();
    let width = headings.len();
    Ok(Extract {
        headings,
        rows: Rows::Sheet {
            range,
            next: 1,
            width,
        },
    })
}

/// A cell as the text a CSV export would hold: integral numbers without `.0`, dates as
/// `YYYY-MM-DD` (with ` HH:MM` or ` HH:MM:SS` when they hold a time), booleans as 1/0.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if d.time() == chrono::NaiveTime::MIN => {
                d.date().format("%Y-%m-%d").to_string()
            }
            Some(d) if d.format("%S").to_string() == "00" => d.format("%Y-%m-%d %H:%M").to_string(),
            Some(d) => d.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => "#DATE?".to_owned(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(_) => "#ERROR".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_detected_outside_quotes() {
        assert_eq!(sniff_separator(b"a;b;c"), b';');
        assert_eq!(sniff_separator(b"a,b,c"), b',');
        assert_eq!(sniff_separator(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_separator(b"\"a;b\",c"), b',');
        assert_eq!(sniff_separator(b"single"), b',');
    }

    #[test]
    fn utf8_cut_at_the_sniff_boundary_is_still_utf8() {
        let s = "Malmö".as_bytes();
        assert!(utf8_prefix(&s[..s.len() - 1]));
        assert!(!utf8_prefix(b"Malm\xF6 ok"));
    }

    #[test]
    fn binary_files_are_not_csv() {
        assert!(looks_binary(b"PK\x03\x04rest"));
        assert!(looks_binary(b"a\0b"));
        assert!(!looks_binary("a;b\n1;2\n".as_bytes()));
    }

    #[test]
    fn a_character_split_by_the_separator_is_not_utf8() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("x.csv");
        // "å" is C3 A5; here the separator falls between its two bytes.
        std::fs::write(&path, b"A;B\n\xC3;\xA5\n  x ;\xC3\xA5\n").expect("write");
        let opts = CsvOptions {
            encoding: Some(Encoding::Utf8),
            ..CsvOptions::default()
        };
        let mut extract = Extract::open(&path, opts).expect("opens");
        let mut cells = Cells::default();
        let e = extract.next_row(&mut cells).expect_err("not UTF-8");
        assert!(e.message.contains("row 2 is not UTF-8"), "{}", e.message);
        let mut extract = Extract::open(&path, opts).expect("opens");
        let _ = extract.next_row(&mut cells);
        assert_eq!(extract.next_row(&mut cells).expect("row 3"), Some(3));
        assert_eq!((cells.get(0), cells.get(1), cells.get(2)), ("x", "å", ""));
    }

    #[test]
    fn trimming_keeps_the_inner_text() {
        let mut s = "  a b ".to_owned();
        trim_in_place(&mut s);
        assert_eq!(s, "a b");
    }
}
