//! `str`: storage, hashing and character indexing. The methods live in `str_methods.rs`.
//!
//! A str is stored as UTF-8 with its length in code points. Indexing by code point is O(1)
//! for ASCII strings; for others a sparse index (byte offset of every 64th code point) is built
//! on first use, so `s[i]` costs at most 64 steps of UTF-8 decoding.
//! Hashing is SipHash-1-3 with a per-process random key (`PYTHONHASHSEED` honoured), as CPython.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::Vm;
use std::cell::{Cell, OnceCell};
use std::hash::Hasher;

pub struct StrObj {
    s: Box<str>,
    char_len: usize,
    hash: Cell<i64>,
    index: OnceCell<Box<[u32]>>,
    /// This object is the canonical interned copy of its text (so interning it again is free).
    interned: Cell<bool>,
}

const INDEX_STRIDE: usize = 64;

impl Trace for StrObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for StrObj {
    const KIND: ObjKind = ObjKind::Str;
}

impl StrObj {
    pub fn new(s: &str) -> StrObj {
        StrObj::from_string(s.into())
    }
    pub fn from_string(s: Box<str>) -> StrObj {
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        StrObj {
            s,
            char_len,
            hash: Cell::new(-1),
            index: OnceCell::new(),
            interned: Cell::new(false),
        }
    }
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.s
    }
    #[inline]
    pub fn is_interned(&self) -> bool {
        self.interned.get()
    }
    pub fn mark_interned(&self) {
        self.interned.set(true)
    }
    #[inline]
    pub fn char_len(&self) -> usize {
        self.char_len
    }
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.s.len()
    }

    /// Byte offset of code point `i` (i <= char_len).
    pub fn byte_offset(&self, i: usize) -> usize {
        if self.is_ascii() || i == 0 {
            return i.min(self.s.len());
        }
        if i >= self.char_len {
            return self.s.len();
        }
        let index = self.index.get_or_init(|| {
            let mut v = Vec::with_capacity(self.char_len / INDEX_STRIDE + 1);
            for (n, (off, _)) in self.s.char_indices().enumerate() {
                if n % INDEX_STRIDE == 0 {
                    v.push(off as u32);
                }
            }
            v.into_boxed_slice()
        });
        let start = index[i / INDEX_STRIDE] as usize;
        let rest = i % INDEX_STRIDE;
        match self.s[start..].char_indices().nth(rest) {
            Some((off, _)) => start + off,
            None => self.s.len(),
        }
    }

    /// The code point at index `i` (0 <= i < char_len).
    pub fn char_at(&self, i: usize) -> char {
        if self.is_ascii() {
            return self.s.as_bytes()[i] as char;
        }
        let off = self.byte_offset(i);
        self.s[off..].chars().next().unwrap_or('\0')
    }

    /// Substring by code-point range (clamped).
    pub fn slice_chars(&self, start: usize, end: usize) -> &str {
        let a = self.byte_offset(start);
        let b = self.byte_offset(end.max(start));
        &self.s[a..b]
    }

    pub fn hash(&self) -> i64 {
        let h = self.hash.get();
        if h != -1 {
            return h;
        }
        let h = hash_bytes(self.s.as_bytes());
        self.hash.set(h);
        h
    }
}

/// The process's hash key (plain integers, fixed at start-up).
static HASH_KEY: std::sync::OnceLock<(u64, u64)> = std::sync::OnceLock::new();

pub fn hash_key() -> (u64, u64) {
    *HASH_KEY.get_or_init(hash_key_from_env)
}

/// SipHash-1-3 of `bytes` under the process key; never -1, and 0 for empty input (as CPython).
pub fn hash_bytes(bytes: &[u8]) -> i64 {
    if bytes.is_empty() {
        return 0;
    }
    let (k0, k1) = hash_key();
    let mut hasher = siphasher::sip::SipHasher13::new_with_keys(k0, k1);
    hasher.write(bytes);
    let h = hasher.finish() as i64;
    if h == -1 { -2 } else { h }
}

/// The hash key: from `PYTHONHASHSEED` (0 disables randomisation, giving a fixed key), else
/// from the OS's randomness.
pub fn hash_key_from_env() -> (u64, u64) {
    if let Ok(seed) = std::env::var("PYTHONHASHSEED")
        && seed != "random"
        && let Ok(n) = seed.parse::<u64>()
    {
        // A simple LCG expands the seed into the two key words, as CPython derives its key
        // from the seed deterministically.
        let mut x = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x
        };
        return if n == 0 { (0, 0) } else { (next(), next()) };
    }
    let mut buf = [0u8; 16];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf))
        .is_ok();
    if !ok {
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(0);
        buf[..8].copy_from_slice(&t.to_le_bytes());
        buf[8..].copy_from_slice(&(std::process::id() as u64).to_le_bytes());
    }
    let (a, b) = buf.split_at(8);
    let k0 = u64::from_le_bytes(a.try_into().unwrap_or([0; 8]));
    let k1 = u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
    (k0, k1)
}

pub fn alloc_str(vm: &mut Vm, s: &str) -> Value {
    alloc(vm.types.str_, StrObj::new(s))
}

impl Vm {
    /// A new str object. Single ASCII characters and the empty string are shared.
    pub fn new_str(&mut self, s: &str) -> Value {
        if s.len() <= 1 {
            return self.intern(s);
        }
        alloc_str(self, s)
    }
    pub fn new_string(&mut self, s: String) -> Value {
        if s.len() <= 1 {
            return self.intern(&s);
        }
        alloc(self.types.str_, StrObj::from_string(s.into_boxed_str()))
    }
}

/// The &str of a str object (or subclass instance), if it is one.
#[inline]
pub fn as_str(v: Value) -> Option<&'static str> {
    v.downcast::<StrObj>().map(|s| s.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_non_ascii() {
        let text: String = (0..300)
            .map(|i| {
                if i % 3 == 0 {
                    'é'
                } else {
                    char::from(b'a' + (i % 26) as u8)
                }
            })
            .collect();
        let s = StrObj::new(&text);
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(s.char_len(), chars.len());
        for (i, c) in chars.iter().enumerate() {
            assert_eq!(s.char_at(i), *c, "index {i}");
        }
        assert_eq!(s.slice_chars(3, 7), chars[3..7].iter().collect::<String>());
    }

    #[test]
    fn ascii_fast_path() {
        let s = StrObj::new("hello");
        assert!(s.is_ascii());
        assert_eq!(s.char_at(4), 'o');
        assert_eq!(s.byte_offset(10), 5);
    }
}
