//! The model: the case file format, one Rust type per section of a case file, and accessors
//! on the case that every later stage reads instead of digging through the sections.
//!
//! These types are the single declaration of the format. The JSON Schema in `schemas/` is
//! generated from them (their Swedish doc comments are what an editor shows on hover), the
//! format walk in `read/walk.rs` reads that schema, and the rules read the typed case built
//! from the walked tree. Every value is wrapped in `Sp` so that it keeps its line and column.
//! May use: `text`. Used by every stage after it.

mod parts;
mod regional;
mod span;
mod word;

pub use parts::Parts;
pub use regional::*;
pub use span::{Pos, SPANNED_FIELDS, SPANNED_MARKER, Sp};
pub use word::word;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Deserialize;

type Text = Option<Sp<String>>;
type Date = Option<Sp<NaiveDate>>;

/// Ett ärende i ordnat införande: ett läkemedel och en indikation, en medicinteknisk produkt
/// eller ett kunskapsstöd. En fil per ärende; filnamnet börjar med ärendets id.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Ärende i ordnat införande")]
pub struct Case {
    /// Ärendets id, unikt i repot, t.ex. `2026-014`. Filnamnet börjar med id:t.
    #[schemars(required)]
    pub id: Text,
    /// Vad ärendet gäller: `läkemedel`, `medicinteknik` eller `kunskapsstöd`.
    #[schemars(required)]
    pub typ: Option<Sp<Kind>>,
    /// `nationellt` (NT-rådet, MTP-rådet eller nationellt kunskapsstöd) eller `regionalt`
    /// (regionalt ordnat införande, beslut av förvaltningschef).
    #[schemars(required)]
    #[serde(rename = "spår")]
    pub track: Option<Sp<Track>>,
    /// Ärendets ansvariga handläggare (namn, roll), t.ex. läkemedelsstrateg.
    pub ansvarig: Text,
    /// Läkemedlets substans (generiskt namn). Krävs för läkemedel.
    pub substans: Text,
    /// Produktens handelsnamn.
    pub produktnamn: Text,
    /// ATC-kod, formen bokstav-siffra-siffra-bokstav-bokstav-siffra-siffra, t.ex. `L01FX99`.
    pub atc: Text,
    /// Företaget som marknadsför produkten.
    #[serde(rename = "företag")]
    pub company: Text,
    /// Indikation eller användningsområde som ärendet gäller.
    #[schemars(required)]
    pub indikation: Text,
    /// Förskrivningssätt: `rekvisition` (klinikläkemedel) eller `recept`. Krävs för läkemedel.
    #[serde(rename = "förskrivning")]
    pub prescription: Option<Sp<Prescription>>,
    /// Id för ärendet om samma läkemedels tidigare indikation, när indikationen breddas.
    #[serde(rename = "ny_indikation_för")]
    pub new_indication_of: Text,
    /// Id för det ärende vars kunskapsstöd detta ärende reviderar.
    pub reviderar: Text,
    /// `true` när den medicintekniska produkten bygger på AI (kräver valideringsplan och
    /// strukturerad uppföljning, rutinen i Region Halland).
    pub ai: Option<Sp<bool>>,
    /// Läkemedlets godkännande: datum för CHMP:s yttrande och EU-kommissionens
    /// marknadsföringsgodkännande. Väntade datum går bra för läkemedel som ännu inte är godkända.
    #[serde(rename = "godkännande")]
    pub approval: Option<Sp<Approval>>,
    /// Hur ärendet kom in i processen.
    pub underlag: Option<Sp<Underlag>>,
    /// NT-rådets beslut om nationell samverkan.
    pub samverkan: Option<Sp<Samverkan>>,
    /// TLV:s hälsoekonomiska bedömning och förmånsbeslut.
    pub tlv: Option<Sp<Tlv>>,
    /// NT-rådets (eller MTP-rådets) rekommendationer till regionerna, äldst först: t.ex.
    /// `avvakta` medan ärendet bereds, sedan rekommendationen och senare omprövningar. Den
    /// sista gäller. Skriv en rad per rekommendation: `- { typ: avvakta, datum: 2026-03-26 }`.
    pub rekommendationer: Option<Sp<Vec<Sp<Recommendation>>>>,
    /// Ersatt av `rekommendationer` (en lista, äldst först). ordnat läser nyckeln bara för att
    /// kunna säga vad som ska skrivas i stället.
    #[serde(rename = "rekommendation")]
    #[schemars(extend("deprecated" = true, "doNotSuggest" = true, "deprecationMessage" = "Ersatt av `rekommendationer`: skriv en lista, t.ex. `- { typ: bör-användas, datum: 2026-05-28 }`."))]
    pub retired_recommendation: Option<Sp<RetiredRecommendation>>,
    /// Nationellt avtal med företaget.
    pub avtal: Option<Sp<Agreement>>,
    /// Regionens egen handläggning: registrering, konsekvensbeskrivning, synpunkter, kommitté
    /// och beslut.
    pub regionalt: Option<Sp<Regional>>,
    /// Införandet i verksamheten efter beslut.
    #[serde(rename = "införande")]
    pub implementation: Option<Sp<Implementation>>,
    /// Planerade och utförda uppföljningar.
    #[serde(rename = "uppföljning")]
    pub follow_ups: Option<Sp<Vec<Sp<FollowUp>>>>,
    /// Sekretessbelagda uppgifter. Skrivs aldrig ut i rapporter utan uttrycklig flagga, och får
    /// inte finnas i ett publikt repo.
    pub sekretess: Option<Sp<Confidential>>,
    /// Manuellt slutläge: `vilande`, `avslutat` eller `återkallat`. Fasen i övrigt härleds.
    pub status: Option<Sp<ManualStatus>>,
    /// Undantag från regler som kommittén har beslutat för just detta ärende.
    pub undantag: Option<Sp<Vec<Sp<Exception>>>>,
    /// The key paths of values that are written but could not be read (each already reported
    /// as a format error), so that no rule reports them again as missing.
    #[serde(skip)]
    #[schemars(skip)]
    pub unreadable: Vec<String>,
    /// Where the `sekretess` key stands when the section holds any value, read before the
    /// format walk: a malformed value is left out of `sekretess` but is no less confidential.
    #[serde(skip)]
    #[schemars(skip)]
    pub confidential: Option<Pos>,
}

