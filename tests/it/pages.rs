//! HTML pages without a port: start, item pages in Swedish and English, the codebook tree,
//! the use-case matrix, 404 pages, and escaping of hostile names.

use actix_web::test as at;

use crate::support::csv_dir;
use crate::web::{loaded_state, state_from};

macro_rules! get_html {
    ($app:expr, $uri:expr) => {{
        let req = at::TestRequest::get()
            .uri($uri)
            .insert_header(("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"))
            .to_request();
        let resp = at::call_service($app, req).await;
        let status = resp.status().as_u16();
        (
            status,
            String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8"),
        )
    }};
}

#[actix_web::test]
async fn start_page_in_swedish_and_english() {
    let app = crate::app!(loaded_state());
    let (status, sv) = get_html!(&app, "/");
    assert_eq!(status, 200);
    assert!(sv.contains("<html lang=\"sv\">"));
    assert!(sv.contains("href=\"#main\""), "skip link");
    assert!(
        sv.contains("Skapa en överblick av vårdplatser"),
        "use case A"
    );
    assert_eq!(sv.matches("class=\"letter\"").count(), 4, "four use cases");
    let at = |l: &str| {
        sv.find(&format!("class=\"letter\">{l}<"))
            .expect("letter shown")
    };
    assert!(
        at("A") < at("B") && at("B") < at("C") && at("C") < at("D"),
        "A to D in order"
    );
    assert!(sv.contains("href=\"/en/\""), "language switch");
    let (_, en) = get_html!(&app, "/en/");
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("National catalogue of health-data variables"));
    assert!(
        en.contains("href=\"/en/anvandningsfall/"),
        "links stay in English"
    );
}

#[actix_web::test]
async fn variable_page_shows_its_specification_codes_and_uses() {
    let app = crate::app!(loaded_state());
    let (status, html) = get_html!(&app, "/variabel/kon");
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h1>Kön</h1>"), "{html}");
    assert!(
        html.contains("<code>1</code> Man") && html.contains("<code>2</code> Kvinna"),
        "codes inline"
    );
    assert!(
        html.contains("href=\"/anvandningsfall/"),
        "use cases that bind it"
    );
    assert!(html.contains("href=\"/variabel/kon.ttl\""), "downloads");
    let (_, en) = get_html!(&app, "/en/variabel/kon");
    assert!(
        en.contains("<html lang=\"en\">") && en.contains("href=\"/variabel/kon\""),
        "switch back keeps the page"
    );
}

#[actix_web::test]
async fn codebook_page_shows_the_hierarchy() {
    let app = crate::app!(loaded_state());
    let (status, html) = get_html!(&app, "/kodverk/icd-10-se");
    assert_eq!(status, 200);
    let parent = html
        .find("<summary><code>S72</code>")
        .expect("S72 opens a subtree");
    let child = html.find("<code>S72.0</code>").expect("S72.0 listed");
    assert!(child > parent);
}

#[actix_web::test]
async fn use_case_page_lists_steps_and_variables() {
    let app = crate::app!(loaded_state());
    let (status, html) = get_html!(&app, "/anvandningsfall/vardfloden-hoftfraktur");
    assert_eq!(status, 200);
    let items = html.matches("<li>").count();
    assert!(items >= 6, "{items} list items");
    assert!(html.contains("<th scope=\"col\">Roll</th>"));
}

#[actix_web::test]
async fn matrix_has_a_column_per_use_case_and_totals() {
    let app = crate::app!(loaded_state());
    let (status, html) = get_html!(&app, "/matris");
    assert_eq!(status, 200);
    assert_eq!(
        html.matches("<th scope=\"col\"><a href=\"/anvandningsfall/")
            .count(),
        4
    );
    assert!(html.contains("<tfoot>"));
}

#[actix_web::test]
async fn unknown_pages_are_friendly_404s() {
    let app = crate::app!(loaded_state());
    let (status, html) = get_html!(&app, "/variabel/finns-inte");
    assert_eq!(status, 404);
    assert!(html.contains("Sidan finns inte"));
    let (status, html) = get_html!(&app, "/en/variabel/finns-inte");
    assert_eq!(status, 404);
    assert!(html.contains("Page not found"));
}

