//! `varcat check` at national scale: a synthetic extract of 20 columns — one per variable of
//! a collection of 20 variables built here (every rule: data types, formats, lengths,
//! patterns, ranges, codes, obligation, personnummer, organisationsnummer, HSA-id) — checked
//! by `varcat check` against reading and splitting the same file with the csv crate alone, in
//! the same run, and the check's peak RSS at two row counts (it should not grow with them).
//! One row in 1,000 has a wrong code, so the failure paths run too.

use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const COLLECTION: &str = "bench-uttag";

/// The 20 variables: identifier, short name (the extract's heading), name, data type, format,
/// value domain, min, max, pattern, obligation.
const VARIABLES: [[&str; 10]; 20] = [
    [
        "b-personnummer",
        "PERSONNR",
        "Personnummer",
        "text",
        "",
        "",
        "",
        "",
        "",
        "Ja",
    ],
    ["b-kon", "KON", "Kön", "kod", "", "b-kon", "", "", "", "Ja"],
    [
        "b-alder", "ALDER", "Ålder", "heltal", "", "", "0", "120", "", "Ja",
    ],
    [
        "b-indatum",
        "INDATUM",
        "Inskrivningsdatum",
        "datum",
        "ÅÅÅÅ-MM-DD",
        "",
        "",
        "",
        "",
        "Ja",
    ],
    [
        "b-utdatum",
        "UTDATUM",
        "Utskrivningsdatum",
        "datum",
        "ÅÅÅÅMMDD",
        "",
        "",
        "",
        "",
        "Villkorad",
    ],
    [
        "b-ankomst",
        "ANKOMST",
        "Ankomsttid",
        "datum och tid",
        "ÅÅÅÅ-MM-DD TT:MM",
        "",
        "",
        "",
        "",
        "Nej",
    ],
    [
        "b-vardform",
        "VARDFORM",
        "Vårdform",
        "kod",
        "",
        "b-vardform",
        "",
        "",
        "",
        "Ja",
    ],
    ["b-lan", "LAN", "Län", "kod", "", "b-lan", "", "", "", "Ja"],
    [
        "b-diagnos",
        "HDIA",
        "Huvuddiagnos",
        "text",
        "",
        "",
        "",
        "",
        "^[A-Z][0-9]{2}(\\.[0-9]{1,2})?$",
        "Ja",
    ],
    [
        "b-atgard",
        "ATGARD",
        "Åtgärd",
        "text",
        "",
        "",
        "",
        "",
        "^[A-Z]{3}[0-9]{2}$",
        "Nej",
    ],
    [
        "b-vikt",
        "VIKT",
        "Vikt",
        "decimaltal",
        "",
        "",
        "0",
        "500",
        "",
        "Nej",
    ],
    [
        "b-langd", "LANGD", "Längd", "heltal", "", "", "0", "250", "", "Nej",
    ],
    [
        "b-vardtid",
        "VARDTID",
        "Vårdtid",
        "heltal",
        "",
        "",
        "0",
        "365",
        "",
        "Ja",
    ],
    [
        "b-kostnad",
        "KOSTNAD",
        "Kostnad",
        "decimaltal",
        "",
        "",
        "0",
        "",
        "",
        "Nej",
    ],
    ["b-akut", "AKUT", "Akut", "ja/nej", "", "", "", "", "", "Ja"],
    [
        "b-hsa",
        "HSAID",
        "HSA-id vårdenhet",
        "text",
        "",
        "",
        "",
        "",
        "",
        "Ja",
    ],
    [
        "b-orgnr",
        "ORGNR",
        "Organisationsnummer vårdgivare",
        "text",
        "",
        "",
        "",
        "",
        "",
        "Ja",
    ],
    [
        "b-prioritet",
        "PRIO",
        "Prioritet",
        "kod",
        "",
        "b-prioritet",
        "",
        "",
        "",
        "Nej",
    ],
    [
        "b-antal",
        "ANTAL",
        "Antal besök",
        "heltal",
        "",
        "",
        "0",
        "",
        "",
        "Nej",
    ],
    [
        "b-kommentar",
        "KOMMENTAR",
        "Kommentar",
        "text",
        "100",
        "",
        "",
        "",
        "",
        "Nej",
    ],
];

const CODEBOOKS: [(&str, &[&str]); 4] = [
    ("b-kon", &["1", "2"]),
    ("b-vardform", &["1", "2", "3", "4", "5"]),
    (
        "b-lan",
        &[
            "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18",
            "19", "20", "21", "22", "23", "24", "25",
        ],
    ),
    ("b-prioritet", &["1", "2", "3", "4"]),
];

