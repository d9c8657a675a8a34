//! Swedish text helpers that every stage may use and that use nothing of ordnat: money and
//! dates written Swedish style, amounts as people write them (`amount`), plurals,
//! did-you-mean, and wrapping; the one sanitiser (`sanitize`) that every output passes case
//! text through; and the tables every output draws (`table`). Nothing here knows about cases or
//! rules. May use: nothing.

mod amount;
pub mod sanitize;
pub mod table;

pub use amount::{Amount, read_amount};

use chrono::NaiveDate;

/// The line break of the line holding byte `at`: `\r\n` where that line ends so (or, on the
/// last line without a break, where the first line does), else `\n`.
pub fn line_break(text: &str, at: usize) -> &'static str {
    let bytes = text.as_bytes();
    let end = memchr::memchr(b'\n', bytes.get(at..).unwrap_or_default())
        .map(|i| at + i)
        .or_else(|| memchr::memchr(b'\n', bytes));
    match end {
        Some(e) if e > 0 && bytes.get(e - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

/// Swedish money: `1 250 000 kr`.
pub fn kronor(amount: u64) -> String {
    grouped(amount) + " kr"
}

/// A whole number with a space between each group of three digits: `1 250 000`.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A strict ISO 8601 calendar date: `2026-11-22`, nothing more.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let number = |digits: &[u8]| {
        digits
            .iter()
            .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
    };
    let year = i32::try_from(number(&b[0..4])).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7]), number(&b[8..10]))
}

/// What follows `prefix` in `s` when `s` starts with it, upper and lower case alike (as
/// `to_lowercase` would compare them), without allocating.
pub fn strip_prefix_ignoring_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    // Character by character while the characters are equal or ASCII letters apart in case
    // only (most of a Swedish text); from the first other difference, in lower case.
    let (mut si, mut pi) = (s.char_indices(), prefix.char_indices());
    loop {
        let Some((p_at, b)) = pi.next() else {
            return Some(si.next().map_or("", |(at, _)| &s[at..]));
        };
        let (s_at, a) = si.next()?;
        if a == b || a.eq_ignore_ascii_case(&b) {
            continue;
        }
        if a.is_ascii() && b.is_ascii() {
            return None;
        }
        return lower_prefix(&s[s_at..], &prefix[p_at..]);
    }
}

/// `strip_prefix_ignoring_case` through `to_lowercase`, character by character.
fn lower_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut wanted = prefix.chars().flat_map(char::to_lowercase).peekable();
    for (at, c) in s.char_indices() {
        if wanted.peek().is_none() {
            return Some(&s[at..]);
        }
        for lower in c.to_lowercase() {
            if wanted.next() != Some(lower) {
                return None;
            }
        }
    }
    wanted.peek().is_none().then_some("")
}

/// Whether `text` holds `part`, upper and lower case alike.
pub fn contains_ignoring_case(text: &str, part: &str) -> bool {
    text.char_indices()
        .map(|(at, _)| at)
        .chain(std::iter::once(text.len()))
        .any(|at| strip_prefix_ignoring_case(&text[at..], part).is_some())
}

/// Whether `text` holds `part` (trimmed) as `fold` folds them: upper and lower case, å, ä
/// and a, ö and o, a hyphen and a space alike. How the filters (`--ansvarig`, `--klinik`)
/// match a name.
pub fn contains_folded(text: &str, part: &str) -> bool {
    fold(text).contains(&fold(part.trim()))
}

/// `s` as `fold` folds it in lower-case ASCII letters and digits, anything else between them
/// one hyphen: `Hallands sjukhus` → `hallands-sjukhus`. For file names and identities.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.truncate(out.trim_end_matches('-').len());
    out
}

/// Whether `a` and `b` are the same text, upper and lower case alike.
pub fn eq_ignoring_case(a: &str, b: &str) -> bool {
    strip_prefix_ignoring_case(a, b).is_some_and(str::is_empty)
}

/// `1 ärende`, `3 ärenden`: the singular or the plural form after a count.
pub fn plural<'a>(count: usize, one: &'a str, many: &'a str) -> &'a str {
    if count == 1 { one } else { many }
}

/// A number of days: `1 dag`, `12 dagar`.
pub fn day_count(n: i64) -> String {
    format!("{n} {}", if n.abs() == 1 { "dag" } else { "dagar" })
}

