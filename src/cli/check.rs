//! `varcat check EXTRACT --collection ID`: checks a region's extract against the collection's
//! specification (see `crate::check`). Exit code 0 when it conforms, 1 on violations, 2 when
//! the extract cannot be checked.

use std::path::PathBuf;

use crate::check::{CsvOptions, Encoding, Options};
use crate::conformance::submission;
use crate::domain::{Codebook, Id, ItemKey, ItemKind};

/// `varcat check --help`. The data never leaves the region: said here and in the README.
pub const LONG_ABOUT: &str = "Checks a region's extract (CSV, xlsx or ods; one column per variable) against \
                  the specification of a data collection: data type, format and length, \
                  pattern, range, the value domain's codes, obligation, and the identifiers' \
                  own rules (personnummer, organisationsnummer, HSA-id). Prints per variable \
                  the rows checked, the rows failing each rule and the first row numbers of \
                  each failure (the heading row is row 1). Exit code 0 when the extract \
                  conforms, 1 on violations, 2 when it cannot be checked.\n\n\
                  No value of a variable is ever printed, stored or sent: the report holds only \
                  counts, rule names, column names and row numbers, so a region can run the \
                  check on its own machine on real patient data.";

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// The extract: a CSV file (UTF-8 with or without BOM, or Windows-1252), or an xlsx/ods
    /// workbook (its first sheet).
    pub extract: PathBuf,
    /// The data collection whose variables the extract delivers.
    #[arg(long)]
    pub collection: String,
    /// Check for a use case: its variables in the collection are the ones expected.
    #[arg(long)]
    pub use_case: Option<String>,
    /// A CSV file `column,variable` mapping the region's own column names to the national
    /// variables (identifier, short name or name).
    #[arg(long)]
    pub map: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// The CSV separator (`;`, `,` or `tab`); detected from the heading row when left out.
    #[arg(long, value_parser = parse_separator)]
    pub separator: Option<u8>,
    /// The CSV encoding; detected when left out (UTF-8, else Windows-1252).
    #[arg(long, value_enum)]
    pub encoding: Option<Encoding>,
    /// Store the result (counts per variable and rule, never a value) in the operational
    /// database, for the region and period given.
    #[arg(long, requires_all = ["region", "period"])]
    pub record: bool,
    /// With --record: the organisationsnummer of the region that delivers the extract.
    #[arg(long, requires = "record")]
    pub region: Option<String>,
    /// With --record: the period the extract covers, YYYY-MM.
    #[arg(long, requires = "record")]
    pub period: Option<String>,
    /// With --record: who records it; defaults to $VARCAT_ACTOR or $USER.
    #[arg(long, env = "VARCAT_ACTOR")]
    pub actor: Option<String>,
    /// With --record: the extract is synthetic (as the demo extracts in examples/extracts/
    /// are); its result is shown as a demonstration, never as the region's conformance.
    #[arg(long, requires = "record")]
    pub synthetic: bool,
    /// With --record: send the result (counts only, never a value) to the varcat server at
    /// this URL (`POST /api/efterlevnad`) instead of this data directory's database.
    #[arg(long, requires = "record")]
    pub server: Option<String>,
    /// With --server: the region's token (`varcat token create --role region --region ORGNR`).
    #[arg(long, env = "VARCAT_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

/// What `--record` stores, checked before the extract is read.
struct Recording {
    region: String,
    period: String,
}

fn recording(
    opts: &Opts,
    catalog: &crate::domain::Catalog,
) -> Result<Option<Recording>, super::Exit> {
    if !opts.record {
        return Ok(None);
    }
    let (Some(region), Some(p)) = (&opts.region, &opts.period) else {
        return Err(super::Exit::new(
            2,
            "--record needs --region ORGNR and --period YYYY-MM",
        ));
    };
    let region = submission::region(region, catalog)
        .map_err(|e| super::Exit::new(2, format!("--region: {e}")))?;
    let period = submission::period(p).ok_or_else(|| {
        super::Exit::new(2, format!("--period: {p:?} is not of the form YYYY-MM"))
    })?;
    if opts.server.is_some() && opts.token.is_none() {
        return Err(super::Exit::new(
            2,
            "--server needs the region's token: pass --token or set VARCAT_TOKEN (an \
             administrator creates one with `varcat token create --role region --region ORGNR`)",
        ));
    }
    Ok(Some(Recording { region, period }))
}

fn parse_separator(s: &str) -> Result<u8, String> {
    match s {
        ";" => Ok(b';'),
        "," => Ok(b','),
        "\t" | "tab" | "\\t" => Ok(b'\t'),
        "|" => Ok(b'|'),
        _ => Err("use ';', ',', 'tab' or '|'".to_owned()),
    }
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    run_checked(cli, opts).map_err(|e| match e.downcast::<super::Exit>() {
        Ok(exit) => exit.into(),
        // Whatever stops the check (no catalogue, an unreadable store) is unusable input.
        Err(e) => super::Exit::new(2, format!("{e:#}")).into(),
    })
}

fn run_checked(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    let ws = cli.open_read()?;
    let catalog = ws.store.load_catalog()?;
    let recording = recording(opts, &catalog)?;
    let versions = ws.store.versions()?;
    let earlier = |id: &Id| -> Vec<Codebook> {
        let key = ItemKey {
            kind: ItemKind::Codebook,
            id: id.to_string(),
        };
        let iri = ws.store.iris().item(&key);
        let Some(list) = versions.get(iri.as_str()) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (_, graph) in list {
            let Ok(node) = oxigraph::model::NamedNode::new(graph.as_str()) else {
                continue;
            };
            if let Ok(Some((_, cat))) = ws.store.load_version(&node) {
                out.extend(cat.codebooks.into_iter().map(|(_, b)| b));
            }
        }
        out
    };
    let options = Options {
        extract: &opts.extract,
        collection: &opts.collection,
        use_case: opts.use_case.as_deref(),
        map: opts.map.as_deref(),
        csv: CsvOptions {
            separator: opts.separator,
            encoding: opts.encoding,
        },
    };
    let report = crate::check::check(&catalog, &earlier, &options)
        .map_err(|e| super::Exit::new(2, e.message))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if opts.json {
        use std::io::Write;
        writeln!(out, "{}", serde_json::to_string_pretty(&report.to_json())?)?;
    } else {
        report.write_text(&mut out)?;
    }
    if let Some(rec) = recording {
        let what = format!(
            "{} {} {}{}",
            rec.region,
            report.collection,
            rec.period,
            if opts.synthetic { " (synthetic)" } else { "" }
        );
        if let (Some(url), Some(token)) = (&opts.server, &opts.token) {
            let mut body = report.to_json();
            body["region"] = rec.region.clone().into();
            body["period"] = rec.period.clone().into();
            body["synthetic"] = opts.synthetic.into();
            let id = super::remote::report_conformance(url, token, &body)
                .map_err(|e| super::Exit::new(2, format!("the result was not recorded: {e:#}")))?;
            eprintln!("varcat: sent the result for {what} to {url} (conformance run {id})");
        } else {
            let actor = opts
                .actor
                .clone()
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "unknown".into());
            let sub = submission::from_report(&report, &rec.region, &rec.period, opts.synthetic);
            let mut db = ws.db;
            let id = db
                .record_conformance(&sub.run(&actor, &crate::workspace::now()), &sub.results)
                .map_err(|e| super::Exit::new(2, format!("the result was not recorded: {e}")))?;
            eprintln!("varcat: recorded the result for {what} (conformance run {id})");
        }
    }
    if report.conformant() {
        Ok(())
    } else {
        Err(super::Exit::quiet(1).into())
    }
}
