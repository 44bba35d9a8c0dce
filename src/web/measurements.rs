//! The conformance results the HealthDCAT-AP feed states as DQV quality measurements
//! (`feed::quality`), as the database last gave them. Results arrive without a new snapshot
//! (`POST /api/efterlevnad`, or `varcat check --record` in another process), so each feed
//! request reads the id of the latest recorded run — one indexed `max` — and the runs
//! themselves only when it changed. While a write holds the database, the results last read
//! are used (the next request reads again).

use std::sync::{Arc, Mutex};

use crate::db::Db;
use crate::feed::Quality;

use super::WebError;

#[derive(Default)]
pub struct Measured(Mutex<Option<Arc<Quality>>>);

impl Measured {
    /// The results as recorded now.
    pub fn current(&self, db: &Mutex<Db>) -> Result<Arc<Quality>, WebError> {
        let known = self.0.lock().ok().and_then(|k| k.clone());
        let mut db = match (db.try_lock(), &known) {
            (Ok(db), _) => db,
            (Err(_), Some(k)) => return Ok(k.clone()),
            (Err(_), None) => db
                .lock()
                .map_err(|_| WebError::Internal("database lock".into()))?,
        };
        let internal = |e: crate::db::DbError| WebError::Internal(e.to_string());
        let latest = db.conformance_latest_id().map_err(internal)?;
        if let Some(k) = known.filter(|k| k.version == latest) {
            return Ok(k);
        }
        let runs = db.conformance_all().map_err(internal)?;
        drop(db);
        let quality = Arc::new(Quality::new(latest, &runs));
        if let Ok(mut slot) = self.0.lock() {
            // Another request may have read a later state meanwhile: keep the latest.
            if slot.as_ref().is_none_or(|s| s.version <= latest) {
                *slot = Some(quality.clone());
            }
        }
        Ok(quality)
    }
}
