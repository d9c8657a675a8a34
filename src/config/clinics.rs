//! `[kliniker]` in `ordnat.toml`: the förvaltning each clinic belongs to, so that the budget
//! sums per förvaltning as well as per clinic. Each förvaltning named is checked against
//! `förvaltningar`, when that list is given, and a misspelt one is told with did-you-mean.
//! May use: `text` (did-you-mean, folding).

use super::{ConfigError, line_col};
use std::collections::BTreeMap;
use std::path::Path;

/// `[kliniker]` as written: each clinic with its förvaltning and where that stands.
pub type Written = BTreeMap<String, toml::Spanned<String>>;

/// The clinics and their förvaltningar, in the order of the clinics' names; an error at the
/// first förvaltning that `departments` (when not empty) does not list.
pub(super) fn resolve(
    written: Written,
    departments: &[String],
    file: &Path,
    text: &str,
) -> Result<Vec<(String, String)>, ConfigError> {
    let mut out = Vec::with_capacity(written.len());
    for (clinic, department) in written {
        let span = department.span();
        let department = department.into_inner();
        let known = departments.is_empty()
            || departments
                .iter()
                .any(|d| crate::text::fold(d.trim()) == crate::text::fold(department.trim()));
        if !known {
            let names: Vec<&str> = departments.iter().map(String::as_str).collect();
            let listed = names
                .iter()
                .map(|d| format!("`\"{d}\"`"))
                .collect::<Vec<_>>()
                .join(", ");
            let hint = match crate::text::closest(&department, &names) {
                Some(d) => format!("menade du `\"{d}\"`? Förvaltningarna är {listed}"),
                None => format!("skriv en av förvaltningarna: {listed}"),
            };
            let (line, column) = line_col(text, span.start);
            return Err(ConfigError {
                file: file.to_path_buf(),
                line,
                column,
                message: format!(
                    "kliniken `{clinic}` hör till `{department}`, som inte finns i `förvaltningar`"
                ),
                hint,
            });
        }
        out.push((clinic, department));
    }
    Ok(out)
}

/// The förvaltning of `clinic` in `clinics` (`[kliniker]`), spelt as there; the clinic's name
/// is matched without regard to case, å, ä and ö or spaces around it.
pub(super) fn department_of<'a>(clinics: &'a [(String, String)], clinic: &str) -> Option<&'a str> {
    let folded = crate::text::fold(clinic.trim());
    clinics
        .iter()
        .find(|(c, _)| crate::text::fold(c.trim()) == folded)
        .map(|(_, d)| d.as_str())
}
