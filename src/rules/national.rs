//! National process rules: how a case enters NT-rådet's process, the samverkan decision, TLV's
//! assessment and the recommendation (seed 001, NT-rådet "Beslut om samverkan").

use super::{Group, Rule, Subject};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::*;
use crate::process::Council;
use crate::rule_id::RuleId;

/// Whether the case goes through a national council (NT-rådet or MTP-rådet).
fn via_council(s: &Subject) -> bool {
    Council::of(s.case, s.process.flow).is_some()
}

pub static ORIGIN: Rule = Rule {
    id: RuleId::Origin,
    severity: Severity::Error,
    group: Group::National,
    summary: "ett nationellt ärende kommer från horizon scanning eller en regions nominering, aldrig från ett företag",
    explanation: "NT-rådet tar upp ett läkemedel i nationellt ordnat införande bara om det \
        filtrerats fram i horizon scanning eller nominerats av en region: \"Ett företag kan \
        alltså inte ansöka om att dess produkt ska omfattas av processen.\"",
    source: "001_2dd46b4558874224.txt, \"Förutsättningar\" och \"Underlag\"",
    fix: "underlag:\n  källa: nominering\n  datum: 2026-01-20\n  nominerande_region: Region Halland",
    check: Some(|_, s| {
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
    source: "001_2dd46b4558874224.txt, \"Underlag\"",
    fix: "underlag:\n  källa: nominering\n  nominerande_region: Region Halland",
    check: Some(|_, s| {
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
    source: "001_2dd46b4558874224.txt, \"Principer för beslut om samverkan för rekvisitionsläkemedel\"",
    fix: "samverkan:\n  beslut: omfattas\n  datum: 2026-02-18\n  kriterier: [svårighetsgrad, resurspåverkan]",
    check: Some(|_, s| {
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
    source: "001_2dd46b4558874224.txt, \"Principer för beslut om samverkan för receptläkemedel\"",
    fix: "samverkan:\n  beslut: omfattas\n  datum: 2026-03-18\n  grunder: [avvakta-förmånsbeslut]",
    check: Some(|_, s| {
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
    source: "001_2dd46b4558874224.txt, \"När ett läkemedel inte omfattas av nationell samverkan\"",
    fix: "samverkan:\n  beslut: omfattas-inte\n  datum: 2026-04-15\n  skäl: liten-budgetpåverkan",
    check: Some(|_, s| {
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
    source: "001_2dd46b4558874224.txt, \"Vad innebär beslutet om nationell samverkan?\"",
    fix: "samverkan:\n  beslut: omfattas\n  datum: 2026-02-18\n  kriterier: [svårighetsgrad]",
    check: Some(|_, s| {
        if val(&s.case.typ) != Some(Kind::Drug) || val(&s.case.track) != Some(Track::National) {
            return Vec::new();
        }
        let Some(rec) = s.case.rekommendation.as_ref() else {
            return Vec::new();
        };
        let message = match s.case.samverkan.as_ref().and_then(|sv| val(&sv.beslut)) {
            Some(SamverkanDecision::Included) => return Vec::new(),
            Some(SamverkanDecision::NotIncluded) => {
                "NT-rådet har beslutat att läkemedlet inte omfattas av samverkan, men en nationell rekommendation är registrerad"
            }
            None => "en nationell rekommendation är registrerad men inget beslut om samverkan",
        };
        vec![Diagnostic::new(RuleId::RecommendationWithoutSamverkan, rec.pos, message)
            .hint("lägg till `samverkan:` med `beslut: omfattas`, eller ta bort `rekommendation:` om den inte är NT-rådets")]
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
    source: "001_2dd46b4558874224.txt, \"Principer för beslut om samverkan för rekvisitionsläkemedel\"",
    fix: "tlv:\n  hälsoekonomisk_bedömning: { beställd: 2026-02-20 }",
    check: Some(|_, s| {
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
    summary: "en avvakta-rekommendation står kvar fast TLV:s förmånsbeslut har kommit",
    explanation: "NT-rådet kan rekommendera regionerna att avvakta användningen i väntan på TLV:s \
        förmånsbeslut. \"Rekommendationen upphör när TLV fattat sitt beslut.\" Ärendet ska då \
        uppdateras med den rekommendation som gäller efter beslutet.",
    source: "001_2dd46b4558874224.txt, \"Principer för beslut om samverkan för receptläkemedel\"",
    fix: "rekommendation:\n  typ: använd\n  datum: 2026-09-15",
    check: Some(|ctx, s| {
        let Some(rec) = s.case.rekommendation.as_ref() else {
            return Vec::new();
        };
        let Some(typ) = rec
            .typ
            .as_ref()
            .filter(|t| t.value == RecommendationType::Wait)
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
            .hint("uppdatera `rekommendation` med NT-rådets rekommendation efter förmånsbeslutet"),
        ]
    }),
};
