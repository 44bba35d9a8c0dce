//! `varcat validate --mqa [--links] [--json]`: this catalogue's datasets scored with
//! data.europa.eu's Metadata Quality Assessment (`crate::quality::mqa`) before any portal
//! harvests them. DCAT-AP compliance comes from the SHACL engine `validate` runs (built in); `--links` checks the access and download URLs over HTTP.

use std::collections::HashMap;
use std::time::Duration;

use oxigraph::model::{NamedOrBlankNode, Quad, Term};

use crate::feed::{FeedQuery, Profile};
use crate::quality::{Checks, Outcome, mqa};
use crate::store::vocab::dcat;

pub fn run(cli: &super::Cli, opts: &super::validate::Opts) -> anyhow::Result<()> {
    let ws = cli.open_read()?;
    let settings = opts.feed.settings()?.unsplit();
    let modified = ws.store.modified()?;
    let quads = crate::feed::from_store(
        &ws.store,
        &modified,
        &settings,
        Profile::DcatApSe,
        &FeedQuery::default(),
    )?;
    let mut checks = Checks::default();
    if !opts.links {
        // The latest kept link check, if any (`varcat linkcheck`).
        let kept = super::open_db(cli)?.latest_link_checks()?;
        if let Some(first) = kept.first() {
            eprintln!(
                "varcat: links as the check of {} found them",
                first.checked_at
            );
            checks.links = Some(kept.into_iter().map(|r| (r.url, r.ok)).collect());
        }
    }
    if opts.links {
        // Every accessURL and downloadURL, once each (the link check's first two links).
        let urls: Vec<String> = super::linkcheck::links_of(&quads, &super::linkcheck::LINKS[..2])
            .into_iter()
            .map(|(url, _, _)| url)
            .collect();
        eprintln!("varcat: checking {} access and download URLs …", urls.len());
        let results = crate::quality::links::check(&urls, 8, Duration::from_secs(10));
        for r in results.iter().filter(|r| !r.ok) {
            let why = r
                .status
                .map(|s| format!("HTTP {s}"))
                .or_else(|| r.error.clone())
                .unwrap_or_default();
            eprintln!("varcat: {} does not answer ({why})", r.url);
        }
        checks.links = Some(results.into_iter().map(|r| (r.url, r.ok)).collect());
    }
    checks.conforming = match conformance(&quads) {
        Ok(c) => Some(c),
        Err(e) => {
            eprintln!("varcat: DCAT-AP compliance not checked: {e:#}");
            None
        }
    };
    let a = mqa::assess(&quads, &checks);
    if opts.json {
        println!("{}", serde_json::to_string_pretty(&a)?);
        return Ok(());
    }
    let labels: HashMap<&str, &mqa::Indicator> = mqa::indicators().map(|i| (i.key, i)).collect();
    for d in &a.datasets {
        println!(
            "{}  {:.0} / {}  {}{}",
            d.title,
            d.points,
            a.maximum,
            d.rating.label(false),
            if d.provisional { " (preliminärt)" } else { "" }
        );
        for (key, outcome, points) in &d.results {
            let (sign, note) = match outcome {
                Outcome::Met => ("✓", String::new()),
                Outcome::NotMet => ("✗", String::new()),
                Outcome::Share(s) => ("~", format!(" ({:.0} % av distributionerna)", s * 100.0)),
                Outcome::NotChecked => ("?", " (ej kontrollerat)".to_owned()),
            };
            let i = labels.get(key);
            println!(
                "    {sign} {:<45} {:>4.0} / {:<3}{note}",
                i.map_or(*key, |i| i.sv),
                points,
                i.map_or(0, |i| i.weight),
            );
        }
    }
    println!(
        "Katalogen: {:.0} / {} ({}){}",
        a.points,
        a.maximum,
        a.rating.label(false),
        if a.provisional {
            " — preliminärt: kör med --links för alla indikatorer"
        } else {
            ""
        }
    );
    Ok(())
}

/// Whether each dataset passes the DCAT-AP-SE shapes: no violation on it or its distributions.
fn conformance(quads: &[Quad]) -> anyhow::Result<HashMap<String, bool>> {
    let report =
        crate::validation::validate(Profile::DcatApSe, &crate::validation::graph_of(quads))?;
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut result: HashMap<String, bool> = HashMap::new();
    for q in quads {
        if let NamedOrBlankNode::NamedNode(s) = &q.subject {
            if q.predicate == dcat::DISTRIBUTION_PROP
                && let Term::NamedNode(d) = &q.object
            {
                owner.insert(d.as_str().to_owned(), s.as_str().to_owned());
            }
            if q.predicate == crate::store::vocab::rdf::TYPE
                && q.object == Term::NamedNode(dcat::DATASET.into_owned())
            {
                result.insert(s.as_str().to_owned(), true);
            }
        }
    }
    for r in report.violations() {
        let focus = r.focus.as_str();
        let dataset = owner.get(focus).map_or(focus, String::as_str);
        if let Some(ok) = result.get_mut(dataset) {
            *ok = false;
        }
    }
    Ok(result)
}
