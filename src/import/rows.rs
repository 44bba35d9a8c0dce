//! Sheets of text → rows whose cells are looked up by field. Checks the heading row (unknown
//! headings, missing required columns, duplicates) and offers the small cell parsers every
//! sheet shares (lists, Ja/Nej, dates, URLs, e-mail addresses).

use std::collections::HashMap;

use super::report::{Location, Problem, column_letter};
use super::source::Sheet;
use crate::fields::{SheetKind, SheetSpec, fold};

/// One data row, its cells keyed by field.
pub struct RowView<'a> {
    pub sheet: &'a str,
    pub number: usize,
    cells: HashMap<&'static str, (usize, &'a str, &'static str)>,
}

impl<'a> RowView<'a> {
    /// Whether the sheet has this column at all (absent columns leave fields unchanged).
    pub fn has(&self, field: &str) -> bool {
        self.cells.contains_key(field)
    }

    /// The trimmed cell, or `""` when the column is absent or the cell empty.
    pub fn get(&self, field: &str) -> &'a str {
        self.cells
            .get(field)
            .map(|(_, v, _)| v.trim())
            .unwrap_or("")
    }

    pub fn loc(&self, field: &str) -> Location {
        match self.cells.get(field) {
            Some((col, _, heading)) => Location::Cell {
                sheet: self.sheet.to_owned(),
                row: self.number,
                column: column_letter(*col),
                heading: (*heading).to_owned(),
            },
            None => Location::Row {
                sheet: self.sheet.to_owned(),
                row: self.number,
            },
        }
    }

    pub fn problem(&self, field: &str, message: impl Into<String>) -> Problem {
        Problem {
            location: self.loc(field),
            message: message.into(),
        }
    }
}

/// A sheet matched to its spec, with its data rows.
pub struct ParsedSheet<'a> {
    pub kind: SheetKind,
    pub rows: Vec<RowView<'a>>,
}

/// Matches a sheet to its spec (by name; a lone unknown sheet is a variable list) and maps its
/// headings. Problems go to `problems`; a sheet whose headings are wrong yields no rows.
pub fn parse_sheet<'a>(
    sheet: &'a Sheet,
    lone: bool,
    problems: &mut Vec<Problem>,
) -> Option<ParsedSheet<'a>> {
    let spec = match SheetSpec::by_name(&sheet.name) {
        Some(s) => s,
        None if lone => SheetSpec::by_kind(SheetKind::Variables),
        None => {
            let known: Vec<&str> = crate::fields::SHEETS.iter().map(|s| s.name).collect();
            problems.push(Problem {
                location: Location::Sheet {
                    sheet: sheet.name.clone(),
                },
                message: format!(
                    "not a varcat sheet; the sheets are named {}",
                    known.join(", ")
                ),
            });
            return None;
        }
    };
    let mut rows = sheet
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    let Some(heading_row) = rows.next() else {
        return Some(ParsedSheet {
            kind: spec.kind,
            rows: Vec::new(),
        });
    };
    let before = problems.len();
    let mut columns: Vec<Option<&'static crate::fields::Column>> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, h) in heading_row.cells.iter().enumerate() {
        let h = h.trim();
        if h.is_empty() {
            columns.push(None);
            continue;
        }
        let loc = Location::Cell {
            sheet: sheet.name.clone(),
            row: heading_row.number,
            column: column_letter(i),
            heading: h.chars().take(60).collect(),
        };
        match spec.column(h) {
            Some(c) => {
                if let Some(first) = seen.insert(c.field, i) {
                    problems.push(Problem {
                        location: loc,
                        message: format!(
                            "column {} appears twice (also column {})",
                            c.heading,
                            column_letter(first)
                        ),
                    });
                }
                columns.push(Some(c));
            }
            None => {
                let expected: Vec<&str> = spec.columns.iter().map(|c| c.heading).collect();
                let hint = spec
                    .columns
                    .iter()
                    .find(|c| {
                        fold(c.heading).starts_with(&fold(h))
                            || fold(h).starts_with(&fold(c.heading))
                    })
                    .map(|c| format!(" Did you mean {}?", c.heading))
                    .unwrap_or_default();
                problems.push(Problem {
                    location: loc,
                    message: format!(
                        "unknown heading in sheet {}.{hint} Known headings: {}",
                        spec.name,
                        expected.join(", ")
                    ),
                });
                columns.push(None);
            }
        }
    }
    for c in spec.columns.iter().filter(|c| c.required) {
        if !seen.contains_key(c.field) {
            problems.push(Problem {
                location: Location::Sheet {
                    sheet: sheet.name.clone(),
                },
                message: format!("the required column {} is missing", c.heading),
            });
        }
    }
    if problems.len() > before {
        return None;
    }
    let mut out = Vec::new();
    for r in rows {
        let mut cells = HashMap::new();
        for (i, value) in r.cells.iter().enumerate() {
            let Some(Some(c)) = columns.get(i) else {
                if !value.trim().is_empty() && i >= columns.len() {
                    problems.push(Problem {
                        location: Location::Cell {
                            sheet: sheet.name.clone(),
                            row: r.number,
                            column: column_letter(i),
                            heading: "no heading".into(),
                        },
                        message: "holds a value in a column without a heading".into(),
                    });
                }
                continue;
            };
            if let Err(message) = super::text::check(c.field, value.trim()) {
                problems.push(Problem {
                    location: Location::Cell {
                        sheet: sheet.name.clone(),
                        row: r.number,
                        column: column_letter(i),
                        heading: c.heading.into(),
                    },
                    message,
                });
                continue;
            }
            cells.insert(c.field, (i, value.as_str(), c.heading));
        }
        out.push(RowView {
            sheet: &sheet.name,
            number: r.number,
            cells,
        });
    }
    Some(ParsedSheet {
        kind: spec.kind,
        rows: out,
    })
}

