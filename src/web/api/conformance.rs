//! `POST /api/efterlevnad`: a region reports what `varcat check` found in its extract (the
//! aggregate `varcat check --json` prints, with `region`, `period` and `synthetic`), with a
//! token of the role `region` for that very region. Every field is checked; a refused report
//! records nothing (401 without a valid token, 403 for another role or another region's
//! results, 422 listing every bad field).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use serde_json::{Value, json};

use crate::conformance::submission;
use crate::domain::OrgNr;
use crate::governance::Role;
use crate::web::State;
use crate::web::visibility::Viewer;

use super::{ApiError, authorise, bearer, blocking, parse_body};

async fn report(
    req: HttpRequest,
    body: web::Bytes,
    state: web::Data<State>,
) -> Result<HttpResponse, ApiError> {
    let token = bearer(&req);
    let state = state.into_inner();
    let answer = blocking(move || {
        let mut db = match state.db.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        let caller = authorise(&mut db, token.as_deref(), Role::Region)?;
        let own = caller.region.clone().unwrap_or_default();
        let value = parse_body(&body)?;
        // Another region's results are refused before anything else is looked at.
        if let Some(other) = value
            .get("region")
            .and_then(Value::as_str)
            .and_then(|r| OrgNr::parse(r).ok())
            .map(|o| o.to_string())
            .filter(|r| *r != own)
        {
            return Err(ApiError::Forbidden(format!(
                "the token {:?} reports for the region {own}, not for {other}",
                caller.name
            )));
        }
        let snap = state.snapshot();
        let sub =
            submission::parse(&value, snap.catalog(Viewer::Editor)).map_err(ApiError::Invalid)?;
        let id = db.record_conformance(
            &sub.run(&caller.name, &crate::workspace::now()),
            &sub.results,
        )?;
        // Variable pages, the conformance pages and the feed show the new result at their
        // next view.
        state.conformance_runs.clear();
        state.measured.forget();
        Ok(json!({
            "id": id,
            "region": sub.region,
            "collection": sub.collection,
            "use_case": sub.use_case,
            "period": sub.period,
            "synthetic": sub.synthetic,
            "rows": sub.rows,
            "failing_rows": sub.failing_rows,
            "conformant": sub.conformant,
        }))
    })
    .await?;
    Ok(HttpResponse::build(StatusCode::CREATED)
        .content_type("application/json")
        .body(answer.to_string()))
}

pub(super) fn configure(
    cfg: &mut web::ServiceConfig,
    resource: fn(&str, &'static str) -> actix_web::Resource,
) {
    cfg.service(resource("/efterlevnad", "POST").route(web::post().to(report)));
}
