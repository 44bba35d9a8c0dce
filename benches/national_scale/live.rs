//! The live catalogue at national scale, against `varcat serve` on the same data in the same
//! run: restart to the first answer with the snapshot kept against a full read; one API PUT
//! to visible on its page, in search and in the feed (p95 over 100 writes); memory after
//! 1,000 writes against after the first; an owner's sheet of 50 variables imported through
//! the running server while a reader loops over pages and the feed (errors, p99).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::server::{self, Server, rss_mb};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn body(r: &mut ureq::http::Response<ureq::Body>) -> String {
    r.body_mut()
        .with_config()
        .limit(u64::MAX)
        .read_to_string()
        .unwrap_or_default()
}

/// Stops the server as an operator does (SIGTERM), so that it keeps its snapshot.
fn stop(mut s: Server) -> Res<()> {
    Command::new("kill")
        .args(["-TERM", &s.child.id().to_string()])
        .status()?;
    s.child.wait()?;
    Ok(())
}

/// The resident memory of a process by kind (`RssAnon`: the heap; `RssFile`: mapped files,
/// such as the search index and RocksDB's tables), for reading where growth comes from.
fn rss_parts(pid: u32) -> String {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    ["RssAnon:", "RssFile:"]
        .iter()
        .map(|key| {
            let kb = status
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
                .unwrap_or(0.0);
            format!("{} {:.0} MB", key.trim_end_matches(':'), kb / 1024.0)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn percentile(times: &mut [Duration], q: f64) -> Duration {
    times.sort();
    times[((times.len() as f64 * q) as usize).min(times.len() - 1)]
}

fn varcat(data: &Path, args: &[&str]) -> Res<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()?;
    if !out.status.success() {
        return Err(format!("varcat {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// An owner's sheet: 25 changed variables and 25 new ones, with inline value sets.
fn owner_sheet(path: &Path, variables: usize) -> Res<()> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("variabler")?;
    let head = [
        "Identifierare",
        "Namn",
        "Definition",
        "Datatyp",
        "Värdemängd",
        "Datainsamlingar",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string(0, c as u16, *h)?;
    }
    for i in 0..50u32 {
        let id = if i < 25 {
            format!("variabel-{}", i as usize * 400 * variables / 20_000)
        } else {
            format!("ny-variabel-{i}")
        };
        let row = [
            id,
            format!("Ägarens variabel {i}"),
            format!("Definition enligt ägarens blad, rad {i}."),
            "kod".into(),
            "1=Ja;2=Nej;9=Okänt".into(),
            "insamling-3".into(),
        ];
        for (c, v) in row.iter().enumerate() {
            ws.write_string(i + 1, c as u16, v)?;
        }
    }
    wb.save(path)?;
    Ok(())
}

pub fn measure(data: &Path, variables: usize) -> Res<String> {
    let token = varcat(
        data,
        &[
            "token",
            "create",
            "--name",
            "bench-live",
            "--role",
            "editor",
        ],
    )?
    .trim()
    .to_owned();
    // Restart: a full read (nothing kept) against the snapshot kept by the last server.
    let _ = std::fs::remove_dir_all(data.join("search"));
    let (s, full) = server::start(data)?;
    stop(s)?;
    let (s, kept) = server::start(data)?;
    let addr = format!("http://{}", s.bind);
    let a = agent();

    // API writes: PUT one variable, then read until page, search and feed show it.
    let feed_etag = |a: &ureq::Agent| -> Res<String> {
        let r = a.get(&format!("{addr}/datasets/dcat")).call()?;
        Ok(r.headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned())
    };
    // A server in use has served reads before its first write: pages, the feed, a search
    // (their caches and the index pages they touch are in memory before the first figure).
    for path in [
        "/variabel/variabel-5",
        "/datasets/dcat",
        "/sok?q=variabel+17",
        "/",
    ] {
        let _ = body(
            &mut a
                .get(&format!("{addr}{path}"))
                .header("Accept", "text/html")
                .call()?,
        );
    }
    let mut visible = Vec::new();
    let mut rss_first = 0.0;
    let mut rss_100 = 0.0;
    let writes = 1000;
    for i in 0..writes {
        let id = format!("variabel-{}", (i * 37) % variables);
        // Read as the editor who writes: the ETag is of what that viewer sees.
        let mut r = a
            .get(&format!("{addr}/api/variabler/{id}"))
            .header("Authorization", &format!("Bearer {token}"))
            .call()?;
        let etag = r
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let mut item: serde_json::Value = serde_json::from_str(&body(&mut r))?;
        let mark = format!("matt{i}x");
        item["definition"] = format!("Ändrad i mätningen {mark}.").into();
        let measured = i < 100;
        let before = if measured {
            feed_etag(&a)?
        } else {
            String::new()
        };
        let t = Instant::now();
        let mut resp = a
            .put(&format!("{addr}/api/variabler/{id}"))
            .header("Authorization", &format!("Bearer {token}"))
            .header("If-Match", &etag)
            .header("Content-Type", "application/json")
            .send(item.to_string().as_bytes())?;
        if resp.status().as_u16() != 200 {
            return Err(format!("PUT {id}: {} {}", resp.status(), body(&mut resp)).into());
        }
        if measured {
            loop {
                let page = body(
                    &mut a
                        .get(&format!("{addr}/variabel/{id}"))
                        .header("Accept", "text/html")
                        .call()?,
                );
                let hits = body(
                    &mut a
                        .get(&format!("{addr}/sok?q={mark}"))
                        .header("Accept", "text/html")
                        .call()?,
                );
                if page.contains(&mark)
                    && hits.contains(&format!("/variabel/{id}\""))
                    && feed_etag(&a)? != before
                {
                    break;
                }
                if t.elapsed() > Duration::from_secs(30) {
                    return Err(format!("write {i} not visible after 30 s").into());
                }
            }
            visible.push(t.elapsed());
        }
        if i == 0 {
            rss_first = rss_mb(s.child.id()).0;
        }
        if i == 99 {
            rss_100 = rss_mb(s.child.id()).0;
        }
        if i % 100 == 99 {
            eprintln!(
                "after {} writes: RSS {:.0} MB ({})",
                i + 1,
                rss_mb(s.child.id()).0,
                rss_parts(s.child.id())
            );
        }
    }
    let rss_last = rss_mb(s.child.id()).0;
    let (p50, p95) = (
        percentile(&mut visible, 0.5),
        percentile(&mut visible, 0.95),
    );

    // An owner's sheet through the running server while a reader loops.
    let sheet = data.join("owner-sheet.xlsx");
    owner_sheet(&sheet, variables)?;
    let stop_reading = std::sync::atomic::AtomicBool::new(false);
    let (import_time, mut reads, errors) = std::thread::scope(|scope| -> Res<_> {
        let reader = scope.spawn(|| {
            let a = agent();
            let (mut times, mut errors) = (Vec::new(), 0usize);
            let paths = [
                "/variabel/variabel-5",
                "/datasets/dcat",
                "/sok?q=variabel+17",
                "/datainsamling/insamling-3",
            ];
            let mut n = 0;
            while !stop_reading.load(std::sync::atomic::Ordering::Relaxed) {
                let t = Instant::now();
                match a
                    .get(&format!("{addr}{}", paths[n % paths.len()]))
                    .header("Accept", "text/html")
                    .call()
                {
                    Ok(mut r) if r.status().as_u16() == 200 => {
                        let _ = body(&mut r);
                    }
                    _ => errors += 1,
                }
                times.push(t.elapsed());
                n += 1;
            }
            (times, errors)
        });
        let t = Instant::now();
        varcat(data, &["import", sheet.to_str().unwrap_or_default()])?;
        let took = t.elapsed();
        stop_reading.store(true, std::sync::atomic::Ordering::Relaxed);
        let (times, errors) = reader.join().map_err(|_| "reader")?;
        Ok((took, times, errors))
    })?;
    let read_p99 = percentile(&mut reads, 0.99);
    drop(s);
    Ok(format!(
        "\nLive catalogue (`varcat serve` on the same data, {build}):\n\n\
         | measure | result | goal |\n|---|---|---|\n\
         | restart to first answer, snapshot kept at the store's revision | {kept:.2?} | ≤ 2 s |\n\
         | start with nothing kept (read and index the whole store) | {full:.2?} | (the same run) |\n\
         | API PUT of one variable → visible on its page, in search and in the feed (100 writes) | p50 {p50:.1?}, **p95 {p95:.1?}** | p95 ≤ 100 ms |\n\
         | server RSS after the first write / after {writes} writes | {rss_first:.0} MB / {rss_last:.0} MB ({growth:+.1} %) | within 10 % |\n\
         | server RSS after write 100 (the 100 measured writes and their reads done) / after {writes} | {rss_100:.0} MB / {rss_last:.0} MB ({growth_100:+.1} %) | (the same run) |\n\
         | owner's sheet of 50 variables (25 changed, 25 new, inline value sets) imported through the running server, end to end | {import_time:.2?} | ≤ 2 s |\n\
         | meanwhile, a reader looping over a page, the feed, a search and a collection: {n} requests | {errors} errors, p99 {read_p99:.1?} | 0 errors, p99 ≤ 50 ms |\n",
        growth = 100.0 * (rss_last - rss_first) / rss_first.max(1.0),
        growth_100 = 100.0 * (rss_last - rss_100) / rss_100.max(1.0),
        n = reads.len(),
        build = super::build(),
    ))
}