fn write(path: &Path, text: &str) -> Res<()> {
    std::fs::write(path, text)?;
    Ok(())
}

/// The collection of 20 variables as a folder of CSV files, in the import's format.
fn catalogue(dir: &Path) -> Res<()> {
    std::fs::create_dir_all(dir)?;
    write(
        &dir.join("organisationer.csv"),
        "Organisationsnummer,Namn,Namn (en),Typ\n232100-0016,Region Stockholm,Region Stockholm,RegionalAuthority\n",
    )?;
    write(
        &dir.join("datainsamlingar.csv"),
        &format!(
            "Identifierare,Titel,Beskrivning,Utgivare,Kontakt e-post,Åtkomst,Frekvens\n\
             {COLLECTION},Syntetiskt uttag,Syntetisk datainsamling för mätning av varcat check.,\
             232100-0016,data@example.se,begränsad,månadsvis\n"
        ),
    )?;
    let mut books = String::from("Identifierare,Titel,Version,Utgivare\n");
    let mut codes = String::from("Kodverk,Kod,Benämning\n");
    for (id, list) in CODEBOOKS {
        books.push_str(&format!("{id},Kodverk {id},2025,232100-0016\n"));
        for c in list {
            codes.push_str(&format!("{id},{c},Kod {c}\n"));
        }
    }
    write(&dir.join("kodverk.csv"), &books)?;
    write(&dir.join("koder.csv"), &codes)?;
    let mut vars = String::from(
        "Identifierare,Kortnamn,Namn,Definition,Datatyp,Format,Värdemängd,Min,Max,Mönster,\
         Obligatorisk,Ägare,Datainsamlingar,Status\n",
    );
    for [
        id,
        short,
        name,
        datatype,
        format,
        domain,
        min,
        max,
        pattern,
        obligation,
    ] in VARIABLES
    {
        vars.push_str(&format!(
            "{id},{short},{name},Syntetisk variabel för mätning.,{datatype},{format},{domain},\
             {min},{max},\"{pattern}\",{obligation},232100-0016,{COLLECTION},standard\n"
        ));
    }
    write(&dir.join("variabler.csv"), &vars)
}

/// A Luhn check digit over nine digits (as for organisationsnummer and personnummer).
fn luhn(nine: &str) -> u8 {
    varcat::domain::orgnr_check_digit(nine).unwrap_or(0)
}

/// The extract: `rows` rows of valid values, one row in 1,000 with a code not in `b-kon`.
fn extract(path: &Path, rows: usize) -> Res<()> {
    let mut out = BufWriter::with_capacity(1 << 20, std::fs::File::create(path)?);
    let head: Vec<&str> = VARIABLES.iter().map(|v| v[1]).collect();
    writeln!(out, "{}", head.join(";"))?;
    let orgnr = {
        let nine = "232100001";
        format!("232100-001{}", luhn(nine))
    };
    for i in 0..rows {
        let (y, m, d) = (1930 + i % 90, 1 + i % 12, 1 + i % 28);
        let serial = i % 1000;
        let nine = format!("{:02}{m:02}{d:02}{serial:03}", y % 100);
        let pnr = format!("{y}{m:02}{d:02}-{serial:03}{}", luhn(&nine));
        let kon = if i % 1000 == 999 {
            "9"
        } else {
            ["1", "2"][i % 2]
        };
        let lan = CODEBOOKS[2].1[i % 21];
        writeln!(
            out,
            "{pnr};{kon};{};2025-{m:02}-{d:02};2025{m:02}{:02};2025-{m:02}-{d:02} {:02}:{:02};{};{lan};\
             S{:02}.{};NFB{:02};{}.{};{};{};{},50;{};SE2321000016-{:04};{orgnr};{};{};{}",
            i % 100,
            (d + 1).min(28),
            i % 24,
            i % 60,
            1 + i % 5,
            i % 100,
            i % 10,
            i % 100,
            40 + i % 100,
            i % 10,
            140 + i % 60,
            i % 30,
            100 + i % 9000,
            ["ja", "nej"][i % 2],
            i % 10_000,
            1 + i % 4,
            i % 20,
            if i % 3 == 0 { "" } else { "Synthetic remark" },
        )?;
    }
    out.flush()?;
    Ok(())
}

/// The floor: reading the file and splitting every row into its fields, with the csv crate.
fn csv_floor(path: &Path) -> Res<(Duration, u64)> {
    let t = Instant::now();
    let mut rdr = csv::ReaderBuilder::new().delimiter(b';').from_path(path)?;
    let mut record = csv::ByteRecord::new();
    let mut bytes = 0u64;
    while rdr.read_byte_record(&mut record)? {
        for f in &record {
            bytes += f.len() as u64;
        }
    }
    std::hint::black_box(bytes);
    Ok((t.elapsed(), bytes))
}

