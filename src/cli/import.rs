//! `varcat import FILE|DIR [--dry-run] [--prune]`: plans the import, prints what changes (or
//! every problem, with sheet, row and column), and applies it all-or-nothing.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::bail;
use indicatif::{ProgressBar, ProgressStyle};

use crate::domain::ItemKey;
use crate::import::{self, Options};
use crate::workspace::{RunInfo, now};

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// An .xlsx/.ods workbook, a .csv file, a folder of CSV files (and .ttl/.rdf code systems),
    /// or a .ttl/.rdf SKOS file.
    pub path: PathBuf,
    /// Print what would be added, changed and removed; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Also remove items of the kinds the input holds that the input does not list.
    #[arg(long)]
    pub prune: bool,
    /// Who is importing (recorded in the import log); defaults to $VARCAT_ACTOR or $USER.
    #[arg(long, env = "VARCAT_ACTOR")]
    pub actor: Option<String>,
    /// List every item changed, not only the first 20 of each kind of change.
    #[arg(long, short)]
    pub verbose: bool,
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    if !opts.path.exists() {
        bail!("{} does not exist", opts.path.display());
    }
    let started_at = now();
    let t = Instant::now();
    let mut ws = cli.open()?;
    let current = ws.store.load_catalog()?;
    tracing::debug!(elapsed = ?t.elapsed(), "import: catalogue read from the store");
    let info = RunInfo {
        actor: opts
            .actor
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_else(|| "unknown".into()),
        source: opts.path.display().to_string(),
        started_at,
    };
    // A dry run leaves no trace; a real run is recorded from its start, so that an import
    // that is killed still leaves its run (marked interrupted when the data is next opened).
    let run_id = if opts.dry_run {
        None
    } else {
        Some(ws.start_run(&info)?)
    };
    let t = Instant::now();
    let plan = match import::plan(&opts.path, &current, Options { prune: opts.prune }) {
        Ok(p) => p,
        Err(rejected) => {
            for p in &rejected.problems {
                eprintln!("{p}");
            }
            if let Some(id) = run_id {
                ws.record_rejected(id, &rejected)?;
            }
            bail!(
                "{} problem{} in {}; nothing was imported",
                rejected.problems.len(),
                if rejected.problems.len() == 1 {
                    ""
                } else {
                    "s"
                },
                opts.path.display()
            );
        }
    };
    tracing::debug!(elapsed = ?t.elapsed(), "import: planned");
    let limit = if opts.verbose || opts.dry_run {
        usize::MAX
    } else {
        20
    };
    print_changes("+", "add", &plan.added, limit);
    print_changes("~", "change", &plan.changed, limit);
    print_changes("-", "remove", &plan.removed, limit);
    let (a, c, r) = (plan.added.len(), plan.changed.len(), plan.removed.len());
    let Some(run_id) = run_id else {
        println!("dry run: would add {a}, change {c}, remove {r}; nothing was written");
        return Ok(());
    };
    let total = u64::try_from(a + c + r).unwrap_or(u64::MAX);
    let bar = if std::io::stderr().is_terminal() && total > 200 {
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message("writing");
        bar
    } else {
        ProgressBar::hidden()
    };
    let t = Instant::now();
    ws.apply(run_id, &current, &plan, &info, &|| bar.inc(1))?;
    tracing::debug!(elapsed = ?t.elapsed(), "import: applied");
    bar.finish_and_clear();
    if plan.is_noop() {
        println!(
            "nothing changed: the catalogue already holds {} (import run {run_id})",
            opts.path.display()
        );
    } else {
        println!(
            "imported {}: {a} added, {c} changed, {r} removed (import run {run_id})",
            opts.path.display()
        );
    }
    Ok(())
}

fn print_changes(sign: &str, verb: &str, keys: &[ItemKey], limit: usize) {
    for k in keys.iter().take(limit) {
        println!("{sign} {k}");
    }
    if keys.len() > limit {
        println!(
            "{sign} … and {} more to {verb} (--verbose lists all)",
            keys.len() - limit
        );
    }
}
