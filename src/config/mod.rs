//! The region's process in `ordnat.toml`: where the cases are, the committee and its meetings,
//! who decides, the förvaltningar, the costly-therapy limit, whether the repo is public, and
//! per-rule severities. Found by walking up from the current folder, like git finds `.git`.
//! Without the file, the defaults follow seed 003 (Region Halland).
//!
//! `ordnat.toml` as written (`Config`, serde) and as resolved (`Settings`); no rule logic. Rule
//! names in `[regler]` are kept with their positions and checked by the rule engine. Every
//! error in the file is told in Swedish with a hint (`errors`); a file that sets nothing is
//! warned about, naming the defaults that apply.
//! May use: `model`, `diagnostic` (severity words), `text`.

mod clinics;
mod errors;
mod wording;

pub use wording::{
    BriefConfig, DEFAULT_EQUALITY, DEFAULT_PROPOSAL, PROPOSAL_PLACEHOLDERS, Wording,
};

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

/// Inställningar för ordnat införande i en region (`ordnat.toml` i ärenderepots rot).
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
    /// Vilken förvaltning varje klinik hör till, en rad per klinik:
    /// `"Onkologiska kliniken" = "Hallands sjukhus"`. Budgeten summerar då per förvaltning
    /// också. Klinikerna stavas som i ärendenas `kostnadsansvar`, förvaltningarna som i
    /// `förvaltningar`.
    #[serde(rename = "kliniker", default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub clinics: clinics::Written,
    /// Ledtiderna i den publika beslutslistan (`ordnat report --public`).
    #[serde(rename = "ledtider")]
    pub lead_times: Option<LeadTimeConfig>,
    /// Beslutsunderlaget (`ordnat brief`): formuleringen av förslaget till beslut och meningen
    /// om jämställdhet.
    #[serde(rename = "beslutsunderlag")]
    pub brief: Option<BriefConfig>,
    /// Regelnivåer: regelnamn = `fel`, `varning` eller `av`.
    #[serde(rename = "regler", default)]
    #[schemars(with = "BTreeMap<String, Level>")]
    pub rules: BTreeMap<toml::Spanned<String>, Level>,
}

/// The agenda's opening items when `ordnat.toml` names none.
pub const FORMAL_ITEMS: [&str; 3] = [
    "Mötets öppnande",
    "Val av justerare",
    "Godkännande av dagordningen",
];

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
    /// Dagordningens och protokollets inledande punkter, i ordning. Standard: mötets
    /// öppnande, val av justerare och godkännande av dagordningen; `[]` för inga.
    pub formalia: Option<Vec<String>>,
    /// Hur många dagar före mötet förvaltningarnas synpunkter ska vara inne. Standard 14.
    #[serde(rename = "synpunkter_dagar_före", alias = "synpunkter_dagar_fore")]
    pub comments_days_before: Option<u32>,
    /// Hur många dagar efter kommitténs rekommendation beslutet väntas. Standard 30.
    #[serde(rename = "beslut_dagar_efter")]
    pub decision_days_after: Option<u32>,
}

/// Ledtider.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Ledtider")]
pub struct LeadTimeConfig {
    /// Målet i dagar från den nationella rekommendationen till det regionala beslutet, t.ex.
    /// `90`. Den publika beslutslistan visar per år andelen beslut inom målet.
    #[serde(rename = "mål_dagar", alias = "mal_dagar")]
    pub target_days: Option<u64>,
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

