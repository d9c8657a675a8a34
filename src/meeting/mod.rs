//! The committee's documents around a meeting, made from the cases: the agenda and the draft
//! minutes (`agenda`), numbered alike, and the decision briefs (`brief`). The report
//! (`report`) gives the sections the agenda shows for information; the process (`process`)
//! decides which cases each item holds.
//!
//! May use: `config`, `model`, `process`, `read`, `diagnostic`, `checklist`, `document`,
//! `report`, `text`.

pub mod agenda;
pub mod brief;

/// What every page of a document that shows `sekretess` values (`--visa-sekretess`) carries.
pub const CONFIDENTIAL_NOTICE: &str = "Innehåller uppgifter som omfattas av sekretess";
