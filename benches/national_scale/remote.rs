//! The remote SPARQL store (issue 16) against the embedded store, in the same run: an Oxigraph
//! server from `.venv-store` on a loopback port over a temporary folder, PostgreSQL
//! (`VARCAT_BENCH_POSTGRES_URL`, default the local test server) in a schema of its own. The
//! workbook imported into each store; restart to the first answer with the snapshot kept and
//! with nothing kept; then two `varcat serve` on the remote store and the one database, an API
//! PUT on server A until it shows on server B (page, search, feed), p50/p95 over 100 writes,
//! against the same on one server of the embedded store. Server A's update endpoint is a
//! pass-through proxy that records each SPARQL Update's size and the engine's time to apply it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::server::Server;

type Res<T> = Result<T, Box<dyn std::error::Error>>;
const WRITES: usize = 100;
const SCHEMA: &str = "varcat_bench_remote";

fn free_port() -> Res<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// The Oxigraph server, killed when dropped.
struct Engine {
    child: Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl Drop for Engine {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(600)))
        .build()
        .into()
}

fn body(r: &mut ureq::http::Response<ureq::Body>) -> String {
    r.body_mut()
        .with_config()
        .limit(u64::MAX)
        .read_to_string()
        .unwrap_or_default()
}

fn engine(binary: &Path) -> Res<Engine> {
    let dir = tempfile::tempdir()?;
    let url = format!("http://127.0.0.1:{}", free_port()?);
    let child = Command::new(binary)
        .arg("serve")
        .arg("--location")
        .arg(dir.path())
        .args(["--bind", url.trim_start_matches("http://")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let engine = Engine {
        child,
        url,
        _dir: dir,
    };
    let a = agent();
    for _ in 0..400 {
        let asked = a
            .post(&format!("{}/query", engine.url))
            .header("Content-Type", "application/sparql-query")
            .send("ASK {}".as_bytes());
        if asked.is_ok_and(|r| r.status().as_u16() == 200) {
            return Ok(engine);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err("the Oxigraph server did not start".into())
}

/// One data directory: embedded (no URLs) or on the remote store and PostgreSQL.
struct Data {
    dir: tempfile::TempDir,
    store: Option<(String, String)>,
    env: Vec<(&'static str, String)>,
}

impl Data {
    fn path(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_varcat"));
        cmd.arg("--data-dir").arg(self.path());
        if let Some((store, db)) = &self.store {
            cmd.args(["--store-url", store])
                .env("VARCAT_DATABASE_URL", db);
        }
        cmd.env("MALLOC_ARENA_MAX", "2")
            .envs(self.env.iter().map(|(k, v)| (k, v)));
        cmd
    }

    fn run(&self, args: &[&str]) -> Res<String> {
        let out = self.command().args(args).output()?;
        if !out.status.success() {
            let err = String::from_utf8_lossy(&out.stderr);
            return Err(format!("varcat {args:?}: {err}").into());
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// `varcat serve`, with extra environment; the time until `/health` answers.
    fn serve(&self, env: &[(&str, String)]) -> Res<(Server, Duration)> {
        let bind = format!("127.0.0.1:{}", free_port()?);
        let t = Instant::now();
        let child = self
            .command()
            .envs(env.iter().map(|(k, v)| (k, v)))
            .args(["serve", "--bind", &bind, "--publisher", "232100-0016"])
            .stderr(Stdio::null())
            .spawn()?;
        let server = Server { child, bind };
        for _ in 0..6000 {
            if super::server::get(&server.bind, "/health", None)
                .is_ok_and(|r| r.starts_with("HTTP/1.1 200"))
            {
                return Ok((server, t.elapsed()));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err("the server did not answer within 300 s".into())
    }
}

/// Stops a server as an operator does (SIGTERM), so that it keeps its snapshot.
fn stop(mut s: Server) -> Res<()> {
    Command::new("kill")
        .args(["-TERM", &s.child.id().to_string()])
        .status()?;
    s.child.wait()?;
    Ok(())
}

/// Import time, then start with nothing kept and restart with the snapshot kept.
fn import_and_start(data: &Data, xlsx: &Path) -> Res<(Duration, Duration, Duration)> {
    data.run(&["init"])?;
    let t = Instant::now();
    data.run(&["import", xlsx.to_str().unwrap_or_default()])?;
    let import = t.elapsed();
    let (s, full) = data.serve(&[])?;
    stop(s)?;
    let (s, kept) = data.serve(&[])?;
    stop(s)?;
    Ok((import, full, kept))
}

/// Each SPARQL Update sent through the proxy: its size in bytes and the engine's time.
type Updates = Arc<Mutex<Vec<(usize, Duration)>>>;

/// A pass-through for the engine's update endpoint that records each request.
fn update_proxy(engine: &str) -> Res<(String, Updates)> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}/update", listener.local_addr()?);
    let updates: Updates = Arc::default();
    let (target, seen) = (format!("{engine}/update"), updates.clone());
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let (target, seen) = (target.clone(), seen.clone());
            std::thread::spawn(move || {
                let _ = pass(conn, &target, &seen);
            });
        }
    });
    Ok((url, updates))
}

/// One connection's requests (kept alive) forwarded to `target`.
fn pass(conn: TcpStream, target: &str, seen: &Updates) -> Res<()> {
    let mut out = conn.try_clone()?;
    let mut reader = BufReader::new(conn);
    let a = agent();
    loop {
        let (mut length, mut auth) = (0usize, None);
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                match k.to_ascii_lowercase().as_str() {
                    "content-length" => length = v.trim().parse()?,
                    "authorization" => auth = Some(v.trim().to_owned()),
                    _ => {}
                }
            }
        }
        let mut sent = vec![0u8; length];
        reader.read_exact(&mut sent)?;
        let t = Instant::now();
        let mut req = a
            .post(target)
            .header("Content-Type", "application/sparql-update");
        if let Some(auth) = &auth {
            req = req.header("Authorization", auth);
        }
        let mut resp = req.send(&sent[..])?;
        let answer = body(&mut resp);
        if let Ok(mut s) = seen.lock() {
            s.push((length, t.elapsed()));
        }
        write!(
            out,
            "HTTP/1.1 {} X\r\nContent-Length: {}\r\n\r\n{answer}",
            resp.status().as_u16(),
            answer.len()
        )?;
    }
}

fn etag(r: &ureq::http::Response<ureq::Body>) -> String {
    r.headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// PUT of one variable's definition on `a`, until `b` shows it on its page, in search and in
/// the feed; the times of `WRITES` writes.
fn write_to_visible(a: &str, b: &str, token: &str, variables: usize) -> Res<Vec<Duration>> {
    let http = agent();
    let get = |addr: &str, path: &str| -> Res<ureq::http::Response<ureq::Body>> {
        Ok(http
            .get(&format!("{addr}{path}"))
            .header("Accept", "text/html")
            .call()?)
    };
    for addr in [a, b] {
        for path in [
            "/variabel/variabel-5",
            "/datasets/dcat",
            "/sok?q=variabel+17",
        ] {
            let _ = body(&mut get(addr, path)?);
        }
    }
    let mut times = Vec::new();
    for i in 0..WRITES {
        let id = format!("variabel-{}", (i * 37) % variables);
        let mut r = http
            .get(&format!("{a}/api/variabler/{id}"))
            .header("Authorization", &format!("Bearer {token}"))
            .call()?;
        let tag = etag(&r);
        let mut item: serde_json::Value = serde_json::from_str(&body(&mut r))?;
        let mark = format!("fjarr{i}x");
        item["definition"] = format!("Ändrad i mätningen {mark}.").into();
        let before = etag(&get(b, "/datasets/dcat")?);
        let t = Instant::now();
        let mut resp = http
            .put(&format!("{a}/api/variabler/{id}"))
            .header("Authorization", &format!("Bearer {token}"))
            .header("If-Match", &tag)
            .header("Content-Type", "application/json")
            .send(item.to_string().as_bytes())?;
        if resp.status().as_u16() != 200 {
            return Err(format!("PUT {id}: {} {}", resp.status(), body(&mut resp)).into());
        }
        loop {
            let page = body(&mut get(b, &format!("/variabel/{id}"))?);
            let hits = body(&mut get(b, &format!("/sok?q={mark}"))?);
            if page.contains(&mark)
                && hits.contains(&format!("/variabel/{id}\""))
                && etag(&get(b, "/datasets/dcat")?) != before
            {
                break;
            }
            if t.elapsed() > Duration::from_secs(60) {
                return Err(format!("write {i} not visible on B after 60 s").into());
            }
        }
        times.push(t.elapsed());
    }
    Ok(times)
}

fn percentile(times: &[Duration], q: f64) -> Duration {
    let mut t = times.to_vec();
    t.sort();
    t.get(((t.len() as f64 * q) as usize).min(t.len().saturating_sub(1)))
        .copied()
        .unwrap_or_default()
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}

pub fn measure(xlsx: &Path, variables: usize) -> Res<String> {
    let binary = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-store/bin/oxigraph");
    if !binary.is_file() {
        return Ok(
            "\nRemote store: the Oxigraph server is not installed (`.ci/python-deps` \
                   installs it into .venv-store/): no figures.\n"
                .into(),
        );
    }
    let pg = std::env::var("VARCAT_BENCH_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    varcat::db::drop_postgres_schema(&pg, SCHEMA)?;
    varcat::db::Db::open_postgres(&pg, Some(SCHEMA))?;
    let sep = if pg.contains('?') { '&' } else { '?' };
    let db = format!("{pg}{sep}options=-c%20search_path%3D{SCHEMA}");

    let local = Data {
        dir: tempfile::tempdir()?,
        store: None,
        env: Vec::new(),
    };
    let (local_import, local_full, local_kept) = import_and_start(&local, xlsx)?;
    eprintln!(
        "embedded: import {local_import:.2?}, start {local_full:.2?}, restart {local_kept:.2?}"
    );
    let engine = engine(&binary)?;
    let (proxy, updates) = update_proxy(&engine.url)?;
    let remote = |env| -> Res<Data> {
        Ok(Data {
            dir: tempfile::tempdir()?,
            store: Some((engine.url.clone(), db.clone())),
            env,
        })
    };
    // Server A's (and its import's) updates go through the proxy.
    let a = remote(vec![("VARCAT_STORE_UPDATE_URL", proxy)])?;
    let (far_import, far_full, far_kept) = import_and_start(&a, xlsx)?;
    eprintln!("remote: import {far_import:.2?}, start {far_full:.2?}, restart {far_kept:.2?}");
    let quads = engine_bytes(&engine.url)?;
    let import_updates = updates.lock().map(|u| u.clone()).unwrap_or_default();

    // One embedded server: its own write shown on itself.
    let token_args = [
        "token",
        "create",
        "--name",
        "bench-remote",
        "--role",
        "editor",
    ];
    let local_token = local.run(&token_args)?.trim().to_owned();
    let (s, _) = local.serve(&[])?;
    let addr = format!("http://{}", s.bind);
    let local_times = write_to_visible(&addr, &addr, &local_token, variables)?;
    stop(s)?;

    // Two servers on the remote store and PostgreSQL: written on A, read on B.
    let b = remote(Vec::new())?;
    b.run(&["init"])?;
    let token = a.run(&token_args)?.trim().to_owned();
    let (sa, _) = a.serve(&[])?;
    let (sb, b_start) = b.serve(&[])?;
    let times = write_to_visible(
        &format!("http://{}", sa.bind),
        &format!("http://{}", sb.bind),
        &token,
        variables,
    )?;
    drop((sa, sb));
    drop(engine);
    let _ = varcat::db::drop_postgres_schema(&pg, SCHEMA);
    let mut updates = updates.lock().map(|u| u.clone()).unwrap_or_default();
    updates.drain(..import_updates.len().min(updates.len()));
    let import_bytes: usize = import_updates.iter().map(|u| u.0).sum();
    let import_apply: Duration = import_updates.iter().map(|u| u.1).sum();
    let sizes: Vec<usize> = updates.iter().map(|u| u.0).collect();
    let applied: Vec<Duration> = updates.iter().map(|u| u.1).collect();
    let (p50, p95) = (percentile(&times, 0.5), percentile(&times, 0.95));
    let (l50, l95) = (
        percentile(&local_times, 0.5),
        percentile(&local_times, 0.95),
    );
    Ok(format!(
        "\n### The remote SPARQL store against the embedded store — {date}\n\n\
         Machine: {machine}. Build: {build}. {variables} variables. Oxigraph server (PyPI \
         `oxigraph`, .venv-store) on loopback over a temporary folder; PostgreSQL on 127.0.0.1 \
         (schema of its own) for the remote store's operational database, SQLite for the \
         embedded one's. One run each.\n\n\
         | measure | embedded | remote | remote / embedded |\n|---|---|---|---|\n\
         | `varcat import` of the workbook into a new catalogue | {local_import:.2?} | {far_import:.2?} | {ri:.2}× |\n\
         | `varcat serve` with nothing kept, to first answer (reads the store, indexes) | {local_full:.2?} | {far_full:.2?} | {rf:.2}× |\n\
         | restart to first answer, snapshot kept | {local_kept:.2?} | {far_kept:.2?} | {rk:.2}× |\n\
         | API PUT of one variable → visible on page, search and feed ({WRITES} writes; embedded: on the same server, remote: **on the other server**) | p50 {l50:.1?}, p95 {l95:.1?} | p50 {p50:.1?}, **p95 {p95:.1?}** | {rp:.1}× (p95; goal ≤ 1 s) |\n\n\
         Where the time goes on the remote store: the import was {n_import} SPARQL Update \
         request(s), {import_mb:.1} MB in all, applied by the engine in {import_apply:.2?} (the \
         rest of the import's time is varcat's: planning, the replica, the update text, the \
         database); the engine holds {quads} after it; server B started (a fresh data directory, the replica loaded) in {b_start:.2?}; \
         each PUT on A was one SPARQL Update of median {size} bytes (max {size_max}), applied \
         by the engine in median {apply50:.1?} (p95 {apply95:.1?}); B asks the engine its \
         revision every 250 ms (a mean wait of 125 ms), then reads the logged graphs again and \
         makes its snapshot from the one before.\n",
        date = chrono::Utc::now().format("%Y-%m-%d"),
        machine = super::machine(),
        build = if cfg!(debug_assertions) {
            "dev profile (a trial: not a measurement)"
        } else {
            "release"
        },
        ri = ratio(far_import, local_import),
        n_import = import_updates.len(),
        import_mb = import_bytes as f64 / 1e6,
        rf = ratio(far_full, local_full),
        rk = ratio(far_kept, local_kept),
        rp = ratio(p95, l95),
        size = {
            let mut s = sizes.clone();
            s.sort();
            s.get(s.len() / 2).copied().unwrap_or(0)
        },
        size_max = sizes.iter().max().copied().unwrap_or(0),
        apply50 = percentile(&applied, 0.5),
        apply95 = percentile(&applied, 0.95),
    ))
}

/// The engine's size in quads, said for the report.
fn engine_bytes(url: &str) -> Res<String> {
    let mut r = agent()
        .post(&format!("{url}/query"))
        .header("Content-Type", "application/sparql-query")
        .header("Accept", "application/sparql-results+json")
        .send(
            "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
                .as_bytes(),
        )?;
    let v: serde_json::Value = serde_json::from_str(&body(&mut r))?;
    let n = v["results"]["bindings"][0]["n"]["value"]
        .as_str()
        .unwrap_or("?")
        .to_owned();
    Ok(format!("{n} quads"))
}
