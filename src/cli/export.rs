//! `varcat export`: the catalogue as xlsx, a CSV folder, Turtle or N-Quads.

use std::io::BufWriter;
use std::path::PathBuf;

use anyhow::{Context, bail};
use oxigraph::io::RdfFormat;

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Format {
    Xlsx,
    Csv,
    Ttl,
    Nq,
    Rdf,
    Jsonld,
    Nt,
}

#[derive(Debug, clap::Args)]
pub struct Opts {
    /// Output format; guessed from OUT's extension when left out (a folder means csv).
    /// With --feed: rdf (default), ttl, jsonld or nt.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write a harvestable feed instead of the catalogue content.
    #[arg(long, value_enum)]
    pub feed: Option<crate::feed::Profile>,
    #[command(flatten)]
    pub feed_args: super::FeedArgs,
    /// The file (or, for csv, the folder) to write.
    pub out: PathBuf,
}

pub fn run(cli: &super::Cli, opts: &Opts) -> anyhow::Result<()> {
    if let Some(profile) = opts.feed {
        return export_feed(cli, opts, profile);
    }
    let format = match opts.format {
        Some(f) => f,
        None => match opts.out.extension().and_then(|e| e.to_str()) {
            Some("xlsx") => Format::Xlsx,
            Some("ttl") => Format::Ttl,
            Some("nq") => Format::Nq,
            Some("csv") | None => Format::Csv,
            Some(other) => {
                bail!("cannot tell the format from .{other}; pass --format xlsx|csv|ttl|nq")
            }
        },
    };
    let ws = cli.open_read()?;
    match format {
        Format::Xlsx => crate::export::write_xlsx(&ws.store.load_catalog()?, &opts.out)?,
        Format::Csv => crate::export::write_csv_dir(&ws.store.load_catalog()?, &opts.out)?,
        Format::Rdf | Format::Jsonld | Format::Nt => {
            bail!("--format rdf, jsonld and nt are for --feed")
        }
        Format::Ttl | Format::Nq => {
            let rdf = if matches!(format, Format::Ttl) {
                RdfFormat::Turtle
            } else {
                RdfFormat::NQuads
            };
            let tmp = opts.out.with_extension("partial");
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("creating {}", tmp.display()))?;
            let mut w = ws.store.write_all(rdf, BufWriter::new(file))?;
            std::io::Write::flush(&mut w)?;
            std::fs::rename(&tmp, &opts.out)
                .with_context(|| format!("writing {}", opts.out.display()))?;
        }
    }
    eprintln!("varcat: exported the catalogue to {}", opts.out.display());
    Ok(())
}

fn export_feed(cli: &super::Cli, opts: &Opts, profile: crate::feed::Profile) -> anyhow::Result<()> {
    let format = match opts
        .format
        .or_else(|| match opts.out.extension().and_then(|e| e.to_str()) {
            Some("ttl") => Some(Format::Ttl),
            Some("jsonld") => Some(Format::Jsonld),
            Some("nt") => Some(Format::Nt),
            _ => None,
        }) {
        None | Some(Format::Rdf) => RdfFormat::RdfXml,
        Some(Format::Ttl) => RdfFormat::Turtle,
        Some(Format::Jsonld) => RdfFormat::JsonLd {
            profile: Default::default(),
        },
        Some(Format::Nt) => RdfFormat::NTriples,
        Some(other) => bail!("a feed cannot be written as {other:?}; use rdf, ttl, jsonld or nt"),
    };
    let settings = opts.feed_args.settings()?;
    let mut ws = cli.open_read()?;
    let body = super::validate::feed_bytes(&mut ws, &settings, profile, format)?;
    let tmp = opts.out.with_extension("partial");
    std::fs::write(&tmp, &body).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, &opts.out).with_context(|| format!("writing {}", opts.out.display()))?;
    eprintln!(
        "varcat: wrote the {profile:?} feed ({} bytes) to {}",
        body.len(),
        opts.out.display()
    );
    Ok(())
}
