//! A real SPARQL 1.1 engine for the remote-store tests: the Oxigraph server that `.ci/python-deps`
//! installs from PyPI into `.venv-store/` (or the binary `VARCAT_TEST_OXIGRAPH` names), started
//! on a free loopback port over a folder of its own; and data directories whose content lives
//! in it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};

use crate::support::{BASE, repo, stderr};

fn binary() -> PathBuf {
    let path = std::env::var_os("VARCAT_TEST_OXIGRAPH")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".venv-store/bin/oxigraph"));
    assert!(
        path.is_file(),
        "the Oxigraph server is not installed at {}: run .ci/python-deps (it installs PyPI's \
         oxigraph into .venv-store/), or name the binary in VARCAT_TEST_OXIGRAPH",
        path.display()
    );
    path
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// An Oxigraph server over its own folder, killed when dropped.
pub struct Engine {
    pub dir: tempfile::TempDir,
    pub port: u16,
    pub child: Arc<Mutex<Option<Child>>>,
}

impl Engine {
    pub fn start() -> Self {
        let engine = Self {
            dir: tempfile::tempdir().expect("temp dir"),
            port: free_port(),
            child: Arc::default(),
        };
        engine.restart();
        engine
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Starts the server (again) on the same folder and port, and waits until it answers.
    pub fn restart(&self) {
        let child = Command::new(binary())
            .arg("serve")
            .arg("--location")
            .arg(self.dir.path())
            .args(["--bind", &format!("127.0.0.1:{}", self.port)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the Oxigraph server");
        *self.child.lock().expect("lock") = Some(child);
        for _ in 0..400 {
            if self.answers() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the Oxigraph server did not start");
    }

    fn answers(&self) -> bool {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        agent
            .post(&format!("{}/query", self.url()))
            .header("Content-Type", "application/sparql-query")
            .send("ASK {}".as_bytes())
            .is_ok_and(|r| r.status().as_u16() == 200)
    }

    /// Kills the server as a crash would.
    pub fn kill(&self) {
        kill(&self.child);
    }
}

pub fn kill(child: &Mutex<Option<Child>>) {
    if let Some(mut c) = child.lock().expect("lock").take() {
        let _ = c.kill();
        let _ = c.wait();
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A data directory whose content lives in `store_url`, optionally with its operational
/// database in PostgreSQL.
pub struct RemoteEnv {
    pub tmp: tempfile::TempDir,
    pub store_url: String,
    pub database_url: Option<String>,
}

impl RemoteEnv {
    pub fn new(engine: &Engine) -> Self {
        Self::with_database(engine, None)
    }

    pub fn with_database(engine: &Engine, database_url: Option<String>) -> Self {
        Self {
            tmp: tempfile::tempdir().expect("temp dir"),
            store_url: engine.url(),
            database_url,
        }
    }

    pub fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    pub fn command(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_varcat"));
        cmd.arg("--data-dir")
            .arg(self.data())
            .args(["--base-iri", BASE, "--store-url", &self.store_url])
            .env("VARCAT_ACTOR", "test")
            .env_remove("VARCAT_DATA_DIR")
            .env_remove("VARCAT_BASE_IRI")
            .env_remove("VARCAT_STORE_UPDATE_URL")
            .env_remove("VARCAT_STORE_QUERY_URL")
            .env_remove("VARCAT_STORE_GRAPH_STORE_URL");
        match &self.database_url {
            Some(url) => cmd.env("VARCAT_DATABASE_URL", url),
            None => cmd.env_remove("VARCAT_DATABASE_URL"),
        };
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run varcat")
    }

    pub fn run_ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "varcat {args:?} failed:\n{}",
            stderr(&out)
        );
        out
    }

    /// The whole catalogue as N-Quads (the replica this process read from the engine).
    pub fn dump(&self) -> String {
        dump_with(self.tmp.path(), |args| self.run_ok(args))
    }
}

/// `export --format nq` through `run`, as comparable text: sorted lines, blank node labels
/// and modification times (which differ between two writes of the same content) left out.
pub fn dump_with(tmp: &Path, run: impl Fn(&[&str]) -> Output) -> String {
    let out = tmp.join("dump.nq");
    run(&[
        "export",
        "--format",
        "nq",
        out.to_str().expect("utf-8 path"),
    ]);
    let text = std::fs::read_to_string(&out).expect("dump");
    let mut lines: Vec<String> = text
        .lines()
        .map(|l| {
            let l = if l.contains("<http://purl.org/dc/terms/modified>") {
                l.split('"').next().unwrap_or(l).to_owned()
            } else {
                l.to_owned()
            };
            l.split(' ')
                .map(|w| if w.starts_with("_:") { "_:b" } else { w })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    lines.sort();
    lines.join("\n")
}
