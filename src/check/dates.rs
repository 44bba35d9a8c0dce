//! Dates, date-times and times in the format a specification names, written as editors write
//! them: `ÅÅÅÅ-MM-DD`, `ÅÅÅÅMMDD`, `ÅÅÅÅ-MM-DD TT:MM` (also `YYYY`, `HH`, and `SS` for
//! seconds). `MM` after an hour is minutes. Without a format, ISO 8601 forms are accepted.

/// One part of a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
    Lit(char),
}

/// The accepted layouts of a value, any of which may match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateFormat {
    layouts: Vec<Vec<Tok>>,
}

/// The parts of a parsed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parsed {
    pub year: Option<i32>,
}

impl DateFormat {
    pub const DATE: &[&str] = &["ÅÅÅÅ-MM-DD"];
    pub const DATE_TIME: &[&str] = &[
        "ÅÅÅÅ-MM-DD TT:MM",
        "ÅÅÅÅ-MM-DD TT:MM:SS",
        "ÅÅÅÅ-MM-DD'T'TT:MM",
        "ÅÅÅÅ-MM-DD'T'TT:MM:SS",
    ];
    pub const TIME: &[&str] = &["TT:MM", "TT:MM:SS"];

    /// The format the specification names, or the `default` layouts when it names none that
    /// reads as a date or time.
    pub fn from_spec(format: &str, default: &[&str]) -> Self {
        let own = tokens(format);
        let temporal = own.iter().any(|t| !matches!(t, Tok::Lit(_)));
        if temporal {
            return Self { layouts: vec![own] };
        }
        Self {
            layouts: default.iter().map(|f| tokens(f)).collect(),
        }
    }

    /// The value's parts, when it is written in one of the layouts and is a real date/time.
    pub fn parse(&self, value: &str) -> Option<Parsed> {
        self.layouts.iter().find_map(|l| parse_with(l, value))
    }
}

fn tokens(format: &str) -> Vec<Tok> {
    let chars: Vec<char> = format.trim().chars().flat_map(char::to_uppercase).collect();
    let mut out = Vec::new();
    let mut seen_hour = false;
    let mut i = 0;
    while i < chars.len() {
        let rest = &chars[i..];
        let starts = |p: &str| {
            let p: Vec<char> = p.chars().collect();
            rest.starts_with(&p)
        };
        if starts("ÅÅÅÅ") || starts("YYYY") || starts("AAAA") {
            out.push(Tok::Year);
            i += 4;
        } else if starts("'") {
            // A quoted literal, e.g. 'T'.
            let end = rest[1..].iter().position(|c| *c == '\'').map(|p| p + 1);
            match end {
                Some(e) => {
                    out.extend(rest[1..e].iter().map(|c| Tok::Lit(*c)));
                    i += e + 1;
                }
                None => {
                    out.push(Tok::Lit('\''));
                    i += 1;
                }
            }
        } else if starts("MM") {
            out.push(if seen_hour { Tok::Minute } else { Tok::Month });
            i += 2;
        } else if starts("DD") {
            out.push(Tok::Day);
            i += 2;
        } else if starts("TT") || starts("HH") {
            out.push(Tok::Hour);
            seen_hour = true;
            i += 2;
        } else if starts("SS") {
            out.push(Tok::Second);
            i += 2;
        } else {
            out.push(Tok::Lit(chars[i]));
            i += 1;
        }
    }
    out
}

fn parse_with(layout: &[Tok], value: &str) -> Option<Parsed> {
    let bytes = value.as_bytes();
    let mut pos = 0;
    let (mut y, mut mo, mut d, mut h, mut mi, mut s) = (None, None, None, None, None, None);
    let num = |n: usize, pos: &mut usize| -> Option<u32> {
        let part = bytes.get(*pos..*pos + n)?;
        let mut n = 0u32;
        for b in part {
            if !b.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u32::from(b - b'0');
        }
        *pos += part.len();
        Some(n)
    };
    for t in layout {
        match t {
            Tok::Year => y = Some(num(4, &mut pos)?),
            Tok::Month => mo = Some(num(2, &mut pos)?),
            Tok::Day => d = Some(num(2, &mut pos)?),
            Tok::Hour => h = Some(num(2, &mut pos)?),
            Tok::Minute => mi = Some(num(2, &mut pos)?),
            Tok::Second => s = Some(num(2, &mut pos)?),
            Tok::Lit(c) if c.is_ascii() => {
                if bytes.get(pos).copied() != Some(*c as u8) {
                    return None;
                }
                pos += 1;
            }
            Tok::Lit(c) => {
                let mut buf = [0u8; 4];
                let lit = c.encode_utf8(&mut buf).as_bytes();
                if bytes.get(pos..pos + lit.len())? != lit {
                    return None;
                }
                pos += lit.len();
            }
        }
    }
    if pos != bytes.len() {
        return None;
    }
    if h.is_some_and(|h| h > 23) || mi.is_some_and(|m| m > 59) || s.is_some_and(|s| s > 59) {
        return None;
    }
    if mo.is_some_and(|m| !(1..=12).contains(&m)) || d.is_some_and(|d| !(1..=31).contains(&d)) {
        return None;
    }
    let year = y.and_then(|y| i32::try_from(y).ok());
    if let (Some(y), Some(m), Some(d)) = (year, mo, d) {
        chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    }
    Some(Parsed { year })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_follow_the_hour() {
        assert_eq!(
            tokens("ÅÅÅÅ-MM-DD TT:MM"),
            [
                Tok::Year,
                Tok::Lit('-'),
                Tok::Month,
                Tok::Lit('-'),
                Tok::Day,
                Tok::Lit(' '),
                Tok::Hour,
                Tok::Lit(':'),
                Tok::Minute
            ]
        );
    }

    #[test]
    fn values_must_fill_the_layout_and_be_real_dates() {
        let f = DateFormat::from_spec("YYYY-MM-DD", DateFormat::DATE);
        assert_eq!(f.parse("2024-02-29"), Some(Parsed { year: Some(2024) }));
        assert_eq!(f.parse("2023-02-29"), None);
        assert_eq!(f.parse("2024-2-29"), None);
        assert_eq!(f.parse("2024-02-29 "), None);
        assert_eq!(f.parse("2024-13-01"), None);
    }

    #[test]
    fn a_format_that_is_no_date_falls_back_to_iso() {
        let f = DateFormat::from_spec("8", DateFormat::DATE);
        assert!(f.parse("2025-01-01").is_some());
    }
}