    /// The level meant by a word that is none: a typo of one (`varnig`), or the English of
    /// clippy's and the command line's `-D`/`-W`/`-A` (`error`, `warn`, `allow`).
    fn meant(word: &str) -> Option<Level> {
        let words: Vec<&str> = Level::ALL.iter().map(|l| l.word()).collect();
        let english = match word.to_lowercase().as_str() {
            "error" | "deny" | "forbid" => Some(Level::Error),
            "warning" | "warn" => Some(Level::Warning),
            "off" | "allow" | "none" | "ingen" => Some(Level::Off),
            _ => None,
        };
        english.or_else(|| {
            crate::text::closest(word, &words)
                .and_then(|w| Level::ALL.into_iter().find(|l| l.word() == w))
        })
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let word = String::deserialize(d)?;
        Level::ALL
            .into_iter()
            .find(|l| l.word() == word)
            .ok_or_else(|| {
                let words = format!(
                    "`\"{}\"`, `\"{}\"` eller `\"{}\"`",
                    Level::Error.word(),
                    Level::Warning.word(),
                    Level::Off.word()
                );
                let hint = match Level::meant(&word) {
                    Some(level) => format!("skriv `\"{}\"`; nivåerna är {words}", level.word()),
                    None => format!("skriv {words}"),
                };
                serde::de::Error::custom(errors::own(format!("`{word}` är ingen regelnivå"), hint))
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
                return Err(serde::de::Error::custom(errors::own(
                    format!("väntade ett datum, men här står `{other}`"),
                    "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-09-24",
                )));
            }
        };
        crate::text::parse_date(&text)
            .map(ConfigDate)
            .ok_or_else(|| {
                let (message, hint) = crate::text::date_mistake(&text).unwrap_or_default();
                serde::de::Error::custom(errors::own(message, hint))
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
    /// The agenda's and the minutes' opening items (`[kommitté] formalia`).
    pub formal_items: Vec<String>,
    /// The days before a meeting that the comments are due (`synpunkter_dagar_före`).
    pub comments_days_before: u32,
    /// The days after the committee's recommendation that the decision is awaited
    /// (`beslut_dagar_efter`).
    pub decision_days_after: u32,
    pub national_decider: String,
    pub regional_decider: String,
    pub decider_by_kind: Vec<(Kind, String)>,
    pub departments: Vec<String>,
    /// Each clinic with the förvaltning it belongs to (`[kliniker]`), by the clinic's name.
    pub clinic_departments: Vec<(String, String)>,
    /// The target in days from the national recommendation to the regional decision
    /// (`[ledtider] mål_dagar`).
    pub lead_time_target: Option<u64>,
    /// The wording of the proposal in a decision brief (`[beslutsunderlag] förslag`).
    pub proposal: Wording,
    /// The sentence on gender equality in a decision brief (`[beslutsunderlag] jämställdhet`).
    pub equality: String,
    /// `[regler]`, in the order written; names are checked by the rule engine.
    pub rule_levels: Vec<RuleLevel>,
    /// What is wrong with `ordnat.toml` without stopping the run (a file that sets nothing),
    /// for the command to show as warnings.
    pub warnings: Vec<ConfigError>,
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

    /// The förvaltning of a clinic, when `[kliniker]` names it.
    pub fn department_of(&self, clinic: &str) -> Option<&str> {
        clinics::department_of(&self.clinic_departments, clinic)
    }

    fn from_config(config: Config, root: PathBuf, file: Option<PathBuf>, source: &str) -> Settings {
        // `cases` when not named, whether or not it exists: the folder itself is never the
        // cases folder by default (it once was, and `ordnat check` in `/` read `/proc`).
        let cases_dir = root.join(config.cases.as_deref().unwrap_or(DEFAULT_CASES_DIR));
        let committee = config.committee.unwrap_or_default();
        let deciders = config.beslutsfattare.unwrap_or_default();
        let brief = config.brief.unwrap_or_default();
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
            comments_days_before: committee.comments_days_before.unwrap_or(14),
            decision_days_after: committee.decision_days_after.unwrap_or(30),
            formal_items: committee
                .formalia
                .unwrap_or_else(|| FORMAL_ITEMS.iter().map(|s| s.to_string()).collect()),
            national_decider: deciders
                .nationellt
                .unwrap_or_else(|| DEFAULT_NATIONAL_DECIDER.into()),
            regional_decider: deciders
                .regionalt
                .unwrap_or_else(|| DEFAULT_REGIONAL_DECIDER.into()),
            decider_by_kind,
            departments: config.departments,
            // Set by `from_text` once checked against `förvaltningar`.
            clinic_departments: Vec::new(),
            lead_time_target: config.lead_times.and_then(|l| l.target_days),
            proposal: brief
                .proposal
                .unwrap_or_else(|| Wording(DEFAULT_PROPOSAL.into())),
            equality: brief.equality.unwrap_or_else(|| DEFAULT_EQUALITY.into()),
            rule_levels: rule_levels(config.rules, source),
            warnings: Vec::new(),
        }
    }

    /// The warning for an `ordnat.toml` that sets nothing, naming the defaults that then
    /// apply: these settings' own values.
    fn sets_nothing(&self, file: &Path) -> ConfigError {
        let deciders = format!(
            "{} (regionala införanden: {})",
            self.national_decider,
            crate::text::lower_first(&self.regional_decider)
        );
        let cases = self
            .cases_dir
            .strip_prefix(&self.root)
            .unwrap_or(&self.cases_dir)
            .display();
        ConfigError {
            file: file.to_path_buf(),
            line: 1,
            column: 1,
            message: format!(
                "filen anger ingenting, så standardvärdena gäller: regionen {}, kommittén {} utan \
                 mötesdatum, beslut av {deciders}, kostnadsgräns {}, ärenden i {cases}/, inga \
                 förvaltningar, ett repo som inte är publikt och reglernas egna nivåer",
                self.region,
                self.committee,
                crate::text::kronor(self.cost_limit),
            ),
            hint: "skriv regionens process i filen: avsnittet \"ordnat.toml\" i README visar \
                   en hel fil, och `ordnat schema --config` visar alla nycklar"
                .into(),
        }
    }

    /// Settings for a folder without `ordnat.toml`: the defaults of seed 003.
    pub fn defaults(root: PathBuf) -> Settings {
        Settings::from_config(Config::default(), root, None, "")
    }
}

/// A bad `ordnat.toml` (or a warning about it): where, what, and what to write. Shown like a
/// finding in `concise`: `fil:rad:kolumn: meddelande (tips: …)`.
#[derive(Debug, Clone)]
pub struct ConfigError {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {} (tips: {})",
            self.file.display(),
            self.line,
            self.column,
            self.message,
            self.hint
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
    let error = |line, column, message, hint: &str| ConfigError {
        file: file.to_path_buf(),
        line,
        column,
        message,
        hint: hint.to_string(),
    };
    let bytes = std::fs::read(file).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::PermissionDenied {
            "kontrollera filrättigheterna"
        } else {
            "kontrollera att filen finns och att den får läsas"
        };
        error(1, 1, format!("filen kan inte läsas: {e}"), hint)
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, column) = line_col(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        error(
            line,
            column,
            "filen är inte skriven i UTF-8".into(),
            "spara ordnat.toml med teckenkodningen UTF-8",
        )
    })?;
    from_text(file, &text)
}

