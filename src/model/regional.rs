//! The region's own handling of a case (`regionalt`): registration, the konsekvensbeskrivning,
//! the departments' comments, the committee, the decision, the introduction and its
//! follow-ups. One type per section, as in `model`.

use super::{Date, Sp, Text};
use schemars::JsonSchema;
use serde::Deserialize;

/// Regionens handläggning.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Regionens handläggning")]
pub struct Regional {
    /// Diarienummer, t.ex. `RS 2026/0412`.
    pub diarienummer: Text,
    /// Datum då ärendet registrerades i diariet: där börjar regionens handläggning i
    /// ledtiderna (`ordnat report --public`).
    pub registrerad: Date,
    /// `false` när behandlingsbeslut inte sker i regionen: ärendet skickas för kännedom och
    /// inget regionalt beslut fattas. Standard `true`.
    pub behandling_i_regionen: Option<Sp<bool>>,
    /// Konsekvensbeskrivning (eller GAP-analys).
    pub konsekvensbeskrivning: Option<Sp<ConsequenceDescription>>,
    /// Synpunkter från de berörda förvaltningarna.
    pub synpunkter: Option<Sp<Vec<Sp<Comment>>>>,
    /// Kommitténs (t.ex. PER:s) rekommendation.
    #[serde(rename = "kommitté")]
    pub committee: Option<Sp<Committee>>,
    /// Beslut om ordnat införande.
    pub beslut: Option<Sp<Decision>>,
    /// Reviderat kunskapsstöd: bedömningen om revideringen kräver ny konsekvensbeskrivning och
    /// nytt beslut.
    #[serde(rename = "revideringsbedömning")]
    pub revision_assessment: Option<Sp<RevisionAssessment>>,
}

/// Konsekvensbeskrivningen: vem, när, patienter, kostnad, berörda förvaltningar, organisation.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Konsekvensbeskrivning")]
pub struct ConsequenceDescription {
    /// Vem som tagit fram konsekvensbeskrivningen (namn, roll).
    pub ansvarig: Text,
    /// Datum då den blev klar.
    pub datum: Date,
    /// Förväntat antal patienter per år i regionen.
    #[serde(rename = "patienter_per_år")]
    pub patients_per_year: Option<Sp<u64>>,
    /// Kostnad per patient och år i kronor (listpris; rabatterat pris hör till `sekretess`).
    #[serde(rename = "kostnad_per_patient_och_år")]
    pub cost_per_patient_year: Option<Sp<u64>>,
    /// De förvaltningar som berörs av införandet.
    #[serde(rename = "berörda_förvaltningar")]
    pub affected: Option<Sp<Vec<Sp<String>>>>,
    /// Organisatoriska konsekvenser.
    pub organisation: Text,
    /// Kliniken som väntas bära kostnaden (klinikläkemedel), innan beslutet: budgeten
    /// räknar kostnaden på den. När införandet är beslutat gäller `införande.kostnadsansvar`.
    pub kostnadsansvar: Text,
    /// Väntat startdatum, innan beslutet: budgeten räknar kostnaden från det (men aldrig
    /// före det första möte ärendet kan nå). När införandet har ett `införande.start` gäller
    /// det.
    pub planerad_start: Date,
    /// Budgetprognos per år (år 1–3), t.ex. för introduktionsfinansiering och
    /// budgetarbetet: `- { år: 2027, patienter: 15, kostnad: 7200000 }`.
    pub prognos: Option<Sp<Vec<Sp<Forecast>>>>,
}

/// Ett års budgetprognos.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Budgetprognos för ett år")]
pub struct Forecast {
    /// Året som prognosen gäller, t.ex. `2027`.
    #[schemars(required)]
    #[serde(rename = "år")]
    pub year: Option<Sp<u64>>,
    /// Väntat antal behandlade patienter det året.
    #[serde(rename = "patienter")]
    pub patients: Option<Sp<u64>>,
    /// Väntad kostnad det året i kronor (listpris).
    #[schemars(required)]
    #[serde(rename = "kostnad")]
    pub cost: Option<Sp<u64>>,
}

/// En förvaltnings synpunkt.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Förvaltningens synpunkt")]
pub struct Comment {
    /// Förvaltningen som lämnat synpunkten.
    #[schemars(required)]
    #[serde(rename = "förvaltning")]
    pub department: Text,
    /// Datum för synpunkten.
    #[schemars(required)]
    pub datum: Date,
    /// Synpunkten.
    pub synpunkt: Text,
}

/// Kommitténs rekommendation.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Kommitténs rekommendation")]
pub struct Committee {
    /// Mötesdatum.
    #[schemars(required)]
    #[serde(rename = "möte")]
    pub meeting: Date,
    /// `införa` eller `införa-inte`.
    #[schemars(required)]
    pub rekommendation: Option<Sp<CommitteeRecommendation>>,
}

