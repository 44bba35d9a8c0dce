//! Governance: who may write (API tokens and their roles), how an item's registration status
//! may move (the lifecycle), and the one path every API write takes — validated by the
//! import's rules, written to the store with its audit entries in one transaction.
//! Called by the JSON API (`web::api`) and the `token` and `audit` commands.

pub mod lifecycle;
pub mod proposal_status;
pub mod proposals;
pub mod status;
pub mod tokens;
pub mod write;

use sha2::{Digest, Sha256};

use crate::domain::{Catalog, ItemKey};

pub use lifecycle::{LifecycleError, allowed_next};
pub use status::{StatusRequest, change_status};
pub use tokens::{Caller, Role, TokenError};
pub use write::{WriteError, Written, mark_not_same, mark_same, put_item};

/// The publishing authority: the organisation whose registration status is an item's own
/// `status`, the one that decides who sees it (`config::DEFAULT_PUBLISHER`, SKR).
pub fn publisher() -> crate::domain::OrgNr {
    crate::domain::OrgNr::parse(crate::config::DEFAULT_PUBLISHER)
        .unwrap_or_else(|_| unreachable!("DEFAULT_PUBLISHER is a valid organisationsnummer"))
}

/// Whether `caller` may set the items' own statuses: a registrar of the publisher. (An
/// import through the server changes statuses only then; a local import acts as it.)
pub fn registers_at_publisher(caller: &Caller) -> bool {
    caller.may(Role::Registrar) && caller.registers_for() == publisher()
}

/// Whose statuses `caller`'s import may change: a registrar's, at its token's authority;
/// nobody's for an editor. (The operator's local import is `Registrar::Operator`.)
pub fn registrar_of(caller: &Caller) -> crate::import::Registrar {
    if caller.may(Role::Registrar) {
        crate::import::Registrar::Of(caller.registers_for())
    } else {
        crate::import::Registrar::Nobody
    }
}

/// An item's entity tag: a hash of its content as the spreadsheet sheets hold it (its
/// registrations at other authorities included: `registreringar`), so it changes
/// exactly when the item does. Quoted, as in HTTP.
pub fn etag(cat: &Catalog, key: &ItemKey) -> Option<String> {
    let one = cat.only(key)?;
    let mut h = Sha256::new();
    for t in crate::export::tables(&one) {
        if t.rows.is_empty() {
            continue;
        }
        h.update(t.name.as_bytes());
        for row in &t.rows {
            for cell in row {
                h.update([0x1f]);
                h.update(cell.as_bytes());
            }
            h.update([0x1e]);
        }
    }
    let hex: String = h.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(format!("\"{hex}\""))
}

/// Whether an `If-Match` header value names this entity tag (`*` names any).
pub fn if_match_names(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(str::trim)
        .any(|t| t == "*" || t == etag)
}
