//! A case's parts, each named by its key in the case file, and which of them differ between two
//! versions of a case: what the report says of a case edited since the previous meeting
//! without a change of phase. A part is a top-level key (`indikation`, `införande`,
//! `uppföljning`, `sekretess`); `regionalt`, which holds the region's whole handling step by
//! step, is named by its own keys (`regionalt.konsekvensbeskrivning`, `regionalt.beslut`).
//!
//! Names and values are what serde writes of the case (the derive, with the types' renames:
//! the keys stay declared once), without positions, so that a value moved to another line, a
//! comment or another quoting is no change. Each value is kept only as a digest: no part's
//! value, and no confidential one, is kept as text or can be shown.

use super::{Case, Regional};
use serde_json::{Map, Value};
use std::hash::{DefaultHasher, Hasher};
use std::sync::OnceLock;

/// The top-level key named by its own keys.
const REGIONAL: &str = "regionalt";

/// The digests of a case's parts, in the order of `names`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts(Box<[u64]>);

/// What serde writes of `value`, when that is a mapping (a case and its sections always are).
fn object<T: serde::Serialize>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// A case's parts as names and values, in the order of the format. Every case has every part
/// (serde writes an empty one as `null`), `regionalt`'s too: a case without the section has
/// each of them empty.
fn entries(case: &Case) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for (key, value) in object(case) {
        if key != REGIONAL {
            out.push((key, value));
            continue;
        }
        let section = match value {
            Value::Object(section) => section,
            _ => object(&Regional::default()),
        };
        out.extend(
            section
                .into_iter()
                .map(|(inner, value)| (format!("{key}.{inner}"), value)),
        );
    }
    out
}

/// The parts' names, in the order of the format: those of an empty case, worked out once.
fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        entries(&Case::default())
            .into_iter()
            .map(|(name, _)| name)
            .collect()
    })
}

/// A digest of a value: of its JSON text (the keys of a mapping in the format's order). Two
/// different values with the same digest are left as likely as 1 in 2⁶⁴.
fn digest(value: &Value) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(value.to_string().as_bytes());
    hasher.finish()
}

impl Parts {
    /// The parts of `case`.
    pub fn of(case: &Case) -> Parts {
        Parts(
            entries(case)
                .iter()
                .map(|(_, value)| digest(value))
                .collect(),
        )
    }

    /// The names of the parts whose values differ between `self` (the earlier version) and
    /// `later`, in the order of the format.
    pub fn changed(&self, later: &Parts) -> Vec<&'static str> {
        names()
            .iter()
            .zip(self.0.iter().zip(later.0.iter()))
            .filter(|(_, (a, b))| a != b)
            .map(|(name, _)| name.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Confidential, Pos, Sp};

    /// A value standing on `line`.
    fn at<T>(line: u32, value: T) -> Option<Sp<T>> {
        Some(Sp {
            value,
            pos: Pos::new(line, 3, 4),
        })
    }

    /// A case with an id, a diarienummer and a price under `sekretess`, its values from
    /// `line` on.
    fn case(line: u32, diarienummer: &str, price: u64) -> Case {
        Case {
            id: at(line, "2026-001".to_string()),
            regionalt: at(
                line + 1,
                Regional {
                    diarienummer: at(line + 2, diarienummer.to_string()),
                    ..Regional::default()
                },
            ),
            sekretess: at(
                line + 3,
                Confidential {
                    pris_efter_rabatt: at(line + 4, price),
                    anteckning: None,
                },
            ),
            ..Case::default()
        }
    }

    #[test]
    fn parts_are_the_case_files_keys_and_regionalts_own() {
        let names = names();
        for name in [
            "id",
            "indikation",
            "ny_indikation_för",
            "godkännande",
            "regionalt.diarienummer",
            "regionalt.konsekvensbeskrivning",
            "regionalt.kommitté",
            "införande",
            "uppföljning",
            "sekretess",
        ] {
            assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
        }
        assert!(!names.iter().any(|n| n == "regionalt"), "{names:?}");
        assert!(
            !names
                .iter()
                .any(|n| n == "unreadable" || n == "confidential")
        );
    }

    #[test]
    fn only_values_count_and_each_part_is_named_alone() {
        let old = Parts::of(&case(1, "RS 1", 100));
        // The same values on other lines.
        assert_eq!(old.changed(&Parts::of(&case(7, "RS 1", 100))), [""; 0]);
        assert_eq!(
            old.changed(&Parts::of(&case(1, "RS 2", 101))),
            ["regionalt.diarienummer", "sekretess"]
        );
        // A section written for the first time, or taken away, is a change of its keys.
        let bare = Parts::of(&Case {
            id: at(1, "2026-001".to_string()),
            regionalt: at(2, Regional::default()),
            ..Case::default()
        });
        assert_eq!(bare.changed(&old), ["regionalt.diarienummer", "sekretess"]);
        assert_eq!(old.changed(&bare), bare.changed(&old));
        assert_eq!(
            bare.changed(&Parts::of(&Case {
                id: at(1, "2026-001".to_string()),
                ..Case::default()
            })),
            [""; 0],
            "an empty `regionalt` is no `regionalt`"
        );
    }
}