/// Vad ärendet gäller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Typ av ärende")]
pub enum Kind {
    /// Ett läkemedel (en substans och en indikation).
    #[serde(rename = "läkemedel")]
    Drug,
    /// En medicinteknisk produkt (MTP-rådet).
    #[serde(rename = "medicinteknik")]
    Device,
    /// Ett nationellt kunskapsstöd, t.ex. vårdprogram eller nationella riktlinjer.
    #[serde(rename = "kunskapsstöd")]
    Guideline,
}

/// Nationellt eller regionalt ordnat införande.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Spår")]
pub enum Track {
    /// Nationell process: NT-rådet, MTP-rådet eller nationellt kunskapsstöd.
    #[serde(rename = "nationellt")]
    National,
    /// Regionalt ordnat införande; förvaltningschefen beslutar.
    #[serde(rename = "regionalt")]
    Regional,
}

/// Förskrivningssätt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Förskrivningssätt")]
pub enum Prescription {
    /// Rekvisitionsläkemedel (klinikläkemedel).
    #[serde(rename = "rekvisition")]
    Requisition,
    /// Receptläkemedel (förmånen, TLV).
    #[serde(rename = "recept")]
    Prescription,
}

/// Hur ärendet kom in i processen.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Underlag")]
pub struct Underlag {
    /// `horizon-scanning`, `nominering` (av en region), `nationellt-kunskapsstöd`,
    /// `verksamhet` (regionalt önskemål) eller `företag`. Ett företag kan inte ansöka om
    /// nationellt ordnat införande.
    #[schemars(required)]
    #[serde(rename = "källa")]
    pub source: Option<Sp<Source>>,
    /// Datum då underlaget kom in.
    #[schemars(required)]
    pub datum: Date,
    /// Regionen som nominerade läkemedlet (vid `nominering`).
    pub nominerande_region: Text,
}

/// Källan till ett ärende.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Källa till ärendet")]
pub enum Source {
    /// Tidig bedömningsrapport från nationell horizon scanning.
    #[serde(rename = "horizon-scanning")]
    HorizonScanning,
    /// En region har nominerat läkemedlet till NT-rådet.
    #[serde(rename = "nominering")]
    Nomination,
    /// Ett publicerat nationellt kunskapsstöd (vårdprogram, riktlinjer).
    #[serde(rename = "nationellt-kunskapsstöd")]
    Guideline,
    /// Önskemål eller behov i regionens egen verksamhet (regionalt införande).
    #[serde(rename = "verksamhet")]
    Department,
    /// Ett företags ansökan. Inte en väg in i nationellt ordnat införande.
    #[serde(rename = "företag")]
    Company,
}

