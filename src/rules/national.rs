//! National process rules: how a case enters NT-rådet's process, the samverkan decision, TLV's
//! assessment, and the national recommendations over time: avvakta and when it ends, review
//! within two years, the agreements a recommendation relies on, and regional decisions resting
//! on a recommendation that has since been replaced.

use super::{Check, Group, Rule, Subject};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::*;
use crate::process::Council;
use crate::rule_id::RuleId;
use crate::sources::{Cite, SourceId};
use chrono::{Months, NaiveDate};

/// Whether the case goes through a national council (NT-rådet or MTP-rådet).
fn via_council(s: &Subject) -> bool {
    Council::of(s.case, s.process.flow).is_some()
}

/// Whether NT-rådet (not MTP-rådet) recommends in this case.
fn via_nt_radet(s: &Subject) -> bool {
    Council::of(s.case, s.process.flow) == Some(Council::NtRadet)
}

/// NT-rådet reassesses a recommendation no later than two years after it was issued.
const REVIEW_MONTHS: u32 = 24;

fn plus_months(d: NaiveDate, months: u32) -> NaiveDate {
    d.checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX)
}

pub static ORIGIN: Rule = Rule {
    id: RuleId::Origin,
    severity: Severity::Error,
    group: Group::National,
    summary: "ett nationellt ärende kommer från horizon scanning eller en regions nominering, aldrig från ett företag",
    explanation: "NT-rådet tar upp ett läkemedel i nationellt ordnat införande bara om det \
        filtrerats fram i horizon scanning eller nominerats av en region: \"Ett företag kan \
        alltså inte ansöka om att dess produkt ska omfattas av processen.\"",
    sources: &[Cite::new(
        SourceId::NtSamverkan,
        "\"Förutsättningar\" och \"Underlag\"",
    )],
    fix: "underlag:\n  källa: nominering\n  datum: 2026-01-20\n  nominerande_region: Region Halland",
    check: Check::Case(|_, s| {
        if !via_council(s) {
            return Vec::new();
        }
        let Some(source) = s.case.underlag.as_ref().and_then(|u| u.source.as_ref()) else {
            return Vec::new();
        };
        let why = match source.value {
            Source::Company => "ett företag kan inte ansöka om nationellt ordnat införande",
            Source::Department => {
                "en verksamhets önskemål leder till ett regionalt införande, inte till NT-rådet"
            }
            _ => return Vec::new(),
        };
        vec![Diagnostic::new(RuleId::Origin, source.pos, format!("ett nationellt ärende kan inte ha källan `{}`: {why}", word(&source.value)))
            .hint("skriv `källa: horizon-scanning` eller `källa: nominering` (med nominerande_region); ett företagsinitiativ går via en regions nominering")]
    }),
};

pub static NOMINATION_REGION: Rule = Rule {
    id: RuleId::NominationRegion,
    severity: Severity::Error,
    group: Group::National,
    summary: "en nominering anger vilken region som nominerade",
    explanation: "\"Regioner kan nominera äldre eller nya läkemedelsterapier till NT-rådet\" och \
        NT-rådet \"meddelar därefter nominerande region\". Utan regionen går det inte att följa \
        upp nomineringen.",
    sources: &[Cite::new(SourceId::NtSamverkan, "\"Underlag\"")],
    fix: "underlag:\n  källa: nominering\n  nominerande_region: Region Halland",
    check: Check::Case(|_, s| {
        let Some(u) = s.case.underlag.as_ref() else {
            return Vec::new();
        };
        if val(&u.source) != Some(Source::Nomination) || u.nominerande_region.is_some() {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                RuleId::NominationRegion,
                u.pos,
                "nomineringen anger inte vilken region som nominerade",
            )
            .hint("lägg till `nominerande_region: Region …` under `underlag`"),
        ]
    }),
};

