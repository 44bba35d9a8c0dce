//! Where a problem in an input file is, and what it is: `sheet!row:column: message`.

use std::fmt;

/// The place of a problem: a cell, a whole row or sheet, or a resource in an RDF file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// `row` is 1-based as spreadsheets show it; `column` is a letter such as `D`.
    Cell {
        sheet: String,
        row: usize,
        column: String,
        heading: String,
    },
    Row {
        sheet: String,
        row: usize,
    },
    Sheet {
        sheet: String,
    },
    Resource {
        file: String,
        iri: String,
    },
    File {
        file: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub location: Location,
    pub message: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Cell {
                sheet, row, column, ..
            } => write!(f, "{sheet}!{row}:{column}"),
            Location::Row { sheet, row } => write!(f, "{sheet}!{row}"),
            Location::Sheet { sheet } => write!(f, "{sheet}"),
            Location::Resource { file, iri } => write!(f, "{file} {iri}"),
            Location::File { file } => write!(f, "{file}"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Location::Cell { heading, .. } => {
                write!(f, "{}: {heading}: {}", self.location, self.message)
            }
            _ => write!(f, "{}: {}", self.location, self.message),
        }
    }
}

impl Location {
    /// The parts stored in the import log: sheet (or file), row, column.
    pub fn parts(&self) -> (String, Option<usize>, Option<String>) {
        match self {
            Location::Cell {
                sheet, row, column, ..
            } => (sheet.clone(), Some(*row), Some(column.clone())),
            Location::Row { sheet, row } => (sheet.clone(), Some(*row), None),
            Location::Sheet { sheet } => (sheet.clone(), None, None),
            Location::Resource { file, iri } => (format!("{file} {iri}"), None, None),
            Location::File { file } => (file.clone(), None, None),
        }
    }
}

/// Spreadsheet column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letter(mut index: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + u8::try_from(index % 26).unwrap_or(0));
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn cell_problems_read_sheet_row_column() {
        let p = Problem {
            location: Location::Cell {
                sheet: "variabler".into(),
                row: 5,
                column: "G".into(),
                heading: "Datatyp".into(),
            },
            message: "bad".into(),
        };
        assert_eq!(p.to_string(), "variabler!5:G: Datatyp: bad");
    }
}
