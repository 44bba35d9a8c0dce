//! The validation page for signed-in editors (`/validering`, `/en/validering`): the SHACL
//! report of the two current feeds, as harvesters get them (what anonymous visitors see, the
//! whole catalogue in one document), each against its profile — DCAT-AP-SE 3.0.1 (with the
//! official DCAT-AP 3.0.1 shapes) and HealthDCAT-AP release 8 — by the engine built into the
//! binary (`crate::validation`): conforms, or each violation and warning with its focus node,
//! property, value, severity and message. Anonymous visitors get 401 and the sign-in link, as
//! on the import page. The reports are worked out once per snapshot (and per recorded
//! conformance run, which the HealthDCAT-AP feed states).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::feed::{FeedQuery, Profile};
use crate::validation::{Finding, Report};

use super::pages::{Ui, ui_of};
use super::{State, WebError};

struct Texts {
    title: &'static str,
    intro: &'static str,
    sign_in_first: &'static str,
    conforms: &'static str,
    fails: &'static str,
    warnings: &'static str,
    focus: &'static str,
    property: &'static str,
    value: &'static str,
    severity: &'static str,
    message: &'static str,
    shape: &'static str,
    not_checked: &'static str,
    notes: &'static str,
    engine: &'static str,
}

const SV: Texts = Texts {
    title: "Validering",
    intro: "Flödena som skördarna hämtar, kontrollerade mot de officiella SHACL-formerna för sina profiler av valideringsmotorn i varcat (samma kontroll som varcat validate gör). Hela katalogen kontrolleras i ett dokument, med det som anonyma besökare ser.",
    sign_in_first: "Valideringsrapporten visas för inloggade redaktörer.",
    conforms: "Följer profilen: inga överträdelser.",
    fails: "Följer inte profilen: {v} överträdelser.",
    warnings: "Varningar ({w})",
    focus: "Resurs",
    property: "Egenskap",
    value: "Värde",
    severity: "Allvarlighet",
    message: "Meddelande",
    shape: "Form",
    not_checked: "Kontrolleras inte (ingen SHACL-motor utvärderar detta, så det räknas inte som godkänt):",
    notes: "Rättelser av formerna före körningen (se schemas/shacl/README.md):",
    engine: "Motor",
};

const EN: Texts = Texts {
    title: "Validation",
    intro: "The feeds harvesters fetch, checked against the official SHACL shapes of their profiles by the validation engine built into varcat (the same check varcat validate makes). The whole catalogue is checked in one document, as anonymous visitors see it.",
    sign_in_first: "The validation report is shown to signed-in editors.",
    conforms: "Conforms to the profile: no violations.",
    fails: "Does not conform to the profile: {v} violations.",
    warnings: "Warnings ({w})",
    focus: "Resource",
    property: "Property",
    value: "Value",
    severity: "Severity",
    message: "Message",
    shape: "Shape",
    not_checked: "Not checked (no SHACL engine evaluates these, so they do not count as passed):",
    notes: "Repairs of the shapes before the run (see schemas/shacl/README.md):",
    engine: "Engine",
};

struct Row {
    focus: String,
    href: Option<String>,
    path: String,
    value: String,
    severity: &'static str,
    message: String,
    shape: String,
}

struct Section {
    id: &'static str,
    heading: &'static str,
    feed: &'static str,
    verdict: String,
    violations: Vec<Row>,
    warnings_label: String,
    warnings: Vec<Row>,
    not_checked: Vec<String>,
    notes: Vec<String>,
    engine: String,
}

#[derive(Template)]
#[template(path = "pages/validation.html")]
struct ValidationPage {
    ui: Ui,
    it: &'static Texts,
    title: String,
    switch: String,
    signed_in: bool,
    sections: Vec<Section>,
}

