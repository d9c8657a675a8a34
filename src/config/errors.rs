//! What a bad `ordnat.toml` is told, in Swedish. toml's parser and serde speak English
//! ("invalid unquoted key", "invalid type: string \"100 000\", expected u64", "unknown field");
//! each of their messages becomes a Swedish message at the same place with a hint that shows
//! what to write, and did-you-mean for unknown keys and tables. The keys offered are serde's
//! own lists (the derive's field names, aliases included), so they never drift from `Config`.
//!
//! ordnat's own checks inside deserialization (a rule level, a date) travel through toml's
//! error as text made by `own`, already Swedish.

use crate::text::{closest, date_mistake, fold};
use serde::de::{Deserialize, Deserializer, Visitor};
use std::ops::Range;

/// Marks a message that ordnat wrote itself: `OWN`, the message, a newline, the hint.
const OWN: &str = "\u{1}ordnat\u{1}";

/// A message of ordnat's own with its hint, to return through toml's error.
pub(super) fn own(message: impl std::fmt::Display, hint: impl std::fmt::Display) -> String {
    format!("{OWN}{message}\n{hint}")
}

/// A toml error, explained: where (a byte offset into the text), what, and what to write.
#[derive(Debug)]
pub(super) struct Explained {
    pub at: usize,
    pub message: String,
    pub hint: String,
}

/// Turns toml's `message` at `span` of `text` into Swedish.
pub(super) fn explain(text: &str, message: &str, span: Option<Range<usize>>) -> Explained {
    let at = span.map_or(0, |s| s.start.min(text.len()));
    let (message, hint) = match message.strip_prefix(OWN) {
        Some(own) => match own.split_once('\n') {
            Some((m, h)) => (m.to_string(), h.to_string()),
            None => (own.to_string(), general_hint()),
        },
        None => translate(text, message, at),
    };
    Explained { at, message, hint }
}

fn general_hint() -> String {
    "TOML skriver `nyckel = värde` på var sin rad, text inom citattecken; avsnittet \
     \"ordnat.toml\" i README visar en hel fil"
        .into()
}

