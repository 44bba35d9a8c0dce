//! Helpers: run the real `varcat` binary against a temporary data directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BASE: &str = "https://varcat.test";

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// A data directory in a temporary folder, initialised.
pub struct Env {
    pub tmp: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        let env = Self {
            tmp: tempfile::tempdir().expect("temp dir"),
        };
        let out = env.run(&["init"]);
        assert!(out.status.success(), "init failed: {}", stderr(&out));
        env
    }

    pub fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_varcat"))
            .arg("--data-dir")
            .arg(self.data())
            .arg("--base-iri")
            .arg(BASE)
            .args(args)
            .env("VARCAT_ACTOR", "test")
            .env_remove("VARCAT_DATA_DIR")
            .env_remove("VARCAT_BASE_IRI")
            .output()
            .expect("run varcat")
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

    pub fn import(&self, path: &Path) -> Output {
        self.run(&["import", path.to_str().expect("utf-8 path")])
    }

    /// The whole store as sorted N-Quads, timestamps and graph names included.
    pub fn dump(&self) -> String {
        let out = self.path("dump.nq");
        self.run_ok(&[
            "export",
            "--format",
            "nq",
            out.to_str().expect("utf-8 path"),
        ]);
        let text = std::fs::read_to_string(&out).expect("dump");
        let mut lines: Vec<&str> = text.lines().collect();
        lines.sort();
        lines.join("\n")
    }

    pub fn stats(&self) -> serde_json::Value {
        let out = self.run_ok(&["stats", "--json"]);
        serde_json::from_slice(&out.stdout).expect("stats --json prints JSON")
    }
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes a folder of CSV files: `(file name, content)`.
pub fn csv_dir(root: &Path, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (f, content) in files {
        std::fs::write(dir.join(f), content).expect("write csv");
    }
    dir
}

/// `varcat serve` on a free port over an Env's data directory, stopped (SIGKILL) when dropped.
pub struct Served {
    pub child: std::process::Child,
    pub url: String,
}

impl Served {
    pub fn start(env: &Env) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .expect("port")
            .local_addr()
            .expect("addr")
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_varcat"))
            .arg("--data-dir")
            .arg(env.data())
            .args([
                "--base-iri",
                BASE,
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("serve");
        let url = format!("http://127.0.0.1:{port}");
        let served = Self { child, url };
        for _ in 0..300 {
            std::thread::sleep(std::time::Duration::from_millis(50));
            if served.get("/health").0 == 200 && env.data().join("server.json").is_file() {
                return served;
            }
        }
        panic!("the server did not start");
    }

    /// GET `path` as a browser asks: the status and body (status 0 when nothing answers).
    pub fn get(&self, path: &str) -> (u16, String) {
        self.fetch(path, "text/html")
    }

    /// GET `path` with `Accept: accept`.
    pub fn fetch(&self, path: &str, accept: &str) -> (u16, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        match agent
            .get(&format!("{}{path}", self.url))
            .header("Accept", accept)
            .call()
        {
            Ok(mut r) => {
                let status = r.status().as_u16();
                let body = r
                    .body_mut()
                    .with_config()
                    .limit(u64::MAX)
                    .read_to_string()
                    .unwrap_or_default();
                (status, body)
            }
            Err(_) => (0, String::new()),
        }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `varcat serve` on catalog-data (5 collections) whose base IRI is its own address, as in
/// production, so the IRIs it writes can be followed.
pub struct OwnAddress {
    _tmp: tempfile::TempDir,
    child: std::process::Child,
    pub url: String,
}

impl OwnAddress {
    pub fn start(max_datasets: usize) -> Self {
        let tmp = tempfile::tempdir().expect("temp dir");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("port")
            .port();
        let url = format!("http://127.0.0.1:{port}");
        let data = tmp.path().join("data");
        let varcat = |args: &[&str]| {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_varcat"));
            cmd.arg("--data-dir")
                .arg(&data)
                .args(["--base-iri", &url])
                .args(args)
                .env_remove("VARCAT_DATA_DIR")
                .env_remove("VARCAT_BASE_IRI");
            cmd
        };
        for args in [
            vec!["init"],
            vec![
                "import",
                repo().join("catalog-data").to_str().expect("path"),
            ],
        ] {
            let out = varcat(&args).output().expect("varcat");
            assert!(out.status.success(), "{args:?}: {out:?}");
        }
        let child = varcat(&["serve", "--bind", &url[7..]])
            .args(["--max-datasets", &max_datasets.to_string()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("serve");
        let served = Self {
            _tmp: tmp,
            child,
            url,
        };
        for _ in 0..300 {
            std::thread::sleep(std::time::Duration::from_millis(50));
            if served.status("/health") == 200 {
                return served;
            }
        }
        panic!("the server did not start");
    }

    /// Runs `varcat ARGS` on the server's data directory (through the server, which holds it).
    pub fn varcat(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_varcat"))
            .arg("--data-dir")
            .arg(self._tmp.path().join("data"))
            .args(args)
            .env_remove("VARCAT_DATA_DIR")
            .env_remove("VARCAT_BASE_IRI")
            .output()
            .expect("run varcat")
    }

    pub fn status(&self, path: &str) -> u16 {
        self.fetch(path).0
    }

    pub fn fetch(&self, path: &str) -> (u16, Vec<u8>) {
        self.request("GET", path, "application/rdf+xml").0
    }

    /// `method` (GET or HEAD) on `path` with `Accept: accept`: the status and body, and the
    /// headers that must agree between the two methods.
    pub fn request(&self, method: &str, path: &str, accept: &str) -> ((u16, Vec<u8>), Vec<String>) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build()
            .into();
        let url = format!("{}{path}", self.url);
        let answer = match method {
            "HEAD" => agent.head(&url).header("Accept", accept).call(),
            _ => agent.get(&url).header("Accept", accept).call(),
        };
        match answer {
            Ok(mut r) => {
                let headers = [
                    "content-type",
                    "etag",
                    "last-modified",
                    "location",
                    "content-length",
                ]
                .iter()
                .map(|h| {
                    let v = r.headers().get(*h).and_then(|v| v.to_str().ok());
                    format!("{h}: {}", v.unwrap_or(""))
                })
                .collect();
                let body = r.body_mut().read_to_vec().unwrap_or_default();
                ((r.status().as_u16(), body), headers)
            }
            Err(_) => ((0, Vec::new()), Vec::new()),
        }
    }
}

impl Drop for OwnAddress {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