/// Kommitténs rekommendation till beslutsfattaren.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Rekommendation till beslutsfattaren")]
pub enum CommitteeRecommendation {
    /// Rekommenderar att införa.
    #[serde(rename = "införa")]
    Introduce,
    /// Rekommenderar att inte införa.
    #[serde(rename = "införa-inte")]
    DoNotIntroduce,
}

/// Beslutet om ordnat införande.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Beslut om ordnat införande")]
pub struct Decision {
    /// `införs` eller `införs-inte`.
    #[schemars(required)]
    pub utfall: Option<Sp<DecisionOutcome>>,
    /// Beslutsdatum.
    #[schemars(required)]
    pub datum: Date,
    /// Beslutsfattarens roll (eventuellt följd av namn), t.ex. `Hälso- och sjukvårdsdirektör`.
    pub beslutsfattare: Text,
    /// Datum för den nationella rekommendation som beslutet bygger på (en av
    /// `rekommendationer`). Utan den antas den senaste rekommendationen före beslutet.
    #[serde(rename = "baserat_på")]
    pub based_on: Date,
}

/// Beslutets utfall.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Beslutets utfall")]
pub enum DecisionOutcome {
    /// Införs.
    #[serde(rename = "införs")]
    Introduce,
    /// Införs inte.
    #[serde(rename = "införs-inte")]
    DoNotIntroduce,
}

/// Bedömningen av ett reviderat kunskapsstöd (rutinen i Region Halland).
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Revideringsbedömning")]
pub struct RevisionAssessment {
    /// Datum för bedömningen.
    #[schemars(required)]
    pub datum: Date,
    /// `ny-konsekvensbeskrivning` (revideringen kräver ny konsekvensbeskrivning och nytt
    /// beslut) eller `beslutet-kvarstår` (lyfts som information vid kommande möte).
    #[schemars(required)]
    pub utfall: Option<Sp<RevisionOutcome>>,
    /// Förvaltningarna som bedömningen gjorts i samråd med.
    #[serde(rename = "samråd")]
    pub consulted: Option<Sp<Vec<Sp<String>>>>,
}

/// Utfall av revideringsbedömningen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Revideringsbedömningens utfall")]
pub enum RevisionOutcome {
    /// Ny konsekvensbeskrivning och nytt beslut behövs.
    #[serde(rename = "ny-konsekvensbeskrivning")]
    NewDescription,
    /// Förändringen är begränsad; nuvarande beslut kvarstår.
    #[serde(rename = "beslutet-kvarstår")]
    DecisionStands,
}

/// Införandet i verksamheten.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Införande i verksamheten")]
pub struct Implementation {
    /// Verksamhetschef som ansvarar för införandet (namn, roll).
    pub verksamhetschef: Text,
    /// Klinik som bär kostnaden (klinikläkemedel).
    pub kostnadsansvar: Text,
    /// Datum då behandlingen började användas.
    pub start: Date,
    /// Kliniskt betydelsefullt och uppföljningsbart behandlingsmål.
    #[serde(rename = "behandlingsmål")]
    pub goal: Text,
    /// Kriterier för när behandlingen ska avslutas.
    #[serde(rename = "utsättningskriterier")]
    pub stop_criteria: Text,
    /// Nationellt kvalitetsregister som används för uppföljning.
    pub kvalitetsregister: Text,
    /// AI-produkter: plan för validering före införande och under användning.
    pub valideringsplan: Text,
}

/// En uppföljning.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Uppföljning")]
pub struct FollowUp {
    /// Planerat datum.
    #[schemars(required)]
    pub planerad: Date,
    /// Datum då uppföljningen gjordes.
    #[serde(rename = "utförd")]
    pub done: Date,
    /// Resultatet.
    pub resultat: Text,
    /// Varifrån resultatet kommer: `nationell-kvartalsstatistik`, `kvalitetsregister` eller
    /// `lokal`.
    #[serde(rename = "källa")]
    pub source: Option<Sp<FollowUpSource>>,
}

/// Källan till en uppföljning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Uppföljningens källa")]
pub enum FollowUpSource {
    /// Den nationella uppföljningen: kvartalsvis försäljningsstatistik per substans.
    #[serde(rename = "nationell-kvartalsstatistik")]
    NationalQuarterly,
    /// Ett nationellt kvalitetsregister.
    #[serde(rename = "kvalitetsregister")]
    QualityRegister,
    /// Klinikens eller regionens egen uppföljning.
    #[serde(rename = "lokal")]
    Local,
}
