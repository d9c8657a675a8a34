//! The scan of a parsed file's events for its confidential parts: the values of `sekretess`
//! keys, the anchored nodes aliased into them, and the constructs that are refused (merge keys
//! and aliases that bring `sekretess` in or out, anchors and aliases inside it).

use super::{CONFIDENTIAL_KEY, KNOWN_KEYS, may_hold_secret};
use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle};
use std::collections::HashMap;

const ANCHOR_IN_SECRET: &str = "ett ankare (`&`) i `sekretess`: sekretessbelagda värden får \
                                inte återanvändas på andra ställen i filen";

/// An anchored node: its bytes, and what the refusals need to know of it.
#[derive(Default)]
struct Anchored {
    start: usize,
    end: usize,
    /// Defined inside a confidential value.
    secret: bool,
    /// A mapping with a `sekretess` key of its own or merged in.
    holds_key: bool,
    /// A scalar's text (for an alias used as a key).
    text: Option<String>,
}

/// A node being read: a collection open on the stack, or a scalar or alias as it ends.
struct Open {
    /// Where its bytes start: after the token before it, so that a tag or an anchor in
    /// front of it counts as its own.
    start: usize,
    anchor: usize,
    /// The value of a `sekretess` key.
    secret_value: bool,
    /// The value of a merge key, and where that key stands.
    merge: Option<(usize, usize)>,
    collection: Collection,
}

enum Collection {
    Seq {
        /// Whether an item merges in a `sekretess` key (for a merge key's list).
        holds_key: bool,
    },
    Map {
        /// The key read and waiting for its value: its text, style and bytes.
        key: Option<(Option<String>, bool, (usize, usize))>,
        /// Whether a key is awaited (else a value).
        awaiting_key: bool,
        holds_key: bool,
    },
}

/// The walk over the parser's events that finds the confidential parts of a parsed file. It
/// is fed one event at a time: by the fast path as it builds the tree (`fast.rs`), so that a
/// file is parsed once, or by a parse of its own (`Scan::run`) for a file the general path
/// reads (anchors, aliases, tags, merge keys).
pub struct Scan<'t> {
    text: &'t str,
    pub(super) ranges: Vec<(usize, usize)>,
    pub(super) kept: Vec<(usize, usize)>,
    pub(super) refused: Vec<((usize, usize), &'static str)>,
    anchors: HashMap<usize, Anchored>,
    /// Each alias: its bytes and the anchor it names.
    aliases: Vec<((usize, usize), usize)>,
    stack: Vec<Open>,
    /// How many `sekretess` values the node being read stands in.
    secret: usize,
    /// Where the last token ended: a node's bytes start there, so that a tag or an anchor in
    /// front of it counts as its own.
    previous_end: usize,
}

impl<'t> Scan<'t> {
    /// A scan of `text`, for a text that may hold `sekretess` (else `None`: nothing to find).
    pub fn of(text: &'t str) -> Option<Self> {
        may_hold_secret(text).then(|| Scan {
            text,
            ranges: Vec::new(),
            kept: Vec::new(),
            refused: Vec::new(),
            anchors: HashMap::new(),
            aliases: Vec::new(),
            stack: Vec::new(),
            secret: 0,
            previous_end: 0,
        })
    }

    /// Parses the text and feeds every event to the scan; `None` if it does not parse (it
    /// cannot happen for a text the tree was read from).
    pub(super) fn run(mut self) -> Option<Self> {
        let mut options = Options::default();
        options.strict_indentation = true;
        let mut parser = Parser::new_from_str_with_options(self.text, options);
        while let Some(event) = parser.next_event() {
            let (event, span) = event.ok()?;
            let range = span.byte_range()?;
            self.event(&event, (range.start, range.end))?;
        }
        Some(self)
    }

    /// One event, and the bytes its span covers. `None` when the events do not nest.
    pub fn event(&mut self, event: &Event<'_>, bytes: (usize, usize)) -> Option<()> {
        match event {
            Event::Scalar(value, style, anchor, _) => self.scalar(value, *style, *anchor, bytes),
            Event::Alias(id) => self.alias(*id, bytes),
            Event::SequenceStart(_, anchor, _) => self.open(false, *anchor, bytes),
            Event::MappingStart(_, anchor, _) => self.open(true, *anchor, bytes),
            Event::SequenceEnd | Event::MappingEnd => self.close(bytes)?,
            _ => {}
        }
        Some(())
    }

