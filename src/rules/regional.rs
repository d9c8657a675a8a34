//! Regional process rules (seeds 000, 002, 003): registration, konsekvensbeskrivning,
//! comments, committee, decision, implementation, broadened indications, AI, revisions and the
//! förvaltningar a case names. The
//! prerequisites of the committee and the decision are read from the process model, not
//! restated here.

use super::{Check, Group, Rule, Subject};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::*;
use crate::process::{CONSEQUENCE_PARTS, Flow, StepId};
use crate::rule_id::RuleId;
use crate::sources::{Cite, SourceId};

/// The committee's recommendation or the decision, whichever is recorded first in the file:
/// the step that makes the case's earlier steps due.
struct TakenUp {
    pos: Pos,
    /// `kommitténs rekommendation`, `beslutet`.
    what: &'static str,
    /// That it is recorded, the participle agreeing with `what`'s gender.
    recorded: &'static str,
}

fn taken_up(s: &Subject) -> Option<TakenUp> {
    let committee = s
        .case
        .committee()
        .filter(|_| s.process.done(StepId::Committee))
        .map(|k| TakenUp {
            pos: k.pos,
            what: "kommitténs rekommendation",
            recorded: "kommitténs rekommendation är registrerad",
        });
    let decision = s
        .case
        .decision()
        .filter(|_| s.process.done(StepId::Decision))
        .map(|d| TakenUp {
            pos: d.pos,
            what: "beslutet",
            recorded: "beslutet är registrerat",
        });
    committee.or(decision)
}

pub static REGISTRATION: Rule = Rule {
    id: RuleId::Registration,
    severity: Severity::Error,
    group: Group::Regional,
    summary: "ett ärende som tagits till kommittén eller beslutats har inget diarienummer",
    explanation: "\"Samtliga ärenden gällande ett nationellt kunskapsstöd diarieförs\", och \
        beslutet \"dokumenteras samt diarieförs\". Utan diarienummer går beslutet inte att \
        återfinna i regionens diarium.",
    sources: &[Cite::new(
        SourceId::HallandPer,
        "\"Process ordnat införande\"",
    )],
    fix: "regionalt:\n  diarienummer: RS 2026/0412",
    check: Check::Case(|_, s| {
        let Some(TakenUp { pos, recorded, .. }) = taken_up(s) else {
            return Vec::new();
        };
        // A diarienummer written but unreadable is reported once, as a format error.
        if s.process.state(StepId::Registered).missing.is_empty() {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                RuleId::Registration,
                pos,
                format!("{recorded} men ärendet har inget diarienummer"),
            )
            .hint("lägg till `diarienummer: …` under `regionalt`"),
        ]
    }),
};

