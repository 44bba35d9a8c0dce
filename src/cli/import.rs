//! `varcat import FILE|DIR [--dry-run] [--prune]`: plans the import, prints what changes (or
//! every problem, with sheet, row and column), and applies it all-or-nothing — itself, or
//! through the running server that holds the data directory (or `--server URL`).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::bail;
use indicatif::{ProgressBar, ProgressStyle};

use crate::import::{self, Options};
use crate::web::writer::{ImportOutcome, ProblemOut};
use crate::workspace::{RunInfo, now};

use super::remote;

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
    /// List every item changed, field by field, not only the first 20 of each kind of change.
    #[arg(long, short)]
    pub verbose: bool,
    /// Import into the varcat server at this URL (https://…) instead of this data directory.
    /// Without it, an import into a data directory that a running `varcat serve` holds goes
    /// through that server.
    #[arg(long, env = "VARCAT_SERVER")]
    pub server: Option<String>,
    /// An editor's token for the server (`varcat token create`); not needed for the server
    /// that holds this data directory, which leaves its owner a token of its own.
    #[arg(long, env = "VARCAT_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    if !opts.path.exists() {
        bail!("{} does not exist", opts.path.display());
    }
    let actor = opts
        .actor
        .clone()
        .or_else(|| std::env::var("USER").ok())
        .unwrap_or_else(|| "unknown".into());
    let data_dir = cli.data_dir();
    if opts.server.is_some() {
        let server = remote::choose(
            opts.server.as_deref(),
            opts.token.as_deref(),
            data_dir.path(),
        )?;
        return through(server, opts, &actor);
    }
    match cli.open() {
        Ok(ws) => local(ws, opts, actor),
        // The store is held by a running server: the import goes through it.
        Err(e) if super::held_by_server(&e) => {
            let server = remote::choose(None, opts.token.as_deref(), data_dir.path())?;
            if server.is_none() {
                return Err(e);
            }
            through(server, opts, &actor)
        }
        Err(e) => Err(e),
    }
}

fn through(server: Option<remote::Server>, opts: &Opts, actor: &str) -> anyhow::Result<()> {
    let Some(server) = server else {
        bail!("no server to import into");
    };
    eprintln!("varcat: importing through the server at {}", server.url);
    let outcome = remote::import(&server, &opts.path, opts.dry_run, opts.prune, actor)?;
    report(&outcome, opts)
}