/// toml's and serde's English, by what it says: its first part (toml's description, serde's
/// kind of error) and what was expected.
fn translate(text: &str, message: &str, at: usize) -> (String, String) {
    let (what, expected) = message.rsplit_once(", expected ").unwrap_or((message, ""));
    if let Some(rest) = what.strip_prefix("unknown field ") {
        return unknown_key(text, at, rest, expected);
    }
    if let Some(unexpected) = what
        .strip_prefix("invalid type: ")
        .or_else(|| what.strip_prefix("invalid value: "))
    {
        return wrong_type(text, at, unexpected, expected);
    }
    let token = token_at(text, at);
    match what {
        "invalid unquoted key" => unquoted_key(text, at),
        "key with no value" => key_without_value(text, at),
        "string values must be quoted" | "invalid boolean" | "invalid value" => {
            bare_value(text, at, token)
        }
        "extra comma in array" => (
            "ett kommatecken för mycket i listan".into(),
            "ta bort det: värdena i en lista skiljs åt av ett kommatecken var, t.ex. \
             `[\"A\", \"B\"]`"
                .into(),
        ),
        "missing comma between array elements" => (
            "kommatecken saknas mellan två värden i listan".into(),
            format!(
                "skriv ett kommatecken före `{token}`, eller `]` före det om listan ska sluta där"
            ),
        ),
        "missing opening quote" => (
            "texten saknar sitt inledande citattecken".into(),
            format!("skriv `\"{}\"`", token.trim_matches(['"', '\''])),
        ),
        "missing table open" | "missing array opening" | "missing inline table opening" => (
            format!("`{}` utan sin början", token.chars().next().unwrap_or(']')),
            "en lista skrivs `[…]`, en tabellrubrik `[namn]` och en tabell på en rad `{…}`: \
             skriv det som saknas, eller ta bort tecknet"
                .into(),
        ),
        "unclosed array" => (
            "listan slutar inte med `]`".into(),
            "avsluta listan med `]` efter det sista värdet; en lista får gå över flera rader"
                .into(),
        ),
        "unclosed table" | "unclosed array table" => (
            "tabellens rubrik slutar inte med `]`".into(),
            "skriv rubriken hel på en egen rad, t.ex. `[beslutsfattare]`".into(),
        ),
        "duplicate key" => (
            format!(
                "{} står redan tidigare i filen",
                as_written(key_at(text, at), is_table(text, at))
            ),
            "en nyckel får stå en gång i sin tabell, och en tabell en gång i filen: ta bort \
             den ena, eller samla nycklarna under en rubrik"
                .into(),
        ),
        "invalid date" | "invalid date-time" | "invalid time" if token.contains(' ') => (
            "kommatecken saknas mellan två värden i listan".into(),
            format!(
                "skriv ett kommatecken efter `{}`",
                token.split(' ').next().unwrap_or(token)
            ),
        ),
        "invalid date" | "invalid date-time" | "invalid time" => match date_mistake(token) {
            Some(mistake) => mistake,
            None => (
                format!("`{token}` är inget datum"),
                "skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-09-24".into(),
            ),
        },
        "unexpected key or value" if decimal_comma(text, at) => (
            "ett kommatecken i ett tal".into(),
            "TOML skriver decimaltal med punkt, `12.5`, och tal utan tusentalsavgränsare, \
             `100000`"
                .into(),
        ),
        "unexpected key or value" | "unexpected content" => (
            "mer än ett värde på raden".into(),
            "en rad har en nyckel och ett värde; flera värden skrivs som en lista, \
             `[\"A\", \"B\"]`, och en kommentar efter `#`"
                .into(),
        ),
        "missing value for key" | "missing value" => (
            "värdet saknas".into(),
            "skriv värdet efter `=` på samma rad, t.ex. `region = \"Region Halland\"`".into(),
        ),
        "extra `=`" | "extra assignment between key-value pairs" | "unexpected `=` in array" => (
            "ett `=` för mycket".into(),
            "en nyckel har ett `=` och ett värde; i en lista skiljs värdena åt med kommatecken"
                .into(),
        ),
        "unclosed inline table" => (
            "tabellen inom `{` slutar inte med `}` på samma rad".into(),
            "avsluta den med `}`, eller skriv tabellen som en rubrik `[namn]` med nycklarna \
             på raderna under"
                .into(),
        ),
        "missing comma between key-value pairs"
        | "extra comma in inline table"
        | "missing key for inline table element"
        | "invalid inline table element" => (
            "tabellen inom `{ }` är felskriven".into(),
            "skriv `{ nyckel = värde, nyckel = värde }` med ett kommatecken mellan paren och \
             inget efter det sista"
                .into(),
        ),
        "integer number overflowed" => too_large(u64::MAX),
        _ if what.starts_with("invalid ") && what.ends_with("string")
            || what == "missing escaped value"
            || what == "too few unicode value digits" =>
        {
            (
                "texten inom citattecken kan inte läsas".into(),
                "avsluta texten med `\"` på samma rad; ett `\\` i texten skrivs `\\\\`, eller \
                 så skrivs texten inom enkla citattecken, `'…'`"
                    .into(),
            )
        }
        _ if what.starts_with("invalid ") && what.ends_with("number")
            || what.starts_with("invalid float")
            || matches!(
                what,
                "unexpected leading zero"
                    | "`_` may only go between digits"
                    | "redundant numeric sign"
                    | "unexpected sign"
            ) =>
        {
            bare_value(text, at, token)
        }
        _ if what.starts_with("cannot extend value of type") => (
            "nyckeln med punkt bygger ut ett värde som redan är satt".into(),
            "TOML läser `a.b = …` som nyckeln `b` i tabellen `a`; skriv nycklar med å, ä och ö \
             inom citattecken i stället för med punkter"
                .into(),
        ),
        _ => ("ordnat.toml kan inte läsas här".into(), general_hint()),
    }
}

/// `förvaltningar = …` or `[kommitté]` without quotes: TOML takes only a–z, 0–9, `-` and `_`
/// in a bare key.
fn unquoted_key(text: &str, at: usize) -> (String, String) {
    let key = key_at(text, at);
    let table = is_table(text, at);
    let what = if table { "tabellnamnet" } else { "nyckeln" };
    let message = format!(
        "{what} `{key}` måste stå inom citattecken: utan citattecken tar TOML bara a–z, 0–9, \
         `-` och `_` i ett namn"
    );
    let known = all_keys();
    let hint = if known.contains(&key) {
        format!("skriv {}", spellings(key, &known, table))
    } else if let Some(k) = closest(key, &known) {
        format!("menade du {}?", spellings(k, &known, table))
    } else {
        format!("skriv {}", as_written(key, table))
    };
    (message, hint)
}

