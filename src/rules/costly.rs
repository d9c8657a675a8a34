//! Costly therapy and follow-up (Region Skåne's principles for costly drug therapy): a
//! treatment goal, discontinuation criteria and an evaluation plan for therapies above the cost
//! limit (at the intervals the standing national recommendation sets, where it sets them), and
//! follow-ups that have passed without a result.

use super::regional::decided_anchor;
use super::{Check, Ctx, Group, Rule, Subject};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::*;
use crate::rule_id::RuleId;
use crate::sources::{Cite, SourceId};
use chrono::{Months, NaiveDate};

/// Introduced, costly, with cost per patient and year above the configured limit.
fn costly(ctx: &Ctx, s: &Subject) -> Option<(Pos, u64)> {
    if val(&s.case.typ) != Some(Kind::Drug) || !s.case.decided_to_introduce() {
        return None;
    }
    let cost = crate::process::economy::costly(s.case, ctx.settings)?;
    Some((decided_anchor(s)?, cost))
}

/// What the costly-therapy rules cite.
const SKANE: &[Cite] = &[Cite::new(SourceId::SkaneKostsam, "punktlistan")];

pub static COSTLY_GOAL: Rule = Rule {
    id: RuleId::CostlyGoal,
    severity: Severity::Error,
    group: Group::Costly,
    summary: "kostsam terapi införd utan kliniskt betydelsefullt behandlingsmål",
    explanation: "En kostsam behandling kostar mer än 100 000 kr per patient och tolvmånadersperiod \
        (lokalt får en lägre gräns gälla; `kostnadsgräns` i ordnat.toml). \"Insättning får endast \
        ske om kliniskt betydelsefullt och uppföljningsbart behandlingsmål finns.\"",
    sources: SKANE,
    fix: "införande:\n  behandlingsmål: Progressionsfri överlevnad; utvärderas med DT var tredje månad.",
    check: Check::Case(|ctx, s| {
        let Some((pos, cost)) = costly(ctx, s) else {
            return Vec::new();
        };
        if s.case.implementation().is_some_and(|i| i.goal.is_some()) {
            return Vec::new();
        }
        vec![Diagnostic::new(RuleId::CostlyGoal, pos, format!("kostsam terapi ({} per patient och år) utan behandlingsmål", crate::text::kronor(cost)))
            .hint("lägg till `behandlingsmål:` under `införande`: ett kliniskt betydelsefullt, uppföljningsbart mål")]
    }),
};

pub static COSTLY_STOP_CRITERIA: Rule = Rule {
    id: RuleId::CostlyStopCriteria,
    severity: Severity::Warning,
    group: Group::Costly,
    summary: "kostsam terapi införd utan utsättningskriterier",
    explanation: "\"Behandlingen ska regelbundet utvärderas och vid utebliven effekt avslutas.\" \
        \"Utsättningskriterier ska så långt möjligt finnas på kliniken.\"",
    sources: SKANE,
    fix: "införande:\n  utsättningskriterier: Progress enligt RECIST 1.1 eller oacceptabel toxicitet.",
    check: Check::Case(|ctx, s| {
        let Some((pos, cost)) = costly(ctx, s) else {
            return Vec::new();
        };
        if s.case
            .implementation()
            .is_some_and(|i| i.stop_criteria.is_some())
        {
            return Vec::new();
        }
        vec![
            Diagnostic::new(
                RuleId::CostlyStopCriteria,
                pos,
                format!(
                    "kostsam terapi ({} per patient och år) utan utsättningskriterier",
                    crate::text::kronor(cost)
                ),
            )
            .hint("lägg till `utsättningskriterier:` under `införande`"),
        ]
    }),
};

pub static COSTLY_EVALUATION: Rule = Rule {
    id: RuleId::CostlyEvaluation,
    severity: Severity::Error,
    group: Group::Costly,
    summary: "kostsam terapi utan utvärdering senast 3 månader efter start och sedan minst var 6:e månad (eller enligt rekommendationens intervall)",
    explanation: "\"Idealt ska utvärdering ske senast 3 månader efter behandlingsstart och \
        därefter var sjätte månad.\" Regeln läser `uppföljning` (planerade och utförda \
        datum): den första får ligga högst 3 månader efter `införande.start`, nästa högst 6 \
        månader efter den föregående, och planen får inte ta slut före i dag. Anger den \
        gällande nationella rekommendationen egna intervall (`utvärdering: { \
        första_inom_månader, sedan_var_månad }`) gäller de i stället.",
    sources: &[Cite::new(
        SourceId::SkaneKostsam,
        "\"Behandlingen ska regelbundet utvärderas och vid utebliven effekt avslutas.\"",
    )],
    fix: "uppföljning:\n  - { planerad: 2027-02-01 }   # start 2026-11-01 + 3 månader\n  - { planerad: 2027-08-01 }",
    check: Check::Case(|ctx, s| {
        let Some((pos, _)) = costly(ctx, s) else {
            return Vec::new();
        };
        let plan = Intervals::of(s.case);
        let Some(start) = s.case.implementation().and_then(|i| i.start.as_ref()) else {
            return vec![Diagnostic::new(RuleId::CostlyEvaluation, pos, "kostsam terapi utan startdatum: utvärderingsplanen kan inte bedömas")
                .hint(format!("lägg till `start:` under `införande` och en första `uppföljning` högst {} månader senare", plan.first))];
        };
        evaluation_gaps(start, list(&s.case.follow_ups), ctx.today, plan)
            .into_iter()
            .map(|(p, message)| {
                Diagnostic::new(RuleId::CostlyEvaluation, if p == Pos::default() { pos } else { p }, message)
                    .hint(format!(
                        "planera utvärdering senast {} månader efter start och därefter minst var {}:e månad{}",
                        plan.first, plan.every, plan.origin
                    ))
            })
            .collect()
    }),
};

