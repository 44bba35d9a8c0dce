//! Results of `varcat check --record`: one run per recorded check (region, collection, use
//! case, period, row counts) with its per-variable and per-rule counts. Counts only: no value
//! of an extract is ever stored.

use diesel::prelude::*;

use super::schema::{conformance_results, conformance_runs};
use super::{Conn, Db, DbError, on_backend, schema};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = conformance_runs)]
pub struct NewConformanceRun {
    pub recorded_at: String,
    pub actor: String,
    pub region: String,
    pub collection: String,
    pub use_case: Option<String>,
    pub period: String,
    pub row_count: i64,
    pub failing_rows: i64,
    pub unknown_columns: i32,
    pub conformant: bool,
    /// From a synthetic extract (a demonstration): shown as such wherever it appears.
    pub synthetic: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = conformance_runs)]
pub struct ConformanceRun {
    pub id: i64,
    pub recorded_at: String,
    pub actor: String,
    pub region: String,
    pub collection: String,
    pub use_case: Option<String>,
    pub period: String,
    pub row_count: i64,
    pub failing_rows: i64,
    pub unknown_columns: i32,
    pub conformant: bool,
    /// From a synthetic extract (a demonstration): shown as such wherever it appears.
    pub synthetic: bool,
}

/// One count of a run: `rule` is a rule name, `any`, `conditional_empty`, `missing` or
/// `missing_required` (see the migration).
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = conformance_results)]
pub struct ConformanceResult {
    pub variable: String,
    pub column_name: Option<String>,
    pub rule: String,
    pub checked: i64,
    pub failing: i64,
}

#[derive(Insertable)]
#[diesel(table_name = conformance_results)]
struct NewConformanceResult<'a> {
    run_id: i64,
    variable: &'a str,
    column_name: Option<&'a str>,
    rule: &'a str,
    checked: i64,
    failing: i64,
}

impl Db {
    /// Records a run with its counts in one transaction: all of it or nothing.
    pub fn record_conformance(
        &mut self,
        run: &NewConformanceRun,
        results: &[ConformanceResult],
    ) -> Result<i64, DbError> {
        self.conn.transaction::<i64, DbError, _>(|c| {
            use schema::conformance_runs::dsl as r;
            let id: i64 = diesel::insert_into(r::conformance_runs)
                .values(run)
                .returning(r::id)
                .get_result(c)?;
            let rows: Vec<NewConformanceResult<'_>> = results
                .iter()
                .map(|x| NewConformanceResult {
                    run_id: id,
                    variable: &x.variable,
                    column_name: x.column_name.as_deref(),
                    rule: &x.rule,
                    checked: x.checked,
                    failing: x.failing,
                })
                .collect();
            for chunk in rows.chunks(500) {
                let insert = diesel::insert_into(schema::conformance_results::table).values(chunk);
                on_backend!(&mut *c, |c| insert.execute(c))?;
            }
            Ok(id)
        })
    }

    /// The latest recorded runs, newest first.
    pub fn conformance_runs(&mut self, limit: i64) -> Result<Vec<ConformanceRun>, DbError> {
        use schema::conformance_runs::dsl as r;
        Ok(r::conformance_runs
            .order(r::id.desc())
            .limit(limit)
            .select(ConformanceRun::as_select())
            .load(&mut self.conn)?)
    }

    /// A run's counts, in the order they were recorded.
    pub fn conformance_results(&mut self, run: i64) -> Result<Vec<ConformanceResult>, DbError> {
        use schema::conformance_results::dsl as x;
        Ok(x::conformance_results
            .filter(x::run_id.eq(run))
            .order(x::id)
            .select(ConformanceResult::as_select())
            .load(&mut self.conn)?)
    }
}

impl Db {
    /// The id of the latest recorded run (0 when there is none): what a kept conformance page
    /// was made from.
    pub fn conformance_latest_id(&mut self) -> Result<i64, DbError> {
        use diesel::dsl::max;
        use schema::conformance_runs::dsl as r;
        Ok(r::conformance_runs
            .select(max(r::id))
            .first::<Option<i64>>(&mut self.conn)?
            .unwrap_or(0))
    }

    /// The runs that reported on `variable`, oldest first, with their counts for it.
    pub fn conformance_of_variable(
        &mut self,
        variable: &str,
    ) -> Result<Vec<(ConformanceRun, Vec<ConformanceResult>)>, DbError> {
        use schema::conformance_results::dsl as x;
        use schema::conformance_runs::dsl as r;
        let counts: Vec<(i64, ConformanceResult)> = x::conformance_results
            .filter(x::variable.eq(variable))
            .order(x::id)
            .select((x::run_id, ConformanceResult::as_select()))
            .load(&mut self.conn)?;
        let ids: Vec<i64> = counts.iter().map(|(id, _)| *id).collect();
        let runs: Vec<ConformanceRun> = r::conformance_runs
            .filter(r::id.eq_any(&ids))
            .order(r::id)
            .select(ConformanceRun::as_select())
            .load(&mut self.conn)?;
        Ok(group(runs, counts))
    }

