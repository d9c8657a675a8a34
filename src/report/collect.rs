//! Gathering the report and the status list from each case's facts (`facts`), its findings
//! from `check` and git's history: each section takes its rows from the facts of the shown
//! cases, in file order, then sorts and sums.

use super::facts::{Facts, Listed, SubstanceFacts, case_ref};
use super::*;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Case, Parts, text};
use crate::process::economy::{CaseBudget, UNKNOWN_CLINIC, UNKNOWN_DEPARTMENT, budget_years};
use crate::process::{Phase, derive};
use crate::read::CaseFile;
use crate::workspace::history;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// One file's facts with the findings `check` gave it, as `rules::check_each` hands them.
pub type Checked = (Box<Facts>, Vec<Diagnostic>);

fn count(findings: &[Diagnostic], severity: Severity) -> usize {
    findings.iter().filter(|d| d.severity == severity).count()
}

/// A case's line in the case list, with the errors and warnings `check` found in its file.
fn counted(mut row: Box<CaseRow>, findings: &[Diagnostic]) -> Box<CaseRow> {
    row.errors = count(findings, Severity::Error);
    row.warnings = count(findings, Severity::Warning);
    row
}

/// The case list: each shown case's line, in file order, with what `check` found in its file.
pub fn case_list(checked: Vec<Checked>) -> Vec<Box<CaseRow>> {
    checked
        .into_iter()
        .filter(|(f, _)| f.shown)
        .filter_map(|(f, found)| Some(counted(f.row?, &found)))
        .collect()
}

/// What git says for a report: the revision, and the cases as they were at the last commit
/// before the previous meeting (`None` when there is no previous meeting to compare with).
pub struct History {
    revision: Result<String, history::HistoryError>,
    pub(super) old: Option<Result<history::OldTree, history::HistoryError>>,
}

/// Asks git what the report needs (see `History`).
pub fn history(scope: &Scope) -> History {
    let settings = scope.settings;
    let (revision, old) =
        history::report_history(&settings.root, &settings.cases_dir, scope.previous);
    History { revision, old }
}

/// The rows of one section: each listed case's, in file order, taken out of its facts.
fn take<T>(
    listed: &mut [(Arc<CaseRef>, Box<Listed>)],
    pick: impl Fn(&mut Listed) -> Option<Box<T>>,
) -> Vec<Box<T>> {
    listed.iter_mut().filter_map(|(_, l)| pick(l)).collect()
}

