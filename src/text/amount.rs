//! Reads a number as people write it by hand in a Swedish case file (`12,5`, `1 500 000 kr`,
//! `2,4 mkr`, `480 tkr`, `1.500.000`), exactly, so that a hint can say which whole number to
//! write without ever changing the number: a decimal comma is a decimal sign, spaces (also
//! no-break and thin spaces) and repeated dots or commas group thousands, `tkr` and `mkr` are
//! thousands and millions of kronor. What cannot be read without guessing (`1.500`: one and a
//! half, or fifteen hundred?) is said to be ambiguous; what is no plain amount (`12,5 %`,
//! `2027/28`) is not read at all.

/// A number read from what someone wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Amount {
    /// A whole number, exactly as written (`1 500 000,00 kr` is 1 500 000).
    Whole(i128),
    /// A number with decimals: the whole numbers just below and just above it (`12,5` lies
    /// between 12 and 13, `-0,5` between -1 and 0).
    Between(i128, i128),
    /// A single `.` or `,` before exactly three digits (`1.500`, `1,500`): a decimal sign to
    /// some writers and a thousands separator to others.
    Ambiguous,
}

/// Units after a number, lower case, and what they multiply it by.
const UNITS: &[(&str, i128)] = &[
    ("", 1),
    ("kr", 1),
    ("kr.", 1),
    ("kronor", 1),
    ("sek", 1),
    (":-", 1),
    ("st", 1),
    ("st.", 1),
    ("styck", 1),
    ("pat", 1),
    ("pat.", 1),
    ("patienter", 1),
    ("tkr", 1_000),
    ("tsek", 1_000),
    ("tusen", 1_000),
    ("tusen kr", 1_000),
    ("tusen kronor", 1_000),
    ("mkr", 1_000_000),
    ("mnkr", 1_000_000),
    ("msek", 1_000_000),
    ("milj", 1_000_000),
    ("milj.", 1_000_000),
    ("milj kr", 1_000_000),
    ("milj. kr", 1_000_000),
    ("miljon", 1_000_000),
    ("miljoner", 1_000_000),
    ("miljoner kr", 1_000_000),
    ("miljoner kronor", 1_000_000),
];

/// Words before a number that do not change it: an estimate is still the number.
const APPROXIMATELY: &[&str] = &["ca.", "ca", "cirka", "~"];

/// What follows a unit and does not change the number: every numeric field of a case that
/// has a period counts per year.
const PER_YEAR: &[&str] = &["/år", "per år", "om året"];

/// The spaces people (and word processors) put between groups of thousands.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}')
}

/// Reads `written` as a number written by hand; `None` when it is not one (letters, a
/// percentage, a unit that is not a sum of kronor or a count, a number too large).
pub fn read_amount(written: &str) -> Option<Amount> {
    let mut s = written.trim_matches(|c: char| c.is_whitespace() || is_space(c));
    for word in APPROXIMATELY {
        if let Some(rest) = crate::text::strip_prefix_ignoring_case(s, word) {
            s = rest.trim_start_matches(|c: char| c.is_whitespace() || is_space(c));
            break;
        }
    }
    let (negative, s) = match s.chars().next()? {
        '-' | '\u{2212}' => (true, &s[s.chars().next()?.len_utf8()..]),
        '+' => (false, &s[1..]),
        _ => (false, s),
    };
    let end = s
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '.' | ',') || is_space(*c)))
        .map_or(s.len(), |(at, _)| at);
    let (number, unit) = s.split_at(end);
    let factor = unit_factor(unit)?;
    let digits = without_spaces(number.trim_end_matches(is_space))?;
    let (units, scale) = match decimal(&digits)? {
        Reading::Number(units, scale) => (units, scale),
        Reading::Ambiguous => return Some(Amount::Ambiguous),
    };
    let value = units.checked_mul(factor)?;
    let one = 10i128.checked_pow(scale)?;
    let (whole, rest) = (value / one, value % one);
    let whole = if negative { -whole } else { whole };
    Some(match (rest, negative) {
        (0, _) => Amount::Whole(whole),
        (_, false) => Amount::Between(whole, whole + 1),
        (_, true) => Amount::Between(whole - 1, whole),
    })
}

