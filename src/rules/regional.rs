//! Regional process rules (seeds 000, 002, 003), costly therapy and follow-up (seed 004) and
//! confidentiality (seed 000). The prerequisites of the committee and the decision are read
//! from the process model, not restated here.

use super::{Group, Rule, Subject};
use crate::case::*;
use crate::diagnostic::{Diagnostic, Severity};
use crate::process::{self, CONSEQUENCE_PARTS, Flow, StepId};
use crate::tree::Pos;
use chrono::{Months, NaiveDate};

pub static RULES: &[&Rule] = &[
    &REGISTRATION,
    &CONSEQUENCE_DESCRIPTION,
    &COMMENTS_ROUND,
    &DECISION_MAKER,
    &DECISION_WITHOUT_RECOMMENDATION,
    &COMMITTEE_MEETING,
    &FOR_INFORMATION_ONLY,
    &IMPLEMENTATION_OWNER,
    &COST_OWNER,
    &BROADENED_INDICATION,
    &AI_VALIDATION,
    &REVISION,
    &UNUSED_EXCEPTION,
    &COSTLY_GOAL,
    &COSTLY_STOP_CRITERIA,
    &COSTLY_EVALUATION,
    &FOLLOW_UP_OVERDUE,
    &CONFIDENTIAL_IN_PUBLIC_REPO,
];

/// The committee's recommendation or the decision, whichever is recorded first in the file:
/// the step that makes the case's earlier steps due.
fn taken_up(s: &Subject) -> Option<(Pos, &'static str)> {
    let committee = process::committee(s.case)
        .filter(|_| s.process.done(StepId::Committee))
        .map(|k| (k.pos, "kommitténs rekommendation"));
    let decision = process::decision(s.case)
        .filter(|_| s.process.done(StepId::Decision))
        .map(|d| (d.pos, "beslutet"));
    committee.or(decision)
}

static REGISTRATION: Rule = Rule {
    name: "registration",
    severity: Severity::Error,
    group: Group::Regional,
    summary: "ett ärende som tagits till kommittén eller beslutats har inget diarienummer",
    explanation: "\"Samtliga ärenden gällande ett nationellt kunskapsstöd diarieförs\", och \
        beslutet \"dokumenteras samt diarieförs\". Utan diarienummer går beslutet inte att \
        återfinna i regionens diarium.",
    source: "003_9c22e38e3529e250.txt, \"Process ordnat införande\"",
    fix: "regionalt:\n  diarienummer: RS 2026/0412",
    check: Some(|_, s| {
        let Some((pos, what)) = taken_up(s) else {
            return Vec::new();
        };
        if s.process.done(StepId::Registered) {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                "registration",
                pos,
                format!("{what} är registrerad men ärendet har inget diarienummer"),
            )
            .hint("lägg till `diarienummer: …` under `regionalt`"),
        ]
    }),
};

