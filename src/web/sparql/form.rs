//! What `/sparql` answers without a query: the form for people (Swedish at `/sparql`, English
//! at `/en/sparql`), and for any other client the SPARQL 1.1 Service Description of the
//! endpoint (what the feeds' `dcat:endpointDescription` points at).

use actix_web::{HttpRequest, HttpResponse};
use askama::Template;
use oxigraph::io::RdfSerializer;
use oxigraph::model::{NamedNode, Triple};

use super::negotiate;
use crate::web::pages::Ui;
use crate::web::{State, WebError};

/// The example the form starts with: twenty variables and their names.
pub const EXAMPLE: &str = "\
PREFIX disco: <http://rdf-vocabulary.ddialliance.org/discovery#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?variabel ?namn WHERE {
  ?variabel a disco:RepresentedVariable ;
            skos:prefLabel ?namn .
  FILTER(lang(?namn) = \"sv\")
}
ORDER BY ?namn
LIMIT 20";

pub struct Choice {
    pub value: &'static str,
    pub label: &'static str,
}

#[derive(Template)]
#[template(path = "pages/sparql.html")]
pub struct SparqlPage {
    pub ui: Ui,
    pub title: &'static str,
    pub switch: String,
    pub lead: String,
    pub query_label: &'static str,
    pub example: &'static str,
    pub format_label: &'static str,
    pub formats: Vec<Choice>,
    pub run: &'static str,
    pub limits: String,
    pub description: &'static str,
}

fn page(ui: Ui, path: &str, state: &State) -> SparqlPage {
    let en = ui.english();
    let t = |sv: &'static str, english: &'static str| if en { english } else { sv };
    let l = &state.sparql.limits;
    let formats = vec![
        Choice {
            value: "",
            label: t(
                "Automatiskt (JSON för SELECT och ASK, Turtle för CONSTRUCT och DESCRIBE)",
                "Automatic (JSON for SELECT and ASK, Turtle for CONSTRUCT and DESCRIBE)",
            ),
        },
        Choice {
            value: "text/csv",
            label: "CSV",
        },
        Choice {
            value: "text/tab-separated-values",
            label: "TSV",
        },
        Choice {
            value: "application/sparql-results+json",
            label: "SPARQL JSON",
        },
        Choice {
            value: "application/sparql-results+xml",
            label: "SPARQL XML",
        },
        Choice {
            value: "text/turtle",
            label: "Turtle",
        },
        Choice {
            value: "application/n-triples",
            label: "N-Triples",
        },
        Choice {
            value: "application/rdf+xml",
            label: "RDF/XML",
        },
        Choice {
            value: "application/ld+json",
            label: "JSON-LD",
        },
    ];
    SparqlPage {
        ui,
        title: t("SPARQL-frågor", "SPARQL queries"),
        switch: ui.switch_href(path),
        lead: if en {
            "Ask the published catalogue anything in SPARQL 1.1: every variable, codebook, use case, data collection and organisation, as their own pages show them (drafts are not published and not here). The default graph is the union of all items' graphs; GRAPH reaches each item's own.".to_owned()
        } else {
            "Ställ frågor i SPARQL 1.1 till den publicerade katalogen: varje variabel, kodverk, användningsfall, datainsamling och organisation så som deras egna sidor visar dem (utkast är inte publicerade och finns inte här). Standardgrafen är unionen av alla posters grafer; GRAPH når varje posts egen.".to_owned()
        },
        query_label: t("Fråga (SPARQL)", "Query (SPARQL)"),
        example: EXAMPLE,
        format_label: t("Svarsformat", "Answer format"),
        formats,
        run: t("Kör frågan", "Run the query"),
        limits: if en {
            format!(
                "Limits: {} s per query, {} rows and {} MB per answer, {} bytes per query. Updates are not accepted.",
                l.timeout.as_secs_f32(),
                l.max_rows,
                l.max_bytes / (1024 * 1024),
                l.max_query_bytes
            )
        } else {
            format!(
                "Gränser: {} s per fråga, {} rader och {} MB per svar, {} byte per fråga. Ändringar (SPARQL Update) tas inte emot.",
                l.timeout.as_secs_f32(),
                l.max_rows,
                l.max_bytes / (1024 * 1024),
                l.max_query_bytes
            )
        },
        description: t(
            "Program når tjänsten på samma adress med SPARQL 1.1 Protocol (GET eller POST); utan fråga svarar den med sin tjänstebeskrivning i RDF.",
            "Programs reach the service at the same address with the SPARQL 1.1 Protocol (GET or POST); without a query it answers with its service description in RDF.",
        ),
    }
}

/// The form for a browser, else the service description.
pub fn without_query(
    req: &HttpRequest,
    state: &State,
    ui: Ui,
    accept: Option<&str>,
) -> Result<HttpResponse, WebError> {
    if negotiate::wants_html(accept) {
        let body = page(ui, req.path(), state).render()?;
        return Ok(HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .insert_header((actix_web::http::header::VARY, "Accept"))
            .body(body));
    }
    let format = negotiate::graph(accept)?;
    let mut ser =
        crate::store::with_prefixes(RdfSerializer::from_format(format)).for_writer(Vec::new());
    for t in service_description(state.store.iris().base()) {
        ser.serialize_triple(&t)?;
    }
    let body = ser.finish()?;
    Ok(HttpResponse::Ok()
        .content_type(crate::feed::conneg::content_type(format))
        .insert_header((actix_web::http::header::VARY, "Accept"))
        .insert_header((actix_web::http::header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"))
        .body(body))
}

/// The endpoint's IRI under `base`.
pub fn endpoint_iri(base: &str) -> String {
    format!("{base}/sparql")
}

const SD: &str = "http://www.w3.org/ns/sparql-service-description#";
const FORMATS: &str = "http://www.w3.org/ns/formats/";

/// The SPARQL 1.1 Service Description of the endpoint.
fn service_description(base: &str) -> Vec<Triple> {
    let n = |s: String| NamedNode::new_unchecked(s);
    let sd = |l: &str| n(format!("{SD}{l}"));
    let me = n(endpoint_iri(base));
    let mut out = vec![
        Triple::new(me.clone(), crate::store::vocab::rdf::TYPE, sd("Service")),
        Triple::new(me.clone(), sd("endpoint"), me.clone()),
        Triple::new(me.clone(), sd("supportedLanguage"), sd("SPARQL11Query")),
        Triple::new(me.clone(), sd("feature"), sd("UnionDefaultGraph")),
        Triple::new(
            me.clone(),
            sd("defaultEntailmentRegime"),
            n("http://www.w3.org/ns/entailment/Simple".into()),
        ),
    ];
    for f in [
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "RDF_XML",
        "JSON-LD",
    ] {
        out.push(Triple::new(
            me.clone(),
            sd("resultFormat"),
            n(format!("{FORMATS}{f}")),
        ));
    }
    out
}
