//! What `report` and `status` share before either writes: the repo opened on the day asked
//! for, and the selection of cases (`--klinik`, `--typ`, `--fas`, `--ansvarig`) as given.

use crate::cli::{FilterArgs, KindArg};
use crate::model::Kind;
use crate::process::Phase;
use crate::report::Filter;
use crate::workspace::Opened;
use anyhow::{Result, bail};
use std::path::Path;

/// The repo that holds `start` (the current folder when `None`), on `today`, opened.
pub(super) fn opened(today: Option<&str>, start: Option<&Path>) -> Result<Opened> {
    let today = super::today(today)?;
    let cwd = super::start_dir(start)?;
    Ok(crate::workspace::open(&cwd, &[], today)?)
}

/// The filters as given on the command line; an unknown phase names the known ones.
pub(super) fn filter(args: &FilterArgs) -> Result<Filter> {
    let mut phases = Vec::new();
    for word in &args.fas {
        let folded = crate::text::fold(word.trim());
        let found = Phase::from_word(word.trim()).or_else(|| {
            Phase::ALL.iter().copied().find(|p| {
                crate::text::fold(p.slug()) == folded || crate::text::fold(p.sv()) == folded
            })
        });
        let Some(phase) = found else {
            let known: Vec<&str> = Phase::ALL.iter().map(|p| p.slug()).collect();
            let hint = crate::text::closest(word, &known)
                .map(|c| format!("menade du `{c}`? "))
                .unwrap_or_default();
            bail!("okänd fas `{word}`; {hint}faserna är: {}", known.join(", "));
        };
        phases.push(phase);
    }
    Ok(Filter {
        clinic: args.klinik.clone().filter(|s| !s.trim().is_empty()),
        kind: args.typ.map(|k| match k {
            KindArg::Drug => Kind::Drug,
            KindArg::Device => Kind::Device,
            KindArg::Guideline => Kind::Guideline,
        }),
        phases,
        responsible: args.ansvarig.clone().filter(|s| !s.trim().is_empty()),
    })
}
