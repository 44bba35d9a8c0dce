//! The server part of the benchmark, against `varcat serve` on the national-scale data:
//! start-up time and memory, the variable and search pages under load (wrk, 64 connections)
//! against a static file from the same server in the same run, a full feed and a 304, and
//! search latency (p95) in process over the same catalogue.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use varcat::search::{Query, SearchIndex};
use varcat::store::{CatalogStore, Iris};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Search p95 over typical queries: whole words, stems, prefixes, a code, with and without facets.
pub fn search_latency(data: &Path) -> Res<String> {
    let iris = Iris::new(varcat::config::DEFAULT_BASE_IRI)?;
    let store = CatalogStore::open(&data.join("store"), iris)?;
    let t = Instant::now();
    // As the server does: the catalogue without codes, each codebook's codes read in turn.
    let catalog = store.load_catalog_without_codes()?;
    let load = t.elapsed();
    let t = Instant::now();
    let index = SearchIndex::build_with(
        &catalog,
        |b| {
            Ok(store
                .codebook(&b.id)
                .map_err(|e| e.to_string())?
                .map(|b| b.codes)
                .unwrap_or_default())
        },
        None,
        0,
    )?;
    let indexing = t.elapsed();
    let queries = [
        "variabel 1234",
        "syntetisk",
        "syntetisk definition",
        "mätning",
        "matning",
        "kod 17",
        "K170",
        "varia",
        "kodverk 42",
        "code 5",
        "region 3",
        "insamling",
        "variabel 19999",
        "definition av kod",
        "utdata",
        "indata per kontakt",
    ];
    let filters = [
        vec![],
        vec![(varcat::search::Dimension::Kind, "variabel".to_owned())],
        vec![(
            varcat::search::Dimension::Collection,
            "insamling-7".to_owned(),
        )],
    ];
    let mut times = Vec::new();
    for _ in 0..10 {
        for q in queries {
            for f in &filters {
                let t = Instant::now();
                let r = index.search(&Query {
                    text: q.to_owned(),
                    filters: f.clone(),
                    offset: 0,
                    limit: 20,
                    include_drafts: false,
                })?;
                times.push(t.elapsed());
                std::hint::black_box(r.total);
            }
        }
    }
    times.sort();
    let p = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    Ok(format!(
        "Search in process ({} documents, {} queries over {} distinct query/filter pairs): \
         p50 {:.2?}, **p95 {:.2?}** (goal ≤ 10 ms), max {:.2?}. Reading the catalogue: {load:.1?}; \
         indexing it: {indexing:.1?}.\n",
        index.len(),
        times.len(),
        queries.len() * filters.len(),
        p(0.5),
        p(0.95),
        times.last().copied().unwrap_or_default(),
    ))
}

