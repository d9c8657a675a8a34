//! What `ordnat record` writes for a step: the step by its word (`process::recordable`), the
//! section its needs name, and its fields from the format at that section (a mapping's keys,
//! a list's items, or the one value), each `--fält` checked against what the format says the
//! key holds (the words it allows, a date, a whole number, text). The edit itself is `set` and
//! `append` of this module's parent.
//!
//! A section that is a mapping (`kommitté`, `beslut`) gets the values given, beside what it
//! already holds. A list (`synpunkter`, `uppföljning`) gets a new item, unless an item is
//! already meant: the one whose required keys hold the values given (`--planerad`), or, when
//! not all required keys are given, the first item that holds none of the keys given (the
//! first planned follow-up not yet done).

use super::{Error, Key, Value, append, set, written_at};
use crate::process::Recordable;
use crate::read::{Field, Holds};

/// One `--fält värde` as given on the command line (the name without `--`).
pub type Given = (String, String);

/// What a record did.
#[derive(Debug)]
pub struct Recorded {
    /// The file's new text.
    pub text: String,
    /// What was written, in Swedish: `regionalt.synpunkter[2]` and the keys.
    pub what: String,
}

/// A field a step takes: its flag (`beslutad-av`), its key path inside the section (or inside
/// a list's item), and what it holds.
struct Flag<'f> {
    name: String,
    keys: Vec<String>,
    field: Field<'f>,
}

fn flag_name(keys: &[String]) -> String {
    keys.join(".").replace('_', "-")
}

/// Every field reachable from `field` through mappings whose value is a scalar or a list of
/// scalars.
fn flags<'f>(field: Field<'f>, keys: Vec<String>, out: &mut Vec<Flag<'f>>) {
    match field.holds() {
        Holds::Map => {
            for (key, inner) in field.keys() {
                let mut path = keys.clone();
                path.push(key.to_string());
                flags(inner, path, out);
            }
        }
        Holds::List(item) if matches!(item.holds(), Holds::Map | Holds::List(_)) => {}
        _ => out.push(Flag {
            name: flag_name(&keys),
            keys,
            field,
        }),
    }
}

/// Everything `record` can write, by word, for messages: `kommitté, beslut, …`.
pub fn words() -> Vec<&'static str> {
    crate::process::recordable()
        .into_iter()
        .map(|r| r.word)
        .collect()
}

/// The step written as `word`, or an error naming the closest word and all of them.
pub fn recordable(word: &str) -> Result<Recordable, Error> {
    let all = crate::process::recordable();
    let wanted = word.trim();
    if let Some(found) = all.into_iter().find(|r| r.word == wanted) {
        return Ok(found);
    }
    let words = words();
    let hint = crate::text::closest(wanted, &words)
        .map(|w| format!("menade du `{w}`? "))
        .unwrap_or_default();
    Err(Error(format!(
        "okänt steg `{}`; {hint}Stegen som kan registreras: {}",
        wanted.escape_debug(),
        words.join(", ")
    )))
}

/// The flags of a step, as `--fält` (for help and messages).
pub fn flag_names(r: &Recordable) -> Result<Vec<String>, Error> {
    let (_, flags, _) = shape(r)?;
    Ok(flags.into_iter().map(|f| format!("--{}", f.name)).collect())
}

/// How a section is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// One value (`regionalt.diarienummer`).
    Value,
    /// A mapping (`regionalt.beslut`).
    Map,
    /// A list of mappings (`regionalt.synpunkter`).
    List,
}

/// The section's mode, its flags, and the field whose required keys must be present.
fn shape(r: &Recordable) -> Result<(Mode, Vec<Flag<'static>>, Field<'static>), Error> {
    let format =
        crate::read::case_format().map_err(|e| Error(format!("formatet kan inte läsas: {e}")))?;
    let Some(section) = format.root().at(&r.section) else {
        return Err(Error(format!(
            "formatet har ingen nyckel `{}` (ett internt fel i ordnat)",
            r.section
        )));
    };
    let mut out = Vec::new();
    Ok(match section.holds() {
        Holds::Map => {
            flags(section, Vec::new(), &mut out);
            (Mode::Map, out, section)
        }
        Holds::List(item) if matches!(item.holds(), Holds::Map) => {
            flags(item, Vec::new(), &mut out);
            (Mode::List, out, item)
        }
        _ => {
            let key = r
                .section
                .rsplit('.')
                .next()
                .unwrap_or(&r.section)
                .to_string();
            out.push(Flag {
                name: flag_name(std::slice::from_ref(&key)),
                keys: Vec::new(),
                field: section,
            });
            (Mode::Value, out, section)
        }
    })
}

