//! `concise`: one line a finding, `fil:rad:kolumn: fel[regel]: meddelande (tips: …)` (and
//! `[kan rättas med --fix]` where `check --fix` can put it right), then
//! the summary line. What `pre-commit` and most CI logs show: control characters (a line break
//! in a quoted value too, which would start a line that is not a finding) are shown as visible
//! escapes (`text::sanitize`).

use super::{Emitter, Report};
use crate::diagnostic::Diagnostic;
use crate::text::sanitize::{Keep, controls_into};
use std::fmt::Write;

pub struct Concise;

impl Emitter for Concise {
    fn emit(&self, report: &Report, out: &mut String) {
        for d in report.diagnostics {
            controls_into(out, &line(d), Keep::TAB);
            if d.safe_fix().is_some() {
                let _ = write!(out, " {}", super::FIXABLE);
            }
            out.push('\n');
        }
        let _ = writeln!(out, "{}", report.summary.line());
    }
}

/// `fil:rad:kolumn: fel[regel]: meddelande (tips: …)`, without a newline. Also the line of a
/// finding in other formats' free text (JUnit's failure text).
pub(super) fn line(d: &Diagnostic) -> String {
    let mut out = format!(
        "{}:{}:{}: {}[{}]: {}",
        d.file,
        d.pos.line,
        d.pos.col,
        d.severity.sv(),
        d.rule,
        d.message
    );
    if let Some(hint) = &d.hint {
        let _ = write!(out, " (tips: {hint})");
    }
    out
}
