//! Every IRI under the base that no other route takes answers here. An item IRI
//! (`/variabel/{id}`, `/kodverk/{id}`, …) answers with the item graph, the organisations it
//! names and its DCAT 3 version links; a resource inside an item (`/kodverk/{id}/{kod}`, a step
//! or binding) with its own triples; a frozen version (`/variabel/{id}/{version}`) with its
//! graph; a resource the feeds describe that is not an item (`described`: a distribution, a
//! rights statement, a contact point, …) with its triples. The format comes from a suffix
//! (`/kodverk/kon.ttl`) or the Accept header; a browser gets the Swedish page of an item or
//! version (English pages are `pages`'s), else a plain, escaped HTML view. ETag and
//! Last-Modified answer 304; only GET and HEAD are allowed (405). What the viewer may not see
//! (`visibility`) answers 404, and is left out of the RDF of the rest.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::NamedNode;

use crate::feed::conneg::{self, Wanted};
use crate::store::CatalogStore;

use super::http_cache::{Conditional, Validators};
use super::visibility::{self, Hidden, Viewer};
use super::{State, WebError};

/// Splits a known format suffix off a path: `/kodverk/kon.ttl` → (`/kodverk/kon`, `ttl`).
fn split_suffix(path: &str) -> (&str, Option<&str>) {
    if let Some((stem, ext)) = path.rsplit_once('.')
        && !ext.contains('/')
        && conneg::from_suffix(ext).is_some()
    {
        return (stem, Some(ext));
    }
    (path, None)
}

