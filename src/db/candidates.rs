//! Editors' verdicts on harmonisation candidates (`/kandidater`): a pair of variables judged
//! "not the same information" is kept here, with who and when, and is not suggested again.
//! The verdict and its audit entries (one per variable) are written in one transaction.

use diesel::prelude::*;

use super::models::NewAuditEntry;
use super::{Conn, Db, DbError, on_backend, schema};

/// The one verdict kept: the two variables hold different information.
pub const NOT_SAME: &str = "inte-samma";

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = schema::candidate_verdicts)]
pub struct Verdict {
    /// The pair, ordered by identifier (`variable_a < variable_b`).
    pub variable_a: String,
    pub variable_b: String,
    pub verdict: String,
    pub actor: String,
    pub at: String,
    pub note: String,
}

impl Db {
    /// Keeps `verdict` with its audit entries, all or none. `false` when the pair has a
    /// verdict already (nothing is written then).
    pub fn record_verdict(
        &mut self,
        verdict: &Verdict,
        audit: &[NewAuditEntry],
    ) -> Result<bool, DbError> {
        use schema::candidate_verdicts::dsl as v;
        self.conn.transaction::<bool, DbError, _>(|c| {
            let known: i64 = v::candidate_verdicts
                .filter(v::variable_a.eq(&verdict.variable_a))
                .filter(v::variable_b.eq(&verdict.variable_b))
                .count()
                .get_result(c)?;
            if known > 0 {
                return Ok(false);
            }
            diesel::insert_into(v::candidate_verdicts)
                .values(verdict)
                .execute(c)?;
            let entries: Vec<NewAuditEntry> = audit
                .iter()
                .cloned()
                .map(NewAuditEntry::compacted)
                .collect();
            let insert = diesel::insert_into(schema::audit_log::table).values(&entries);
            on_backend!(&mut *c, |c| insert.execute(c))?;
            Ok(true)
        })
    }

    /// Every verdict kept, by pair.
    pub fn verdicts(&mut self) -> Result<Vec<Verdict>, DbError> {
        use schema::candidate_verdicts::dsl as v;
        Ok(v::candidate_verdicts
            .order((v::variable_a, v::variable_b))
            .select(Verdict::as_select())
            .load(&mut self.conn)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str) -> NewAuditEntry {
        NewAuditEntry {
            at: "2026-12-16T10:00:00Z".into(),
            actor: "anna".into(),
            source: "api".into(),
            run_id: None,
            item_kind: "variabel".into(),
            item_id: id.into(),
            item_iri: format!("https://x.se/variabel/{id}"),
            action: NOT_SAME.into(),
            before_nt: None,
            after_nt: None,
            before_nt_lz4: None,
            after_nt_lz4: None,
            revision: None,
        }
    }

    #[test]
    fn a_verdict_is_kept_once_with_its_audit_entries() {
        crate::db::tests::on_both("candidate_verdicts", |db| {
            let v = Verdict {
                variable_a: "folkbokforingslan".into(),
                variable_b: "region".into(),
                verdict: NOT_SAME.into(),
                actor: "anna".into(),
                at: "2026-12-16T10:00:00Z".into(),
                note: "Län där patienten bor, inte vårdgivande region.".into(),
            };
            let audit = [entry("folkbokforingslan"), entry("region")];
            assert!(db.record_verdict(&v, &audit).expect("record"));
            assert!(!db.record_verdict(&v, &audit).expect("again"), "kept once");
            assert_eq!(db.verdicts().expect("read"), vec![v.clone()]);
            let logged = db.recent_audit(10).expect("audit");
            assert_eq!(logged.len(), 2, "one entry per variable, not repeated");
            assert!(logged.iter().all(|e| e.action == NOT_SAME));
        });
    }
}
