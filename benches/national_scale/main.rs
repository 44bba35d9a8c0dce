//! National-scale benchmark (`make bench`): generates a synthetic catalogue of 20,000
//! variables, 500 codebooks and 200,000 codes as one xlsx workbook, then measures in the same
//! run, each against its floor:
//! - `varcat import` of the file into a fresh on-disk catalogue (and its peak memory) against
//!   calamine's raw read of every cell of the same file, and against oxigraph's bulk loader
//!   writing the same quads into an empty store (the store's own share of the import);
//! - the DCAT-AP-SE feed in RDF/XML against oxigraph dumping the same triples as RDF/XML, and
//!   against rdflib (the library behind CKAN's DCAT feed) serialising the same graph;
//! - a conditional GET of the feed that answers 304, through `varcat serve`;
//! - `varcat check` of a 1,000,000-row extract against the csv crate's read, and its peak
//!   memory at 100,000 and 1,000,000 rows (`check`); the conformance matrix of 21 regions ×
//!   100 variables × 12 periods, first render and kept under load (`matrix`);
//! - a 40,000-code system with a value set drawn from it: its import, and the variable,
//!   code-system and value-set pages rendered afresh (`code_system`; alone: `--code-system-only`);
//! - a catalogue of 1,000 datasets: `varcat validate` on both profiles, `validate --mqa` and the
//!   quality page, first render and kept (`quality`; alone, one run each: `--quality-only`).
//!
//! Results are appended to benches/RESULTS.md. With `--import-only` (after `--` on the cargo
//! command line) only the import part runs, and its report is printed, not recorded; with
//! `--conformance-only` only the check and matrix parts, printed, not recorded, and with
//! `--small` too at 1,000 and 10,000 rows and 2 s of load (to try the benchmark in a dev build:
//! `cargo build --benches`, then run `target/debug/deps/national_scale-*` with them).
//! With `--live-only` one import runs, then the page and live-catalogue parts, printed; with
//! `--small` too, on a catalogue of 2,000 variables and 50 codebooks (the same 1,000 writes),
//! for quick iteration in a dev build.
//! With `--remote-only` the remote SPARQL store against the embedded one (`remote`), printed;
//! with `--small` too on the small catalogue.
//! With `--generate-only` the workbook is written to target/bench/national.xlsx and nothing
//! runs (for profiling a server on national-scale data by hand).

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use calamine::{Reader, open_workbook_auto};