pub static CONSEQUENCE_DESCRIPTION: Rule = Rule {
    id: RuleId::ConsequenceDescription,
    severity: Severity::Error,
    group: Group::Regional,
    summary: "kommitténs rekommendation eller beslut utan fullständig konsekvensbeskrivning",
    explanation: "Processledare och sakkunniga tar fram en konsekvensbeskrivning (eller \
        GAP-analys) som skickas på synpunktsrunda och sammanställs inför PER; PER:s \
        rekommendation och direktörens beslut bygger på den. Den ska säga vem som tagit fram \
        den och när, hur många patienter som berörs per år, vad det kostar per patient och år, \
        vilka förvaltningar som berörs och vilka organisatoriska konsekvenser införandet får. \
        Patienter och kostnad behövs också för att budgeten ska ta hänsyn till kommande \
        införanden.",
    sources: &[
        Cite::new(
            SourceId::HallandPer,
            "\"Process ordnat införande\" och bilaga 1",
        ),
        Cite::new(
            SourceId::Revisionssvar,
            "\"Uppföljning och kostnadskontroll\"",
        ),
    ],
    fix: "konsekvensbeskrivning:\n  ansvarig: Anna Andersson, läkemedelsstrateg\n  datum: 2026-07-15\n  patienter_per_år: 25\n  kostnad_per_patient_och_år: 480000\n  berörda_förvaltningar: [Hallands sjukhus]\n  organisation: Infusioner på dagvården; ingen ny personal.",
    check: Check::Case(|_, s| {
        let Some(TakenUp {
            pos,
            what,
            recorded,
        }) = taken_up(s)
        else {
            return Vec::new();
        };
        let state = s.process.state(StepId::ConsequenceDescription);
        // Nothing missing but something unreadable: each is reported once, as a format error.
        if !state.applies || state.done || state.missing.is_empty() {
            return Vec::new();
        }
        match s.case.consequence() {
            None => vec![Diagnostic::new(RuleId::ConsequenceDescription, pos, format!("{recorded} men ärendet har ingen konsekvensbeskrivning"))
                .hint("lägg till `regionalt.konsekvensbeskrivning` med ansvarig, datum, patienter_per_år, kostnad_per_patient_och_år, berörda_förvaltningar och organisation; `ordnat explain consequence-description` säger varför")],
            Some(k) => {
                // Parts written but unreadable are reported once, as format errors.
                let missing: Vec<String> = CONSEQUENCE_PARTS
                    .iter()
                    .filter(|n| !(n.present)(s.case) && !s.case.unreadable(n.field))
                    .map(|n| format!("`{}` ({})", n.key(), n.label))
                    .collect();
                if missing.is_empty() {
                    return Vec::new();
                }
                vec![Diagnostic::new(RuleId::ConsequenceDescription, k.pos, format!("konsekvensbeskrivningen saknar {}", missing.join(", ")))
                    .hint(format!("{what} bygger på en fullständig konsekvensbeskrivning; lägg till de delar som saknas"))]
            }
        }
    }),
};

pub static COMMENTS_ROUND: Rule = Rule {
    id: RuleId::CommentsRound,
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "till kommittén utan synpunkter från varje berörd förvaltning",
    explanation: "\"Ärendet inklusive konsekvensbeskrivning skickas ut till förvaltningarnas \
        funktionsbrevlådor för synpunkter\" och strategen \"sammanställer \
        konsekvensbeskrivningarna ... och synpunkter inför beredningsgrupp PER och PER\". Även \
        regionala införanden ska inhämta synpunkter från övriga förvaltningar som kan påverkas.",
    sources: &[Cite::new(
        SourceId::HallandPer,
        "\"Process ordnat införande\" och \"Synpunktsrunda\"",
    )],
    fix: "synpunkter:\n  - { förvaltning: Hallands sjukhus, datum: 2026-08-20, synpunkt: Tillstyrker. }",
    check: Check::Case(|_, s| {
        let Some(k) = s
            .case
            .committee()
            .filter(|_| s.process.done(StepId::Committee))
        else {
            return Vec::new();
        };
        let missing = s.case.missing_comments();
        if missing.is_empty() {
            return Vec::new();
        }
        vec![Diagnostic::new(RuleId::CommentsRound, k.pos, format!("ärendet togs till kommittén utan synpunkter från {}", missing.join(", ")))
            .hint(format!("lägg till en synpunkt per förvaltning under `regionalt.synpunkter`, t.ex. `- {{ förvaltning: {}, datum: ÅÅÅÅ-MM-DD, synpunkt: … }}`", missing[0]))]
    }),
};

/// Whether the recorded decision-maker is the configured role (the role may be followed by a
/// name: `Hälso- och sjukvårdsdirektör, Karin Ek`).
pub fn same_role(recorded: &str, role: &str) -> bool {
    crate::text::strip_prefix_ignoring_case(recorded.trim(), role.trim())
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([',', ' ', '(']))
}

