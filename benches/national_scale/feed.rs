//! The feed part of the benchmark: RDF/XML feed generation against oxigraph's raw dump of the
//! same triples and against rdflib, in the same run.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use oxigraph::io::RdfFormat;
use varcat::feed::{FeedQuery, FeedSettings, Profile};
use varcat::store::{CatalogStore, Iris};

/// Best of this many: a few milliseconds on a shared 2-core machine are noisy.
const RUNS: usize = 30;

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
    let store = CatalogStore::open(&data.join("store"), iris.clone())?;
    let settings = FeedSettings {
        publisher: varcat::domain::OrgNr::parse("232100-0016")?,
        max_datasets: 100_000,
    };
    // What `varcat serve` does once at start (and after each write): read the catalogue.
    let t = Instant::now();
    let catalog = store.load_catalog_without_codes()?;
    let modified = store.modified()?;
    let load = t.elapsed();
    let t = Instant::now();
    let facts = varcat::feed::Facts::of(&catalog, &modified);
    let facts_time = t.elapsed();
    let mut bytes = 0;
    let mut triples = 0;
    let build = || -> Result<_, Box<dyn std::error::Error>> {
        let input = varcat::feed::FeedInput {
            catalog: &catalog,
            facts: &facts,
            iris: &iris,
            modified: &modified,
            settings: &settings,
            quality: None,
        };
        Ok(varcat::feed::build(
            Profile::DcatApSe,
            &input,
            &FeedQuery::default(),
        )?)
    };
    // What a request for a changed catalogue costs: build the feed graph, write RDF/XML.
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
    let rdflib = rdflib_seconds(&nt, "xml").map(Duration::from_secs_f64);
    // ckanext-dcat serves RDF/XML with rdflib's `pretty-xml` serialiser (its
    // url_to_rdflib_format maps `rdf`/`xml` to it): the feed as CKAN makes it.
    let ckan = rdflib_seconds(&nt, "pretty-xml").map(Duration::from_secs_f64);
    drop(raw_store);
    let mut out = format!(
        "Feed (DCAT-AP-SE, RDF/XML, {triples} triples, {mb:.1} MB; the synthetic content has 50 datasets):\n\n\
         | measure | best of {RUNS} |\n|---|---|\n\
         | varcat: build the feed from the catalogue in memory and write RDF/XML | {feed:.2?} |\n\
         | oxigraph: dump the same triples as RDF/XML from memory | {raw:.2?} |\n",
        mb = bytes as f64 / 1e6,
    );
    if let Some(r) = rdflib {
        out.push_str(&format!(
            "| rdflib: serialise the same graph as RDF/XML, `xml` serialiser (parsing not counted) | {r:.2?} |\n"
        ));
    }
    if let Some(r) = ckan {
        out.push_str(&format!(
            "| rdflib: the same with `pretty-xml`, the serialiser ckanext-dcat uses for RDF/XML | {r:.2?} |\n"
        ));
    }
    out.push_str(&format!(
        "| once per start or write: read the catalogue (without codes) from the store | {load:.2?} |\n\
         | once per start or write: per-collection facts (variable lists and their CSV sizes) | {facts_time:.2?} |\n\n\
         Feed / raw dump: **{:.2}×** (goal ≤ 2×).",
        feed.as_secs_f64() / raw.as_secs_f64()
    ));
    if let (Some(r), Some(c)) = (rdflib, ckan) {
        out.push_str(&format!(
            " rdflib (`xml`) / feed: **{:.1}×**; rdflib as CKAN's DCAT feed uses it (`pretty-xml`) / \
             feed: **{:.1}×** (goal ≥ 20×).",
            r.as_secs_f64() / feed.as_secs_f64(),
            c.as_secs_f64() / feed.as_secs_f64()
        ));
    } else {
        out.push_str(" rdflib was not available (.ci/python-deps installs it).");
    }
    out.push('\n');
    Ok(out)
}

/// Seconds rdflib takes to serialise the graph in `nt` as RDF/XML with serialiser `format`
/// (best of three; parsing not counted).
fn rdflib_seconds(nt: &Path, format: &str) -> Option<f64> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    let script = "import sys, time\nfrom rdflib import Graph\ng = Graph().parse(sys.argv[1], format='nt')\n\
                  best = min((lambda t: (g.serialize(format=sys.argv[2]), time.perf_counter() - t)[1])(time.perf_counter()) for _ in range(3))\n\
                  print(best)\n";
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .arg(nt)
        .arg(format)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}