/// The first letter in upper case, as at the start of a sentence; a file name first
/// (`ordnat.toml har …`) keeps its case, since a file is named as it is written.
pub fn capitalize(s: &str) -> String {
    let first = s.split_whitespace().next().unwrap_or("");
    let first = first.trim_end_matches([',', ':', ';']);
    let is_file_name = first.rsplit_once('.').is_some_and(|(name, ext)| {
        !name.is_empty() && ext.chars().all(|c| c.is_ascii_alphanumeric()) && !ext.is_empty()
    });
    if is_file_name {
        return s.to_string();
    }
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The first letter in lower case.
pub fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_lowercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// The genitive of a name, as Swedish writes it: `Läkemedelsrådets`, `PER:s` (an
/// abbreviation in capitals, or a name ending in a digit, takes a colon), and a name that ends
/// in s, x or z takes nothing more (`Läkemedelsrådet Västerås mötesdatum`).
pub fn genitive(name: &str) -> String {
    let Some(last) = name.chars().last() else {
        return String::new();
    };
    let last_word = name.rsplit(' ').next().unwrap_or(name);
    let abbreviation = last_word.chars().filter(|c| c.is_alphabetic()).count() > 1
        && last_word
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    if abbreviation || last.is_ascii_digit() {
        format!("{name}:s")
    } else if matches!(last.to_lowercase().next(), Some('s' | 'x' | 'z')) {
        name.to_string()
    } else {
        format!("{name}s")
    }
}

/// Why `s`, meant as a date, is none: not written ÅÅÅÅ-MM-DD (with the date it likely means,
/// when digits are missing), no such month, or no such day in that month. A message and a hint,
/// in Swedish; `None` when `s` is a date.
pub fn date_mistake(s: &str) -> Option<(String, String)> {
    if parse_date(s).is_some() {
        return None;
    }
    let parts: Vec<&str> = s.split('-').collect();
    let numbers: Option<Vec<u32>> = match parts[..] {
        [y, m, d]
            if y.len() == 4
                && (1..=2).contains(&m.len())
                && (1..=2).contains(&d.len())
                && [y, m, d]
                    .iter()
                    .all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            [y, m, d].iter().map(|p| p.parse().ok()).collect()
        }
        _ => None,
    };
    let Some(&[year, month, day]) = numbers.as_deref() else {
        return Some((
            format!("`{s}` är inget datum"),
            "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-09-24".into(),
        ));
    };
    if !(1..=12).contains(&month) {
        return Some((
            format!("`{s}` är inget datum: det finns ingen månad {month}"),
            "skriv datumet som ÅÅÅÅ-MM-DD, med månaden 01–12".into(),
        ));
    }
    let year_i32 = i32::try_from(year).unwrap_or(0);
    let days = (28..=31)
        .rev()
        .find(|d| NaiveDate::from_ymd_opt(year_i32, month, *d).is_some())
        .unwrap_or(28);
    if !(1..=days).contains(&day) {
        return Some((
            format!(
                "`{s}` är inget datum: {} {year} har {days} dagar",
                MONTHS[month as usize - 1]
            ),
            format!("skriv en dag som finns, 01–{days}"),
        ));
    }
    Some((
        format!("`{s}` är inte skrivet ÅÅÅÅ-MM-DD"),
        format!("skriv `{year:04}-{month:02}-{day:02}`: månad och dag med två siffror var"),
    ))
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// Folds a word for comparison: lower case, å/ä/ö written as a/a/o, `-` and space as `_`.
pub fn fold(s: &str) -> String {
    s.to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            'é' => 'e',
            '-' | ' ' => '_',
            c => c,
        })
        .collect()
}

/// The known word closest to `word`, if it is close enough to be a likely typo. Ties go to the
/// word that sorts first, so that the answer never depends on the order of `known`.
pub fn closest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let folded = fold(word);
    let mut best: Option<(usize, &'a str)> = None;
    for k in known {
        let d = levenshtein(&folded, &fold(k));
        if best.is_none_or(|(bd, bk)| d < bd || (d == bd && *k < bk)) {
            best = Some((d, k));
        }
    }
    let limit = (folded.chars().count() / 3).max(2);
    best.filter(|(d, _)| *d <= limit).map(|(_, k)| k)
}

/// `closest`, when no other known word is as close: the one did-you-mean a fix may write
/// (`fix::Fix`). `None` when two are equally close, or none is close enough.
pub fn closest_only<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    let best = closest(word, known)?;
    let folded = fold(word);
    let distance = levenshtein(&folded, &fold(best));
    let ties = known
        .iter()
        .filter(|k| **k != best && levenshtein(&folded, &fold(k)) <= distance)
        .count();
    (ties == 0).then_some(best)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Wraps text at `width` characters, keeping paragraphs (blank lines) apart.