/// `region: …` (YAML's colon) or a key alone on its line.
fn key_without_value(text: &str, at: usize) -> (String, String) {
    let line = line_at(text, at).trim();
    if let Some((key, value)) = line.split_once(':') {
        let key = key.trim();
        return (
            format!("`{key}:` är skrivet som i YAML; TOML skriver `=` mellan nyckel och värde"),
            format!("skriv `{key} = {}`", value.trim()),
        );
    }
    if let Some(name) = line.strip_suffix(']').filter(|l| !l.starts_with('[')) {
        return (
            "tabellens rubrik saknar `[`".into(),
            format!("skriv `[{}]`", name.trim()),
        );
    }
    let key = line.split_whitespace().next().unwrap_or(line);
    (
        format!("nyckeln `{key}` har inget `=` och inget värde"),
        format!("skriv `{key} = värde` på en rad, t.ex. `region = \"Region Halland\"`"),
    )
}

/// A value TOML cannot read as written: a number with spaces, a yes or no, or a text without
/// quotes.
fn bare_value(text: &str, at: usize, token: &str) -> (String, String) {
    if token.is_empty() {
        let key = line_at(text, at)
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        return (
            format!("`{key}` har inget värde"),
            format!("skriv värdet efter `=` på samma rad, t.ex. `{key} = \"…\"`"),
        );
    }
    if let Some(number) = whole_number(token) {
        return (
            format!("`{token}` är inget tal som TOML kan läsa"),
            format!(
                "skriv `{number}`: ett tal i TOML har inga mellanslag, citattecken eller \
                 enheter (men gärna understreck: `100_000`)"
            ),
        );
    }
    if let Some(truth) = truth(token) {
        return (
            format!("`{token}` är inget sanningsvärde i TOML"),
            format!(
                "skriv `{truth}`: TOML skriver `true` (ja) och `false` (nej), med små bokstäver"
            ),
        );
    }
    if token.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '+') {
        return (
            format!("`{token}` är inget tal som TOML kan läsa"),
            "skriv ett heltal med bara siffror, t.ex. `100000`, eller ett datum som ÅÅÅÅ-MM-DD"
                .into(),
        );
    }
    let unquoted = token.trim_matches(['"', '\'']);
    (
        format!("texten `{token}` står utan citattecken"),
        format!("skriv `\"{unquoted}\"`: text står inom citattecken i TOML"),
    )
}

/// An unknown key or table: did-you-mean among the keys the table takes (serde lists them,
/// as `` `a`, `b` ``, after "expected").
fn unknown_key(text: &str, at: usize, rest: &str, expected: &str) -> (String, String) {
    let key = rest.split('`').nth(1).unwrap_or(rest);
    let table = is_table(text, at);
    let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let message = if table {
        format!("okänd tabell {}", as_written(key, true))
    } else {
        format!("okänd nyckel `{key}`")
    };
    let hint = match closest(key, &known) {
        Some(k) => format!("menade du {}?", spellings(k, &known, table)),
        None if known.is_empty() => "här tar ordnat.toml inga nycklar".into(),
        None => {
            let listed: Vec<String> = primary(&known)
                .into_iter()
                .map(|k| as_written(k, false))
                .collect();
            format!("nycklarna här är {}", listed.join(", "))
        }
    };
    (message, hint)
}

/// A value of the wrong kind: serde's "invalid type: string \"100 000\", expected u64".
fn wrong_type(text: &str, at: usize, unexpected: &str, expected: &str) -> (String, String) {
    let token = token_at(text, at);
    let got = unexpected_sv(unexpected, token);
    let quoted = unexpected
        .strip_prefix("string \"")
        .and_then(|s| s.strip_suffix('"'));
    let (wanted, hint) = match expected {
        // Amounts (`u64`) and numbers of days (`u32`).
        "u64" | "u32" => {
            let max = if expected == "u32" {
                u64::from(u32::MAX)
            } else {
                u64::MAX
            };
            let hint = if unexpected.ends_with("as i128") || unexpected.ends_with("as u128") {
                return too_large(max);
            } else if unexpected.starts_with("integer `-") {
                "skriv ett tal som är 0 eller större".to_string()
            } else if let Some(n) = whole_number(token) {
                if n.parse::<u64>().is_ok_and(|n| n <= max) {
                    format!("skriv `{n}`, utan citattecken och mellanslag")
                } else {
                    return too_large(max);
                }
            } else if unexpected.starts_with("integer `") {
                // A whole number too large for the field (serde's "invalid value").
                return too_large(max);
            } else if let Some(f) = unexpected.strip_prefix("floating point `") {
                match f.trim_end_matches('`').parse::<f64>() {
                    Ok(f) if f >= 0.0 && f < max as f64 => format!(
                        "här går bara heltal: skriv `{}` eller `{}`",
                        f.floor(),
                        f.floor() + 1.0
                    ),
                    _ => "här går bara heltal, 0 eller större".to_string(),
                }
            } else {
                let example = if expected == "u32" { 14 } else { 100000 };
                format!("skriv ett heltal med bara siffror, t.ex. `{example}`")
            };
            ("ett heltal", hint)
        }
        "a boolean" => {
            let hint = match quoted.and_then(truth) {
                Some(t) => format!("skriv `{t}`, utan citattecken"),
                None => "skriv `true` (ja) eller `false` (nej), utan citattecken".into(),
            };
            ("`true` eller `false`", hint)
        }
        "a string" => {
            let hint = if unexpected == "sequence" {
                "skriv en enda text inom citattecken, inte en lista".to_string()
            } else {
                format!("skriv `\"{}\"`", token.trim_matches(['"', '\'']))
            };
            ("en text inom citattecken", hint)
        }
        "a sequence" => {
            let inner = match quoted {
                Some(q) => format!("\"{q}\""),
                None => token.to_string(),
            };
            (
                "en lista",
                format!("skriv värdena inom hakparenteser, t.ex. `[{inner}]`"),
            )
        }
        e if e.starts_with("struct ") || e == "a map" => {
            let key = line_at(text, at).split('=').next().unwrap_or("").trim();
            (
                "en tabell",
                format!("skriv `[{key}]` på en egen rad och tabellens nycklar på raderna under"),
            )
        }
        _ => ("ett annat slags värde", general_hint()),
    };
    (format!("väntade {wanted}, men här står {got}"), hint)
}