static CONSEQUENCE_DESCRIPTION: Rule = Rule {
    name: "consequence-description",
    severity: Severity::Error,
    group: Group::Regional,
    summary: "kommitténs rekommendation eller beslut utan fullständig konsekvensbeskrivning",
    explanation: "Processledare och sakkunniga tar fram en konsekvensbeskrivning (eller \
        GAP-analys) som skickas på synpunktsrunda och sammanställs inför PER; PER:s \
        rekommendation och direktörens beslut bygger på den. Den ska säga vem som tagit fram \
        den och när, hur många patienter som berörs per år, vad det kostar per patient och år, \
        vilka förvaltningar som berörs och vilka organisatoriska konsekvenser införandet får. \
        Patienter och kostnad behövs också för att budgeten ska ta hänsyn till kommande \
        införanden (002_a833a36459d22ff6.txt).",
    source: "003_9c22e38e3529e250.txt, \"Process ordnat införande\" och bilaga 1; 002_a833a36459d22ff6.txt, \"Uppföljning och kostnadskontroll\"",
    fix: "konsekvensbeskrivning:\n  ansvarig: Anna Andersson, läkemedelsstrateg\n  datum: 2026-07-15\n  patienter_per_år: 25\n  kostnad_per_patient_och_år: 480000\n  berörda_förvaltningar: [Hallands sjukhus]\n  organisation: Infusioner på dagvården; ingen ny personal.",
    check: Some(|_, s| {
        let Some((pos, what)) = taken_up(s) else {
            return Vec::new();
        };
        let state = s.process.state(StepId::ConsequenceDescription);
        if !state.applies || state.done {
            return Vec::new();
        }
        match process::consequence(s.case) {
            None => vec![Diagnostic::new("consequence-description", pos, format!("{what} är registrerad men ärendet har ingen konsekvensbeskrivning"))
                .hint("lägg till `regionalt.konsekvensbeskrivning` med ansvarig, datum, patienter_per_år, kostnad_per_patient_och_år, berörda_förvaltningar och organisation; `ordnat explain consequence-description` säger varför")],
            Some(k) => {
                let missing: Vec<String> = CONSEQUENCE_PARTS
                    .iter()
                    .filter(|n| !(n.present)(s.case))
                    .map(|n| format!("`{}` ({})", n.field, n.label))
                    .collect();
                vec![Diagnostic::new("consequence-description", k.pos, format!("konsekvensbeskrivningen saknar {}", missing.join(", ")))
                    .hint(format!("{what} bygger på en fullständig konsekvensbeskrivning; lägg till de delar som saknas"))]
            }
        }
    }),
};

static COMMENTS_ROUND: Rule = Rule {
    name: "comments-round",
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "till kommittén utan synpunkter från varje berörd förvaltning",
    explanation: "\"Ärendet inklusive konsekvensbeskrivning skickas ut till förvaltningarnas \
        funktionsbrevlådor för synpunkter\" och strategen \"sammanställer \
        konsekvensbeskrivningarna ... och synpunkter inför beredningsgrupp PER och PER\". Även \
        regionala införanden ska inhämta synpunkter från övriga förvaltningar som kan påverkas.",
    source: "003_9c22e38e3529e250.txt, \"Process ordnat införande\" och \"Synpunktsrunda\"",
    fix: "synpunkter:\n  - { förvaltning: Hallands sjukhus, datum: 2026-08-20, synpunkt: Tillstyrker. }",
    check: Some(|_, s| {
        let Some(k) = process::committee(s.case).filter(|_| s.process.done(StepId::Committee))
        else {
            return Vec::new();
        };
        let missing = process::missing_comments(s.case);
        if missing.is_empty() {
            return Vec::new();
        }
        vec![Diagnostic::new("comments-round", k.pos, format!("ärendet togs till kommittén utan synpunkter från {}", missing.join(", ")))
            .hint(format!("lägg till en synpunkt per förvaltning under `regionalt.synpunkter`, t.ex. `- {{ förvaltning: {}, datum: ÅÅÅÅ-MM-DD, synpunkt: … }}`", missing[0]))]
    }),
};

/// Whether the recorded decision-maker is the configured role (the role may be followed by a
/// name: `Hälso- och sjukvårdsdirektör, Karin Ek`).
pub fn same_role(recorded: &str, role: &str) -> bool {
    let recorded = recorded.trim().to_lowercase();
    let role = role.trim().to_lowercase();
    recorded == role
        || recorded
            .strip_prefix(&role)
            .is_some_and(|rest| rest.starts_with([',', ' ', '(']))
}