pub fn wrap(s: &str, width: usize) -> String {
    s.split("\n\n")
        .map(|paragraph| {
            let mut out = String::new();
            let mut line_len = 0;
            for word in paragraph.split_whitespace() {
                let len = word.chars().count();
                if line_len > 0 && line_len + 1 + len > width {
                    out.push('\n');
                    line_len = 0;
                } else if line_len > 0 {
                    out.push(' ');
                    line_len += 1;
                }
                out.push_str(word);
                line_len += len;
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Whole sentences of `s` up to about `max` characters: never cut inside a sentence, and a
/// full stop inside an abbreviation (`t.ex.`, `bl.a.`) does not end one.
pub fn first_sentences(s: &str, max: usize) -> &str {
    let mut end = 0;
    let bytes = s.as_bytes();
    for (i, _) in s.match_indices(". ") {
        // An abbreviation: a single letter before the full stop (`t.ex. `, `bl.a. `).
        let before = &s[..i];
        let word = before.rsplit([' ', '(']).next().unwrap_or(before);
        if word.len() <= 5 && word.contains('.') {
            continue;
        }
        if bytes.get(i + 2).is_some_and(|b| b.is_ascii_lowercase()) {
            continue;
        }
        end = i + 1;
        if s[..end].chars().count() >= max {
            break;
        }
    }
    if end == 0 { s } else { &s[..end] }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_line_break_is_the_one_its_line_ends_with() {
        let text = "a: 1\r\nspår: å x\nz";
        assert_eq!(line_break(text, 0), "\r\n");
        assert_eq!(line_break(text, 7), "\n");
        assert_eq!(line_break("a\r\nb", 3), "\r\n");
        assert_eq!(line_break("ab", 1), "\n");
    }
    use super::*;

    #[test]
    fn dates_are_read_as_chrono_reads_them_in_the_strict_shape() {
        let samples = [
            "2026-11-22",
            "2024-02-29",
            "2023-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-04-31",
            "0000-01-01",
            "9999-12-31",
            "2026-1-01",
            "2026-01-1x",
            " 2026-01-01",
            "2026/01/01",
            "",
            "2026-01-011",
        ];
        for s in samples {
            let chrono = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            let strict_shape = s.len() == 10 && !s.contains(' ');
            assert_eq!(parse_date(s), chrono.filter(|_| strict_shape), "{s:?}");
        }
    }

    #[test]
    fn case_is_ignored_as_to_lowercase_would() {
        assert_eq!(
            strip_prefix_ignoring_case(
                "Hälso- och Sjukvårdsdirektör, Karin",
                "hälso- och sjukvårdsdirektör"
            ),
            Some(", Karin")
        );
        assert_eq!(strip_prefix_ignoring_case("HÄLSO", "hälso"), Some(""));
        assert_eq!(strip_prefix_ignoring_case("häl", "hälso"), None);
        assert_eq!(strip_prefix_ignoring_case("halso", "hälso"), None);
        assert_eq!(strip_prefix_ignoring_case("abc", ""), Some("abc"));
        assert_eq!(strip_prefix_ignoring_case("ÅSA och", "åsa"), Some(" och"));
        assert_eq!(strip_prefix_ignoring_case("åsa", "ÅSA och"), None);
        assert_eq!(strip_prefix_ignoring_case("Ab", "aB"), Some(""));
        assert!(eq_ignoring_case("Hallands Sjukhus", "hallands sjukhus"));
        assert!(contains_ignoring_case("Exempla (EXEMPELMAB)", "exempelmab"));
        assert!(contains_ignoring_case("Lymfocel", ""));
        assert!(contains_ignoring_case("Åsa", "sa"));
        assert!(!contains_ignoring_case("Exempla", "exempelmab"));
        assert!(!eq_ignoring_case("Hallands sjukhus x", "hallands sjukhus"));
        assert!(!eq_ignoring_case("Hallands", "hallands sjukhus"));
    }

    #[test]
    fn a_file_name_first_keeps_its_case() {
        assert_eq!(
            capitalize("ordnat.toml har inget möte före detta"),
            "ordnat.toml har inget möte före detta"
        );
        assert_eq!(capitalize("cases/a.yaml: trasig"), "cases/a.yaml: trasig");
        assert_eq!(capitalize("t.ex. detta"), "T.ex. detta");
        assert_eq!(
            capitalize("beslut om ordnat införande"),
            "Beslut om ordnat införande"
        );
        assert_eq!(capitalize("åtgärd."), "Åtgärd.");
    }

    #[test]
    fn a_genitive_follows_the_name() {
        assert_eq!(genitive("Läkemedelsrådet"), "Läkemedelsrådets");
        assert_eq!(genitive("Läkemedelskommittén"), "Läkemedelskommitténs");
        assert_eq!(genitive("PER"), "PER:s");
        assert_eq!(genitive("LSG Läkemedel"), "LSG Läkemedels");
        assert_eq!(genitive("NT-rådet"), "NT-rådets");
        assert_eq!(
            genitive("Kunskapsstyrningsrådet Västerås"),
            "Kunskapsstyrningsrådet Västerås"
        );
        assert_eq!(genitive("Rådet 2"), "Rådet 2:s");
        assert_eq!(genitive(""), "");
    }

    #[test]
    fn a_date_that_is_none_is_told_why() {
        let why = |s| date_mistake(s).map(|(m, h)| format!("{m} | {h}"));
        assert_eq!(why("2026-02-28"), None);
        assert_eq!(
            why("2026-02-30").as_deref(),
            Some(
                "`2026-02-30` är inget datum: februari 2026 har 28 dagar | skriv en dag som finns, 01–28"
            )
        );
        assert!(why("2024-02-30").is_some_and(|w| w.contains("februari 2024 har 29 dagar")));
        assert!(why("2026-04-31").is_some_and(|w| w.contains("april 2026 har 30 dagar")));
        assert!(why("2026-13-01").is_some_and(|w| w.contains("ingen månad 13")));
        assert!(why("2026-00-01").is_some_and(|w| w.contains("ingen månad 0")));
        assert!(why("2026-9-1").is_some_and(|w| w.contains("skriv `2026-09-01`")));
        assert!(why("24 september").is_some_and(|w| w.contains("ÅÅÅÅ-MM-DD, t.ex.")));
        assert!(why("2026-09-24T10:00").is_some_and(|w| w.contains("är inget datum")));
        assert!(why("").is_some());
    }

    #[test]
    fn money_is_printed_swedish_style() {
        assert_eq!(kronor(1_250_000), "1 250 000 kr");
        assert_eq!(kronor(100_000), "100 000 kr");
        assert_eq!(kronor(950), "950 kr");
    }

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-2-3").is_none());
        assert!(parse_date("26-02-03").is_none());
    }

    #[test]
    fn closest_catches_missing_diacritics_and_typos() {
        let known = ["spår", "förskrivning", "indikation", "företag"];
        assert_eq!(closest("spar", &known), Some("spår"));
        assert_eq!(closest("forskrivning", &known), Some("förskrivning"));
        assert_eq!(closest("indikaton", &known), Some("indikation"));
        assert_eq!(closest("helt_annat", &known), None);
    }

    #[test]
    fn closest_breaks_ties_by_order_not_by_input_order() {
        let a = ["2026-013", "2026-011", "2026-015"];
        let b = ["2026-015", "2026-011", "2026-013"];
        assert_eq!(closest("2026-012", &a), Some("2026-011"));
        assert_eq!(closest("2026-012", &b), Some("2026-011"));
    }

    #[test]
    fn closest_only_is_the_one_word_meant_or_none() {
        // Two as close: a hint may name the first, a fix may write neither.
        assert_eq!(closest_only("2026-012", &["2026-013", "2026-011"]), None);
        assert_eq!(closest_only("spar", &["spår", "typ", "id"]), Some("spår"));
        assert_eq!(
            closest_only("bör-anvandas", &["bör-användas", "kan-användas", "avstå"]),
            Some("bör-användas")
        );
        assert_eq!(closest_only("helt_annat", &["spår", "typ"]), None);
    }

    #[test]
    fn sentences_are_kept_whole() {
        let doc = "Ärendets id, unikt i repot, t.ex. `2026-014`. Filnamnet börjar med id:t.";
        assert_eq!(
            first_sentences(doc, 10),
            "Ärendets id, unikt i repot, t.ex. `2026-014`."
        );
        assert_eq!(
            first_sentences("En mening utan punkt", 10),
            "En mening utan punkt"
        );
    }

    #[test]
    fn wrapping_keeps_paragraphs() {
        assert_eq!(wrap("a b c\n\nd", 3), "a b\nc\n\nd");
    }
}
