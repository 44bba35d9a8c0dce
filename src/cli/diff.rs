//! `varcat diff A B`: what changed from A to B, as change notes (Swedish or English) or JSON.
//! A and B are each a release name, `current` (the catalogue now), or a path: a spreadsheet
//! workbook, CSV folder or SKOS file as `varcat import` reads it, or an N-Quads export.

use std::path::Path;

use anyhow::{Context, bail};

use crate::diff::{self, Language};
use crate::domain::Catalog;
use crate::releases::Releases;

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// The older catalogue: a release name, `current`, or a file or folder.
    pub old: String,
    /// The newer catalogue: a release name, `current`, or a file or folder.
    pub new: String,
    /// Language of the change notes.
    #[arg(long, value_enum, default_value = "sv")]
    pub lang: Language,
    /// Print every field change as JSON instead of notes.
    #[arg(long)]
    pub json: bool,
}

fn catalogue(cli: &super::Cli, which: &str) -> anyhow::Result<Catalog> {
    if which == "current" || which == "aktuell" {
        return Ok(cli.open()?.store.load_catalog()?);
    }
    let path = Path::new(which);
    if path.exists() {
        if path.extension().is_some_and(|e| e == "nq") {
            return crate::releases::load_quads_file(path, &cli.iris()?)
                .map_err(|e| anyhow::anyhow!(e));
        }
        return match crate::import::plan(path, &Catalog::default(), Default::default()) {
            Ok(p) => Ok(p.catalog),
            Err(rejected) => {
                let lines: Vec<String> =
                    rejected.problems.iter().map(|p| format!("  {p}")).collect();
                bail!("{which} cannot be read:\n{}", lines.join("\n"))
            }
        };
    }
    Releases::new(cli.data_dir().releases())
        .load(which, &cli.iris()?)
        .with_context(|| format!("{which:?} is neither a release, `current`, nor an existing path"))
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    let old = catalogue(cli, &opts.old)?;
    let new = catalogue(cli, &opts.new)?;
    let changes = diff::catalogs(&old, &new);
    if opts.json {
        println!("{}", serde_json::to_string_pretty(&changes)?);
        return Ok(());
    }
    let lines = diff::notes(&changes, opts.lang);
    if lines.is_empty() {
        println!(
            "{}",
            match opts.lang {
                Language::Sv => "Inga ändringar.",
                Language::En => "No changes.",
            }
        );
    }
    for l in lines {
        println!("{l}");
    }
    Ok(())
}