static DECISION_MAKER: Rule = Rule {
    name: "decision-maker",
    severity: Severity::Error,
    group: Group::Regional,
    summary: "beslut utan beslutsfattare, eller av en annan roll än den `ordnat.toml` anger",
    explanation: "\"Hälso- och sjukvårdsdirektören beslutar om ordnat införande\" på PER:s \
        rekommendation; vid regionalt införande \"tar förvaltningschefen beslut om \
        metoden/läkemedlet/medicintekniken ska införas eller inte\". Revisionen av regionens \
        införandeprocess fann oklara roller och mandat (002_a833a36459d22ff6.txt). Rollerna \
        anges i `ordnat.toml` under `[beslutsfattare]`.",
    source: "003_9c22e38e3529e250.txt, \"Ansvar\" och \"Kartläggning, konsekvensbeskrivning och beslut\"; 002_a833a36459d22ff6.txt, \"Ansvar, roller och mandat\"",
    fix: "beslut:\n  utfall: införs\n  datum: 2026-10-01\n  beslutsfattare: Hälso- och sjukvårdsdirektör",
    check: Some(|ctx, s| {
        let Some(d) = process::decision(s.case) else {
            return Vec::new();
        };
        if s.process.flow == Flow::ForInformation {
            return Vec::new();
        }
        let role = ctx.settings.decider(val(&s.case.typ), val(&s.case.track));
        match d.beslutsfattare.as_ref() {
            None => vec![Diagnostic::new("decision-maker", d.pos, "beslutet anger ingen beslutsfattare")
                .hint(format!("lägg till `beslutsfattare: {role}`"))],
            Some(who) if !same_role(&who.value, role) => vec![Diagnostic::new(
                "decision-maker",
                who.pos,
                format!("`{}` beslutar inte i denna typ av ärende; enligt regionens rutin beslutar {role}", who.value),
            )
            .hint(format!("skriv `beslutsfattare: {role}`, eller ändra `[beslutsfattare]` i ordnat.toml om rutinen är en annan"))],
            Some(_) => Vec::new(),
        }
    }),
};

static DECISION_WITHOUT_RECOMMENDATION: Rule = Rule {
    name: "decision-without-recommendation",
    severity: Severity::Error,
    group: Group::Regional,
    summary: "ett nationellt ärende beslutat utan kommitténs rekommendation",
    explanation: "I den nationella processen \"lämnar PER en rekommendation till beslut åt \
        Hälso- och sjukvårdsdirektören\"; beslutet \"baseras på en rekommendation från \
        Prioriterings- och evidensrådet (PER)\".",
    source: "003_9c22e38e3529e250.txt, \"Ansvar\" och \"Process ordnat införande\"",
    fix: "kommitté: { möte: 2026-09-24, rekommendation: införa }",
    check: Some(|_, s| {
        let Some(d) = process::decision(s.case) else {
            return Vec::new();
        };
        let committee = s.process.state(StepId::Committee);
        if !committee.applies || committee.done || !s.process.done(StepId::Decision) {
            return Vec::new();
        }
        vec![Diagnostic::new("decision-without-recommendation", d.pos, "beslutet är fattat utan kommitténs rekommendation")
            .hint("lägg till `kommitté: { möte: ÅÅÅÅ-MM-DD, rekommendation: införa }` under `regionalt`")]
    }),
};

static COMMITTEE_MEETING: Rule = Rule {
    name: "committee-meeting",
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "kommitténs rekommendation är daterad en dag då kommittén inte har möte",
    explanation: "\"PER hanterar ärenden om ordnat införande och har möten fyra gånger per år.\" \
        En rekommendation på en annan dag är oftast ett skrivfel. Mötesdagarna anges i \
        `ordnat.toml` under `[kommitté] möten`; utan dem kontrolleras inte regeln.",
    source: "003_9c22e38e3529e250.txt, \"Prioriterings- och evidensrådet (PER)\"",
    fix: "kommitté: { möte: 2026-09-24, rekommendation: införa }   # ett av mötena i ordnat.toml",
    check: Some(|ctx, s| {
        let meetings = &ctx.settings.meetings;
        let Some(date) = process::committee(s.case).and_then(|k| k.meeting.as_ref()) else {
            return Vec::new();
        };
        if meetings.is_empty() || meetings.contains(&date.value) {
            return Vec::new();
        }
        let nearest = meetings
            .iter()
            .min_by_key(|m| (**m - date.value).num_days().abs())
            .map(|m| format!("närmaste möte är {m}"))
            .unwrap_or_default();
        vec![
            Diagnostic::new(
                "committee-meeting",
                date.pos,
                format!(
                    "{} hade inte {} något möte",
                    date.value, ctx.settings.committee
                ),
            )
            .hint(format!(
                "{nearest}; skriv mötets datum eller lägg till mötet i ordnat.toml"
            )),
        ]
    }),
};

