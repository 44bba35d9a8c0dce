//! The one check of every text that enters the catalogue, from any sheet, SKOS file or API
//! request: not too long, and free of control characters, which XML (and so the RDF/XML
//! feeds harvesters read) cannot carry. Multi-line texts may hold tab and line breaks.

use super::source::MAX_CELL_CHARS;

/// Checks the text of `field`; the message says what is wrong and where in the text.
pub fn check(field: &str, text: &str) -> Result<(), String> {
    let n = text.chars().count();
    if n > MAX_CELL_CHARS {
        return Err(format!(
            "holds {n} characters; at most {MAX_CELL_CHARS} are accepted"
        ));
    }
    // Multi-line texts (definitions, descriptions, notes) are marked so in `fields`.
    let multiline = crate::fields::is_multiline(field);
    for (i, c) in text.chars().enumerate() {
        let line_break = matches!(c, '\t' | '\n' | '\r');
        if line_break && multiline {
            continue;
        }
        if line_break {
            return Err(format!(
                "holds a tab or line break (character {}); this text must be one line",
                i + 1
            ));
        }
        if is_control(c) {
            return Err(format!(
                "holds the control character U+{:04X} (character {}); remove it",
                u32::from(c),
                i + 1
            ));
        }
    }
    Ok(())
}

/// A code's notation becomes a segment of its IRI (`…/kodverk/kon/1`): `.` and `..` would be
/// read as "this" and "the parent" segment, so they are refused.
pub fn check_notation(notation: &str) -> Result<(), String> {
    if matches!(notation, "." | "..") {
        return Err(format!(
            "{notation:?} cannot be a code: it would make the code's web address point elsewhere"
        ));
    }
    Ok(())
}

/// C0 (U+0000–U+001F), DEL and C1 (U+0080–U+009F).
fn is_control(c: char) -> bool {
    matches!(u32::from(c), 0x00..=0x1F | 0x7F..=0x9F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_and_line_breaks_only_where_a_text_allows_them() {
        assert!(check("name", "Kön").is_ok());
        assert!(check("definition", "Rad ett\r\nRad\ttvå").is_ok());
        for bad in [
            "a\u{0}b",
            "a\u{7}b",
            "a\u{1b}[31m",
            "a\u{7f}",
            "a\u{85}b",
            "a\u{9f}",
        ] {
            let e = check("definition", bad).expect_err(bad);
            assert!(e.contains("control character U+"), "{e}");
        }
        let e = check("name", "Rad ett\nRad två").expect_err("one line");
        assert!(e.contains("one line"), "{e}");
        assert!(check("notation", "A\tB").is_err());
        let long = "x".repeat(MAX_CELL_CHARS + 1);
        assert!(check("definition", &long).is_err());
    }

    #[test]
    fn dot_segments_are_not_notations() {
        assert!(check_notation(".").is_err());
        assert!(check_notation("..").is_err());
        assert!(check_notation("S72.0").is_ok());
        assert!(check_notation("...").is_ok());
    }
}
