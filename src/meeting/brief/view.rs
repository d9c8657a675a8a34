//! The brief and the delegation decision as documents (`document::Head` and sections of
//! plain text, which each writer escapes), in the order a Swedish region's tjänsteskrivelse
//! has them; and the sentences of the brief made from its data (the summary, the annexes,
//! whom the minutes go to).

use super::{Brief, Document, Output};
use crate::document::cells::{date, money, or_dash, table, words};
use crate::document::{Block, Head, Section};
use crate::meeting::CONFIDENTIAL_NOTICE;
use crate::text::{capitalize, genitive, kronor};

/// `–` for a missing text.
fn dash(s: &Option<String>) -> String {
    s.as_deref().map_or("–".into(), or_dash)
}

/// What the case is called in a heading: its name, else its id.
fn name(b: &Brief) -> String {
    b.subject.name.clone().unwrap_or_else(|| b.id.clone())
}

/// The recommendation in words, as within a sentence: `NT-rådets rekommendation den
/// 2026-06-18: bör användas`.
fn recommendation(b: &Brief) -> Option<String> {
    let r = b.background.basis.as_ref()?;
    let whose = match b.background.council {
        Some(c) => format!("{} rekommendation", genitive(c)),
        None => "den nationella rekommendationen".to_string(),
    };
    Some(match r.date {
        Some(d) => format!("{whose} den {d}: {}", words(&r.kind)),
        None => format!("{whose}: {}", words(&r.kind)),
    })
}

/// The committee's recommendation in words, or that it is to be given at the meeting.
fn committee_words(b: &Brief, committee: &str) -> String {
    match &b.committee_recommendation {
        Some(k) => format!(
            "{committee} rekommenderade vid mötet {}: {}.",
            date(k.meeting),
            k.recommendation.map_or("–".into(), words)
        ),
        None => format!(
            "Ärendet tas upp vid {} möte {}.",
            genitive(committee),
            b.meeting
        ),
    }
}

/// Sammanfattning: what, the national recommendation, the committee, and the cost.
pub(super) fn summary(b: &Brief, committee: &str) -> String {
    let mut parts = vec![match &b.subject.indication {
        Some(i) => format!("{} för {i}: {}.", name(b), b.subject.flow_label),
        None => format!("{}: {}.", name(b), b.subject.flow_label),
    }];
    parts.extend(recommendation(b).map(|r| capitalize(&r) + "."));
    parts.push(committee_words(b, committee));
    if let Some(k) = &b.consequence
        && let (Some(p), Some(c)) = (k.patients_per_year, k.cost_per_patient)
    {
        parts.push(format!(
            "Konsekvensbeskrivningen räknar med {p} {} per år och {} per patient och år \
             (listpris).",
            crate::text::plural(
                usize::try_from(p).unwrap_or(usize::MAX),
                "patient",
                "patienter"
            ),
            kronor(c)
        ));
    }
    parts.join(" ")
}

/// Bilagor: the documents the brief rests on, those recorded.
pub(super) fn attachments(b: &Brief) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(k) = &b.consequence {
        out.push(match k.date {
            Some(d) => format!("Konsekvensbeskrivning {d}"),
            None => "Konsekvensbeskrivning".to_string(),
        });
    }
    if !b.comments.is_empty() {
        let from: Vec<String> = b.comments.iter().map(|c| dash(&c.department)).collect();
        out.push(format!("Synpunkter från {}", from.join(", ")));
    }
    out.extend(recommendation(b).map(|r| capitalize(&r)));
    if b.background.tlv != "–" {
        out.push(format!("TLV: {}", b.background.tlv));
    }
    out
}

/// Protokollsutdrag skickas till: the decision-maker, the affected förvaltningar (those that
/// commented, when none are named) and the verksamhetschef.
pub(super) fn send_to(b: &Brief) -> Vec<String> {
    let mut out = vec![b.decision_maker.clone()];
    let affected: Vec<String> = match &b.consequence {
        Some(k) if !k.affected.is_empty() => k.affected.clone(),
        _ => b
            .comments
            .iter()
            .filter_map(|c| c.department.clone())
            .collect(),
    };
    for a in affected {
        if !out.contains(&a) {
            out.push(a);
        }
    }
    out.push(
        b.follow_up
            .department_head
            .clone()
            .unwrap_or_else(|| "Berörd verksamhetschef".into()),
    );
    out
}

/// A section with its blocks.
fn section(anchor: &str, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        blocks,
        ..Section::new(anchor, heading)
    }
}

