//! Spreadsheet downloads as people use them: CSV that Excel in a Swedish locale opens (BOM,
//! `;`) and that imports back unchanged, xlsx beside it for use cases and collections,
//! formula-like cells neutralised in downloads (and not in `varcat export`), the feed's
//! `dcat:byteSize` equal to the bytes served, xlsx built in memory — a file planted at a
//! temporary path changes nothing, and concurrent downloads from the real server all give the
//! same valid workbook — and the API's lists kept per snapshot.

use std::io::{Cursor, Read, Write};

use actix_web::test as at;
use calamine::{Reader, Xlsx};
use varcat::import::{Options, plan};
use varcat::web::visibility::Viewer;

use crate::support::{Env, csv_dir, repo};
use crate::web::{loaded_state, state_from_all};

macro_rules! get_bytes {
    ($app:expr, $uri:expr) => {{
        let req = at::TestRequest::get().uri($uri).to_request();
        let resp = at::call_service($app, req).await;
        let status = resp.status().as_u16();
        let kind = resp
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        (status, kind, at::read_body(resp).await.to_vec())
    }};
}

/// The rows of the sheet `name` of a workbook, as text.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<String>> {
    cells(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .map(|(_, rows)| rows)
        .unwrap_or_else(|| panic!("a sheet {name}"))
}

