//! `varcat serve`: the HTTP server.

use crate::config::DEFAULT_BIND;

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
    eprintln!("varcat: reading the catalogue and building the search index…");
    let started = std::time::Instant::now();
    let state =
        crate::web::State::with_search_dir(ws.store, settings, Some(cli.data_dir().search_index()))
            .map_err(|e| anyhow::anyhow!(e.detail()))?
            .with_releases(cli.data_dir().releases())
            .with_db(ws.db);
    let snap = state.snapshot();
    eprintln!(
        "varcat: {} items, {} searchable documents, ready in {:.1} s",
        snap.modified.len(),
        snap.search.len(),
        started.elapsed().as_secs_f64()
    );
    actix_web::rt::System::new().block_on(crate::web::serve(state, &opts.bind))?;
    Ok(())
}
