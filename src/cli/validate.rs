//! `varcat validate [--profile dcat-ap-se|healthdcat-ap] [FILE|URL]` (and `--mqa`, see
//! `quality`): runs the SHACL engine built into the binary (`crate::validation`: rudof's
//! engine over the official shapes embedded from `schemas/shacl/`, no Python, no checkout) on
//! this catalogue's feed or on a given file or URL, and prints each violation as: which item,
//! which property, what is wrong and how to fix it. Exit code 1 when anything is violated.

use std::path::Path;

use anyhow::{Context, bail};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Graph, Quad, TripleRef};

use crate::feed::{FeedQuery, FeedSettings, Profile};
use crate::workspace::Workspace;

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Which application profile to check against.
    #[arg(long, value_enum, default_value = "dcat-ap-se")]
    pub profile: Profile,
    /// A feed file (.rdf, .ttl, .jsonld, .nt) or an http(s) URL; this catalogue's feed when left out.
    pub input: Option<String>,
    /// Print the JSON report instead of text (with --mqa: the assessment as JSON).
    #[arg(long)]
    pub json: bool,
    /// Score this catalogue's datasets with data.europa.eu's Metadata Quality Assessment
    /// (indicators and weights of the MQA, 405 points) instead of listing violations.
    #[arg(long)]
    pub mqa: bool,
    /// With --mqa: check that every accessURL and downloadURL answers (HTTP, 8 at a time,
    /// 10 s each); without it those indicators are reported as not checked.
    #[arg(long, requires = "mqa")]
    pub links: bool,
    /// Extra triples (vocabulary typings) merged into the data before validation; repeatable.
    #[arg(long, value_name = "FILE")]
    pub ont: Vec<String>,
    #[command(flatten)]
    pub feed: super::FeedArgs,
}

/// The feed of this catalogue, serialised; the HealthDCAT-AP feed with the conformance
/// results recorded in the database.
pub fn feed_bytes(
    ws: &mut Workspace,
    settings: &FeedSettings,
    profile: Profile,
    format: RdfFormat,
) -> anyhow::Result<Vec<u8>> {
    Ok(crate::feed::serialize(
        &feed_quads(ws, settings, profile)?,
        format,
    )?)
}

/// The feed of this catalogue as quads (as [`feed_bytes`]).
pub fn feed_quads(
    ws: &mut Workspace,
    settings: &FeedSettings,
    profile: Profile,
) -> anyhow::Result<Vec<Quad>> {
    let modified = ws.store.modified()?;
    let quality = match profile {
        Profile::HealthDcatAp => Some(crate::feed::Quality::new(
            ws.db.conformance_latest_id()?,
            &ws.db.conformance_all()?,
        )),
        Profile::DcatApSe => None,
    };
    Ok(crate::feed::from_store_with(
        &ws.store,
        &modified,
        settings,
        profile,
        &FeedQuery::default(),
        quality.as_ref(),
    )?)
}

/// The RDF format of a file, from its extension.
fn format_of(path: &str) -> anyhow::Result<RdfFormat> {
    let ext = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "xml" | "owl" => Ok(RdfFormat::RdfXml),
        other => RdfFormat::from_extension(other).with_context(|| {
            format!(
                "{path}: cannot tell the RDF format from the extension (.ttl, .rdf, .jsonld, .nt)"
            )
        }),
    }
}

/// Adds every triple of `bytes` to `graph`.
fn parse_into(
    graph: &mut Graph,
    bytes: &[u8],
    format: RdfFormat,
    name: &str,
    base: Option<&str>,
) -> anyhow::Result<()> {
    let mut parser = RdfParser::from_format(format);
    if let Some(base) = base {
        parser = parser.with_base_iri(base)?;
    }
    for q in parser.for_slice(bytes) {
        let q = q.with_context(|| format!("reading {name}"))?;
        graph.insert(TripleRef::new(&q.subject, &q.predicate, &q.object));
    }
    Ok(())
}

/// A file, or an http(s) URL asked for RDF (its format from the answer's Content-Type).
fn read_input(graph: &mut Graph, input: &str) -> anyhow::Result<()> {
    if input.starts_with("http://") || input.starts_with("https://") {
        let mut answer = ureq::get(input)
            .header(
                "Accept",
                "text/turtle, application/rdf+xml;q=0.9, application/n-triples;q=0.8, application/ld+json;q=0.7",
            )
            .call()
            .with_context(|| format!("fetching {input}"))?;
        let media = answer
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        let format = RdfFormat::from_media_type(&media)
            .with_context(|| format!("{input} answered {media:?}, which is not an RDF format"))?;
        let body = answer
            .body_mut()
            .with_config()
            .limit(2 << 30)
            .read_to_vec()?;
        return parse_into(graph, &body, format, input, Some(input));
    }
    if !Path::new(input).is_file() {
        bail!("{input} is not a file");
    }
    let bytes = std::fs::read(input).with_context(|| format!("reading {input}"))?;
    // Relative IRIs resolve against the file, as rdflib (pyshacl) resolves them.
    let base = format!("file://{}", std::fs::canonicalize(input)?.display());
    parse_into(graph, &bytes, format_of(input)?, input, Some(&base))
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    if opts.mqa {
        return super::quality::run(cli, opts);
    }
    let mut graph = match &opts.input {
        Some(i) => {
            let mut g = Graph::new();
            read_input(&mut g, i)?;
            g
        }
        None => {
            let mut ws = cli.open_read()?;
            crate::validation::graph_of(&feed_quads(&mut ws, &opts.feed.settings()?, opts.profile)?)
        }
    };
    for extra in &opts.ont {
        read_input(&mut graph, extra)?;
    }
    let report = crate::validation::validate(opts.profile, &graph)?;
    for note in &report.notes {
        eprintln!("varcat: {note}");
    }
    if opts.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    let violations = report.violations().count();
    let warnings = report.results.len() - violations;
    if !opts.json {
        for r in &report.results {
            let sign = if r.is_violation() { "✗" } else { "!" };
            println!("{sign} {}", r.focus);
            if let Some(p) = &r.path {
                print!("    property: {p}");
                if let Some(v) = &r.value {
                    print!("   value: {v}");
                }
                println!();
            }
            println!("    {}", r.message);
        }
    }
    for n in &report.not_checked {
        eprintln!("varcat: not checked: {n}");
    }
    if violations == 0 {
        eprintln!(
            "varcat: conforms to {:?} ({warnings} warnings; {})",
            opts.profile, report.engine
        );
        Ok(())
    } else {
        bail!(
            "{violations} violations and {warnings} warnings against {:?}",
            opts.profile
        )
    }
}