const VARIABLES: usize = 20_000;
const CODEBOOKS: usize = 500;
const CODES_PER_BOOK: usize = 400;
const RUNS: usize = 3;
/// The catalogue of `--live-only --small`.
const SMALL_VARIABLES: usize = 2_000;
const SMALL_CODEBOOKS: usize = 50;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let import_only = std::env::args().any(|a| a == "--import-only");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir)?;
    if std::env::args().any(|a| a == "--code-system-only") {
        print!("{}", code_system::measure(&dir)?);
        return Ok(());
    }
    if std::env::args().any(|a| a == "--quality-only") {
        print!("{}", quality::measure(&dir, 1)?);
        return Ok(());
    }
    if std::env::args().any(|a| a == "--conformance-only") {
        let small = std::env::args().any(|a| a == "--small");
        print!("{}", conformance(&dir, small)?);
        return Ok(());
    }
    let small = std::env::args().any(|a| a == "--small");
    let live_only_run = std::env::args().any(|a| a == "--live-only");
    let remote_only = std::env::args().any(|a| a == "--remote-only");
    let (variables, codebooks) = if small && (live_only_run || remote_only) {
        (SMALL_VARIABLES, SMALL_CODEBOOKS)
    } else {
        (VARIABLES, CODEBOOKS)
    };
    let xlsx = dir.join(if variables == VARIABLES {
        "national.xlsx"
    } else {
        "national-small.xlsx"
    });
    let t = Instant::now();
    workbook::generate(&xlsx, variables, codebooks)?;
    eprintln!("generated {} in {:.1?}", xlsx.display(), t.elapsed());
    if std::env::args().any(|a| a == "--generate-only") {
        return Ok(());
    }
    if live_only_run {
        return live_only(&xlsx, variables);
    }
    if remote_only {
        print!("{}", remote::measure(&xlsx, variables)?);
        return Ok(());
    }

    let mut raw = Vec::new();
    for _ in 0..RUNS {
        let t = Instant::now();
        let cells = raw_read(&xlsx)?;
        raw.push(t.elapsed());
        eprintln!(
            "calamine raw read: {cells} cells in {:.2?}",
            raw.last().copied().unwrap_or_default()
        );
    }
    let mut import = Vec::new();
    let mut peak_kib = 0;
    let mut kept = None;
    for _ in 0..RUNS {
        let data = tempfile::tempdir()?;
        varcat(data.path(), &["init"])?;
        let t = Instant::now();
        varcat(data.path(), &["import", xlsx.to_str().unwrap_or_default()])?;
        import.push(t.elapsed());
        peak_kib = peak_kib.max(children_max_rss_kib());
        eprintln!(
            "varcat import: {:.2?}",
            import.last().copied().unwrap_or_default()
        );
        kept = Some(data);
    }
    let data = kept.ok_or("no import ran")?;
    let quads = limit::written_quads(&data.path().join("data"))?;
    let quad_count = quads.len();
    let mut bulk = Vec::new();
    for _ in 0..RUNS {
        bulk.push(limit::bulk_load(quads.clone())?);
        eprintln!(
            "oxigraph bulk load of {quad_count} quads: {:.2?}",
            bulk.last().copied().unwrap_or_default()
        );
    }
    drop(quads);
    let (raw_min, imp_min, bulk_min) = (min(&raw), min(&import), min(&bulk));
    let ratio = imp_min.as_secs_f64() / raw_min.as_secs_f64();
    let import_report = format!(
        "\n## Import at national scale — {date}\n\n\
         Machine: {machine}. Build: release. {VARIABLES} variables, {CODEBOOKS} codebooks, {codes} codes \
         in one xlsx ({size:.1} MB).\n\n\
         | measure | min of {RUNS} | median |\n|---|---|---|\n\
         | calamine raw read of every cell | {raw_min:.2?} | {raw_med:.2?} |\n\
         | `varcat import` (plan + store + audit log) | {imp_min:.2?} | {imp_med:.2?} |\n\
         | oxigraph bulk loader: the {quad_count} quads the import wrote, into an empty store | {bulk_min:.2?} | {bulk_med:.2?} |\n\n\
         Import / raw read: **{ratio:.2}×** (goal ≤ 3×). Import / raw bulk load: **{bulk_ratio:.2}×** \
         (the store's own share of the import is at most 1 / that). \
         Peak RSS of `varcat import`: **{peak:.0} MB**.\n",
        date = chrono::Utc::now().format("%Y-%m-%d"),
        machine = machine(),
        codes = CODEBOOKS * CODES_PER_BOOK,
        size = std::fs::metadata(&xlsx)?.len() as f64 / 1e6,
        raw_med = median(&raw),
        imp_med = median(&import),
        bulk_med = median(&bulk),
        bulk_ratio = imp_min.as_secs_f64() / bulk_min.as_secs_f64(),
        peak = peak_kib as f64 / 1024.0,
    );
    if import_only {
        print!("{import_report}");
        return Ok(());
    }
    let feed_report = feed::measure(&data.path().join("data"), &dir)?;
    let search_report = server::search_latency(&data.path().join("data"))?;
    let server_report = server::measure(&data.path().join("data"), VARIABLES)?;
    let live_report = live::measure(&data.path().join("data"), VARIABLES)?;
    let conformance_report = conformance(&dir, false)?;
    let code_system_report = code_system::measure(&dir)?;
    let quality_report = quality::measure(&dir, RUNS)?;
    let remote_report = remote::measure(&xlsx, VARIABLES)?;
    let report = format!(
        "{import_report}\n{feed_report}\n{search_report}\n{server_report}{live_report}{conformance_report}{code_system_report}{quality_report}{remote_report}"
    );
    print!("{report}");
    let results = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/RESULTS.md");
    let mut text =
        std::fs::read_to_string(&results).unwrap_or_else(|_| "# Benchmark results\n".into());
    text.push_str(&report);
    std::fs::write(results, text)?;
    Ok(())
}

