//! The sources that the rules cite: one list of the public documents behind the process that
//! `ordnat` checks, each by publisher and title (and date and web address where known). A rule
//! cites an entry of this list and the passage it rests on (`Cite`); `ordnat explain`, `ordnat
//! rules --format json` and the README's table "Källor" all print from here.
//!
//! The team keeps copies of some documents under `seeds/`; `seed` names that copy for tests and
//! notes. It is never shown to a user, who cannot open it.
//!
//! May use: nothing of ordnat. Used by `rules` and `commands`.

/// A source, by identity. The order is the order of `SOURCES` and of the README's "Källor".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceId {
    Vastmanland,
    NtSamverkan,
    Revisionssvar,
    HallandPer,
    SkaneKostsam,
    NtUttryck,
    Avslut,
    Forhandling,
    Trepart,
    Uppfoljning,
    MtpRadet,
    HallandBeslut,
    Vgr,
    Format,
}

/// One public document (or group of pages) that a rule rests on.
#[derive(Debug)]
pub struct Source {
    pub id: SourceId,
    /// A short handle, as in the README's table.
    pub key: &'static str,
    /// Who publishes it.
    pub publisher: &'static str,
    /// Its title, as the publisher writes it (or a description in parentheses).
    pub title: &'static str,
    /// Date or version, where known.
    pub date: Option<&'static str>,
    /// Where it is published, where known.
    pub address: Option<&'static str>,
    /// The team's copy in `seeds/` (a file-name prefix), where one exists. Not for users.
    pub seed: Option<&'static str>,
}

impl Source {
    /// One line for a reader: publisher, title, date and address.
    pub fn line(&self) -> String {
        let mut s = format!("{}: {}", self.publisher, self.title);
        if let Some(date) = self.date {
            s.push_str(&format!(" ({date})"));
        }
        if let Some(address) = self.address {
            s.push_str(&format!(", {address}"));
        }
        s
    }
}

impl SourceId {
    /// The source with this identity.
    pub fn get(self) -> &'static Source {
        // `SOURCES` is in `SourceId` order; checked at compile time below.
        &SOURCES[self as usize]
    }
}

