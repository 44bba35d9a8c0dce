//! The proposal pages and their forms (same rules as the API, posts from other sites
//! refused, every text escaped) and the release notes naming an applied proposal.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::Role;
use varcat::web::State;

use crate::proposals::{NEW_DEFINITION, PROPOSER, token};
use crate::support::{BASE, Env, repo, stdout};
use crate::web::loaded_state;

macro_rules! send {
    ($app:expr, $req:expr) => {
        crate::send_json!($app, $req)
    };
}

macro_rules! sign_in {
    ($app:expr, $token:expr) => {{
        let (_, headers, _, _) = send!(
            $app,
            at::TestRequest::post()
                .uri("/logga-in")
                .insert_header(("Origin", BASE))
                .set_form([("token", $token.as_str())])
        );
        headers
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|c| c.split(';').next())
            .expect("signed in")
            .to_owned()
    }};
}

#[actix_web::test]
async fn the_pages_show_proposals_and_their_forms_go_through_the_same_rules() {
    let state = loaded_state();
    let registrar = token(&state, "socialstyrelsen", Role::Registrar);
    let app = crate::app!(state.clone());
    for uri in ["/forslag", "/en/forslag"] {
        let (status, _, _, page) = send!(&app, at::TestRequest::get().uri(uri));
        assert_eq!(status, 200, "{uri}");
        assert!(page.contains("<h1>"), "{uri}");
    }
    let (status, _, _, page) = send!(
        &app,
        at::TestRequest::get().uri("/forslag/ny?id=kon&id=kon-kv")
    );
    assert_eq!(status, 401);
    assert!(page.contains("logga-in"));
    let cookie = sign_in!(&app, registrar);
    let (status, _, _, page) = send!(
        &app,
        at::TestRequest::get()
            .uri("/forslag/ny?id=kon&id=kon-kv")
            .insert_header(("Cookie", cookie.clone()))
    );
    assert_eq!(status, 200);
    assert!(
        page.contains("kon och kon-kv är samma information"),
        "{page}"
    );
    let form = [
        ("kind", "variabler"),
        ("id", "operationsdatum"),
        ("field_1", "definition"),
        ("value_1", "Datum <b>då</b> operationen påbörjades."),
        ("motivation", "Tydligare."),
        ("proposer", PROPOSER),
    ];
    // From another site: refused, nothing made.
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", "https://evil.test"))
            .set_form(form)
    );
    assert_eq!(status, 403);
    // Bad fields: the form again, every one named.
    let bad = [
        ("kind", "variabler"),
        ("id", "operationsdatum"),
        ("field_1", "colour"),
        ("value_1", "x"),
        ("motivation", ""),
        ("proposer", PROPOSER),
    ];
    let (status, _, _, page) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form(bad)
    );
    assert_eq!(status, 422);
    assert!(
        page.contains("changes.colour") && page.contains("motivation"),
        "{page}"
    );
    let (status, headers, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form(form)
    );
    assert_eq!(status, 303);
    assert_eq!(
        headers.get("location").and_then(|v| v.to_str().ok()),
        Some("/forslag/1")
    );
    let (status, _, _, page) = send!(&app, at::TestRequest::get().uri("/forslag/1"));
    assert_eq!(status, 200);
    assert!(
        page.contains("Datum &#60;b&#62;då&#60;/b&#62;")
            || page.contains("Datum &lt;b&gt;då&lt;/b&gt;"),
        "escaped: {page}"
    );
    assert!(!page.contains("<b>då</b>"));
    // The forms: comment, move with the page's ETag, a stale ETag refused.
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag/1/kommentar")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form([("text", "Ok.")])
    );
    assert_eq!(status, 303);
    let tag = |state: &State| {
        let mut db = state.db.lock().expect("db");
        let p = db.proposal(1).expect("db").expect("proposal");
        varcat::governance::proposals::etag(&p)
    };
    let stale = "\"forslag-1-1\"".to_owned();
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag/1/status")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form([("status", "under beredning"), ("etag", stale.as_str())])
    );
    assert_eq!(status, 409);
    let now = tag(&state);
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag/1/status")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form([("status", "under beredning"), ("etag", now.as_str())])
    );
    assert_eq!(status, 303);
    let now = tag(&state);
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/en/forslag/1/status")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form([("status", "beslutad"), ("etag", now.as_str())])
    );
    assert_eq!(status, 303);
    let (_, _, _, page) = send!(
        &app,
        at::TestRequest::get()
            .uri("/forslag/1")
            .insert_header(("Cookie", cookie.clone()))
    );
    assert!(
        page.contains("/forslag/1/tillampa"),
        "the apply form for a decided proposal"
    );
    let now = tag(&state);
    let (status, _, _, _) = send!(
        &app,
        at::TestRequest::post()
            .uri("/forslag/1/tillampa")
            .insert_header(("Cookie", cookie.clone()))
            .insert_header(("Origin", BASE))
            .set_form([("etag", now.as_str())])
    );
    assert_eq!(status, 303);
    let (_, _, v, _) = send!(
        &app,
        at::TestRequest::get().uri("/api/variabler/operationsdatum")
    );
    assert_eq!(v["version"], "2.0");
    let (_, _, _, page) = send!(&app, at::TestRequest::get().uri("/en/forslag/1"));
    assert!(page.contains("Applied as version"), "{page}");
}

#[test]
fn release_notes_name_the_applied_proposal() {
    use varcat::governance::Caller;
    use varcat::governance::proposals::{self, ProposalRequest};
    let env = Env::new();
    env.import(&repo().join("catalog-data"));
    env.run_ok(&["release", "2026.1"]);
    {
        let iris = varcat::store::Iris::new(BASE).expect("base");
        let dir = varcat::config::DataDir::new(env.data());
        let mut ws = varcat::workspace::Workspace::open(&dir, iris).expect("open");
        let caller = Caller {
            name: "socialstyrelsen".into(),
            role: Role::Registrar,
            region: None,
            authority: None,
        };
        let cat = ws.store.load_catalog().expect("catalog");
        let req = ProposalRequest {
            kind: "variabler".into(),
            id: "operationsdatum".into(),
            changes: serde_json::from_value(
                json!({ "definition": NEW_DEFINITION, "version": "1.1" }),
            )
            .expect("map"),
            motivation: "Tydligare.".into(),
            proposer: PROPOSER.into(),
            draft: false,
        };
        let iris = ws.store.iris().clone();
        let p = proposals::create(&mut ws.db, &iris, &cat, &caller, &req).expect("create");
        let mut p = p;
        for to in ["under beredning", "beslutad"] {
            let tag = proposals::etag(&p);
            p = proposals::move_to(&mut ws.db, &iris, &caller, p.id, to, "", Some(&tag))
                .expect("move");
        }
        let tag = proposals::etag(&p);
        let (p, _) = proposals::apply(&ws.store, &mut ws.db, &cat, &caller, p.id, Some(&tag))
            .expect("apply");
        assert_eq!(p.applied_version.as_deref(), Some("1.1"));
    }
    let out = env.run_ok(&["release", "2026.2"]);
    let notes = stdout(&out);
    assert!(
        notes.contains("Förslag 1 (232100-0016): variabel operationsdatum, version 1.1"),
        "{notes}"
    );
    assert!(notes.contains("definitionen ändrad"), "{notes}");
}