pub static DECISION_MAKER: Rule = Rule {
    id: RuleId::DecisionMaker,
    severity: Severity::Error,
    group: Group::Regional,
    summary: "beslut utan beslutsfattare, eller av en annan roll än den `ordnat.toml` anger",
    explanation: "\"Hälso- och sjukvårdsdirektören beslutar om ordnat införande\" på PER:s \
        rekommendation; vid regionalt införande \"tar förvaltningschefen beslut om \
        metoden/läkemedlet/medicintekniken ska införas eller inte\". Revisionen av regionens \
        införandeprocess fann oklara roller och mandat. Rollerna \
        anges i `ordnat.toml` under `[beslutsfattare]`.",
    sources: &[
        Cite::new(
            SourceId::HallandPer,
            "\"Ansvar\" och \"Kartläggning, konsekvensbeskrivning och beslut\"",
        ),
        Cite::new(SourceId::Revisionssvar, "\"Ansvar, roller och mandat\""),
    ],
    fix: "beslut:\n  utfall: införs\n  datum: 2026-10-01\n  beslutsfattare: Hälso- och sjukvårdsdirektör",
    check: Check::Case(|ctx, s| {
        let Some(d) = s.case.decision() else {
            return Vec::new();
        };
        if s.process.flow == Flow::ForInformation {
            return Vec::new();
        }
        let role = ctx.settings.decider(val(&s.case.typ), val(&s.case.track));
        match d.beslutsfattare.as_ref() {
            None => vec![Diagnostic::new(RuleId::DecisionMaker, d.pos, "beslutet anger ingen beslutsfattare")
                .hint(format!("lägg till `beslutsfattare: {role}`"))],
            Some(who) if !same_role(&who.value, role) => vec![Diagnostic::new(RuleId::DecisionMaker,
                who.pos,
                format!("`{}` beslutar inte i denna typ av ärende; enligt regionens rutin beslutar {role}", who.value),
            )
            .hint(format!("skriv `beslutsfattare: {role}`, eller ändra `[beslutsfattare]` i ordnat.toml om rutinen är en annan"))],
            Some(_) => Vec::new(),
        }
    }),
};

pub static DECISION_WITHOUT_RECOMMENDATION: Rule = Rule {
    id: RuleId::DecisionWithoutRecommendation,
    severity: Severity::Error,
    group: Group::Regional,
    summary: "ett nationellt ärende beslutat utan kommitténs rekommendation",
    explanation: "I den nationella processen \"lämnar PER en rekommendation till beslut åt \
        Hälso- och sjukvårdsdirektören\"; beslutet \"baseras på en rekommendation från \
        Prioriterings- och evidensrådet (PER)\".",
    sources: &[Cite::new(
        SourceId::HallandPer,
        "\"Ansvar\" och \"Process ordnat införande\"",
    )],
    fix: "kommitté: { möte: 2026-09-24, rekommendation: införa }",
    check: Check::Case(|_, s| {
        let Some(d) = s.case.decision() else {
            return Vec::new();
        };
        let committee = s.process.state(StepId::Committee);
        if !committee.applies || committee.missing.is_empty() || !s.process.done(StepId::Decision) {
            return Vec::new();
        }
        vec![Diagnostic::new(RuleId::DecisionWithoutRecommendation, d.pos, "beslutet är fattat utan kommitténs rekommendation")
            .hint("lägg till `kommitté: { möte: ÅÅÅÅ-MM-DD, rekommendation: införa }` under `regionalt`")]
    }),
};

pub static COMMITTEE_MEETING: Rule = Rule {
    id: RuleId::CommitteeMeeting,
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "kommitténs rekommendation är daterad en dag då kommittén inte har möte",
    explanation: "\"PER hanterar ärenden om ordnat införande och har möten fyra gånger per år.\" \
        En rekommendation på en annan dag är oftast ett skrivfel. Mötesdagarna anges i \
        `ordnat.toml` under `[kommitté] möten`; utan dem kontrolleras inte regeln.",
    sources: &[Cite::new(
        SourceId::HallandPer,
        "\"Prioriterings- och evidensrådet (PER)\"",
    )],
    fix: "kommitté: { möte: 2026-09-24, rekommendation: införa }   # ett av mötena i ordnat.toml",
    check: Check::Case(|ctx, s| {
        let meetings = &ctx.settings.meetings;
        let Some(date) = s.case.committee().and_then(|k| k.meeting.as_ref()) else {
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
                RuleId::CommitteeMeeting,
                date.pos,
                format!("{} hade {} inget möte", date.value, ctx.settings.committee),
            )
            .hint(format!(
                "{nearest}; skriv mötets datum eller lägg till mötet i ordnat.toml"
            )),
        ]
    }),
};

