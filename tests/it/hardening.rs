//! Input meant to break the import (issue 10): hierarchies with cycles or without end, control
//! characters, sheets spanning far more than they hold, quotes left open, empty and UTF-16
//! files, long error lists, bad check digits, dot segments and oversized SKOS. Each is refused
//! with the place named, or read correctly, and a refused import changes nothing.

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::Path;

use crate::support::{Env, csv_dir, stderr, stdout};

/// Imports `path` into a fresh catalogue and checks that it is refused, naming `expected`.
fn refused(env: &Env, path: &Path, expected: &[&str]) -> String {
    let before = env.dump();
    let out = env.import(path);
    let err = stderr(&out);
    assert!(!out.status.success(), "accepted:\n{}", stdout(&out));
    assert!(!err.contains("panicked"), "{err}");
    for e in expected {
        assert!(err.contains(e), "expected {e:?} in:\n{err}");
    }
    assert_eq!(env.dump(), before, "a refused import changed the catalogue");
    err
}

const KODVERK: &str = "Identifierare,Titel\nk,Kodverk\n";

#[test]
fn a_cycle_of_broader_codes_is_refused_at_the_parent_cell() {
    let env = Env::new();
    let dir = csv_dir(
        env.tmp.path(),
        "cykel",
        &[
            ("kodverk.csv", KODVERK),
            (
                "koder.csv",
                "Kodverk,Kod,Benämning,Överordnad\nk,0,Noll,\nk,1,Ett,3\nk,2,Två,1\nk,3,Tre,2\n",
            ),
        ],
    );
    refused(
        &env,
        &dir,
        &["koder!3:D: Överordnad: the broader codes form a cycle (1 → 3 → 2 → 1)"],
    );
}

#[test]
fn a_hierarchy_deeper_than_the_bound_is_refused() {
    let env = Env::new();
    let mut koder = String::from("Kodverk,Kod,Benämning,Överordnad\nk,c0,Kod 0,\n");
    for i in 1..200 {
        writeln!(koder, "k,c{i},Kod {i},c{}", i - 1).expect("write");
    }
    let dir = csv_dir(
        env.tmp.path(),
        "djup",
        &[("kodverk.csv", KODVERK), ("koder.csv", &koder)],
    );
    // c64 is the 65th level, on row 66.
    let err = refused(
        &env,
        &dir,
        &[
            "koder!66:D: Överordnad: lies more than 64 levels deep",
            "1 problem",
        ],
    );
    assert_eq!(err.matches("levels deep").count(), 1, "{err}");
}

#[test]
fn control_characters_are_refused_and_line_breaks_only_in_multi_line_texts() {
    let env = Env::new();
    let dir = csv_dir(
        env.tmp.path(),
        "kontroll",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition\n\
             a,Kl\u{7}ocka,Ok\n\
             b,Bra,Med \u{1b}[31m färg\n\
             c,\"Två\nrader\",Ok\n\
             d,Bra,\"En definition\npå två rader\"\n",
        )],
    );
    let err = refused(
        &env,
        &dir,
        &[
            "variabler!2:B: Namn: holds the control character U+0007",
            "variabler!3:C: Definition: holds the control character U+001B",
            "variabler!4:B: Namn: holds a tab or line break",
            "3 problems",
        ],
    );
    assert!(!err.contains("variabler!5:"), "{err}");
}

#[test]
fn an_unterminated_quote_is_reported_where_it_opened() {
    let env = Env::new();
    let dir = csv_dir(
        env.tmp.path(),
        "citat",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition\na,A,\"öppnas men stängs aldrig\nb,B,Något\nc,C,Något\n",
        )],
    );
    refused(
        &env,
        &dir,
        &["variabler.csv: row 2 (line 2): a quote (\") opens a cell"],
    );
}

#[test]
fn an_empty_required_cell_is_an_error() {
    let env = Env::new();
    let dir = csv_dir(
        env.tmp.path(),
        "tom",
        &[("variabler.csv", "Identifierare,Namn,Definition\na,,Något\n")],
    );
    refused(&env, &dir, &["variabler!2:B: Namn: is required"]);
}

