//! A check's result as it is recorded: the aggregate `varcat check --json` prints, with the
//! region, the period and whether the extract was synthetic. Made from a report on the
//! region's machine (`--record`), or read from the JSON a region sends
//! (`POST /api/efterlevnad`), where every field is checked and every problem listed. Counts
//! only: row numbers (`examples`) are accepted but never stored.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::check::Report;
use crate::check::rules::Rule;
use crate::db::{ConformanceResult, NewConformanceRun};
use crate::domain::{Catalog, Id, OrgNr, PublisherType};
use crate::import::record::FieldProblem;

/// What is recorded of one check.
#[derive(Debug, Clone, PartialEq)]
pub struct Submission {
    pub region: String,
    pub collection: String,
    pub use_case: Option<String>,
    pub period: String,
    pub synthetic: bool,
    pub rows: i64,
    pub failing_rows: i64,
    pub unknown_columns: i32,
    pub conformant: bool,
    pub results: Vec<ConformanceResult>,
}

impl Submission {
    /// The run as the database keeps it.
    pub fn run(&self, actor: &str, at: &str) -> NewConformanceRun {
        NewConformanceRun {
            recorded_at: at.to_owned(),
            actor: actor.to_owned(),
            region: self.region.clone(),
            collection: self.collection.clone(),
            use_case: self.use_case.clone(),
            period: self.period.clone(),
            row_count: self.rows,
            failing_rows: self.failing_rows,
            unknown_columns: self.unknown_columns,
            conformant: self.conformant,
            synthetic: self.synthetic,
        }
    }
}

/// A period `YYYY-MM`.
pub fn period(s: &str) -> Option<String> {
    let (y, m) = s.trim().split_once('-')?;
    let month: u32 = m.parse().ok()?;
    let ok = y.len() == 4
        && y.bytes().all(|b| b.is_ascii_digit())
        && m.len() == 2
        && (1..=12).contains(&month);
    ok.then(|| format!("{y}-{m}"))
}

/// The region `s` names, when it is one of the catalogue's regions.
pub fn region(s: &str, catalog: &Catalog) -> Result<String, String> {
    let org = OrgNr::parse(s).map_err(|e| e.to_string())?;
    match catalog.organisations.get(&org) {
        Some(o) if o.publisher_type == PublisherType::RegionalAuthority => Ok(org.to_string()),
        Some(_) => Err(format!(
            "{org} is an organisation of the catalogue but no region"
        )),
        None => Err(format!("no organisation {org} in the catalogue")),
    }
}

fn n(x: u64) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

/// The submission of a report made on this machine.
pub fn from_report(report: &Report, region: &str, period: &str, synthetic: bool) -> Submission {
    let mut results = Vec::new();
    for v in &report.variables {
        let row = |rule: &str, failing: u64| ConformanceResult {
            variable: v.id.clone(),
            column_name: Some(v.column.clone()),
            rule: rule.to_owned(),
            checked: n(v.checked),
            failing: n(failing),
        };
        results.push(row("any", v.failed.count));
        for (rule, f) in &v.rules {
            results.push(row(rule.name(), f.count));
        }
        if v.conditional_empty.count > 0 {
            results.push(row("conditional_empty", v.conditional_empty.count));
        }
    }
    for m in &report.missing {
        results.push(missing(&m.id, m.required));
    }
    Submission {
        region: region.to_owned(),
        collection: report.collection.clone(),
        use_case: report.use_case.clone(),
        period: period.to_owned(),
        synthetic,
        rows: n(report.rows),
        failing_rows: n(report.failing_rows),
        unknown_columns: i32::try_from(report.unknown_columns.len()).unwrap_or(i32::MAX),
        conformant: report.conformant(),
        results,
    }
}

fn missing(variable: &str, required: bool) -> ConformanceResult {
    ConformanceResult {
        variable: variable.to_owned(),
        column_name: None,
        rule: if required {
            "missing_required"
        } else {
            "missing"
        }
        .to_owned(),
        checked: 0,
        failing: 0,
    }
}

/// The fields of the body of `POST /api/efterlevnad`: what `varcat check --json` prints, and
/// `region`, `period`, `synthetic`.
pub const FIELDS: [&str; 14] = [
    "region",
    "period",
    "synthetic",
    "collection",
    "use_case",
    "rows",
    "failing_rows",
    "conformant",
    "variables",
    "unknown_columns",
    "missing_variables",
    "missing_required",
    "codebook_versions_by",
    "notes",
];

const VARIABLE_FIELDS: [&str; 8] = [
    "id",
    "column",
    "checked",
    "failed",
    "rules",
    "examples",
    "examples_by_rule",
    "conditional_empty",
];

