//! The feed half of the benchmark: RDF/XML feed generation against oxigraph's raw dump and
//! rdflib, and a conditional GET answering 304.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use oxigraph::io::RdfFormat;
use varcat::feed::{FeedQuery, FeedSettings, Profile};
use varcat::store::{CatalogStore, Iris};

const RUNS: usize = 5;

fn best(
    mut f: impl FnMut() -> Result<(), Box<dyn std::error::Error>>,
) -> Result<Duration, Box<dyn std::error::Error>> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        f()?;
        times.push(t.elapsed());
    }
    Ok(times.into_iter().min().unwrap_or_default())
}

pub fn measure(data: &Path, work: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let iris = Iris::new(varcat::config::DEFAULT_BASE_IRI)?;
    let store = CatalogStore::open(&data.join("store"), iris)?;
    let settings = FeedSettings {
        publisher: varcat::domain::OrgNr::parse("232100-0016")?,
        max_datasets: 100_000,
    };
    let mut bytes = 0;
    let mut triples = 0;
    let build = || -> Result<_, Box<dyn std::error::Error>> {
        let modified = store.modified()?;
        Ok(varcat::feed::from_store(
            &store,
            &modified,
            &settings,
            Profile::DcatApSe,
            &FeedQuery::default(),
        )?)
    };
    let feed = best(|| {
        let quads = build()?;
        triples = quads.len();
        bytes = varcat::feed::serialize(&quads, RdfFormat::RdfXml)?.len();
        Ok(())
    })?;
    // The same triples, dumped raw by oxigraph from an in-memory store.
    let quads = build()?;
    let raw_store = oxigraph::store::Store::new()?;
    raw_store.extend(quads.iter().cloned())?;
    let raw = best(|| {
        raw_store.dump_graph_to_writer(
            oxigraph::model::GraphNameRef::DefaultGraph,
            RdfFormat::RdfXml,
            Vec::new(),
        )?;
        Ok(())
    })?;
    let nt = work.join("feed.nt");
    std::fs::write(&nt, varcat::feed::serialize(&quads, RdfFormat::NTriples)?)?;
    let rdflib = rdflib_seconds(&nt).map(Duration::from_secs_f64);
    // The server needs the store to itself (RocksDB allows one process).
    drop(raw_store);
    drop(store);
    let not_modified = conditional_get(data).map_err(|e| e.to_string());
    let mut out = format!(
        "Feed (DCAT-AP-SE, RDF/XML, {triples} triples, {mb:.1} MB; the synthetic content has 50 datasets):\n\n\
         | measure | best of {RUNS} |\n|---|---|\n\
         | varcat: load the catalogue from the store, build the feed, write RDF/XML | {feed:.2?} |\n\
         | oxigraph: dump the same triples as RDF/XML from memory | {raw:.2?} |\n",
        mb = bytes as f64 / 1e6,
    );
    if let Some(r) = rdflib {
        out.push_str(&format!(
            "| rdflib: serialise the same graph as RDF/XML (parsing not counted) | {r:.2?} |\n"
        ));
    }
    out.push_str(&format!(
        "| conditional GET of /datasets/dcat answering 304 (mean of 200, through `varcat serve`) | {} |\n\n\
         Feed / raw dump: **{:.2}×** (goal ≤ 2×).",
        match &not_modified {
            Ok(d) => format!("{d:.2?}"),
            Err(e) => format!("not measured: {e}"),
        },
        feed.as_secs_f64() / raw.as_secs_f64()
    ));
    if let Some(r) = rdflib {
        out.push_str(&format!(
            " rdflib / feed: **{:.3}×** (goal ≥ 20×).",
            r.as_secs_f64() / feed.as_secs_f64()
        ));
    } else {
        out.push_str(" rdflib was not available (.ci/python-deps installs it).");
    }
    out.push('\n');
    Ok(out)
}

fn rdflib_seconds(nt: &Path) -> Option<f64> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    let script = "import sys, time\nfrom rdflib import Graph\ng = Graph().parse(sys.argv[1], format='nt')\n\
                  best = min((lambda t: (g.serialize(format='xml'), time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(3))\n\
                  print(best)\n";
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(nt)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn conditional_get(data: &Path) -> Result<Duration, Box<dyn std::error::Error>> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let bind = format!("127.0.0.1:{port}");
    let mut server = Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(data)
        .args(["serve", "--bind", &bind, "--publisher", "232100-0016"])
        .stderr(Stdio::null())
        .spawn()?;
    let result = (|| -> Result<Duration, Box<dyn std::error::Error>> {
        let mut etag = None;
        for _ in 0..100 {
            if let Ok(resp) = get(&bind, None) {
                etag = resp
                    .lines()
                    .find_map(|l| l.strip_prefix("etag: ").map(str::to_owned));
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let etag = etag.ok_or("the server did not answer with an ETag")?;
        let t = Instant::now();
        for _ in 0..200 {
            let resp = get(&bind, Some(&etag))?;
            if !resp.starts_with("HTTP/1.1 304") {
                return Err(
                    format!("expected 304, got {}", resp.lines().next().unwrap_or("")).into(),
                );
            }
        }
        Ok(t.elapsed() / 200)
    })();
    let _ = server.kill();
    let _ = server.wait();
    result
}

fn get(addr: &str, etag: Option<&str>) -> Result<String, Box<dyn std::error::Error>> {
    let mut s = TcpStream::connect(addr)?;
    let cond = etag
        .map(|e| format!("If-None-Match: {e}\r\n"))
        .unwrap_or_default();
    write!(
        s,
        "GET /datasets/dcat HTTP/1.1\r\nHost: {addr}\r\n{cond}Connection: close\r\n\r\n"
    )?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}