/// What a unit multiplies by; `None` for a unit that is not one of `UNITS`.
fn unit_factor(unit: &str) -> Option<i128> {
    let mut unit = unit.trim().to_lowercase();
    for per_year in PER_YEAR {
        if let Some(rest) = unit.strip_suffix(per_year) {
            unit = rest.trim_end().to_string();
            break;
        }
    }
    let unit = unit.split(is_space).collect::<Vec<_>>().join(" ");
    UNITS
        .iter()
        .find(|(name, _)| *name == unit)
        .map(|(_, factor)| *factor)
}

/// The number without its thousands spaces, when the spaces group thousands: every group
/// after the first has three digits (the last may go on with decimals: `000,50`), and no
/// group but the last has a `.` or `,`. `12 5` is no number.
fn without_spaces(number: &str) -> Option<String> {
    let groups: Vec<&str> = number.split(is_space).filter(|g| !g.is_empty()).collect();
    let (last, before) = groups.split_last()?;
    if !before.is_empty() {
        let plain = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
        let first_ok = before
            .first()
            .is_some_and(|g| plain(g) && (1..=3).contains(&g.len()));
        let middle_ok = before.iter().skip(1).all(|g| plain(g) && g.len() == 3);
        let last_digits = last.bytes().take_while(u8::is_ascii_digit).count();
        let last_ok =
            last_digits == 3 && matches!(last.as_bytes().get(3), None | Some(b',' | b'.'));
        if !(first_ok && middle_ok && last_ok) {
            return None;
        }
    }
    Some(groups.concat())
}

/// A number of digits, dots and commas, read.
enum Reading {
    /// `units` / 10^`scale`.
    Number(i128, u32),
    Ambiguous,
}

/// Reads digits with dots and commas: when both occur, the last one written is the decimal
/// sign and the other groups thousands; one of them written more than once groups thousands;
/// written once, it is a decimal sign, unless three digits follow a short whole part
/// (`1.500`, `12,500`), which is ambiguous.
fn decimal(s: &str) -> Option<Reading> {
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let (thousands, decimal_sign) = match (dots, commas) {
        (0, 0) => (None, None),
        (_, 0) if dots > 1 => (Some('.'), None),
        (0, _) if commas > 1 => (Some(','), None),
        (1, 0) | (0, 1) => {
            let sign = if dots == 1 { '.' } else { ',' };
            let (whole, fraction) = s.split_once(sign)?;
            if fraction.len() == 3 && (1..=3).contains(&whole.len()) && whole != "0" {
                return Some(Reading::Ambiguous);
            }
            (None, Some(sign))
        }
        _ => {
            let last = s.rfind(['.', ','])?;
            let sign = if s[last..].starts_with('.') { '.' } else { ',' };
            let other = if sign == '.' { ',' } else { '.' };
            (Some(other), Some(sign))
        }
    };
    let (whole, fraction) = match decimal_sign {
        Some(sign) => {
            let (whole, fraction) = s.rsplit_once(sign)?;
            (whole, fraction)
        }
        None => (s, ""),
    };
    let whole = match thousands {
        Some(mark) => {
            let groups: Vec<&str> = whole.split(mark).collect();
            let (first, rest) = groups.split_first()?;
            if !(1..=3).contains(&first.len()) || rest.iter().any(|g| g.len() != 3) {
                return None;
            }
            groups.concat()
        }
        None => whole.to_string(),
    };
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(&whole) || !all_digits(fraction) {
        return None;
    }
    if decimal_sign.is_some() && fraction.is_empty() {
        return None;
    }
    let scale = u32::try_from(fraction.len()).ok()?;
    let units = format!("{whole}{fraction}").parse::<i128>().ok()?;
    Some(Reading::Number(units, scale))
}

#[cfg(test)]
mod tests {
    use super::Amount::{Ambiguous, Between, Whole};
    use super::*;