/// `ordnat report`: every section for one meeting, from the facts of every file (in file
/// order) with what `check` found in each, and git's history.
pub fn collect(scope: &Scope, checked: Vec<Checked>, git: &History) -> Report {
    let settings = scope.settings;
    let conf = scope.opts.confidential;
    let (revision, revision_note) = match &git.revision {
        Ok(r) => (Some(r.clone()), None),
        Err(history::HistoryError::NotARepo) => (None, Some("inte ett git-repo".to_string())),
        Err(e) => (None, Some(e.to_string())),
    };
    let found = git.old.as_ref().map(|old| {
        let now = checked.iter().map(|(f, _)| f.case.file());
        old.as_ref()
            .map_err(Clone::clone)
            .and_then(|old| history::changes(&settings.root, old, now))
    });
    let (changes, changed) = changes(found, &checked, &scope.opts.filter, scope.previous);
    let problems = problems(&checked, conf);
    let phases = phases(&checked);

    // The shown cases: their lines in the case list (when made), what they add to the
    // sections, and what `check` found in their files.
    let (mut shown, mut errors, mut warnings) = (0, 0, 0);
    let mut cases = Vec::new();
    let mut listed = Vec::new();
    for (i, (facts, found)) in checked.into_iter().enumerate() {
        if !facts.shown {
            continue;
        }
        shown += 1;
        errors += count(&found, Severity::Error);
        warnings += count(&found, Severity::Warning);
        if let Some(row) = facts.row {
            let mut row = counted(row, &found);
            row.sections = Section::ALL
                .into_iter()
                .filter(|s| match s {
                    Section::Changes => changed.contains(&i),
                    Section::Problems => !found.is_empty(),
                    s => facts.listed.as_ref().is_some_and(|l| l.lists(*s)),
                })
                .collect();
            row.budget = match facts.listed.as_ref().and_then(|l| l.budget.as_deref()) {
                Some(CaseBudget::Costs { amounts, .. }) => Some(amounts.clone()),
                _ => None,
            };
            cases.push(row);
        }
        if let Some(l) = facts.listed {
            listed.push((facts.case, l));
        }
    }

    let ready = take(&mut listed, |l| l.ready.take());
    let blocked = take(&mut listed, |l| l.blocked.take());
    let awaiting = take(&mut listed, |l| l.awaiting.take());
    let due = listed
        .iter_mut()
        .flat_map(|(_, l)| std::mem::take(&mut l.due))
        .collect();
    let substances = listed
        .iter_mut()
        .filter_map(|(c, l)| Some((c.id().to_string(), *l.substance.take()?)))
        .collect();
    let mut national = National {
        waiting: take(&mut listed, |l| l.waiting.take()),
        reviews: take(&mut listed, |l| l.review.take()),
        agreements: take(&mut listed, |l| l.agreement.take()),
        samverkan_ended: take(&mut listed, |l| l.samverkan_ended.take()),
        replaced: take(&mut listed, |l| l.replaced.take()),
    };
    national
        .reviews
        .sort_by(|a, b| (a.review, a.case.id()).cmp(&(b.review, b.case.id())));
    national
        .agreements
        .sort_by(|a, b| (a.last_day, a.case.id()).cmp(&(b.last_day, b.case.id())));
    let coming = take(&mut listed, |l| l.coming.take());
    let in_budget = listed
        .iter_mut()
        .filter_map(|(c, l)| Some((c.clone(), *l.budget.take()?)))
        .collect();
    let budget = budget(in_budget, settings, scope.meeting, conf);
    let mut lead_cases = take(&mut listed, |l| l.lead_time.take());
    lead_cases.sort_by(|a, b| (a.decision, a.case.id()).cmp(&(b.decision, b.case.id())));
    let lead_times = LeadTimes {
        years: medians(&lead_cases),
        cases: lead_cases,
    };
    let confidential = take(&mut listed, |l| l.confidential.take());

    let header = Header {
        region: settings.region.clone(),
        committee: settings.committee.clone(),
        meeting: scope.meeting,
        meeting_configured: scope.meeting_configured,
        previous_meeting: scope.previous,
        made: scope.today,
        revision,
        revision_note,
        confidential: conf,
        filters: scope.opts.filter.describe(),
        cases: shown,
        errors,
        warnings,
    };
    Report {
        version: JSON_VERSION,
        header,
        ready,
        blocked,
        awaiting_decision: awaiting,
        follow_ups: follow_ups(due, substances),
        national,
        coming,
        changes,
        budget,
        lead_times,
        phases,
        problems,
        confidential: conf.then_some(confidential),
        cases,
    }
}

/// Whether a follow-up's source is the national quarterly statistics.
fn is_national_quarterly(source: Option<&str>) -> bool {
    source == Some("nationell-kvartalsstatistik")
}

/// Follow-ups planned on or before the meeting and not done; and per substance, the latest
/// result of the cases under follow-up (the national quarterly statistics first).
fn follow_ups(mut due: Vec<DueFollowUp>, substances: Vec<(String, SubstanceFacts)>) -> FollowUps {
    let mut by_substance: BTreeMap<String, SubstanceFollowUp> = BTreeMap::new();
    for (id, facts) in substances {
        let entry = by_substance
            .entry(facts.key)
            .or_insert_with(|| SubstanceFollowUp {
                substance: facts.substance,
                cases: Vec::new(),
                latest: None,
                result: None,
                source: None,
                newer_date: None,
                newer_result: None,
                newer_source: None,
                next_planned: None,
            });
        entry.cases.push(id);
        for (date, result, source) in &facts.done {
            // The national quarterly statistics win over other sources; then the latest.
            let key = (is_national_quarterly(source.as_deref()), *date);
            let current = entry
                .latest
                .map(|d| (is_national_quarterly(entry.source), d));
            if current.is_none_or(|c| key > c) {
                entry.latest = Some(*date);
                entry.result.clone_from(result);
                entry.source.clone_from(source);
            }
        }
        // A later result from another source is shown beside the national one.
        let newer = facts
            .done
            .iter()
            .filter(|(date, _, source)| {
                !is_national_quarterly(source.as_deref()) && entry.latest.is_some_and(|l| *date > l)
            })
            .max_by_key(|(date, ..)| *date);
        if let Some((date, result, source)) = newer
            && entry.newer_date.is_none_or(|d| *date > d)
        {
            entry.newer_date = Some(*date);
            entry.newer_result.clone_from(result);
            entry.newer_source.clone_from(source);
        }
        if let Some(p) = facts.next_planned {
            entry.next_planned = Some(entry.next_planned.map_or(p, |q| q.min(p)));
        }
    }
    due.sort_by(|a, b| (a.planned, a.case.id()).cmp(&(b.planned, b.case.id())));
    FollowUps {
        due,
        by_substance: by_substance.into_values().collect(),
    }
}