/// A section that says `empty` when it has nothing.
fn or_empty(mut s: Section, empty: &str) -> Section {
    if s.blocks.is_empty() {
        s.empty = Some(empty.to_string());
    }
    s
}

fn proposal(b: &Brief) -> Section {
    section(
        "forslag",
        "Förslag till beslut",
        vec![
            Block::Paragraph(b.proposal.clone()),
            Block::Fields(vec![("Beslutsfattare".into(), b.decision_maker.clone())]),
        ],
    )
}

fn subject(b: &Brief) -> Section {
    let s = &b.subject;
    let mut fields = vec![
        ("Produkt".into(), dash(&s.product)),
        ("Substans".into(), dash(&s.substance)),
        ("Indikation".into(), dash(&s.indication)),
        ("Företag".into(), dash(&s.company)),
        ("ATC-kod".into(), dash(&s.atc)),
        ("Typ".into(), s.kind.map_or("–".into(), words)),
    ];
    if let Some(p) = s.prescription {
        fields.push(("Förskrivning".into(), p.to_string()));
    }
    fields.push(("Väg".into(), s.flow_label.to_string()));
    fields.push(("Fas".into(), s.phase_label.to_string()));
    section("arendet", "Ärendet", vec![Block::Fields(fields)])
}

fn background(b: &Brief) -> Section {
    let g = &b.background;
    let mut blocks = Vec::new();
    if let Some(s) = &g.samverkan {
        blocks.push(Block::Heading("Nationell samverkan".into()));
        let mut fields = vec![
            ("Beslut".into(), s.decision.map_or("–".into(), words)),
            ("Datum".into(), date(s.date)),
        ];
        let joined = |v: &[&str]| v.iter().map(|w| words(w)).collect::<Vec<_>>().join(", ");
        if !s.criteria.is_empty() {
            fields.push(("Kriterier".into(), joined(&s.criteria)));
        }
        if !s.grounds.is_empty() {
            fields.push(("Grunder".into(), joined(&s.grounds)));
        }
        if let Some(r) = s.reason {
            fields.push(("Skäl".into(), words(r)));
        }
        if let Some(c) = &s.comment {
            fields.push(("Kommentar".into(), c.clone()));
        }
        if let Some(e) = s.ended {
            fields.push(("Samverkan avslutad".into(), e.to_string()));
        }
        blocks.push(Block::Fields(fields));
    }
    if g.chmp.is_some() || g.eu.is_some() {
        blocks.push(Block::Heading("Godkännande".into()));
        blocks.push(Block::Fields(vec![
            ("CHMP".into(), date(g.chmp)),
            ("EU".into(), date(g.eu)),
        ]));
    }
    if g.tlv != "–" {
        blocks.push(Block::Heading("TLV".into()));
        let mut fields = vec![("Läge".into(), g.tlv.clone())];
        if let Some(c) = &g.tlv_conditions {
            fields.push(("Villkor".into(), c.clone()));
        }
        blocks.push(Block::Fields(fields));
    }
    if !g.recommendations.is_empty() {
        let whose = g.council.map_or("Nationella rekommendationer".into(), |c| {
            format!("{} rekommendationer", genitive(c))
        });
        blocks.push(Block::Heading(whose));
        let rows = g
            .recommendations
            .iter()
            .map(|r| vec![words(&r.kind), date(r.date), date(r.review)])
            .collect();
        blocks.push(Block::Table(table(
            &["Rekommendation", "Datum", "Omprövas"],
            &[],
            rows,
            "Inga rekommendationer.",
        )));
        if let Some(r) = recommendation(b) {
            blocks.push(Block::Paragraph(format!("Förslaget bygger på {r}.")));
        }
    }
    if let Some(a) = &g.agreement {
        blocks.push(Block::Heading("Nationellt avtal".into()));
        blocks.push(Block::Fields(vec![
            ("Typ".into(), a.kind.map_or("–".into(), words)),
            ("Start".into(), date(a.start)),
            ("Sista dag".into(), date(a.last_day)),
        ]));
    }
    or_empty(
        section("bakgrund", "Bakgrund", blocks),
        "Ingen nationell process är registrerad för ärendet.",
    )
}