async fn show_item(req: HttpRequest, state: web::Data<State>) -> Result<HttpResponse, WebError> {
    // Pages, item documents and files are read-only (HEAD arrives here as GET): any other
    // method on them, or on a path no other route took, is not allowed.
    if req.method() != actix_web::http::Method::GET {
        return Ok(HttpResponse::MethodNotAllowed()
            .insert_header((actix_web::http::header::ALLOW, "GET, HEAD"))
            .content_type("text/plain; charset=utf-8")
            .body(
                "405: only GET and HEAD are allowed here / endast GET och HEAD är tillåtna här\n",
            ));
    }
    let full = req.path().to_owned();
    let query = super::pages::code_pages::CodeQuery::parse(req.query_string());
    let viewer = Viewer::of(&req, &state).await;
    let accept = req
        .headers()
        .get(actix_web::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let accept = accept.as_deref();
    let ask = |path: &str| super::pages::item_door::Ask {
        ui: super::pages::Ui::SV,
        viewer,
        path: path.to_owned(),
        item_path: path.to_owned(),
        query: query.clone(),
    };
    // A browser asking again for a page already rendered from this snapshot for this viewer.
    if split_suffix(&full).1.is_none()
        && conneg::from_accept(accept, Wanted::Rdf(RdfFormat::Turtle)) == Some(Wanted::Html)
        && let Some(hit) = super::pages::item_door::kept(&state, &ask(&full)).await?
    {
        return Ok(hit);
    }
    let store = state.store.clone();
    // A path that resolves as it is wins over a suffix (a code notation may contain a dot).
    let base = store.iris().base().to_owned();
    let as_is = store.resolve(&format!("{base}{full}"))?.is_some();
    let (path, suffix) = if as_is {
        (full.as_str(), None)
    } else {
        split_suffix(&full)
    };
    let wanted = match suffix {
        Some(s) => conneg::from_suffix(s),
        None => conneg::from_accept(accept, Wanted::Rdf(RdfFormat::Turtle)),
    };
    let iri = format!("{base}{path}");
    // What the viewer may not see does not exist for them.
    let snap = state.snapshot();
    let hidden = snap.hidden(viewer, store.iris()).iri(&iri);
    let Some((graph, subject)) = store.resolve(&iri)?.filter(|_| !hidden) else {
        if !hidden && let Some(resp) = described(&req, &state, &iri, path, wanted, accept).await? {
            return Ok(resp);
        }
        if wanted == Some(Wanted::Html) {
            return Ok(super::pages::not_found_response(
                super::pages::Ui::SV,
                &full,
            ));
        }
        return Err(WebError::NotFound(full));
    };
    if wanted == Some(Wanted::Html)
        && subject.is_none()
        && let Some(page) = super::pages::item_door::page(state.clone(), ask(path)).await?
    {
        return Ok(page);
    }
    let wanted = wanted.ok_or_else(|| WebError::not_acceptable(accept.unwrap_or("")))?;
    let format = match wanted {
        Wanted::Rdf(f) => f,
        Wanted::Html => RdfFormat::Turtle,
    };
    let modified = snap.modified.get(graph.as_str()).cloned();
    let validators = Validators::new(
        &[
            iri.as_str(),
            format.media_type(),
            if wanted == Wanted::Html {
                "html"
            } else {
                "rdf"
            },
            &viewer.key(""),
            modified.as_deref().unwrap_or(""),
        ],
        modified.as_deref(),
    );
    if validators.not_modified(&Conditional::of(&req)) {
        let mut resp = HttpResponse::build(StatusCode::NOT_MODIFIED);
        validators.apply(&mut resp);
        return Ok(resp.finish());
    }
    let body = web::block(move || -> Result<Vec<u8>, WebError> {
        let hidden = snap.hidden(viewer, store.iris());
        let cat = snap.catalog(viewer);
        rdf(&store, cat, &hidden, &graph, subject.as_ref(), format)
    })
    .await??;
    if body.is_empty() {
        return Err(WebError::NotFound(full));
    }
    let mut resp = HttpResponse::Ok();
    validators.apply(&mut resp);
    Ok(match wanted {
        Wanted::Rdf(f) => resp.content_type(conneg::content_type(f)).body(body),
        Wanted::Html => resp
            .content_type("text/html; charset=utf-8")
            .body(html_view(&iri, path, &String::from_utf8_lossy(&body))),
    })
}

/// A resource the feeds describe that is not an item (`described`): its triples, or for a
/// browser the plain page; `None` when no feed describes `iri`.
async fn described(
    req: &HttpRequest,
    state: &web::Data<State>,
    iri: &str,
    path: &str,
    wanted: Option<Wanted>,
    accept: Option<&str>,
) -> Result<Option<HttpResponse>, WebError> {
    let snap = state.snapshot();
    let format = match wanted {
        Some(Wanted::Rdf(f)) => f,
        _ => RdfFormat::Turtle,
    };
    let (state2, iri2) = (state.clone().into_inner(), iri.to_owned());
    let answer = web::block(move || -> Result<Option<(Validators, Vec<u8>)>, WebError> {
        let described = snap.described(&state2)?;
        let Some(triples) = described.get(&iri2) else {
            return Ok(None);
        };
        // The quality measurements change with each recorded conformance result.
        let results = state2.measured.current(&state2.db)?.version.to_string();
        let validators = Validators::new(
            &[
                &iri2,
                &format!("{wanted:?}"),
                snap.fingerprint.as_str(),
                &results,
            ],
            snap.facts.newest.as_deref(),
        );
        let mut ser =
            crate::store::with_prefixes(RdfSerializer::from_format(format)).for_writer(Vec::new());
        for t in triples {
            ser.serialize_triple(t.as_ref())?;
        }
        let body = ser.finish()?;
        Ok(Some((validators, body)))
    })
    .await??;
    let Some((validators, body)) = answer else {
        return Ok(None);
    };
    let wanted = wanted.ok_or_else(|| WebError::not_acceptable(accept.unwrap_or("")))?;
    if validators.not_modified(&Conditional::of(req)) {
        let mut resp = HttpResponse::build(StatusCode::NOT_MODIFIED);
        validators.apply(&mut resp);
        return Ok(Some(resp.finish()));
    }
    let mut resp = HttpResponse::Ok();
    validators.apply(&mut resp);
    Ok(Some(match wanted {
        Wanted::Rdf(f) => resp.content_type(conneg::content_type(f)).body(body),
        Wanted::Html => resp
            .content_type("text/html; charset=utf-8")
            .body(html_view(iri, path, &String::from_utf8_lossy(&body))),
    }))
}

/// The triples of `graph` (about `subject` alone, if given) that the viewer may see, in
/// `format`; nothing when there are none.
fn rdf(
    store: &CatalogStore,
    cat: &crate::domain::Catalog,
    hidden: &Hidden<'_>,
    graph: &NamedNode,
    subject: Option<&NamedNode>,
    format: RdfFormat,
) -> Result<Vec<u8>, WebError> {
    let quads = store
        .raw()
        .quads_for_pattern(
            subject.map(|s| s.as_ref().into()),
            None,
            None,
            Some(graph.as_ref().into()),
        )
        .collect::<Result<Vec<_>, _>>()?;
    let mut quads = visibility::visible_quads(hidden, quads);
    if quads.is_empty() {
        return Ok(Vec::new());
    }
    // The organisations a whole item document names (publisher, owner) are described in it
    // too, typed and named, as SKOS and DCAT readers expect of an agent.
    if subject.is_none() {
        quads.extend(organisations_named(store, &quads)?);
    }
    quads.extend(crate::store::dcat3_versions(&quads));
    quads.extend(contact_names(store.iris(), cat, &quads));
    let mut ser =
        crate::store::with_prefixes(RdfSerializer::from_format(format)).for_writer(Vec::new());
    for q in &quads {
        ser.serialize_triple(q.as_ref())?;
    }
    ser.finish().map_err(WebError::internal)
}

/// The name (`vcard:fn`) of each collection's contact point in `quads` that the store keeps
/// without one: the organisation's whose address it is (`Catalog::contact_name`), as the feeds
/// name it, so that the document does not name it by the collection's title or not at all.
fn contact_names(
    iris: &crate::store::Iris,
    cat: &crate::domain::Catalog,
    quads: &[oxigraph::model::Quad],
) -> Vec<oxigraph::model::Quad> {
    use crate::store::vocab::vcard;
    use oxigraph::model::{Literal, NamedOrBlankNode, Quad};
    let named = |q: &Quad| match &q.subject {
        NamedOrBlankNode::NamedNode(n) => Some(n.clone()),
        NamedOrBlankNode::BlankNode(_) => None,
    };
    let named_already: std::collections::HashSet<&NamedOrBlankNode> = quads
        .iter()
        .filter(|q| q.predicate == vcard::FN)
        .map(|q| &q.subject)
        .collect();
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for q in quads {
        let Some(s) = named(q).filter(|s| s.as_str().ends_with("/kontakt")) else {
            continue;
        };
        if named_already.contains(&q.subject) || !seen.insert(s.clone()) {
            continue;
        }
        let Some(c) = iris
            .item_of(s.as_str())
            .filter(|k| k.kind == crate::domain::ItemKind::Collection)
            .and_then(|k| crate::domain::Id::parse(&k.id).ok())
            .filter(|id| iris.contact(id) == s)
            .and_then(|id| cat.collections.get(&id))
        else {
            continue;
        };
        let name = cat.contact_name(c);
        for (text, tag) in [(&name.sv, "sv"), (&name.en, "en")] {
            if !text.is_empty() {
                out.push(Quad::new(
                    s.clone(),
                    vcard::FN,
                    Literal::new_language_tagged_literal_unchecked(text.as_str(), tag),
                    q.graph_name.clone(),
                ));
            }
        }
    }
    out
}

/// The triples of every organisation `quads` name as an object, from its own graph.
fn organisations_named(
    store: &CatalogStore,
    quads: &[oxigraph::model::Quad],
) -> Result<Vec<oxigraph::model::Quad>, WebError> {
    let named: std::collections::BTreeSet<&NamedNode> = quads
        .iter()
        .filter_map(|q| match &q.object {
            oxigraph::model::Term::NamedNode(n)
                if crate::store::orgnr_of_iri(n.as_str()).is_some()
                    && q.graph_name != oxigraph::model::GraphName::NamedNode(n.clone()) =>
            {
                Some(n)
            }
            _ => None,
        })
        .collect();
    let mut out = Vec::new();
    for org in named {
        for q in store.raw().quads_for_pattern(
            Some(org.as_ref().into()),
            None,
            None,
            Some(org.as_ref().into()),
        ) {
            out.push(q?);
        }
    }
    Ok(out)
}

/// A minimal page for browsers: the Turtle, escaped, with links to every format.
fn html_view(iri: &str, path: &str, turtle: &str) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let links: Vec<String> = ["ttl", "rdf", "jsonld", "nt"]
        .iter()
        .map(|e| format!("<a href=\"{}.{e}\">{e}</a>", esc(path)))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"sv\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body><main><h1>{}</h1><p>Ladda ned / Download: {}</p><pre>{}</pre></main></body></html>\n",
        esc(iri),
        esc(iri),
        links.join(" · "),
        esc(turtle)
    )
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.default_service(web::get().to(show_item));
}
