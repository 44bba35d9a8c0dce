//! The snapshot kept on disk, so that a restart answers within moments instead of reading and
//! indexing the whole store again: in the server's search folder, the search index (which
//! every write updates in place, recording the store revision) and one file with the rest of
//! the snapshot (`snapshot.bin`, written whole, under another name first and then renamed).
//! Both are used only when they were made at the store's current revision; anything else —
//! missing, stale, from another version of varcat, unreadable — means the store is read again.
//!
//! `snapshot.bin`: the magic line, then length-prefixed blocks (u64, big-endian): the LZ4
//! of a JSON header (everything but the codes), then per codebook its identifier, the number
//! of its codes and its packed codes as the snapshot keeps them.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::domain::{Catalog, Id, Modified, Versions};
use crate::search::SearchIndex;

use super::super::WebError;
use super::Snapshot;

const MAGIC: &[u8] = b"varcat snapshot 1\n";
const FILE: &str = "snapshot.bin";

/// Where the search index lives inside the search folder.
pub(super) fn index_dir(dir: &Path) -> PathBuf {
    dir.join("index")
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Header {
    revision: u64,
    catalog: Catalog,
    draft_versions: std::collections::BTreeSet<String>,
    modified: Modified,
    versions: Versions,
    facts: crate::feed::Facts,
}

#[derive(serde::Serialize)]
struct HeaderRef<'a> {
    revision: u64,
    catalog: &'a Catalog,
    draft_versions: &'a std::collections::BTreeSet<String>,
    modified: &'a Modified,
    versions: &'a Versions,
    facts: &'a crate::feed::Facts,
}

/// Keeps `snap` in `dir`; a failure is logged (the next start then reads the store).
pub(super) fn save(dir: &Path, snap: &Snapshot) {
    let t = std::time::Instant::now();
    match write(dir, snap) {
        Ok(()) => {
            tracing::debug!(revision = snap.revision, elapsed = ?t.elapsed(), "snapshot: kept on disk")
        }
        Err(e) => {
            tracing::warn!(error = %e, "snapshot: cannot keep it on disk; the next start reads the store")
        }
    }
}

fn write(dir: &Path, snap: &Snapshot) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let header = serde_json::to_vec(&HeaderRef {
        revision: snap.revision,
        catalog: &snap.all,
        draft_versions: &snap.draft_versions,
        modified: &snap.modified,
        versions: &snap.versions,
        facts: &snap.facts,
    })
    .map_err(std::io::Error::other)?;
    let tmp = dir.join(format!("{FILE}.tmp"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
    out.write_all(MAGIC)?;
    block(&mut out, &lz4_flex::compress_prepend_size(&header))?;
    for (id, (n, packed)) in &snap.codes {
        block(&mut out, id.as_str().as_bytes())?;
        out.write_all(&(*n as u64).to_be_bytes())?;
        block(&mut out, packed)?;
    }
    let file = out.into_inner().map_err(|e| e.into_error())?;
    file.sync_all()?;
    std::fs::rename(&tmp, dir.join(FILE))
}

fn block(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    out.write_all(&(bytes.len() as u64).to_be_bytes())?;
    out.write_all(bytes)
}

/// The snapshot kept in `dir` at store revision `revision`, if there is a usable one.
pub(super) fn open(
    dir: &Path,
    revision: u64,
    iris: &crate::store::Iris,
) -> Result<Option<Snapshot>, WebError> {
    let Ok(bytes) = std::fs::read(dir.join(FILE)) else {
        return Ok(None);
    };
    let Some((header, codes)) = parse(&bytes) else {
        tracing::warn!("snapshot: the kept file is unreadable; reading the store");
        return Ok(None);
    };
    if header.revision != revision {
        return Ok(None);
    }
    let search = match SearchIndex::open_at(&index_dir(dir), revision) {
        Ok(Some(s)) => s,
        Ok(None) => return Ok(None),
        Err(e) => {
            tracing::warn!(error = %e, "snapshot: the kept search index is unreadable");
            return Ok(None);
        }
    };
    let facts = header.facts;
    Ok(Some(Snapshot::assemble(
        header.catalog,
        header.draft_versions,
        codes,
        {
            let sum = super::modified_sum(&header.modified);
            (header.modified, sum)
        },
        header.versions,
        |_, _| facts,
        search,
        revision,
        iris,
    )))
}

type Codes = BTreeMap<Id, (usize, Arc<[u8]>)>;

fn parse(bytes: &[u8]) -> Option<(Header, Codes)> {
    let mut r = bytes.strip_prefix(MAGIC)?;
    let header = lz4_flex::decompress_size_prepended(take(&mut r)?).ok()?;
    let header: Header = serde_json::from_slice(&header).ok()?;
    let mut codes = BTreeMap::new();
    while !r.is_empty() {
        let id = Id::parse(std::str::from_utf8(take(&mut r)?).ok()?).ok()?;
        let n = usize::try_from(u64_of(&mut r)?).ok()?;
        let packed = take(&mut r)?;
        codes.insert(id, (n, Arc::from(packed)));
    }
    Some((header, codes))
}

fn u64_of(r: &mut &[u8]) -> Option<u64> {
    let mut b = [0u8; 8];
    r.read_exact(&mut b).ok()?;
    Some(u64::from_be_bytes(b))
}

fn take<'a>(r: &mut &'a [u8]) -> Option<&'a [u8]> {
    let n = usize::try_from(u64_of(r)?).ok()?;
    if n > r.len() {
        return None;
    }
    let (head, rest) = r.split_at(n);
    *r = rest;
    Some(head)
}

#[cfg(test)]
mod tests {
    use super::super::{Snapshot, update::comparable};
    use crate::store::Iris;
    use crate::workspace::{RunInfo, Workspace};

    #[test]
    fn a_kept_snapshot_opens_as_it_was_only_at_its_revision() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("search");
        let mut ws = Workspace::in_memory(Iris::new("https://varcat.test").expect("iri"))
            .expect("workspace");
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog-data");
        let current = ws.store.load_catalog().expect("catalogue");
        let p = crate::import::plan(&data, &current, Default::default()).expect("plan");
        let info = RunInfo {
            actor: "test".into(),
            source: "catalog-data".into(),
            started_at: crate::workspace::now(),
        };
        let run = ws.start_run(&info).expect("run");
        ws.apply(run, &current, &p, &info, &|| {}).expect("apply");

        // The first load reads the store and keeps what it built.
        let read = Snapshot::load(&ws.store, Some(&dir)).expect("read");
        assert!(dir.join(super::FILE).is_file());
        let revision = ws.store.revision().expect("revision");
        let iris = ws.store.iris();
        let kept = super::open(&dir, revision, iris)
            .expect("open")
            .expect("kept snapshot");
        assert_eq!(comparable(&kept), comparable(&read));
        assert!(
            super::open(&dir, revision + 1, iris)
                .expect("open")
                .is_none()
        );
        // A damaged file is not used.
        let file = dir.join(super::FILE);
        let bytes = std::fs::read(&file).expect("read");
        std::fs::write(&file, &bytes[..bytes.len() / 2]).expect("truncate");
        assert!(super::open(&dir, revision, iris).expect("open").is_none());
    }
}
