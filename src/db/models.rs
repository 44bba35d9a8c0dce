//! Rows as diesel sees them. Only `db` uses these; callers get plain values.

use diesel::prelude::*;

use super::schema::{api_tokens, audit_log, import_errors, import_runs, status_changes};

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = import_runs)]
pub struct NewImportRun {
    pub started_at: String,
    pub finished_at: String,
    pub actor: String,
    pub source: String,
    pub checksum: String,
    pub outcome: String,
    pub added: i32,
    pub changed: i32,
    pub removed: i32,
    pub error_count: i32,
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = import_runs)]
pub struct ImportRun {
    pub id: i64,
    pub started_at: String,
    pub finished_at: String,
    pub actor: String,
    pub source: String,
    pub checksum: String,
    pub outcome: String,
    pub added: i32,
    pub changed: i32,
    pub removed: i32,
    pub error_count: i32,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = import_errors)]
pub struct NewImportError {
    pub run_id: i64,
    pub place: String,
    pub row_number: Option<i32>,
    pub column_name: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = audit_log)]
pub struct NewAuditEntry {
    pub at: String,
    pub actor: String,
    pub source: String,
    pub run_id: Option<i64>,
    pub item_kind: String,
    pub item_id: String,
    pub item_iri: String,
    pub action: String,
    pub before_nt: Option<String>,
    pub after_nt: Option<String>,
    /// `before_nt` / `after_nt` when large, LZ4-compressed (see `compact`).
    pub before_nt_lz4: Option<Vec<u8>>,
    pub after_nt_lz4: Option<Vec<u8>>,
    /// The store revision the write makes (set by `Db::begin_write`).
    pub revision: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub source: String,
    pub run_id: Option<i64>,
    pub item_kind: String,
    pub item_id: String,
    pub item_iri: String,
    pub action: String,
    pub before_nt: Option<String>,
    pub after_nt: Option<String>,
    /// Read back into `before_nt` / `after_nt` by `db`; empty for callers.
    #[serde(skip)]
    pub before_nt_lz4: Option<Vec<u8>>,
    #[serde(skip)]
    pub after_nt_lz4: Option<Vec<u8>>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = api_tokens)]
pub struct NewApiToken {
    pub name: String,
    pub role: String,
    pub token_hash: String,
    pub created_at: String,
    /// A `region` token's region (organisationsnummer); `None` for the other roles.
    pub region: Option<String>,
    /// A `registrar` token's registration authority (organisationsnummer); `None`: the
    /// publisher (and for the other roles).
    pub authority: Option<String>,
}

/// A token as listed: never its secret, which is not stored.
#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = api_tokens)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub role: String,
    #[serde(skip)]
    pub token_hash: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
    pub region: Option<String>,
    pub authority: Option<String>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = status_changes)]
pub struct NewStatusChange {
    pub at: String,
    pub item_kind: String,
    pub item_id: String,
    pub item_iri: String,
    pub authority: String,
    pub from_status: String,
    pub to_status: String,
    pub actor: String,
    pub note: String,
    /// The store revision the write makes (set by `Db::begin_write`).
    pub revision: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, serde::Serialize)]
#[diesel(table_name = status_changes)]
pub struct StatusChange {
    pub id: i64,
    pub at: String,
    pub item_kind: String,
    pub item_id: String,
    pub item_iri: String,
    pub authority: String,
    pub from_status: String,
    pub to_status: String,
    pub actor: String,
    pub note: String,
}