static FOR_INFORMATION_ONLY: Rule = Rule {
    name: "for-information-only",
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "behandlingsbeslut sker inte i regionen (för kännedom), men ett regionalt beslut är registrerat",
    explanation: "\"För nationella rekommendationer som avser läkemedel och medicinteknik där \
        behandling sker i regionsjukvård och/eller behandlingsbeslut inte sker i Region \
        Halland tas inget beslut om ordnat införande\"; rekommendationen skickas för kännedom.",
    source: "003_9c22e38e3529e250.txt, \"Läkemedel och medicinteknik där behandlingsbeslut inte sker i Region Halland\"",
    fix: "regionalt:\n  diarienummer: RS 2026/0510\n  behandling_i_regionen: false   # och inget beslut",
    check: Some(|_, s| {
        if s.process.flow != Flow::ForInformation {
            return Vec::new();
        }
        let Some(d) = process::decision(s.case) else {
            return Vec::new();
        };
        vec![Diagnostic::new("for-information-only", d.pos, "ärendet skickas för kännedom (behandling_i_regionen: false) men har ett regionalt beslut")
            .hint("ta bort `beslut`, eller sätt `behandling_i_regionen: true` om behandlingen beslutas i regionen")]
    }),
};

fn decided_anchor(s: &Subject) -> Option<Pos> {
    if !process::decided_to_introduce(s.case) {
        return None;
    }
    process::implementation(s.case)
        .map(|i| i.pos)
        .or_else(|| process::decision(s.case).map(|d| d.pos))
}

static IMPLEMENTATION_OWNER: Rule = Rule {
    name: "implementation-owner",
    severity: Severity::Error,
    group: Group::Regional,
    summary: "beslutat att införa, men ingen verksamhetschef ansvarar för införandet",
    explanation: "\"Berörd verksamhetschef ansvarar för införande och implementering av ny \
        kunskap, läkemedel och medicinteknik\". Revisionen fann att ansvaret till \
        verksamhetscheferna behöver förtydligas (002_a833a36459d22ff6.txt).",
    source: "003_9c22e38e3529e250.txt, \"Ansvar\"; 002_a833a36459d22ff6.txt, revisorernas rekommendationer",
    fix: "införande:\n  verksamhetschef: Bo Berg, verksamhetschef onkologi",
    check: Some(|_, s| {
        let Some(pos) = decided_anchor(s) else {
            return Vec::new();
        };
        if process::implementation(s.case).is_some_and(|i| i.verksamhetschef.is_some()) {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                "implementation-owner",
                pos,
                "beslutet är att införa, men ingen verksamhetschef är ansvarig för införandet",
            )
            .hint("lägg till `införande: { verksamhetschef: Namn, roll }`"),
        ]
    }),
};

static COST_OWNER: Rule = Rule {
    name: "cost-owner",
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "beslutat att införa, men ingen klinik bär kostnaden (klinikläkemedel)",
    explanation: "\"Läkemedel inom ordnat införande klassas i regionens system för kostnadsansvar \
        som klinikläkemedel. Det innebär att kostnaden belastar förskrivande klinik.\" \
        \"Det yttersta medicinska och ekonomiska ansvaret åvilar respektive klinik.\"",
    source: "000_833ccc8d102dcee0.txt, \"Läkemedelskostnader kopplade till ordnat införande\" och \"Roller och ansvar\"",
    fix: "införande:\n  kostnadsansvar: Onkologiska kliniken",
    check: Some(|_, s| {
        if val(&s.case.typ) != Some(Kind::Drug) {
            return Vec::new();
        }
        let Some(pos) = decided_anchor(s) else {
            return Vec::new();
        };
        if process::implementation(s.case).is_some_and(|i| i.kostnadsansvar.is_some()) {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                "cost-owner",
                pos,
                "beslutet är att införa, men ingen klinik bär kostnaden",
            )
            .hint("lägg till `kostnadsansvar: <klinik>` under `införande`"),
        ]
    }),
};

