//! The conformance matrix at national scale, against `varcat serve` in the same run: 21
//! regions × a collection of 100 variables × 12 periods of recorded results (built here, each
//! run recorded as `varcat check --record` records it), the page's first render, the page kept
//! under load (wrk) against a static file from the same server.

use std::path::Path;
use std::time::{Duration, Instant};

use varcat::db::{ConformanceResult, Db, NewConformanceRun};

use super::server;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const COLLECTION: &str = "bench-matris";
const REGIONS: usize = 21;
const VARIABLES: usize = 100;
const PERIODS: usize = 12;

/// 21 distinct organisationsnummer with a valid check digit, as the import requires.
fn regions() -> Vec<String> {
    (0..REGIONS)
        .filter_map(|i| {
            let nine = format!("232100{:03}", 1 + i);
            let check = varcat::domain::orgnr_check_digit(&nine)?;
            Some(format!("{}-{}{check}", &nine[..6], &nine[6..]))
        })
        .collect()
}

fn catalogue(dir: &Path, orgs: &[String]) -> Res<()> {
    std::fs::create_dir_all(dir)?;
    let mut o = String::from("Organisationsnummer,Namn,Namn (en),Typ\n");
    for (i, org) in orgs.iter().enumerate() {
        o.push_str(&format!("{org},Region {i},Region {i},RegionalAuthority\n"));
    }
    std::fs::write(dir.join("organisationer.csv"), o)?;
    std::fs::write(
        dir.join("datainsamlingar.csv"),
        format!(
            "Identifierare,Titel,Beskrivning,Utgivare,Kontakt e-post,Åtkomst,Frekvens\n\
             {COLLECTION},Syntetisk datainsamling,Syntetisk datainsamling för mätning av \
             efterlevnadsmatrisen.,{},data@example.se,begränsad,månadsvis\n",
            orgs[0]
        ),
    )?;
    let mut v = String::from(
        "Identifierare,Kortnamn,Namn,Definition,Datatyp,Obligatorisk,Ägare,Datainsamlingar,Status\n",
    );
    for i in 0..VARIABLES {
        v.push_str(&format!(
            "m-variabel-{i},MVAR{i},Variabel {i},Syntetisk variabel.,heltal,Ja,{},{COLLECTION},standard\n",
            orgs[0]
        ));
    }
    std::fs::write(dir.join("variabler.csv"), v)?;
    Ok(())
}

/// Records 21 × 12 runs of 100 variables each, 1,000 rows a run.
fn record(data: &Path, orgs: &[String]) -> Res<()> {
    let mut db = Db::open_in(&varcat::config::DataDir::new(data))?;
    for (r, org) in orgs.iter().enumerate() {
        for p in 0..PERIODS {
            let mut results = Vec::new();
            let mut failing_rows = 0;
            for v in 0..VARIABLES {
                let failing = ((r * 7 + v * 3 + p) % 60) as i64;
                failing_rows = failing_rows.max(failing);
                let row = |rule: &str| ConformanceResult {
                    variable: format!("m-variabel-{v}"),
                    column_name: Some(format!("MVAR{v}")),
                    rule: rule.to_owned(),
                    checked: 1000,
                    failing,
                };
                results.push(row("any"));
                if failing > 0 {
                    results.push(row("range"));
                }
            }
            let run = NewConformanceRun {
                recorded_at: format!("2026-01-{:02}T10:00:00Z", 1 + p),
                actor: "bench".into(),
                region: org.clone(),
                collection: COLLECTION.into(),
                use_case: None,
                period: format!("2025-{:02}", 1 + p),
                row_count: 1000,
                failing_rows,
                unknown_columns: 0,
                conformant: failing_rows == 0,
                synthetic: false,
            };
            db.record_conformance(&run, &results)?;
        }
    }
    Ok(())
}

/// The size of the body of a GET of `path`, in bytes.
fn body_size(addr: &str, path: &str) -> Res<usize> {
    let r = server::get(addr, path, None)?;
    Ok(r.split_once("\r\n\r\n").map_or(0, |(_, body)| body.len()))
}

/// `wrk_secs`: how long each load run lasts (10 in `make bench`).
pub fn measure(dir: &Path, wrk_secs: u32) -> Res<String> {
    let orgs = regions();
    let content = dir.join("matrix-catalogue");
    catalogue(&content, &orgs)?;
    let data = super::catalogue_of(&content)?;
    let data_dir = data.path().join("data");
    let t = Instant::now();
    record(&data_dir, &orgs)?;
    let recording = t.elapsed();
    let (srv, _) = server::start(&data_dir)?;
    let addr = srv.bind.clone();
    let page = format!("/efterlevnad?datainsamling={COLLECTION}");
    let english = format!("/en/efterlevnad?datainsamling={COLLECTION}");
    let first = server::timed_get(&addr, &page)?.0;
    let first_en = server::timed_get(&addr, &english)?.0;
    let mut kept = Duration::ZERO;
    for _ in 0..100 {
        kept += server::timed_get(&addr, &page)?.0;
    }
    let kept = kept / 100;
    let mut out = format!(
        "\nThe conformance matrix ({REGIONS} regions × {VARIABLES} variables × {PERIODS} periods: \
         {runs} recorded runs, {counts} counts, recorded in {recording:.1?}), through `varcat serve`:\n\n\
         | request | time |\n|---|---|\n\
         | first render of {page} | **{first:.2?}** (goal ≤ 50 ms) |\n\
         | first render of the English page | {first_en:.2?} |\n\
         | the page again (kept), mean of 100 sequential requests | {kept:.2?} |\n\n",
        runs = REGIONS * PERIODS,
        counts = REGIONS * PERIODS * VARIABLES * 2,
    );
    match std::process::Command::new("wrk").arg("--version").output() {
        Err(_) => {
            out.push_str("wrk is not installed (`make bench` installs it): no load figures.\n")
        }
        Ok(_) => {
            let (static_rps, static_p99) =
                server::wrk(&addr, "/static/varcat.css", None, wrk_secs)?;
            let (rps, p99) = server::wrk(&addr, &page, None, wrk_secs)?;
            let (css, body) = (
                body_size(&addr, "/static/varcat.css")?,
                body_size(&addr, &page)?,
            );
            out.push_str(&format!(
                "| under load: wrk, 2 threads, 64 connections, {wrk_secs} s | requests/s | p99 | vs static |\n\
                 |---|---|---|---|\n\
                 | static file /static/varcat.css | {static_rps:.0} | {static_p99} | 100 % |\n\
                 | the matrix page (kept) | {rps:.0} | {p99} | **{:.0} %** |\n\n\
                 Goal: the kept page ≥ 50 % of the static file. Bodies: the page {page_kb:.0} kB, \
                 the static file {css_kb:.1} kB ({times:.0}×); bodies served: {page_mb:.0} MB/s \
                 against {css_mb:.0} MB/s.\n",
                100.0 * rps / static_rps,
                page_kb = body as f64 / 1e3,
                css_kb = css as f64 / 1e3,
                times = body as f64 / css.max(1) as f64,
                page_mb = rps * body as f64 / 1e6,
                css_mb = static_rps * css as f64 / 1e6,
            ));
        }
    }
    Ok(out)
}
