//! `varcat release NAME`: freeze the catalogue as a named release and print its change notes
//! against the previous release; `varcat release --list` lists the releases.

use anyhow::Context;

use crate::diff::{self, Language};
use crate::releases::Releases;

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// The release's name, e.g. 2026.1 (lower-case letters, digits, '.', '-').
    #[arg(required_unless_present = "list")]
    pub name: Option<String>,
    /// List the releases instead.
    #[arg(long)]
    pub list: bool,
    /// Who freezes it, for the record.
    #[arg(long, env = "USER", default_value = "okänd")]
    pub actor: String,
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    let releases = Releases::new(cli.data_dir().releases());
    if opts.list {
        for r in releases.list()? {
            println!(
                "{:<16} {}  {} variabler, {} kodverk, {} koder, {} användningsfall",
                r.name, r.created_at, r.variables, r.codebooks, r.codes, r.use_cases
            );
        }
        return Ok(());
    }
    let name = opts.name.as_deref().context("a release name is required")?;
    let mut ws = cli.open_read()?;
    let previous = releases.list()?.pop();
    let now = crate::workspace::now();
    let r = releases.create(name, &ws.store, &opts.actor, &now)?;
    eprintln!(
        "varcat: release {} frozen ({} variables, {} codebooks, {} codes)",
        r.name, r.variables, r.codebooks, r.codes
    );
    match previous {
        None => eprintln!("varcat: the first release; nothing to compare with"),
        Some(p) => {
            let old = releases.load(&p.name, ws.store.iris())?;
            let new = releases.load(&r.name, ws.store.iris())?;
            let changes = diff::catalogs(&old, &new);
            println!("Ändringar sedan {} / Changes since {}:", p.name, p.name);
            for line in diff::notes(&changes, Language::Sv) {
                println!("  {line}");
            }
            let applied = crate::releases::proposal_notes(&mut ws.db, &p.created_at, Language::Sv)?;
            for line in &applied {
                println!("  {line}");
            }
            if changes.is_empty() && applied.is_empty() {
                println!("  Inga ändringar / No changes");
            }
        }
    }
    Ok(())
}