/// A number larger than the field takes (`max`, the largest it does).
fn too_large(max: u64) -> (String, String) {
    (
        "talet är för stort".into(),
        format!("det största tal som går här är {max}"),
    )
}

/// serde's words for what it found (`string "x"`, ``integer `5` ``, `sequence`, `map` …), in
/// Swedish. A TOML date reaches serde as a map: the token shows which.
fn unexpected_sv(unexpected: &str, token: &str) -> String {
    let quoted = |s: &str| s.split('`').nth(1).unwrap_or(s).to_string();
    if let Some(s) = unexpected.strip_prefix("string ") {
        format!("texten {s}")
    } else if unexpected.starts_with("integer ") {
        format!("talet {}", quoted(unexpected))
    } else if unexpected.starts_with("floating point ") {
        format!("decimaltalet {}", quoted(unexpected))
    } else if unexpected.starts_with("boolean ") {
        format!("`{}`", quoted(unexpected))
    } else if unexpected == "sequence" {
        "en lista".into()
    } else if unexpected == "map" && token.starts_with(|c: char| c.is_ascii_digit()) {
        format!("datumet {token}")
    } else if unexpected == "map" {
        "en tabell".into()
    } else {
        "ett annat slags värde".into()
    }
}

/// `100 000`, `"100 000"`, `100 000 kr`: the whole number meant, when there is one and it is
/// not written as TOML writes it.
fn whole_number(token: &str) -> Option<String> {
    let quoted = token.starts_with(['"', '\'']);
    let t = token.trim_matches(['"', '\'']).trim();
    let t = t.strip_suffix("kr").unwrap_or(t).trim_end();
    let digits: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '\u{a0}'))
        .collect();
    let is_number = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    (is_number && (quoted || digits != token)).then_some(digits)
}

/// `ja`, `True`, `"false"` …: the TOML truth value meant.
fn truth(token: &str) -> Option<&'static str> {
    match token.trim_matches(['"', '\'']).to_lowercase().as_str() {
        "true" | "ja" | "sant" | "yes" => Some("true"),
        "false" | "nej" | "falskt" | "no" => Some("false"),
        _ => None,
    }
}

/// The value written at `at`: up to the end of its line, a comment, or the next `,`, `]` or
/// `}`.
/// A quoted value is taken whole, to its closing quote on the line.
fn token_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    if let Some(quote) = line.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let end = line[1..].find(quote).map_or(line.len(), |i| i + 2);
        return line[..end].trim_end();
    }
    let end = line.find(['#', ',', ']', '}']).unwrap_or(line.len());
    line[..end].trim()
}

/// The line that holds `at`, without its comment.
fn line_at(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    let line = &text[start..end];
    line.split('#').next().unwrap_or(line)
}

/// Where the key or table name around `at` starts.
fn key_start(text: &str, at: usize) -> usize {
    text[..at].rfind(is_key_end).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    })
}

/// The key or table name around `at`, without quotes.
fn key_at(text: &str, at: usize) -> &str {
    let rest = &text[at..];
    if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let inner = &rest[1..];
        return &inner[..inner.find([quote, '\n']).unwrap_or(inner.len())];
    }
    let start = key_start(text, at);
    let end = text[at..].find(is_key_end).map_or(text.len(), |i| at + i);
    &text[start..end]
}

