//! The catalogue content in a remote SPARQL 1.1 engine (`--store-url`): where it is, and the
//! few requests varcat sends it — a query (SPARQL 1.1 Protocol, results as JSON), an update
//! (SPARQL 1.1 Update, one request per write) and, for the first load, the Graph Store
//! Protocol's GET of the whole dataset as N-Quads where the engine offers it (Oxigraph server
//! does; others answer the same quads through a query). The engine is the source of truth;
//! `CatalogStore` keeps a read replica in memory (`sync`) and writes through `update`.

mod sync;
mod update;

use std::collections::HashMap;
use std::io::Read;
use std::time::Duration;

use oxigraph::model::{BlankNode, Term};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};

use super::StoreError;

pub use update::UpdateText;

/// Where the engine answers and how varcat reaches it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteConfig {
    /// The SPARQL 1.1 query endpoint (default `{base}/query`, Oxigraph server's).
    pub query: String,
    /// The SPARQL 1.1 update endpoint (default `{base}/update`).
    pub update: String,
    /// The Graph Store Protocol endpoint (default `{base}/store`), read once when varcat opens
    /// the store; an engine that cannot answer the whole dataset there is read by a query.
    pub graph_store: String,
    /// HTTP basic authentication (user, password), from `VARCAT_STORE_USER` and
    /// `VARCAT_STORE_PASSWORD`.
    pub auth: Option<(String, String)>,
    /// How long one request may take, from connecting to the last byte of the answer.
    pub timeout: Duration,
}

impl RemoteConfig {
    /// The endpoints of an Oxigraph server at `base` (`http://127.0.0.1:7878`).
    pub fn new(base: &str) -> Self {
        let base = base.trim().trim_end_matches('/');
        Self {
            query: format!("{base}/query"),
            update: format!("{base}/update"),
            graph_store: format!("{base}/store"),
            auth: None,
            timeout: Duration::from_secs(120),
        }
    }

    /// The base URL as people should see it in messages: without user information.
    pub fn shown(url: &str) -> String {
        let Some((scheme, rest)) = url.split_once("://") else {
            return url.to_owned();
        };
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        match authority.rsplit_once('@') {
            Some((_, host)) => format!("{scheme}://***@{host}{path}"),
            None => url.to_owned(),
        }
    }
}

/// An HTTP client for one engine.
pub struct Remote {
    config: RemoteConfig,
    agent: ureq::Agent,
    /// The revision writes are planned on, when the process says (`plans_made_at`).
    pub planned_at: std::sync::atomic::AtomicU64,
}

/// What went wrong talking to the engine, said with the endpoint it happened at.
fn failed(url: &str, what: impl std::fmt::Display) -> StoreError {
    StoreError::Remote(format!(
        "the SPARQL store at {}: {what}",
        RemoteConfig::shown(url)
    ))
}