/// NT-rådets beslut om nationell samverkan.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Nationell samverkan")]
pub struct Samverkan {
    /// `omfattas` eller `omfattas-inte` av nationell samverkan.
    #[schemars(required)]
    pub beslut: Option<Sp<SamverkanDecision>>,
    /// Datum för NT-rådets beslut.
    #[schemars(required)]
    pub datum: Date,
    /// Rekvisitionsläkemedel: minst ett av de fyra kriterierna.
    pub kriterier: Option<Sp<Vec<Sp<Criterion>>>>,
    /// Receptläkemedel: minst en av de tre grunderna.
    pub grunder: Option<Sp<Vec<Sp<Ground>>>>,
    /// Vid `omfattas-inte`: varför.
    #[serde(rename = "skäl")]
    pub reason: Option<Sp<Reason>>,
    /// Fritext om beslutet.
    pub kommentar: Text,
    /// Datum då NT-rådet avslutade den nationella samverkan (vid omprövning, senast två år efter
    /// rekommendationen). Läkemedlet hanteras därefter av varje regions egen kommitté; "regional
    /// bedömning" i det första formatet.
    pub avslutad: Date,
}

/// Utfallet av NT-rådets beslut om samverkan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Beslut om samverkan")]
pub enum SamverkanDecision {
    /// Läkemedlet/indikationen omfattas av nationell samverkan.
    #[serde(rename = "omfattas")]
    Included,
    /// Läkemedlet/indikationen omfattas inte av nationell samverkan.
    #[serde(rename = "omfattas-inte")]
    NotIncluded,
}

/// Kriterier för samverkan om rekvisitionsläkemedel (NT-rådet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Kriterium för samverkan (rekvisitionsläkemedel)")]
pub enum Criterion {
    /// Jämlik användning över landet är angeläget.
    #[serde(rename = "jämlik-användning")]
    Equality,
    /// Hög till mycket hög svårighetsgrad för tillståndet.
    #[serde(rename = "svårighetsgrad")]
    Severity,
    /// Förväntat stor resurspåverkan.
    #[serde(rename = "resurspåverkan")]
    Resources,
    /// Etiskt eller politiskt utmanande.
    #[serde(rename = "etiskt-politiskt-utmanande")]
    Ethics,
}

/// Grunder för samverkan om receptläkemedel (NT-rådet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Grund för samverkan (receptläkemedel)")]
pub enum Ground {
    /// Behov av en sammanhållen rekommendation för terapiområdet.
    #[serde(rename = "sammanhållen-rekommendation")]
    CoherentRecommendation,
    /// Behov av att förtydliga läkemedlets plats i terapin.
    #[serde(rename = "plats-i-terapin")]
    PlaceInTherapy,
    /// Rekommendation att avvakta i väntan på TLV:s förmånsbeslut.
    #[serde(rename = "avvakta-förmånsbeslut")]
    AwaitBenefitDecision,
}

/// Skäl till att ett läkemedel inte omfattas av nationell samverkan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Skäl till att inte samverka")]
pub enum Reason {
    /// Budgetpåverkan så liten att en hälsoekonomisk värdering inte behövs.
    #[serde(rename = "liten-budgetpåverkan")]
    SmallBudget,
    /// Andra processer kan säkerställa jämlik användning.
    #[serde(rename = "andra-processer")]
    OtherProcesses,
    /// Ingen stor användning väntas.
    #[serde(rename = "liten-användning")]
    LittleUse,
    /// Kan hanteras genom förmånsansökan hos TLV.
    #[serde(rename = "förmånsprövning")]
    BenefitProcess,
    /// Annat skäl (beskriv i `kommentar`).
    #[serde(rename = "annat")]
    Other,
}

/// TLV:s underlag.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "TLV")]
pub struct Tlv {
    /// Hälsoekonomisk bedömning som NT-rådet beställt av TLV (klinikläkemedelsuppdraget).
    #[serde(rename = "hälsoekonomisk_bedömning")]
    pub assessment: Option<Sp<Assessment>>,
    /// TLV:s förmånsbeslut (receptläkemedel).
    #[serde(rename = "förmånsbeslut")]
    pub benefit_decision: Option<Sp<BenefitDecision>>,
    /// Trepartsöverläggning mellan TLV, regionerna och företaget (receptläkemedel), som kan
    /// leda till en sidoöverenskommelse mellan regionerna och företaget.
    #[serde(rename = "trepartsöverläggning")]
    pub tripartite: Option<Sp<Tripartite>>,
}

/// En trepartsöverläggning (TLV, regionerna, företaget).
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Trepartsöverläggning")]
pub struct Tripartite {
    /// Datum då överläggningen avslutades.
    #[schemars(required)]
    pub datum: Date,
    /// `true` när överläggningen ledde till en sidoöverenskommelse mellan regionerna och
    /// företaget (villkoren är sekretessbelagda; skriv dem under `sekretess`).
    #[serde(rename = "sidoöverenskommelse")]
    pub side_agreement: Option<Sp<bool>>,
}

/// En hälsoekonomisk bedömning från TLV.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Hälsoekonomisk bedömning")]
pub struct Assessment {
    /// Datum då bedömningen beställdes.
    #[schemars(required)]
    #[serde(rename = "beställd")]
    pub ordered: Date,
    /// Datum då bedömningen publicerades.
    pub publicerad: Date,
}

