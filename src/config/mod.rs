//! The region's process in `ordnat.toml`: where the cases are, the committee and its meetings,
//! who decides, the förvaltningar, the costly-therapy limit, whether the repo is public, and
//! per-rule severities. Found by walking up from the current folder, like git finds `.git`.
//! Without the file, the defaults follow seed 003 (Region Halland).
//!
//! `ordnat.toml` as written (`Config`, serde) and as resolved (`Settings`); no rule logic. Rule
//! names in `[regler]` are kept with their positions and checked by the rule engine.
//! May use: `model`, `diagnostic` (severity words), `text`.

use crate::diagnostic::Severity;
use crate::model::{Kind, Track};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

pub const FILE_NAME: &str = "ordnat.toml";
/// The cases folder when `ordnat.toml` names none, or there is no `ordnat.toml`.
pub const DEFAULT_CASES_DIR: &str = "cases";
pub const DEFAULT_COST_LIMIT: u64 = 100_000;
pub const DEFAULT_NATIONAL_DECIDER: &str = "Hälso- och sjukvårdsdirektör";
pub const DEFAULT_REGIONAL_DECIDER: &str = "Förvaltningschef";

/// Inställningar för ordnat införande i en region (`ordnat.toml` i case-repots rot).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ordnat.toml")]
pub struct Config {
    /// Regionens namn, t.ex. `Region Halland`.
    pub region: Option<String>,
    /// Mappen med ärendefiler, relativt filen. Standard `cases`.
    #[serde(rename = "ärenden", alias = "arenden")]
    pub cases: Option<String>,
    /// `true` om repot är publikt: då får inga ärenden ha `sekretess`.
    #[serde(rename = "publikt")]
    pub public: Option<bool>,
    /// Gräns för kostsam läkemedelsterapi i kronor per patient och tolv månader.
    /// Standard 100 000 (Region Skåne); en lägre lokal gräns är tillåten.
    #[serde(rename = "kostnadsgräns", alias = "kostnadsgrans")]
    pub cost_limit: Option<u64>,
    /// Kommittén som rekommenderar (t.ex. PER) och dess mötesdatum.
    #[serde(rename = "kommitté", alias = "kommitte")]
    pub committee: Option<CommitteeConfig>,
    /// Beslutsfattarens roll per spår och typ av ärende.
    pub beslutsfattare: Option<DecisionMakers>,
    /// Regionens förvaltningar.
    #[serde(rename = "förvaltningar", alias = "forvaltningar", default)]
    pub departments: Vec<String>,
    /// Regelnivåer: regelnamn = `fel`, `varning` eller `av`.
    #[serde(rename = "regler", default)]
    #[schemars(with = "BTreeMap<String, Level>")]
    pub rules: BTreeMap<toml::Spanned<String>, Level>,
}

/// Kommittén.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kommittén")]
pub struct CommitteeConfig {
    /// Kommitténs namn, t.ex. `PER` eller `Läkemedelskommittén`.
    pub namn: Option<String>,
    /// Mötesdatum (TOML-datum, t.ex. `2026-09-24`).
    #[serde(rename = "möten", alias = "moten", default)]
    pub meetings: Vec<ConfigDate>,
}

/// Beslutsfattare. Nationellt spår: `nationellt`, eller per typ `läkemedel`, `medicinteknik`,
/// `kunskapsstöd`. Regionalt spår: `regionalt`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Beslutsfattare")]
pub struct DecisionMakers {
    /// Beslutsfattare för nationella ärenden. Standard `Hälso- och sjukvårdsdirektör`.
    pub nationellt: Option<String>,
    /// Beslutsfattare för regionala införanden. Standard `Förvaltningschef`.
    pub regionalt: Option<String>,
    /// Nationella läkemedelsärenden, om annan än `nationellt`.
    #[serde(rename = "läkemedel", alias = "lakemedel")]
    pub drug: Option<String>,
    /// Nationella medicintekniska ärenden, om annan än `nationellt`.
    pub medicinteknik: Option<String>,
    /// Nationella kunskapsstöd, om annan än `nationellt`.
    #[serde(rename = "kunskapsstöd", alias = "kunskapsstod")]
    pub guideline: Option<String>,
}

/// En regels nivå: `fel`, `varning` eller `av`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Fel: `ordnat check` misslyckas.
    Error,
    /// Varning.
    Warning,
    /// Regeln är avstängd.
    Off,
}

/// The word for a rule that is switched off; `fel` and `varning` are `Severity`'s words.
pub const OFF: &str = "av";

impl Level {
    /// The word written in `ordnat.toml`.
    pub fn word(self) -> &'static str {
        match self {
            Level::Error => Severity::Error.sv(),
            Level::Warning => Severity::Warning.sv(),
            Level::Off => OFF,
        }
    }

    /// The level of a rule whose default severity is `severity`.
    pub fn of(severity: Severity) -> Level {
        match severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        }
    }

    const ALL: [Level; 3] = [Level::Error, Level::Warning, Level::Off];
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let word = String::deserialize(d)?;
        Level::ALL
            .into_iter()
            .find(|l| l.word() == word)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{word}` är ingen regelnivå; skriv `{}`, `{}` eller `{}`",
                    Level::Error.word(),
                    Level::Warning.word(),
                    Level::Off.word()
                ))
            })
    }
}

impl JsonSchema for Level {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Level".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let words: Vec<&str> = Level::ALL.iter().map(|l| l.word()).collect();
        schemars::json_schema!({
            "title": "Regelnivå",
            "description": "En regels nivå: `fel` (ordnat check misslyckas), `varning` eller `av`.",
            "type": "string",
            "enum": words
        })
    }
}

/// A rule level as written in `[regler]`, with the position of the rule's name.
#[derive(Debug, Clone)]
pub struct RuleLevel {
    pub name: String,
    pub level: Level,
    pub line: usize,
    pub column: usize,
}

/// A date in `ordnat.toml`: a TOML date (`2026-09-24`) or the same as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConfigDate(pub NaiveDate);

impl<'de> Deserialize<'de> for ConfigDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = match toml::Value::deserialize(d)? {
            toml::Value::Datetime(dt) => dt.to_string(),
            toml::Value::String(s) => s,
            other => {
                return Err(serde::de::Error::custom(format!(
                    "väntade ett datum (ÅÅÅÅ-MM-DD), fick {}",
                    other.type_str()
                )));
            }
        };
        crate::text::parse_date(&text)
            .map(ConfigDate)
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{text}` är inte ett datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-09-24"
                ))
            })
    }
}

