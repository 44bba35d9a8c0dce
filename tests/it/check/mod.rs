//! `varcat check`: a region's extract against a collection's specification — every rule on
//! valid and invalid values, separators, encodings, column matching and `--map`, missing and
//! unknown columns, empty and corrupt files, exit codes, and no value ever in the output.

use std::path::PathBuf;
use std::process::Output;

mod demo;
mod record;
mod versions;

use crate::support::{Env, csv_dir, stderr, stdout};

const VARIABLES: &str = "Identifierare,Kortnamn,Namn,Definition,Datatyp,Format,Värdemängd,Min,Max,Mönster,Obligatorisk,Datainsamlingar,Gemensamt element\n\
datum,DATUM,Datum,Kalenderdag,datum,ÅÅÅÅ-MM-DD,,,,,Ja,test,\n\
personnummer,PERSONNR,Personnummer,Id,text,13,,,,^\\d{8}-\\d{4}$,Ja,test,\n\
kon,KON,Kön,Kön,kod,,kon,,,,Ja,test,\n\
alder,ALDER,Ålder,År,heltal,,,0,130,,Ja,test,\n\
indatum,INDATUM,Inskrivningsdatum,Dag,,,,,,,Ja,test,datum\n\
utdatum,UTDATUM,Utskrivningsdatum,Dag,,,,,,,Villkorad,test,datum\n\
kostnad,KOSTNAD,Kostnad,Kronor,decimaltal,,,0,,,Nej,test,\n\
vardgivare-orgnr,ORGNR,Vårdgivarens organisationsnummer,Org,text,11,,,,,Villkorad,test,\n\
vardenhet,HSAID,Vårdenhet (HSA-id),Enhet,text,31,,,,,Ja,test,\n\
rokare,ROK,Rökare,Röker,ja/nej,,,,,,Nej,test,\n\
ankomst,ANKOMST,Ankomst,Tid,datum och tid,ÅÅÅÅ-MM-DD TT:MM,,,,,Nej,test,\n";

const HEADING: &str = "PERSONNR;KON;ALDER;INDATUM;UTDATUM;KOSTNAD;ORGNR;HSAID;ROK;ANKOMST";
const GOOD_ROW: &str = "19121212-1212;1;45;2025-01-02;2025-01-05;1234,50;232100-0016;SE2321000016-E0001;Ja;2025-01-02 07:45";

/// Skatteverket's test personnummer with a valid check digit, and others.
const PERSONNUMMER: [&str; 4] = [
    "19121212-1212",
    "19121212-1213",
    "20000229-0005",
    "19990101-0002",
];

fn loaded() -> Env {
    let env = Env::new();
    let dir = csv_dir(
        env.tmp.path(),
        "spec",
        &[
            (
                "organisationer.csv",
                "Organisationsnummer,Namn,Typ\n222000-0315,SKR,NonProfitOrganisation\n232100-0016,Region Stockholm,RegionalAuthority\n",
            ),
            (
                "datainsamlingar.csv",
                "Identifierare,Titel,Beskrivning,Utgivare,Kontakt e-post,Åtkomst\n\
                 test,Testinsamling,Om den,222000-0315,a@example.se,begränsad\n\
                 tom,Tom insamling,Utan variabler,222000-0315,a@example.se,begränsad\n",
            ),
            ("kodverk.csv", "Identifierare,Titel\nkon,Kön\n"),
            (
                "koder.csv",
                "Kodverk,Kod,Benämning\nkon,1,Man\nkon,2,Kvinna\n",
            ),
            ("variabler.csv", VARIABLES),
        ],
    );
    let out = env.import(&dir);
    assert!(out.status.success(), "import: {}", stderr(&out));
    env
}

fn write(env: &Env, name: &str, bytes: &[u8]) -> PathBuf {
    let p = env.path(name);
    std::fs::write(&p, bytes).expect("write extract");
    p
}

fn check(env: &Env, file: &PathBuf, extra: &[&str]) -> Output {
    let mut args = vec![
        "check",
        file.to_str().expect("utf-8"),
        "--collection",
        "test",
    ];
    args.extend_from_slice(extra);
    env.run(&args)
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("--json prints JSON ({e}): {}", stdout(out)))
}

fn var<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["variables"]
        .as_array()
        .and_then(|vs| vs.iter().find(|v| v["id"] == id))
        .unwrap_or_else(|| panic!("variable {id} in {report}"))
}