/// The evaluation intervals in force for a case: the standing national recommendation's,
/// where it sets them, else Region Skåne's 3 and 6 months.
#[derive(Debug, Clone, Copy)]
pub struct Intervals {
    /// The first evaluation at most this many months after start.
    pub first: u32,
    /// Then at most this many months apart.
    pub every: u32,
    /// Where the intervals come from, for the hint (empty for the default).
    origin: &'static str,
}

impl Intervals {
    pub const DEFAULT: Intervals = Intervals {
        first: 3,
        every: 6,
        origin: "",
    };

    pub fn of(case: &Case) -> Intervals {
        let Some(plan) = case
            .standing_recommendation()
            .and_then(|r| r.evaluation.as_ref())
        else {
            return Intervals::DEFAULT;
        };
        let months = |v: &Option<Sp<u64>>, default: u32| {
            v.as_ref()
                .map_or(default, |m| u32::try_from(m.value).unwrap_or(u32::MAX))
        };
        Intervals {
            first: months(&plan.first_within_months, Intervals::DEFAULT.first),
            every: months(&plan.then_every_months, Intervals::DEFAULT.every),
            origin: " (enligt den nationella rekommendationens `utvärdering`)",
        }
    }
}

/// The gaps in an evaluation plan: the first evaluation at most `plan.first` months after
/// start, then at most every `plan.every` months, and the plan reaching today. A
/// `Pos::default()` means "at the plan as a whole".
pub fn evaluation_gaps(
    start: &Sp<NaiveDate>,
    follow_ups: &[Sp<FollowUp>],
    today: NaiveDate,
    plan: Intervals,
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
    let (first_m, every_m) = (plan.first, plan.every);
    let mut gaps = Vec::new();
    let Some(first) = dates.first() else {
        return vec![(
            Pos::default(),
            format!(
                "kostsam terapi utan planerad utvärdering; den första ska ske senast {}",
                add(start.value, first_m)
            ),
        )];
    };
    if first.value > add(start.value, first_m) {
        gaps.push((
            first.pos,
            format!(
                "första utvärderingen ({}) ligger mer än {first_m} månader efter start ({}); senast {}",
                first.value,
                start.value,
                add(start.value, first_m)
            ),
        ));
    }
    for pair in dates.windows(2) {
        if pair[1].value > add(pair[0].value, every_m) {
            gaps.push((
                pair[1].pos,
                format!(
                    "mer än {every_m} månader mellan utvärderingarna {} och {}",
                    pair[0].value, pair[1].value
                ),
            ));
        }
    }
    if let Some(last) = dates.last()
        && add(last.value, every_m) < today
    {
        gaps.push((
            last.pos,
            format!(
                "ingen utvärdering är planerad efter {}; nästa skulle ha skett senast {}",
                last.value,
                add(last.value, every_m)
            ),
        ));
    }
    gaps
}

pub static FOLLOW_UP_OVERDUE: Rule = Rule {
    id: RuleId::FollowUpOverdue,
    severity: Severity::Warning,
    group: Group::Costly,
    summary: "en planerad uppföljning vars datum har passerat utan resultat",
    explanation: "\"Uppföljningsresultat för nya läkemedel ska sammanställas för att öka den \
        samlade kunskapen.\" Den nationella uppföljningen (kvartalsvis, per substans) \
        rapporteras till kommittén; en uppföljning som passerat utan resultat är en uppföljning \
        som inte blev av.",
    sources: &[
        Cite::new(
            SourceId::SkaneKostsam,
            "\"Uppföljningsresultat för nya läkemedel ska sammanställas\"",
        ),
        Cite::new(SourceId::Vastmanland, "\"Uppföljning\""),
        Cite::new(
            SourceId::Uppfoljning,
            "kvartalsvis försäljningsstatistik per substans till regionernas kontaktpersoner",
        ),
    ],
    fix: "uppföljning:\n  - { planerad: 2027-02-01, utförd: 2027-02-03, resultat: 20 av 23 utan progress. }",
    check: Check::Case(|ctx, s| {
        // A result written but unreadable is reported as a format error, not again here.
        list(&s.case.follow_ups)
            .iter()
            .enumerate()
            .filter(|(i, f)| {
                f.resultat.is_none()
                    && !s.case.unreadable(&format!("uppföljning[{}].resultat", i + 1))
            })
            .filter_map(|(_, f)| f.planerad.as_ref())
            .filter(|p| p.value < ctx.today)
            .map(|p| {
                Diagnostic::new(RuleId::FollowUpOverdue, p.pos, format!("uppföljningen planerad {} har passerat utan resultat", p.value))
                    .hint("fyll i `utförd:` och `resultat:`, eller flytta `planerad:` om uppföljningen skjutits upp")
            })
            .collect()
    }),
};