static BROADENED_INDICATION: Rule = Rule {
    name: "broadened-indication",
    severity: Severity::Error,
    group: Group::Regional,
    summary: "ny indikation för ett infört läkemedel utan länk till det tidigare ärendet och en namngiven ansvarig",
    explanation: "Revisorerna rekommenderade att regionen \"förtydliga[r] ansvaret för läkemedel \
        när indikationen breddas, och fler patienter får tillgång till läkemedlet\". Ett ärende \
        för en ny indikation länkar därför till det tidigare ärendet (`ny_indikation_för`) och \
        har en namngiven ansvarig (`ansvarig`).",
    source: "002_a833a36459d22ff6.txt, revisorernas rekommendationer",
    fix: "ny_indikation_för: 2023-007\nansvarig: Anna Andersson, läkemedelsstrateg",
    check: Some(|ctx, s| {
        if val(&s.case.typ) != Some(Kind::Drug) {
            return Vec::new();
        }
        if let Some(link) = s.case.new_indication_of.as_ref() {
            if s.case.ansvarig.is_none() {
                return vec![
                    Diagnostic::new(
                        "broadened-indication",
                        link.pos,
                        "den breddade indikationen har ingen namngiven ansvarig",
                    )
                    .hint("lägg till `ansvarig: Namn, roll` på översta nivån"),
                ];
            }
            return Vec::new();
        }
        let Some(substance) = s.case.substans.as_ref() else {
            return Vec::new();
        };
        let my_decision = process::decision(s.case)
            .and_then(|d| d.datum.as_ref())
            .map(|d| d.value);
        let earlier = ctx
            .introduced(&substance.value, s.index)
            .find(|(_, other)| {
                let other_date = process::decision(other)
                    .and_then(|d| d.datum.as_ref())
                    .map(|d| d.value);
                match (other_date, my_decision) {
                    (Some(o), Some(m)) => o < m,
                    _ => true,
                }
            });
        let Some((file, other)) = earlier else {
            return Vec::new();
        };
        let other_id = text(&other.id).unwrap_or("?");
        vec![Diagnostic::new(
            "broadened-indication",
            substance.pos,
            format!("{} är redan infört i ärende {other_id} ({}); detta är en ny indikation utan länk dit", substance.value, file.display),
        )
        .hint(format!("lägg till `ny_indikation_för: {other_id}` och `ansvarig: Namn, roll`"))]
    }),
};

static AI_VALIDATION: Rule = Rule {
    name: "ai-validation",
    severity: Severity::Error,
    group: Group::Regional,
    summary: "en AI-produkt utan valideringsplan och strukturerad uppföljning",
    explanation: "\"Vid värdering av införande av metoder som inbegriper AI i bildiagnostik bör om \
        möjligt valideringsplattform användas och strukturerad uppföljning genomföras enligt \
        vägledning från ... MTP-rådet\". Regeln slår till när ett AI-ärende tas till kommittén \
        eller beslutas utan `införande.valideringsplan` och planerad `uppföljning`.",
    source: "003_9c22e38e3529e250.txt, \"Kartläggning, konsekvensbeskrivning och beslut\" (tillägg 2026-05-05)",
    fix: "införande:\n  valideringsplan: Lokal validering på 500 undersökningar före drift; kvartalsvis kontroll.\nuppföljning:\n  - { planerad: 2027-03-01 }",
    check: Some(|_, s| {
        if val(&s.case.ai) != Some(true) {
            return Vec::new();
        }
        let Some((pos, what)) = taken_up(s) else {
            return Vec::new();
        };
        let mut missing = Vec::new();
        if process::implementation(s.case).is_none_or(|i| i.valideringsplan.is_none()) {
            missing.push("`införande.valideringsplan`");
        }
        if list(&s.case.follow_ups).is_empty() {
            missing.push("planerad `uppföljning`");
        }
        if missing.is_empty() {
            return Vec::new();
        }
        vec![Diagnostic::new("ai-validation", pos, format!("AI-produkten har {what} men saknar {}", missing.join(" och ")))
            .hint("beskriv valideringen före och under användning och planera strukturerad uppföljning")]
    }),
};

