//! The validation page (`/validering`, `/en/validering`): only a signed-in editor sees it; it
//! shows, per feed and profile, whether the feed conforms or each violation with its
//! resource, property, severity and message.

use actix_web::test as at;
use varcat::governance::{Role, tokens};
use varcat::web::State;

use crate::support::BASE;
use crate::web::loaded_state;

fn token(state: &State) -> String {
    let mut db = state.db.lock().expect("db");
    tokens::create(&mut db, "anna", Role::Editor, "2026-12-01T10:00:00Z").expect("token")
}

macro_rules! page {
    ($app:expr, $req:expr) => {{
        let resp = at::call_service($app, $req.to_request()).await;
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = String::from_utf8_lossy(&at::read_body(resp).await).into_owned();
        (status, headers, body)
    }};
}

fn get(path: &str, cookie: Option<&str>) -> at::TestRequest {
    let mut req = at::TestRequest::get()
        .uri(path)
        .insert_header(("Accept", "text/html"));
    if let Some(c) = cookie {
        req = req.insert_header(("Cookie", c.to_owned()));
    }
    req
}

#[actix_web::test]
async fn editors_see_the_report_of_both_feeds_and_anonymous_users_the_sign_in() {
    let state = loaded_state();
    let t = token(&state);
    let app = crate::app!(state);
    for path in ["/validering", "/en/validering"] {
        let (status, _, body) = page!(&app, get(path, None));
        assert_eq!(status, 401, "{path}");
        assert!(body.contains("/logga-in"), "{path}: {body}");
        assert!(!body.contains("DCAT-AP-SE 3.0.1"), "{path}: no report");
    }
    let (_, headers, _) = page!(
        &app,
        at::TestRequest::post()
            .uri("/logga-in")
            .insert_header(("Origin", BASE))
            .set_form([("token", t.as_str())])
    );
    let cookie = headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|c| c.split(';').next())
        .expect("signed in")
        .to_owned();
    let (status, _, body) = page!(&app, get("/validering", Some(&cookie)));
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<h1>Validering</h1>"), "{body}");
    // The DCAT-AP-SE feed conforms; the HealthDCAT-AP feed has its documented gaps, each
    // with resource, property, severity and message.
    assert!(body.contains("DCAT-AP-SE 3.0.1"), "{body}");
    assert!(
        body.contains("Följer profilen: inga överträdelser."),
        "{body}"
    );
    assert!(body.contains("HealthDCAT-AP (release 8)"), "{body}");
    assert!(body.contains("Följer inte profilen:"), "{body}");
    assert!(
        body.contains("Each dcat:Dataset must have exactly one healthdcatap:hdab"),
        "{body}"
    );
    assert!(body.contains("Överträdelse"), "{body}");
    assert!(
        body.contains(&format!("{BASE}/datainsamling/")),
        "the focus nodes are the datasets: {body}"
    );
    assert!(body.contains("rudof shacl"), "{body}");
    let (status, _, body) = page!(&app, get("/en/validering", Some(&cookie)));
    assert_eq!(status, 200);
    assert!(body.contains("<h1>Validation</h1>"), "{body}");
    assert!(
        body.contains("Conforms to the profile: no violations."),
        "{body}"
    );
    assert!(body.contains("Violation"), "{body}");
}