/// The files with findings, with their findings (those in a `sekretess` section without
/// their message unless asked for).
fn problems(checked: &[Checked], confidential: bool) -> Vec<Problem> {
    checked
        .iter()
        .filter(|(f, found)| !found.is_empty() && f.shown)
        .map(|(f, found)| {
            let hidden = |line: u32| {
                !confidential
                    && f.confidential_lines
                        .iter()
                        .any(|(first, last)| (*first..=*last).contains(&line))
            };
            Problem {
                file: f.case.file().to_string(),
                id: f.has_id.then(|| f.case.id().to_string()),
                diarienummer: f.case.diarienummer().map(str::to_string),
                readable: f.readable,
                errors: count(found, Severity::Error),
                warnings: count(found, Severity::Warning),
                findings: found
                    .iter()
                    .map(|d| Finding {
                        line: d.pos.line,
                        column: d.pos.col,
                        rule: d.rule.name(),
                        severity: d.severity.en(),
                        message: if hidden(d.pos.line) {
                            "fynd i den sekretessbelagda delen (visas med --visa-sekretess)".into()
                        } else {
                            d.message.clone()
                        },
                    })
                    .collect(),
            }
        })
        .collect()
}

/// New cases, cases whose phase moved, cases edited in the same phase (with the parts that
/// changed) and cases removed, between the last commit before the previous meeting and the
/// files on disk now; and the files (by their place in `checked`) that the section lists.
fn changes(
    found: Option<Result<history::Changes, history::HistoryError>>,
    checked: &[Checked],
    filter: &Filter,
    previous: Option<NaiveDate>,
) -> (Changes, HashSet<usize>) {
    let mut listed = HashSet::new();
    let mut out = Changes {
        since: previous,
        commit: None,
        commit_date: None,
        note: None,
        rows: Vec::new(),
        edited_same_phase: 0,
        edited: Vec::new(),
    };
    let (Some(previous), Some(found)) = (previous, found) else {
        out.note = Some(
            "ordnat.toml har inget möte före detta, så det finns inget förra möte att jämföra med"
                .into(),
        );
        return (out, listed);
    };
    let found = match found {
        Ok(found) => found,
        Err(e) => {
            out.note = Some(format!(
                "{e}, så ändringarna sedan förra mötet ({previous}) kan inte visas"
            ));
            return (out, listed);
        }
    };
    out.commit = Some(found.commit.clone());
    out.commit_date = found.commit_date;
    // An old version as it stood at the previous meeting: an introduction that started since
    // then has moved on to its new phase.
    let old_phase = |c: &Option<Case>| c.as_ref().map(|c| derive(c, previous).phase);
    let old_passes = |c: &Option<Case>| {
        filter.is_empty()
            || c.as_ref().is_some_and(|c| {
                let d = derive(c, previous);
                filter.passes(c, &d, None)
            })
    };
    // A file that is still a case of the same id: a row when its phase moved, else edited.
    let mut moved_or_edited = |i: usize, s: &Facts, old: &Option<Case>, renamed_from| {
        let from = old_phase(old);
        let to = s.phase;
        listed.insert(i);
        if from != to {
            out.rows.push(Change {
                change: ChangeKind::Phase,
                case: s.case.clone(),
                from,
                to,
            });
        } else {
            let parts = old.as_ref().zip(s.parts.as_ref());
            out.edited.push(Edited {
                case: s.case.clone(),
                renamed_from,
                parts: parts.map(|(old, now)| Parts::of(old).changed(now)),
            });
        }
    };
    let mut removed: Vec<&history::OldFile> = found.removed.iter().collect();
    let mut new = Vec::new();
    for &i in &found.added {
        let Some((s, _)) = checked.get(i) else {
            continue;
        };
        if !s.shown {
            continue;
        }
        // A file renamed under the same id is the same case, not a new one.
        let renamed = removed.iter().position(|old| {
            old.case
                .as_ref()
                .and_then(|c| text(&c.id))
                .is_some_and(|id| s.readable && id == s.case.id())
        });
        match renamed {
            Some(at) => {
                let old = removed.remove(at);
                moved_or_edited(i, s, &old.case, Some(old.display.clone()));
            }
            None => new.push((i, s)),
        }
    }
    for &(i, ref old) in &found.modified {
        match checked.get(i) {
            Some((s, _)) if s.shown => moved_or_edited(i, s, old, None),
            _ => {}
        }
    }
    for (i, s) in new {
        listed.insert(i);
        out.rows.push(Change {
            change: ChangeKind::New,
            case: s.case.clone(),
            from: None,
            to: s.phase,
        });
    }
    for old in removed {
        if !old_passes(&old.case) {
            continue;
        }
        let file = CaseFile::new(old.display.clone(), old.display.clone().into());
        out.rows.push(Change {
            change: ChangeKind::Removed,
            case: Arc::new(case_ref(&file, old.case.as_ref())),
            from: old_phase(&old.case),
            to: None,
        });
    }
    out.rows.sort_by(|a, b| {
        (a.change, a.case.id(), a.case.file()).cmp(&(b.change, b.case.id(), b.case.file()))
    });
    out.edited
        .sort_by(|a, b| (a.case.id(), a.case.file()).cmp(&(b.case.id(), b.case.file())));
    out.edited_same_phase = out.edited.len();
    (out, listed)
}