static REVISION: Rule = Rule {
    name: "revision",
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "ett reviderat kunskapsstöd utan bedömning av om ny konsekvensbeskrivning och nytt beslut behövs",
    explanation: "\"Vid reviderade kunskapsstöd som redan har hanterats enligt process ordnat \
        införande görs bedömningen i samråd med förvaltningarna om revideringen kräver en ny \
        konsekvensbeskrivning och ett nytt beslut\".",
    source: "003_9c22e38e3529e250.txt, \"Reviderade kunskapsstöd\"",
    fix: "regionalt:\n  revideringsbedömning:\n    datum: 2026-06-10\n    utfall: beslutet-kvarstår\n    samråd: [Hallands sjukhus, Närsjukvården]",
    check: Some(|_, s| {
        let Some(link) = s.case.reviderar.as_ref() else {
            return Vec::new();
        };
        let assessed = s
            .case
            .regionalt
            .as_ref()
            .is_some_and(|r| r.revision_assessment.is_some());
        if assessed {
            return Vec::new();
        }
        vec![Diagnostic::new("revision", link.pos, format!("revideringen av {} saknar bedömningen om ny konsekvensbeskrivning och nytt beslut behövs", link.value))
            .hint("lägg till `regionalt.revideringsbedömning` med datum och utfall (ny-konsekvensbeskrivning eller beslutet-kvarstår)")]
    }),
};

static UNUSED_EXCEPTION: Rule = Rule {
    name: super::UNUSED_EXCEPTION,
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "ett undantag för en regel som inte skulle ha slagit till (eller som inte finns)",
    explanation: "Kommittén kan besluta att en regel inte gäller ett visst ärende; undantaget \
        skrivs i ärendet (`undantag`) med regel, skäl, vem som beslutade och datum, och regeln \
        tystnar för ärendet. Ett undantag som inte tystar något är inaktuellt och skulle dölja \
        ett framtida fel. PER tar fram rekommendationer till beslut (003_9c22e38e3529e250.txt).",
    source: "003_9c22e38e3529e250.txt, \"Prioriterings- och evidensrådet (PER)\"",
    fix: "undantag:\n  - { regel: comments-round, skäl: Brådskande; synpunkter muntligt på mötet., beslutad_av: PER, datum: 2026-09-24 }",
    check: None,
};

/// Introduced, costly, with cost per patient and year above the configured limit.
fn costly(ctx: &super::Ctx, s: &Subject) -> Option<(Pos, u64)> {
    if val(&s.case.typ) != Some(Kind::Drug) || !process::decided_to_introduce(s.case) {
        return None;
    }
    let cost = process::consequence(s.case)?
        .cost_per_patient_year
        .as_ref()?;
    (cost.value > ctx.settings.cost_limit).then_some(())?;
    Some((decided_anchor(s)?, cost.value))
}

const SEED_004: &str =
    "004_8e12bacf3111c3e9.txt (Region Skåne, principer för kostsam läkemedelsterapi)";