/// Every sheet of a workbook as rows of text.
fn cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a valid xlsx");
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).expect("sheet");
            let rows = range
                .rows()
                .map(|r| r.iter().map(ToString::to_string).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

/// Whether importing `file` (named `name`) into catalog-data changes nothing.
fn imports_as_no_op(name: &str, bytes: &[u8]) -> bool {
    let tmp = tempfile::tempdir().expect("tmp");
    let ws = varcat::workspace::Workspace::in_memory(
        varcat::store::Iris::new(crate::support::BASE).expect("base"),
    )
    .expect("workspace");
    let empty = ws.store.load_catalog().expect("load");
    let seed = plan(&repo().join("catalog-data"), &empty, Options::default()).expect("seed");
    let path = tmp.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let again = plan(&path, &seed.catalog, Options::default())
        .unwrap_or_else(|e| panic!("{name} imports: {e:?}"));
    again.is_noop()
}

#[actix_web::test]
async fn variable_lists_open_in_swedish_excel_and_import_back_unchanged() {
    let app = crate::app!(loaded_state());
    for uri in [
        "/datainsamling/kpp/variabler.csv",
        "/anvandningsfall/vantetider/variabler.csv",
    ] {
        let (status, kind, bytes) = get_bytes!(&app, uri);
        assert_eq!(status, 200, "{uri}");
        assert_eq!(kind, "text/csv; charset=utf-8");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{uri}: UTF-8 with BOM");
        let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
        let heading = text.lines().next().unwrap_or_default();
        assert!(
            heading.contains("Identifierare;") && !heading.contains(','),
            "{uri}: `;` between cells: {heading}"
        );
        assert!(
            text.contains('å') || text.contains('ä'),
            "{uri}: å/ä/ö kept"
        );
    }
    // The collection's list is the variables sheet: it imports back as it is, CSV and xlsx.
    let (_, _, csv) = get_bytes!(&app, "/datainsamling/kpp/variabler.csv");
    assert!(
        imports_as_no_op("variabler.csv", &csv),
        "the CSV re-imports"
    );
    let (status, kind, xlsx) = get_bytes!(&app, "/datainsamling/kpp/variabler.xlsx");
    assert_eq!(status, 200);
    assert_eq!(
        kind,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(
        imports_as_no_op("variabler.xlsx", &xlsx),
        "the xlsx re-imports"
    );
    let sheets = cells(&xlsx);
    assert_eq!(sheets[0].0, "variabler");
    assert_eq!(
        sheets[0].1.len(),
        csv.iter().filter(|b| **b == b'\n').count(),
        "the same rows as the CSV"
    );
    // The use case's list, in xlsx too, with the binding's columns in front.
    let (status, _, xlsx) = get_bytes!(&app, "/anvandningsfall/vantetider/variabler.xlsx");
    assert_eq!(status, 200);
    let sheets = cells(&xlsx);
    assert_eq!(
        sheets[0].1[0][..5],
        ["Roll", "Prioritet", "Snabb vinst", "Källa", "Identifierare"]
    );
    // Both are linked from their pages.
    for (page, link) in [
        (
            "/anvandningsfall/vantetider",
            "/anvandningsfall/vantetider/variabler.xlsx",
        ),
        ("/datainsamling/kpp", "/datainsamling/kpp/variabler.xlsx"),
        ("/datainsamling/kpp", "/datainsamling/kpp/variabler.csv"),
    ] {
        let req = at::TestRequest::get()
            .uri(page)
            .insert_header(("Accept", "text/html"))
            .to_request();
        let html = String::from_utf8(
            at::read_body(at::call_service(&app, req).await)
                .await
                .to_vec(),
        )
        .expect("utf-8");
        assert!(
            html.contains(&format!("href=\"{link}\"")),
            "{page} links {link}"
        );
    }
}

#[actix_web::test]
async fn the_feed_states_the_size_of_the_list_served() {
    let app = crate::app!(loaded_state());
    let (_, _, nt) = get_bytes!(&app, "/catalog.nt");
    let nt = String::from_utf8(nt).expect("utf-8");
    let mut checked = 0;
    for line in nt
        .lines()
        .filter(|l| l.contains("http://www.w3.org/ns/dcat#byteSize"))
    {
        let subject = line.split_whitespace().next().unwrap_or_default();
        let size: usize = line
            .split('"')
            .nth(1)
            .and_then(|n| n.parse().ok())
            .expect("a number");
        // The distribution's download URL is the list.
        let url = nt
            .lines()
            .find(|l| l.starts_with(subject) && l.contains("dcat#downloadURL"))
            .and_then(|l| l.split('<').nth(3))
            .and_then(|u| u.split('>').next())
            .expect("download URL");
        let path = url
            .strip_prefix(crate::support::BASE)
            .expect("under the base");
        let (status, _, bytes) = get_bytes!(&app, path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(bytes.len(), size, "{path}: byteSize is the size served");
        checked += 1;
    }
    assert!(checked >= 5, "every collection's distribution: {checked}");
}

const FORMULAS: &str = "\
Identifierare,Titel,Status
formler,Formler,standard
";

const FORMULA_CODES: &str = "\
Kodverk,Kod,Benämning,Definition
formler,1,=HYPERLINK(\"http://evil.example\";\"klicka\"),@SUM(A1)
formler,2,-2+3,+46 8 123 45 67
formler,3,-5,Vanlig text
";

const FORMULA_VARIABLES: &str = "\
Identifierare,Namn,Definition,Min,Max,Datainsamlingar,Status
formelvariabel,=1+1,Definition,-5,+10,kpp,standard
";

#[actix_web::test]
async fn downloads_neutralise_formulas_and_the_export_keeps_them() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = csv_dir(
        tmp.path(),
        "formler",
        &[
            ("kodverk.csv", FORMULAS),
            ("koder.csv", FORMULA_CODES),
            ("variabler.csv", FORMULA_VARIABLES),
        ],
    );
    let app = crate::app!(state_from_all(&[&repo().join("catalog-data"), &dir]));
    let (_, _, csv) = get_bytes!(&app, "/kodverk/formler.csv");
    let csv = String::from_utf8(csv).expect("utf-8");
    assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
    assert!(csv.contains(";'@SUM(A1)"), "{csv}");
    assert!(
        csv.contains(";'-2+3;") && csv.contains(";'+46 8 123 45 67"),
        "{csv}"
    );
    assert!(csv.contains(";3;-5;"), "a plain number stays: {csv}");
    let (_, _, xlsx) = get_bytes!(&app, "/kodverk/formler.xlsx");
    let rows = &sheet(&xlsx, "koder");
    assert!(
        rows.iter().any(|r| r.contains(&"'@SUM(A1)".to_owned())),
        "{rows:?}"
    );
    assert!(
        rows.iter().any(|r| r.contains(&"-5".to_owned())),
        "{rows:?}"
    );
    let (_, _, list) = get_bytes!(&app, "/datainsamling/kpp/variabler.csv");
    let list = String::from_utf8(list).expect("utf-8");
    assert!(list.contains("formelvariabel;;'=1+1;"), "{list}");
    assert!(
        list.contains(";-5;+10;"),
        "min and max stay numbers: {list}"
    );
    // `varcat export` writes what editors keep, as it is.
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    env.run_ok(&["import", dir.to_str().expect("path")]);
    let out = env.path("export");
    env.run_ok(&["export", out.to_str().expect("path")]);
    let codes = std::fs::read_to_string(out.join("koder.csv")).expect("koder.csv");
    assert!(codes.contains(",\"=HYPERLINK("), "{codes}");
    assert!(codes.contains(",@SUM(A1)"), "{codes}");
}

/// Where the xlsx download used to write its temporary file: named by process and codebook.
#[cfg(unix)]
#[actix_web::test]
async fn a_file_planted_at_a_temporary_path_is_left_alone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let victim = tmp.path().join("victim.txt");
    std::fs::write(&victim, "keep me").expect("write");
    let planted: Vec<_> = ["xlsx", "xlsx.partial"]
        .iter()
        .map(|e| std::env::temp_dir().join(format!("varcat-{}-kon.{e}", std::process::id())))
        .collect();
    for p in &planted {
        let _ = std::fs::remove_file(p);
        std::os::unix::fs::symlink(&victim, p).expect("symlink");
    }
    let app = crate::app!(loaded_state());
    let (status, _, bytes) = get_bytes!(&app, "/kodverk/kon.xlsx");
    for p in &planted {
        let _ = std::fs::remove_file(p);
    }
    assert_eq!(status, 200);
    assert_eq!(sheet(&bytes, "koder")[2][2], "Kvinna", "a valid workbook");
    assert_eq!(
        std::fs::read_to_string(&victim).expect("victim"),
        "keep me",
        "nothing is written through a planted link"
    );
}

/// One HTTP/1.1 GET against the real server: (status, body).
fn fetch(port: u16, path: &str) -> (u16, Vec<u8>) {
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(120)))
        .expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status");
    assert!(!head.to_lowercase().contains("chunked"), "{head}");
    (status, raw[split + 4..].to_vec())
}

