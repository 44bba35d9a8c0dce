//! The floor under `varcat import`: oxigraph's own bulk loader writing exactly the quads the
//! import wrote (read back from the imported store) into an empty on-disk store, so that the
//! import's time can be split into what the store itself costs and what varcat adds.

use std::path::Path;
use std::time::{Duration, Instant};

use oxigraph::model::Quad;
use oxigraph::store::Store;

/// Every quad in the store `varcat import` wrote (content graphs and the store's settings).
pub fn written_quads(data: &Path) -> Result<Vec<Quad>, Box<dyn std::error::Error>> {
    let store = Store::open(data.join("store"))?;
    Ok(store.iter().collect::<Result<Vec<_>, _>>()?)
}

/// Opens an empty on-disk store, bulk-loads `quads` with oxigraph's default settings, commits
/// and closes it. The quads are handed over already built: only the store's work is timed.
pub fn bulk_load(quads: Vec<Quad>) -> Result<Duration, Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let t = Instant::now();
    let store = Store::open(dir.path().join("store"))?;
    let mut loader = store.bulk_loader();
    loader.load_quads(quads)?;
    loader.commit()?;
    drop(store);
    Ok(t.elapsed())
}
