//! `varcat validate [--profile dcat-ap-se|healthdcat-ap] [FILE|URL]` (and `--mqa`, see `quality`): runs a real SHACL engine
//! (pyshacl, from the virtualenv `.ci/python-deps` creates) over the official shapes vendored in
//! `schemas/shacl/official/` plus our own DCAT-AP-SE shapes, on this catalogue's feed or on a
//! given file or URL, and prints each violation as: which item, which property, what is wrong and
//! how to fix it. Exit code 1 when anything is violated.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use oxigraph::io::RdfFormat;

use crate::feed::{FeedQuery, FeedSettings, Profile};
use crate::workspace::Workspace;

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Which application profile to check against.
    #[arg(long, value_enum, default_value = "dcat-ap-se")]
    pub profile: Profile,
    /// A feed file (.rdf, .ttl, .jsonld, .nt) or an http(s) URL; this catalogue's feed when left out.
    pub input: Option<String>,
    /// Print the engine's JSON report instead of text (with --mqa: the assessment as JSON).
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
    let modified = ws.store.modified()?;
    let quality = match profile {
        Profile::HealthDcatAp => Some(crate::feed::Quality::new(
            ws.db.conformance_latest_id()?,
            &ws.db.conformance_all()?,
        )),
        Profile::DcatApSe => None,
    };
    let quads = crate::feed::from_store_with(
        &ws.store,
        &modified,
        settings,
        profile,
        &FeedQuery::default(),
        quality.as_ref(),
    )?;
    Ok(crate::feed::serialize(&quads, format)?)
}

/// Where `schemas/shacl/` is: $VARCAT_HOME, the working directory, or the clone the binary
/// was built in.
fn home() -> anyhow::Result<PathBuf> {
    let candidates = std::env::var_os("VARCAT_HOME")
        .map(PathBuf::from)
        .into_iter()
        .chain(std::env::current_dir().ok())
        .chain(Some(PathBuf::from(env!("CARGO_MANIFEST_DIR"))));
    for c in candidates {
        if c.join("schemas/shacl/validate.py").is_file() {
            return Ok(c);
        }
    }
    bail!("cannot find schemas/shacl/validate.py; run varcat from its clone or set VARCAT_HOME")
}

/// The shape files of a profile, relative to the clone.
pub fn shapes(profile: Profile) -> (&'static [&'static str], bool) {
    match profile {
        Profile::DcatApSe => (
            &[
                "schemas/shacl/dcat-ap-se.shacl.ttl",
                "schemas/shacl/official/dcat-ap-3.0.1/dcat-ap-SHACL.ttl",
                "schemas/shacl/dcat-ap-3.0.1-fix-dangling.ttl",
                "schemas/shacl/dcat-ap-3.0.1-se-deviations.ttl",
            ],
            false,
        ),
        Profile::HealthDcatAp => (
            &[
                "schemas/shacl/official/healthdcat-ap-r8/graph-guard.ttl",
                "schemas/shacl/official/dcat-ap-3.0.1/html-deprecateduris.ttl",
                "schemas/shacl/official/dcat-ap-3.0.1/html-range.ttl",
                "schemas/shacl/official/healthdcat-ap-r8/range.ttl",
                "schemas/shacl/official/dcat-ap-3.0.1/html-shapes.ttl",
                "schemas/shacl/official/healthdcat-ap-r8/restricted-shapes.ttl",
                "schemas/shacl/official/healthdcat-ap-r8/mdr-vocabularies.shape.ttl",
                "schemas/shacl/official/dcat-ap-3.0.1/html-shapes_recommended.ttl",
                "schemas/shacl/official/healthdcat-ap-r8/restricted-shapes_recommended.ttl",
            ],
            true,
        ),
    }
}

/// One engine run: its JSON report.
pub fn run_engine(profile: Profile, data: &str) -> anyhow::Result<serde_json::Value> {
    let home = home()?;
    let python = std::env::var_os("VARCAT_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".venv/bin/python"));
    if !python.exists() {
        bail!(
            "the SHACL engine (pyshacl) is not installed: run .ci/python-deps in {} (it creates .venv)",
            home.display()
        );
    }
    let (files, fix_pathless) = shapes(profile);
    let mut cmd = Command::new(&python);
    cmd.arg(home.join("schemas/shacl/validate.py"));
    for f in files {
        cmd.arg("--shapes").arg(home.join(f));
    }
    if fix_pathless {
        cmd.arg("--fix-pathless");
    }
    cmd.arg(data);
    let out = cmd
        .output()
        .with_context(|| format!("running {}", python.display()))?;
    match out.status.code() {
        Some(0 | 1) => {
            Ok(serde_json::from_slice(&out.stdout).context("reading the engine's report")?)
        }
        _ => bail!(
            "the SHACL engine could not run: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ),
    }
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    if opts.mqa {
        return super::quality::run(cli, opts);
    }
    let data = match &opts.input {
        Some(i) if i.starts_with("http://") || i.starts_with("https://") => i.clone(),
        Some(i) => {
            if !Path::new(i).is_file() {
                bail!("{i} is not a file");
            }
            std::fs::canonicalize(i)?.display().to_string()
        }
        None => {
            let mut ws = cli.open_read()?;
            let body = feed_bytes(
                &mut ws,
                &opts.feed.settings()?,
                opts.profile,
                RdfFormat::RdfXml,
            )?;
            tempfile_in(&cli.data_dir, &body)?.display().to_string()
        }
    };
    let report = run_engine(opts.profile, &data)?;
    if opts.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    let results = report["results"].as_array().cloned().unwrap_or_default();
    let violations: Vec<_> = results
        .iter()
        .filter(|r| r["severity"] == "Violation")
        .collect();
    let warnings = results.len() - violations.len();
    if !opts.json {
        for r in &results {
            let sign = if r["severity"] == "Violation" {
                "✗"
            } else {
                "!"
            };
            println!("{sign} {}", r["focus"].as_str().unwrap_or("?"));
            if let Some(p) = r["path"].as_str() {
                print!("    property: {p}");
                if let Some(v) = r["value"].as_str() {
                    print!("   value: {v}");
                }
                println!();
            }
            println!("    {}", r["message"].as_str().unwrap_or(""));
        }
    }
    if opts.input.is_none() {
        let _ = std::fs::remove_file(&data);
    }
    if violations.is_empty() {
        eprintln!(
            "varcat: conforms to {:?} ({warnings} warnings)",
            opts.profile
        );
        Ok(())
    } else {
        bail!(
            "{} violations and {warnings} warnings against {:?}",
            violations.len(),
            opts.profile
        )
    }
}

/// Writes the feed beside the data so the engine can read it.
pub fn tempfile_in(dir: &Path, body: &[u8]) -> anyhow::Result<PathBuf> {
    let path = dir.join(format!("feed-{}.rdf", std::process::id()));
    std::fs::write(&path, body).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}