/// Splits a list cell on `;` (or on `,` when there is no `;`), dropping empty parts.
pub fn split_list(s: &str) -> Vec<&str> {
    let sep = if s.contains(';') { ';' } else { ',' };
    s.split(sep)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Ja/Nej and friends; empty means no.
pub fn parse_yes_no(s: &str) -> Result<bool, String> {
    match fold(s).as_str() {
        "" | "nej" | "n" | "no" | "false" | "0" => Ok(false),
        "ja" | "j" | "yes" | "y" | "true" | "1" | "x" | "tabort" => Ok(true),
        _ => Err(format!("{s:?} is not Ja or Nej")),
    }
}

/// `YYYY-MM-DD`, also accepting `YYYYMMDD`; returns the canonical form.
pub fn parse_date(s: &str) -> Result<String, String> {
    let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%Y%m%d"))
        .map_err(|_| format!("{s:?} is not a date of the form ÅÅÅÅ-MM-DD"))?;
    Ok(d.format("%Y-%m-%d").to_string())
}

/// An absolute http(s) URL that is also a valid IRI.
pub fn check_url(s: &str) -> Result<String, String> {
    let ok = (s.starts_with("https://") || s.starts_with("http://"))
        && oxigraph::model::NamedNode::new(s).is_ok();
    if ok {
        Ok(s.to_owned())
    } else {
        Err(format!("{s:?} is not an http(s) web address"))
    }
}

pub fn check_email(s: &str) -> Result<String, String> {
    let s = s.trim_start_matches("mailto:");
    let valid = s
        .split_once('@')
        .is_some_and(|(a, b)| !a.is_empty() && b.contains('.') && !b.starts_with('.'))
        && !s.contains(char::is_whitespace)
        && oxigraph::model::NamedNode::new(format!("mailto:{s}")).is_ok();
    if valid {
        Ok(s.to_owned())
    } else {
        Err(format!("{s:?} is not an e-mail address"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_on_semicolon_first() {
        assert_eq!(split_list("a; b;;c"), ["a", "b", "c"]);
        assert_eq!(split_list("a, b"), ["a", "b"]);
        assert_eq!(
            split_list("1=Man, kvinna; 2=Kvinna"),
            ["1=Man, kvinna", "2=Kvinna"]
        );
    }

    #[test]
    fn small_parsers() {
        assert_eq!(parse_yes_no("JA"), Ok(true));
        assert!(parse_yes_no("kanske").is_err());
        assert_eq!(parse_date("20250101"), Ok("2025-01-01".into()));
        assert!(parse_date("2025-13-01").is_err());
        assert!(check_url("javascript:alert(1)").is_err());
        assert!(check_email("a@b.se").is_ok());
        assert!(check_email("a b@c.se").is_err());
    }
}
