//! What a check found, as counts and row numbers only: per variable the rows checked, the rows
//! failing each rule and the first row numbers of each failure; the unknown columns and the
//! missing variables; a summary line. Never a value.

use std::collections::BTreeMap;
use std::io::Write;

use super::rules::{Presence, Rule};

/// How many row numbers are kept per rule and per variable.
pub const EXAMPLES: usize = 10;

#[derive(Debug, Clone, Default)]
pub struct Failures {
    pub count: u64,
    /// The first row numbers.
    pub rows: Vec<usize>,
}

impl Failures {
    fn add(&mut self, row: usize) {
        self.count += 1;
        if self.rows.len() < EXAMPLES {
            self.rows.push(row);
        }
    }
}

#[derive(Debug, Clone)]
pub struct VariableReport {
    pub id: String,
    pub column: String,
    pub checked: u64,
    /// Rows breaking at least one rule.
    pub failed: Failures,
    pub rules: BTreeMap<Rule, Failures>,
    /// Empty values of a conditional variable: reported apart, not violations.
    pub conditional_empty: Failures,
}

impl VariableReport {
    pub fn new(id: &str, column: &str) -> Self {
        Self {
            id: id.to_owned(),
            column: column.to_owned(),
            checked: 0,
            failed: Failures::default(),
            rules: BTreeMap::new(),
            conditional_empty: Failures::default(),
        }
    }

    /// Records one row's outcome; true when it broke a rule.
    pub fn record(&mut self, row: usize, presence: Presence, failed: &[Rule]) -> bool {
        self.checked += 1;
        if presence == Presence::ConditionalEmpty {
            self.conditional_empty.add(row);
        }
        if failed.is_empty() {
            return false;
        }
        self.failed.add(row);
        for (i, r) in failed.iter().enumerate() {
            // A rule counts a row once, even when two checks of it fail.
            if !failed[..i].contains(r) {
                self.rules.entry(*r).or_default().add(row);
            }
        }
        true
    }
}

/// A variable of the collection (or use case) with no column in the extract.
#[derive(Debug, Clone)]
pub struct Missing {
    pub id: String,
    /// Mandatory (or required by the use case): its absence is a violation.
    pub required: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub file: String,
    pub collection: String,
    pub use_case: Option<String>,
    pub rows: u64,
    /// Rows where any variable broke a rule.
    pub failing_rows: u64,
    pub variables: Vec<VariableReport>,
    pub unknown_columns: Vec<String>,
    pub missing: Vec<Missing>,
    /// The column whose dates choose the codebook version, when one does.
    pub dating_column: Option<String>,
    /// Remarks about the specification (e.g. a pattern that is no regular expression).
    pub notes: Vec<String>,
}

impl Report {
    pub fn conformant(&self) -> bool {
        self.failing_rows == 0 && !self.missing.iter().any(|m| m.required)
    }

    /// The one JSON object `--json` prints.
    pub fn to_json(&self) -> serde_json::Value {
        let variables: Vec<serde_json::Value> = self
            .variables
            .iter()
            .map(|v| {
                let rules: serde_json::Map<String, serde_json::Value> = v
                    .rules
                    .iter()
                    .map(|(r, f)| (r.name().to_owned(), f.count.into()))
                    .collect();
                let by_rule: serde_json::Map<String, serde_json::Value> = v
                    .rules
                    .iter()
                    .map(|(r, f)| (r.name().to_owned(), f.rows.clone().into()))
                    .collect();
                serde_json::json!({
                    "id": v.id,
                    "column": v.column,
                    "checked": v.checked,
                    "failed": v.failed.count,
                    "rules": rules,
                    "examples": v.failed.rows,
                    "examples_by_rule": by_rule,
                    "conditional_empty": v.conditional_empty.count,
                })
            })
            .collect();
        serde_json::json!({
            "collection": self.collection,
            "use_case": self.use_case,
            "rows": self.rows,
            "failing_rows": self.failing_rows,
            "conformant": self.conformant(),
            "variables": variables,
            "unknown_columns": self.unknown_columns,
            "missing_variables": self.missing.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
            "missing_required": self
                .missing
                .iter()
                .filter(|m| m.required)
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>(),
            "codebook_versions_by": self.dating_column,
            "notes": self.notes,
        })
    }