    fn scalar(&mut self, value: &str, style: ScalarStyle, anchor: usize, bytes: (usize, usize)) {
        let start = self.previous_end;
        let secret_value = match self.role() {
            Role::Key => {
                let plain = style == ScalarStyle::Plain;
                if self.secret > 0 && plain && KNOWN_KEYS.contains(&value) {
                    self.kept.push(bytes);
                }
                self.set_key(Some(value.to_string()), plain, bytes);
                false
            }
            Role::Value { secret_value, .. } => {
                if secret_value {
                    self.ranges.push((start, bytes.1));
                }
                secret_value
            }
        };
        if anchor != 0 {
            let in_secret = self.secret > 0 || secret_value;
            if in_secret {
                self.refused.push((bytes, ANCHOR_IN_SECRET));
            }
            self.anchors.insert(
                anchor,
                Anchored {
                    start,
                    end: bytes.1,
                    secret: in_secret,
                    holds_key: false,
                    text: Some(value.to_string()),
                },
            );
        }
        self.previous_end = bytes.1;
    }

    fn alias(&mut self, id: usize, bytes: (usize, usize)) {
        let role = self.role();
        let (target_secret, target_holds_key, target_text) = match self.anchors.get(&id) {
            Some(a) => (a.secret, a.holds_key, a.text.clone()),
            None => (false, false, None),
        };
        if self.secret > 0 {
            self.refused.push((
                bytes,
                "ett alias (`*`) i `sekretess`: skriv värdena i avsnittet självt",
            ));
        } else if target_secret {
            self.refused.push((
                bytes,
                "ett alias (`*`) till ett värde i `sekretess`: sekretessbelagda värden får inte \
                 återanvändas på andra ställen i filen",
            ));
        }
        match role {
            Role::Key => {
                if target_text.as_deref() == Some(CONFIDENTIAL_KEY) {
                    self.refused
                        .push((bytes, "nyckeln `sekretess` skriven som ett alias (`*`)"));
                }
                self.set_key(target_text, false, bytes);
            }
            Role::Value {
                secret_value,
                merge,
            } => {
                if secret_value {
                    self.ranges.push((self.previous_end, bytes.1));
                    if self.stack.len() == 1 {
                        self.refused
                            .push((bytes, "`sekretess` skriven som ett alias (`*`)"));
                    }
                }
                if let Some(key) = merge.filter(|_| target_holds_key) {
                    self.merged_in(key);
                }
                if let Some(Open {
                    collection: Collection::Seq { holds_key },
                    merge: Some(_),
                    ..
                }) = self.stack.last_mut()
                {
                    *holds_key |= target_holds_key;
                }
            }
        }
        self.aliases.push((bytes, id));
        self.previous_end = bytes.1;
    }

    fn open(&mut self, map: bool, anchor: usize, bytes: (usize, usize)) {
        let (secret_value, merge) = match self.role() {
            Role::Key => (false, None),
            Role::Value {
                secret_value,
                merge,
            } => (secret_value, merge),
        };
        if secret_value {
            self.secret += 1;
        }
        if anchor != 0 {
            if self.secret > 0 {
                self.refused.push((bytes, ANCHOR_IN_SECRET));
            }
            self.anchors.entry(anchor).or_default().secret = self.secret > 0;
        }
        self.stack.push(Open {
            start: self.previous_end,
            anchor,
            secret_value,
            merge,
            collection: if map {
                Collection::Map {
                    key: None,
                    awaiting_key: true,
                    holds_key: false,
                }
            } else {
                Collection::Seq { holds_key: false }
            },
        });
        self.previous_end = self.previous_end.max(bytes.1);
    }

    fn close(&mut self, bytes: (usize, usize)) -> Option<()> {
        let open = self.stack.pop()?;
        // A block collection ends where the next token starts: its own bytes end with its
        // last line, comments and blank lines after it included.
        let end = if bytes.1 > bytes.0 {
            bytes.1
        } else {
            lines_before(self.text, self.previous_end, bytes.0)
        };
        if open.secret_value {
            self.secret = self.secret.saturating_sub(1);
            self.ranges.push((open.start, end));
        }
        let holds_key = match open.collection {
            Collection::Map { holds_key, .. } | Collection::Seq { holds_key } => holds_key,
        };
        if open.anchor != 0 {
            let entry = self.anchors.entry(open.anchor).or_default();
            entry.start = open.start;
            entry.end = end;
            entry.holds_key = holds_key;
        }
        if let Some(key) = open.merge.filter(|_| holds_key) {
            self.merged_in(key);
        }
        self.previous_end = self.previous_end.max(end);
        Some(())
    }

