//! `varcat check EXTRACT --collection ID`: checks a region's extract against the collection's
//! specification (see `crate::check`). Exit code 0 when it conforms, 1 on violations, 2 when
//! the extract cannot be checked.

use std::path::PathBuf;

use crate::check::{CsvOptions, Encoding, Options};
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
}

/// A period `YYYY-MM`.
fn period(s: &str) -> Option<String> {
    let (y, m) = s.trim().split_once('-')?;
    let month: u32 = m.parse().ok()?;
    let ok = y.len() == 4
        && y.bytes().all(|b| b.is_ascii_digit())
        && m.len() == 2
        && (1..=12).contains(&month);
    ok.then(|| format!("{y}-{m}"))
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
    let org = crate::domain::OrgNr::parse(region)
        .map_err(|e| super::Exit::new(2, format!("--region: {e}")))?;
    if !catalog.organisations.contains_key(&org) {
        return Err(super::Exit::new(
            2,
            format!("--region: no organisation {org} in the catalogue"),
        ));
    }
    let period = period(p).ok_or_else(|| {
        super::Exit::new(2, format!("--period: {p:?} is not of the form YYYY-MM"))
    })?;
    Ok(Some(Recording {
        region: org.to_string(),
        period,
    }))
}

/// The report's counts as rows of the operational database.
fn results(report: &crate::check::Report) -> Vec<crate::db::ConformanceResult> {
    let n = |x: u64| i64::try_from(x).unwrap_or(i64::MAX);
    let mut out = Vec::new();
    for v in &report.variables {
        let row = |rule: &str, failing: u64| crate::db::ConformanceResult {
            variable: v.id.clone(),
            column_name: Some(v.column.clone()),
            rule: rule.to_owned(),
            checked: n(v.checked),
            failing: n(failing),
        };
        out.push(row("any", v.failed.count));
        for (rule, f) in &v.rules {
            out.push(row(rule.name(), f.count));
        }
        if v.conditional_empty.count > 0 {
            out.push(row("conditional_empty", v.conditional_empty.count));
        }
    }
    for m in &report.missing {
        out.push(crate::db::ConformanceResult {
            variable: m.id.clone(),
            column_name: None,
            rule: if m.required {
                "missing_required"
            } else {
                "missing"
            }
            .to_owned(),
            checked: 0,
            failing: 0,
        });
    }
    out
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
                out.extend(cat.codebooks.into_values());
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
        let n = |x: u64| i64::try_from(x).unwrap_or(i64::MAX);
        let run = crate::db::NewConformanceRun {
            recorded_at: crate::workspace::now(),
            actor: opts
                .actor
                .clone()
                .or_else(|| std::env::var("USER").ok())
                .unwrap_or_else(|| "unknown".into()),
            region: rec.region.clone(),
            collection: report.collection.clone(),
            use_case: report.use_case.clone(),
            period: rec.period.clone(),
            row_count: n(report.rows),
            failing_rows: n(report.failing_rows),
            unknown_columns: i32::try_from(report.unknown_columns.len()).unwrap_or(i32::MAX),
            conformant: report.conformant(),
        };
        let mut db = ws.db;
        let id = db
            .record_conformance(&run, &results(&report))
            .map_err(|e| super::Exit::new(2, format!("the result was not recorded: {e}")))?;
        eprintln!(
            "varcat: recorded the result for {} {} {} (conformance run {id})",
            rec.region, report.collection, rec.period
        );
    }
    if report.conformant() {
        Ok(())
    } else {
        Err(super::Exit::quiet(1).into())
    }
}