/// A value given for a field, checked against what the format says the field holds.
fn parse(flag: &Flag, given: &[&str]) -> Result<Value, Error> {
    let one = |holds: Holds, s: &str| -> Result<Value, Error> {
        let s = s.trim();
        let name = &flag.name;
        match holds {
            Holds::Words(words) => {
                if words.iter().any(|w| w == s) {
                    return Ok(Value::Word(s.to_string()));
                }
                let list: Vec<&str> = words.iter().map(String::as_str).collect();
                let hint = crate::text::closest(s, &list)
                    .map(|w| format!("menade du `{w}`? "))
                    .unwrap_or_default();
                Err(Error(format!(
                    "--{name} `{}` är inget av de tillåtna orden; {hint}Tillåtna: {}",
                    s.escape_debug(),
                    list.join(", ")
                )))
            }
            Holds::Date => crate::text::parse_date(s).map(Value::Date).ok_or_else(|| {
                Error(format!(
                    "--{name} `{}` är inget datum; skriv ÅÅÅÅ-MM-DD, t.ex. 2026-12-03",
                    s.escape_debug()
                ))
            }),
            Holds::Integer { min } => match s.parse::<u64>() {
                Ok(n) if min.is_none_or(|m| i128::from(n) >= i128::from(m)) => {
                    Ok(Value::Integer(n))
                }
                _ => Err(Error(format!(
                    "--{name} `{}` är inget heltal; skriv bara siffror, t.ex. 480000",
                    s.escape_debug()
                ))),
            },
            Holds::Boolean => match s {
                "true" => Ok(Value::Boolean(true)),
                "false" => Ok(Value::Boolean(false)),
                _ => Err(Error(format!(
                    "--{name} `{}` ska vara `true` eller `false`",
                    s.escape_debug()
                ))),
            },
            Holds::Text => {
                if s.is_empty() {
                    Err(Error(format!("--{name} är tom; skriv texten")))
                } else {
                    Ok(Value::Text(s.to_string()))
                }
            }
            Holds::List(_) | Holds::Map => Err(Error(format!(
                "--{name} kan inte anges på kommandoraden; skriv det för hand"
            ))),
        }
    };
    match flag.field.holds() {
        Holds::List(item) => Ok(Value::List(
            given
                .iter()
                .map(|s| one(item.holds(), s))
                .collect::<Result<_, _>>()?,
        )),
        holds => match given {
            [s] => one(holds, s),
            _ => Err(Error(format!(
                "--{} anges mer än en gång; det tar ett värde",
                flag.name
            ))),
        },
    }
}

/// The value as the file writes it, for reading back.
fn as_written(v: &Value) -> Vec<String> {
    match v {
        Value::Text(t) | Value::Word(t) => vec![t.clone()],
        Value::Date(d) => vec![d.format("%Y-%m-%d").to_string()],
        Value::Integer(n) => vec![n.to_string()],
        Value::Boolean(b) => vec![b.to_string()],
        Value::List(items) => items.iter().flat_map(as_written).collect(),
    }
}

fn names(p: &[Key]) -> Vec<Key> {
    p.to_vec()
}

/// "beslut behöver --utfall och --datum".
fn needs(word: &str, missing: &[String]) -> Error {
    let flags: Vec<String> = missing.iter().map(|m| format!("--{m}")).collect();
    let listed = match flags.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} och {last}", rest.join(", ")),
        None => String::new(),
    };
    Error(format!("{word} behöver {listed}"))
}