/// TLV:s förmånsbeslut.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Förmånsbeslut")]
pub struct BenefitDecision {
    /// Datum för beslutet.
    #[schemars(required)]
    pub datum: Date,
    /// `generell-subvention`, `begränsad-subvention`, `tillfällig-subvention`, `avslag` eller
    /// `ansökan-återkallad`.
    #[schemars(required)]
    pub utfall: Option<Sp<BenefitOutcome>>,
    /// TLV:s villkor för subventionen (fritext), t.ex. begränsningen eller de särskilda
    /// villkoren vid begränsad eller tillfällig subvention.
    pub villkor: Text,
}

/// Utfallet av TLV:s förmånsbeslut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Förmånsbeslutets utfall")]
pub enum BenefitOutcome {
    /// Ingår i förmånen utan begränsning.
    #[serde(rename = "generell-subvention")]
    General,
    /// Ingår i förmånen med begränsning (eventuellt med särskilda villkor).
    #[serde(rename = "begränsad-subvention")]
    Limited,
    /// Ingår i förmånen under en begränsad tid.
    #[serde(rename = "tillfällig-subvention")]
    Temporary,
    /// Ingår inte i förmånen.
    #[serde(rename = "avslag")]
    Rejected,
    /// Företaget återkallade sin ansökan; TLV fattade inget beslut i sak.
    #[serde(rename = "ansökan-återkallad")]
    Withdrawn,
}

/// En rekommendation från NT-rådet (läkemedel) eller MTP-rådet (medicinteknik).
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Nationell rekommendation")]
pub struct Recommendation {
    /// Läkemedel (NT-rådet): `bör-användas`, `kan-användas`, `avstå` eller `avvakta`.
    /// Medicinteknik (MTP-rådet): `bör-införa`, `kan-införa`, `avstå` eller `avvakta`.
    #[schemars(required)]
    pub typ: Text,
    /// Datum för rekommendationen.
    #[schemars(required)]
    pub datum: Date,
    /// När rekommendationen ska omprövas. NT-rådet omprövar senast två år efter
    /// rekommendationen, ibland tidigare (t.ex. efter ett år).
    #[serde(rename = "omprövas")]
    pub review: Date,
    /// Uppföljningsintervall som rekommendationen anger för kostsam terapi; ersätter 3 och 6
    /// månader (Region Skånes principer) när de anges.
    #[serde(rename = "utvärdering")]
    pub evaluation: Option<Sp<EvaluationPlan>>,
}

impl Recommendation {
    /// The type, when it is a word of NT-rådet or MTP-rådet (whether it fits the case's kind
    /// is `invalid-value`'s business).
    pub fn kind(&self) -> Option<RecommendationType> {
        self.typ
            .as_ref()
            .and_then(|t| RecommendationType::from_word(&t.value))
    }
}

/// Utvärderingsintervall som en nationell rekommendation anger.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Utvärderingsintervall")]
pub struct EvaluationPlan {
    /// Första utvärderingen senast så många månader efter behandlingsstart (annars 3).
    #[serde(rename = "första_inom_månader")]
    pub first_within_months: Option<Sp<u64>>,
    /// Därefter utvärdering minst så här ofta, i månader (annars 6).
    #[serde(rename = "sedan_var_månad")]
    pub then_every_months: Option<Sp<u64>>,
}

/// Ersatt av `rekommendationer`: en rekommendation i det första formatet.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Rekommendation i det första formatet (ersatt)")]
pub struct RetiredRecommendation {
    /// Rekommendationens typ.
    pub typ: Text,
    /// Datum för rekommendationen.
    pub datum: Date,
    /// När rekommendationen ska omprövas.
    #[serde(rename = "omprövas")]
    pub review: Date,
}

/// En rekommendations typ. Läkemedel och medicinteknik har var sina ord (`allowed`); `avstå`
/// och `avvakta` är gemensamma.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Rekommendationens typ")]
pub enum RecommendationType {
    /// Läkemedel: NT-rådet rekommenderar att regionerna bör använda läkemedlet.
    #[serde(rename = "bör-användas")]
    ShouldUse,
    /// Läkemedel: NT-rådet rekommenderar att regionerna kan använda läkemedlet.
    #[serde(rename = "kan-användas")]
    MayUse,
    /// Medicinteknik: MTP-rådet rekommenderar att regionerna bör införa produkten.
    #[serde(rename = "bör-införa")]
    ShouldIntroduce,
    /// Medicinteknik: MTP-rådet rekommenderar att regionerna kan införa produkten.
    #[serde(rename = "kan-införa")]
    MayIntroduce,
    /// Regionerna rekommenderas att avstå från att använda (eller införa).
    #[serde(rename = "avstå")]
    Refrain,
    /// Regionerna rekommenderas att avvakta med användning (eller införande) medan ärendet
    /// bereds, t.ex. i väntan på TLV:s bedömning eller en förhandling.
    #[serde(rename = "avvakta")]
    Wait,
}