static COSTLY_GOAL: Rule = Rule {
    name: "costly-goal",
    severity: Severity::Error,
    group: Group::Costly,
    summary: "kostsam terapi införd utan kliniskt betydelsefullt behandlingsmål",
    explanation: "En kostsam behandling är > 100 000 kr per patient och tolvmånadersperiod \
        (lokalt får lägre gräns gälla; `kostnadsgräns` i ordnat.toml). \"Insättning får endast \
        ske om kliniskt betydelsefullt och uppföljningsbart behandlingsmål finns.\"",
    source: SEED_004,
    fix: "införande:\n  behandlingsmål: Progressionsfri överlevnad; utvärderas med DT var tredje månad.",
    check: Some(|ctx, s| {
        let Some((pos, cost)) = costly(ctx, s) else {
            return Vec::new();
        };
        if process::implementation(s.case).is_some_and(|i| i.goal.is_some()) {
            return Vec::new();
        }
        vec![Diagnostic::new("costly-goal", pos, format!("kostsam terapi ({} per patient och år) utan behandlingsmål", crate::render::kronor(cost)))
            .hint("lägg till `behandlingsmål:` under `införande`: ett kliniskt betydelsefullt, uppföljningsbart mål")]
    }),
};

static COSTLY_STOP_CRITERIA: Rule = Rule {
    name: "costly-stop-criteria",
    severity: Severity::Warning,
    group: Group::Costly,
    summary: "kostsam terapi införd utan utsättningskriterier",
    explanation: "\"Behandlingen ska regelbundet utvärderas och vid utebliven effekt avslutas.\" \
        \"Utsättningskriterier ska så långt möjligt finnas på kliniken.\"",
    source: SEED_004,
    fix: "införande:\n  utsättningskriterier: Progress enligt RECIST 1.1 eller oacceptabel toxicitet.",
    check: Some(|ctx, s| {
        let Some((pos, cost)) = costly(ctx, s) else {
            return Vec::new();
        };
        if process::implementation(s.case).is_some_and(|i| i.stop_criteria.is_some()) {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                "costly-stop-criteria",
                pos,
                format!(
                    "kostsam terapi ({} per patient och år) utan utsättningskriterier",
                    crate::render::kronor(cost)
                ),
            )
            .hint("lägg till `utsättningskriterier:` under `införande`"),
        ]
    }),
};

static COSTLY_EVALUATION: Rule = Rule {
    name: "costly-evaluation",
    severity: Severity::Error,
    group: Group::Costly,
    summary: "kostsam terapi utan utvärdering senast 3 månader efter start och sedan minst var 6:e månad",
    explanation: "\"Idealt ska utvärdering ske senast 3 månader efter behandlingsstart och \
        därefter var sjätte månad.\" Regeln läser `uppföljning` (planerade och utförda \
        datum): den första får ligga högst 3 månader efter `införande.start`, nästa högst 6 \
        månader efter den föregående, och planen får inte ta slut före i dag.",
    source: SEED_004,
    fix: "uppföljning:\n  - { planerad: 2027-02-01 }   # start 2026-11-01 + 3 månader\n  - { planerad: 2027-08-01 }",
    check: Some(|ctx, s| {
        let Some((pos, _)) = costly(ctx, s) else {
            return Vec::new();
        };
        let Some(start) = process::implementation(s.case).and_then(|i| i.start.as_ref()) else {
            return vec![Diagnostic::new("costly-evaluation", pos, "kostsam terapi utan startdatum: utvärderingsplanen kan inte bedömas")
                .hint("lägg till `start:` under `införande` och en första `uppföljning` högst 3 månader senare")];
        };
        evaluation_gaps(start, list(&s.case.follow_ups), ctx.today)
            .into_iter()
            .map(|(p, message)| {
                Diagnostic::new("costly-evaluation", if p == Pos::default() { pos } else { p }, message)
                    .hint("planera utvärdering senast 3 månader efter start och därefter minst var sjätte månad")
            })
            .collect()
    }),
};