pub(super) struct Server {
    pub(super) child: Child,
    pub(super) bind: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(super) fn start(data: &Path) -> Res<(Server, Duration)> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let bind = format!("127.0.0.1:{port}");
    let t = Instant::now();
    // `VARCAT_BENCH_SERVER`: another build of the server (an earlier commit's, to compare
    // with in the same session); by default the one built with this benchmark.
    let bin = std::env::var_os("VARCAT_BENCH_SERVER").map_or_else(
        || PathBuf::from(env!("CARGO_BIN_EXE_varcat")),
        PathBuf::from,
    );
    let child = Command::new(bin)
        .arg("--data-dir")
        .arg(data)
        .args(["serve", "--bind", &bind, "--publisher", "232100-0016"])
        // As deployed (README, deploy/): glibc's malloc with two arenas, not one per thread.
        .env(
            "MALLOC_ARENA_MAX",
            std::env::var("MALLOC_ARENA_MAX").unwrap_or_else(|_| "2".into()),
        )
        .stderr(Stdio::null())
        .spawn()?;
    let server = Server { child, bind };
    for _ in 0..1800 {
        if get(&server.bind, "/health", None).is_ok() {
            return Ok((server, t.elapsed()));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err("the server did not answer within 180 s".into())
}

pub(super) fn get(addr: &str, path: &str, etag: Option<&str>) -> Res<String> {
    let mut s = TcpStream::connect(addr)?;
    let cond = etag
        .map(|e| format!("If-None-Match: {e}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: text/html\r\n{cond}Connection: close\r\n\r\n"
    )?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// One GET of `path` that must answer 200: how long it took and the answer's size.
pub(super) fn timed_get(addr: &str, path: &str) -> Res<(Duration, usize)> {
    let t = Instant::now();
    let r = get(addr, path, None)?;
    let took = t.elapsed();
    if !r.starts_with("HTTP/1.1 200") {
        return Err(format!("GET {path}: {}", r.lines().next().unwrap_or("")).into());
    }
    Ok((took, r.len()))
}

fn mean_of(n: u32, mut f: impl FnMut() -> Res<()>) -> Res<Duration> {
    let t = Instant::now();
    for _ in 0..n {
        f()?;
    }
    Ok(t.elapsed() / n)
}

/// `VmRSS` and `VmHWM` of a process, in MB.
pub(super) fn rss_mb(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (kb("VmRSS:"), kb("VmHWM:"))
}

/// A wrk script that asks for `{prefix}{n}`, n drawn at random below `count` in each request:
/// distinct pages, so that most requests miss every cache and do the whole work.
fn rotating_script(name: &str, prefix: &str, count: u32) -> Res<PathBuf> {
    let path = std::env::temp_dir().join(format!("varcat-wrk-{name}-{}.lua", std::process::id()));
    std::fs::write(
        &path,
        format!(
            "local id = 0\n\
             function setup(thread) id = id + 1; thread:set(\"seed\", id) end\n\
             function init(args) math.randomseed(os.time() * 1000 + (seed or 0)) end\n\
             function request()\n\
               return wrk.format(\"GET\", \"{prefix}\" .. math.random(0, {}))\n\
             end\n",
            count - 1
        ),
    )?;
    Ok(path)
}

/// Requests/s and p99 latency from one wrk run of `secs` seconds, on one path or (with a
/// script) many.
pub(super) fn wrk(addr: &str, path: &str, script: Option<&Path>, secs: u32) -> Res<(f64, String)> {
    let mut cmd = Command::new("wrk");
    cmd.args(["-t2", "-c64", "--latency", "-H", "Accept: text/html"])
        .arg(format!("-d{secs}s"));
    if let Some(s) = script {
        cmd.arg("-s").arg(s);
    }
    let out = cmd.arg(format!("http://{addr}{path}")).output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let rps = text
        .lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("wrk printed no Requests/sec: {text}"))?;
    let p99 = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .map(|v| v.trim().to_owned())
        .unwrap_or_default();
    if text.contains("Non-2xx") {
        return Err(format!("wrk saw errors on {path}: {text}").into());
    }
    Ok((rps, p99))
}

pub fn measure(data: &Path, variables: usize) -> Res<String> {
    let (server, startup) = start(data)?;
    let addr = server.bind.clone();
    let full = get(&addr, "/datasets/dcat", None)?;
    let etag = full
        .lines()
        .find_map(|l| l.strip_prefix("etag: "))
        .ok_or("the feed came without an ETag")?
        .to_owned();
    let not_modified = mean_of(200, || {
        let r = get(&addr, "/datasets/dcat", Some(&etag))?;
        if r.starts_with("HTTP/1.1 304") {
            Ok(())
        } else {
            Err(format!("expected 304: {}", r.lines().next().unwrap_or("")).into())
        }
    })?;
    let feed = mean_of(50, || get(&addr, "/datasets/dcat", None).map(|_| ()))?;
    let mut out = format!(
        "Server on the same data (`varcat serve`, {build}): ready in {startup:.1?} \
         (reads the catalogue and builds the search index).\n\n\
         | request | mean of sequential requests |\n|---|---|\n\
         | GET /datasets/dcat (full feed, kept after the first build) | {feed:.2?} |\n\
         | GET /datasets/dcat with If-None-Match answering 304 | {not_modified:.2?} |\n\n",
        build = super::build(),
    );
    let count = u32::try_from(variables).unwrap_or(u32::MAX);
    let variables = rotating_script("variables", "/variabel/variabel-", count)?;
    let searches = rotating_script("searches", "/sok?q=variabel+", count)?;
    let pages: [(&str, &str, Option<&Path>); 6] = [
        ("static file /static/varcat.css", "/static/varcat.css", None),
        (
            "variable page /variabel/variabel-1234 (the same page again: kept)",
            "/variabel/variabel-1234",
            None,
        ),
        (
            "search page /sok?q=variabel+1234 (the same query again: kept)",
            "/sok?q=variabel+1234",
            None,
        ),
        (
            "search page /sok?q=syntetisk (20,000 matches; kept)",
            "/sok?q=syntetisk",
            None,
        ),
        (
            "variable pages, 20,000 in random order (rendered afresh)",
            "/",
            Some(&variables),
        ),
        (
            "search pages /sok?q=variabel+N, 20,000 queries in random order (searched afresh)",
            "/",
            Some(&searches),
        ),
    ];
    match Command::new("wrk").arg("--version").output() {
        Err(_) => {
            out.push_str("wrk is not installed (`make bench` installs it): no load figures.\n")
        }
        Ok(_) => {
            out.push_str("| under load: wrk, 2 threads, 64 connections, 10 s | requests/s | p99 | vs static |\n|---|---|---|---|\n");
            let mut static_rps = 0.0;
            for (label, path, script) in pages {
                let (rps, p99) = wrk(&addr, path, script, 10)?;
                if static_rps == 0.0 {
                    static_rps = rps;
                }
                out.push_str(&format!(
                    "| {label} | {rps:.0} | {p99} | {:.0} % |\n",
                    100.0 * rps / static_rps
                ));
            }
            out.push_str("\nGoal: each page ≥ 50 % of the static file.\n");
            let _ = std::fs::remove_file(&variables);
            let _ = std::fs::remove_file(&searches);
        }
    }
    let (rss, hwm) = rss_mb(server.child.id());
    out.push_str(&format!(
        "\nServe memory after all of the above: RSS **{rss:.0} MB**, peak {hwm:.0} MB (goal ≤ 300 MB).\n"
    ));
    Ok(out)
}
