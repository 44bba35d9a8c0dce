//! `varcat init`: creates the data directory; running it again changes nothing.

use crate::workspace::Workspace;

#[derive(Debug, clap::Args)]
pub struct Opts {}

pub fn run(cli: &super::Cli, _opts: &Opts) -> anyhow::Result<()> {
    let dir = cli.data_dir();
    let existed = dir.exists();
    let ws = Workspace::init(&dir, cli.iris()?)?;
    super::record_base(&dir, ws.store.iris())?;
    if existed {
        eprintln!(
            "varcat: {} already holds a catalogue; nothing to do",
            dir.path().display()
        );
    } else {
        eprintln!(
            "varcat: created the catalogue in {} (base IRI {})",
            dir.path().display(),
            ws.store.iris().base()
        );
    }
    Ok(())
}
