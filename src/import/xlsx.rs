//! .xlsx sheets in one pass each: cell values and formulas come from the same read of the
//! sheet's XML. (calamine's generic path reads a sheet twice, once for its values and once more
//! for its formulas, which at national scale is a large share of the whole import.)

use std::io::{Read, Seek};

use calamine::{Data, DataRef, Xlsx, XlsxError};

use super::report::{Location, Problem, column_letter};
use super::source::{Row, Sheet, cell_text};

/// Reads one sheet as rows of text, like `worksheet_range` would: from its first to its last
/// row holding a value, each row as wide as the rightmost value, numbered as Excel shows them.
/// Formulas and cells that cannot be read are reported, formulas first.
pub fn read_sheet<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Result<Sheet, XlsxError> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet: no cells, as calamine's own range reader treats it.
        Err(XlsxError::NotAWorksheet(_)) => {
            return Ok(Sheet {
                name: name.to_owned(),
                rows: Vec::new(),
            });
        }
        Err(e) => return Err(e),
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
    problems.extend(formulas);
    problems.extend(unreadable);
    Ok(Sheet {
        name: name.to_owned(),
        rows: dense_rows(cells),
    })
}

/// Sparse cells → every row from the first to the last that holds one, each as wide as the
/// rightmost cell (cells left of it empty).
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
            cells: vec![String::new(); width],
        })
        .collect();
    for (r, c, text) in cells {
        if let Some(slot) = rows
            .get_mut((r - first) as usize)
            .and_then(|row| row.cells.get_mut(c as usize))
        {
            *slot = text;
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
                (3, vec!["", "", ""]),
                (4, vec!["", "b4", ""]),
            ]
        );
        assert!(dense_rows(Vec::new()).is_empty());
    }
}