pub static FOR_INFORMATION_ONLY: Rule = Rule {
    id: RuleId::ForInformationOnly,
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "behandlingsbeslut sker inte i regionen (för kännedom), men ett regionalt beslut är registrerat",
    explanation: "\"För nationella rekommendationer som avser läkemedel och medicinteknik där \
        behandling sker i regionsjukvård och/eller behandlingsbeslut inte sker i Region \
        Halland tas inget beslut om ordnat införande\"; rekommendationen skickas för kännedom.",
    sources: &[Cite::new(
        SourceId::HallandPer,
        "\"Läkemedel och medicinteknik där behandlingsbeslut inte sker i Region Halland\"",
    )],
    fix: "regionalt:\n  diarienummer: RS 2026/0510\n  behandling_i_regionen: false   # och inget beslut",
    check: Check::Case(|_, s| {
        if s.process.flow != Flow::ForInformation {
            return Vec::new();
        }
        let Some(d) = s.case.decision() else {
            return Vec::new();
        };
        vec![Diagnostic::new(RuleId::ForInformationOnly, d.pos, "ärendet skickas för kännedom (behandling_i_regionen: false) men har ett regionalt beslut")
            .hint("ta bort `beslut`, eller sätt `behandling_i_regionen: true` om behandlingen beslutas i regionen")]
    }),
};

pub(super) fn decided_anchor(s: &Subject) -> Option<Pos> {
    if !s.case.decided_to_introduce() {
        return None;
    }
    s.case
        .implementation()
        .map(|i| i.pos)
        .or_else(|| s.case.decision().map(|d| d.pos))
}

pub static IMPLEMENTATION_OWNER: Rule = Rule {
    id: RuleId::ImplementationOwner,
    severity: Severity::Error,
    group: Group::Regional,
    summary: "beslutat att införa, men ingen verksamhetschef ansvarar för införandet",
    explanation: "\"Berörd verksamhetschef ansvarar för införande och implementering av ny \
        kunskap, läkemedel och medicinteknik\". Revisionen fann att ansvaret till \
        verksamhetscheferna behöver förtydligas.",
    sources: &[
        Cite::new(SourceId::HallandPer, "\"Ansvar\""),
        Cite::new(SourceId::Revisionssvar, "revisorernas rekommendationer"),
    ],
    fix: "införande:\n  verksamhetschef: Bo Berg, verksamhetschef onkologi",
    check: Check::Case(|_, s| {
        let Some(pos) = decided_anchor(s) else {
            return Vec::new();
        };
        if s.case
            .implementation()
            .is_some_and(|i| i.verksamhetschef.is_some())
        {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                RuleId::ImplementationOwner,
                pos,
                "beslutet är att införa, men ingen verksamhetschef är ansvarig för införandet",
            )
            .hint("lägg till `införande: { verksamhetschef: Namn, roll }`"),
        ]
    }),
};

pub static COST_OWNER: Rule = Rule {
    id: RuleId::CostOwner,
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "beslutat att införa, men ingen klinik bär kostnaden (klinikläkemedel)",
    explanation: "\"Läkemedel inom ordnat införande klassas i regionens system för kostnadsansvar \
        som klinikläkemedel. Det innebär att kostnaden belastar förskrivande klinik.\" \
        \"Det yttersta medicinska och ekonomiska ansvaret åvilar respektive klinik.\"",
    sources: &[Cite::new(
        SourceId::Vastmanland,
        "\"Läkemedelskostnader kopplade till ordnat införande\" och \"Roller och ansvar\"",
    )],
    fix: "införande:\n  kostnadsansvar: Onkologiska kliniken",
    check: Check::Case(|_, s| {
        if val(&s.case.typ) != Some(Kind::Drug) {
            return Vec::new();
        }
        let Some(pos) = decided_anchor(s) else {
            return Vec::new();
        };
        if s.case
            .implementation()
            .is_some_and(|i| i.kostnadsansvar.is_some())
        {
            return Vec::new();
        }
        // The clinic the konsekvensbeskrivning expected is the likely one; the decision is
        // what makes it bear the cost, so it is written under `införande`.
        let hint = match s.case.consequence().and_then(|k| text(&k.kostnadsansvar)) {
            Some(clinic) => format!(
                "lägg till `kostnadsansvar: {clinic}` under `införande` (den klinik som \
                 konsekvensbeskrivningen räknar med), eller den klinik som bär kostnaden nu"
            ),
            None => "lägg till `kostnadsansvar: <klinik>` under `införande`".into(),
        };
        vec![
            Diagnostic::new(
                RuleId::CostOwner,
                pos,
                "beslutet är att införa, men ingen klinik bär kostnaden",
            )
            .hint(hint),
        ]
    }),
};