    /// The summary line.
    pub fn summary(&self) -> String {
        let failing_vars = self.variables.iter().filter(|v| v.failed.count > 0).count();
        let missing_required = self.missing.iter().filter(|m| m.required).count();
        if self.conformant() {
            return format!(
                "CONFORMANT: {} rows, {} variables checked, no violations",
                self.rows,
                self.variables.len()
            );
        }
        let mut parts = Vec::new();
        if self.failing_rows > 0 {
            parts.push(format!(
                "{} of {} rows break a rule in {failing_vars} of {} variables",
                self.failing_rows,
                self.rows,
                self.variables.len()
            ));
        }
        if missing_required > 0 {
            parts.push(format!(
                "{missing_required} mandatory variable{} missing",
                if missing_required == 1 { "" } else { "s" }
            ));
        }
        format!("NOT CONFORMANT: {}", parts.join("; "))
    }

    pub fn write_text(&self, out: &mut impl Write) -> std::io::Result<()> {
        let scope = match &self.use_case {
            Some(u) => format!("collection {} (use case {u})", self.collection),
            None => format!("collection {}", self.collection),
        };
        writeln!(out, "{} against {scope}", self.file)?;
        writeln!(
            out,
            "{} rows; {} columns matched, {} unknown",
            self.rows,
            self.variables.len(),
            self.unknown_columns.len()
        )?;
        writeln!(out)?;
        for v in &self.variables {
            write!(
                out,
                "{} -> {}: {} rows checked, {} failing",
                v.column, v.id, v.checked, v.failed.count
            )?;
            if v.conditional_empty.count > 0 {
                write!(
                    out,
                    "; {} empty (conditional, not a violation; {})",
                    v.conditional_empty.count,
                    rows_text(&v.conditional_empty)
                )?;
            }
            writeln!(out)?;
            for (rule, f) in &v.rules {
                writeln!(
                    out,
                    "    {:<20} {:>8}  {}",
                    rule.name(),
                    f.count,
                    rows_text(f)
                )?;
            }
        }
        if !self.unknown_columns.is_empty() {
            writeln!(out)?;
            writeln!(
                out,
                "Unknown columns (not checked): {}",
                self.unknown_columns.join(", ")
            )?;
        }
        if !self.missing.is_empty() {
            let list: Vec<String> = self
                .missing
                .iter()
                .map(|m| {
                    if m.required {
                        format!("{} (mandatory: violation)", m.id)
                    } else {
                        m.id.clone()
                    }
                })
                .collect();
            writeln!(out, "Missing variables: {}", list.join(", "))?;
        }
        if let Some(c) = &self.dating_column {
            writeln!(
                out,
                "Codes are checked against the codebook version of the year in {c}."
            )?;
        }
        for n in &self.notes {
            writeln!(out, "Note: {n}")?;
        }
        writeln!(out)?;
        writeln!(out, "{}", self.summary())
    }
}

fn rows_text(f: &Failures) -> String {
    let list: Vec<String> = f.rows.iter().map(usize::to_string).collect();
    let more = if f.count > f.rows.len() as u64 {
        ", …"
    } else {
        ""
    };
    format!(
        "row{} {}{more}",
        if f.rows.len() == 1 { "" } else { "s" },
        list.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_the_first_row_numbers() {
        let mut v = VariableReport::new("alder", "ALDER");
        for row in 2..40 {
            v.record(row, Presence::Given, &[Rule::Range]);
        }
        v.record(40, Presence::Given, &[]);
        v.record(41, Presence::ConditionalEmpty, &[]);
        assert_eq!(v.checked, 40);
        assert_eq!(v.failed.count, 38);
        assert_eq!(v.rules[&Rule::Range].rows, (2..12).collect::<Vec<_>>());
        assert_eq!(v.conditional_empty.count, 1);
        let report = Report {
            rows: 40,
            failing_rows: 38,
            variables: vec![v],
            ..Report::default()
        };
        assert!(!report.conformant());
        let json = report.to_json();
        assert_eq!(json["variables"][0]["rules"]["range"], 38);
        assert_eq!(
            json["variables"][0]["examples"].as_array().map(Vec::len),
            Some(10)
        );
        assert!(
            report
                .summary()
                .starts_with("NOT CONFORMANT: 38 of 40 rows")
        );
    }

    #[test]
    fn a_missing_mandatory_variable_is_a_violation() {
        let mut report = Report::default();
        report.missing.push(Missing {
            id: "utdatum".into(),
            required: false,
        });
        assert!(report.conformant());
        report.missing.push(Missing {
            id: "indatum".into(),
            required: true,
        });
        assert!(!report.conformant());
        assert_eq!(
            report.summary(),
            "NOT CONFORMANT: 1 mandatory variable missing"
        );
    }
}