/// Runs `varcat check` on the `rows` rows of `path`; its wall time and its own peak RSS
/// (wait4). The report must find the planted wrong codes and nothing else.
fn check(data: &Path, path: &Path, rows: usize) -> Res<(Duration, i64)> {
    let json = path.with_extension("json");
    let t = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(data)
        .args([
            "check",
            path.to_str().unwrap_or_default(),
            "--collection",
            COLLECTION,
        ])
        .arg("--json")
        .stdout(std::fs::File::create(&json)?)
        .stderr(Stdio::inherit())
        .spawn()?;
    let (code, rss_kib) = wait_with_rss(child)?;
    let took = t.elapsed();
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json)?)?;
    let _ = std::fs::remove_file(&json);
    let planted = (rows / 1000) as u64;
    let checked = report["variables"].as_array().map_or(0, Vec::len);
    if code != 1
        || report["rows"] != rows as u64
        || report["failing_rows"] != planted
        || checked != VARIABLES.len()
    {
        return Err(format!(
            "varcat check exited {code}, expected 1 with {planted} failing rows of {rows} and \
             {} variables checked: {report}",
            VARIABLES.len()
        )
        .into());
    }
    Ok((took, rss_kib))
}

/// Measures at each row count in `rows` (the last is the one the ratio is taken at).
pub fn measure(dir: &Path, rows: &[usize], runs: usize) -> Res<String> {
    let content = dir.join("check-catalogue");
    catalogue(&content)?;
    let data = super::catalogue_of(&content)?;
    let data_dir = data.path().join("data");
    let mut table = format!(
        "| rows × 20 columns | file | csv crate: read and split (min of {runs}) | `varcat check` (min of {runs}) | ratio | peak RSS of `varcat check` |\n|---|---|---|---|---|---|\n"
    );
    let mut last_ratio = 0.0;
    let mut peaks = Vec::new();
    for &n in rows {
        let file = dir.join(format!("extract-{n}.csv"));
        let t = Instant::now();
        extract(&file, n)?;
        eprintln!("generated {} in {:.1?}", file.display(), t.elapsed());
        let size = std::fs::metadata(&file)?.len() as f64 / 1e6;
        let (mut floor, mut ours, mut peak) = (Duration::MAX, Duration::MAX, 0i64);
        for _ in 0..runs {
            floor = floor.min(csv_floor(&file)?.0);
            let (took, rss) = check(&data_dir, &file, n)?;
            ours = ours.min(took);
            peak = peak.max(rss);
            eprintln!("check of {n} rows: csv {floor:.2?}, varcat check {took:.2?}, {rss} KiB");
        }
        last_ratio = ours.as_secs_f64() / floor.as_secs_f64();
        peaks.push(peak as f64 / 1024.0);
        table.push_str(&format!(
            "| {n} | {size:.0} MB | {floor:.2?} | {ours:.2?} | {last_ratio:.2}× | {:.0} MB |\n",
            peak as f64 / 1024.0
        ));
        let _ = std::fs::remove_file(&file);
    }
    let max_peak = peaks.iter().copied().fold(0.0, f64::max);
    let growth = match (peaks.first(), peaks.last()) {
        (Some(a), Some(b)) if *a > 0.0 => b / a,
        _ => 1.0,
    };
    Ok(format!(
        "\n`varcat check` of a synthetic extract (20 variables, every rule; one row in 1,000 with a \
         wrong code), the same file read and split by the csv crate in the same run:\n\n{table}\n\
         Check / csv crate at {} rows: **{last_ratio:.2}×** (goal ≤ 3×). Peak RSS: **{max_peak:.0} MB** \
         at most, ×{growth:.2} from the fewest to the most rows (goal ≤ 100 MB, independent of the row count).\n",
        rows.last().copied().unwrap_or_default()
    ))
}

/// Waits for `child`; its exit code and its peak RSS in KiB, read from its own `VmHWM` in
/// /proc while it runs (the last reading before it exits). `wait4`'s `ru_maxrss` is not used:
/// it counts the address space the child was forked from, so it gave this benchmark's own
/// peak (2.8 GB after the in-process bulk load) for every child alike.
fn wait_with_rss(mut child: std::process::Child) -> Res<(i32, i64)> {
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak = 0i64;
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok((status.code().unwrap_or(-1), peak));
        }
        if let Ok(text) = std::fs::read_to_string(&status_file)
            && let Some(kib) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<i64>().ok())
        {
            peak = peak.max(kib);
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}