fn consequence(b: &Brief) -> Section {
    let mut blocks = Vec::new();
    if let Some(k) = &b.consequence {
        blocks.push(Block::Fields(vec![
            ("Ansvarig".into(), dash(&k.responsible)),
            ("Datum".into(), date(k.date)),
            (
                "Patienter per år".into(),
                k.patients_per_year.map_or("–".into(), |p| p.to_string()),
            ),
            (
                "Kostnad per patient och år".into(),
                match k.cost_per_patient {
                    Some(c) => format!("{} (listpris)", kronor(c)),
                    None => "–".into(),
                },
            ),
            (
                "Berörda förvaltningar".into(),
                or_dash(&k.affected.join(", ")),
            ),
            ("Organisation".into(), dash(&k.organisation)),
        ]));
    }
    match &b.budget {
        Some(budget) => {
            blocks.push(Block::Heading("Budget per år".into()));
            let years: Vec<String> = budget.years.iter().map(|y| y.to_string()).collect();
            let mut headers = vec!["Klinik".to_string()];
            headers.extend(years);
            let mut row = vec![budget.clinic.clone()];
            row.extend(budget.amounts.iter().map(|a| kronor(*a)));
            let right: Vec<usize> = (1..headers.len()).collect();
            blocks.push(Block::Table(table(&headers, &right, vec![row], "–")));
            let prices = if budget.prices == "sekretess" {
                "pris efter rabatt (sekretess)"
            } else {
                "listpris"
            };
            blocks.push(Block::Note(format!("Grund: {}; {prices}.", budget.basis)));
        }
        None if b.consequence.is_some() => blocks.push(Block::Note(
            "Ingen budget per år: konsekvensbeskrivningen anger ingen kostnad, eller ärendet \
             är inte på väg mot ett beslut att införa."
                .into(),
        )),
        None => {}
    }
    if let Some(c) = &b.confidential {
        blocks.push(Block::Heading("Sekretessbelagda uppgifter".into()));
        let mut fields = Vec::new();
        if let Some(p) = c.price_after_discount {
            fields.push(("Pris efter rabatt".into(), money(Some(p))));
        }
        if let Some(n) = &c.note {
            fields.push(("Anteckning".into(), n.clone()));
        }
        blocks.push(Block::Fields(fields));
    }
    or_empty(
        section("konsekvensbeskrivning", "Konsekvensbeskrivning", blocks),
        "Ingen konsekvensbeskrivning är registrerad.",
    )
}

fn comments(b: &Brief) -> Section {
    let mut blocks = Vec::new();
    if !b.comments.is_empty() {
        let rows = b
            .comments
            .iter()
            .map(|c| vec![dash(&c.department), date(c.date), dash(&c.comment)])
            .collect();
        blocks.push(Block::Table(table(
            &["Förvaltning", "Datum", "Synpunkt"],
            &[],
            rows,
            "Inga synpunkter.",
        )));
    }
    if !b.comments_missing.is_empty() {
        blocks.push(Block::Note(format!(
            "Synpunkter saknas från: {}.",
            b.comments_missing.join(", ")
        )));
    }
    or_empty(
        section("synpunkter", "Synpunkter", blocks),
        "Inga synpunkter har kommit in.",
    )
}

fn committee(b: &Brief, committee: &str) -> Section {
    let mut blocks = vec![Block::Paragraph(committee_words(b, committee))];
    if let Some(d) = &b.decision {
        blocks.push(Block::Heading("Beslut".into()));
        blocks.push(Block::Fields(vec![
            ("Utfall".into(), d.outcome.map_or("–".into(), words)),
            ("Datum".into(), date(d.date)),
            ("Beslutsfattare".into(), dash(&d.decision_maker)),
            ("Baserat på".into(), date(d.based_on)),
        ]));
    }
    section(
        "kommitten",
        &format!("{} rekommendation", capitalize(&genitive(committee))),
        blocks,
    )
}

fn follow_up(b: &Brief) -> Section {
    let f = &b.follow_up;
    let mut blocks = Vec::new();
    let fields: Vec<(String, String)> = [
        ("Verksamhetschef", &f.department_head),
        ("Kostnadsansvar", &f.cost_owner),
        ("Behandlingsmål", &f.goal),
        ("Utsättningskriterier", &f.stop_criteria),
        ("Kvalitetsregister", &f.quality_register),
    ]
    .into_iter()
    .filter_map(|(label, v)| v.clone().map(|v| (label.to_string(), v)))
    .chain(f.start.map(|s| ("Start".to_string(), s.to_string())))
    .collect();
    if !fields.is_empty() {
        blocks.push(Block::Fields(fields));
    }
    if !f.follow_ups.is_empty() {
        let rows = f
            .follow_ups
            .iter()
            .map(|u| {
                vec![
                    date(u.planned),
                    date(u.done),
                    u.source.map_or("–".into(), words),
                    dash(&u.result),
                ]
            })
            .collect();
        blocks.push(Block::Table(table(
            &["Planerad", "Utförd", "Källa", "Resultat"],
            &[],
            rows,
            "Inga uppföljningar.",
        )));
    }
    or_empty(
        section("uppfoljning", "Uppföljning", blocks),
        "Ingen uppföljning är planerad ännu.",
    )
}