impl Remote {
    pub fn new(config: RemoteConfig) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .build()
            .into();
        Self {
            config,
            agent,
            planned_at: std::sync::atomic::AtomicU64::new(u64::MAX),
        }
    }

    fn authorised<B>(&self, req: ureq::RequestBuilder<B>) -> ureq::RequestBuilder<B> {
        match &self.config.auth {
            Some((user, password)) => req.header(
                "Authorization",
                &format!("Basic {}", base64(format!("{user}:{password}").as_bytes())),
            ),
            None => req,
        }
    }

    /// Runs a SELECT query; each solution's values in the order of `vars`. Blank nodes get
    /// fresh names, one per label in this answer (labels are local to one answer).
    pub fn select(&self, query: &str, vars: &[&str]) -> Result<Vec<Vec<Option<Term>>>, StoreError> {
        let url = &self.config.query;
        let mut resp = self
            .authorised(self.agent.post(url))
            .header("Content-Type", "application/sparql-query")
            .header("Accept", "application/sparql-results+json")
            .send(query.as_bytes())
            .map_err(|e| failed(url, e))?;
        let status = resp.status().as_u16();
        if status != 200 {
            return Err(failed(url, refusal(status, resp.body_mut())));
        }
        let reader = resp.body_mut().with_config().limit(u64::MAX).reader();
        let parsed = QueryResultsParser::from_format(QueryResultsFormat::Json)
            .for_reader(reader)
            .map_err(|e| failed(url, format!("unreadable answer: {e}")))?;
        let ReaderQueryResultsParserOutput::Solutions(solutions) = parsed else {
            return Err(failed(url, "a boolean answer to a SELECT query"));
        };
        let mut blanks: HashMap<String, BlankNode> = HashMap::new();
        let mut out = Vec::new();
        for s in solutions {
            let s = s.map_err(|e| failed(url, format!("unreadable answer: {e}")))?;
            out.push(
                vars.iter()
                    .map(|v| {
                        s.get(*v).cloned().map(|t| match t {
                            Term::BlankNode(b) => Term::BlankNode(
                                blanks.entry(b.as_str().to_owned()).or_default().clone(),
                            ),
                            other => other,
                        })
                    })
                    .collect(),
            );
        }
        Ok(out)
    }

    /// Sends one SPARQL Update request; the engine applies it whole or not at all (see the
    /// README on which engines do).
    pub fn update(&self, update: &UpdateText) -> Result<(), StoreError> {
        let url = &self.config.update;
        let mut resp = self
            .authorised(self.agent.post(url))
            .header("Content-Type", "application/sparql-update")
            .send(update.as_str().as_bytes())
            .map_err(|e| failed(url, e))?;
        let status = resp.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(failed(url, refusal(status, resp.body_mut())));
        }
        Ok(())
    }

    /// The whole dataset as N-Quads from the Graph Store endpoint, or `None` when the engine
    /// does not answer it there.
    pub fn dataset_nquads(&self) -> Result<Option<Vec<u8>>, StoreError> {
        let url = &self.config.graph_store;
        let mut resp = match self
            .authorised(self.agent.get(url))
            .header("Accept", "application/n-quads")
            .call()
        {
            Ok(r) => r,
            Err(e) => return Err(failed(url, e)),
        };
        let is_nquads = resp
            .headers()
            .get("Content-Type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| t.starts_with("application/n-quads"));
        if resp.status().as_u16() != 200 || !is_nquads {
            return Ok(None);
        }
        let mut body = Vec::new();
        resp.body_mut()
            .with_config()
            .limit(u64::MAX)
            .reader()
            .read_to_end(&mut body)
            .map_err(|e| failed(url, e))?;
        Ok(Some(body))
    }
}

/// The engine's refusal, as it said it (cut short).
fn refusal(status: u16, body: &mut ureq::Body) -> String {
    let text = body
        .with_config()
        .limit(64 * 1024)
        .read_to_string()
        .unwrap_or_default();
    let text: String = text.trim().chars().take(500).collect();
    format!("refused ({status}): {text}")
}

/// RFC 4648 base64, for the basic authentication header.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_is_rfc_4648_base64() {
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64(b"a:b"), "YTpi");
        assert_eq!(base64(b"ab:"), "YWI6");
        assert_eq!(base64(b"ab:cd"), "YWI6Y2Q=");
    }

    #[test]
    fn the_default_endpoints_are_oxigraph_servers() {
        let c = RemoteConfig::new("http://127.0.0.1:7878/");
        assert_eq!(c.query, "http://127.0.0.1:7878/query");
        assert_eq!(c.update, "http://127.0.0.1:7878/update");
        assert_eq!(c.graph_store, "http://127.0.0.1:7878/store");
    }

    #[test]
    fn messages_leave_out_user_information() {
        assert_eq!(
            RemoteConfig::shown("http://u:p@example.org/sparql"),
            "http://***@example.org/sparql"
        );
        assert_eq!(
            RemoteConfig::shown("http://example.org/a@b"),
            "http://example.org/a@b"
        );
    }
}
