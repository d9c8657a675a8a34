//! `ordnat rules`: every rule with its default level, group and summary, as a table or JSON.

use crate::cli::ListFormat;
use anyhow::Result;

pub fn run(format: ListFormat) -> Result<u8> {
    super::print(&rules_list(format))?;
    Ok(0)
}

/// The text of `ordnat rules`.
pub fn rules_list(format: ListFormat) -> String {
    match format {
        ListFormat::Json => {
            let all: Vec<_> = crate::rules::all().collect();
            let mut s = serde_json::to_string_pretty(&all).unwrap_or_default();
            s.push('\n');
            s
        }
        ListFormat::Markdown => markdown(),
        ListFormat::Table => {
            let width = crate::rules::all()
                .map(|r| r.name().len())
                .max()
                .unwrap_or(0);
            let mut out = String::new();
            let mut group = None;
            for r in crate::rules::all() {
                if group != Some(r.group) {
                    if group.is_some() {
                        out.push('\n');
                    }
                    out.push_str(&format!("{}\n", r.group.sv().to_uppercase()));
                    group = Some(r.group);
                }
                out.push_str(&format!(
                    "  {:width$}  {:7}  {}\n",
                    r.name(),
                    r.severity.sv(),
                    r.summary
                ));
            }
            out
        }
    }
}

/// One Markdown table per group, under a `####` heading: the README's rule tables.
fn markdown() -> String {
    let mut out = String::new();
    let mut group = None;
    for r in crate::rules::all() {
        if group != Some(r.group) {
            if group.is_some() {
                out.push('\n');
            }
            out.push_str(&format!(
                "#### {}\n\n| regel | nivå | vad |\n|---|---|---|\n",
                crate::text::capitalize(r.group.sv())
            ));
            group = Some(r.group);
        }
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            r.name(),
            r.severity.sv(),
            r.summary.replace('|', "\\|")
        ));
    }
    out
}
