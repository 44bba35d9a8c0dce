//! The span of each sheet of an .ods workbook, read from its `content.xml` as a stream before
//! calamine lays the sheets out. calamine expands every repeated row and cell
//! (`table:number-rows-repeated`, `table:number-columns-repeated`) into a dense grid when it
//! opens the file, so a file of a few kilobytes naming a far-away cell would cost gigabytes;
//! this scan holds one XML event at a time and refuses such a sheet with the same bound and
//! message as an .xlsx sheet.

use std::io::{BufReader, Cursor};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::report::column_letter;
use super::xlsx::{MAX_SHEET_COLUMNS, MAX_SHEET_ROWS, SheetError};

/// The sheets of the workbook in `bytes` that span more than an import reads, each with why.
/// A file that is not an .ods (no `content.xml`), or whose XML cannot be read, has none here:
/// calamine then reports what is wrong with it.
pub fn oversized_sheets(bytes: &[u8]) -> Vec<(String, SheetError)> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Vec::new();
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Vec::new();
    };
    scan(BufReader::new(content))
}

#[derive(Default)]
struct Span {
    top: Option<u64>,
    bottom: u64,
    left: u64,
    right: u64,
}

impl Span {
    fn add(&mut self, first_row: u64, last_row: u64, left: u64, right: u64) {
        match self.top {
            None => {
                *self = Span {
                    top: Some(first_row),
                    bottom: last_row,
                    left,
                    right,
                }
            }
            Some(top) => {
                self.top = Some(top.min(first_row));
                self.bottom = self.bottom.max(last_row);
                self.left = self.left.min(left);
                self.right = self.right.max(right);
            }
        }
    }

    fn too_large(&self) -> Option<SheetError> {
        let top = self.top?;
        let rows = self.bottom - top + 1;
        // Rows are laid out from column A, so the width counts from there.
        let columns = self.right + 1;
        if rows <= u64::from(MAX_SHEET_ROWS) && columns <= u64::from(MAX_SHEET_COLUMNS) {
            return None;
        }
        let at = |r: u64, c: u64| {
            let letter = usize::try_from(c).map_or_else(|_| "?".into(), column_letter);
            format!("{letter}{}", r + 1)
        };
        Some(SheetError::TooLarge {
            extent: format!("{}:{}", at(top, self.left), at(self.bottom, self.right)),
            rows,
            columns,
        })
    }
}

/// Where the scan is: the current sheet, row and cell.
#[derive(Default)]
struct Position {
    sheet: String,
    span: Span,
    row: u64,
    row_repeat: u64,
    row_cells: Option<(u64, u64)>,
    col: u64,
    cell_repeat: u64,
    cell_holds: bool,
    in_cell: bool,
}

impl Position {
    fn start_row(&mut self, e: &BytesStart<'_>) {
        self.row_repeat = repeats(e, "table:number-rows-repeated");
        self.row_cells = None;
        self.col = 0;
    }

    fn end_row(&mut self) {
        if let Some((left, right)) = self.row_cells {
            let last = self.row.saturating_add(self.row_repeat - 1);
            self.span.add(self.row, last, left, right);
        }
        self.row = self.row.saturating_add(self.row_repeat);
    }

    fn start_cell(&mut self, e: &BytesStart<'_>) {
        self.cell_repeat = repeats(e, "table:number-columns-repeated");
        self.cell_holds = has(e, "office:value-type") || has(e, "table:formula");
        self.in_cell = true;
    }

    fn end_cell(&mut self) {
        if self.cell_holds {
            let right = self.col.saturating_add(self.cell_repeat - 1);
            self.row_cells = Some(match self.row_cells {
                None => (self.col, right),
                Some((l, _)) => (l, right),
            });
        }
        self.col = self.col.saturating_add(self.cell_repeat);
        self.in_cell = false;
    }
}

fn scan(content: impl std::io::BufRead) -> Vec<(String, SheetError)> {
    let mut reader = Reader::from_reader(content);
    let mut buf = Vec::new();
    let mut at = Position::default();
    let mut out = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return out,
        };
        match event {
            Event::Eof => return out,
            Event::Start(e) => match e.name().as_ref() {
                "table:table" => {
                    at = Position {
                        sheet: attr(&e, "table:name"),
                        ..Position::default()
                    }
                }
                "table:table-row" => at.start_row(&e),
                "table:table-cell" | "table:covered-table-cell" => at.start_cell(&e),
                _ if at.in_cell => at.cell_holds = true,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "table:table-row" => {
                    at.start_row(&e);
                    at.end_row();
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    at.start_cell(&e);
                    at.end_cell();
                }
                _ if at.in_cell => at.cell_holds = true,
                _ => {}
            },
            Event::Text(_) if at.in_cell => {}
            Event::End(e) => match e.name().as_ref() {
                "table:table-cell" | "table:covered-table-cell" => at.end_cell(),
                "table:table-row" => at.end_row(),
                "table:table" => {
                    if let Some(why) = at.span.too_large() {
                        out.push((std::mem::take(&mut at.sheet), why));
                    }
                }
                _ => {}
            },
            _ => {}
        }
        buf.clear();
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> String {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .map(|a| a.value.into_owned())
        .unwrap_or_default()
}

fn has(e: &BytesStart<'_>, name: &str) -> bool {
    matches!(e.try_get_attribute(name), Ok(Some(_)))
}

/// A repeat count: at least 1; an unreadable one counts as 1 (calamine then reports it).
fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name).trim().parse::<u64>().unwrap_or(1).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(rows: &str) -> String {
        format!(
            r#"<?xml version="1.0"?><office:document-content><office:body><office:spreadsheet><table:table table:name="variabler">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
    }

    fn oversized(rows: &str) -> Vec<String> {
        let c = content(rows);
        scan(c.as_bytes())
            .into_iter()
            .map(|(sheet, why)| format!("{sheet}: {why}"))
            .collect()
    }

    const TEXT: &str =
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;

    #[test]
    fn trailing_empty_rows_and_cells_do_not_count() {
        let rows = format!(
            r#"<table:table-row>{TEXT}<table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
        );
        assert!(oversized(&rows).is_empty(), "{:?}", oversized(&rows));
    }

    #[test]
    fn a_far_away_cell_is_refused_with_the_span() {
        let rows = format!(
            r#"<table:table-row>{TEXT}</table:table-row><table:table-row table:number-rows-repeated="100000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="199"/>{TEXT}</table:table-row>"#
        );
        let found = oversized(&rows);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .starts_with("variabler: the sheet spans A1:GR100002 (100002 rows, 200 columns)"),
            "{found:?}"
        );
    }

    #[test]
    fn repeated_rows_holding_values_count_whole() {
        let rows = format!(
            r#"<table:table-row table:number-rows-repeated="600000">{TEXT}</table:table-row>"#
        );
        assert_eq!(oversized(&rows).len(), 1);
    }
}
