//! The candidates of one snapshot, worked out on first use for each kind of viewer (with
//! drafts, for signed-in editors; without, for everyone else) and kept while the snapshot
//! lives. A reader arriving while they are worked out waits for them instead of working them
//! out again.

use std::sync::{Arc, Mutex};

use super::Candidate;

#[derive(Default)]
pub struct Kept {
    /// Index 0: without drafts; 1: with drafts.
    slots: [Mutex<Option<Arc<Vec<Candidate>>>>; 2],
}

impl Kept {
    /// The kept candidates for this kind of viewer, or those `make` works out (then kept).
    pub fn get_or_make<E>(
        &self,
        include_drafts: bool,
        make: impl FnOnce() -> Result<Vec<Candidate>, E>,
    ) -> Result<Arc<Vec<Candidate>>, E> {
        let slot = &self.slots[usize::from(include_drafts)];
        let mut kept = match slot.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(c) = &*kept {
            return Ok(c.clone());
        }
        let made = Arc::new(make()?);
        *kept = Some(made.clone());
        Ok(made)
    }
}