/// The budget: the cases in it (see `process::economy::case_budget`), per clinic and year,
/// and per förvaltning when `ordnat.toml` maps clinics to förvaltningar.
fn budget(
    facts: Vec<(Arc<CaseRef>, CaseBudget)>,
    settings: &crate::config::Settings,
    meeting: NaiveDate,
    confidential: bool,
) -> Budget {
    let years = budget_years(meeting);
    let mut cases = Vec::new();
    let mut without_cost = Vec::new();
    for (case, facts) in facts {
        match facts {
            CaseBudget::WithoutCost => without_cost.push(case),
            CaseBudget::Costs {
                status,
                clinic,
                department,
                basis,
                uncertain,
                amounts,
            } => cases.push(BudgetCase {
                case,
                clinic,
                department,
                status: status.sv(),
                basis,
                uncertain,
                amounts,
            }),
        }
    }
    // Sums per name, the unknown one last.
    let sum = |name: fn(&BudgetCase) -> &str, unknown: &str| {
        let mut sums: BTreeMap<(bool, String), Vec<u64>> = BTreeMap::new();
        for c in &cases {
            let name = name(c);
            let sums = sums
                .entry((name == unknown, name.to_string()))
                .or_insert_with(|| vec![0; years.len()]);
            for (s, a) in sums.iter_mut().zip(&c.amounts) {
                *s = s.saturating_add(*a);
            }
        }
        sums.into_iter().map(|((_, name), amounts)| (name, amounts))
    };
    let clinics = sum(|c| &c.clinic, UNKNOWN_CLINIC)
        .map(|(clinic, amounts)| ClinicBudget { clinic, amounts })
        .collect();
    let departments = if settings.clinic_departments.is_empty() {
        Vec::new()
    } else {
        sum(
            |c| c.department.as_deref().unwrap_or(UNKNOWN_DEPARTMENT),
            UNKNOWN_DEPARTMENT,
        )
        .map(|(department, amounts)| DepartmentBudget {
            department,
            amounts,
        })
        .collect()
    };
    let totals = (0..years.len())
        .map(|i| {
            cases
                .iter()
                .filter_map(|c| c.amounts.get(i))
                .fold(0u64, |t, a| t.saturating_add(*a))
        })
        .collect();
    Budget {
        years,
        prices: if confidential {
            "sekretess".into()
        } else {
            "listpris".into()
        },
        cases,
        clinics,
        departments,
        totals,
        without_cost,
    }
}

/// The median lead time per year of decision.
fn medians(cases: &[Box<LeadTime>]) -> Vec<YearMedian> {
    let mut by_year: BTreeMap<i32, Vec<i64>> = BTreeMap::new();
    for c in cases {
        by_year.entry(c.decision.year()).or_default().push(c.days);
    }
    by_year
        .into_iter()
        .filter_map(|(year, mut d)| {
            Some(YearMedian {
                year,
                cases: d.len(),
                median_days: crate::process::lead::median(&mut d)?,
            })
        })
        .collect()
}

fn phases(checked: &[Checked]) -> Vec<PhaseCount> {
    let mut counts: BTreeMap<Phase, usize> = BTreeMap::new();
    for phase in checked
        .iter()
        .filter(|(f, _)| f.shown)
        .filter_map(|(f, _)| f.phase)
    {
        *counts.entry(phase).or_default() += 1;
    }
    let mut out: Vec<PhaseCount> = counts
        .into_iter()
        .map(|(p, count)| PhaseCount {
            phase: p.slug().to_string(),
            label: p.sv().to_string(),
            count,
        })
        .collect();
    let unreadable = checked.iter().filter(|(f, _)| !f.readable).count();
    if unreadable > 0 {
        out.push(PhaseCount {
            phase: "kan-inte-läsas".into(),
            label: "kan inte läsas".into(),
            count: unreadable,
        });
    }
    out
}