    #[test]
    fn the_examples_of_issue_26_keep_their_number() {
        assert_eq!(read_amount("12,5"), Some(Between(12, 13)));
        assert_eq!(
            read_amount("2400000,50"),
            Some(Between(2_400_000, 2_400_001))
        );
        assert_eq!(read_amount("2,4 mkr"), Some(Whole(2_400_000)));
        assert_eq!(read_amount("1 500 000,00 kr"), Some(Whole(1_500_000)));
        assert_eq!(read_amount("480 tkr"), Some(Whole(480_000)));
    }

    #[test]
    fn units_multiply_and_plain_units_do_not() {
        for (written, read) in [
            ("2,4 Mkr", Whole(2_400_000)),
            ("2,4MKR", Whole(2_400_000)),
            ("2.4 mkr", Whole(2_400_000)),
            ("1,25 milj. kr", Whole(1_250_000)),
            ("3 miljoner kronor", Whole(3_000_000)),
            ("0,5 tkr", Whole(500)),
            ("2,4567 tkr", Between(2456, 2457)),
            ("480 000 kr", Whole(480_000)),
            ("480 000 kr/år", Whole(480_000)),
            ("480 000 kr per år", Whole(480_000)),
            ("480 000 SEK", Whole(480_000)),
            ("1 500:-", Whole(1_500)),
            ("25 patienter", Whole(25)),
            ("25 st", Whole(25)),
            ("ca 25", Whole(25)),
            ("Cirka 2 mkr", Whole(2_000_000)),
            ("~ 40", Whole(40)),
        ] {
            assert_eq!(read_amount(written), Some(read), "{written}");
        }
    }

    #[test]
    fn thousands_are_grouped_by_spaces_dots_or_commas() {
        for (written, read) in [
            ("1 500 000", Whole(1_500_000)),
            ("1\u{a0}500\u{a0}000", Whole(1_500_000)),
            ("1\u{2009}500\u{2009}000 kr", Whole(1_500_000)),
            ("1\u{202f}500", Whole(1_500)),
            ("1.500.000", Whole(1_500_000)),
            ("1,500,000", Whole(1_500_000)),
            ("1.500.000,00", Whole(1_500_000)),
            ("1.500.000,50", Between(1_500_000, 1_500_001)),
            ("1,500,000.50", Between(1_500_000, 1_500_001)),
            ("  12 ", Whole(12)),
        ] {
            assert_eq!(read_amount(written), Some(read), "{written}");
        }
        // Groups that are not thousands are no number: the hint would change it.
        for written in ["12 5", "1 50 000", "1.50.000", "1 500.000.000", "1,5 000"] {
            assert_eq!(read_amount(written), None, "{written}");
        }
    }

    #[test]
    fn decimals_give_the_whole_numbers_around_them() {
        for (written, read) in [
            ("12.5", Between(12, 13)),
            ("0,5", Between(0, 1)),
            ("0.500", Between(0, 1)),
            ("12,0", Whole(12)),
            ("2400000.50", Between(2_400_000, 2_400_001)),
            ("-12,5", Between(-13, -12)),
            ("\u{2212}0,5", Between(-1, 0)),
            ("-3", Whole(-3)),
            ("+7", Whole(7)),
            ("1234,500", Between(1234, 1235)),
        ] {
            assert_eq!(read_amount(written), Some(read), "{written}");
        }
    }

    #[test]
    fn a_short_number_with_three_decimals_is_ambiguous() {
        for written in ["1.500", "1,500", "12,500 kr", "480,000", "-1.500"] {
            assert_eq!(read_amount(written), Some(Ambiguous), "{written}");
        }
    }

    #[test]
    fn what_is_no_amount_is_not_read() {
        for written in [
            "",
            "kr",
            "12,5 %",
            "12,5%",
            "2027/28",
            "tolv",
            "12 patienter i år",
            "1e3",
            "0x10",
            ",5",
            "5,",
            "12..5",
            "1 2",
            "99999999999999999999999999999999999999999",
            "9999999999999999999999999999999999 mkr",
        ] {
            assert_eq!(read_amount(written), None, "{written}");
        }
    }
}
