//! Results of `varcat linkcheck`: whether each link the feeds name answered, kept with the
//! time of the check. A check writes one batch (all rows share `checked_at`), in one
//! transaction; readers take the latest batch.

use diesel::prelude::*;

use super::{Conn, Db, DbError, on_backend, schema};

#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable, serde::Serialize)]
#[diesel(table_name = schema::link_checks)]
pub struct LinkCheck {
    pub checked_at: String,
    pub url: String,
    /// The property that names the link, e.g. `dcat:downloadURL`.
    pub property: String,
    /// The resource that names it.
    pub subject: String,
    pub status: Option<i32>,
    pub error: Option<String>,
    pub ok: bool,
}

impl Db {
    /// Keeps one check's results, all or none.
    pub fn record_link_checks(&mut self, checks: &[LinkCheck]) -> Result<(), DbError> {
        self.conn.transaction::<(), DbError, _>(|c| {
            for chunk in checks.chunks(500) {
                let insert = diesel::insert_into(schema::link_checks::table).values(chunk);
                on_backend!(&mut *c, |c| insert.execute(c))?;
            }
            Ok(())
        })
    }

    /// When the latest check ran, if one has.
    pub fn latest_link_check_at(&mut self) -> Result<Option<String>, DbError> {
        use schema::link_checks::dsl as l;
        Ok(l::link_checks
            .select(diesel::dsl::max(l::checked_at))
            .first(&mut self.conn)?)
    }

    /// The latest check's results, in the order they were recorded (none before the first).
    pub fn latest_link_checks(&mut self) -> Result<Vec<LinkCheck>, DbError> {
        use schema::link_checks::dsl as l;
        let Some(latest) = self.latest_link_check_at()? else {
            return Ok(Vec::new());
        };
        Ok(l::link_checks
            .filter(l::checked_at.eq(latest))
            .order(l::id)
            .select(LinkCheck::as_select())
            .load(&mut self.conn)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(at: &str, url: &str, ok: bool) -> LinkCheck {
        LinkCheck {
            checked_at: at.into(),
            url: url.into(),
            property: "dcat:downloadURL".into(),
            subject: "https://x.se/datainsamling/kpp/variabellista".into(),
            status: ok.then_some(200),
            error: (!ok).then(|| "connection refused".into()),
            ok,
        }
    }

    #[test]
    fn the_latest_check_is_read_back_whole() {
        crate::db::tests::on_both("link_checks", |db| {
            assert_eq!(db.latest_link_checks().expect("read"), Vec::new());
            let first = vec![check("2026-12-01T10:00:00Z", "https://a", true)];
            db.record_link_checks(&first).expect("record");
            let second = vec![
                check("2026-12-02T10:00:00Z", "https://a", false),
                check("2026-12-02T10:00:00Z", "https://b", true),
            ];
            db.record_link_checks(&second).expect("record");
            assert_eq!(db.latest_link_checks().expect("read"), second);
        });
    }
}