impl RecommendationType {
    pub const ALL: &[RecommendationType] = &[
        RecommendationType::ShouldUse,
        RecommendationType::MayUse,
        RecommendationType::ShouldIntroduce,
        RecommendationType::MayIntroduce,
        RecommendationType::Refrain,
        RecommendationType::Wait,
    ];

    /// The types a council uses for a kind of case: NT-rådet's for drugs, MTP-rådet's for
    /// devices; every type when the kind is unknown or has no council.
    pub fn allowed(kind: Option<Kind>) -> &'static [RecommendationType] {
        use RecommendationType::*;
        match kind {
            Some(Kind::Drug) => &[ShouldUse, MayUse, Refrain, Wait],
            Some(Kind::Device) => &[ShouldIntroduce, MayIntroduce, Refrain, Wait],
            _ => RecommendationType::ALL,
        }
    }

    /// The type written as `word`.
    pub fn from_word(word: &str) -> Option<RecommendationType> {
        let written = word.trim();
        RecommendationType::ALL
            .iter()
            .copied()
            .find(|t| crate::model::word(t) == written)
    }

    /// Whether the regions are recommended to use (or introduce): `bör-…` or `kan-…`.
    pub fn is_positive(self) -> bool {
        use RecommendationType::*;
        matches!(self, ShouldUse | MayUse | ShouldIntroduce | MayIntroduce)
    }
}

/// Avtalstyp.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Avtalstyp")]
pub enum AgreementType {
    /// Återbäringsavtal: företaget betalar tillbaka en del av kostnaden (sekretessbelagt).
    #[serde(rename = "återbäringsavtal")]
    Refund,
    /// Sidoöverenskommelse mellan regionerna och företaget efter en trepartsöverläggning.
    #[serde(rename = "sidoöverenskommelse")]
    SideAgreement,
    /// Upphandling.
    #[serde(rename = "upphandling")]
    Procurement,
    /// Utfallsbaserat avtal: betalningen beror på behandlingens resultat.
    #[serde(rename = "utfallsbaserat")]
    OutcomeBased,
}

/// Nationellt avtal med företaget.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Nationellt avtal")]
pub struct Agreement {
    /// `återbäringsavtal`, `sidoöverenskommelse`, `upphandling` eller `utfallsbaserat`.
    pub typ: Option<Sp<AgreementType>>,
    /// Avtalets första dag.
    #[schemars(required)]
    pub start: Date,
    /// Avtalets sista dag.
    #[schemars(required)]
    pub slut: Date,
    /// Avtalets sista dag efter förlängning, när avtalet har förlängts.
    #[serde(rename = "förlängt_till")]
    pub extended_to: Date,
}

impl Agreement {
    /// The last day the agreement holds: the extension when there is one, else the end.
    pub fn last_day(&self) -> Option<&Sp<NaiveDate>> {
        self.extended_to.as_ref().or(self.slut.as_ref())
    }
}

/// Läkemedlets godkännande.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Godkännande")]
pub struct Approval {
    /// Datum för CHMP:s (EMA:s kommitté för humanläkemedel) positiva yttrande.
    pub chmp: Date,
    /// Datum för EU-kommissionens marknadsföringsgodkännande.
    pub eu: Date,
}

/// Sekretessbelagda uppgifter.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Sekretessbelagda uppgifter")]
pub struct Confidential {
    /// Pris efter rabatt (kronor per patient och år).
    pub pris_efter_rabatt: Option<Sp<u64>>,
    /// Övrigt sekretessbelagt, t.ex. avtalsvillkor.
    pub anteckning: Text,
}

/// Manuellt slutläge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, JsonSchema)]
#[schemars(title = "Manuellt slutläge")]
pub enum ManualStatus {
    /// Ärendet vilar.
    #[serde(rename = "vilande")]
    Dormant,
    /// Ärendet är avslutat.
    #[serde(rename = "avslutat")]
    Closed,
    /// Rekommendationen eller produkten är återkallad.
    #[serde(rename = "återkallat")]
    Withdrawn,
}

/// Ett undantag från en regel, beslutat av kommittén för detta ärende.
#[derive(Debug, Clone, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Undantag från en regel")]
pub struct Exception {
    /// Regelns namn, t.ex. `comments-round`.
    #[schemars(required)]
    pub regel: Text,
    /// Varför regeln inte gäller här.
    #[schemars(required)]
    #[serde(rename = "skäl")]
    pub reason: Text,
    /// Vem som beslutade undantaget (t.ex. `PER`).
    #[schemars(required)]
    pub beslutad_av: Text,
    /// Beslutsdatum.
    #[schemars(required)]
    pub datum: Date,
}

