//! The recorded conformance results as the server last read them: the id of the latest
//! recorded run, which keys the kept conformance pages and the HealthDCAT-AP feed, and the
//! results that feed states as DQV quality measurements (`feed::quality`). Results arrive
//! without a new snapshot — `POST /api/efterlevnad`, which clears what is kept here, or
//! `varcat check --record` in another process — so the latest id is read from the database
//! (one indexed `max`) at most once every [`KEEP`]: a result recorded elsewhere shows within
//! that time, and a kept page or feed costs no database read. The runs themselves are read
//! only when the latest id changed. While a write holds the database, what was last read is
//! used.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::db::Db;
use crate::feed::Quality;

use super::WebError;

/// How long the latest run id is taken as current.
pub const KEEP: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct Measured {
    latest: Mutex<Option<(Instant, i64)>>,
    results: Mutex<Option<Arc<Quality>>>,
}

fn busy() -> WebError {
    WebError::lock_poisoned()
}

impl Measured {
    /// The id of the latest recorded run (0: none).
    pub fn latest(&self, db: &Mutex<Db>) -> Result<i64, WebError> {
        self.read_latest(db, true)?.ok_or_else(busy)
    }

    fn read_latest(&self, db: &Mutex<Db>, wait: bool) -> Result<Option<i64>, WebError> {
        if let Some(id) = self.kept_latest() {
            return Ok(Some(id));
        }
        // Older than KEEP: read again, or answered with while a write holds the database.
        let kept = self.latest.lock().ok().and_then(|k| *k);
        let mut db = match (db.try_lock(), kept) {
            (Ok(db), _) => db,
            (Err(_), Some((_, id))) => return Ok(Some(id)),
            (Err(_), None) if wait => db.lock().map_err(|_| busy())?,
            (Err(_), None) => return Ok(None),
        };
        let id = db.conformance_latest_id()?;
        drop(db);
        if let Ok(mut k) = self.latest.lock() {
            *k = Some((Instant::now(), id));
        }
        Ok(Some(id))
    }

    /// The latest run id as last read, while it is taken as current (see [`KEEP`]); `None`
    /// when it is to be read again. Never touches the database.
    pub fn kept_latest(&self) -> Option<i64> {
        let (at, id) = self.latest.lock().ok().and_then(|k| *k)?;
        (at.elapsed() < KEEP).then_some(id)
    }

    /// As [`Measured::latest`], but `None` rather than wait when nothing is kept and a write
    /// holds the database.
    pub fn latest_unless_busy(&self, db: &Mutex<Db>) -> Result<Option<i64>, WebError> {
        self.read_latest(db, false)
    }

    /// Forgets the kept id, after a result was recorded here.
    pub fn forget(&self) {
        if let Ok(mut k) = self.latest.lock() {
            *k = None;
        }
    }

    /// The results as of the latest recorded run.
    pub fn current(&self, db: &Mutex<Db>) -> Result<Arc<Quality>, WebError> {
        let latest = self.latest(db)?;
        let known = self.results.lock().ok().and_then(|k| k.clone());
        if let Some(k) = known.filter(|k| k.version == latest) {
            return Ok(k);
        }
        let runs = db.lock().map_err(|_| busy())?.conformance_all()?;
        // A run recorded since `latest` was read is in `runs` too: the next request, with
        // the new id, reads them again.
        let quality = Arc::new(Quality::new(latest, &runs));
        if let Ok(mut slot) = self.results.lock() {
            *slot = Some(quality.clone());
        }
        Ok(quality)
    }
}
