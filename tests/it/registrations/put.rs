//! A `PUT` of what `GET` returned keeps the item's registrations at other authorities: they
//! change only through `POST …/status`, and the JSON carries them read-only.

use actix_web::test as at;
use serde_json::{Value, json};
use varcat::governance::Role;

use super::{SOCIALSTYRELSEN, bearer, registrar_of, token};
use crate::web::loaded_state;

#[actix_web::test]
async fn a_put_of_what_get_returned_keeps_the_registrations_elsewhere() {
    let state = loaded_state();
    let sos = registrar_of(&state, "sos", SOCIALSTYRELSEN);
    let editor = token(&state, "erik", Role::Editor);
    let app = crate::app!(state.clone());
    let (status, body) = post_status!(
        &app,
        &sos,
        "/api/variabler/vardform/status",
        json!({"status": "kandidat", "note": "Remiss"})
    );
    assert_eq!(status, 200, "{body}");
    let (_, headers, mut item, _) = send!(
        &app,
        at::TestRequest::get()
            .uri("/api/variabler/vardform")
            .insert_header(bearer(&editor))
    );
    assert_eq!(item["registrations"][0]["authority"], SOCIALSTYRELSEN);
    let etag = headers
        .get("etag")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    item["definition"] = json!("Vårdform, ändrad definition (test).");
    item["registrations"] = json!([]);
    let (status, _, after, text) = send!(
        &app,
        at::TestRequest::put()
            .uri("/api/variabler/vardform")
            .insert_header(bearer(&editor))
            .insert_header(("If-Match", etag))
            .set_json(&item)
    );
    assert_eq!(status, 200, "{text}");
    assert_eq!(after["definition"], "Vårdform, ändrad definition (test).");
    assert_eq!(
        after["registrations"][0]["authority"], SOCIALSTYRELSEN,
        "the registration at Socialstyrelsen is still there: {text}"
    );
    assert_eq!(after["registrations"][0]["status"], "kandidat");
}