pub static SAMVERKAN_CRITERIA: Rule = Rule {
    id: RuleId::SamverkanCriteria,
    severity: Severity::Error,
    group: Group::National,
    summary: "rekvisitionsläkemedel som omfattas av samverkan: minst ett av de fyra kriterierna",
    explanation: "För rekvisitionsläkemedel talar det för nationell samverkan om minst ett av \
        kriterierna är uppfyllt: jämlik användning över landet är angeläget, hög till mycket hög \
        svårighetsgrad, förväntat stor resurspåverkan, etiskt eller politiskt utmanande. \
        Beslutet ska visa vilket.",
    sources: &[Cite::new(
        SourceId::NtSamverkan,
        "\"Principer för beslut om samverkan för rekvisitionsläkemedel\"",
    )],
    fix: "samverkan:\n  beslut: omfattas\n  datum: 2026-02-18\n  kriterier: [svårighetsgrad, resurspåverkan]",
    check: Check::Case(|_, s| {
        let Some(sv) = s.case.samverkan_included() else {
            return Vec::new();
        };
        if s.case.prescription() != Some(Prescription::Requisition)
            || !list(&sv.kriterier).is_empty()
        {
            return Vec::new();
        }
        vec![Diagnostic::new(RuleId::SamverkanCriteria, sv.pos, "samverkansbeslutet för ett rekvisitionsläkemedel anger inget kriterium")
            .hint("lägg till `kriterier:` med minst ett av: jämlik-användning, svårighetsgrad, resurspåverkan, etiskt-politiskt-utmanande")]
    }),
};

pub static SAMVERKAN_GROUNDS: Rule = Rule {
    id: RuleId::SamverkanGrounds,
    severity: Severity::Error,
    group: Group::National,
    summary: "receptläkemedel som omfattas av samverkan: minst en av de tre grunderna",
    explanation: "Receptläkemedel hanteras i regel genom TLV:s förmånsprövning. NT-rådet kan \
        ändå rekommendera när det behövs en sammanhållen rekommendation för terapiområdet, när \
        läkemedlets plats i terapin behöver förtydligas, eller för att avvakta TLV:s \
        förmånsbeslut. Beslutet ska visa vilken grund som gäller.",
    sources: &[Cite::new(
        SourceId::NtSamverkan,
        "\"Principer för beslut om samverkan för receptläkemedel\"",
    )],
    fix: "samverkan:\n  beslut: omfattas\n  datum: 2026-03-18\n  grunder: [avvakta-förmånsbeslut]",
    check: Check::Case(|_, s| {
        let Some(sv) = s.case.samverkan_included() else {
            return Vec::new();
        };
        if s.case.prescription() != Some(Prescription::Prescription)
            || !list(&sv.grunder).is_empty()
        {
            return Vec::new();
        }
        vec![Diagnostic::new(RuleId::SamverkanGrounds, sv.pos, "samverkansbeslutet för ett receptläkemedel anger ingen grund")
            .hint("lägg till `grunder:` med minst en av: sammanhållen-rekommendation, plats-i-terapin, avvakta-förmånsbeslut")]
    }),
};

pub static SAMVERKAN_REASON: Rule = Rule {
    id: RuleId::SamverkanReason,
    severity: Severity::Warning,
    group: Group::National,
    summary: "omfattas inte av samverkan: ange skälet",
    explanation: "Skäl till att ett läkemedel inte omfattas kan vara liten budgetpåverkan, andra \
        processer som säkerställer jämlik användning, liten förväntad användning eller att det \
        kan hanteras genom förmånsansökan hos TLV. Beslutet är ingen avrådan: regionen hanterar \
        läkemedlet enligt sina vanliga rutiner, och skälet behövs för det.",
    sources: &[Cite::new(
        SourceId::NtSamverkan,
        "\"När ett läkemedel inte omfattas av nationell samverkan\"",
    )],
    fix: "samverkan:\n  beslut: omfattas-inte\n  datum: 2026-04-15\n  skäl: liten-budgetpåverkan",
    check: Check::Case(|_, s| {
        let Some(sv) = s.case.samverkan.as_ref() else {
            return Vec::new();
        };
        if val(&sv.beslut) != Some(SamverkanDecision::NotIncluded) {
            return Vec::new();
        }
        match val(&sv.reason) {
            None => vec![Diagnostic::new(RuleId::SamverkanReason, sv.pos, "beslutet att läkemedlet inte omfattas av samverkan anger inget skäl")
                .hint("lägg till `skäl:` med ett av: liten-budgetpåverkan, andra-processer, liten-användning, förmånsprövning, annat")],
            Some(Reason::Other) if sv.kommentar.is_none() => {
                let pos = sv.reason.as_ref().map_or(sv.pos, |r| r.pos);
                vec![Diagnostic::new(RuleId::SamverkanReason, pos, "skälet `annat` förklaras inte")
                    .hint("lägg till `kommentar:` som beskriver skälet")]
            }
            Some(_) => Vec::new(),
        }
    }),
};