/// Keys that a case of a given `typ` must have beyond the always-required ones. Written into
/// the schema as `if`/`then`, and read back from there by the format walk.
pub const REQUIRED_BY_KIND: &[(&str, &[&str])] = &[("läkemedel", &["substans", "förskrivning"])];

/// Whether `s` has the form of a case id, `ÅÅÅÅ-NNN`: a year of four digits, a hyphen and a
/// number of three digits or more (`2026-014`), and nothing else. `ordnat new` makes ids of
/// this form and accepts no other `--id`.
pub fn is_case_id(s: &str) -> bool {
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    s.split_once('-').is_some_and(|(year, number)| {
        year.len() == 4 && number.len() >= 3 && digits(year) && digits(number)
    })
}

/// A date of a case (`Case::dates`) and the key it stands at.
#[derive(Debug, Clone, Copy)]
pub struct DateField<'a> {
    /// The key path, with `[]` for an element of a list: `uppföljning[].planerad`.
    pub key: &'static str,
    /// For an element of a list, its index (from 0).
    pub at: Option<usize>,
    pub date: &'a Sp<NaiveDate>,
}

impl DateField<'_> {
    /// The key path as messages show it: `uppföljning[2].planerad` (elements counted from 1).
    pub fn path(&self) -> String {
        match self.at {
            Some(i) => self.key.replacen("[]", &format!("[{}]", i + 1), 1),
            None => self.key.to_string(),
        }
    }
}

/// Helpers to read optional spanned values without repeating `as_ref().map(...)`.
pub fn val<T: Copy>(v: &Option<Sp<T>>) -> Option<T> {
    v.as_ref().map(|s| s.value)
}

pub fn text(v: &Option<Sp<String>>) -> Option<&str> {
    v.as_ref().map(|s| s.value.as_str())
}

pub fn list<T>(v: &Option<Sp<Vec<Sp<T>>>>) -> &[Sp<T>] {
    v.as_ref().map(|s| s.value.as_slice()).unwrap_or(&[])
}

/// Accessors: the sections that the process model, the rules and the report read, found once.
impl Case {
    /// Whether the value at `path` (`regionalt.beslut.datum`), or the section holding it, or a
    /// value inside it, is written but could not be read.
    pub fn unreadable(&self, path: &str) -> bool {
        let within = |inner: &str, outer: &str| {
            inner
                .strip_prefix(outer)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
        };
        self.unreadable
            .iter()
            .any(|u| within(u, path) || within(path, u))
    }

    /// Whether the case holds confidential values (`sekretess`), well-formed or not.
    pub fn has_confidential(&self) -> bool {
        self.confidential.is_some()
    }

    /// The region's own handling, if recorded.
    pub fn regional(&self) -> Option<&Regional> {
        self.regionalt.as_ref().map(|r| &r.value)
    }

    /// The diarienummer the region registered the case under (`regionalt.diarienummer`), as
    /// written, without surrounding spaces; `None` when it is missing or blank.
    pub fn diarienummer(&self) -> Option<&str> {
        self.regional()
            .and_then(|r| text(&r.diarienummer))
            .map(str::trim)
            .filter(|d| !d.is_empty())
    }

    pub fn consequence(&self) -> Option<&Sp<ConsequenceDescription>> {
        self.regional()
            .and_then(|r| r.konsekvensbeskrivning.as_ref())
    }

    pub fn committee(&self) -> Option<&Sp<Committee>> {
        self.regional().and_then(|r| r.committee.as_ref())
    }

    pub fn decision(&self) -> Option<&Sp<Decision>> {
        self.regional().and_then(|r| r.beslut.as_ref())
    }

    pub fn implementation(&self) -> Option<&Sp<Implementation>> {
        self.implementation.as_ref()
    }

    /// The comments of the förvaltningar (empty when none).
    pub fn comments(&self) -> &[Sp<Comment>] {
        self.regional().map(|r| list(&r.synpunkter)).unwrap_or(&[])
    }

    /// The förvaltningar named as affected in the konsekvensbeskrivning (empty when none).
    pub fn affected(&self) -> &[Sp<String>] {
        self.consequence().map(|k| list(&k.affected)).unwrap_or(&[])
    }

    /// The affected förvaltningar that have not commented yet.
    pub fn missing_comments(&self) -> Vec<&str> {
        let comments = self.comments();
        self.affected()
            .iter()
            .map(|a| a.value.as_str())
            .filter(|a| {
                !comments
                    .iter()
                    .any(|c| text(&c.department).is_some_and(|d| d.eq_ignore_ascii_case(a)))
            })
            .collect()
    }

    pub fn follow_ups(&self) -> &[Sp<FollowUp>] {
        list(&self.follow_ups)
    }

