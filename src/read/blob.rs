//! The git blob id of a file as read: what `git hash-object` gives for it, so that the report
//! can tell which case files changed since a commit by comparing ids with the commit's tree
//! (`workspace::history`), without git looking at every file on disk.

use sha1::{Digest, Sha1};

/// A git object id (SHA-1).
pub type ObjectId = [u8; 20];

/// The blob ids a file on disk may have in git: of its bytes as they are, and, when it has
/// CRLF line ends, of its bytes with LF line ends, which is what git stores for a text file
/// checked out with CRLF (`core.autocrlf`, `eol=crlf`). For a symbolic link, git stores the
/// link's target, not the file it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Blob {
    pub id: ObjectId,
    pub lf: Option<ObjectId>,
}

impl Blob {
    /// The ids of a file's bytes.
    pub fn of(bytes: &[u8]) -> Self {
        let lf = memchr::memmem::find(bytes, b"\r\n").map(|_| {
            let mut normal = Vec::with_capacity(bytes.len());
            let mut rest = bytes;
            while let Some(at) = memchr::memmem::find(rest, b"\r\n") {
                normal.extend_from_slice(&rest[..at]);
                normal.push(b'\n');
                rest = &rest[at + 2..];
            }
            normal.extend_from_slice(rest);
            id(&normal)
        });
        Blob { id: id(bytes), lf }
    }

    /// Whether git's blob `other` holds this file.
    pub fn is(&self, other: &ObjectId) -> bool {
        self.id == *other || self.lf.as_ref() == Some(other)
    }
}

/// `git hash-object` of `bytes`: SHA-1 over `blob <length>\0` and the bytes.
pub fn id(bytes: &[u8]) -> ObjectId {
    let mut hasher = Sha1::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    hasher.finalize().into()
}

/// An object id from its 40 hexadecimal digits, as git prints it.
pub fn parse_id(hex: &[u8]) -> Option<ObjectId> {
    if hex.len() != 40 {
        return None;
    }
    let digit = |c: u8| {
        char::from(c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let mut id = [0u8; 20];
    for (byte, pair) in id.iter_mut().zip(hex.chunks_exact(2)) {
        *byte = digit(pair[0])? << 4 | digit(pair[1])?;
    }
    Some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(id: &ObjectId) -> String {
        id.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn ids_are_those_git_gives() {
        // `printf '' | git hash-object --stdin` and `printf 'a: 1\n' | git hash-object --stdin`.
        assert_eq!(hex(&id(b"")), "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391");
        assert_eq!(
            hex(&id(b"a: 1\n")),
            "a8926a52d8dcba5c4386945476ab6a2ad008afd4"
        );
        let parsed = parse_id(b"e69de29bb2d1d6434b8b29ae775ad8c2e48c5391").expect("hex");
        assert_eq!(parsed, id(b""));
        assert_eq!(parse_id(b"e69de29b"), None);
        assert_eq!(parse_id(&[b'g'; 40]), None);
    }

    #[test]
    fn a_file_with_crlf_is_also_the_blob_with_lf() {
        let crlf = Blob::of(b"a: 1\r\nb: 2\r\n");
        assert!(crlf.is(&id(b"a: 1\nb: 2\n")));
        assert!(crlf.is(&id(b"a: 1\r\nb: 2\r\n")));
        assert!(!crlf.is(&id(b"a: 1\nb: 3\n")));
        let lf = Blob::of(b"a: 1\n");
        assert_eq!(lf.lf, None);
        assert!(!lf.is(&id(b"a: 1\r\n")));
    }
}