/// Reads and checks a submission against `catalog`: all of it, or every problem found.
pub fn parse(v: &Value, catalog: &Catalog) -> Result<Submission, Vec<FieldProblem>> {
    let Value::Object(obj) = v else {
        return Err(vec![FieldProblem::new(
            "",
            "the body must be a JSON object: what `varcat check --json` prints, with region, \
             period and synthetic",
        )]);
    };
    let mut p = Problems::default();
    for k in obj.keys() {
        if !FIELDS.contains(&k.as_str()) {
            p.add(
                k,
                format!("is not a field here; the fields are: {}", FIELDS.join(", ")),
            );
        }
    }
    let region_text = p.text(obj, "region", true);
    let region = region_text
        .as_deref()
        .and_then(|r| region(r, catalog).map_err(|e| p.add("region", e)).ok());
    let period_text = p.text(obj, "period", true);
    let period = period_text.as_deref().and_then(|s| {
        let got = period(s);
        if got.is_none() {
            p.add("period", format!("{s:?} is not of the form YYYY-MM"));
        }
        got
    });
    let synthetic = match obj.get("synthetic") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            p.add("synthetic", "must be true or false");
            false
        }
    };
    let collection = p.text(obj, "collection", true).and_then(|c| {
        let found = Id::parse(&c)
            .ok()
            .filter(|id| catalog.collections.contains_key(id));
        if found.is_none() {
            p.add(
                "collection",
                format!("no collection {c:?} in the catalogue"),
            );
        }
        found
    });
    let use_case = p.text(obj, "use_case", false).and_then(|u| {
        let found = Id::parse(&u)
            .ok()
            .filter(|id| catalog.use_cases.contains_key(id));
        if found.is_none() {
            p.add("use_case", format!("no use case {u:?} in the catalogue"));
        }
        found
    });
    let of_collection = |id: &str| -> bool {
        collection.as_ref().is_none_or(|c| {
            Id::parse(id)
                .ok()
                .and_then(|id| catalog.variables.get(&id))
                .is_some_and(|var| var.collections.contains(c))
        })
    };
    let rows = p.count(obj, "rows", None);
    let failing_rows = p.count(obj, "failing_rows", rows.map(|r| ("rows", r)));

    let mut results = Vec::new();
    let mut seen = BTreeSet::new();
    match obj.get("variables") {
        Some(Value::Array(list)) => {
            for (i, item) in list.iter().enumerate() {
                let at = format!("variables[{i}]");
                let Value::Object(var) = item else {
                    p.add(
                        &at,
                        "must be an object {\"id\", \"column\", \"checked\", …}",
                    );
                    continue;
                };
                for k in var.keys() {
                    if !VARIABLE_FIELDS.contains(&k.as_str()) {
                        p.add(
                            format!("{at}.{k}"),
                            format!(
                                "is not a field here; the fields are: {}",
                                VARIABLE_FIELDS.join(", ")
                            ),
                        );
                    }
                }
                let id = p.text(var, "id", true).map(|s| (s, format!("{at}.id")));
                if let Some((id, field)) = &id {
                    if !of_collection(id) {
                        p.add(field, format!("{id:?} is no variable of the collection"));
                    } else if !seen.insert(id.clone()) {
                        p.add(field, format!("{id:?} is given twice"));
                    }
                }
                let column = p.text(var, "column", true);
                if column.as_ref().is_some_and(|c| c.chars().count() > 200) {
                    p.add(format!("{at}.column"), "is longer than 200 characters");
                }
                let checked = p.count_at(var, &at, "checked", rows.map(|r| ("rows", r)));
                let failed = p.count_at(var, &at, "failed", checked.map(|c| ("checked", c)));
                let cond = p.count_opt_at(
                    var,
                    &at,
                    "conditional_empty",
                    checked.map(|c| ("checked", c)),
                );
                let mut rules = Vec::new();
                match var.get("rules") {
                    None | Some(Value::Null) => {}
                    Some(Value::Object(map)) => {
                        for (name, count) in map {
                            let field = format!("{at}.rules.{name}");
                            if !Rule::ALL.iter().any(|r| r.name() == name) {
                                let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
                                p.add(
                                    &field,
                                    format!("is no rule; the rules are: {}", names.join(", ")),
                                );
                                continue;
                            }
                            if let Some(c) = p.number(&field, count, failed.map(|f| ("failed", f)))
                            {
                                rules.push((name.clone(), c));
                            }
                        }
                    }
                    Some(_) => p.add(format!("{at}.rules"), "must be an object {rule: count}"),
                }
                if let (Some((id, _)), Some(column), Some(checked), Some(failed)) =
                    (id, column, checked, failed)
                {
                    let row = |rule: &str, failing: i64| ConformanceResult {
                        variable: id.clone(),
                        column_name: Some(column.clone()),
                        rule: rule.to_owned(),
                        checked,
                        failing,
                    };
                    results.push(row("any", failed));
                    for (name, c) in rules {
                        results.push(row(&name, c));
                    }
                    if let Some(c) = cond.filter(|c| *c > 0) {
                        results.push(row("conditional_empty", c));
                    }
                }
            }
        }
        None | Some(Value::Null) => p.add("variables", "is required"),
        Some(_) => p.add("variables", "must be a list of objects"),
    }
    let unknown = p.texts(obj, "unknown_columns");
    let missing_vars = p.texts(obj, "missing_variables");
    let missing_req = p.texts(obj, "missing_required");
    for (i, m) in missing_vars.iter().enumerate() {
        if !of_collection(m) {
            p.add(
                format!("missing_variables[{i}]"),
                format!("{m:?} is no variable of the collection"),
            );
        } else if seen.contains(m) {
            p.add(
                format!("missing_variables[{i}]"),
                format!("{m:?} is also among the variables checked"),
            );
        }
    }
    for (i, m) in missing_req.iter().enumerate() {
        if !missing_vars.contains(m) {
            p.add(
                format!("missing_required[{i}]"),
                format!("{m:?} is not among missing_variables"),
            );
        }
    }
    for m in &missing_vars {
        results.push(missing(m, missing_req.contains(m)));
    }
    if let Some(v) = obj.get("codebook_versions_by")
        && !matches!(v, Value::Null | Value::String(_))
    {
        p.add("codebook_versions_by", "must be text or null");
    }
    if obj.contains_key("notes") {
        p.texts(obj, "notes");
    }
    let conformant = failing_rows == Some(0) && missing_req.is_empty();
    match obj.get("conformant") {
        None | Some(Value::Null) => {}
        Some(Value::Bool(b)) if *b == conformant => {}
        Some(Value::Bool(_)) => p.add(
            "conformant",
            "does not follow from failing_rows and missing_required",
        ),
        Some(_) => p.add("conformant", "must be true or false"),
    }
    if !p.0.is_empty() {
        return Err(p.0);
    }
    match (region, period, collection, rows, failing_rows) {
        (Some(region), Some(period), Some(collection), Some(rows), Some(failing_rows)) => {
            Ok(Submission {
                region,
                collection: collection.to_string(),
                use_case: use_case.map(|u| u.to_string()),
                period,
                synthetic,
                rows,
                failing_rows,
                unknown_columns: i32::try_from(unknown.len()).unwrap_or(i32::MAX),
                conformant,
                results,
            })
        }
        _ => Err(vec![FieldProblem::new("", "incomplete submission")]),
    }
}

