//! `varcat linkcheck [--base-only] [--json]`: every link the two feeds name — dcat:accessURL,
//! dcat:downloadURL, dcat:landingPage, dct:conformsTo, foaf:page, dcat:endpointDescription —
//! checked over HTTP a bounded number at a time, each within a time limit (`quality::links`),
//! reported, and kept in the operational database with the time of the check, where the
//! quality page and `validate --mqa` read them. Exit code 1 when a link does not answer.

use std::collections::HashSet;
use std::time::Duration;

use anyhow::bail;
use oxigraph::model::{NamedNodeRef, NamedOrBlankNode, Term};

use crate::db::LinkCheck;
use crate::feed::{FeedQuery, Profile};
use crate::store::vocab::{dcat, dct, foaf};

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Print the results as JSON.
    #[arg(long)]
    pub json: bool,
    /// Only links under the catalogue's base IRI (its own pages, downloads and documents).
    #[arg(long)]
    pub base_only: bool,
    /// How many links are checked at a time (1–32).
    #[arg(long, default_value_t = 8)]
    pub concurrency: usize,
    /// Seconds each link may take.
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
    #[command(flatten)]
    pub feed: super::FeedArgs,
}

/// The properties whose objects are links a harvester follows (the distribution's two first).
pub const LINKS: [(NamedNodeRef<'static>, &str); 6] = [
    (dcat::ACCESS_URL, "dcat:accessURL"),
    (dcat::DOWNLOAD_URL, "dcat:downloadURL"),
    (dcat::LANDING_PAGE, "dcat:landingPage"),
    (dct::CONFORMS_TO, "dct:conformsTo"),
    (foaf::PAGE, "foaf:page"),
    (dcat::ENDPOINT_DESCRIPTION, "dcat:endpointDescription"),
];

/// (url, property, subject) for each link of the feeds under one of `properties`, each URL
/// once.
pub fn links_of(
    quads: &[oxigraph::model::Quad],
    properties: &[(NamedNodeRef<'static>, &'static str)],
) -> Vec<(String, &'static str, String)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for q in quads {
        let Some((_, label)) = properties.iter().find(|(p, _)| q.predicate == *p) else {
            continue;
        };
        let (Term::NamedNode(o), NamedOrBlankNode::NamedNode(s)) = (&q.object, &q.subject) else {
            continue;
        };
        if seen.insert(o.as_str().to_owned()) {
            out.push((o.as_str().to_owned(), *label, s.as_str().to_owned()));
        }
    }
    out
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    let ws = cli.open_read()?;
    let settings = opts.feed.settings()?.unsplit();
    let modified = ws.store.modified()?;
    let mut quads = Vec::new();
    for profile in [Profile::DcatApSe, Profile::HealthDcatAp] {
        quads.extend(crate::feed::from_store(
            &ws.store,
            &modified,
            &settings,
            profile,
            &FeedQuery::default(),
        )?);
    }
    let base = ws.store.iris().base().to_owned();
    let links: Vec<_> = links_of(&quads, &LINKS)
        .into_iter()
        .filter(|(url, _, _)| !opts.base_only || url.starts_with(&base))
        .collect();
    eprintln!(
        "varcat: checking {} links, {} at a time …",
        links.len(),
        opts.concurrency.clamp(1, 32)
    );
    let urls: Vec<String> = links.iter().map(|l| l.0.clone()).collect();
    let results = crate::quality::links::check(
        &urls,
        opts.concurrency,
        Duration::from_secs(opts.timeout.max(1)),
    );
    let checked_at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let rows: Vec<LinkCheck> = results
        .iter()
        .zip(&links)
        .map(|(r, (url, property, subject))| LinkCheck {
            checked_at: checked_at.clone(),
            url: url.clone(),
            property: (*property).to_owned(),
            subject: subject.clone(),
            status: r.status.map(i32::from),
            error: r.error.clone(),
            ok: r.ok,
        })
        .collect();
    super::open_db(cli)?.record_link_checks(&rows)?;
    let broken: Vec<&LinkCheck> = rows.iter().filter(|r| !r.ok).collect();
    if opts.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        for r in &broken {
            let why = r
                .status
                .map(|s| format!("HTTP {s}"))
                .or_else(|| r.error.clone())
                .unwrap_or_default();
            println!("✗ {}  ({} of {}): {why}", r.url, r.property, r.subject);
        }
    }
    eprintln!(
        "varcat: {} links checked at {checked_at}: {} answer, {} do not (kept for the quality page)",
        rows.len(),
        rows.len() - broken.len(),
        broken.len()
    );
    if broken.is_empty() {
        Ok(())
    } else {
        bail!("{} links do not answer", broken.len())
    }
}
