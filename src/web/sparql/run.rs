//! One query against the published content: the dataset the request names, the answer in the
//! negotiated format, and the limits — rows and bytes of the answer here, time and the number
//! of queries running at once in `Endpoint`.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use oxigraph::io::RdfSerializer;
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{PreparedSparqlQuery, QueryEvaluationError, QueryResults};
use oxigraph::store::Store;

use super::negotiate;
use crate::web::WebError;

/// What one query may use. `Default` gives the server's limits (README, "SPARQL").
#[derive(Debug, Clone)]
pub struct Limits {
    /// Wall-clock time for evaluating and serialising one query.
    pub timeout: Duration,
    /// Rows of a SELECT answer, triples of a CONSTRUCT or DESCRIBE answer.
    pub max_rows: usize,
    /// Bytes of the serialised answer.
    pub max_bytes: usize,
    /// Bytes of the query text.
    pub max_query_bytes: usize,
    /// Queries evaluated at once; more get 503 at once.
    pub max_running: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(10),
            max_rows: 10_000,
            max_bytes: 10 * 1024 * 1024,
            max_query_bytes: 10 * 1024,
            max_running: 2,
        }
    }
}

/// The endpoint's limits and how many queries run now.
#[derive(Debug, Default)]
pub struct Endpoint {
    pub limits: Limits,
    running: AtomicUsize,
}

/// A place among the queries running at once, given back when the evaluation ends (not when
/// the answer is sent: a cancelled query holds its place until it has stopped).
pub struct Permit(Arc<Endpoint>);

impl Drop for Permit {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Endpoint {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            running: AtomicUsize::new(0),
        }
    }

    /// A place to run one query, or `None` when `max_running` queries run already.
    pub fn enter(self: &Arc<Self>) -> Option<Permit> {
        let max = self.limits.max_running;
        self.running
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < max).then_some(n + 1)
            })
            .ok()
            .map(|_| Permit(self.clone()))
    }
}

/// The dataset a request names with `default-graph-uri` and `named-graph-uri`.
#[derive(Debug, Default, Clone)]
pub struct Graphs {
    pub default: Vec<String>,
    pub named: Vec<String>,
}

/// A serialised answer and its media type.
pub struct Answer {
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

/// Why a query gave no answer, as the user is told.
pub fn timeout_error(limits: &Limits) -> WebError {
    WebError::Unavailable(format!(
        "Frågan tog längre tid än {s} s och avbröts / The query ran longer than {s} s and was \
         stopped. Narrow it (fewer patterns without a shared variable, a LIMIT) and ask again.",
        s = limits.timeout.as_secs_f32()
    ))
}

fn too_large(limits: &Limits) -> WebError {
    WebError::BadRequest(format!(
        "svaret blir större än {} rader eller {} byte / the answer exceeds {} rows or {} bytes. \
         Add a LIMIT (and OFFSET to page) or narrow the query.",
        limits.max_rows, limits.max_bytes, limits.max_rows, limits.max_bytes
    ))
}

/// The marker a [`Capped`] writer's error carries.
#[derive(Debug)]
struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("answer too large")
    }
}

impl std::error::Error for TooLarge {}

/// A buffer that refuses to grow past `max` bytes.
struct Capped {
    buf: Vec<u8>,
    max: usize,
}