    /// Every recorded run with its counts, oldest first: what the conformance pages read.
    pub fn conformance_all(
        &mut self,
    ) -> Result<Vec<(ConformanceRun, Vec<ConformanceResult>)>, DbError> {
        use schema::conformance_results::dsl as x;
        use schema::conformance_runs::dsl as r;
        let runs: Vec<ConformanceRun> = r::conformance_runs
            .order(r::id)
            .select(ConformanceRun::as_select())
            .load(&mut self.conn)?;
        let counts: Vec<(i64, ConformanceResult)> = x::conformance_results
            .order(x::id)
            .select((x::run_id, ConformanceResult::as_select()))
            .load(&mut self.conn)?;
        Ok(group(runs, counts))
    }
}

/// The runs, each with its counts.
fn group(
    runs: Vec<ConformanceRun>,
    counts: Vec<(i64, ConformanceResult)>,
) -> Vec<(ConformanceRun, Vec<ConformanceResult>)> {
    let mut by_run: std::collections::HashMap<i64, Vec<ConformanceResult>> =
        std::collections::HashMap::new();
    for (run, c) in counts {
        by_run.entry(run).or_default().push(c);
    }
    runs.into_iter()
        .map(|run| {
            let c = by_run.remove(&run.id).unwrap_or_default();
            (run, c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run() -> NewConformanceRun {
        NewConformanceRun {
            recorded_at: "2026-12-04T10:00:00Z".into(),
            actor: "test".into(),
            region: "232100-0016".into(),
            collection: "patientregistret".into(),
            use_case: None,
            period: "2025-03".into(),
            row_count: 40,
            failing_rows: 2,
            unknown_columns: 1,
            conformant: false,
            synthetic: false,
        }
    }

    #[test]
    fn a_run_and_its_counts_are_stored_and_read_back() {
        let mut db = Db::in_memory().expect("db");
        let results = vec![
            ConformanceResult {
                variable: "kon".into(),
                column_name: Some("KON".into()),
                rule: "any".into(),
                checked: 40,
                failing: 2,
            },
            ConformanceResult {
                variable: "kon".into(),
                column_name: Some("KON".into()),
                rule: "code".into(),
                checked: 40,
                failing: 2,
            },
            ConformanceResult {
                variable: "utdatum".into(),
                column_name: None,
                rule: "missing".into(),
                checked: 0,
                failing: 0,
            },
        ];
        let id = db.record_conformance(&run(), &results).expect("recorded");
        let runs = db.conformance_runs(10).expect("runs");
        assert_eq!(runs.len(), 1);
        assert_eq!(
            (runs[0].id, runs[0].failing_rows, runs[0].conformant),
            (id, 2, false)
        );
        assert_eq!(db.conformance_results(id).expect("results"), results);
        let all = db.conformance_all().expect("all");
        assert_eq!((all.len(), &all[0].1), (1, &results));
        assert_eq!(db.conformance_latest_id().expect("latest"), id);
        let kon = db.conformance_of_variable("kon").expect("kon");
        assert_eq!((kon.len(), kon[0].1.len()), (1, 2));
    }

    #[test]
    fn runs_read_back_alike_on_sqlite_and_postgresql() {
        crate::db::tests::on_both("conformance_reads", |db| {
            assert_eq!(db.conformance_latest_id().expect("latest"), 0);
            let synthetic = NewConformanceRun {
                synthetic: true,
                ..run()
            };
            let count = ConformanceResult {
                variable: "kon".into(),
                column_name: Some("KON".into()),
                rule: "any".into(),
                checked: 40,
                failing: 2,
            };
            let id = db
                .record_conformance(&synthetic, std::slice::from_ref(&count))
                .expect("recorded");
            assert_eq!(db.conformance_latest_id().expect("latest"), id);
            let all = db.conformance_all().expect("all");
            assert!(all[0].0.synthetic);
            assert_eq!(all[0].1, vec![count.clone()]);
            assert_eq!(
                db.conformance_of_variable("kon").expect("kon")[0].1,
                vec![count]
            );
            assert!(
                db.conformance_of_variable("alder")
                    .expect("alder")
                    .is_empty()
            );
        });
    }
}
