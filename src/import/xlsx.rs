//! .xlsx sheets in one pass each: cell values and formulas come from the same read of the
//! sheet's XML. (calamine's generic path reads a sheet twice, once for its values and once more
//! for its formulas, which at national scale is a large share of the whole import.)

use std::io::{Read, Seek};

use calamine::{Data, DataRef, Xlsx, XlsxError};

use super::report::{Location, Problem, column_letter};
use super::source::{Row, Sheet, cell_text};

/// The most rows a sheet may span, from its first to its last cell holding anything. Ample
/// for a national catalogue (its largest sheet, the codes, has some 200,000 rows), and it
/// keeps a tiny file naming a far-away cell from costing gigabytes of memory.
pub const MAX_SHEET_ROWS: u32 = 500_000;
/// The most columns a sheet may span (the widest varcat sheet has fewer than 30).
pub const MAX_SHEET_COLUMNS: u32 = 100;

/// Why a sheet cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error(transparent)]
    Xlsx(#[from] XlsxError),
    #[error(
        "the sheet spans {extent} ({rows} rows, {columns} columns); at most {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLUMNS} columns are read. Delete the rows and columns outside the table (Ctrl+End in Excel goes to the last cell in use)"
    )]
    TooLarge {
        extent: String,
        rows: u64,
        columns: u64,
    },
}

/// Reads one sheet as rows of text, like `worksheet_range` would: from its first to its last
/// row holding a value, each row as wide as the rightmost value, numbered as Excel shows them.
/// Formulas and cells that cannot be read are reported, formulas first.
pub fn read_sheet<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Result<Sheet, SheetError> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet: no cells, as calamine's own range reader treats it.
        Err(XlsxError::NotAWorksheet(_)) => {
            return Ok(Sheet {
                name: name.to_owned(),
                rows: Vec::new(),
            });
        }
        Err(e) => return Err(e.into()),
    };
    let cell_problem = |row: u32, col: u32, heading: &str, message: String| Problem {
        location: Location::Cell {
            sheet: name.to_owned(),
            row: row as usize + 1,
            column: column_letter(col as usize),
            heading: heading.into(),
        },
        message,
    };
    let mut formulas = Vec::new();
    let mut unreadable = Vec::new();
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = reader.next_cell_with_formula()? {
        let (row, col) = cell.pos;
        if let Some(f) = cell.formula.as_deref().filter(|f| !f.trim().is_empty()) {
            formulas.push(cell_problem(
                row,
                col,
                "formula",
                format!(
                    "holds the formula ={f}; formulas are not imported, write the value instead"
                ),
            ));
        }
        if matches!(cell.value, DataRef::Empty) {
            continue;
        }
        let text = cell_text(&Data::from(cell.value)).unwrap_or_else(|msg| {
            unreadable.push(cell_problem(row, col, "cell", msg));
            String::new()
        });
        cells.push((row, col, text));
    }
    check_span(&cells)?;
    problems.extend(formulas);
    problems.extend(unreadable);
    Ok(Sheet {
        name: name.to_owned(),
        rows: dense_rows(cells),
    })
}

/// Refuses a sheet whose cells span more than `MAX_SHEET_ROWS` rows or `MAX_SHEET_COLUMNS`
/// columns, before they are laid out as rows.
fn check_span(cells: &[(u32, u32, String)]) -> Result<(), SheetError> {
    let (Some(top), Some(bottom), Some(left), Some(right)) = (
        cells.iter().map(|c| c.0).min(),
        cells.iter().map(|c| c.0).max(),
        cells.iter().map(|c| c.1).min(),
        cells.iter().map(|c| c.1).max(),
    ) else {
        return Ok(());
    };
    let rows = u64::from(bottom) - u64::from(top) + 1;
    // Rows are laid out from column A, so the width counts from there.
    let columns = u64::from(right) + 1;
    if rows <= u64::from(MAX_SHEET_ROWS) && columns <= u64::from(MAX_SHEET_COLUMNS) {
        return Ok(());
    }
    let at = |r: u32, c: u32| format!("{}{}", column_letter(c as usize), u64::from(r) + 1);
    Err(SheetError::TooLarge {
        extent: format!("{}:{}", at(top, left), at(bottom, right)),
        rows,
        columns,
    })
}

/// Sparse cells → every row from the first to the last that holds one, each as wide as the
/// rightmost cell (cells left of it empty). A row without cells stays empty: nothing reads it.
fn dense_rows(cells: Vec<(u32, u32, String)>) -> Vec<Row> {
    let (Some(first), Some(last), Some(right)) = (
        cells.iter().map(|c| c.0).min(),
        cells.iter().map(|c| c.0).max(),
        cells.iter().map(|c| c.1).max(),
    ) else {
        return Vec::new();
    };
    let width = right as usize + 1;
    let mut rows: Vec<Row> = (first..=last)
        .map(|r| Row {
            number: r as usize + 1,
            cells: Vec::new(),
        })
        .collect();
    for (r, c, text) in cells {
        if let Some(row) = rows.get_mut((r - first) as usize) {
            if row.cells.is_empty() {
                row.cells = vec![String::new(); width];
            }
            if let Some(slot) = row.cells.get_mut(c as usize) {
                *slot = text;
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparse_cells_become_rows_numbered_as_excel_shows_them() {
        let rows = dense_rows(vec![
            (1, 2, "c2".into()),
            (3, 1, "b4".into()),
            (1, 1, "b2".into()),
        ]);
        let got: Vec<(usize, Vec<&str>)> = rows
            .iter()
            .map(|r| (r.number, r.cells.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            got,
            [
                (2, vec!["", "b2", "c2"]),
                (3, vec![]),
                (4, vec!["", "b4", ""]),
            ]
        );
        assert!(dense_rows(Vec::new()).is_empty());
    }
}