#[test]
fn a_bom_only_file_is_as_empty_as_an_empty_one() {
    let env = Env::new();
    let path = env.path("variabler.csv");
    std::fs::write(&path, b"\xEF\xBB\xBF").expect("write");
    refused(&env, &path, &["variabler.csv: the file is empty"]);
}

#[test]
fn utf16_without_bom_is_decoded() {
    let env = Env::new();
    let path = env.path("variabler.csv");
    let text = "Identifierare\tNamn\tDefinition\nkon\tKön\tPersonens kön\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(&path, bytes).expect("write");
    let out = env.import(&path);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(env.dump().contains("\"Personens kön\"@sv"));
}

#[test]
fn a_long_list_of_problems_is_cut_per_column() {
    let env = Env::new();
    let mut csv = String::from("Identifierare,Namn,Definition\n");
    for i in 0..2_000 {
        writeln!(csv, "v{i},,Något").expect("write");
    }
    let dir = csv_dir(env.tmp.path(), "manga", &[("variabler.csv", &csv)]);
    let err = refused(
        &env,
        &dir,
        &[
            "… and 1980 more problems in column B (Namn) of variabler (--verbose lists all)",
            "2000 problems",
        ],
    );
    assert!(err.lines().count() < 30, "{err}");
    let out = env.run(&["import", "--verbose", dir.to_str().expect("path")]);
    assert!(stderr(&out).lines().count() > 2_000);
}

#[test]
fn a_wrong_check_digit_in_an_organisation_number_is_a_bad_cell() {
    let env = Env::new();
    let dir = csv_dir(
        env.tmp.path(),
        "org",
        &[(
            "organisationer.csv",
            "Organisationsnummer,Namn,Typ\n232100-0017,Region Stockholm,RegionalAuthority\n",
        )],
    );
    refused(
        &env,
        &dir,
        &[
            "organisationer!2:A: Organisationsnummer: organisationsnummer \"232100-0017\" has a wrong check digit",
        ],
    );
}

#[test]
fn dot_segment_notations_are_refused() {
    let env = Env::new();
    let dir = csv_dir(
        env.tmp.path(),
        "punkt",
        &[
            ("kodverk.csv", KODVERK),
            (
                "koder.csv",
                "Kodverk,Kod,Benämning\nk,.,Punkt\nk,..,Punkter\n",
            ),
        ],
    );
    refused(
        &env,
        &dir,
        &[
            "koder!2:B: Kod: \".\" cannot be a code",
            "koder!3:B: Kod: \"..\" cannot be a code",
        ],
    );
}

/// An .xlsx with one sheet `variabler` holding `cells` (reference, text).
fn xlsx(path: &Path, cells: &[(u32, u16, &str)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("variabler").expect("name");
    for (r, c, t) in cells {
        ws.write_string(*r, *c, *t).expect("write");
    }
    wb.save(path).expect("save");
}

#[test]
fn a_sheet_spanning_a1_to_xfd1048576_is_refused_without_allocating_it() {
    let env = Env::new();
    let path = env.path("vid.xlsx");
    xlsx(&path, &[(0, 0, "Identifierare"), (1_048_575, 16_383, "x")]);
    assert!(std::fs::metadata(&path).expect("size").len() < 20_000);
    refused(
        &env,
        &path,
        &[
            "variabler: cannot read the sheet: the sheet spans A1:XFD1048576 (1048576 rows, 16384 columns)",
        ],
    );
}

/// The test suite's small .ods (tests/fixtures/owner-list.ods) with its `content.xml` replaced.
fn ods(path: &Path, content: &str) {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/owner-list.ods");
    let mut zin = zip::ZipArchive::new(std::fs::File::open(fixture).expect("open")).expect("zip");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).expect("entry");
        let name = f.name().expect("entry name").to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        if name == "content.xml" {
            bytes = content.as_bytes().to_vec();
        }
        let opts = zip::write::SimpleFileOptions::default();
        zout.start_file(name, opts).expect("start");
        zout.write_all(&bytes).expect("write");
    }
    zout.finish().expect("finish");
}

