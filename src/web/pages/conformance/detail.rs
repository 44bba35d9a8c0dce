//! The conformance of one variable: per region (`/efterlevnad/variabel/{id}`), and for one
//! region over the periods with its rules (`/efterlevnad/{orgnr}/{variable}`).

use askama::Template;

use crate::conformance::results::{self, Region, Results};
use crate::domain::{Catalog, ItemKind, Variable};

use super::super::Ui;
use super::super::views::href;
use super::view::{Texts, cell_text, no_report, percent, rule_label, synthetic_note, t, texts};

pub struct RegionRow {
    pub region: String,
    pub href: Option<String>,
    pub share: String,
    pub period: String,
    pub checked: String,
    pub failing: String,
}

#[derive(Template)]
#[template(path = "pages/conformance_variable.html")]
pub struct VariablePage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub variable_href: String,
    pub delivered: String,
    pub synthetic_note: Option<&'static str>,
    pub rows: Vec<RegionRow>,
    pub chart: String,
    pub csv: String,
    pub back: String,
    pub tx: Texts,
}

pub fn name(ui: Ui, v: &Variable) -> String {
    if ui.english() && !v.name.en.is_empty() {
        v.name.en.clone()
    } else {
        v.name.sv.clone()
    }
}

/// "levereras enligt specifikationen av N av 21 regioner", when any region reported it.
pub fn delivered_line(
    ui: Ui,
    results: &Results,
    regions: &[Region],
    variable: &str,
) -> Option<String> {
    let (ok, reported) = results.delivered_by(regions, variable);
    (reported > 0).then(|| {
        if ui.english() {
            format!(
                "delivered per specification by {ok} of {} regions",
                regions.len()
            )
        } else {
            format!(
                "levereras enligt specifikationen av {ok} av {} regioner",
                regions.len()
            )
        }
    })
}

pub fn variable(
    cat: &Catalog,
    results: &Results,
    ui: Ui,
    path: &str,
    v: &Variable,
) -> VariablePage {
    let regions = results::regions(cat, ui.english());
    let rows = regions
        .iter()
        .map(|r| {
            let cell = results.latest(&r.orgnr, v.id.as_str());
            RegionRow {
                region: r.name.clone(),
                href: cell.map(|_| format!("{}/efterlevnad/{}/{}", ui.prefix, r.orgnr, v.id)),
                share: cell.map_or_else(|| no_report(ui).to_owned(), |c| cell_text(ui, c)),
                period: cell.map(|c| c.period.clone()).unwrap_or_default(),
                checked: cell.map(|c| c.checked.to_string()).unwrap_or_default(),
                failing: cell.map(|c| c.failing.to_string()).unwrap_or_default(),
            }
        })
        .collect();
    let delivered = delivered_line(ui, results, &regions, v.id.as_str()).unwrap_or_else(|| {
        t(
            ui,
            "Ingen region har rapporterat variabeln ännu.",
            "No region has reported the variable yet.",
        )
        .to_owned()
    });
    VariablePage {
        ui,
        title: format!("{}: {}", t(ui, "Efterlevnad", "Conformance"), name(ui, v)),
        switch: ui.switch_href(path),
        variable_href: href(ui, ItemKind::Variable, v.id.as_str()),
        delivered,
        synthetic_note: synthetic_note(ui, results),
        rows,
        chart: format!("{}/efterlevnad/diagram/variabel/{}.svg", ui.prefix, v.id),
        csv: format!("{}/efterlevnad/variabel/{}.csv", ui.prefix, v.id),
        back: format!("{}/efterlevnad", ui.prefix),
        tx: texts(ui),
    }
}

pub struct PeriodRow {
    pub period: String,
    pub checked: i64,
    pub failing: i64,
    pub share: String,
}

pub struct RuleRow {
    pub rule: String,
    pub failing: i64,
}

#[derive(Template)]
#[template(path = "pages/conformance_detail.html")]
pub struct DetailPage {
    pub ui: Ui,
    pub title: String,
    pub switch: String,
    pub variable_href: String,
    pub variable_name: String,
    pub all_regions: String,
    pub synthetic_note: Option<&'static str>,
    pub collection: String,
    pub periods: Vec<PeriodRow>,
    pub rules: Vec<RuleRow>,
    pub no_failures: Option<&'static str>,
    pub chart: String,
    pub csv: String,
    pub tx: Texts,
}

/// The detail of `region` for `v`, or `None` when the region reported nothing of it.
pub fn detail(
    results: &Results,
    ui: Ui,
    path: &str,
    region: &Region,
    v: &Variable,
) -> Option<DetailPage> {
    let trend = results.trend(&region.orgnr, v.id.as_str())?;
    let latest = trend.values().next_back()?;
    let periods = trend
        .values()
        .map(|c| PeriodRow {
            period: c.period.clone(),
            checked: c.checked,
            failing: c.failing,
            share: cell_text(ui, c),
        })
        .collect();
    let rules: Vec<RuleRow> = latest
        .rules
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(r, n)| RuleRow {
            rule: rule_label(ui, r),
            failing: *n,
        })
        .collect();
    let no_failures = rules.is_empty().then(|| {
        if latest.missing {
            t(
                ui,
                "Uttaget hade ingen kolumn för variabeln.",
                "The extract had no column for the variable.",
            )
        } else {
            t(
                ui,
                "Inga rader bröt mot någon regel.",
                "No row broke a rule.",
            )
        }
    });
    Some(DetailPage {
        ui,
        title: format!("{} – {}", name(ui, v), region.name),
        switch: ui.switch_href(path),
        variable_href: href(ui, ItemKind::Variable, v.id.as_str()),
        variable_name: name(ui, v),
        all_regions: format!("{}/efterlevnad/variabel/{}", ui.prefix, v.id),
        synthetic_note: synthetic_note(ui, results),
        collection: latest.collection.clone(),
        periods,
        rules,
        no_failures,
        chart: format!(
            "{}/efterlevnad/diagram/{}/{}.svg",
            ui.prefix, region.orgnr, v.id
        ),
        csv: format!("{}/efterlevnad/{}/{}.csv", ui.prefix, region.orgnr, v.id),
        tx: texts(ui),
    })
}

/// The trend's points for the chart: (period, share, text).
pub fn trend_points(
    results: &Results,
    ui: Ui,
    region: &str,
    variable: &str,
) -> Vec<(String, f64, String)> {
    results
        .trend(region, variable)
        .map(|t| {
            t.values()
                .filter_map(|c| c.share().map(|s| (c.period.clone(), s, percent(ui, s))))
                .collect()
        })
        .unwrap_or_default()
}
