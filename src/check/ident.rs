//! Identifiers checked by their own rules: personnummer and samordningsnummer (date and Luhn
//! check digit), organisationsnummer (Luhn check digit) and HSA-id (`SE`, ten digits, `-`, a
//! local part of letters and digits). Which applies follows from the variable's identifier,
//! short name or name (see the README, "Checking an extract").

use super::columns::fold;
use super::rules::Rule;
use crate::domain::Variable;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identifier {
    Personnummer,
    Organisationsnummer,
    HsaId,
}

impl Identifier {
    /// The identifier a text variable holds, judged from its identifier, short name and name:
    /// `personnummer`, `personnr` or `samordningsnummer`; `organisationsnummer` or `orgnr`;
    /// a word starting with `hsa` (as in `HSAID`, `HSA-id`).
    pub fn of(v: &Variable) -> Option<Self> {
        let names = [fold(v.id.as_str()), fold(&v.short_name), fold(&v.name.sv)];
        let any = |words: &[&str]| names.iter().any(|n| words.iter().any(|w| n.contains(w)));
        if any(&["personnummer", "personnr", "samordningsnummer"]) {
            Some(Identifier::Personnummer)
        } else if any(&["organisationsnummer", "orgnr"]) {
            Some(Identifier::Organisationsnummer)
        } else if names
            .iter()
            .flat_map(|n| n.split(|c: char| !c.is_alphanumeric()))
            .any(|word| word.starts_with("hsa"))
        {
            Some(Identifier::HsaId)
        } else {
            None
        }
    }

    pub fn rule(self) -> Rule {
        match self {
            Identifier::Personnummer => Rule::Personnummer,
            Identifier::Organisationsnummer => Rule::Organisationsnummer,
            Identifier::HsaId => Rule::HsaId,
        }
    }

    pub fn is_valid(self, value: &str) -> bool {
        match self {
            Identifier::Personnummer => personnummer(value),
            Identifier::Organisationsnummer => organisationsnummer(value),
            Identifier::HsaId => hsa_id(value),
        }
    }
}

/// The Luhn check over ten digits: the last is the check digit of the first nine.
fn luhn(digits: &[u8]) -> bool {
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let p = u32::from(*d) * if i % 2 == 0 { 2 } else { 1 };
            p / 10 + p % 10
        })
        .sum();
    (10 - sum % 10) % 10 == u32::from(digits[9])
}

/// The digits of `s` as numbers, when `s` holds only digits.
fn digits_into<'a>(s: &[u8], out: &'a mut [u8]) -> Option<&'a [u8]> {
    let out = out.get_mut(..s.len())?;
    for (o, b) in out.iter_mut().zip(s) {
        if !b.is_ascii_digit() {
            return None;
        }
        *o = b - b'0';
    }
    Some(out)
}

/// `ÅÅÅÅMMDD-NNNN`, `ÅÅÅÅMMDDNNNN`, `ÅÅMMDD-NNNN`, `ÅÅMMDD+NNNN` or `ÅÅMMDDNNNN`: a real
/// date of birth (the day plus 60 for a samordningsnummer) and a valid check digit.
pub fn personnummer(value: &str) -> bool {
    if !value.is_ascii() {
        return false;
    }
    let v = value.as_bytes();
    let (date, number) = match v.len() {
        13 | 11 => {
            let sep = v[v.len() - 5];
            if sep != b'-' && !(sep == b'+' && v.len() == 11) {
                return false;
            }
            (&v[..v.len() - 5], &v[v.len() - 4..])
        }
        12 | 10 => (&v[..v.len() - 4], &v[v.len() - 4..]),
        _ => return false,
    };
    let mut ten = [0u8; 10];
    let (mut date_buf, mut number_buf) = ([0u8; 8], [0u8; 4]);
    let (Some(date), Some(number)) = (
        digits_into(date, &mut date_buf),
        digits_into(number, &mut number_buf),
    ) else {
        return false;
    };
    let n = |d: &[u8]| d.iter().fold(0u32, |acc, x| acc * 10 + u32::from(*x));
    let (year, md) = if date.len() == 8 {
        (n(&date[..4]) as i32, &date[4..])
    } else {
        // Without the century a leap year lets the 29th of February through.
        (2000, &date[2..])
    };
    let (month, mut day) = (n(&md[..2]), n(&md[2..]));
    if day > 60 {
        day -= 60;
    }
    let real_date = chrono::NaiveDate::from_ymd_opt(year, month, day).is_some();
    ten[..6].copy_from_slice(&date[date.len() - 6..]);
    ten[6..].copy_from_slice(number);
    real_date && luhn(&ten)
}