fn local(mut ws: crate::workspace::Workspace, opts: &Opts, actor: String) -> anyhow::Result<()> {
    let started_at = now();
    let t = Instant::now();
    let current = ws.store.load_catalog()?;
    tracing::debug!(elapsed = ?t.elapsed(), "import: catalogue read from the store");
    let info = RunInfo {
        actor,
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
    let plan = match import::plan(
        &opts.path,
        &current,
        Options {
            prune: opts.prune,
            // A local import acts as the operator: a registrar at every authority.
            registrar: crate::import::Registrar::Operator,
        },
    ) {
        Ok(p) => p,
        Err(rejected) => {
            if let Some(id) = run_id {
                ws.record_rejected(id, &rejected)?;
            }
            let outcome = ImportOutcome {
                outcome: "rejected".into(),
                run_id,
                added: 0,
                changed: 0,
                removed: 0,
                items: Vec::new(),
                problems: rejected.problems.iter().map(ProblemOut::from).collect(),
                revision: 0,
            };
            return report(&outcome, opts);
        }
    };
    tracing::debug!(elapsed = ?t.elapsed(), "import: planned");
    let mut outcome = ImportOutcome {
        outcome: "dry-run".into(),
        run_id,
        added: plan.added.len(),
        changed: plan.changed.len(),
        removed: plan.removed.len(),
        items: crate::diff::preview(&current, &plan),
        problems: Vec::new(),
        revision: 0,
    };
    let Some(run_id) = run_id else {
        return report(&outcome, opts);
    };
    let total =
        u64::try_from(outcome.added + outcome.changed + outcome.removed).unwrap_or(u64::MAX);
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
    outcome.outcome = if plan.is_noop() {
        "unchanged"
    } else {
        "applied"
    }
    .into();
    report(&outcome, opts)
}

/// The most problems printed for one column (or one sheet or file) without `--verbose`.
const PROBLEMS_PER_COLUMN: usize = 20;

/// The problems of a refused import as printed: all with `all`, else the first
/// `PROBLEMS_PER_COLUMN` of each column, then a line for each column saying how many more.
fn problem_lines(problems: &[ProblemOut], all: bool) -> Vec<String> {
    let limit = if all { usize::MAX } else { PROBLEMS_PER_COLUMN };
    let mut counts: Vec<((&str, Option<&str>, Option<&str>), usize)> = Vec::new();
    let mut index: std::collections::HashMap<(&str, Option<&str>), usize> =
        std::collections::HashMap::new();
    let mut lines = Vec::new();
    for p in problems {
        let key = (p.place.as_str(), p.column.as_deref());
        let i = *index.entry(key).or_insert_with(|| {
            counts.push(((key.0, key.1, p.heading.as_deref()), 0));
            counts.len() - 1
        });
        counts[i].1 += 1;
        if counts[i].1 <= limit {
            lines.push(p.text.clone());
        }
    }
    for ((place, column, heading), n) in counts {
        if n <= limit {
            continue;
        }
        let more = n - limit;
        let whose = match (column, heading) {
            (Some(c), Some(h)) => format!("column {c} ({h}) of {place}"),
            (Some(c), None) => format!("column {c} of {place}"),
            _ => place.to_owned(),
        };
        lines.push(format!(
            "… and {more} more problem{} in {whose} (--verbose lists all)",
            if more == 1 { "" } else { "s" }
        ));
    }
    lines
}

/// Prints what an import did (or would do, or why it was refused), the same whether the
/// command line did it or a server: the changed items (field by field in a dry run and with
/// `--verbose`), then one summary line; every problem on stderr and an error.
fn report(outcome: &ImportOutcome, opts: &Opts) -> anyhow::Result<()> {
    let path = opts.path.display();
    if outcome.outcome == "rejected" {
        for line in problem_lines(&outcome.problems, opts.verbose) {
            eprintln!("{line}");
        }
        let n = outcome.problems.len();
        bail!(
            "{n} problem{} in {path}; nothing was imported",
            if n == 1 { "" } else { "s" }
        );
    }
    let all = opts.verbose || opts.dry_run;
    let limit = if all { usize::MAX } else { 20 };
    for (sign, verb) in [("+", "add"), ("~", "change"), ("-", "remove")] {
        let items: Vec<_> = outcome.items.iter().filter(|i| i.sign == sign).collect();
        for i in items.iter().take(limit) {
            println!("{sign} {}", i.item);
            if all {
                for f in &i.fields {
                    println!("    {f}");
                }
            }
        }
        if items.len() > limit {
            println!(
                "{sign} … and {} more to {verb} (--verbose lists all)",
                items.len() - limit
            );
        }
    }
    let (a, c, r) = (outcome.added, outcome.changed, outcome.removed);
    let run = outcome.run_id.unwrap_or_default();
    match outcome.outcome.as_str() {
        "dry-run" => {
            println!("dry run: would add {a}, change {c}, remove {r}; nothing was written")
        }
        "unchanged" => {
            println!("nothing changed: the catalogue already holds {path} (import run {run})")
        }
        _ => println!("imported {path}: {a} added, {c} changed, {r} removed (import run {run})"),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(place: &str, row: usize, column: &str) -> ProblemOut {
        ProblemOut {
            text: format!("{place}!{row}:{column}: Namn: is required"),
            place: place.into(),
            row: Some(row),
            column: Some(column.into()),
            heading: Some("Namn".into()),
            message: "is required".into(),
        }
    }

    #[test]
    fn long_problem_lists_show_the_first_of_each_column_and_count_the_rest() {
        let mut problems: Vec<ProblemOut> =
            (2..100_002).map(|r| problem("variabler", r, "B")).collect();
        problems.push(problem("variabler", 7, "C"));
        let lines = problem_lines(&problems, false);
        assert_eq!(lines.len(), PROBLEMS_PER_COLUMN + 2, "{lines:?}");
        assert_eq!(lines[0], "variabler!2:B: Namn: is required");
        assert_eq!(
            lines[PROBLEMS_PER_COLUMN],
            "variabler!7:C: Namn: is required"
        );
        assert_eq!(
            lines[PROBLEMS_PER_COLUMN + 1],
            "… and 99980 more problems in column B (Namn) of variabler (--verbose lists all)"
        );
        assert_eq!(problem_lines(&problems, true).len(), 100_001);
    }
}