pub static RECOMMENDATION_WITHOUT_SAMVERKAN: Rule = Rule {
    id: RuleId::RecommendationWithoutSamverkan,
    severity: Severity::Error,
    group: Group::National,
    summary: "en NT-rådsrekommendation för ett läkemedel som inte omfattas av samverkan",
    explanation: "\"Nationell samverkan genom NT-rådet innebär att NT-rådet kommer att avge en \
        rekommendation\". Omfattas läkemedlet inte, \"betyder [det] bara att NT-rådet inte \
        kommer avge någon rekommendation\". En rekommendation utan samverkansbeslut är därför \
        ett fel i ärendet: antingen saknas beslutet eller hör rekommendationen inte hit.",
    sources: &[Cite::new(
        SourceId::NtSamverkan,
        "\"Vad innebär beslutet om nationell samverkan?\"",
    )],
    fix: "samverkan:\n  beslut: omfattas\n  datum: 2026-02-18\n  kriterier: [svårighetsgrad]",
    check: Check::Case(|_, s| {
        if val(&s.case.typ) != Some(Kind::Drug) || val(&s.case.track) != Some(Track::National) {
            return Vec::new();
        }
        let Some(recs) = s.case.rekommendationer.as_ref().filter(|r| !r.is_empty()) else {
            return Vec::new();
        };
        let message = match s.case.samverkan.as_ref().and_then(|sv| val(&sv.beslut)) {
            Some(SamverkanDecision::Included) => return Vec::new(),
            Some(SamverkanDecision::NotIncluded) => {
                "NT-rådet har beslutat att läkemedlet inte omfattas av samverkan, men en nationell rekommendation är registrerad"
            }
            None => "en nationell rekommendation är registrerad men inget beslut om samverkan",
        };
        vec![Diagnostic::new(RuleId::RecommendationWithoutSamverkan, recs.pos, message)
            .hint("lägg till `samverkan:` med `beslut: omfattas`, eller ta bort `rekommendationer:` om de inte är NT-rådets")]
    }),
};

pub static HEALTH_ECONOMICS: Rule = Rule {
    id: RuleId::HealthEconomics,
    severity: Severity::Warning,
    group: Group::National,
    summary: "rekvisitionsläkemedel i samverkan utan beställd hälsoekonomisk bedömning från TLV",
    explanation: "\"I regel innebär ett beslut om nationell samverkan att en hälsoekonomisk \
        värdering beställs av TLV genom myndighetens klinikläkemedelsuppdrag.\" Utan den saknas \
        underlaget för NT-rådets bedömning av kostnadseffektivitet.",
    sources: &[Cite::new(
        SourceId::NtSamverkan,
        "\"Principer för beslut om samverkan för rekvisitionsläkemedel\"",
    )],
    fix: "tlv:\n  hälsoekonomisk_bedömning: { beställd: 2026-02-20 }",
    check: Check::Case(|_, s| {
        let Some(sv) = s.case.samverkan_included() else {
            return Vec::new();
        };
        let ordered = s.case.tlv.as_ref().is_some_and(|t| t.assessment.is_some());
        if s.case.prescription() != Some(Prescription::Requisition) || ordered {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                RuleId::HealthEconomics,
                sv.pos,
                "ingen hälsoekonomisk bedömning från TLV är beställd för rekvisitionsläkemedlet",
            )
            .hint("lägg till `tlv: { hälsoekonomisk_bedömning: { beställd: ÅÅÅÅ-MM-DD } }`"),
        ]
    }),
};

