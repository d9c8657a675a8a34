//! `concise`: one line a finding, `fil:rad:kolumn: fel[regel]: meddelande (tips: …)`, then
//! the summary line.

use super::{Emitter, Report};
use std::fmt::Write;

pub struct Concise;

impl Emitter for Concise {
    fn emit(&self, report: &Report, out: &mut String) {
        for d in report.diagnostics {
            let _ = write!(
                out,
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
            out.push('\n');
        }
        let _ = writeln!(out, "{}", report.summary.line());
    }
}