    pub fn exceptions(&self) -> &[Sp<Exception>] {
        list(&self.undantag)
    }

    /// The committee's exception from the rule named `rule`, when one is written.
    pub fn exception(&self, rule: &str) -> Option<&Exception> {
        self.exceptions()
            .iter()
            .map(|e| &e.value)
            .find(|e| text(&e.regel).is_some_and(|r| r.trim() == rule))
    }

    pub fn kind(&self) -> Option<Kind> {
        val(&self.typ)
    }

    pub fn track(&self) -> Option<Track> {
        val(&self.track)
    }

    pub fn prescription(&self) -> Option<Prescription> {
        val(&self.prescription)
    }

    pub fn is_drug(&self) -> bool {
        self.kind() == Some(Kind::Drug)
    }

    /// What the case is called in every output: a drug as `Produkt (substans)` (the product
    /// alone when its name holds the substance, or whichever of the two is written), a device
    /// by its product name, a knowledge support by its title (`indikation`). `None` when
    /// nothing of it is written.
    pub fn name(&self) -> Option<String> {
        let product = text(&self.produktnamn);
        let substance = text(&self.substans);
        match self.kind() {
            Some(Kind::Guideline) => product.or(text(&self.indikation)).map(str::to_string),
            Some(Kind::Device) => product.or(substance).map(str::to_string),
            Some(Kind::Drug) | None => match (product, substance) {
                (Some(p), Some(s)) if !crate::text::contains_ignoring_case(p, s) => {
                    Some(format!("{p} ({s})"))
                }
                (Some(one), _) | (None, Some(one)) => Some(one.to_string()),
                (None, None) => None,
            },
        }
    }

    /// NT-rådet's samverkan decision, if recorded.
    pub fn samverkan_decision(&self) -> Option<SamverkanDecision> {
        self.samverkan.as_ref().and_then(|s| val(&s.beslut))
    }

    /// The samverkan section when NT-rådet decided the case is included.
    pub fn samverkan_included(&self) -> Option<&Sp<Samverkan>> {
        self.samverkan
            .as_ref()
            .filter(|_| self.samverkan_decision() == Some(SamverkanDecision::Included))
    }

    /// The outcome of the regional decision, if recorded.
    pub fn decision_outcome(&self) -> Option<DecisionOutcome> {
        self.decision().and_then(|d| val(&d.utfall))
    }

    /// The substance as a key that ignores case and surrounding spaces (`Exempelmab ` and
    /// `exempelmab` are one drug).
    pub fn substance_key(&self) -> Option<String> {
        text(&self.substans).map(|s| s.trim().to_lowercase())
    }

    /// Whether the region decided to introduce.
    pub fn decided_to_introduce(&self) -> bool {
        self.decision_outcome() == Some(DecisionOutcome::Introduce)
    }

    /// NT-rådet's (or MTP-rådet's) recommendations as written, oldest first (empty when none).
    pub fn recommendations(&self) -> &[Sp<Recommendation>] {
        list(&self.rekommendationer)
    }

    /// The standing recommendation: the last one written. Every stage that asks which national
    /// recommendation holds asks here.
    pub fn standing_recommendation(&self) -> Option<&Sp<Recommendation>> {
        self.recommendations().last()
    }

    /// The first recommendation on use (any type but `avvakta`): when the national
    /// recommendation step was completed.
    pub fn first_final_recommendation(&self) -> Option<&Sp<Recommendation>> {
        self.recommendations()
            .iter()
            .find(|r| r.kind().is_some_and(|k| k != RecommendationType::Wait))
    }

    /// The recommendation the regional decision rests on: the one dated `baserat_på`, or
    /// without it the last one dated on or before the decision.
    pub fn decision_basis(&self) -> Option<&Sp<Recommendation>> {
        let decision = self.decision()?;
        let dated = |r: &Sp<Recommendation>| r.datum.as_ref().map(|d| d.value);
        match decision.based_on.as_ref() {
            Some(basis) => self
                .recommendations()
                .iter()
                .find(|r| dated(r) == Some(basis.value)),
            None => {
                let decided = decision.datum.as_ref()?.value;
                self.recommendations()
                    .iter()
                    .rfind(|r| dated(r).is_some_and(|d| d <= decided))
            }
        }
    }

    /// The day NT-rådet ended national samverkan, if it has.
    pub fn samverkan_ended(&self) -> Option<&Sp<NaiveDate>> {
        self.samverkan.as_ref().and_then(|s| s.avslutad.as_ref())
    }