impl Write for Capped {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if self.buf.len() + data.len() > self.max {
            return Err(io::Error::other(TooLarge));
        }
        self.buf.extend_from_slice(data);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn io_error(e: io::Error, limits: &Limits) -> WebError {
    if e.get_ref().is_some_and(|inner| inner.is::<TooLarge>()) {
        too_large(limits)
    } else {
        WebError::internal(anyhow::Error::new(e).context("SPARQL answer"))
    }
}

fn eval_error(e: QueryEvaluationError, limits: &Limits) -> WebError {
    match e {
        QueryEvaluationError::Cancelled => timeout_error(limits),
        QueryEvaluationError::Dataset(e) => {
            WebError::internal(anyhow::Error::from_boxed(e).context("SPARQL dataset"))
        }
        other => WebError::BadRequest(format!(
            "frågan kan inte besvaras / the query cannot be answered: {other}"
        )),
    }
}

/// Sets the dataset: the protocol's graphs when the request names any (they replace the
/// query's `FROM` and `FROM NAMED`), else, for a query that names none, the union of every
/// graph as the default graph — what the item documents show together.
fn set_dataset(query: &mut PreparedSparqlQuery, graphs: &Graphs) -> Result<(), WebError> {
    let iri = |s: &String| {
        NamedNode::new(s.as_str()).map_err(|e| {
            WebError::BadRequest(format!("ogiltig graf-IRI / invalid graph IRI {s:?}: {e}"))
        })
    };
    let dataset = query.dataset_mut();
    if !graphs.default.is_empty() || !graphs.named.is_empty() {
        let default = graphs
            .default
            .iter()
            .map(|g| iri(g).map(GraphName::from))
            .collect::<Result<Vec<_>, _>>()?;
        let named = graphs
            .named
            .iter()
            .map(|g| iri(g).map(NamedOrBlankNode::from))
            .collect::<Result<Vec<_>, _>>()?;
        dataset.set_default_graph(default);
        dataset.set_available_named_graphs(named);
    } else if dataset.is_default_dataset() {
        dataset.set_default_graph_as_union();
    }
    Ok(())
}

/// Evaluates `query` (parsed with `token`) on `store` and serialises the answer as `accept`
/// asks, within `limits`' rows and bytes; `token` stops it from outside.
pub fn execute(
    store: &Store,
    mut query: PreparedSparqlQuery,
    graphs: &Graphs,
    accept: Option<&str>,
    limits: &Limits,
) -> Result<Answer, WebError> {
    set_dataset(&mut query, graphs)?;
    let results = query
        .on_store(store)
        .execute()
        .map_err(|e| eval_error(e, limits))?;
    let out = Capped {
        buf: Vec::new(),
        max: limits.max_bytes,
    };
    let io = |e: io::Error| io_error(e, limits);
    match results {
        QueryResults::Boolean(b) => {
            let format = negotiate::results(accept)?;
            let out = QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(out, b)
                .map_err(io)?;
            Ok(results_answer(format, out.buf))
        }
        QueryResults::Solutions(solutions) => {
            let format = negotiate::results(accept)?;
            let mut ser = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(out, solutions.variables().to_vec())
                .map_err(io)?;
            for (n, solution) in solutions.enumerate() {
                let solution = solution.map_err(|e| eval_error(e, limits))?;
                if n >= limits.max_rows {
                    return Err(too_large(limits));
                }
                ser.serialize(&solution).map_err(io)?;
            }
            Ok(results_answer(format, ser.finish().map_err(io)?.buf))
        }
        QueryResults::Graph(triples) => {
            let format = negotiate::graph(accept)?;
            let mut ser =
                crate::store::with_prefixes(RdfSerializer::from_format(format)).for_writer(out);
            for (n, triple) in triples.enumerate() {
                let triple = triple.map_err(|e| eval_error(e, limits))?;
                if n >= limits.max_rows {
                    return Err(too_large(limits));
                }
                ser.serialize_triple(&triple).map_err(io)?;
            }
            Ok(Answer {
                content_type: crate::feed::conneg::content_type(format),
                body: ser.finish().map_err(io)?.buf,
            })
        }
    }
}

fn results_answer(format: QueryResultsFormat, body: Vec<u8>) -> Answer {
    let content_type = match format {
        QueryResultsFormat::Json => "application/sparql-results+json",
        QueryResultsFormat::Xml => "application/sparql-results+xml; charset=utf-8",
        QueryResultsFormat::Csv => "text/csv; charset=utf-8",
        QueryResultsFormat::Tsv => "text/tab-separated-values; charset=utf-8",
        _ => format.media_type(),
    };
    Answer { content_type, body }
}
