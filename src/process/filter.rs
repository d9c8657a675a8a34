//! Which cases a list shows (`report`, `status`): by the clinic that pays, the kind, the
//! phase, and who is responsible, as the command line asks.

use super::Derived;
use super::Phase;
use super::economy::clinic;
use crate::model::{Case, Kind, text};
use crate::text::contains_folded;

/// Which cases to show. Every field narrows; an empty filter shows all.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Part of the clinic that bears the cost (`införande.kostnadsansvar`; `okänd klinik`).
    pub clinic: Option<String>,
    pub kind: Option<Kind>,
    /// Any of these phases.
    pub phases: Vec<Phase>,
    /// Part of the case's `ansvarig` or of who is responsible for its next step.
    pub responsible: Option<String>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.clinic.is_none()
            && self.kind.is_none()
            && self.phases.is_empty()
            && self.responsible.is_none()
    }

    /// The filter in words, for the report's head.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        if let Some(c) = &self.clinic {
            out.push(format!("klinik: {c}"));
        }
        if let Some(k) = self.kind {
            out.push(format!("typ: {}", crate::model::word(&k)));
        }
        if !self.phases.is_empty() {
            let phases: Vec<&str> = self.phases.iter().map(|p| p.sv()).collect();
            out.push(format!("fas: {}", phases.join(", ")));
        }
        if let Some(r) = &self.responsible {
            out.push(format!("ansvarig: {r}"));
        }
        out
    }

    /// Whether the filter shows `case`; `next` is who is responsible for its next step.
    pub fn passes(&self, case: &Case, d: &Derived, next: Option<&str>) -> bool {
        if let Some(c) = &self.clinic
            && !contains_folded(&clinic(case), c)
        {
            return false;
        }
        if let Some(k) = self.kind
            && case.kind() != Some(k)
        {
            return false;
        }
        if !self.phases.is_empty() && !self.phases.contains(&d.phase) {
            return false;
        }
        if let Some(r) = &self.responsible {
            let owner = text(&case.ansvarig).is_some_and(|o| contains_folded(o, r));
            let next = next.is_some_and(|n| contains_folded(n, r));
            if !owner && !next {
                return false;
            }
        }
        true
    }
}
