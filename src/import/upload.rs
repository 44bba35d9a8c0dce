//! An import sent as bytes (the import page, `POST /api/import`, `varcat import` talking to a
//! running server): one file — xlsx, ods, csv, ttl, rdf — or a zip of a CSV folder. It is
//! written to a private temporary folder (random name, created for this upload alone) and
//! planned exactly like the same file or folder given on the command line, so every rule and
//! every message is the same. The folder is removed afterwards.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::report::{Location, Problem};
use super::{MAX_FILE_BYTES, Options, Plan, Rejected};
use crate::domain::Catalog;

/// Most files a zip may hold.
pub const MAX_ZIP_FILES: usize = 2_000;
/// Most bytes a zip may unpack to, all files together.
pub const MAX_ZIP_BYTES: u64 = MAX_FILE_BYTES;

const EXTENSIONS: [&str; 6] = ["xlsx", "ods", "csv", "ttl", "rdf", "zip"];

/// Plans the import of `bytes`, sent as a file named `name`, onto `current`.
pub fn plan_upload(
    name: &str,
    bytes: &[u8],
    current: &Catalog,
    opts: Options,
) -> Result<Plan, Rejected> {
    let refuse = |message: String| Rejected {
        problems: vec![Problem {
            location: Location::File {
                file: safe_name(name).unwrap_or_else(|| "upload".into()),
            },
            message,
        }],
        files: Vec::new(),
        checksum: Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
    };
    let Some(file) = safe_name(name) else {
        return Err(refuse(format!(
            "{name:?} is not a file name varcat imports (expected one ending in .{})",
            EXTENSIONS.join(", .")
        )));
    };
    let dir = tempfile::Builder::new()
        .prefix("varcat-upload-")
        .tempdir()
        .map_err(|e| refuse(format!("cannot make a folder for the upload: {e}")))?;
    let path = if file.to_ascii_lowercase().ends_with(".zip") {
        let folder = dir.path().join(file.trim_end_matches(".zip"));
        unzip(bytes, &folder).map_err(refuse)?;
        folder
    } else {
        let path = dir.path().join(&file);
        std::fs::write(&path, bytes).map_err(|e| refuse(format!("cannot keep the upload: {e}")))?;
        path
    };
    super::plan(&path, current, opts)
}

/// The last part of `name` when it is a plain file name with an extension varcat imports.
fn safe_name(name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next()?.trim();
    let ext = base.rsplit_once('.')?.1.to_ascii_lowercase();
    let plain = !base.starts_with('.')
        && base.chars().count() <= 200
        && base.chars().all(|c| !c.is_control());
    (plain && EXTENSIONS.contains(&ext.as_str())).then(|| base.to_owned())
}

/// Unpacks a zip of a CSV folder (and its .ttl/.rdf code systems) into `folder`: only plain
/// files with names inside it (no absolute paths, no `..`, no links), within the limits.
fn unzip(bytes: &[u8], folder: &Path) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a readable zip file: {e}"))?;
    if zip.len() > MAX_ZIP_FILES {
        return Err(format!(
            "the zip holds {} files; at most {MAX_ZIP_FILES} are imported at once",
            zip.len()
        ));
    }
    std::fs::create_dir_all(folder).map_err(|e| e.to_string())?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| format!("not a readable zip file: {e}"))?;
        if entry.is_dir() {
            continue;
        }
        let shown = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("file {}", i + 1));
        let Some(inner) = entry.enclosed_name().filter(|_| !entry.is_symlink()) else {
            return Err(format!(
                "the zip holds {shown:?}, a name outside its folder; nothing was imported"
            ));
        };
        let target: PathBuf = folder.join(inner);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        // Read at most what the limit leaves (+1, to know when it is passed).
        let left = MAX_ZIP_BYTES.saturating_sub(total);
        let mut content = Vec::new();
        (&mut entry)
            .take(left + 1)
            .read_to_end(&mut content)
            .map_err(|e| format!("{shown}: cannot be unpacked: {e}"))?;
        total += content.len() as u64;
        if total > MAX_ZIP_BYTES {
            return Err(format!(
                "the zip unpacks to more than {} MB; split the import",
                MAX_ZIP_BYTES / (1024 * 1024)
            ));
        }
        std::fs::write(&target, content).map_err(|e| e.to_string())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(files: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in files {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("start");
            w.write_all(text.as_bytes()).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    const ORG: &str =
        "Organisationsnummer,Namn,Typ\n232100-0016,Region Stockholm,RegionalAuthority\n";

    #[test]
    fn a_csv_and_a_zip_of_a_folder_plan_like_the_same_files_on_disk() {
        let cat = Catalog::default();
        let p = plan_upload(
            "organisationer.csv",
            ORG.as_bytes(),
            &cat,
            Options::default(),
        )
        .expect("csv");
        assert_eq!(p.added.len(), 1);
        let z = zip_of(&[("lista/organisationer.csv", ORG)]);
        let p = plan_upload("lista.zip", &z, &cat, Options::default()).expect("zip");
        assert_eq!(p.added.len(), 1);
    }

    #[test]
    fn names_outside_the_folder_and_unknown_kinds_are_refused() {
        let cat = Catalog::default();
        let z = zip_of(&[("../organisationer.csv", ORG)]);
        let e = plan_upload("x.zip", &z, &cat, Options::default()).expect_err("zip slip");
        assert!(
            e.problems[0].message.contains("outside its folder"),
            "{e:?}"
        );
        let e = plan_upload("x.exe", b"MZ", &cat, Options::default()).expect_err("exe");
        assert!(e.problems[0].message.contains("not a file name"), "{e:?}");
        let e = plan_upload("x.zip", b"not a zip", &cat, Options::default()).expect_err("bad");
        assert!(
            e.problems[0].message.contains("not a readable zip"),
            "{e:?}"
        );
        assert_eq!(
            safe_name("C:\\Users\\anna\\lista.CSV").as_deref(),
            Some("lista.CSV")
        );
    }
}