pub static AVVAKTA_ENDED: Rule = Rule {
    id: RuleId::AvvaktaEnded,
    severity: Severity::Warning,
    group: Group::National,
    summary: "receptläkemedel: en avvakta-rekommendation står kvar fast TLV:s förmånsbeslut har kommit",
    explanation: "För receptläkemedel kan NT-rådet rekommendera regionerna att avvakta användningen \
        i väntan på TLV:s förmånsbeslut. \"Rekommendationen upphör när TLV fattat sitt beslut.\" \
        Ärendet ska då få den rekommendation som gäller efter beslutet, sist i \
        `rekommendationer`. För rekvisitionsläkemedel gäller inte regeln: där står avvakta kvar \
        efter TLV:s hälsoekonomiska bedömning medan NT-rådet förhandlar med företaget (oftast om \
        ett sekretessbelagt återbäringsavtal); misslyckas förhandlingen blir rekommendationen \
        avstå.",
    sources: &[
        Cite::new(
            SourceId::NtSamverkan,
            "\"Principer för beslut om samverkan för receptläkemedel\": \"Rekommendationen upphör när TLV fattat sitt beslut.\"",
        ),
        Cite::new(
            SourceId::Forhandling,
            "rekvisitionsläkemedel: avvakta under förhandlingen om återbäringsavtal",
        ),
    ],
    fix: "rekommendationer:\n  - { typ: avvakta, datum: 2026-06-10 }\n  - { typ: kan-användas, datum: 2026-09-15 }   # efter TLV:s beslut",
    check: Check::Case(|ctx, s| {
        if s.case.prescription() != Some(Prescription::Prescription) {
            return Vec::new();
        }
        let Some(rec) = s.case.standing_recommendation() else {
            return Vec::new();
        };
        let Some(typ) = rec
            .typ
            .as_ref()
            .filter(|_| rec.kind() == Some(RecommendationType::Wait))
        else {
            return Vec::new();
        };
        let benefit = s
            .case
            .tlv
            .as_ref()
            .and_then(|t| t.benefit_decision.as_ref())
            .and_then(|b| b.datum.as_ref());
        let Some(benefit) = benefit else {
            return Vec::new();
        };
        let rec_date = rec.datum.as_ref().map(|d| d.value);
        if benefit.value > ctx.today || rec_date.is_some_and(|d| d > benefit.value) {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                RuleId::AvvaktaEnded,
                typ.pos,
                format!(
                    "rekommendationen att avvakta upphörde när TLV fattade förmånsbeslut {}",
                    benefit.value
                ),
            )
            .hint("lägg till NT-rådets rekommendation efter förmånsbeslutet sist i `rekommendationer`, t.ex. `- { typ: kan-användas, datum: ÅÅÅÅ-MM-DD }`"),
        ]
    }),
};