/// Whether the name at `at` is a table's, in a `[rubrik]`.
fn is_table(text: &str, at: usize) -> bool {
    text[..key_start(text, at)]
        .trim_end_matches([' ', '\t', '"', '\''])
        .ends_with('[')
}

/// `12,5`: a comma between digits, where TOML ends the value.
fn decimal_comma(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end();
    before.ends_with(',')
        && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit())
        && text[at..].starts_with(|c: char| c.is_ascii_digit())
        || text[at..].starts_with(',')
            && before.ends_with(|c: char| c.is_ascii_digit())
            && text[at + 1..].starts_with(|c: char| c.is_ascii_digit())
}

fn is_key_end(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '=' | '[' | ']' | '.' | '"' | '\'' | '#' | ',' | '{' | '}'
        )
}

/// A key as written in TOML: bare when it may be, else in quotes; a table in brackets.
fn as_written(key: &str, table: bool) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let key = if bare {
        key.to_string()
    } else {
        format!("\"{key}\"")
    };
    if table {
        format!("`[{key}]`")
    } else {
        format!("`{key}`")
    }
}

/// A known key as written, with the spelling without dots when the config takes it too:
/// `` `"förvaltningar"` (eller `forvaltningar`) ``.
fn spellings(key: &str, known: &[&str], table: bool) -> String {
    let primary = primary(known)
        .into_iter()
        .find(|k| fold(k) == fold(key))
        .unwrap_or(key);
    let undotted = fold(primary);
    if undotted != primary && known.contains(&undotted.as_str()) {
        format!(
            "{}, eller utan prickar {}",
            as_written(primary, table),
            as_written(&undotted, table)
        )
    } else {
        as_written(primary, table)
    }
}

/// The keys without their spellings without dots: `förvaltningar`, not also `forvaltningar`.
fn primary<'a>(known: &[&'a str]) -> Vec<&'a str> {
    known
        .iter()
        .copied()
        .filter(|k| !k.is_ascii() || !known.iter().any(|o| o != k && fold(o) == *k))
        .collect()
}

/// Every key of every table of `ordnat.toml`, as serde's derive lists them.
fn all_keys() -> Vec<&'static str> {
    [
        fields::<super::Config>(),
        fields::<super::CommitteeConfig>(),
        fields::<super::DecisionMakers>(),
        fields::<super::LeadTimeConfig>(),
    ]
    .concat()
}

/// The field names (aliases included) a derived struct hands to `deserialize_struct`, caught by
/// a deserializer that reads nothing else.
fn fields<T: for<'de> Deserialize<'de>>() -> Vec<&'static str> {
    struct Probe(Vec<&'static str>);
    type Error = serde::de::value::Error;
    impl<'de> Deserializer<'de> for &mut Probe {
        type Error = Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Error> {
            Err(serde::de::Error::custom("probe"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Error> {
            self.0 = fields.to_vec();
            Err(serde::de::Error::custom("probe"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    let mut probe = Probe(Vec::new());
    let _ = T::deserialize(&mut probe);
    probe.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_keys_are_serdes_own_with_their_spellings_without_dots() {
        let keys = all_keys();
        for k in [
            "region",
            "förvaltningar",
            "forvaltningar",
            "möten",
            "nationellt",
        ] {
            assert!(keys.contains(&k), "{k}: {keys:?}");
        }
        assert_eq!(
            spellings("forvaltningar", &keys, false),
            "`\"förvaltningar\"`, eller utan prickar `forvaltningar`"
        );
        assert_eq!(spellings("region", &keys, false), "`region`");
        assert_eq!(
            spellings("beslutsfattare", &keys, true),
            "`[beslutsfattare]`"
        );
    }

    #[test]
    fn numbers_and_truths_meant() {
        assert_eq!(whole_number("100 000").as_deref(), Some("100000"));
        assert_eq!(whole_number("\"100 000\"").as_deref(), Some("100000"));
        assert_eq!(whole_number("\"100000\"").as_deref(), Some("100000"));
        assert_eq!(whole_number("100 000 kr").as_deref(), Some("100000"));
        assert_eq!(whole_number("100000"), None);
        assert_eq!(whole_number("12,5"), None);
        assert_eq!(whole_number("\"12,5\""), None);
        assert_eq!(token_at("x = \"12,5\" # c", 4), "\"12,5\"");
        assert_eq!(token_at("x = [12, 5]", 5), "12");
        assert_eq!(truth("Ja"), Some("true"));
        assert_eq!(truth("\"nej\""), Some("false"));
        assert_eq!(truth("kanske"), None);
    }
}