/// `NNNNNN-NNNN` or `NNNNNNNNNN` with a valid check digit.
pub fn organisationsnummer(value: &str) -> bool {
    let v = value.as_bytes();
    let mut ten = [0u8; 10];
    let ok = match v.len() {
        11 if v[6] == b'-' => {
            let (head, tail) = ten.split_at_mut(6);
            digits_into(&v[..6], head).is_some() && digits_into(&v[7..], tail).is_some()
        }
        10 => digits_into(v, &mut ten).is_some(),
        _ => return false,
    };
    ok && luhn(&ten)
}

/// `SE`, the care provider's ten-digit organisationsnummer, `-`, and letters or digits.
pub fn hsa_id(value: &str) -> bool {
    let Some(rest) = value.strip_prefix("SE") else {
        return false;
    };
    let Some((org, local)) = rest.split_once('-') else {
        return false;
    };
    org.len() == 10
        && org.bytes().all(|b| b.is_ascii_digit())
        && !local.is_empty()
        && local.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Id, Lang};

    #[test]
    fn personnummer_check_digit_and_date() {
        // Skatteverket's test numbers.
        for ok in [
            "19121212-1212",
            "191212121212",
            "121212-1212",
            "121212+1212",
            "1212121212",
        ] {
            assert!(personnummer(ok), "{ok}");
        }
        assert!(!personnummer("19121212-1213"), "wrong check digit");
        assert!(!personnummer("19121312-1210"), "month 13");
        assert!(!personnummer("19121212 1212"));
        assert!(
            !personnummer("19500101-DA1B"),
            "reserve numbers are not personnummer"
        );
        assert!(!personnummer(""));
    }

    #[test]
    fn samordningsnummer_add_sixty_to_the_day() {
        // 1912-12-12 with day 72; check digit computed by the Luhn rule.
        let mut ten: Vec<u8> = vec![1, 2, 1, 2, 7, 2, 1, 2, 1, 0];
        for c in 0..10 {
            ten[9] = c;
            if luhn(&ten) {
                break;
            }
        }
        let s: String = ten.iter().map(|d| char::from(b'0' + d)).collect();
        assert!(personnummer(&format!("19{}-{}", &s[..6], &s[6..])));
        assert!(
            !personnummer("19121292-1212"),
            "day 92 - 60 = 32 is no date"
        );
    }

    #[test]
    fn organisationsnummer_check_digit() {
        assert!(organisationsnummer("232100-0016"));
        assert!(organisationsnummer("2321000016"));
        assert!(!organisationsnummer("232100-0017"));
        assert!(!organisationsnummer("23210-00016"));
    }

    #[test]
    fn hsa_id_form() {
        assert!(hsa_id("SE2321000016-E000000000001"));
        assert!(!hsa_id("SE232100001-ABC"), "nine digits");
        assert!(!hsa_id("SE2321000016-"), "no local part");
        assert!(!hsa_id("2321000016-ABC"));
        assert!(!hsa_id("SE2321000016-AB C"));
    }

    #[test]
    fn the_identifier_follows_from_the_variables_names() {
        let mut v = Variable::new(
            Id::parse("personnummer").expect("id"),
            Lang::default(),
            Lang::default(),
        );
        assert_eq!(Identifier::of(&v), Some(Identifier::Personnummer));
        v.id = Id::parse("vardgivare-orgnr").expect("id");
        assert_eq!(Identifier::of(&v), Some(Identifier::Organisationsnummer));
        v.id = Id::parse("vardenhet").expect("id");
        v.short_name = "HSAID".into();
        assert_eq!(Identifier::of(&v), Some(Identifier::HsaId));
        v.short_name = "ENHET".into();
        assert_eq!(Identifier::of(&v), None);
        v.name.sv = "Vårdenhet (HSA-id)".into();
        assert_eq!(Identifier::of(&v), Some(Identifier::HsaId));
        v.name.sv = "Sjukhusadress".into();
        assert_eq!(Identifier::of(&v), None, "hsa inside a word is no HSA-id");
    }
}
