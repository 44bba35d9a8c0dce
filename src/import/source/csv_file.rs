//! CSV files as sheets: the encoding (UTF-8, Windows-1252, UTF-16), the separator, and a
//! quote left open, which would otherwise take every following line into one cell.

use super::super::report::{Location, Problem};
use super::{EMPTY_FILE, Row, Sheet};

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
    fn only_a_quote_that_opens_a_field_and_never_closes_is_open() {
        assert!(!ends_inside_quotes(b"a,\"b \"\"c\"\" d\",e\n", b','));
        assert!(!ends_inside_quotes(b"a,5\" skarm,e\n", b','));
        assert!(!ends_inside_quotes(b"a;\"x\ny\";e\n", b';'));
        assert!(ends_inside_quotes(b"a,\"open\nb,c\n", b','));
        assert!(ends_inside_quotes(b"a,\"x\"\"\n", b','));
    }

    #[test]
    fn bom_only_is_empty_and_utf16_is_decoded() {
        let err = read_csv("v.csv", b"\xEF\xBB\xBF").expect_err("empty");
        assert_eq!(err.message, "the file is empty");
        let le: Vec<u8> = "Namn\tDefinition\nKön\tx\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let sheet = read_csv("v.csv", &le).expect("utf-16");
        assert_eq!(sheet.rows[1].cells, ["Kön", "x"]);
        let be: Vec<u8> = "Namn,Definition\nKön,x\n"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(
            read_csv("v.csv", &be).expect("utf-16be").rows[1].cells,
            ["Kön", "x"]
        );
    }
}