/// The gaps in an evaluation plan: first at most 3 months after start, then at most every 6
/// months, and the plan reaching today. A `Pos::default()` means "at the plan as a whole".
pub fn evaluation_gaps(
    start: &Sp<NaiveDate>,
    follow_ups: &[Sp<FollowUp>],
    today: NaiveDate,
) -> Vec<(Pos, String)> {
    let mut dates: Vec<&Sp<NaiveDate>> = follow_ups
        .iter()
        .filter_map(|f| f.planerad.as_ref().or(f.done.as_ref()))
        .collect();
    dates.sort_by_key(|d| d.value);
    let add = |d: NaiveDate, m: u32| {
        d.checked_add_months(Months::new(m))
            .unwrap_or(NaiveDate::MAX)
    };
    let mut gaps = Vec::new();
    let Some(first) = dates.first() else {
        return vec![(
            Pos::default(),
            format!(
                "kostsam terapi utan planerad utvärdering; den första ska ske senast {}",
                add(start.value, 3)
            ),
        )];
    };
    if first.value > add(start.value, 3) {
        gaps.push((
            first.pos,
            format!(
                "första utvärderingen ({}) ligger mer än 3 månader efter start ({}); senast {}",
                first.value,
                start.value,
                add(start.value, 3)
            ),
        ));
    }
    for pair in dates.windows(2) {
        if pair[1].value > add(pair[0].value, 6) {
            gaps.push((
                pair[1].pos,
                format!(
                    "mer än 6 månader mellan utvärderingarna {} och {}",
                    pair[0].value, pair[1].value
                ),
            ));
        }
    }
    if let Some(last) = dates.last()
        && add(last.value, 6) < today
    {
        gaps.push((
            last.pos,
            format!(
                "ingen utvärdering är planerad efter {}; nästa skulle ha skett senast {}",
                last.value,
                add(last.value, 6)
            ),
        ));
    }
    gaps
}

static FOLLOW_UP_OVERDUE: Rule = Rule {
    name: "follow-up-overdue",
    severity: Severity::Warning,
    group: Group::Costly,
    summary: "en planerad uppföljning vars datum har passerat utan resultat",
    explanation: "\"Uppföljningsresultat för nya läkemedel ska sammanställas för att öka den \
        samlade kunskapen.\" Den nationella uppföljningen rapporteras till kommittén \
        (000_833ccc8d102dcee0.txt); en uppföljning som passerat utan resultat är en uppföljning \
        som inte blev av.",
    source: "004_8e12bacf3111c3e9.txt; 000_833ccc8d102dcee0.txt, \"Uppföljning\"",
    fix: "uppföljning:\n  - { planerad: 2027-02-01, utförd: 2027-02-03, resultat: 20 av 23 utan progress. }",
    check: Some(|ctx, s| {
        list(&s.case.follow_ups)
            .iter()
            .filter(|f| f.resultat.is_none())
            .filter_map(|f| f.planerad.as_ref())
            .filter(|p| p.value < ctx.today)
            .map(|p| {
                Diagnostic::new("follow-up-overdue", p.pos, format!("uppföljningen planerad {} har passerat utan resultat", p.value))
                    .hint("fyll i `utförd:` och `resultat:`, eller flytta `planerad:` om uppföljningen skjutits upp")
            })
            .collect()
    }),
};

static CONFIDENTIAL_IN_PUBLIC_REPO: Rule = Rule {
    name: "confidential-in-public-repo",
    severity: Severity::Error,
    group: Group::Confidentiality,
    summary: "repot är publikt och ett ärende har sekretessbelagda uppgifter",
    explanation: "Information om ordnat införande \"innehåller inte sällan sekretessbelagda \
        uppgifter\", varför inga offentliga handlingar upprättas. I ett publikt repo (`publikt = \
        true` i ordnat.toml) får `sekretess` därför inte ha några värden.",
    source: "000_833ccc8d102dcee0.txt, \"Information kopplad till ordnat införande\"",
    fix: "# ta bort avsnittet sekretess ur ärendet i det publika repot",
    check: Some(|ctx, s| {
        if !ctx.settings.public {
            return Vec::new();
        }
        let Some(secret) = s.case.sekretess.as_ref() else {
            return Vec::new();
        };
        if secret.pris_efter_rabatt.is_none() && secret.anteckning.is_none() {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                "confidential-in-public-repo",
                secret.pos,
                "repot är publikt men ärendet har sekretessbelagda uppgifter",
            )
            .hint("ta bort `sekretess` ur ärendet och förvara uppgifterna där de skyddas"),
        ]
    }),
};
