//! `varcat serve`: the HTTP server.

use crate::config::DEFAULT_BIND;

/// How often the server keeps its snapshot on disk when writes have changed it.
const SAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(30);
/// How often a server on a remote store asks it whether another process wrote.
const POLL_EVERY: std::time::Duration = std::time::Duration::from_millis(250);

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Address to listen on.
    #[arg(long, default_value = DEFAULT_BIND, env = "VARCAT_BIND")]
    pub bind: String,
    #[command(flatten)]
    pub feed: super::FeedArgs,
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    let settings = opts.feed.settings()?;
    let ws = cli.open()?;
    let base = ws.store.iris().base().to_owned();
    tracing::info!(bind = %opts.bind, base = %base, "serving the catalogue");
    eprintln!("varcat: serving on http://{} (base IRI {base})", opts.bind);
    eprintln!(
        "varcat: opening the catalogue (read and indexed afresh unless kept at this revision)…"
    );
    let started = std::time::Instant::now();
    // A token for the data directory's owner, so that `varcat import` and the other commands
    // on this machine can work through this server while it holds the store.
    let local_token = crate::governance::tokens::generate()?;
    let state =
        crate::web::State::with_search_dir(ws.store, settings, Some(cli.data_dir().search_index()))
            .map_err(|e| anyhow::anyhow!(e.detail()))?
            .with_releases(cli.data_dir().releases())
            .with_db(ws.db)
            .with_local_token(crate::governance::tokens::hash(&local_token));
    let snap = state.snapshot();
    eprintln!(
        "varcat: {} items, {} searchable documents, ready in {:.1} s",
        snap.modified.len(),
        snap.search.len(),
        started.elapsed().as_secs_f64()
    );
    // What the snapshot is after writes is kept on disk now and then, and when the server
    // stops, so that the next start need not read and index the whole store again.
    let current = state.current.clone();
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(SAVE_EVERY);
            current.save();
        }
    });
    // On a remote store other servers write too: what they wrote is read within a poll.
    if state.store.is_remote() {
        let state = state.clone();
        std::thread::spawn(move || {
            let mut failing = false;
            loop {
                std::thread::sleep(POLL_EVERY);
                match crate::web::writer::catch_up(&state) {
                    Ok(_) if failing => {
                        failing = false;
                        tracing::info!("the SPARQL store answers again");
                    }
                    Ok(_) => {}
                    Err(e) if !failing => {
                        failing = true;
                        tracing::warn!(error = %e.detail(), "cannot read what other servers wrote to the SPARQL store");
                    }
                    Err(_) => {}
                }
            }
        });
    }
    let current = state.current.clone();
    let data = cli.data_dir().path().to_path_buf();
    super::remote::record(
        &data,
        &super::remote::Server {
            url: local_url(&opts.bind),
            token: local_token.clone(),
            pid: std::process::id(),
        },
    )?;
    let served = actix_web::rt::System::new().block_on(crate::web::serve(state, &opts.bind));
    super::remote::forget(&data, &local_token);
    current.save();
    Ok(served?)
}

/// The address the command line on this machine reaches the server at.
fn local_url(bind: &str) -> String {
    let (host, port) = bind.rsplit_once(':').unwrap_or((bind, "80"));
    let host = match host {
        "0.0.0.0" | "" => "127.0.0.1",
        "[::]" => "[::1]",
        h => h,
    };
    format!("http://{host}:{port}")
}