    /// The confidential byte ranges (with the anchored nodes aliased into them, and those
    /// aliased into those), each to the end of its line where only a comment follows.
    pub(super) fn finish(mut self) -> Self {
        let mut pulled: Vec<usize> = Vec::new();
        loop {
            let inside = |at: usize, ranges: &[(usize, usize)]| {
                ranges.iter().any(|(s, e)| (*s..*e).contains(&at))
            };
            let more: Vec<usize> = self
                .aliases
                .iter()
                .filter(|(bytes, id)| !pulled.contains(id) && inside(bytes.0, &self.ranges))
                .map(|(_, id)| *id)
                .collect();
            if more.is_empty() {
                break;
            }
            for id in more {
                if pulled.contains(&id) {
                    continue;
                }
                pulled.push(id);
                if let Some(a) = self.anchors.get(&id) {
                    self.ranges.push((a.start, a.end.max(a.start)));
                }
            }
        }
        let text = self.text;
        for range in &mut self.ranges {
            range.1 = line_end_after(text, range.1);
        }
        self.refused.sort_unstable();
        self.refused.dedup();
        self
    }

    /// What the node that starts now is to the collection it stands in, and the collection's
    /// state moved on past it.
    fn role(&mut self) -> Role {
        match self.stack.last_mut() {
            Some(Open {
                collection:
                    Collection::Map {
                        key, awaiting_key, ..
                    },
                ..
            }) => {
                if *awaiting_key {
                    *awaiting_key = false;
                    Role::Key
                } else {
                    *awaiting_key = true;
                    let (text, plain, bytes) = key.take().unwrap_or((None, false, (0, 0)));
                    Role::Value {
                        secret_value: text.as_deref() == Some(CONFIDENTIAL_KEY),
                        merge: (plain && text.as_deref() == Some("<<")).then_some(bytes),
                    }
                }
            }
            _ => Role::Value {
                secret_value: false,
                merge: None,
            },
        }
    }

    /// Records the key just read in the mapping on top of the stack.
    fn set_key(&mut self, text: Option<String>, plain: bool, bytes: (usize, usize)) {
        if let Some(Open {
            collection: Collection::Map { key, holds_key, .. },
            ..
        }) = self.stack.last_mut()
        {
            *holds_key |= text.as_deref() == Some(CONFIDENTIAL_KEY);
            *key = Some((text, plain, bytes));
        }
    }

    /// A merge key whose value brings in a `sekretess` key: refused where it stands, and the
    /// mapping it merges into holds the key from now on.
    fn merged_in(&mut self, key: (usize, usize)) {
        self.refused.push((
            key,
            "en sammanslagning (`<<`) som för in `sekretess`: skriv avsnittet i filen självt",
        ));
        if let Some(Open {
            collection: Collection::Map { holds_key, .. },
            ..
        }) = self.stack.last_mut()
        {
            *holds_key = true;
        }
    }
}

enum Role {
    Key,
    Value {
        secret_value: bool,
        /// The bytes of the merge key whose value this is.
        merge: Option<(usize, usize)>,
    },
}

/// Where a block collection whose content ends at `content_end` ends, given that the next
/// token starts at `next`: at the start of the line of `next` when it is on a later line,
/// else at `content_end`.
fn lines_before(text: &str, content_end: usize, next: usize) -> usize {
    let next = next.min(text.len());
    if next <= content_end {
        return content_end;
    }
    match memchr::memrchr(b'\n', &text.as_bytes()[content_end..next]) {
        Some(p) => content_end + p + 1,
        None => content_end,
    }
}

/// `end`, moved to the end of its line when what follows on the line is blank or a comment
/// (which then belongs to the value).
fn line_end_after(text: &str, end: usize) -> usize {
    let end = end.min(text.len());
    // A value's own bytes may end with the line break and the next line's indentation (a
    // block scalar): those are not its text.
    let trimmed = end - (text[..end].len() - text[..end].trim_end_matches([' ', '\t']).len());
    let line_end =
        memchr::memchr(b'\n', &text.as_bytes()[trimmed..]).map_or(text.len(), |p| trimmed + p);
    let rest = text[trimmed..line_end].trim_start_matches([' ', '\t', '\r']);
    if rest.is_empty() || rest.starts_with('#') {
        line_end
    } else {
        trimmed
    }
}
