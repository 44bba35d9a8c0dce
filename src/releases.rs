//! Catalogue releases (utgåvor): `varcat release NAME` freezes the whole catalogue as it is,
//! so that later releases — and today's catalogue — can be compared with it and the changes
//! described (`diff`). A release is one N-Quads file in `{data}/releases/` with a small JSON
//! record beside it; the record is written last, so a release exists only when complete.

use std::path::{Path, PathBuf};

use crate::domain::{Catalog, Counts, Id};
use crate::store::{CatalogStore, Iris};

#[derive(Debug, thiserror::Error)]
pub enum ReleaseError {
    #[error(
        "release name {0:?} is not allowed: use lower-case letters, digits, '.', '-' (e.g. 2026.1)"
    )]
    BadName(String),
    #[error("a release named {0:?} exists already; releases are never overwritten")]
    Exists(String),
    #[error("no release named {0:?} (see `varcat release --list`)")]
    Missing(String),
    #[error("release {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("release record {path}: {source}")]
    Record {
        path: String,
        source: serde_json::Error,
    },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("reading release {name}: {message}")]
    Load { name: String, message: String },
}

/// What is recorded about a release.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Release {
    pub name: String,
    pub created_at: String,
    pub actor: String,
    pub variables: usize,
    pub codebooks: usize,
    pub codes: usize,
    pub use_cases: usize,
}

pub struct Releases {
    dir: PathBuf,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ReleaseError + '_ {
    move |source| ReleaseError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Release names: like identifiers, but dots allowed (`2026.1`).
fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.')
        && !name.starts_with('.')
        && Id::parse(&name.replace('.', "-")).is_ok()
}

impl Releases {
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    fn quads(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.nq"))
    }

    fn record(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.json"))
    }

    /// Every release, oldest first.
    pub fn list(&self) -> Result<Vec<Release>, ReleaseError> {
        let mut out = Vec::new();
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(io(&self.dir)(e)),
        };
        for entry in entries {
            let path = entry.map_err(io(&self.dir))?.path();
            if path.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&path).map_err(io(&path))?;
                let r: Release =
                    serde_json::from_str(&text).map_err(|source| ReleaseError::Record {
                        path: path.display().to_string(),
                        source,
                    })?;
                out.push(r);
            }
        }
        out.sort_by(|a, b| (&a.created_at, &a.name).cmp(&(&b.created_at, &b.name)));
        Ok(out)
    }

    pub fn get(&self, name: &str) -> Result<Release, ReleaseError> {
        self.list()?
            .into_iter()
            .find(|r| r.name == name)
            .ok_or_else(|| ReleaseError::Missing(name.to_owned()))
    }

    /// Freezes the store's current content as release `name`.
    pub fn create(
        &self,
        name: &str,
        store: &CatalogStore,
        actor: &str,
        now: &str,
    ) -> Result<Release, ReleaseError> {
        if !valid_name(name) {
            return Err(ReleaseError::BadName(name.to_owned()));
        }
        if self.record(name).exists() {
            return Err(ReleaseError::Exists(name.to_owned()));
        }
        std::fs::create_dir_all(&self.dir).map_err(io(&self.dir))?;
        let counts: Counts = store.load_catalog()?.counts();
        let final_path = self.quads(name);
        let tmp = self.dir.join(format!(".{name}.nq.tmp"));
        let file = std::fs::File::create(&tmp).map_err(io(&tmp))?;
        let w = store.write_all(
            oxigraph::io::RdfFormat::NQuads,
            std::io::BufWriter::new(file),
        )?;
        w.into_inner()
            .map_err(|e| io(&tmp)(e.into_error()))?
            .sync_all()
            .map_err(io(&tmp))?;
        std::fs::rename(&tmp, &final_path).map_err(io(&final_path))?;
        let release = Release {
            name: name.to_owned(),
            created_at: now.to_owned(),
            actor: actor.to_owned(),
            variables: counts.variables,
            codebooks: counts.codebooks,
            codes: counts.codes,
            use_cases: counts.use_cases,
        };
        let record = self.record(name);
        let text =
            serde_json::to_string_pretty(&release).map_err(|source| ReleaseError::Record {
                path: record.display().to_string(),
                source,
            })?;
        std::fs::write(&record, text).map_err(io(&record))?;
        Ok(release)
    }

    /// The catalogue as release `name` froze it.
    pub fn load(&self, name: &str, iris: &Iris) -> Result<Catalog, ReleaseError> {
        self.get(name)?;
        load_quads_file(&self.quads(name), iris).map_err(|message| ReleaseError::Load {
            name: name.to_owned(),
            message,
        })
    }
}

/// One line per improvement proposal applied since `since` (the previous release's time):
/// `Förslag 3 (222000-0315): variabel kon, version 2.0` / `Proposal 3 …`.
pub fn proposal_notes(
    db: &mut crate::db::Db,
    since: &str,
    lang: crate::diff::Language,
) -> Result<Vec<String>, crate::db::DbError> {
    let word = match lang {
        crate::diff::Language::Sv => "Förslag",
        crate::diff::Language::En => "Proposal",
    };
    Ok(db
        .proposals_applied_since(since)?
        .into_iter()
        .map(|p| {
            format!(
                "{word} {} ({}): {} {}, version {}",
                p.id,
                p.proposer,
                p.item_kind,
                p.item_id,
                p.applied_version.unwrap_or_default()
            )
        })
        .collect())
}

/// Reads an N-Quads dump (a release, or `varcat export --format nq`) into a catalogue.
pub fn load_quads_file(path: &Path, iris: &Iris) -> Result<Catalog, String> {
    let store = CatalogStore::in_memory(iris.clone()).map_err(|e| e.to_string())?;
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    store
        .raw()
        .load_from_reader(
            oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads),
            std::io::BufReader::new(file),
        )
        .map_err(|e| format!("{}: {e}", path.display()))?;
    store.load_catalog().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::valid_name;

    #[test]
    fn release_names_are_safe_file_names() {
        for ok in ["2026.1", "2026-11", "v1"] {
            assert!(valid_name(ok), "{ok}");
        }
        for bad in ["", "../x", "A", "a b", ".x", "a/b"] {
            assert!(!valid_name(bad), "{bad}");
        }
    }
}