/// Every source, in the order of the README's table "Källor".
pub static SOURCES: &[Source] = &[
    Source {
        id: SourceId::Vastmanland,
        key: "Västmanland",
        publisher: "Region Västmanland",
        title: "Rutin för ordnat införande av läkemedel (information, kostnader, uppföljning, roller och ansvar)",
        date: None,
        address: None,
        seed: Some("000"),
    },
    Source {
        id: SourceId::NtSamverkan,
        key: "NT-rådet samverkan",
        publisher: "Regionernas samverkansmodell för läkemedel (NT-rådet)",
        title: "\"Beslut om samverkan\"",
        date: None,
        address: Some("samverkanlakemedel.se"),
        seed: Some("001"),
    },
    Source {
        id: SourceId::Revisionssvar,
        key: "Revisionssvar",
        publisher: "En regionstyrelse",
        title: "Yttrande över revisionsrapporten \"Ordnat införande av läkemedel\"",
        date: None,
        address: None,
        seed: Some("002"),
    },
    Source {
        id: SourceId::HallandPer,
        key: "Halland PER",
        publisher: "Region Halland",
        title: "\"Ordnat införande – ny kunskap, läkemedel och medicinteknik via Prioriterings- och evidensrådet (PER)\"",
        date: Some("uppdaterad 2026-05-05"),
        address: Some("vardgivare.regionhalland.se"),
        seed: Some("003"),
    },
    Source {
        id: SourceId::SkaneKostsam,
        key: "Skåne kostsam",
        publisher: "Region Skåne",
        title: "\"Övergripande principer för användning av kostsam läkemedelsterapi\"",
        date: None,
        address: Some("vardgivare.skane.se"),
        seed: Some("004"),
    },
    Source {
        id: SourceId::NtUttryck,
        key: "NT-rådet uttryck",
        publisher: "Janusinfo (Region Stockholm)",
        title: "\"Så uttrycks NT-rådets och MTP-rådets rekommendationer\"",
        date: Some("2021-11-01"),
        address: Some("janusinfo.se"),
        seed: None,
    },
    Source {
        id: SourceId::Avslut,
        key: "Avslut",
        publisher: "Regionernas samverkansmodell för läkemedel",
        title: "\"Avslut av nationell samverkan\" (omprövning inom två år)",
        date: None,
        address: Some("samverkanlakemedel.se"),
        seed: None,
    },
    Source {
        id: SourceId::Forhandling,
        key: "Förhandling",
        publisher: "Janusinfo (Region Stockholm)",
        title: "NT-rådet: förhandling och upphandling (återbäringsavtal)",
        date: None,
        address: Some("janusinfo.se"),
        seed: None,
    },
    Source {
        id: SourceId::Trepart,
        key: "Trepart",
        publisher: "Tandvårds- och läkemedelsförmånsverket (TLV)",
        title: "\"Trepartsöverläggningar\" och \"Olika typer av subvention\"",
        date: None,
        address: Some("tlv.se"),
        seed: None,
    },
    Source {
        id: SourceId::Uppfoljning,
        key: "Uppföljning",
        publisher: "Regionernas samverkansmodell för läkemedel",
        title: "Uppföljningsrapporter (kvartalsvis försäljningsstatistik per substans)",
        date: None,
        address: Some("samverkanlakemedel.se"),
        seed: None,
    },
    Source {
        id: SourceId::MtpRadet,
        key: "MTP-rådet",
        publisher: "Janusinfo (Region Stockholm)",
        title: "MTP-rådets rekommendationer (bör införa, kan införa, avstå från att införa, avvakta med att införa)",
        date: None,
        address: Some("janusinfo.se"),
        seed: None,
    },
    Source {
        id: SourceId::HallandBeslut,
        key: "Halland beslut",
        publisher: "Region Halland",
        title: "\"Beslut för läkemedel enligt processen för ordnat införande\" (besluten anger version av rekommendationen)",
        date: None,
        address: Some("vardgivare.regionhalland.se"),
        seed: None,
    },
    Source {
        id: SourceId::Vgr,
        key: "VGR",
        publisher: "Västra Götalandsregionen",
        title: "Ordnat införande, introduktionsfinansiering och prognos för år tre",
        date: None,
        address: Some("vgregion.se"),
        seed: None,
    },
    Source {
        id: SourceId::Format,
        key: "Ärendeformatet",
        publisher: "ordnat",
        title: "Ärendefilens format (README, avsnittet \"Ärendefilen\", och schemas/arende.schema.json)",
        date: None,
        address: None,
        seed: None,
    },
];

const _: () = {
    let mut i = 0;
    while i < SOURCES.len() {
        assert!(
            SOURCES[i].id as usize == i,
            "SOURCES is not in SourceId order"
        );
        i += 1;
    }
    assert!(SOURCES.len() == SourceId::Format as usize + 1);
};

/// A rule's citation: the source and the passage it rests on (a section, a quotation or what
/// the source says, in Swedish).
#[derive(Debug, Clone, Copy)]
pub struct Cite {
    pub source: SourceId,
    pub passage: &'static str,
}

impl Cite {
    pub const fn new(source: SourceId, passage: &'static str) -> Cite {
        Cite { source, passage }
    }
}

impl serde::Serialize for Cite {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let source = self.source.get();
        let mut st = s.serialize_struct("Cite", 6)?;
        st.serialize_field("key", source.key)?;
        st.serialize_field("publisher", source.publisher)?;
        st.serialize_field("title", source.title)?;
        st.serialize_field("date", &source.date)?;
        st.serialize_field("address", &source.address)?;
        st.serialize_field("passage", self.passage)?;
        st.end()
    }
}

/// The README's table "Källor", as Markdown: one row per source, in list order.
pub fn markdown_table() -> String {
    let mut out =
        String::from("| källa | utgivare och titel | datum | adress |\n|---|---|---|---|\n");
    for s in SOURCES {
        out.push_str(&format!(
            "| {} | {}: {} | {} | {} |\n",
            s.key,
            s.publisher,
            s.title,
            s.date.unwrap_or("—"),
            s.address.unwrap_or("—"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_every_source_is_listed() {
        let mut seen = std::collections::HashSet::new();
        for (i, s) in SOURCES.iter().enumerate() {
            assert_eq!(s.id as usize, i);
            assert!(seen.insert(s.key), "{} twice", s.key);
            assert!(!s.publisher.is_empty() && !s.title.is_empty());
            assert!(!s.line().contains(".txt"), "{}", s.key);
        }
    }
}