/// Records the step `r` with the values `given` into `text` (a case file's text).
pub fn record(text: &str, r: &Recordable, given: &[Given]) -> Result<Recorded, Error> {
    let format =
        crate::read::case_format().map_err(|e| Error(format!("formatet kan inte läsas: {e}")))?;
    let root = format.root();
    let (mode, flags, holder) = shape(r)?;
    let known: Vec<&str> = flags.iter().map(|f| f.name.as_str()).collect();
    // Each flag with its values, in the format's order.
    for (name, _) in given {
        if !known.contains(&name.as_str()) {
            let hint = crate::text::closest(name, &known)
                .map(|k| format!("menade du `--{k}`? "))
                .unwrap_or_default();
            return Err(Error(format!(
                "{} har inget fält `--{}`; {hint}Fälten: {}",
                r.word,
                name.escape_debug(),
                known
                    .iter()
                    .map(|k| format!("--{k}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    let mut values: Vec<(&Flag, Value)> = Vec::new();
    for flag in &flags {
        let these: Vec<&str> = given
            .iter()
            .filter(|(n, _)| *n == flag.name)
            .map(|(_, v)| v.as_str())
            .collect();
        if !these.is_empty() {
            values.push((flag, parse(flag, &these)?));
        }
    }
    if values.is_empty() {
        return Err(Error(format!(
            "ange vad som ska registreras för {}: {}",
            r.word,
            known
                .iter()
                .map(|k| format!("--{k} …"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let section: Vec<Key> = r.section.split('.').map(|k| Key::Name(k.into())).collect();
    let at = |base: &[Key], keys: &[String]| -> Vec<Key> {
        let mut p = names(base);
        p.extend(keys.iter().map(|k| Key::Name(k.clone())));
        p
    };
    let required: Vec<&str> = holder.required().iter().map(String::as_str).collect();
    let is_given = |key: &str| {
        values
            .iter()
            .any(|(f, _)| f.keys.first().map(String::as_str) == Some(key))
    };
    let mut out = text.to_string();
    let target: Vec<Key> = match mode {
        Mode::Value => section.clone(),
        Mode::Map => {
            let missing: Vec<String> = required
                .iter()
                .filter(|k| {
                    !is_given(k) && written_at(text, &at(&section, &[k.to_string()])).is_none()
                })
                .map(|k| flag_name(&[k.to_string()]))
                .collect();
            if !missing.is_empty() {
                return Err(needs(r.word, &missing));
            }
            section.clone()
        }
        Mode::List => {
            let count = items(text, &section);
            let value_of = |key: &str| {
                values
                    .iter()
                    .find(|(f, _)| f.keys.len() == 1 && f.keys[0] == key)
                    .map(|(_, v)| as_written(v))
            };
            let item_holds = |i: usize, key: &str| written_at(text, &item_key(&section, i, key));
            let all_required = required.iter().all(|k| is_given(k));
            let chosen = if all_required {
                (0..count).find(|i| {
                    required
                        .iter()
                        .all(|k| item_holds(*i, k).is_some() && item_holds(*i, k) == value_of(k))
                })
            } else {
                let found = (0..count).find(|i| {
                    values
                        .iter()
                        .all(|(f, _)| f.keys.first().is_none_or(|k| item_holds(*i, k).is_none()))
                });
                if found.is_none() {
                    let missing: Vec<String> = required
                        .iter()
                        .filter(|k| !is_given(k))
                        .map(|k| flag_name(&[k.to_string()]))
                        .collect();
                    return Err(needs(r.word, &missing));
                }
                found
            };
            match chosen {
                Some(i) => {
                    let mut p = section.clone();
                    p.push(Key::Item(i));
                    p
                }
                None => {
                    // A new item: its own keys in one go, deeper ones after.
                    let top: Vec<(&str, Value)> = values
                        .iter()
                        .filter(|(f, _)| f.keys.len() == 1)
                        .map(|(f, v)| (f.keys[0].as_str(), v.clone()))
                        .collect();
                    out = append(&out, root, &section, &top)?;
                    let mut p = section.clone();
                    p.push(Key::Item(count));
                    values.retain(|(f, _)| f.keys.len() > 1);
                    for (f, v) in &values {
                        out = set(&out, root, &at(&p, &f.keys), v)?;
                    }
                    verify(&out, &p, &flags, given)?;
                    return Ok(Recorded {
                        text: out,
                        what: format!("lade till {}", super::shown(&p)),
                    });
                }
            }
        }
    };
    for (f, v) in &values {
        out = set(&out, root, &at(&target, &f.keys), v)?;
    }
    verify(&out, &target, &flags, given)?;
    Ok(Recorded {
        text: out,
        what: format!("skrev {}", super::shown(&target)),
    })
}

fn item_key(section: &[Key], i: usize, key: &str) -> Vec<Key> {
    let mut p = section.to_vec();
    p.push(Key::Item(i));
    p.push(Key::Name(key.to_string()));
    p
}

/// How many items the list at `path` has (0 when it is missing or no list).
fn items(text: &str, path: &[Key]) -> usize {
    let Ok(tree) = crate::read::parse(text) else {
        return 0;
    };
    let mut node = &tree;
    for key in path {
        let Key::Name(k) = key else { return 0 };
        match node.get(k) {
            Some(n) => node = n,
            None => return 0,
        }
    }
    match &node.value {
        crate::read::tree::Value::Seq(items) => items.len(),
        _ => 0,
    }
}

/// Every value given reads back from the new text as given.
fn verify(text: &str, target: &[Key], flags: &[Flag], given: &[Given]) -> Result<(), Error> {
    for flag in flags {
        let these: Vec<&str> = given
            .iter()
            .filter(|(n, _)| *n == flag.name)
            .map(|(_, v)| v.as_str())
            .collect();
        if these.is_empty() {
            continue;
        }
        let value = parse(flag, &these)?;
        let mut p = target.to_vec();
        p.extend(flag.keys.iter().map(|k| Key::Name(k.clone())));
        if written_at(text, &p) != Some(as_written(&value)) {
            return Err(Error(format!(
                "{} läses inte tillbaka som det skrevs (ett internt fel i ordnat); ingenting skrevs",
                super::shown(&p)
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(pairs: &[(&str, &str)]) -> Vec<Given> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn rec(text: &str, word: &str, pairs: &[(&str, &str)]) -> Result<Recorded, Error> {
        record(text, &recordable(word)?, &given(pairs))
    }

    #[test]
    fn every_step_has_a_section_of_the_format_and_flags() {
        for r in crate::process::recordable() {
            let flags = flag_names(&r).expect("shape");
            assert!(!flags.is_empty(), "{}", r.word);
        }
        assert_eq!(
            flag_names(&recordable("registrering").expect("r")).expect("f"),
            ["--diarienummer"]
        );
        assert_eq!(
            flag_names(&recordable("undantag").expect("r")).expect("f"),
            ["--regel", "--skäl", "--beslutad-av", "--datum"]
        );
    }

    #[test]
    fn refusals_name_what_is_wrong() {
        let text = "id: 2026-001\n";
        assert_eq!(
            rec(text, "kommite", &[]).expect_err("unknown").0,
            format!(
                "okänt steg `kommite`; menade du `kommitté`? Stegen som kan registreras: {}",
                words().join(", ")
            )
        );
        assert_eq!(
            rec(text, "beslut", &[("beslutsfattare", "X")])
                .expect_err("missing")
                .0,
            "beslut behöver --utfall och --datum"
        );
        let bad = rec(
            text,
            "kommitté",
            &[("möte", "2026-12-03"), ("rekommendation", "infora")],
        )
        .expect_err("word")
        .0;
        assert!(bad.contains("menade du `införa`?"), "{bad}");
        let bad = rec(
            text,
            "kommitté",
            &[("möte", "2026-02-30"), ("rekommendation", "införa")],
        )
        .expect_err("date")
        .0;
        assert!(bad.contains("är inget datum"), "{bad}");
        let bad = rec(text, "synpunkt", &[("text", "x")]).expect_err("flag").0;
        assert!(bad.starts_with("synpunkt har inget fält `--text`"), "{bad}");
    }

    #[test]
    fn a_follow_up_fills_the_first_planned_one_not_done() {
        let text = "uppföljning:\n  - { planerad: 2026-01-01, utförd: 2026-01-02 }\n  - { planerad: 2026-07-01 }\n";
        let out = rec(
            text,
            "uppföljning",
            &[
                ("utförd", "2026-07-03"),
                ("resultat", "12 patienter, 9 mkr"),
                ("källa", "lokal"),
            ],
        )
        .expect("rec");
        assert_eq!(
            out.text,
            text.replace(
                "2026-07-01 }",
                "2026-07-01, utförd: 2026-07-03, resultat: \"12 patienter, 9 mkr\", källa: lokal }"
            )
        );
        assert_eq!(out.what, "skrev uppföljning[2]");
        let out = rec(text, "uppföljning", &[("planerad", "2027-01-01")]).expect("rec");
        assert_eq!(out.text, format!("{text}  - {{ planerad: 2027-01-01 }}\n"));
    }
}
