//! The rules one value is checked by, taken from its variable's specification: data type,
//! format or length, pattern, range, membership of the value domain, obligation, and the
//! identifiers' own rules (see `ident`). A value is never kept or returned: only the names of
//! the rules it breaks.

use regex::Regex;

use super::codes::CodeSet;
use super::dates::DateFormat;
use super::ident::Identifier;
use crate::domain::{DataType, Obligation, Variable};

/// A rule a value can break; `name` is its key in the report and the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    Mandatory,
    Datatype,
    Format,
    Pattern,
    Range,
    Code,
    Personnummer,
    Organisationsnummer,
    HsaId,
}

impl Rule {
    pub const ALL: [Rule; 9] = [
        Rule::Mandatory,
        Rule::Datatype,
        Rule::Format,
        Rule::Pattern,
        Rule::Range,
        Rule::Code,
        Rule::Personnummer,
        Rule::Organisationsnummer,
        Rule::HsaId,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::Mandatory => "mandatory",
            Rule::Datatype => "datatype",
            Rule::Format => "format",
            Rule::Pattern => "pattern",
            Rule::Range => "range",
            Rule::Code => "code",
            Rule::Personnummer => "personnummer",
            Rule::Organisationsnummer => "organisationsnummer",
            Rule::HsaId => "hsa_id",
        }
    }
}

/// What a value's type requires.
#[derive(Debug, Clone)]
pub enum Kind {
    Text,
    Integer,
    Decimal,
    Date(DateFormat),
    DateTime(DateFormat),
    Time(DateFormat),
    Boolean,
    /// A code: its membership is checked against the value domain, when there is one.
    Code,
}

/// One variable's rules, compiled once.
#[derive(Debug, Clone)]
pub struct Spec {
    pub kind: Kind,
    pub max_len: Option<usize>,
    pub pattern: Option<Regex>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub codes: Option<CodeSet>,
    pub obligation: Obligation,
    pub identifier: Option<Identifier>,
}

/// How a value was found, besides the rules it breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    Given,
    Empty,
    /// Empty where the variable is conditional: reported apart, not a violation.
    ConditionalEmpty,
}

/// Accepted spellings of a yes/no value.
const BOOLEANS: [&str; 12] = [
    "0", "1", "ja", "nej", "j", "n", "true", "false", "yes", "no", "sant", "falskt",
];

impl Spec {
    /// The rules of `v`, taking the type, format, pattern, range and value domain of the shared
    /// element it is based on (`base`) where its own are not given. Problems with the
    /// specification itself (a pattern that is not a regular expression) come back as notes.
    pub fn new(
        v: &Variable,
        base: Option<&Variable>,
        codes: Option<CodeSet>,
    ) -> (Self, Vec<String>) {
        let mut notes = Vec::new();
        let pick = |own: &str, f: fn(&Variable) -> &str| -> String {
            if own.trim().is_empty() {
                base.map(|b| f(b).trim().to_owned()).unwrap_or_default()
            } else {
                own.trim().to_owned()
            }
        };
        let datatype = v.datatype.or(base.and_then(|b| b.datatype));
        let format = pick(&v.format, |b| &b.format);
        let pattern = pick(&v.pattern, |b| &b.pattern);
        let min = pick(&v.min, |b| &b.min);
        let max = pick(&v.max, |b| &b.max);
        let date_format = |default: &[&str]| DateFormat::from_spec(&format, default);
        let kind = match datatype {
            Some(DataType::Integer) => Kind::Integer,
            Some(DataType::Decimal) => Kind::Decimal,
            Some(DataType::Date) => Kind::Date(date_format(DateFormat::DATE)),
            Some(DataType::DateTime) => Kind::DateTime(date_format(DateFormat::DATE_TIME)),
            Some(DataType::Time) => Kind::Time(date_format(DateFormat::TIME)),
            Some(DataType::Boolean) => Kind::Boolean,
            Some(DataType::Code) => Kind::Code,
            Some(DataType::Text) | None => Kind::Text,
        };
        let is_temporal = matches!(kind, Kind::Date(_) | Kind::DateTime(_) | Kind::Time(_));
        let max_len = if is_temporal {
            None
        } else {
            format.parse::<usize>().ok().filter(|n| *n > 0)
        };
        let pattern = if pattern.is_empty() {
            None
        } else {
            match Regex::new(&pattern) {
                Ok(re) => Some(re),
                Err(_) => {
                    notes.push(format!(
                        "{}: the pattern (Mönster) is not a regular expression; not checked",
                        v.id
                    ));
                    None
                }
            }
        };
        let numeric = matches!(kind, Kind::Integer | Kind::Decimal);
        let identifier = match kind {
            Kind::Text => Identifier::of(v),
            _ => None,
        };
        let spec = Spec {
            kind,
            max_len,
            pattern,
            min: if numeric { number(&min) } else { None },
            max: if numeric { number(&max) } else { None },
            codes,
            obligation: v.obligation.unwrap_or(Obligation::Optional),
            identifier,
        };
        (spec, notes)
    }

