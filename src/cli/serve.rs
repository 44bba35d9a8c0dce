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
    tracing::info!(bind = %opts.bind, base = %cli.base_iri, "serving the catalogue");
    eprintln!(
        "varcat: serving on http://{} (base IRI {})",
        opts.bind, cli.base_iri
    );
    let state = crate::web::State::new(ws.store, settings);
    actix_web::rt::System::new().block_on(crate::web::serve(state, &opts.bind))?;
    Ok(())
}
