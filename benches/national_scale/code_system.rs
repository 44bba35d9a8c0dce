//! A code system of national size (40,000 codes, the size of ICD-10-SE) with a value set drawn
//! from it by a range: imported from a two-column code sheet through `varcat import`, then the
//! pages rendered in process, afresh each time (no kept page): the page of a variable whose
//! value domain it is and whose use-case binding narrows it (goal ≤ 5 ms), the code system's
//! first page, a search within it, and the value set's page.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use varcat::domain::{ItemKey, ItemKind};
use varcat::store::{CatalogStore, Iris};
use varcat::web::pages::code_pages::CodeQuery;
use varcat::web::pages::{Ui, Versions, item_page};
use varcat::web::visibility::Viewer;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const CODES: usize = 40_000;
const RENDERS: usize = 50;

fn write_content(dir: &Path) -> Res<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join("kodverk.csv"),
        "Identifierare,Titel,Version,Delmängd av,Urval,Status\n\
         stort,Syntetiskt kodsystem,2024,,,standard\n\
         urval,Syntetisk värdemängd,2024,stort,C01.000–C02.999,standard\n",
    )?;
    let mut codes = String::from("Kodverk,Kod,Benämning\n");
    for i in 0..CODES {
        writeln!(
            codes,
            "stort,C{:02}.{:03},Syntetisk kod {i}",
            i / 1000,
            i % 1000
        )?;
    }
    std::fs::write(dir.join("koder.csv"), codes)?;
    std::fs::write(
        dir.join("variabler.csv"),
        "Identifierare,Namn,Definition,Datatyp,Värdemängd,Status\ndiagnos,Diagnos,Syntetisk.,kod,stort,standard\n",
    )?;
    std::fs::write(
        dir.join("anvandningsfall.csv"),
        "Identifierare,Titel,Status\nfall,Fall,standard\n",
    )?;
    std::fs::write(
        dir.join("kopplingar.csv"),
        "Användningsfall,Variabel,Roll,Värdemängd\nfall,diagnos,obligatorisk,urval\n",
    )?;
    Ok(())
}

fn percentile(v: &mut [Duration], p: f64) -> Duration {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v.get(i).copied().unwrap_or_default()
}

pub fn measure(dir: &Path) -> Res<String> {
    let content = dir.join("code-system");
    write_content(&content)?;
    let t = Instant::now();
    let data = super::catalogue_of(&content)?;
    let import = t.elapsed();
    let iris = Iris::new(varcat::config::DEFAULT_BASE_IRI)?;
    let store = CatalogStore::open(&data.path().join("data/store"), iris)?;
    let state = varcat::web::State::new(
        store,
        varcat::feed::FeedSettings {
            publisher: varcat::domain::OrgNr::parse("222000-0315")?,
            max_datasets: 1000,
        },
    )?;
    let snap = state.snapshot();
    let viewer = Viewer::Anonymous;
    let cat = snap.catalog(viewer);
    let iris = state.store.iris();
    let mut out = format!(
        "\n### A code system of national size — {}\n\n{CODES} codes from a three-column code \
         sheet, a value set drawn from it by a range, a variable and a use case whose binding \
         narrows it; `varcat import` took {import:.2?}. Pages rendered in process, afresh each \
         time ({RENDERS} renders):\n\n| page | p50 | p95 |\n|---|---|---|\n",
        chrono::Utc::now().format("%Y-%m-%d")
    );
    let pages: [(&str, ItemKind, &str, &str); 4] = [
        (
            "variable (value domain of 40,000 codes; goal ≤ 5 ms)",
            ItemKind::Variable,
            "diagnos",
            "",
        ),
        ("code system, page 1", ItemKind::Codebook, "stort", ""),
        (
            "code system, searched within",
            ItemKind::Codebook,
            "stort",
            "q=C12.34",
        ),
        ("value set (2,000 members)", ItemKind::Codebook, "urval", ""),
    ];
    for (label, kind, id, query) in pages {
        let key = ItemKey {
            kind,
            id: id.to_owned(),
        };
        let path = format!("/{}/{id}", kind.path_segment());
        let query = CodeQuery::parse(query);
        let mut times = Vec::new();
        for _ in 0..RENDERS {
            let t = Instant::now();
            let page = item_page(
                cat,
                &key,
                Ui::SV,
                &path,
                &snap,
                viewer,
                iris,
                &Versions::default(),
                &query,
            )?;
            times.push(t.elapsed());
            if page.is_none() {
                return Err(format!("no page for {path}").into());
            }
        }
        let (p50, p95) = (percentile(&mut times, 0.5), percentile(&mut times, 0.95));
        writeln!(out, "| {label} | {p50:.2?} | {p95:.2?} |")?;
        eprintln!("{label}: p50 {p50:.2?}, p95 {p95:.2?}");
    }
    Ok(out)
}