#[actix_web::test]
async fn hostile_names_are_escaped() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = csv_dir(
        tmp.path(),
        "xss",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition,Kommentar,Status\n\
             xss,<script>alert(1)</script>,\"\"\"><img src=x onerror=alert(2)>\",<b onmouseover=alert(3)>x</b>,standard\n",
        )],
    );
    // The catalogue publisher must exist for the feeds, not for pages.
    let app = crate::app!(state_from(&dir, 1000));
    let req = at::TestRequest::get()
        .uri("/variabel/xss")
        .insert_header(("Accept", "text/html"))
        .to_request();
    let resp = at::call_service(&app, req).await;
    let csp = resp
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let html = String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img src=x"), "{html}");
    assert!(!html.contains("<b onmouseover"), "{html}");
    assert!(
        html.contains("<h1>&#60;script&#62;alert(1)&#60;/script&#62;</h1>"),
        "shown as text: {html}"
    );
    assert!(csp.contains("script-src 'none'"), "{csp}");
}

#[actix_web::test]
async fn codebooks_and_use_cases_download_as_spreadsheets() {
    let app = crate::app!(loaded_state());
    let resp = at::call_service(
        &app,
        at::TestRequest::get().uri("/kodverk/kon.csv").to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    // For Excel in a Swedish locale: UTF-8 with a byte-order mark, `;` between cells.
    let csv = String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8");
    assert!(csv.starts_with("\u{feff}Kodverk;Kod;Benämning"), "{csv}");
    assert!(csv.contains("kon;2;Kvinna"), "{csv}");
    let resp = at::call_service(
        &app,
        at::TestRequest::get().uri("/kodverk/kon.xlsx").to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let bytes = at::read_body(resp).await;
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let resp = at::call_service(
        &app,
        at::TestRequest::get()
            .uri("/anvandningsfall/vantetider/variabler.csv")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 200);
    let csv = String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8");
    assert!(
        csv.starts_with("\u{feff}Roll;Prioritet;Snabb vinst;Källa;Identifierare"),
        "{csv}"
    );
    let resp = at::call_service(
        &app,
        at::TestRequest::get()
            .uri("/kodverk/finns-inte.csv")
            .to_request(),
    )
    .await;
    assert_eq!(resp.status().as_u16(), 404);
    let (_, html) = get_html!(&app, "/kodverk/kon");
    assert!(html.contains("href=\"/kodverk/kon.xlsx\""), "{html}");
}

#[actix_web::test]
async fn compare_shows_variables_side_by_side_and_marks_differences() {
    let app = crate::app!(loaded_state());
    let (status, html) = get_html!(&app, "/jamfor?id=remissdatum&id=besoksdatum");
    assert_eq!(status, 200);
    assert_eq!(
        html.matches("<th scope=\"col\"><a href=\"/variabel/")
            .count(),
        2,
        "{html}"
    );
    assert!(
        html.contains("class=\"differs\""),
        "definitions differ: {html}"
    );
    assert!(
        html.contains("(skiljer sig)"),
        "differences are marked in text too"
    );
    let (_, html) = get_html!(&app, "/jamfor?id=remissdatum&id=finns-inte");
    assert!(
        html.contains("Ingen variabel <code>finns-inte</code>"),
        "{html}"
    );
    let (_, html) = get_html!(&app, "/en/jamfor?id=remissdatum&id=besoksdatum");
    assert!(
        html.contains("(differs)")
            && html.contains("href=\"/jamfor?id=remissdatum&#38;id=besoksdatum\""),
        "{html}"
    );
}

#[actix_web::test]
async fn the_language_switch_stays_on_the_site() {
    let app = crate::app!(loaded_state());
    for uri in [
        "/en//evil.example/x",
        "//evil.example/x",
        "/en/%2F/evil.example",
    ] {
        let (_, html) = get_html!(&app, uri);
        assert!(
            !html.contains("href=\"//") && !html.contains("href=\"/\\"),
            "{uri}: a link off the site: {html}"
        );
    }
    let (_, html) = get_html!(&app, "/en//evil.example/x");
    assert!(html.contains("href=\"/evil.example/x\""), "{html}");
}
