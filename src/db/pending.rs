//! Files uploaded on the import page, kept from the preview to the editor's confirmation
//! (`web::import_page`), in the database so that any server can confirm what another one
//! previewed. A pending import is taken (read and deleted) once; an hour after its upload it
//! is gone.

use diesel::prelude::*;

use super::{Db, DbError, schema};

#[derive(Debug, Clone, Insertable, Queryable, Selectable)]
#[diesel(table_name = schema::pending_imports)]
pub struct PendingImport {
    pub id: String,
    /// The editor who uploaded it; only they may confirm it.
    pub editor: String,
    pub file_name: String,
    pub content: Vec<u8>,
    pub prune: bool,
    /// The snapshot revision the preview was made on.
    pub revision: i64,
    pub created_at: String,
}

impl Db {
    /// Keeps `p`, and drops every pending import uploaded before `cutoff`.
    pub fn keep_pending(&mut self, p: &PendingImport, cutoff: &str) -> Result<(), DbError> {
        use schema::pending_imports::dsl as t;
        diesel::delete(t::pending_imports.filter(t::created_at.lt(cutoff)))
            .execute(&mut self.conn)?;
        diesel::insert_into(t::pending_imports)
            .values(p)
            .execute(&mut self.conn)?;
        Ok(())
    }

    /// The pending import `id` of `editor` uploaded at or after `cutoff`, without removing it.
    pub fn pending(
        &mut self,
        id: &str,
        editor: &str,
        cutoff: &str,
    ) -> Result<Option<PendingImport>, DbError> {
        use schema::pending_imports::dsl as t;
        Ok(t::pending_imports
            .filter(t::id.eq(id))
            .filter(t::editor.eq(editor))
            .filter(t::created_at.ge(cutoff))
            .select(PendingImport::as_select())
            .first(&mut self.conn)
            .optional()?)
    }

    /// Removes the pending import `id` (once it is imported).
    pub fn drop_pending(&mut self, id: &str) -> Result<(), DbError> {
        use schema::pending_imports::dsl as t;
        diesel::delete(t::pending_imports.filter(t::id.eq(id))).execute(&mut self.conn)?;
        Ok(())
    }
}