    /// Whether the values are dates (or points in time) that can date a row.
    pub fn dates_rows(&self) -> bool {
        matches!(self.kind, Kind::Date(_) | Kind::DateTime(_))
    }

    /// The year of a date value, when it is a valid one.
    pub fn year_of(&self, value: &str) -> Option<i32> {
        match &self.kind {
            Kind::Date(f) | Kind::DateTime(f) => f.parse(value).and_then(|d| d.year),
            _ => None,
        }
    }

    /// Checks `value` (trimmed), pushing the rules it breaks onto `failed`; `year` is the
    /// row's year, which picks the codebook version in force.
    pub fn check(&self, value: &str, year: Option<i32>, failed: &mut Vec<Rule>) -> Presence {
        if value.is_empty() {
            return match self.obligation {
                Obligation::Mandatory => {
                    failed.push(Rule::Mandatory);
                    Presence::Empty
                }
                Obligation::Conditional => Presence::ConditionalEmpty,
                Obligation::Optional => Presence::Empty,
            };
        }
        let typed = match &self.kind {
            Kind::Text | Kind::Code => true,
            Kind::Integer => is_integer(value),
            Kind::Decimal => is_decimal(value),
            Kind::Boolean => BOOLEANS.iter().any(|b| value.eq_ignore_ascii_case(b)),
            Kind::Date(f) | Kind::DateTime(f) | Kind::Time(f) => f.parse(value).is_some(),
        };
        if !typed {
            failed.push(
                if matches!(self.kind, Kind::Date(_) | Kind::DateTime(_) | Kind::Time(_)) {
                    Rule::Format
                } else {
                    Rule::Datatype
                },
            );
        }
        if let Some(n) = self.max_len
            && value.chars().count() > n
        {
            failed.push(Rule::Format);
        }
        if let Some(re) = &self.pattern
            && !re.is_match(value)
        {
            failed.push(Rule::Pattern);
        }
        if typed && (self.min.is_some() || self.max.is_some()) {
            let n = number(value);
            let below = matches!((n, self.min), (Some(n), Some(min)) if n < min);
            let above = matches!((n, self.max), (Some(n), Some(max)) if n > max);
            if below || above {
                failed.push(Rule::Range);
            }
        }
        if let Some(codes) = &self.codes
            && !codes.contains(value, year)
        {
            failed.push(Rule::Code);
        }
        if let Some(id) = self.identifier
            && !id.is_valid(value)
        {
            failed.push(id.rule());
        }
        Presence::Given
    }
}

/// A number written with `,` or `.` as its decimal separator, read without allocating for
/// the short values extracts hold.
fn number(s: &str) -> Option<f64> {
    if !s.contains(',') {
        return s.parse().ok();
    }
    let mut buf = [0u8; 64];
    match buf.get_mut(..s.len()) {
        Some(out) => {
            for (o, b) in out.iter_mut().zip(s.bytes()) {
                *o = if b == b',' { b'.' } else { b };
            }
            std::str::from_utf8(out).ok()?.parse().ok()
        }
        None => s.replace(',', ".").parse().ok(),
    }
}

fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Digits with one optional decimal separator, `,` (Swedish) or `.`.
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = match s.bytes().position(|b| b == b',' || b == b'.') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Lang};

    fn var(datatype: Option<DataType>) -> Variable {
        let mut v = Variable::new(
            Id::parse("v").expect("id"),
            Lang::new("V", ""),
            Lang::default(),
        );
        v.datatype = datatype;
        v
    }

    fn broken(spec: &Spec, value: &str) -> Vec<&'static str> {
        let mut failed = Vec::new();
        spec.check(value, None, &mut failed);
        failed.iter().map(|r| r.name()).collect()
    }

    #[test]
    fn integers_and_ranges() {
        let mut v = var(Some(DataType::Integer));
        (v.min, v.max) = ("0".into(), "130".into());
        let (s, _) = Spec::new(&v, None, None);
        assert!(broken(&s, "42").is_empty());
        assert!(broken(&s, "+7").is_empty());
        assert_eq!(broken(&s, "4.5"), ["datatype"]);
        assert_eq!(broken(&s, "abc"), ["datatype"]);
        assert_eq!(broken(&s, "131"), ["range"]);
        assert_eq!(broken(&s, "-1"), ["range"]);
    }

    #[test]
    fn decimals_take_a_comma_or_a_point() {
        let mut v = var(Some(DataType::Decimal));
        v.min = "0".into();
        let (s, _) = Spec::new(&v, None, None);
        for ok in ["12,5", "12.5", "3", "0,25"] {
            assert!(broken(&s, ok).is_empty(), "{ok}");
        }
        assert_eq!(broken(&s, "1,2,3"), ["datatype"]);
        assert_eq!(broken(&s, "12,"), ["datatype"]);
        assert_eq!(broken(&s, "1 000"), ["datatype"]);
        assert_eq!(broken(&s, "-0,5"), ["range"]);
    }

    #[test]
    fn dates_in_the_named_format_and_inherited_from_the_shared_element() {
        let mut base = var(Some(DataType::Date));
        base.format = "ÅÅÅÅ-MM-DD".into();
        let (s, _) = Spec::new(&var(None), Some(&base), None);
        assert!(broken(&s, "2025-02-28").is_empty());
        assert_eq!(broken(&s, "2025-02-30"), ["format"]);
        assert_eq!(broken(&s, "20250228"), ["format"]);
        assert_eq!(s.year_of("2024-12-31"), Some(2024));
        let mut compact = var(Some(DataType::Date));
        compact.format = "ÅÅÅÅMMDD".into();
        let (s, _) = Spec::new(&compact, None, None);
        assert!(broken(&s, "20240229").is_empty());
        assert_eq!(broken(&s, "20230229"), ["format"]);
    }

    #[test]
    fn date_times_and_times() {
        let mut v = var(Some(DataType::DateTime));
        v.format = "ÅÅÅÅ-MM-DD TT:MM".into();
        let (s, _) = Spec::new(&v, None, None);
        assert!(broken(&s, "2025-03-01 07:45").is_empty());
        assert_eq!(broken(&s, "2025-03-01 24:00"), ["format"]);
        assert_eq!(broken(&s, "2025-03-01"), ["format"]);
        let (s, _) = Spec::new(&var(Some(DataType::DateTime)), None, None);
        assert!(broken(&s, "2025-03-01T07:45:10").is_empty());
        let (s, _) = Spec::new(&var(Some(DataType::Time)), None, None);
        assert!(broken(&s, "23:59").is_empty());
        assert_eq!(broken(&s, "23:60"), ["format"]);
    }

    #[test]
    fn booleans_and_text_length_and_pattern() {
        let (s, _) = Spec::new(&var(Some(DataType::Boolean)), None, None);
        assert!(broken(&s, "Ja").is_empty());
        assert!(broken(&s, "0").is_empty());
        assert_eq!(broken(&s, "kanske"), ["datatype"]);
        let mut t = var(Some(DataType::Text));
        t.format = "3".into();
        t.pattern = "^[A-Z]+$".into();
        let (s, _) = Spec::new(&t, None, None);
        assert!(broken(&s, "ABC").is_empty());
        assert!(
            broken(&s, "ÅÄÖ").len() == 1,
            "three characters, not six bytes"
        );
        assert_eq!(broken(&s, "ABCD"), ["format"]);
        assert_eq!(broken(&s, "ab"), ["pattern"]);
    }

    #[test]
    fn a_broken_pattern_is_a_note_not_a_failure() {
        let mut t = var(Some(DataType::Text));
        t.pattern = "([".into();
        let (s, notes) = Spec::new(&t, None, None);
        assert!(s.pattern.is_none());
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn obligations_decide_what_an_empty_value_is() {
        let mut v = var(Some(DataType::Text));
        v.obligation = Some(Obligation::Mandatory);
        let (s, _) = Spec::new(&v, None, None);
        let mut failed = Vec::new();
        assert_eq!(s.check("", None, &mut failed), Presence::Empty);
        assert_eq!(failed, [Rule::Mandatory]);
        v.obligation = Some(Obligation::Conditional);
        let (s, _) = Spec::new(&v, None, None);
        failed.clear();
        assert_eq!(s.check("", None, &mut failed), Presence::ConditionalEmpty);
        assert!(failed.is_empty());
        v.obligation = None;
        let (s, _) = Spec::new(&v, None, None);
        assert_eq!(s.check("", None, &mut failed), Presence::Empty);
        assert!(failed.is_empty());
    }

    #[test]
    fn codes_are_checked_against_the_value_domain() {
        let set = CodeSet::current(["1", "2"]);
        let (s, _) = Spec::new(&var(Some(DataType::Code)), None, Some(set));
        assert!(broken(&s, "1").is_empty());
        assert_eq!(broken(&s, "3"), ["code"]);
    }
}
