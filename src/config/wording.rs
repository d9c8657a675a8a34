//! The wording of `[beslutsunderlag]` in `ordnat.toml`: the proposal with its placeholders,
//! checked as it is read, and the sentence on gender equality.
//! May use: `text` (did-you-mean), the config's own `errors`.

use super::errors;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};

/// Beslutsunderlaget (`ordnat brief`).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Beslutsunderlag")]
pub struct BriefConfig {
    /// Förslaget till beslut, med platshållare som fylls i från ärendet: `{utfall}` (`införa`
    /// eller `inte införa`), `{produkt}`, `{substans}`, `{indikation}`, `{rekommendation}`
    /// (t.ex. `NT-rådets rekommendation`), `{datum}` (rekommendationens datum),
    /// `{beslutsfattare}`, `{kommitté}`, `{region}`, `{id}` och `{diarienummer}`.
    #[serde(rename = "förslag", alias = "forslag")]
    pub proposal: Option<Wording>,
    /// Meningen under "Beslutsförslagets påverkan avseende jämställdhet".
    #[serde(rename = "jämställdhet", alias = "jamstalldhet")]
    pub equality: Option<String>,
}

/// The placeholders of `[beslutsunderlag] förslag`, filled in from the case by `ordnat brief`.
pub const PROPOSAL_PLACEHOLDERS: &[&str] = &[
    "utfall",
    "produkt",
    "substans",
    "indikation",
    "rekommendation",
    "datum",
    "beslutsfattare",
    "kommitté",
    "region",
    "id",
    "diarienummer",
];

/// The wording of the proposal when `ordnat.toml` gives none.
pub const DEFAULT_PROPOSAL: &str =
    "Att {utfall} {produkt} för {indikation} i enlighet med {rekommendation} den {datum}.";
/// The sentence on gender equality when `ordnat.toml` gives none.
pub const DEFAULT_EQUALITY: &str = "Beslutet bedöms inte ha någon påverkan avseende jämställdhet.";

/// A text with `{placeholders}`, each one of `PROPOSAL_PLACEHOLDERS`: checked as it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wording(pub String);

impl Wording {
    /// The text's parts: `Ok` for plain text, `Err` for a placeholder's name. A `{` without
    /// its `}` is an error told in Swedish (message, hint).
    pub fn parts(text: &str) -> Result<Vec<Result<&str, &str>>, (String, String)> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(Ok(&rest[..open]));
            }
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                return Err((
                    "en platshållare saknar sitt `}`".into(),
                    format!(
                        "skriv platshållaren hel, t.ex. `{{produkt}}`; platshållarna är {}",
                        placeholders()
                    ),
                ));
            };
            parts.push(Err(&after[..close]));
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Ok(rest));
        }
        Ok(parts)
    }

    /// `self` with each placeholder replaced by `fill`'s value for its name.
    pub fn fill(&self, fill: impl Fn(&str) -> String) -> String {
        match Wording::parts(&self.0) {
            Ok(parts) => parts
                .into_iter()
                .map(|p| match p {
                    Ok(text) => text.to_string(),
                    Err(name) => fill(name),
                })
                .collect(),
            // Checked when read; a text that slipped through is shown as written.
            Err(_) => self.0.clone(),
        }
    }
}

/// `{a}`, `{b}` … : the placeholders, for messages.
fn placeholders() -> String {
    PROPOSAL_PLACEHOLDERS
        .iter()
        .map(|p| format!("`{{{p}}}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl<'de> Deserialize<'de> for Wording {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let parts = Wording::parts(&text)
            .map_err(|(message, hint)| serde::de::Error::custom(errors::own(message, hint)))?;
        for name in parts.into_iter().filter_map(Result::err) {
            if PROPOSAL_PLACEHOLDERS.contains(&name) {
                continue;
            }
            let hint = match crate::text::closest(name, PROPOSAL_PLACEHOLDERS) {
                Some(c) => format!("menade du `{{{c}}}`? Platshållarna är {}", placeholders()),
                None => format!("platshållarna är {}", placeholders()),
            };
            return Err(serde::de::Error::custom(errors::own(
                format!("okänd platshållare `{{{name}}}` i förslaget till beslut"),
                hint,
            )));
        }
        Ok(Wording(text))
    }
}

impl JsonSchema for Wording {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Formulering".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "title": "Formulering med platshållare",
            "description": format!(
                "Text med platshållare inom klammerparenteser: {}.",
                PROPOSAL_PLACEHOLDERS
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "type": "string"
        })
    }
}