/// The settings `text`, read from `file`, gives: a Swedish error at its place when it cannot.
fn from_text(file: &Path, text: &str) -> Result<Settings, ConfigError> {
    // A byte-order mark is no part of TOML; editors on Windows write one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut config: Config = toml::from_str(text).map_err(|e| {
        let explained = errors::explain(text, e.message().trim(), e.span());
        let (line, column) = line_col(text, explained.at);
        ConfigError {
            file: file.to_path_buf(),
            line,
            column,
            message: explained.message,
            hint: explained.hint,
        }
    })?;
    let root = file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    let empty = sets_nothing(text);
    let written = std::mem::take(&mut config.clinics);
    let clinic_departments = clinics::resolve(written, &config.departments, file, text)?;
    let mut settings = Settings::from_config(config, root, Some(file.to_path_buf()), text);
    settings.clinic_departments = clinic_departments;
    if empty {
        let warning = settings.sets_nothing(file);
        settings.warnings.push(warning);
    }
    Ok(settings)
}

/// Whether a TOML text sets no value at all: empty, only comments, or only empty tables.
fn sets_nothing(text: &str) -> bool {
    fn empty(table: &toml::Table) -> bool {
        table
            .values()
            .all(|v| matches!(v, toml::Value::Table(t) if empty(t)))
    }
    toml::from_str::<toml::Table>(text).is_ok_and(|t| empty(&t))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `line:column: message (tips: hint)` for `text` as ordnat.toml.
    fn error(text: &str) -> String {
        match from_text(Path::new("ordnat.toml"), text) {
            Ok(_) => "ok".into(),
            Err(e) => format!("{}:{}: {} (tips: {})", e.line, e.column, e.message, e.hint),
        }
    }

    /// The mistakes of issue 26 and their kin: each told in Swedish, at its place, with a
    /// hint that shows what to write.
    #[test]
    fn every_mistake_is_told_in_swedish_at_its_place_with_a_hint() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "förvaltningar = [\"A\", \"B\"]",
                "1:2",
                &[
                    "måste stå inom citattecken",
                    "`\"förvaltningar\"`, eller utan prickar `forvaltningar`",
                ],
            ),
            (
                "[kommitté]\n",
                "1:9",
                &[
                    "tabellnamnet `kommitté`",
                    "`[\"kommitté\"]`, eller utan prickar `[kommitte]`",
                ],
            ),
            (
                "förvaltning = []",
                "1:2",
                &["menade du `\"förvaltningar\"`"],
            ),
            (
                "\"kostnadsgräns\" = \"100 000\"",
                "1:19",
                &["väntade ett heltal", "texten \"100 000\"", "skriv `100000`"],
            ),
            (
                "kostnadsgrans = 100 000",
                "1:17",
                &["`100 000` är inget tal", "skriv `100000`"],
            ),
            (
                "kostnadsgrans = 12,5",
                "1:19",
                &["kommatecken i ett tal", "`12.5`"],
            ),
            (
                "kostnadsgrans = 1.5",
                "1:17",
                &["decimaltalet 1.5", "`1` eller `2`"],
            ),
            (
                "kostnadsgrans = -5",
                "1:17",
                &["talet -5", "0 eller större"],
            ),
            (
                "kostnadsgrans = 100000000000000000000000",
                "1:17",
                &["för stort", "18446744073709551615"],
            ),
            (
                "[beslutfattare]\n",
                "1:2",
                &[
                    "okänd tabell `[beslutfattare]`",
                    "menade du `[beslutsfattare]`?",
                ],
            ),
            (
                "[kommite]\n",
                "1:2",
                &["okänd tabell `[kommite]`", "menade du `[\"kommitté\"]`"],
            ),
            (
                "regionn = \"x\"",
                "1:1",
                &["okänd nyckel `regionn`", "menade du `region`?"],
            ),
            (
                "[beslutsfattare]\nnationelt = \"x\"",
                "2:1",
                &["okänd nyckel `nationelt`", "menade du `nationellt`?"],
            ),
            (
                "xyz = 1",
                "1:1",
                &[
                    "okänd nyckel `xyz`",
                    "nycklarna här är `region`, `\"ärenden\"`",
                ],
            ),
            (
                "\"förvaltningar\" = [\"A\",, \"B\"]",
                "1:24",
                &["ett kommatecken för mycket", "ta bort det"],
            ),
            (
                "\"förvaltningar\" = [\"A\" \"B\"]",
                "1:24",
                &["kommatecken saknas", "före `\"B\"`"],
            ),
            (
                "[kommitte]\nmoten = [2026-09-24",
                "2:20",
                &["slutar inte med `]`"],
            ),
            (
                "[kommitte]\nmoten = [2026-02-30]",
                "2:10",
                &[
                    "`2026-02-30` är inget datum: februari 2026 har 28 dagar",
                    "01–28",
                ],
            ),
            (
                "[kommitte]\nmoten = [\"2026-02-30\"]",
                "2:9",
                &["februari 2026 har 28 dagar"],
            ),
            (
                "[kommitte]\nmoten = [2026-13-01]",
                "2:10",
                &["ingen månad 13"],
            ),
            (
                "[kommitte]\nmoten = [2026-9-1]",
                "2:10",
                &["skriv `2026-09-01`"],
            ),
            (
                "[kommitte]\nmoten = 2026-09-24",
                "2:9",
                &["väntade en lista", "datumet 2026-09-24", "`[2026-09-24]`"],
            ),
            (
                "[kommitte]\nmoten = [\"2026-09-24\", 5]",
                "2:9",
                &["väntade ett datum", "`5`"],
            ),
            (
                "region: \"Region Halland\"",
                "1:9",
                &["som i YAML", "skriv `region = \"Region Halland\"`"],
            ),
            (
                "region = Region Halland",
                "1:10",
                &[
                    "texten `Region Halland` står utan citattecken",
                    "`\"Region Halland\"`",
                ],
            ),
            ("region", "1:7", &["nyckeln `region` har inget `=`"]),
            ("region =", "1:9", &["`region` har inget värde"]),
            (
                "region = \"A",
                "1:12",
                &["texten inom citattecken", "avsluta texten med `\"`"],
            ),
            (
                "region = \"A\" \"B\"",
                "1:14",
                &["mer än ett värde på raden"],
            ),
            (
                "region = \"A\"\nregion = \"B\"",
                "2:1",
                &["`region` står redan tidigare"],
            ),
            (
                "[regler]\n[regler]",
                "2:2",
                &["`[regler]` står redan tidigare"],
            ),
            (
                "[\"kommitté\"]\n[\"kommitté\"]",
                "2:2",
                &["`[\"kommitté\"]` står redan tidigare"],
            ),
            (
                "publikt = ja",
                "1:11",
                &["`ja` är inget sanningsvärde", "skriv `true`"],
            ),
            (
                "publikt = True",
                "1:11",
                &["`True` är inget sanningsvärde", "skriv `true`"],
            ),
            (
                "publikt = \"nej\"",
                "1:11",
                &[
                    "väntade `true` eller `false`",
                    "skriv `false`, utan citattecken",
                ],
            ),
            (
                "kommitte = \"PER\"",
                "1:12",
                &["väntade en tabell", "skriv `[kommitte]` på en egen rad"],
            ),
            (
                "forvaltningar = \"A\"",
                "1:17",
                &["väntade en lista", "`[\"A\"]`"],
            ),
            ("region = [\"a\"]", "1:10", &["väntade en text", "en lista"]),
            (
                "[regler]\ndate-order = fel",
                "2:14",
                &["texten `fel` står utan citattecken", "`\"fel\"`"],
            ),
            (
                "[regler]\ndate-order = \"error\"",
                "2:14",
                &["`error` är ingen regelnivå", "skriv `\"fel\"`"],
            ),
            (
                "[regler]\ndate-order = \"varnig\"",
                "2:14",
                &["skriv `\"varning\"`"],
            ),
            (
                "region = Region Halland\"",
                "1:10",
                &["inledande citattecken", "skriv `\"Region Halland\"`"],
            ),
            ("regler]", "1:7", &["saknar `[`", "skriv `[regler]`"]),
            (
                "[kommitte]\nmoten = [2026-03-12 2026-06-04]",
                "2:10",
                &["kommatecken saknas", "efter `2026-03-12`"],
            ),
            ("]", "1:1", &["`]` utan sin början"]),
            (
                "[beslutsunderlag]\n\"förslag\" = \"Att införa {produkt} för {indikatoin}\"",
                "2:13",
                &[
                    "okänd platshållare `{indikatoin}`",
                    "menade du `{indikation}`?",
                ],
            ),
            (
                "[beslutsunderlag]\nforslag = \"Att {utfall {produkt}\"",
                "2:11",
                &["okänd platshållare `{utfall {produkt}`"],
            ),
            (
                "[beslutsunderlag]\nforslag = \"Att {utfall\"",
                "2:11",
                &["saknar sitt `}`", "`{produkt}`"],
            ),
            (
                "[ledtider]\nmal_dagr = 90",
                "2:1",
                &["okänd nyckel `mal_dagr`", "menade du `\"mål_dagar\"`"],
            ),
            (
                "[ledtider]\nmal_dagar = \"90 dagar\"",
                "2:13",
                &["väntade ett heltal"],
            ),
            (
                "[kommitte]\nsynpunkter_dagar_fore = \"14\"",
                "2:25",
                &["väntade ett heltal", "texten \"14\"", "skriv `14`"],
            ),
            (
                "[kommitte]\nsynpunkter_dagar_fore = \"två veckor\"",
                "2:25",
                &["väntade ett heltal", "t.ex. `14`"],
            ),
            (
                "[kommitte]\nbeslut_dagar_efter = 30.5",
                "2:22",
                &["väntade ett heltal", "`30` eller `31`"],
            ),
            (
                "[kommitte]\nbeslut_dagar_efter = 5000000000",
                "2:22",
                &[
                    "talet är för stort",
                    "det största tal som går här är 4294967295",
                ],
            ),
            (
                "[kliniker]\n\"Onkologiska kliniken\" = 5",
                "2:26",
                &["väntade en text"],
            ),
            (
                "forvaltningar = [\"Hallands sjukhus\"]\n[kliniker]\nOnkologi = \"Halands sjukhus\"",
                "3:12",
                &[
                    "kliniken `Onkologi` hör till `Halands sjukhus`, som inte finns i `förvaltningar`",
                    "menade du `\"Hallands sjukhus\"`?",
                ],
            ),
            (
                "[beslutsunderlag]\n\"jämställhet\" = \"x\"",
                "2:1",
                &["okänd nyckel `jämställhet`", "menade du `\"jämställdhet\"`"],
            ),
        ];
        let mut wrong = Vec::new();
        for (text, at, parts) in cases {
            let got = error(text);
            if !got.starts_with(&format!("{at}: ")) || !parts.iter().all(|p| got.contains(p)) {
                wrong.push(format!("{text:?}\n  got  {got}\n  want {at}: {parts:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// No English from toml or serde reaches the user, whatever the mistake: every line of a
    /// valid file, broken in each of many ways.
    #[test]
    fn no_english_whatever_the_mistake() {
        let valid = include_str!("../../examples/ordnat-halland.toml");
        let breaks: &[fn(&str) -> String] = &[
            |l| l.replacen('=', "", 1),
            |l| l.replacen('=', ":", 1),
            |l| l.replacen('"', "", 1),
            |l| l.replace('"', ""),
            |l| l.replacen(',', ",,", 1),
            |l| l.replacen(',', "", 1),
            |l| l.replacen(']', "", 1),
            |l| l.replacen('[', "", 1),
            |l| l.replacen("-0", "-3", 1),
            |l| format!("{l} x"),
            |l| format!("{l}\n{l}"),
            |l| l.replacen('\\', "\\q", 1),
            |l| l.replacen('a', "å", 1),
        ];
        let english = [
            "expected",
            "invalid",
            "unknown",
            "missing",
            "unexpected",
            "string",
            "field",
            "type",
            "key ",
            "value",
            "table",
            "array",
            "comma",
        ];
        let lines: Vec<&str> = valid.lines().collect();
        for i in 0..lines.len() {
            for broken in breaks {
                let mut edited = lines.clone();
                let line = broken(lines[i]);
                edited[i] = &line;
                let text = edited.join("\n");
                let got = error(&text);
                let lower = got.to_lowercase();
                // The general message is for what toml rarely says; these all have their own.
                assert!(
                    !english.iter().any(|w| lower.contains(w))
                        && !got.contains("kan inte läsas här"),
                    "{text}\n=> {got}"
                );
            }
        }
    }

    #[test]
    fn a_file_that_sets_nothing_is_warned_about_with_the_defaults() {
        for text in [
            "",
            "\n# bara en kommentar\n",
            "[regler]\n[\"kommitté\"]\n",
            "\u{feff}",
        ] {
            let settings = from_text(Path::new("ordnat.toml"), text).expect("valid");
            let [warning] = &settings.warnings[..] else {
                panic!("{text:?}: {:?}", settings.warnings);
            };
            for default in [
                settings.region.as_str(),
                settings.committee.as_str(),
                settings.national_decider.as_str(),
                "100 000 kr",
                "cases/",
            ] {
                assert!(
                    warning.message.contains(default),
                    "{default}: {}",
                    warning.message
                );
            }
        }
        for text in [
            "region = \"Region Halland\"",
            "\"förvaltningar\" = []",
            "[regler]\ndate-order = \"av\"",
        ] {
            let settings = from_text(Path::new("ordnat.toml"), text).expect("valid");
            assert!(settings.warnings.is_empty(), "{text:?}");
        }
    }
}