/// `--live-only`: one import, then the pages and the live catalogue (issue 11's goals), printed
/// with the machine and the date, not recorded.
fn live_only(xlsx: &Path, variables: usize) -> Result<(), Box<dyn std::error::Error>> {
    let data = tempfile::tempdir()?;
    varcat(data.path(), &["init"])?;
    varcat(data.path(), &["import", xlsx.to_str().unwrap_or_default()])?;
    let data_dir = data.path().join("data");
    let server_report = server::measure(&data_dir, variables)?;
    let live_report = live::measure(&data_dir, variables)?;
    print!(
        "\n## Pages and the live catalogue only (`--live-only`) — {}\n\nMachine: {}. Build: {}. {variables} variables.\n{server_report}{live_report}",
        chrono::Utc::now().format("%Y-%m-%d"),
        machine(),
        if cfg!(debug_assertions) {
            "dev profile"
        } else {
            "release"
        },
    );
    Ok(())
}

mod check;
mod code_system;
mod feed;
mod limit;
mod live;
mod matrix;
mod quality;
mod remote;
mod server;
mod workbook;

/// The executable specification's part: `varcat check` and the conformance matrix.
fn conformance(dir: &Path, small: bool) -> Result<String, Box<dyn std::error::Error>> {
    let (rows, runs, secs): (&[usize], usize, u32) = if small {
        (&[1_000, 10_000], 1, 2)
    } else {
        (&[100_000, 1_000_000], 3, 10)
    };
    let check = check::measure(dir, rows, runs)?;
    let matrix = matrix::measure(dir, secs)?;
    Ok(format!(
        "\n### The executable specification — {}{}\n{check}{matrix}",
        chrono::Utc::now().format("%Y-%m-%d"),
        if small {
            " (small sizes, a trial: not a measurement)"
        } else {
            ""
        }
    ))
}

fn varcat(data: &Path, args: &[&str]) -> Result<(), Box<dyn std::error::Error>> {
    let out = Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(data.join("data"))
        .args(args)
        .output()?;
    if !out.status.success() {
        return Err(format!("varcat {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(())
}

/// A fresh catalogue in a temporary directory with `content` (a folder or workbook) imported:
/// the starting point of the benchmarks that bring their own small catalogue.
fn catalogue_of(content: &Path) -> Result<tempfile::TempDir, Box<dyn std::error::Error>> {
    let data = tempfile::tempdir()?;
    varcat(data.path(), &["init"])?;
    varcat(
        data.path(),
        &["import", content.to_str().unwrap_or_default()],
    )?;
    Ok(data)
}

fn raw_read(path: &Path) -> Result<usize, Box<dyn std::error::Error>> {
    let mut wb = open_workbook_auto(path)?;
    let mut cells = 0;
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name)?;
        cells += range.used_cells().count();
    }
    Ok(cells)
}

/// The profile this benchmark (and so the `varcat` binary it runs) was built with.
fn build() -> &'static str {
    if cfg!(debug_assertions) {
        "dev build"
    } else {
        "release build"
    }
}

fn min(v: &[Duration]) -> Duration {
    v.iter().copied().min().unwrap_or_default()
}

fn median(v: &[Duration]) -> Duration {
    let mut s = v.to_vec();
    s.sort();
    s.get(s.len() / 2).copied().unwrap_or_default()
}

#[expect(
    unsafe_code,
    reason = "std has no safe way to read a child's peak RSS (getrusage)"
)]
fn children_max_rss_kib() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage only writes into the zeroed struct we own.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    if rc != 0 {
        return 0;
    }
    // SAFETY: getrusage succeeded, so the struct is initialised (it was zeroed before anyway).
    unsafe { usage.assume_init() }.ru_maxrss
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<u64>().ok())
        })
        .map(|k| format!("{:.0} GiB", k as f64 / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{cpu}, {cores} cores, {mem}")
}