fn findings(b: &Brief) -> Section {
    let mut s = section("fynd", "Öppna fynd från ordnat check (olösta)", Vec::new());
    if b.findings.is_empty() {
        s.empty = Some("Inga öppna fynd från ordnat check.".into());
        return s;
    }
    s.count = Some(b.findings.len());
    s.intro = Some(format!(
        "Olösta: fynden i {} står kvar tills ärendefilen rättas (kör ordnat check).",
        b.file
    ));
    let rows = b
        .findings
        .iter()
        .map(|f| {
            let message = match &f.hint {
                Some(h) => format!("{}\nTips: {h}", f.message),
                None => f.message.clone(),
            };
            vec![
                f.rule.to_string(),
                f.severity_sv.to_string(),
                f.line.to_string(),
                message,
            ]
        })
        .collect();
    s.blocks.push(Block::Table(table(
        &["Regel", "Nivå", "Rad", "Meddelande"],
        &[2],
        rows,
        "Inga öppna fynd.",
    )));
    s
}

fn list_section(anchor: &str, heading: &str, items: &[String], empty: &str) -> Section {
    let blocks = if items.is_empty() {
        Vec::new()
    } else {
        vec![Block::List(items.to_vec())]
    };
    or_empty(section(anchor, heading, blocks), empty)
}

/// The brief's sections, in the tjänsteskrivelse's order.
fn brief_sections(b: &Brief, committee_name: &str) -> Vec<Section> {
    vec![
        proposal(b),
        section(
            "sammanfattning",
            "Sammanfattning",
            vec![Block::Paragraph(b.summary.clone())],
        ),
        subject(b),
        background(b),
        consequence(b),
        comments(b),
        committee(b, committee_name),
        follow_up(b),
        findings(b),
        section(
            "jamstalldhet",
            "Beslutsförslagets påverkan avseende jämställdhet",
            vec![Block::Paragraph(b.equality.clone())],
        ),
        list_section("bilagor", "Bilagor", &b.attachments, "Inga bilagor."),
        list_section(
            "protokollsutdrag",
            "Protokollsutdrag skickas till",
            &b.send_to,
            "–",
        ),
    ]
}

/// The delegation decision's sections: the decision, what it rests on, who implements it,
/// the open findings (when there are any) and the signature.
fn delegation_sections(b: &Brief, committee_name: &str) -> Vec<Section> {
    let mut basis = vec![
        committee_words(b, committee_name)
            .trim_end_matches('.')
            .to_string(),
    ];
    basis.extend(recommendation(b).map(|r| capitalize(&r)));
    if let Some(k) = &b.consequence {
        basis.push(match (k.date, &k.responsible) {
            (Some(d), Some(r)) => format!("Konsekvensbeskrivning {d} ({r})"),
            (Some(d), None) => format!("Konsekvensbeskrivning {d}"),
            _ => "Konsekvensbeskrivning".into(),
        });
    }
    for c in &b.comments {
        basis.push(format!(
            "Synpunkt från {} {}",
            dash(&c.department),
            date(c.date)
        ));
    }
    basis.push(match &b.diarienummer {
        Some(d) => format!("Beslutsunderlag, diarienummer {d}"),
        None => "Beslutsunderlag".into(),
    });
    let responsible = match &b.follow_up.department_head {
        Some(h) => format!("{h} ansvarar för införandet och för att beslutet följs och följs upp."),
        None => "Berörd verksamhetschef ansvarar för införandet och för att beslutet följs och \
                 följs upp."
            .to_string(),
    };
    let mut responsibility = vec![Block::Paragraph(responsible)];
    if let Some(c) = &b.follow_up.cost_owner {
        responsibility.push(Block::Fields(vec![("Kostnadsansvar".into(), c.clone())]));
    }
    let mut sections = vec![
        section(
            "beslut",
            "Beslut",
            vec![
                Block::Fields(vec![
                    ("Beslutsfattare".into(), b.decision_maker.clone()),
                    (
                        "Ärende".into(),
                        match &b.diarienummer {
                            Some(d) => format!("{} (diarienummer {d})", b.id),
                            None => b.id.clone(),
                        },
                    ),
                ]),
                Block::Paragraph(b.proposal.clone()),
            ],
        ),
        list_section("underlag", "Underlag för beslutet", &basis, "–"),
        section("ansvar", "Ansvar för införandet", responsibility),
    ];
    if !b.findings.is_empty() {
        sections.push(findings(b));
    }
    sections.push(section(
        "underskrift",
        "Underskrift",
        vec![
            Block::Fields(vec![("Datum".into(), "____________".into())]),
            Block::Signatures(vec![b.decision_maker.clone()]),
        ],
    ));
    sections
}