impl JsonSchema for ConfigDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Datum".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "title": "Datum", "type": "string", "format": "date" })
    }
}

/// The settings in force for a run: `ordnat.toml` with its defaults filled in.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The repo root: the folder holding `ordnat.toml` (or the current folder).
    pub root: PathBuf,
    /// The config file, if there is one.
    pub file: Option<PathBuf>,
    pub region: String,
    /// `ärenden` joined to the root (`cases` when not given); not checked here: that it
    /// exists and lies inside the root is `workspace::open`'s to say.
    pub cases_dir: PathBuf,
    pub public: bool,
    pub cost_limit: u64,
    pub committee: String,
    pub meetings: Vec<NaiveDate>,
    pub national_decider: String,
    pub regional_decider: String,
    pub decider_by_kind: Vec<(Kind, String)>,
    pub departments: Vec<String>,
    /// `[regler]`, in the order written; names are checked by the rule engine.
    pub rule_levels: Vec<RuleLevel>,
}

impl Settings {
    /// The decision-maker role `ordnat.toml` names for a kind of case on a track.
    pub fn decider(&self, kind: Option<Kind>, track: Option<Track>) -> &str {
        if track == Some(Track::Regional) {
            return &self.regional_decider;
        }
        self.decider_by_kind
            .iter()
            .find(|(k, _)| Some(*k) == kind)
            .map(|(_, role)| role.as_str())
            .unwrap_or(&self.national_decider)
    }

    fn from_config(config: Config, root: PathBuf, file: Option<PathBuf>, source: &str) -> Settings {
        // `cases` when not named, whether or not it exists: the folder itself is never the
        // cases folder by default (it once was, and `ordnat check` in `/` read `/proc`).
        let cases_dir = root.join(config.cases.as_deref().unwrap_or(DEFAULT_CASES_DIR));
        let committee = config.committee.unwrap_or_default();
        let deciders = config.beslutsfattare.unwrap_or_default();
        let decider_by_kind = [
            (Kind::Drug, deciders.drug),
            (Kind::Device, deciders.medicinteknik),
            (Kind::Guideline, deciders.guideline),
        ]
        .into_iter()
        .filter_map(|(k, role)| role.map(|r| (k, r)))
        .collect();
        let mut meetings: Vec<NaiveDate> = committee.meetings.iter().map(|d| d.0).collect();
        meetings.sort();
        Settings {
            root,
            file,
            region: config.region.unwrap_or_else(|| "Region Halland".into()),
            cases_dir,
            public: config.public.unwrap_or(false),
            cost_limit: config.cost_limit.unwrap_or(DEFAULT_COST_LIMIT),
            committee: committee.namn.unwrap_or_else(|| "PER".into()),
            meetings,
            national_decider: deciders
                .nationellt
                .unwrap_or_else(|| DEFAULT_NATIONAL_DECIDER.into()),
            regional_decider: deciders
                .regionalt
                .unwrap_or_else(|| DEFAULT_REGIONAL_DECIDER.into()),
            decider_by_kind,
            departments: config.departments,
            rule_levels: rule_levels(config.rules, source),
        }
    }

    /// Settings for a folder without `ordnat.toml`: the defaults of seed 003.
    pub fn defaults(root: PathBuf) -> Settings {
        Settings::from_config(Config::default(), root, None, "")
    }
}

/// A bad `ordnat.toml`: where and what.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for ConfigError {}

/// Finds `ordnat.toml` by walking up from `start`, and reads it; defaults when there is none.
pub fn discover(start: &Path) -> Result<Settings, ConfigError> {
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return load(&candidate);
        }
    }
    Ok(Settings::defaults(start.to_path_buf()))
}

/// Reads one `ordnat.toml`.
pub fn load(file: &Path) -> Result<Settings, ConfigError> {
    let error = |line, column, message| ConfigError {
        file: file.to_path_buf(),
        line,
        column,
        message,
    };
    let text = std::fs::read_to_string(file)
        .map_err(|e| error(1, 1, format!("kan inte läsa filen: {e}")))?;
    let config: Config = toml::from_str(&text).map_err(|e| {
        let (line, column) = e
            .span()
            .map(|span| line_col(&text, span.start))
            .unwrap_or((1, 1));
        error(line, column, e.message().trim().to_string())
    })?;
    let root = file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    Ok(Settings::from_config(
        config,
        root,
        Some(file.to_path_buf()),
        &text,
    ))
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// `[regler]` in the order written, each name with its line and column.
fn rule_levels(rules: BTreeMap<toml::Spanned<String>, Level>, source: &str) -> Vec<RuleLevel> {
    let mut levels: Vec<RuleLevel> = rules
        .into_iter()
        .map(|(name, level)| {
            let (line, column) = line_col(source, name.span().start);
            RuleLevel {
                name: name.into_inner(),
                level,
                line,
                column,
            }
        })
        .collect();
    levels.sort_by_key(|l| (l.line, l.column));
    levels
}