pub static REVIEW_OVERDUE: Rule = Rule {
    id: RuleId::ReviewOverdue,
    severity: Severity::Warning,
    group: Group::National,
    summary: "NT-rådets gällande rekommendation har passerat `omprövas` (eller är över två år gammal) utan nytt besked",
    explanation: "NT-rådet omprövar varje rekommendation senast två år efter att den gavs, \
        ibland tidigare (t.ex. efter ett år). Omprövningen leder antingen till att \
        rekommendationen står fast eller ändras (en ny rekommendation, sist i \
        `rekommendationer`), eller till att den nationella samverkan avslutas och läkemedlet \
        lämnas över till varje regions egen kommitté (`samverkan.avslutad`). Har datumet \
        passerat utan något av detta är ärendet inaktuellt: kontrollera NT-rådets besked. \
        Regeln gäller NT-rådets rekommendationer; MTP-rådets kan omprövas men behöver inte.",
    sources: &[
        Cite::new(
            SourceId::Avslut,
            "omprövning senast två år efter rekommendationen; stå fast eller avsluta samverkan",
        ),
        Cite::new(SourceId::NtUttryck, "rekommendationstyperna och hur de ges"),
    ],
    fix: "rekommendationer:\n  - { typ: bör-användas, datum: 2024-05-28, omprövas: 2026-05-28 }\n  - { typ: bör-användas, datum: 2026-05-20, omprövas: 2028-05-20 }   # omprövad, står fast\n# eller, när NT-rådet avslutat samverkan:\nsamverkan:\n  avslutad: 2026-05-20",
    check: Check::Case(|ctx, s| {
        if !via_nt_radet(s) || s.case.samverkan_ended().is_some() {
            return Vec::new();
        }
        let Some(rec) = s.case.standing_recommendation() else {
            return Vec::new();
        };
        let Some(date) = rec.datum.as_ref() else {
            return Vec::new();
        };
        let latest = plus_months(date.value, REVIEW_MONTHS);
        let hint = "lägg till NT-rådets besked vid omprövningen sist i `rekommendationer` (även när rekommendationen står fast), eller skriv `avslutad: ÅÅÅÅ-MM-DD` under `samverkan` om NT-rådet har avslutat den nationella samverkan";
        let (pos, message) = match rec.review.as_ref() {
            Some(review) if review.value < ctx.today && review.value <= latest => (
                review.pos,
                format!(
                    "rekommendationen från {} skulle omprövas {}, men ingen nyare rekommendation är registrerad",
                    date.value, review.value
                ),
            ),
            _ if latest < ctx.today => (
                date.pos,
                format!(
                    "rekommendationen från {} är mer än två år gammal (omprövning senast {}), men ingen nyare rekommendation är registrerad",
                    date.value, latest
                ),
            ),
            _ => return Vec::new(),
        };
        vec![Diagnostic::new(RuleId::ReviewOverdue, pos, message).hint(hint)]
    }),
};

pub static REVIEW_DATE: Rule = Rule {
    id: RuleId::ReviewDate,
    severity: Severity::Warning,
    group: Group::National,
    summary: "omprövningsdatumet för en NT-rådsrekommendation ligger mer än två år efter rekommendationen",
    explanation: "NT-rådet omprövar sina rekommendationer senast två år efter att de gavs. Ett \
        `omprövas` som ligger längre fram är oftast ett skrivfel (fel år) och gör att \
        `review-overdue` inte varnar i tid.",
    sources: &[Cite::new(
        SourceId::Avslut,
        "omprövning senast två år efter rekommendationen",
    )],
    fix: "rekommendationer:\n  - { typ: bör-användas, datum: 2026-05-28, omprövas: 2028-05-28 }",
    check: Check::Case(|_, s| {
        if !via_nt_radet(s) {
            return Vec::new();
        }
        s.case
            .recommendations()
            .iter()
            .filter_map(|r| Some((r.datum.as_ref()?, r.review.as_ref()?)))
            .filter_map(|(date, review)| {
                let latest = plus_months(date.value, REVIEW_MONTHS);
                (review.value > latest).then(|| {
                    Diagnostic::new(
                        RuleId::ReviewDate,
                        review.pos,
                        format!(
                            "omprövningen {} ligger mer än två år efter rekommendationen ({})",
                            review.value, date.value
                        ),
                    )
                    .hint(format!(
                        "NT-rådet omprövar senast två år efter rekommendationen; skriv det datum NT-rådet angett, senast `omprövas: {latest}`"
                    ))
                })
            })
            .collect()
    }),
};

