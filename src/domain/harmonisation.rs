//! Where an item stands in the harmonisation method of SKR's final report (June 2025, section
//! 2.3.1.3, Table 5 "Föreslagen metod för fortsatt arbete med nationell harmonisering av
//! variabler"): the steps A–E it has reached, each dated with a note and a source, and the
//! reference group (organisations with their role) that works on it.

use super::{Language, OrgNr};

/// A step of the method (Table 5).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum MethodStep {
    A,
    B,
    C,
    D,
    E,
}

impl MethodStep {
    pub const ALL: [MethodStep; 5] = [
        MethodStep::A,
        MethodStep::B,
        MethodStep::C,
        MethodStep::D,
        MethodStep::E,
    ];

    /// The letter, as the spreadsheet and the IRI (`/metod/A`) write it.
    pub fn letter(self) -> &'static str {
        match self {
            MethodStep::A => "A",
            MethodStep::B => "B",
            MethodStep::C => "C",
            MethodStep::D => "D",
            MethodStep::E => "E",
        }
    }

    /// Reads `A`–`E` (any case, surrounding spaces ignored).
    pub fn parse(s: &str) -> Result<MethodStep, String> {
        match s.trim().to_ascii_uppercase().as_str() {
            "A" => Ok(MethodStep::A),
            "B" => Ok(MethodStep::B),
            "C" => Ok(MethodStep::C),
            "D" => Ok(MethodStep::D),
            "E" => Ok(MethodStep::E),
            _ => Err(format!(
                "{s:?} is not a step of the harmonisation method (expected one of: A, B, C, D, E)"
            )),
        }
    }

    /// The activity's name in Table 5 (Swedish) and its English translation.
    pub fn label(self, lang: Language) -> &'static str {
        match (lang, self) {
            (Language::Sv, MethodStep::A) => "Etablera dialog",
            (Language::Sv, MethodStep::B) => "Användningsfall och datainsamlingar",
            (Language::Sv, MethodStep::C) => "Datainsamlingar och variabler",
            (Language::Sv, MethodStep::D) => "Variabelförbättring",
            (Language::Sv, MethodStep::E) => "Realisera",
            (Language::En, MethodStep::A) => "Establish dialogue",
            (Language::En, MethodStep::B) => "Use cases and data collections",
            (Language::En, MethodStep::C) => "Data collections and variables",
            (Language::En, MethodStep::D) => "Variable improvement",
            (Language::En, MethodStep::E) => "Realise",
        }
    }

    /// The activity's sub-steps in Table 5 (Swedish as in the report, English translated).
    pub fn definition(self, lang: Language) -> &'static str {
        match (lang, self) {
            (Language::Sv, MethodStep::A) => {
                "Etablera dialog med ägare av variabelspecifikation för att lägga grunden för löpande samverkan och förankring med variabelarbetet."
            }
            (Language::Sv, MethodStep::B) => {
                "1. Identifiera relevanta användningsfall och prioritera dessa. 2. Lista de datainsamlingar som finns för de utvalda användningsfallen."
            }
            (Language::Sv, MethodStep::C) => {
                "1. Kontakta intressenter och personer som kan utgöra en referensgrupp för respektive vald datainsamling, med erfarenhet av insamlingen av dessa variabler. 2. Genomför workshop för att prioritera variabler i den utvalda datainsamlingen."
            }
            (Language::Sv, MethodStep::D) => {
                "Arbeta tillsammans med referensgrupp och ägare av variabelspecifikation för att förbättra dessa."
            }
            (Language::Sv, MethodStep::E) => {
                "1. I samråd med ägare av variabelspecifikation uppdatera variabelspecifikationer. 2. Nå ut till regionerna för att säkerställa efterlevnad och därmed ökad enhetlighet."
            }
            (Language::En, MethodStep::A) => {
                "Establish a dialogue with the owner of the variable specification, to lay the ground for continuous cooperation and support for the work on the variables."
            }
            (Language::En, MethodStep::B) => {
                "1. Identify the relevant use cases and prioritise them. 2. List the data collections there are for the chosen use cases."
            }
            (Language::En, MethodStep::C) => {
                "1. Contact stakeholders and people who can form a reference group for each chosen data collection, with experience of collecting these variables. 2. Hold a workshop to prioritise the variables of the chosen data collection."
            }
            (Language::En, MethodStep::D) => {
                "Work with the reference group and the owner of the variable specification to improve them."
            }
            (Language::En, MethodStep::E) => {
                "1. Update the variable specifications together with their owner. 2. Reach out to the regions to ensure compliance and thereby greater consistency."
            }
        }
    }
}

impl std::fmt::Display for MethodStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.letter())
    }
}

/// One dated step in an item's history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HistoryEntry {
    pub step: MethodStep,
    /// `YYYY-MM-DD`, or `YYYY-MM` when the source gives only the month.
    pub date: String,
    pub note: String,
    /// Where the entry comes from (document and section/table); empty: illustrative.
    pub source: String,
}

impl HistoryEntry {
    pub fn is_illustrative(&self) -> bool {
        self.source.trim().is_empty()
    }
}

/// An organisation of a reference group and its role in it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReferenceMember {
    pub organisation: OrgNr,
    /// Free text: `ordförande`, `deltagare`, …
    pub role: String,
}

/// An item's place in the method: its history (sorted by date, then step) and its
/// reference group (sorted by organisation).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Harmonisation {
    pub history: Vec<HistoryEntry>,
    pub reference_group: Vec<ReferenceMember>,
}

impl Harmonisation {
    /// The step reached: that of the latest entry (none without a history).
    pub fn step(&self) -> Option<MethodStep> {
        self.history.last().map(|e| e.step)
    }

    /// Whether the current step rests on no source.
    pub fn step_illustrative(&self) -> bool {
        self.history
            .last()
            .is_some_and(HistoryEntry::is_illustrative)
    }

    pub fn is_empty(&self) -> bool {
        self.history.is_empty() && self.reference_group.is_empty()
    }

    /// Puts the history and the reference group in their order.
    pub fn sort(&mut self) {
        self.history
            .sort_by(|a, b| a.date.cmp(&b.date).then(a.step.cmp(&b.step)));
        self.reference_group
            .sort_by(|a, b| a.organisation.cmp(&b.organisation));
    }
}

/// Checks a history date: `YYYY-MM-DD` (a real day) or `YYYY-MM`.
pub fn check_date(s: &str) -> Result<(), String> {
    let bad =
        || format!("{s:?} is not a date (ÅÅÅÅ-MM-DD, or ÅÅÅÅ-MM when only the month is known)");
    let ok = match s.len() {
        10 => chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok(),
        7 => chrono::NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d").is_ok(),
        _ => false,
    };
    if ok && s.is_char_boundary(4) && s[..4].bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_and_dates() {
        assert_eq!(MethodStep::parse(" c "), Ok(MethodStep::C));
        assert!(MethodStep::parse("F").is_err());
        assert!(check_date("2025-06").is_ok());
        assert!(check_date("2025-06-30").is_ok());
        assert!(check_date("2025-02-30").is_err());
        assert!(check_date("juni 2025").is_err());
        assert!(check_date("2025-13").is_err());
    }
}