fn sections_of(o: &Output, b: &Brief) -> Vec<Section> {
    match o.document {
        Document::Brief => brief_sections(b, &o.committee),
        Document::Delegation => delegation_sections(b, &o.committee),
    }
}

/// The title of one case's document.
fn title(o: &Output, b: &Brief) -> String {
    format!("{}: {}", capitalize(o.document.sv()), name(b))
}

/// The lines under a case's title.
fn case_lines(o: &Output, b: &Brief) -> Vec<String> {
    let mut lines = vec![
        format!("{} · {}, möte {}", o.region, o.committee, b.meeting),
        format!(
            "Ärende {} · diarienummer {}",
            b.id,
            b.diarienummer.as_deref().unwrap_or("saknas")
        ),
        format!("Datum {} · handläggare {}", o.made, dash(&b.handler)),
    ];
    if o.document == Document::Delegation {
        lines.push(format!(
            "Utkast till beslut för underskrift av {}",
            crate::text::lower_first(&b.decision_maker)
        ));
    }
    lines
}

/// The document: the head and its sections. One brief alone is one case's document; a
/// meeting's briefs in one file (`combined`) have a section per case, numbered, with that
/// case's sections numbered under it.
pub(super) fn document(o: &Output, combined: bool) -> (Head, Vec<Section>) {
    let confidential = o.confidential.then(|| CONFIDENTIAL_NOTICE.to_string());
    if let (false, [b]) = (combined, &o.briefs[..]) {
        let title = title(o, b);
        let head = Head {
            page_title: format!("{title} ({})", b.id),
            title,
            lines: case_lines(o, b),
            confidential,
        };
        return (head, sections_of(o, b));
    }
    let at = match o.meeting {
        Some(m) => format!("{} möte {m}", genitive(&o.committee)),
        None => format!("{} möten", genitive(&o.committee)),
    };
    let title = format!("{}: ärendena vid {at}", capitalize(o.document.sv()));
    let head = Head {
        page_title: title.clone(),
        title,
        lines: vec![
            o.region.clone(),
            format!(
                "Datum {} · {} {}",
                o.made,
                o.briefs.len(),
                crate::text::plural(o.briefs.len(), "ärende", "ärenden")
            ),
        ],
        confidential,
    };
    let mut sections = Vec::new();
    if o.briefs.is_empty() {
        let mut s = Section::new("inga", "Inga ärenden");
        s.empty = Some(format!(
            "Inga ärenden är redo för eller behandlade vid {at}."
        ));
        sections.push(s);
    }
    for (i, b) in o.briefs.iter().enumerate() {
        let n = i + 1;
        let mut top = section(
            &format!("arende-{n}"),
            &format!("{}: {}", b.id, name(b)),
            vec![Block::Fields(vec![
                (
                    "Diarienummer".into(),
                    b.diarienummer.clone().unwrap_or_else(|| "saknas".into()),
                ),
                ("Handläggare".into(), dash(&b.handler)),
                ("Beslutsfattare".into(), b.decision_maker.clone()),
            ])],
        );
        top.number = Some(format!("{n}."));
        sections.push(top);
        for (k, mut s) in sections_of(o, b).into_iter().enumerate() {
            s.anchor = format!("arende-{n}-{}", s.anchor);
            s.number = Some(format!("{n}.{}", k + 1));
            sections.push(s);
        }
    }
    (head, sections)
}

/// The HTML page's table of contents: every section of one case's document; the cases of a
/// combined one.
pub(super) fn contents(sections: &[Section], combined: bool) -> Vec<(String, String)> {
    sections
        .iter()
        // A case's own section is numbered `1.`, its sections `1.1`.
        .filter(|s| !combined || s.number.as_deref().is_some_and(|n| n.ends_with('.')))
        .map(|s| (s.anchor.clone(), s.numbered_heading()))
        .collect()
}
