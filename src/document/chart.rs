//! Charts for a document's page as inline SVG, drawn with maud so that every label is
//! escaped: horizontal bars (the report's cases per phase), and groups of bars per year (the
//! budget per clinic and year).

use crate::text::kronor;
use maud::{Markup, html};

const WIDTH: u32 = 680;
const BAR: &str = "#2f6f9f";
const YEARS: [&str; 3] = ["#1f4e79", "#5b8fc7", "#a9c8e8"];

fn scale(value: u64, max: u64, span: u32) -> u32 {
    if max == 0 {
        return 0;
    }
    let w = u128::from(value) * u128::from(span) / u128::from(max);
    let w = u32::try_from(w).unwrap_or(span);
    // A value above nothing is always visible.
    if value > 0 { w.max(2) } else { 0 }
}

/// Cuts a label that would not fit its column.
fn fit(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// Horizontal bars, one per `(label, count)`, titled `title`; `id` is the chart's anchor.
pub fn bars(id: &str, title: &str, counts: &[(&str, usize)]) -> Markup {
    let label_w = 200;
    let span = 400;
    let row = 22;
    let height = 16 + row * u32::try_from(counts.len()).unwrap_or(0);
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0) as u64;
    html! {
        svg id=(id) class="chart" role="img" viewBox=(format!("0 0 {WIDTH} {height}"))
            width=(WIDTH) height=(height) aria-label=(title) {
            title { (title) }
            @for (i, (label, count)) in counts.iter().enumerate() {
                @let y = 8 + row * u32::try_from(i).unwrap_or(0);
                @let w = scale(*count as u64, max, span);
                text x=(label_w - 8) y=(y + 15) text-anchor="end" font-size="12" { (fit(label, 30)) }
                rect x=(label_w) y=(y + 3) width=(w) height="16" fill=(BAR) {}
                text x=(label_w + w + 6) y=(y + 15) font-size="12" { (count) }
            }
        }
    }
}

/// Grouped horizontal bars of amounts in kronor, titled `title`: for each `(label, amounts)`
/// one bar per year of `years`, and, when there is more than one group, `totals` as a group of
/// its own (`Totalt`, in bold); `id` is the chart's anchor.
pub fn years(
    id: &str,
    title: &str,
    years: &[i32],
    groups: &[(&str, &[u64])],
    totals: &[u64],
) -> Markup {
    let label_w = 210;
    let year_w = 44;
    let span = 290;
    let bar = 15;
    let gap = 12;
    let mut groups = groups.to_vec();
    if groups.len() > 1 {
        groups.push(("Totalt", totals));
    }
    let per_group = bar * u32::try_from(years.len()).unwrap_or(0) + gap;
    let height = 10 + per_group * u32::try_from(groups.len()).unwrap_or(0);
    let max = groups
        .iter()
        .flat_map(|(_, a)| a.iter().copied())
        .max()
        .unwrap_or(0);
    html! {
        svg id=(id) class="chart" role="img" viewBox=(format!("0 0 {WIDTH} {height}"))
            width=(WIDTH) height=(height) aria-label=(title) {
            title { (title) }
            @for (g, (clinic, amounts)) in groups.iter().enumerate() {
                @let top = 6 + per_group * u32::try_from(g).unwrap_or(0);
                text x="0" y=(top + 12) font-size="12" font-weight=(if *clinic == "Totalt" { "bold" } else { "normal" }) {
                    (fit(clinic, 32))
                }
                @for (i, (year, amount)) in years.iter().zip(amounts.iter()).enumerate() {
                    @let y = top + bar * u32::try_from(i).unwrap_or(0);
                    @let w = scale(*amount, max, span);
                    text x=(label_w + year_w - 6) y=(y + 11) text-anchor="end" font-size="10" { (year) }
                    rect x=(label_w + year_w) y=(y + 1) width=(w) height=(bar - 3)
                        fill=(YEARS[i % YEARS.len()]) {}
                    text x=(label_w + year_w + w + 5) y=(y + 11) font-size="10" { (kronor(*amount)) }
                }
            }
        }
    }
}