pub static BROADENED_INDICATION: Rule = Rule {
    id: RuleId::BroadenedIndication,
    severity: Severity::Error,
    group: Group::Regional,
    summary: "ny indikation för ett infört läkemedel utan länk till det tidigare ärendet och en namngiven ansvarig",
    explanation: "Revisorerna rekommenderade att regionen \"förtydliga[r] ansvaret för läkemedel \
        när indikationen breddas, och fler patienter får tillgång till läkemedlet\". Ett ärende \
        för en ny indikation länkar därför till det tidigare ärendet (`ny_indikation_för`) och \
        har en namngiven ansvarig (`ansvarig`).",
    sources: &[Cite::new(
        SourceId::Revisionssvar,
        "revisorernas rekommendationer",
    )],
    fix: "ny_indikation_för: 2023-007\nansvarig: Anna Andersson, läkemedelsstrateg",
    check: Check::Repo(|index, me| {
        let entry = &index.entries[me];
        if !entry.drug {
            return Vec::new();
        }
        if let Some(link) = entry.new_indication_of() {
            if !entry.responsible {
                return vec![
                    Diagnostic::new(
                        RuleId::BroadenedIndication,
                        link.pos,
                        "den breddade indikationen har ingen namngiven ansvarig",
                    )
                    .hint("lägg till `ansvarig: Namn, roll` på översta nivån"),
                ];
            }
            return Vec::new();
        }
        let (Some(substance), Some(key)) = (&entry.substance, &entry.substance_key) else {
            return Vec::new();
        };
        let earlier =
            index
                .introduced(key, me)
                .find(|other| match (other.decided, entry.decided) {
                    (Some(o), Some(m)) => o < m,
                    _ => true,
                });
        let Some(other) = earlier else {
            return Vec::new();
        };
        let other_id = other.id.as_ref().map_or("?", |i| &*i.value);
        vec![Diagnostic::new(RuleId::BroadenedIndication,
            substance.pos,
            format!("{} är redan infört i ärende {other_id} ({}); detta är en ny indikation utan länk dit", substance.value, other.display),
        )
        .hint(format!("lägg till `ny_indikation_för: {other_id}` och `ansvarig: Namn, roll`"))]
    }),
};

pub static AI_VALIDATION: Rule = Rule {
    id: RuleId::AiValidation,
    severity: Severity::Error,
    group: Group::Regional,
    summary: "en AI-produkt utan valideringsplan och strukturerad uppföljning",
    explanation: "\"Vid värdering av införande av metoder som inbegriper AI i bildiagnostik bör om \
        möjligt valideringsplattform användas och strukturerad uppföljning genomföras enligt \
        vägledning från ... MTP-rådet\". Regeln slår till när ett AI-ärende tas till kommittén \
        eller beslutas utan `införande.valideringsplan` och planerad `uppföljning`.",
    sources: &[Cite::new(
        SourceId::HallandPer,
        "\"Kartläggning, konsekvensbeskrivning och beslut\" (tillägg 2026-05-05)",
    )],
    fix: "införande:\n  valideringsplan: Lokal validering på 500 undersökningar före drift; kvartalsvis kontroll.\nuppföljning:\n  - { planerad: 2027-03-01 }",
    check: Check::Case(|_, s| {
        if val(&s.case.ai) != Some(true) {
            return Vec::new();
        }
        let Some(TakenUp { pos, what, .. }) = taken_up(s) else {
            return Vec::new();
        };
        let mut missing = Vec::new();
        if s.case
            .implementation()
            .is_none_or(|i| i.valideringsplan.is_none())
        {
            missing.push("`införande.valideringsplan`");
        }
        if list(&s.case.follow_ups).is_empty() {
            missing.push("planerad `uppföljning`");
        }
        if missing.is_empty() {
            return Vec::new();
        }
        vec![Diagnostic::new(RuleId::AiValidation, pos, format!("AI-produkten har {what} men saknar {}", missing.join(" och ")))
            .hint("beskriv valideringen före och under användning och planera strukturerad uppföljning")]
    }),
};

