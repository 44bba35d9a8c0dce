//! `varcat diff A B`: what changed from A to B, as change notes (Swedish or English) or JSON.
//! A and B are each a release name, `current` (the catalogue now), a path (a spreadsheet
//! workbook, CSV folder or SKOS file as `varcat import` reads it, or an N-Quads export), or one
//! item or one of its frozen versions: `variabel/remissdatum`, `variabel/remissdatum/1.0`.

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
        return Ok(cli.open_read()?.store.load_catalog()?);
    }
    if let Some(one) = item_version(cli, which)? {
        return Ok(one);
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

/// `kind/id` (the current item) or `kind/id/version` (a frozen version) as a one-item catalogue.
fn item_version(cli: &super::Cli, which: &str) -> anyhow::Result<Option<Catalog>> {
    let segments = which.trim_matches('/').split('/').count();
    let kinds = crate::domain::ItemKind::ALL.map(|k| k.path_segment());
    let first = which
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    if !(2..=3).contains(&segments) || !kinds.contains(&first) || Path::new(which).exists() {
        return Ok(None);
    }
    let ws = cli.open_read()?;
    let iri = format!("{}/{}", ws.store.iris().base(), which.trim_matches('/'));
    let node = oxigraph::model::NamedNode::new(&iri)?;
    if let Some((_, cat)) = ws.store.load_version(&node)? {
        return Ok(Some(cat));
    }
    let Some(key) = ws.store.iris().item_of(&iri) else {
        bail!("{which} is not an item");
    };
    if ws.store.iris().item(&key) != node {
        bail!("{which}: no such version (see the item's page for its versions)");
    }
    let all = ws.store.load_catalog()?;
    if !all.contains(&key) {
        bail!("{which}: no such item");
    }
    let mut one = Catalog::default();
    let id = crate::domain::Id::parse(&key.id).ok();
    match (key.kind, id) {
        (crate::domain::ItemKind::Variable, Some(id)) => {
            one.variables
                .extend(all.variables.get(&id).map(|v| (id, v.clone())));
        }
        (crate::domain::ItemKind::Codebook, Some(id)) => {
            one.codebooks
                .extend(all.codebooks.get(&id).map(|v| (id, v.clone())));
        }
        (crate::domain::ItemKind::UseCase, Some(id)) => {
            one.use_cases
                .extend(all.use_cases.get(&id).map(|v| (id, v.clone())));
        }
        (crate::domain::ItemKind::Collection, Some(id)) => {
            one.collections
                .extend(all.collections.get(&id).map(|v| (id, v.clone())));
        }
        (crate::domain::ItemKind::ProblemArea, Some(id)) => {
            one.problem_areas
                .extend(all.problem_areas.get(&id).map(|v| (id, v.clone())));
        }
        _ => bail!("{which}: compare organisations as part of whole catalogues"),
    }
    Ok(Some(one))
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
