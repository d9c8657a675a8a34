//! The national recommendations and the coming drugs as tables: the sections that follow a
//! case's national lifecycle.

use super::*;

pub(super) fn national(r: &Report) -> Drawn {
    let n = &r.national;
    let count = n.waiting.len()
        + n.reviews.len()
        + n.agreements.len()
        + n.samverkan_ended.len()
        + n.replaced.len();
    let mut s = section(
        Section::National,
        count,
        "Avvakta som står kvar, rekommendationer som ska omprövas och nationella avtal som \
         upphör inom sex månader efter mötet, avslutad nationell samverkan, och regionala \
         beslut som bygger på en äldre rekommendation."
            .into(),
        "Inget att ta upp om de nationella rekommendationerna.",
    );
    let rec = |x: &RecommendationRef| match x.date {
        Some(d) => format!("{} {d}", words(&x.kind)),
        None => words(&x.kind),
    };
    let days = Days::of(&r.header);
    let (headers, right) = days.columns(&[CASE, "Produkt", "Avvakta sedan"], "Väntat", &["TLV"]);
    s.tables.push(captioned(
        "Avvakta står kvar",
        table(
            &headers,
            &right,
            n.waiting
                .iter()
                .map(|w| {
                    let mut row = vec![case_cell(&w.case), or_dash(w.case.name()), date(w.since)];
                    row.extend(days.cells(w.days, w.days_at_meeting));
                    row.push(w.tlv.clone());
                    row
                })
                .collect(),
            "Ingen avvakta-rekommendation står kvar.",
        ),
    ));
    s.tables.push(captioned(
        "Omprövning inom sex månader efter mötet eller försenad",
        table(
            &[CASE, "Produkt", "Gällande", "Omprövas", "Läge"],
            &[],
            n.reviews
                .iter()
                .map(|v| {
                    let mut state = if v.overdue { "försenad" } else { "kommande" }.to_string();
                    if v.implied {
                        state.push_str(" (två år; inget omprövningsdatum angivet)");
                    }
                    vec![
                        case_cell(&v.case),
                        or_dash(v.case.name()),
                        rec(&v.recommendation),
                        v.review.to_string(),
                        state,
                    ]
                })
                .collect(),
            "Ingen rekommendation ska omprövas inom sex månader.",
        ),
    ));
    s.tables.push(captioned(
        "Nationella avtal som upphör inom sex månader efter mötet",
        table(
            &[CASE, "Produkt", "Avtal", "Sista dag", "Läge"],
            &[],
            n.agreements
                .iter()
                .map(|a| {
                    vec![
                        case_cell(&a.case),
                        or_dash(a.case.name()),
                        a.kind.map_or("avtal".into(), words),
                        a.last_day.to_string(),
                        if a.days_left >= 0 {
                            format!("upphör om {}", day_count(a.days_left))
                        } else {
                            format!("upphörde för {} sedan", day_count(-a.days_left))
                        },
                    ]
                })
                .collect(),
            "Inget nationellt avtal upphör inom sex månader.",
        ),
    ));
    s.tables.push(captioned(
        "Nationell samverkan avslutad: regionens kommitté tar över",
        table(
            &[CASE, "Produkt", "Avslutad", "Fas"],
            &[],
            n.samverkan_ended
                .iter()
                .map(|e| {
                    vec![
                        case_cell(&e.case),
                        or_dash(e.case.name()),
                        e.ended.to_string(),
                        e.phase.sv().to_string(),
                    ]
                })
                .collect(),
            "Ingen nationell samverkan har avslutats utan nytt regionalt beslut.",
        ),
    ));
    s.tables.push(captioned(
        "Regionala beslut som bygger på en äldre rekommendation",
        table(
            &[
                CASE,
                "Produkt",
                "Beslut",
                "Byggde på",
                "Gäller nu",
                "Ändring",
            ],
            &[],
            n.replaced
                .iter()
                .map(|x| {
                    vec![
                        case_cell(&x.case),
                        or_dash(x.case.name()),
                        date(x.decision),
                        rec(&x.based_on),
                        rec(&x.standing),
                        if x.type_changed {
                            "ny typ: ta upp på nytt".into()
                        } else {
                            "samma typ, ny version".into()
                        },
                    ]
                })
                .collect(),
            "Inget regionalt beslut bygger på en äldre rekommendation.",
        ),
    ));
    s
}

pub(super) fn coming(r: &Report) -> Drawn {
    let mut s = section(
        Section::Coming,
        r.coming.len(),
        "Läkemedel i nationell samverkan utan slutlig rekommendation och utan regionalt \
         beslut. Budgeten är en grov uppskattning per år och osäker."
            .into(),
        "Inga läkemedel är under beredning.",
    );
    let rows = r
        .coming
        .iter()
        .map(|c| {
            let approval = match (c.chmp, c.eu) {
                (None, None) => "–".to_string(),
                (chmp, eu) => format!("CHMP {}, EU {}", date(chmp), date(eu)),
            };
            let mut state = Vec::new();
            if let Some(w) = &c.standing {
                state.push(format!("avvakta sedan {}", date(w.date)));
            }
            if c.tlv != "–" {
                state.push(format!("TLV: {}", c.tlv));
            }
            vec![
                case_cell(&c.case),
                or_dash(c.case.name()),
                or_dash(c.case.indication()),
                date(c.samverkan),
                approval,
                if state.is_empty() {
                    "–".into()
                } else {
                    state.join("; ")
                },
                match c.budget {
                    Some(b) => format!("osäker: {} ({})", kronor(b), c.budget_basis),
                    None => format!("osäker: {}", c.budget_basis),
                },
            ]
        })
        .collect();
    s.tables.push(table(
        &[
            CASE,
            "Läkemedel",
            "Indikation",
            "Samverkan",
            "Godkännande",
            "Läge",
            "Budget/år",
        ],
        &[],
        rows,
        &s.empty,
    ));
    s
}
