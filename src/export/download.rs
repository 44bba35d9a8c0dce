//! Spreadsheets for people to open, as the web serves them (`web::downloads`): CSV the way
//! Excel in a Swedish locale opens it — UTF-8 with a byte-order mark, `;` between cells — and
//! xlsx built in memory. In both, a cell a spreadsheet would read as a formula is neutralised
//! ([`neutralise_formula`]). `varcat export` does not use this module: it writes what editors
//! keep in their sheets, byte for byte, so that importing it again changes nothing.

use std::borrow::Cow;

use super::{ExportError, Table};

/// The byte-order mark that tells Excel a CSV file is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The separator Excel expects in a Swedish locale (where `,` is the decimal comma).
pub const SEPARATOR: u8 = b';';

/// Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written to a download: prefixed with a single quote `'` when it starts with `=`,
/// `@`, a tab or a carriage return, or with `+` or `-` and is not a plain number (`-5`, `+46`,
/// `-1,5` and `2.5` stay as they are). A cell that starts with `'` followed by one of those
/// characters or another `'` gets one more `'` too, so that the reverse — the import drops one
/// leading `'` when the next character is one of `= + - @ ' tab CR` — gives back exactly what
/// was stored.
pub fn neutralise_formula(cell: &str) -> Cow<'_, str> {
    let mut chars = cell.chars();
    let needs = match chars.next() {
        Some('+' | '-') => !plain_number(cell),
        Some(c) if TRIGGERS.contains(&c) => true,
        Some('\'') => chars
            .next()
            .is_some_and(|c| c == '\'' || TRIGGERS.contains(&c)),
        _ => false,
    };
    if needs {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A sign, digits, and at most one decimal point or comma between digits.
fn plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (whole, fraction) = match digits.split_once(['.', ',']) {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    !whole.is_empty()
        && all_digits(whole)
        && fraction.is_none_or(|f| !f.is_empty() && all_digits(f))
}

/// One table as a CSV file for Excel: BOM, `;`-separated, cells neutralised.
pub fn csv_for_excel(table: &Table) -> Result<Vec<u8>, ExportError> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(SEPARATOR)
        .from_writer(BOM.to_vec());
    w.write_record(&table.headings)?;
    for row in &table.rows {
        w.write_record(row.iter().map(|c| neutralise_formula(c).into_owned()))?;
    }
    w.into_inner()
        .map_err(|e| ExportError::Csv(e.into_error().into()))
}

/// Tables as an xlsx workbook in memory (one sheet each), cells neutralised.
pub fn xlsx_for_download(tables: &[Table]) -> Result<Vec<u8>, ExportError> {
    let mut wb = super::workbook(tables, neutralise_formula)?;
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for (cell, shown) in [
            ("=1+1", "'=1+1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("+46 8 123 45", "'+46 8 123 45"),
            ("-2+3", "'-2+3"),
            ("-", "'-"),
            ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"),
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ] {
            assert_eq!(neutralise_formula(cell), shown, "{cell:?}");
        }
    }

    #[test]
    fn plain_numbers_and_texts_stay() {
        for cell in [
            "-5",
            "+46",
            "-1,5",
            "2.5",
            "0",
            "",
            "Kön",
            "a=b",
            " =1",
            "'text",
            "ÅÅÅÅ-MM-DD",
        ] {
            assert_eq!(neutralise_formula(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn a_quote_the_import_would_drop_is_doubled() {
        assert_eq!(neutralise_formula("'=1"), "''=1");
        assert_eq!(neutralise_formula("''"), "'''");
        assert_eq!(neutralise_formula("'-5"), "''-5");
    }

    #[test]
    fn the_csv_opens_in_swedish_excel() {
        let table = Table {
            name: "variabler",
            headings: vec!["Identifierare", "Namn"],
            rows: vec![vec!["vardplats".into(), "Vårdplats; disponibel".into()]],
        };
        let bytes = csv_for_excel(&table).expect("csv");
        let text = std::str::from_utf8(bytes.strip_prefix(BOM).expect("BOM")).expect("utf-8");
        assert_eq!(
            text,
            "Identifierare;Namn\nvardplats;\"Vårdplats; disponibel\"\n"
        );
    }
}