fn severity(ui: Ui, s: &str) -> &'static str {
    match (s, ui.english()) {
        ("Violation", false) => "Överträdelse",
        ("Violation", true) => "Violation",
        ("Warning", false) => "Varning",
        ("Warning", true) => "Warning",
        (_, false) => "Information",
        (_, true) => "Info",
    }
}

fn row(ui: Ui, base: &str, f: &Finding) -> Row {
    Row {
        href: f
            .focus
            .strip_prefix(base)
            .filter(|rest| rest.starts_with('/'))
            .map(|rest| format!("{}{rest}", ui.prefix)),
        focus: f.focus.clone(),
        path: f.path.clone().unwrap_or_default(),
        value: f.value.clone().unwrap_or_default(),
        severity: severity(ui, &f.severity),
        message: f.message.clone(),
        shape: f.shape.clone(),
    }
}

/// The report of one feed, kept with the snapshot.
fn report(state: &State, profile: Profile) -> Result<Report, WebError> {
    let snap = state.snapshot();
    let quality = match profile {
        Profile::HealthDcatAp => Some(state.measured.current(&state.db)?),
        Profile::DcatApSe => None,
    };
    let key = format!(
        "validation|{profile:?}|{}",
        quality.as_ref().map_or(0, |q| q.version)
    );
    let json = snap.cached(key, || {
        let quads = super::feeds::public_quads(
            &snap,
            state,
            &state.settings.unsplit(),
            profile,
            &FeedQuery::default(),
            quality.as_deref(),
        )?;
        let graph = crate::validation::graph_of(&quads);
        let report = crate::validation::validate(profile, &graph).map_err(WebError::Internal)?;
        serde_json::to_vec(&report)
            .map(Some)
            .map_err(WebError::internal)
    })?;
    serde_json::from_slice(&json.unwrap_or_default()).map_err(WebError::internal)
}

fn section(ui: Ui, it: &'static Texts, base: &str, profile: Profile, r: Report) -> Section {
    let (id, heading, feed) = match profile {
        Profile::DcatApSe => ("dcat-ap-se", "DCAT-AP-SE 3.0.1", "/datasets/dcat"),
        Profile::HealthDcatAp => ("healthdcat-ap", "HealthDCAT-AP (release 8)", "/healthdcat"),
    };
    let (violations, warnings): (Vec<&Finding>, Vec<&Finding>) =
        r.results.iter().partition(|f| f.is_violation());
    Section {
        id,
        heading,
        feed,
        verdict: if r.conforms {
            it.conforms.to_owned()
        } else {
            it.fails.replace("{v}", &violations.len().to_string())
        },
        violations: violations.iter().map(|f| row(ui, base, f)).collect(),
        warnings_label: it.warnings.replace("{w}", &warnings.len().to_string()),
        warnings: warnings.iter().map(|f| row(ui, base, f)).collect(),
        not_checked: r.not_checked,
        notes: r.notes,
        engine: r.engine,
    }
}

async fn page(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    let ui = ui_of(&req);
    let it = if ui.english() { &EN } else { &SV };
    let signed_in = super::session::editor(&req, &state).await.is_some();
    let mut sections = Vec::new();
    if signed_in {
        let st = state.clone().into_inner();
        let reports = web::block(move || -> Result<Vec<(Profile, Report)>, WebError> {
            [Profile::DcatApSe, Profile::HealthDcatAp]
                .into_iter()
                .map(|p| Ok((p, report(&st, p)?)))
                .collect()
        })
        .await??;
        let base = state.store.iris().base();
        sections = reports
            .into_iter()
            .map(|(p, r)| section(ui, it, base, p, r))
            .collect();
    }
    let body = ValidationPage {
        ui,
        it,
        title: it.title.to_owned(),
        switch: ui.switch_href(req.path()),
        signed_in,
        sections,
    }
    .render()?;
    let status = if signed_in {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    };
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    for prefix in ["", "/en"] {
        cfg.route(&format!("{prefix}/validering"), web::get().to(page));
    }
}
