//! The command line talking to a running varcat server, which is then the catalogue's one
//! writer. `varcat serve` records in the data directory where it listens and a token for the
//! directory's owner (`server.json`, readable by the owner only); a command that finds the
//! store held by that server sends its import there (`POST /api/import`) or reads the
//! catalogue from it (`GET /api/dump`). `--server URL` with `--token` (or `VARCAT_TOKEN`)
//! does the same with any varcat server.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};

use crate::web::writer::ImportOutcome;

const FILE: &str = "server.json";
/// An import or a dump at national scale takes seconds; a server that does not answer for
/// this long is taken to be gone.
const TIMEOUT: Duration = Duration::from_secs(600);

/// Where a server listens and the token to use there.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Server {
    pub url: String,
    pub token: String,
    /// The server's process id (informative).
    #[serde(default)]
    pub pid: u32,
}

/// The record of the server holding `data_dir`, if one left it there.
pub fn local(data_dir: &Path) -> Option<Server> {
    let text = std::fs::read_to_string(data_dir.join(FILE)).ok()?;
    serde_json::from_str(&text).ok()
}

/// Records `server` in `data_dir`, readable and writable by the owner only.
pub fn record(data_dir: &Path, server: &Server) -> anyhow::Result<PathBuf> {
    let path = data_dir.join(FILE);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    let mut f = opts
        .open(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    f.write_all(serde_json::to_string_pretty(server)?.as_bytes())?;
    Ok(path)
}

/// Removes the record, when it is still this server's.
pub fn forget(data_dir: &Path, token: &str) {
    if local(data_dir).is_some_and(|s| s.token == token) {
        let _ = std::fs::remove_file(data_dir.join(FILE));
    }
}

/// The server to use: `--server URL` (with `--token`/`VARCAT_TOKEN`), else the one recorded
/// in the data directory (its own token unless one is given).
pub fn choose(
    explicit: Option<&str>,
    token: Option<&str>,
    data_dir: &Path,
) -> anyhow::Result<Option<Server>> {
    if let Some(url) = explicit {
        let token = token.context(
            "--server needs an editor's token: pass --token or set VARCAT_TOKEN \
             (an administrator creates one with `varcat token create`)",
        )?;
        return Ok(Some(Server {
            url: url.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
            pid: 0,
        }));
    }
    Ok(local(data_dir).map(|mut s| {
        if let Some(t) = token {
            s.token = t.to_owned();
        }
        s
    }))
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(TIMEOUT))
        .build()
        .into()
}

/// What a refused request says (an RFC 9457 problem's detail, or the body).
fn refusal(status: u16, body: &str) -> anyhow::Error {
    let detail = serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v["detail"].as_str().map(str::to_owned))
        .unwrap_or_else(|| body.chars().take(500).collect());
    anyhow::anyhow!("the server refused ({status}): {detail}")
}

/// Sends `path` (a file, or a folder as a zip) to `server` for import.
pub fn import(
    server: &Server,
    path: &Path,
    dry_run: bool,
    prune: bool,
    actor: &str,
) -> anyhow::Result<ImportOutcome> {
    let (name, bytes) = payload(path)?;
    let url = format!("{}/api/import", server.url);
    let mut resp = agent()
        .post(&url)
        .query("name", &name)
        .query("dry_run", if dry_run { "true" } else { "false" })
        .query("prune", if prune { "true" } else { "false" })
        .query("actor", actor)
        .header("Authorization", &format!("Bearer {}", server.token))
        .header("Content-Type", "application/octet-stream")
        .send(&bytes[..])
        .with_context(|| format!("cannot reach the varcat server at {}", server.url))?;
    let status = resp.status().as_u16();
    let body = resp
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_to_string()
        .context("reading the server's answer")?;
    match status {
        200 | 422 => serde_json::from_str(&body)
            .with_context(|| format!("the server's answer is not an import report: {body:.200}")),
        _ => Err(refusal(status, &body)),
    }
}

/// Sends a conformance result (`varcat check --json` with region, period and synthetic) to
/// the server at `url` with a region's token; the id of the recorded run.
pub fn report_conformance(url: &str, token: &str, body: &serde_json::Value) -> anyhow::Result<i64> {
    let url = url.trim_end_matches('/');
    let mut resp = agent()
        .post(&format!("{url}/api/efterlevnad"))
        .header("Authorization", &format!("Bearer {token}"))
        .header("Content-Type", "application/json")
        .send(body.to_string().as_bytes())
        .with_context(|| format!("cannot reach the varcat server at {url}"))?;
    let status = resp.status().as_u16();
    let text = resp
        .body_mut()
        .with_config()
        .limit(1024 * 1024)
        .read_to_string()
        .context("reading the server's answer")?;
    if status != 201 {
        let mut err = refusal(status, &text);
        // A 422 lists every field's problem.
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text)
            && let Some(list) = v["errors"].as_array()
        {
            let lines: Vec<String> = list
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        e["field"].as_str().unwrap_or_default(),
                        e["message"].as_str().unwrap_or_default()
                    )
                })
                .collect();
            err = err.context(lines.join("; "));
        }
        return Err(err);
    }
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v["id"].as_i64())
        .with_context(|| format!("the server's answer is not a recorded result: {text:.200}"))
}

/// The whole catalogue from `server`, as N-Quads, with its base IRI.
pub fn dump(server: &Server) -> anyhow::Result<(String, Vec<u8>)> {
    let url = format!("{}/api/dump", server.url);
    let mut resp = agent()
        .get(&url)
        .header("Authorization", &format!("Bearer {}", server.token))
        .call()
        .with_context(|| format!("cannot reach the varcat server at {}", server.url))?;
    let status = resp.status().as_u16();
    let base = resp
        .headers()
        .get("X-Varcat-Base-Iri")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = resp
        .body_mut()
        .with_config()
        .limit(u64::MAX)
        .read_to_vec()
        .context("reading the catalogue from the server")?;
    if status != 200 {
        return Err(refusal(status, &String::from_utf8_lossy(&body)));
    }
    let Some(base) = base else {
        bail!("the server at {} did not say its base IRI", server.url);
    };
    Ok((base, body))
}

/// A file as it is, or a folder as a zip of its files (relative names), with the name the
/// server reads its kind from.
fn payload(path: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    if !path.is_dir() {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        return Ok((name, bytes));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p.strip_prefix(path).unwrap_or(&p);
            let rel = rel.to_string_lossy().replace('\\', "/");
            zip.start_file(rel, opts)?;
            zip.write_all(
                &std::fs::read(&p).with_context(|| format!("cannot read {}", p.display()))?,
            )?;
        }
    }
    let bytes = zip.finish()?.into_inner();
    Ok((format!("{name}.zip"), bytes))
}