pub static AGREEMENT_EXPIRED: Rule = Rule {
    id: RuleId::AgreementExpired,
    severity: Severity::Warning,
    group: Group::National,
    summary: "en bör-/kan-rekommendation står kvar men det nationella avtalet har gått ut (och inte förlängts)",
    explanation: "NT-rådets rekommendation att använda ett läkemedel bygger ofta på ett nationellt \
        avtal med företaget, i regel ett sekretessbelagt återbäringsavtal; för receptläkemedel \
        kan en trepartsöverläggning leda till en sidoöverenskommelse. Avtalen har ett slutdatum \
        och förlängs ibland. När avtalet har gått ut kan förutsättningarna för rekommendationen \
        ha ändrats: skriv förlängningen (`förlängt_till`) eller NT-rådets nya rekommendation. \
        Avtalets sista dag räknas som giltig; regeln tiger när samverkan är avslutad.",
    sources: &[
        Cite::new(
            SourceId::Forhandling,
            "återbäringsavtal och deras giltighetstid",
        ),
        Cite::new(
            SourceId::Trepart,
            "\"Trepartsöverläggningar\": sidoöverenskommelser",
        ),
    ],
    fix: "avtal:\n  typ: återbäringsavtal\n  start: 2024-07-01\n  slut: 2026-06-30\n  förlängt_till: 2027-06-30",
    check: Check::Case(|ctx, s| {
        if s.case.samverkan_ended().is_some() {
            return Vec::new();
        }
        let Some(rec) = s.case.standing_recommendation() else {
            return Vec::new();
        };
        let Some(kind) = rec.kind().filter(|k| k.is_positive()) else {
            return Vec::new();
        };
        let Some(last) = s.case.avtal.as_ref().and_then(|a| a.last_day()) else {
            return Vec::new();
        };
        if last.value >= ctx.today {
            return Vec::new();
        }
        let since = rec
            .datum
            .as_ref()
            .map(|d| format!(" från {}", d.value))
            .unwrap_or_default();
        vec![
            Diagnostic::new(
                RuleId::AgreementExpired,
                last.pos,
                format!(
                    "avtalet gick ut {}, men rekommendationen `{}`{since} står kvar",
                    last.value,
                    word(&kind)
                ),
            )
            .hint("skriv `förlängt_till: ÅÅÅÅ-MM-DD` under `avtal` om avtalet har förlängts, eller lägg till NT-rådets nya rekommendation sist i `rekommendationer`"),
        ]
    }),
};

pub static DECISION_ON_OUTDATED_RECOMMENDATION: Rule = Rule {
    id: RuleId::DecisionOnOutdatedRecommendation,
    severity: Severity::Warning,
    group: Group::National,
    summary: "det regionala beslutet bygger på en rekommendation som en senare rekommendation av annan typ har ersatt",
    explanation: "Region Hallands beslut anger vilken version av den nationella rekommendationen \
        de följer (`regionalt.beslut.baserat_på`: rekommendationens datum; utan den antas den \
        senaste rekommendationen före beslutet). Ger NT-rådet senare en rekommendation av annan \
        typ (t.ex. `kan-användas` i stället för `bör-användas`, eller `avstå`) behöver regionen \
        ta upp ärendet på nytt. En omprövning som står fast (samma typ) kräver inget nytt beslut.",
    sources: &[Cite::new(
        SourceId::HallandBeslut,
        "besluten anger vilken version av rekommendationen de bygger på",
    )],
    fix: "beslut:\n  utfall: införs\n  datum: 2027-03-20\n  beslutsfattare: Hälso- och sjukvårdsdirektör\n  baserat_på: 2027-02-15   # den senaste rekommendationen",
    check: Check::Case(|ctx, s| {
        let Some(decision) = s.case.decision() else {
            return Vec::new();
        };
        let (Some(basis), Some(standing)) =
            (s.case.decision_basis(), s.case.standing_recommendation())
        else {
            return Vec::new();
        };
        let (Some(was), Some(now)) = (basis.kind(), standing.kind()) else {
            return Vec::new();
        };
        let (Some(was_date), Some(now_date)) = (basis.datum.as_ref(), standing.datum.as_ref())
        else {
            return Vec::new();
        };
        if was == now || now_date.value <= was_date.value {
            return Vec::new();
        }
        let pos = decision.based_on.as_ref().map_or(decision.pos, |b| b.pos);
        let decided = decision
            .datum
            .as_ref()
            .map(|d| format!(" {}", d.value))
            .unwrap_or_default();
        vec![
            Diagnostic::new(
                RuleId::DecisionOnOutdatedRecommendation,
                pos,
                format!(
                    "beslutet{decided} bygger på rekommendationen `{}` från {}, men sedan {} gäller `{}`",
                    word(&was),
                    was_date.value,
                    now_date.value,
                    word(&now)
                ),
            )
            .hint(format!(
                "ta upp ärendet på nytt i {} och skriv det nya beslutet med `baserat_på: {}`",
                ctx.settings.committee, now_date.value
            )),
        ]
    }),
};
