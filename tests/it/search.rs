//! The search page `/sok`: Swedish stemming, diacritic folding, prefixes as you type, facets,
//! highlighted matches, escaping of the query, and retired items left out by default.

use actix_web::test as at;

use crate::support::csv_dir;
use crate::web::{loaded_state, state_from};

macro_rules! get {
    ($app:expr, $uri:expr) => {{
        let resp = at::call_service($app, at::TestRequest::get().uri($uri).to_request()).await;
        let status = resp.status().as_u16();
        (
            status,
            String::from_utf8(at::read_body(resp).await.to_vec()).expect("utf-8"),
        )
    }};
}

/// The result list of a search page (between `<ol class="results">` and `</ol>`).
fn results(html: &str) -> &str {
    let from = html.find("<ol class=\"results\">").unwrap_or(html.len());
    let to = html[from..].find("</ol>").map_or(html.len(), |i| from + i);
    &html[from..to]
}

#[actix_web::test]
async fn a_stem_finds_its_plural_and_the_match_is_highlighted() {
    let app = crate::app!(loaded_state());
    let (status, html) = get!(&app, "/sok?q=v%C3%A4ntetid");
    assert_eq!(status, 200);
    let list = results(&html);
    assert!(list.contains("href=\"/variabel/vantetid-dagar\""), "{list}");
    // Use case B's title says "väntetider": found through the Swedish stemmer.
    assert!(list.contains("<mark>väntetider</mark>"), "{list}");
    assert!(html.contains("<html lang=\"sv\">"));
}

#[actix_web::test]
async fn words_without_diacritics_find_words_with_them() {
    let app = crate::app!(loaded_state());
    let (_, html) = get!(&app, "/sok?q=vardplatser");
    let list = results(&html);
    assert!(
        list.contains("href=\"/variabel/disponibla-vardplatser\""),
        "{list}"
    );
    assert!(list.contains("<mark>vårdplatser</mark>"), "{list}");
}

#[actix_web::test]
async fn the_last_word_matches_as_a_prefix() {
    let app = crate::app!(loaded_state());
    let (_, html) = get!(&app, "/sok?q=v%C3%A5rdplatst");
    let list = results(&html);
    assert!(list.contains("href=\"/variabel/vardplatstyp\""), "{list}");
}

#[actix_web::test]
async fn facets_narrow_the_results_and_count_them() {
    let app = crate::app!(loaded_state());
    let (_, all) = get!(&app, "/sok?q=fraktur");
    assert!(
        all.contains("href=\"/sok?q=fraktur&#38;typ=kod\""),
        "kind facet link: {all}"
    );
    let (_, codes) = get!(&app, "/sok?q=fraktur&typ=kod");
    let list = results(&codes);
    assert!(list.contains("/kodverk/icd-10-se#kod-S72.0"), "{list}");
    assert!(!list.contains("href=\"/variabel/"), "only codes: {list}");
    // A code hit shows its notation, label and definition (kept in the index, as the
    // server keeps no codes in memory).
    assert!(list.contains("på lårbenshalsen"), "label: {list}");
    assert!(list.contains("Cervikal"), "definition: {list}");
    // The active filter can be removed again.
    assert!(codes.contains("aria-current=\"true\""), "{codes}");
    // A use-case facet: only what use case D binds.
    let (_, d) = get!(
        &app,
        "/sok?q=datum&anvandningsfall=vardfloden-hoftfraktur&typ=variabel"
    );
    let list = results(&d);
    assert!(
        list.contains("href=\"/variabel/operationsdatum\""),
        "{list}"
    );
    assert!(
        !list.contains("href=\"/variabel/remissdatum\""),
        "remissdatum is use case B's: {list}"
    );
}

#[actix_web::test]
async fn the_query_is_escaped_and_english_is_under_en() {
    let app = crate::app!(loaded_state());
    let (status, html) = get!(&app, "/en/sok?q=%3Cscript%3Ealert(1)%3C/script%3E+waiting");
    assert_eq!(status, 200);
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(html.contains("&#60;script&#62;"), "the query shown as text");
    assert!(html.contains("<html lang=\"en\">"));
    let (_, html) = get!(&app, "/en/sok?q=waiting+time");
    let list = results(&html);
    assert!(
        list.contains("href=\"/en/variabel/vantetid-dagar\""),
        "{list}"
    );
    assert!(
        html.contains("href=\"/sok?q=waiting+time\""),
        "language switch keeps the search"
    );
}

#[actix_web::test]
async fn retired_items_are_left_out_unless_asked_for() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = csv_dir(
        tmp.path(),
        "retired",
        &[(
            "variabler.csv",
            "Identifierare,Namn,Definition,Status\n\
             gammal-vantetid,Gammal väntetid,Avregistrerad definition,avregistrerad\n\
             ny-vantetid,Ny väntetid,Gällande definition,standard\n",
        )],
    );
    let app = crate::app!(state_from(&dir, 1000));
    let (_, html) = get!(&app, "/sok?q=v%C3%A4ntetid");
    let list = results(&html);
    assert!(list.contains("/variabel/ny-vantetid"), "{list}");
    assert!(
        !list.contains("/variabel/gammal-vantetid"),
        "retired hidden: {list}"
    );
    let (_, html) = get!(&app, "/sok?q=v%C3%A4ntetid&status=avregistrerad");
    let list = results(&html);
    assert!(
        list.contains("/variabel/gammal-vantetid"),
        "asked for: {list}"
    );
}

#[actix_web::test]
async fn a_collections_keywords_find_it_in_their_language() {
    let app = crate::app!(loaded_state());
    // KPP's keywords say "vårdkostnader" / "healthcare costs"; its description says neither.
    let (_, html) = get!(&app, "/sok?q=v%C3%A5rdkostnader");
    let list = results(&html);
    assert!(list.contains("href=\"/datainsamling/kpp\""), "{list}");
    let (_, html) = get!(&app, "/en/sok?q=hospital+beds");
    let list = results(&html);
    assert!(
        list.contains("href=\"/en/datainsamling/vardplatser\""),
        "{list}"
    );
}