#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push(FieldProblem::new(field, message));
    }

    fn text(&mut self, obj: &Map<String, Value>, f: &str, required: bool) -> Option<String> {
        match obj.get(f) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_owned()),
            None | Some(Value::Null) if !required => None,
            None | Some(Value::Null) => {
                self.add(f, "is required");
                None
            }
            Some(Value::String(_)) => {
                self.add(f, "is empty");
                None
            }
            Some(_) => {
                self.add(f, "must be text");
                None
            }
        }
    }

    fn texts(&mut self, obj: &Map<String, Value>, f: &str) -> Vec<String> {
        match obj.get(f) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(list)) => {
                let mut out = Vec::new();
                for (i, x) in list.iter().enumerate() {
                    match x {
                        Value::String(s) => out.push(s.clone()),
                        _ => self.add(format!("{f}[{i}]"), "must be text"),
                    }
                }
                out
            }
            Some(_) => {
                self.add(f, "must be a list of texts");
                Vec::new()
            }
        }
    }

    /// A count: a whole number from 0, at most `most` (its field's name and value).
    fn number(&mut self, field: &str, v: &Value, most: Option<(&str, i64)>) -> Option<i64> {
        let Some(x) = v.as_i64().filter(|x| *x >= 0) else {
            self.add(field, "must be a whole number, 0 or more");
            return None;
        };
        if let Some((name, m)) = most
            && x > m
        {
            self.add(field, format!("{x} is more than {name} ({m})"));
            return None;
        }
        Some(x)
    }

    fn count(
        &mut self,
        obj: &Map<String, Value>,
        f: &str,
        most: Option<(&str, i64)>,
    ) -> Option<i64> {
        self.count_at(obj, "", f, most)
    }

    fn count_at(
        &mut self,
        obj: &Map<String, Value>,
        at: &str,
        f: &str,
        most: Option<(&str, i64)>,
    ) -> Option<i64> {
        let field = if at.is_empty() {
            f.to_owned()
        } else {
            format!("{at}.{f}")
        };
        match obj.get(f) {
            Some(v) => self.number(&field, v, most),
            None => {
                self.add(field, "is required");
                None
            }
        }
    }

    fn count_opt_at(
        &mut self,
        obj: &Map<String, Value>,
        at: &str,
        f: &str,
        most: Option<(&str, i64)>,
    ) -> Option<i64> {
        match obj.get(f) {
            None | Some(Value::Null) => None,
            Some(_) => self.count_at(obj, at, f, most),
        }
    }
}