pub static REVISION: Rule = Rule {
    id: RuleId::Revision,
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "ett reviderat kunskapsstöd utan bedömning av om ny konsekvensbeskrivning och nytt beslut behövs",
    explanation: "\"Vid reviderade kunskapsstöd som redan har hanterats enligt process ordnat \
        införande görs bedömningen i samråd med förvaltningarna om revideringen kräver en ny \
        konsekvensbeskrivning och ett nytt beslut\".",
    sources: &[Cite::new(
        SourceId::HallandPer,
        "\"Reviderade kunskapsstöd\"",
    )],
    fix: "regionalt:\n  revideringsbedömning:\n    datum: 2026-06-10\n    utfall: beslutet-kvarstår\n    samråd: [Hallands sjukhus, Närsjukvården]",
    check: Check::Case(|_, s| {
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
        vec![Diagnostic::new(RuleId::Revision, link.pos, format!("revideringen av {} saknar bedömningen om ny konsekvensbeskrivning och nytt beslut behövs", link.value))
            .hint("lägg till `regionalt.revideringsbedömning` med datum och utfall (ny-konsekvensbeskrivning eller beslutet-kvarstår)")]
    }),
};

pub static UNKNOWN_DEPARTMENT: Rule = Rule {
    id: RuleId::UnknownDepartment,
    severity: Severity::Warning,
    group: Group::Regional,
    summary: "en förvaltning som inte finns bland `förvaltningar` i `ordnat.toml` (med förslag på närmaste)",
    explanation: "Konsekvensbeskrivningen skickas till de berörda förvaltningarna för \
        synpunkter, och varje berörd förvaltning ska ha svarat innan ärendet tas till \
        kommittén. En felstavad förvaltning (`Halands sjukhus`) gör att synpunkten inte räknas \
        och att rapporten fördelar kostnaden på en förvaltning som inte finns. Regeln jämför \
        `berörda_förvaltningar`, `synpunkter` och `samråd` med listan `förvaltningar` i \
        ordnat.toml; utan listan kontrolleras inte regeln.",
    sources: &[Cite::new(
        SourceId::HallandPer,
        "\"Process ordnat införande\": konsekvensbeskrivningen skickas till förvaltningarnas funktionsbrevlådor för synpunkter",
    )],
    fix: "berörda_förvaltningar: [Hallands sjukhus]   # stavat som i ordnat.toml",
    check: Check::Case(|ctx, s| {
        let known: Vec<&str> = ctx
            .settings
            .departments
            .iter()
            .map(String::as_str)
            .collect();
        if known.is_empty() {
            return Vec::new();
        }
        let listed = |name: &str| {
            known
                .iter()
                .any(|k| crate::text::eq_ignoring_case(k.trim(), name.trim()))
        };
        s.case
            .named_departments()
            .into_iter()
            .filter(|d| !listed(&d.value))
            .map(|d| {
                let hint = match crate::text::closest(&d.value, &known) {
                    Some(c) => format!("menade du `{c}`?"),
                    None => format!(
                        "förvaltningarna i ordnat.toml är {}; lägg till förvaltningen där om den saknas",
                        known.join(", ")
                    ),
                };
                Diagnostic::new(
                    RuleId::UnknownDepartment,
                    d.pos,
                    format!("`{}` finns inte bland förvaltningarna i ordnat.toml", d.value),
                )
                .hint(hint)
            })
            .collect()
    }),
};