#[test]
fn concurrent_xlsx_downloads_all_give_the_same_valid_workbook() {
    let env = Env::new();
    env.run_ok(&[
        "import",
        repo().join("catalog-data").to_str().expect("path"),
    ]);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_varcat"))
        .arg("--data-dir")
        .arg(env.data())
        .args(["--base-iri", crate::support::BASE, "serve", "--bind"])
        .arg(format!("127.0.0.1:{port}"))
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("serve");
    let up = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    let answers: Vec<(u16, Vec<u8>)> = if up {
        let threads: Vec<_> = (0..32)
            .map(|_| {
                std::thread::spawn(move || {
                    (0..7)
                        .map(|_| fetch(port, "/kodverk/region.xlsx"))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        threads
            .into_iter()
            .flat_map(|t| t.join().expect("thread"))
            .collect()
    } else {
        Vec::new()
    };
    let _ = server.kill();
    let _ = server.wait();
    assert!(up, "the server started");
    assert_eq!(answers.len(), 224);
    let failed = answers.iter().filter(|(status, _)| *status != 200).count();
    assert_eq!(failed, 0, "every download succeeds");
    let first = cells(&answers[0].1);
    assert_eq!(
        sheet(&answers[0].1, "koder").len(),
        22,
        "21 regions and the headings"
    );
    for (_, body) in &answers {
        assert_eq!(cells(body), first, "every workbook is whole and the same");
    }
}

#[actix_web::test]
async fn api_lists_are_kept_per_snapshot_and_viewer() {
    let state = loaded_state();
    let app = crate::app!(state.clone());
    let (status, _, body) = get_bytes!(&app, "/api/kodverk");
    assert_eq!(status, 200);
    let snap = state.snapshot();
    let kept = snap
        .cached_get(&Viewer::Anonymous.key("api|kodverk"))
        .expect("the anonymous list is kept");
    assert_eq!(kept.as_ref(), body.as_slice());
    assert!(
        snap.cached_get(&Viewer::Editor.key("api|kodverk"))
            .is_none(),
        "kept apart from an editor's"
    );
}

#[actix_web::test]
async fn api_lists_follow_every_write_and_each_viewer_gets_its_own() {
    use serde_json::Value;
    use varcat::governance::{Role, tokens};
    let state = loaded_state();
    let editor = {
        let mut db = state.db.lock().expect("db");
        tokens::create(&mut db, "erik", Role::Editor, "2026-12-01T10:00:00Z").expect("token")
    };
    let app = crate::app!(state.clone());
    let list = |bearer: Option<&str>| {
        let mut r = at::TestRequest::get().uri("/api/kodverk");
        if let Some(t) = bearer {
            r = r.insert_header(("Authorization", format!("Bearer {t}")));
        }
        r.to_request()
    };
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    let before = text(&at::read_body(at::call_service(&app, list(None)).await).await);
    assert!(!before.contains("ZQXÄNDRAT"));

    // A write through the API: the next anonymous list has it (no stale kept answer).
    let resp = at::call_service(
        &app,
        at::TestRequest::get().uri("/api/kodverk/kon").to_request(),
    )
    .await;
    let etag = resp
        .headers()
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .expect("etag")
        .to_owned();
    let mut kon: Value = serde_json::from_slice(&at::read_body(resp).await).expect("json");
    kon["description"] = Value::from("Administrativt kön. ZQXÄNDRAT");
    let put = |uri: &str, body: &Value| {
        at::TestRequest::put()
            .uri(uri)
            .insert_header(("Authorization", format!("Bearer {editor}")))
            .set_json(body)
    };
    let resp = at::call_service(
        &app,
        put("/api/kodverk/kon", &kon)
            .insert_header(("If-Match", etag))
            .to_request(),
    )
    .await;
    let status = resp.status().as_u16();
    assert_eq!(status, 200, "{}", text(&at::read_body(resp).await));
    let after = text(&at::read_body(at::call_service(&app, list(None)).await).await);
    assert!(after.contains("ZQXÄNDRAT"), "the list follows the write");

    // A new codebook is a draft: in the editor's list only.
    let mut draft = kon.clone();
    draft["title"] = Value::from("ZQXUTKAST");
    for field in ["etag", "iri", "id", "status"] {
        draft.as_object_mut().map(|o| o.remove(field));
    }
    let resp = at::call_service(&app, put("/api/kodverk/zq-utkast", &draft).to_request()).await;
    let status = resp.status().as_u16();
    assert_eq!(status, 201, "{}", text(&at::read_body(resp).await));
    let anonymous = at::call_service(&app, list(None)).await;
    let anonymous_etag = anonymous.headers().get("etag").cloned();
    let anonymous = text(&at::read_body(anonymous).await);
    let edited = at::call_service(&app, list(Some(&editor))).await;
    let editor_etag = edited.headers().get("etag").cloned();
    let edited = text(&at::read_body(edited).await);
    assert!(!anonymous.contains("ZQXUTKAST") && anonymous.contains("ZQXÄNDRAT"));
    assert!(
        edited.contains("ZQXUTKAST"),
        "an editor's list has the draft"
    );
    assert_ne!(anonymous_etag, editor_etag);
}