    /// Every date the case records, done or planned, with the key path it stands at, in the
    /// order of the case file's sections.
    pub fn dates(&self) -> Vec<DateField<'_>> {
        fn add<'a>(
            out: &mut Vec<DateField<'a>>,
            key: &'static str,
            at: Option<usize>,
            d: &'a Date,
        ) {
            if let Some(date) = d {
                out.push(DateField { key, at, date });
            }
        }
        let mut out = Vec::new();
        if let Some(a) = &self.approval {
            add(&mut out, "godkännande.chmp", None, &a.chmp);
            add(&mut out, "godkännande.eu", None, &a.eu);
        }
        if let Some(u) = &self.underlag {
            add(&mut out, "underlag.datum", None, &u.datum);
        }
        if let Some(s) = &self.samverkan {
            add(&mut out, "samverkan.datum", None, &s.datum);
            add(&mut out, "samverkan.avslutad", None, &s.avslutad);
        }
        if let Some(t) = &self.tlv {
            if let Some(a) = &t.assessment {
                add(
                    &mut out,
                    "tlv.hälsoekonomisk_bedömning.beställd",
                    None,
                    &a.ordered,
                );
                add(
                    &mut out,
                    "tlv.hälsoekonomisk_bedömning.publicerad",
                    None,
                    &a.publicerad,
                );
            }
            if let Some(b) = &t.benefit_decision {
                add(&mut out, "tlv.förmånsbeslut.datum", None, &b.datum);
            }
            if let Some(t) = &t.tripartite {
                add(&mut out, "tlv.trepartsöverläggning.datum", None, &t.datum);
            }
        }
        for (i, r) in self.recommendations().iter().enumerate() {
            add(&mut out, "rekommendationer[].datum", Some(i), &r.datum);
            add(&mut out, "rekommendationer[].omprövas", Some(i), &r.review);
        }
        if let Some(r) = &self.retired_recommendation {
            add(&mut out, "rekommendation.datum", None, &r.datum);
            add(&mut out, "rekommendation.omprövas", None, &r.review);
        }
        if let Some(a) = &self.avtal {
            add(&mut out, "avtal.start", None, &a.start);
            add(&mut out, "avtal.slut", None, &a.slut);
            add(&mut out, "avtal.förlängt_till", None, &a.extended_to);
        }
        if let Some(r) = self.regional() {
            add(&mut out, "regionalt.registrerad", None, &r.registrerad);
        }
        if let Some(k) = self.consequence() {
            add(
                &mut out,
                "regionalt.konsekvensbeskrivning.datum",
                None,
                &k.datum,
            );
            add(
                &mut out,
                "regionalt.konsekvensbeskrivning.planerad_start",
                None,
                &k.planerad_start,
            );
        }
        for (i, c) in self.comments().iter().enumerate() {
            add(&mut out, "regionalt.synpunkter[].datum", Some(i), &c.datum);
        }
        if let Some(k) = self.committee() {
            add(&mut out, "regionalt.kommitté.möte", None, &k.meeting);
        }
        if let Some(d) = self.decision() {
            add(&mut out, "regionalt.beslut.datum", None, &d.datum);
            add(&mut out, "regionalt.beslut.baserat_på", None, &d.based_on);
        }
        if let Some(r) = self.regional().and_then(|r| r.revision_assessment.as_ref()) {
            add(
                &mut out,
                "regionalt.revideringsbedömning.datum",
                None,
                &r.datum,
            );
        }
        if let Some(i) = self.implementation() {
            add(&mut out, "införande.start", None, &i.start);
        }
        for (i, f) in self.follow_ups().iter().enumerate() {
            add(&mut out, "uppföljning[].planerad", Some(i), &f.planerad);
            add(&mut out, "uppföljning[].utförd", Some(i), &f.done);
        }
        for (i, e) in self.exceptions().iter().enumerate() {
            add(&mut out, "undantag[].datum", Some(i), &e.datum);
        }
        out
    }

    /// Every förvaltning named in the case: affected, commenting and consulted on a revision.
    pub fn named_departments(&self) -> Vec<&Sp<String>> {
        let mut named: Vec<&Sp<String>> = self.affected().iter().collect();
        named.extend(self.comments().iter().filter_map(|c| c.department.as_ref()));
        if let Some(r) = self.regional().and_then(|r| r.revision_assessment.as_ref()) {
            named.extend(list(&r.consulted));
        }
        named
    }

    /// Whether treatment is decided in the region (`behandling_i_regionen`, default true).
    pub fn treated_in_region(&self) -> bool {
        self.regional()
            .and_then(|r| val(&r.behandling_i_regionen))
            .unwrap_or(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recommendation_types_are_read_by_their_serde_names() {
        for t in RecommendationType::ALL {
            let written = word(t);
            assert_eq!(RecommendationType::from_word(written), Some(*t));
            assert_eq!(
                RecommendationType::from_word(&format!(" {written} ")),
                Some(*t)
            );
        }
        assert_eq!(RecommendationType::from_word("bör"), None);
    }
}