#[test]
fn an_ods_sheet_spanning_far_is_refused_before_it_is_laid_out() {
    // 100,002 rows by 200 columns from three rows of XML: laid out whole, some 2 GB.
    let text =
        r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="variabler"><table:table-row>{text}</table:table-row><table:table-row table:number-rows-repeated="100000"><table:table-cell/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="199"/>{text}</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let env = Env::new();
    let path = env.path("vid.ods");
    ods(&path, &content);
    assert!(std::fs::metadata(&path).expect("size").len() < 20_000);
    refused(
        &env,
        &path,
        &[
            "variabler: cannot read the sheet: the sheet spans A1:GR100002 (100002 rows, 200 columns)",
        ],
    );
}

#[test]
fn a_cell_reference_that_overflows_the_parser_is_a_clear_error() {
    let env = Env::new();
    let good = env.path("bra.xlsx");
    xlsx(&good, &[(0, 0, "Identifierare"), (1, 0, "a")]);
    // The same workbook with the reference of cell A2 made absurd.
    let path = env.path("trasig.xlsx");
    let mut zin = zip::ZipArchive::new(std::fs::File::open(&good).expect("open")).expect("zip");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).expect("entry");
        let name = f.name().expect("entry name").to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(bytes).expect("utf-8");
            assert!(xml.contains("r=\"A2\""), "{xml}");
            bytes = xml
                .replace("r=\"A2\"", "r=\"ZZZZZZ99999999999\"")
                .into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zout.write_all(&bytes).expect("write");
    }
    zout.finish().expect("finish");
    refused(
        &env,
        &path,
        &["trasig.xlsx: not a readable spreadsheet: the spreadsheet reader failed"],
    );
}

const SKOS_HEAD: &str = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n\
    @prefix dct: <http://purl.org/dc/terms/> .\n\
    <http://ex.se/s> a skos:ConceptScheme ; dct:identifier \"s\" ; dct:title \"Schema\"@sv .\n";

#[test]
fn skos_cells_have_the_limits_of_sheet_cells() {
    let env = Env::new();
    let path = env.path("stor.ttl");
    let big = "x".repeat(10 * 1024 * 1024);
    std::fs::write(
        &path,
        format!(
            "{SKOS_HEAD}<http://ex.se/c1> skos:inScheme <http://ex.se/s> ; skos:notation \"1\" ; skos:prefLabel \"{big}\"@sv .\n\
             <http://ex.se/c2> skos:inScheme <http://ex.se/s> ; skos:notation \"2\" ; skos:prefLabel \"Kl\\u0007ocka\"@sv .\n"
        ),
    )
    .expect("write");
    refused(
        &env,
        &path,
        &[
            "stor.ttl <http://ex.se/c1>: label: holds 10485760 characters; at most 20000",
            "stor.ttl <http://ex.se/c2>: label: holds the control character U+0007",
        ],
    );
}

fn skos_concepts(n: usize, chain: bool) -> String {
    let mut ttl = String::from(SKOS_HEAD);
    for i in 0..n {
        write!(
            ttl,
            "<http://ex.se/c{i}> skos:inScheme <http://ex.se/s> ; skos:notation \"{i}\" ; skos:prefLabel \"Kod {i}\"@sv"
        )
        .expect("write");
        if chain && i > 0 {
            write!(ttl, " ; skos:broader <http://ex.se/c{}>", i - 1).expect("write");
        }
        ttl.push_str(" .\n");
    }
    ttl
}

#[test]
fn a_long_skos_chain_is_refused_and_a_wide_scheme_accepted() {
    let env = Env::new();
    let chain = env.path("kedja.ttl");
    std::fs::write(&chain, skos_concepts(30_000, true)).expect("write");
    let err = refused(
        &env,
        &chain,
        &["kedja.ttl <http://ex.se/c64>: skos:broader: lies more than 64 levels deep"],
    );
    assert_eq!(err.matches("levels deep").count(), 1, "{err}");
    let flat = env.path("platt.ttl");
    std::fs::write(&flat, skos_concepts(30_000, false)).expect("write");
    let out = env.import(&flat);
    assert!(out.status.success(), "{}", stderr(&out));
}
