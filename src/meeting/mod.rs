//! The committee's documents around a meeting, made from the cases: the agenda and the draft
//! minutes (`agenda`), numbered alike. The report (`report`) gives the sections they show for
//! information; the process (`process`) decides which cases each item holds.
//!
//! May use: `config`, `model`, `process`, `report`, `document`, `text`.

pub mod agenda;
