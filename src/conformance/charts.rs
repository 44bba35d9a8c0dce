//! The conformance charts, drawn on the server as SVG with `plotters` (its SVG backend only):
//! horizontal bars (conformance per region for a variable, readiness per region for a use
//! case) and a line over periods (a region's trend for a variable). Every number is also
//! written in the chart, and the pages put the same figures in a table beside it.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

/// One bar: its label and value; `None` is drawn as `none_text` (e.g. "no report"), never 0.
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    /// The value as written beside the bar.
    pub text: String,
}

const FONT: &str = "sans-serif";
/// A blue dark enough for text on white and white text on it (WCAG AA).
const BAR: RGBColor = RGBColor(0x1f, 0x4e, 0x79);
const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);

/// A title that fits the chart's width.
fn fit(title: &str) -> String {
    if title.chars().count() <= 80 {
        title.to_owned()
    } else {
        let short: String = title.chars().take(77).collect();
        format!("{}…", short.trim_end())
    }
}

fn failed(e: impl std::fmt::Display) -> String {
    format!("the chart could not be drawn: {e}")
}

/// Horizontal bars from 0 to `max`, one per label, each with its value written beside it.
pub fn bars(title: &str, bars: &[Bar], max: f64, axis: &str) -> Result<String, String> {
    let n = bars.len().max(1);
    let height = 70 + 24 * u32::try_from(n).unwrap_or(100);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, height)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .caption(fit(title), (FONT, 16))
            .margin(8)
            .x_label_area_size(36)
            .y_label_area_size(170)
            .build_cartesian_2d(0f64..max * 1.25, (0..n - 1).into_segmented())
            .map_err(failed)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(GRID)
            .x_desc(axis)
            .x_label_formatter(&|v| format!("{v:.0}"))
            .y_labels(n)
            // The first bar at the top.
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(n - 1 - *i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .label_style((FONT, 12))
            .draw()
            .map_err(failed)?;
        chart
            .draw_series(bars.iter().enumerate().filter_map(|(i, b)| {
                let v = b.value?;
                let i = n - 1 - i;
                let mut r = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(i)),
                        (v, SegmentValue::Exact(i + 1)),
                    ],
                    BAR.filled(),
                );
                r.set_margin(4, 4, 0, 0);
                Some(r)
            }))
            .map_err(failed)?;
        chart
            .draw_series(bars.iter().enumerate().map(|(i, b)| {
                Text::new(
                    format!(" {}", b.text),
                    (b.value.unwrap_or(0.0), SegmentValue::CenterOf(n - 1 - i)),
                    (FONT, 12).into_font().color(&BLACK),
                )
            }))
            .map_err(failed)?;
        root.present().map_err(failed)?;
    }
    Ok(svg)
}

/// A line over periods (oldest first) of shares from 0 to 100 %, each point's value written.
pub fn trend(title: &str, points: &[(String, f64, String)], axis: &str) -> Result<String, String> {
    let n = points.len().max(1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 320)).into_drawing_area();
        root.fill(&WHITE).map_err(failed)?;
        let labels: Vec<String> = points.iter().map(|p| p.0.clone()).collect();
        let mut chart = ChartBuilder::on(&root)
            .caption(fit(title), (FONT, 16))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d((0..n - 1).into_segmented(), 0f64..110.0)
            .map_err(failed)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(GRID)
            .y_desc(axis)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .x_labels(n)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .label_style((FONT, 12))
            .draw()
            .map_err(failed)?;
        let at = |i: usize, v: f64| (SegmentValue::CenterOf(i), v);
        chart
            .draw_series(LineSeries::new(
                points.iter().enumerate().map(|(i, p)| at(i, p.1)),
                BAR.stroke_width(2),
            ))
            .map_err(failed)?;
        chart
            .draw_series(
                points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Circle::new(at(i, p.1), 4, BAR.filled())),
            )
            .map_err(failed)?;
        chart
            .draw_series(
                points
                    .iter()
                    .enumerate()
                    .map(|(i, p)| Text::new(p.2.clone(), at(i, p.1 + 4.0), (FONT, 12).into_font())),
            )
            .map_err(failed)?;
        root.present().map_err(failed)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_trends_are_svg_with_their_numbers_written() {
        let svg = bars(
            "Kön",
            &[
                Bar {
                    label: "Region Stockholm".into(),
                    value: Some(97.5),
                    text: "97,5 %".into(),
                },
                Bar {
                    label: "Region Uppsala".into(),
                    value: None,
                    text: "ingen rapport".into(),
                },
            ],
            100.0,
            "Andel rader enligt specifikationen (%)",
        )
        .expect("chart");
        assert!(svg.starts_with("<svg"), "{svg:.100}");
        for text in ["Region Stockholm", "97,5 %", "ingen rapport"] {
            assert!(svg.contains(text), "{text} missing");
        }
        let svg = trend(
            "Trend",
            &[
                ("2025-01".into(), 80.0, "80 %".into()),
                ("2025-02".into(), 90.0, "90 %".into()),
            ],
            "%",
        )
        .expect("chart");
        assert!(svg.contains("2025-02") && svg.contains("90 %"));
        let one = trend("Trend", &[("2025-01".into(), 80.0, "80 %".into())], "%").expect("chart");
        assert!(one.contains("2025-01") && one.contains("80 %"));
    }
}