#[test]
fn a_conforming_extract_exits_0() {
    let env = loaded();
    let f = write(
        &env,
        "ok.csv",
        format!("{HEADING}\n{GOOD_ROW}\n{GOOD_ROW}\n").as_bytes(),
    );
    let out = check(&env, &f, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("CONFORMANT: 2 rows, 10 variables checked"),
        "{}",
        stdout(&out)
    );
    let out = check(&env, &f, &["--json"]);
    let r = json(&out);
    assert_eq!(r["rows"], 2);
    assert_eq!(r["conformant"], true);
    assert_eq!(r["unknown_columns"], serde_json::json!([]));
    assert_eq!(
        r["missing_variables"],
        serde_json::json!([]),
        "the shared element datum is no column"
    );
    assert_eq!(var(&r, "alder")["checked"], 2);
}

#[test]
fn every_rule_is_counted_with_its_row_numbers() {
    let env = loaded();
    let bad = [
        // row 2: a good row
        GOOD_ROW.to_owned(),
        // row 3: personnummer check digit, code, range, date that does not exist
        "19121212-1213;3;131;2025-02-30;;1,5;232100-0016;SE2321000016-E1;Nej;2025-01-02 07:45"
            .into(),
        // row 4: pattern (no dash; the check digit is right), datatype, mandatory empty, decimal, orgnr, hsa, boolean, date-time
        "191212121212;1;abc;;2025-01-05;12,5,0;232100-0017;SE232100001-X;kanske;2025-01-02 25:00"
            .into(),
        // row 5: too long (format), decimal below min, HSA-id with a space
        "19121212-12121;2;0;2025-01-02;20250105;-1;2321000016;SE2321000016-E 1;0;".into(),
    ];
    let text = format!("{HEADING}\n{}\n", bad.join("\n"));
    let f = write(&env, "bad.csv", text.as_bytes());
    let out = check(&env, &f, &["--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let r = json(&out);
    assert_eq!(r["rows"], 4);
    assert_eq!(r["failing_rows"], 3);
    let rules = |id: &str| var(&r, id)["rules"].clone();
    assert_eq!(
        rules("personnummer"),
        serde_json::json!({"personnummer": 2, "pattern": 2, "format": 1})
    );
    assert_eq!(
        var(&r, "personnummer")["examples"],
        serde_json::json!([3, 4, 5])
    );
    assert_eq!(
        var(&r, "personnummer")["examples_by_rule"]["pattern"],
        serde_json::json!([4, 5])
    );
    assert_eq!(rules("kon"), serde_json::json!({"code": 1}));
    assert_eq!(
        rules("alder"),
        serde_json::json!({"range": 1, "datatype": 1})
    );
    assert_eq!(
        rules("indatum"),
        serde_json::json!({"format": 1, "mandatory": 1})
    );
    assert_eq!(rules("utdatum"), serde_json::json!({"format": 1}));
    assert_eq!(var(&r, "utdatum")["conditional_empty"], 1, "reported apart");
    assert_eq!(
        rules("kostnad"),
        serde_json::json!({"datatype": 1, "range": 1})
    );
    assert_eq!(
        rules("vardgivare-orgnr"),
        serde_json::json!({"organisationsnummer": 1})
    );
    assert_eq!(rules("vardenhet"), serde_json::json!({"hsa_id": 2}));
    assert_eq!(rules("rokare"), serde_json::json!({"datatype": 1}));
    assert_eq!(rules("ankomst"), serde_json::json!({"format": 1}));
    assert_eq!(
        var(&r, "ankomst")["failed"],
        1,
        "an optional empty value is fine"
    );

    let out = check(&env, &f, &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains("PERSONNR -> personnummer: 4 rows checked, 3 failing"),
        "{text}"
    );
    assert!(
        text.contains("pattern                     2  rows 4, 5"),
        "{text}"
    );
    assert!(
        text.contains("NOT CONFORMANT: 3 of 4 rows break a rule"),
        "{text}"
    );
}

/// The same content as `;`, `,` and tab separated, UTF-8 with and without BOM, and
/// Windows-1252 (headings with å/ä/ö), gives the same report.
#[test]
fn separators_encodings_and_bom() {
    let env = loaded();
    let heading = "Personnummer;Kön;Ålder;INDATUM;Vårdenhet (HSA-id)";
    let rows = "19121212-1212;2;30;2025-01-02;SE2321000016-E1\n19121212-1213;9;30;2025-01-02;SE2321000016-E1\n";
    let base = format!("{heading}\n{rows}");
    let comma = base.replace(';', ",");
    let tab = base.replace(';', "\t");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(base.as_bytes());
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&base);
    let files = [
        ("semicolon.csv", base.as_bytes().to_vec()),
        ("comma.csv", comma.into_bytes()),
        ("tab.csv", tab.into_bytes()),
        ("bom.csv", bom),
        ("cp1252.csv", cp1252.into_owned()),
    ];
    let mut reports = Vec::new();
    for (name, bytes) in files {
        let f = write(&env, name, &bytes);
        let out = check(&env, &f, &["--json"]);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", stderr(&out));
        let r = json(&out);
        assert_eq!(r["unknown_columns"], serde_json::json!([]), "{name}: {r}");
        assert_eq!(var(&r, "kon")["column"], "Kön", "{name}");
        assert_eq!(
            var(&r, "kon")["rules"],
            serde_json::json!({"code": 1}),
            "{name}"
        );
        reports.push(r["variables"].clone());
    }
    assert!(reports.windows(2).all(|w| w[0] == w[1]));

    // Overridden: read as `,`-separated, the `;` file has one unknown column.
    let f = env.path("semicolon.csv");
    let out = check(&env, &f, &["--separator", ",", "--json"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "no column matches: {}",
        stdout(&out)
    );
    // Overridden encoding: the Windows-1252 file read as UTF-8 is refused, naming the row.
    let f = env.path("cp1252.csv");
    let out = check(&env, &f, &["--encoding", "utf-8"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not UTF-8"), "{}", stderr(&out));
}

#[test]
fn columns_match_case_and_diacritics_insensitively_and_by_map() {
    let env = loaded();
    let f = write(
        &env,
        "local.csv",
        "pnr;KÖN;alder;Lokal enhet;inskrivningsdatum;Egen kolumn\n19121212-1212;1;50;SE2321000016-E1;2025-01-02;x\n"
            .as_bytes(),
    );
    let map = write(
        &env,
        "map.csv",
        "column,variable\npnr,PERSONNR\nLokal enhet,vardenhet\n".as_bytes(),
    );
    let out = check(&env, &f, &["--map", map.to_str().expect("utf-8"), "--json"]);
    let r = json(&out);
    assert_eq!(var(&r, "personnummer")["column"], "pnr");
    assert_eq!(var(&r, "vardenhet")["column"], "Lokal enhet");
    assert_eq!(var(&r, "kon")["column"], "KÖN");
    assert_eq!(var(&r, "indatum")["column"], "inskrivningsdatum");
    assert_eq!(r["unknown_columns"], serde_json::json!(["Egen kolumn"]));
    assert_eq!(
        r["missing_variables"],
        serde_json::json!([
            "ankomst",
            "kostnad",
            "rokare",
            "utdatum",
            "vardgivare-orgnr"
        ])
    );
    assert_eq!(r["missing_required"], serde_json::json!([]));
    assert_eq!(
        out.status.code(),
        Some(0),
        "unknown and optional missing columns are no violation"
    );

    // Without the map, `pnr` is unknown and the mandatory personnummer is missing.
    let out = check(&env, &f, &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let r = json(&out);
    assert_eq!(
        r["missing_required"],
        serde_json::json!(["personnummer", "vardenhet"])
    );
    assert_eq!(
        r["unknown_columns"],
        serde_json::json!(["pnr", "Lokal enhet", "Egen kolumn"])
    );

    // A map naming a variable outside the collection is refused.
    let bad_map = write(
        &env,
        "bad-map.csv",
        "column,variable\npnr,nonexistent\n".as_bytes(),
    );
    let out = check(&env, &f, &["--map", bad_map.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("row 2: \"nonexistent\" is not a variable of the collection test"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_with_no_rows_and_an_xlsx_extract() {
    let env = loaded();
    let f = write(&env, "empty.csv", format!("{HEADING}\n").as_bytes());
    let out = check(&env, &f, &["--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["rows"], 0);

    let path = env.path("extract.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["PERSONNR", "ALDER", "INDATUM"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("cell");
    }
    ws.write_string(1, 0, "19121212-1212").expect("cell");
    ws.write_number(1, 1, 45.0).expect("cell");
    ws.write_string(1, 2, "2025-01-02").expect("cell");
    ws.write_string(2, 0, "19121212-1213").expect("cell");
    ws.write_number(2, 1, 4.5).expect("cell");
    ws.write_string(2, 2, "2025-01-02").expect("cell");
    wb.save(&path).expect("save xlsx");
    let out = check(&env, &path, &["--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let r = json(&out);
    assert_eq!(r["rows"], 2);
    assert_eq!(var(&r, "personnummer")["examples"], serde_json::json!([3]));
    assert_eq!(
        var(&r, "alder")["rules"],
        serde_json::json!({"datatype": 1})
    );
}

#[test]
fn unusable_input_exits_2_with_a_clear_message() {
    let env = loaded();
    let cases: Vec<(&str, Vec<u8>, &[&str], &str)> = vec![
        (
            "binary.csv",
            b"\x00\x01\x02garbage\xff".to_vec(),
            &[],
            "is not a CSV file",
        ),
        (
            "zip.csv",
            b"PK\x03\x04\x14\x00rest".to_vec(),
            &[],
            "is not a CSV file",
        ),
        (
            "broken.xlsx",
            b"this is no workbook".to_vec(),
            &[],
            "is not a readable spreadsheet",
        ),
        ("nothing.csv", Vec::new(), &[], "is empty"),
        ("other.csv", b"a;b\n1;2\n".to_vec(), &[], "no column of"),
        (
            "ragged.csv",
            format!("{HEADING}\n{GOOD_ROW}\n1;2\n").into_bytes(),
            &[],
            "row 3: 2 fields where the heading row has 10",
        ),
    ];
    for (name, bytes, extra, message) in cases {
        let f = write(&env, name, &bytes);
        let out = check(&env, &f, extra);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{name}: {}", stderr(&out));
        assert!(stdout(&out).is_empty(), "{name}: no report");
    }
    let f = write(
        &env,
        "ok.csv",
        format!("{HEADING}\n{GOOD_ROW}\n").as_bytes(),
    );
    let out = env.run(&["check", f.to_str().expect("utf-8"), "--collection", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no collection \"nope\" in the catalogue (known: test, tom)"),
        "{}",
        stderr(&out)
    );
    let out = env.run(&["check", f.to_str().expect("utf-8"), "--collection", "tom"]);
    assert_eq!(out.status.code(), Some(2));
    let out = check(&env, &env.path("absent.csv"), &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot open"), "{}", stderr(&out));
}

/// The data never leaves the region: whatever the extract holds, no value appears in any
/// output — text, JSON, or an error about the file.
#[test]
fn no_personnummer_ever_appears_in_the_output() {
    let env = loaded();
    let rows: Vec<String> = PERSONNUMMER
        .iter()
        .map(|p| format!("{p};7;45;2025-01-02;;;;SE2321000016-E1;;"))
        .collect();
    let f = write(
        &env,
        "pnr.csv",
        format!("{HEADING}\n{}\n", rows.join("\n")).as_bytes(),
    );
    let ragged = write(
        &env,
        "pnr-ragged.csv",
        format!("{HEADING}\n{}\n{};x\n", rows[0], PERSONNUMMER[1]).as_bytes(),
    );
    let mut mixed = format!("{HEADING}\n{}\n{}", rows[0], rows[1]).into_bytes();
    mixed.extend_from_slice(b"\xE5\n");
    let not_utf8 = write(&env, "pnr-mixed.csv", &mixed);
    // A first row that is data, not headings, beside a matching column.
    let headless = write(
        &env,
        "pnr-headless.csv",
        format!("KON;{}\n1;{}\n", PERSONNUMMER[0], PERSONNUMMER[2]).as_bytes(),
    );
    let map = write(
        &env,
        "map.csv",
        "column,variable\nPERSONNR,personnummer\n".as_bytes(),
    );
    let map = map.to_str().expect("utf-8");
    let runs = [
        check(&env, &f, &[]),
        check(&env, &f, &["--json"]),
        check(&env, &f, &["--map", map, "--json"]),
        check(&env, &ragged, &[]),
        check(&env, &not_utf8, &["--encoding", "utf-8"]),
        check(&env, &headless, &[]),
        check(&env, &headless, &["--json"]),
    ];
    for out in &runs {
        let all = format!("{}{}", stdout(out), stderr(out));
        for p in PERSONNUMMER {
            assert!(!all.contains(p), "{p} in the output:\n{all}");
            assert!(
                !all.contains(&p.replace('-', "")),
                "{p} in the output:\n{all}"
            );
            assert!(!all.contains(&p[2..]), "{p} in the output:\n{all}");
        }
    }
    assert_eq!(runs[0].status.code(), Some(1));
    assert_eq!(runs[3].status.code(), Some(2));
    assert_eq!(runs[4].status.code(), Some(2));
    assert!(
        stdout(&runs[5]).contains("(column 2: heading not shown"),
        "{}",
        stdout(&runs[5])
    );
    assert!(
        stderr(&runs[4]).contains("row 3 is not UTF-8"),
        "{}",
        stderr(&runs[4])
    );
    let help = env.run(&["check", "--help"]);
    assert!(
        stdout(&help).contains("No value of a variable is ever printed, stored or sent"),
        "{}",
        stdout(&help)
    );
}
