//! `str`: storage, hashing and character indexing. The methods live in `str_methods.rs`.
//!
//! A str is stored as UTF-8 with its length in code points. Indexing by code point is O(1)
//! for ASCII strings; for others a sparse index (byte offset of every 64th code point) is built
//! on first use, so `s[i]` costs at most 64 steps of UTF-8 decoding.
//! Hashing is SipHash-1-3 with a per-process random key (`PYTHONHASHSEED` honoured), as CPython.
//!
//! **Lone surrogates.** A Python str may hold lone surrogates (U+D800..U+DFFF: `'\udc80'`,
//! what `surrogateescape` decodes undecodable bytes to), which a Rust `char` cannot. ferropy
//! stores each one as a *stand-in*: the code point `SURROGATE_SHIFT` above it, in the Plane 15
//! private use area (U+FD800..U+FDFFF). Every `&str` algorithm (search, split, slicing, hashing,
//! equality) then works on such strings unchanged, because the mapping is one to one; only the
//! places where code point *values* cross the boundary map them: `chr`/`ord`, the codecs,
//! `repr`, ordering comparisons, `unicodedata`, `_sre`, `%c`/`{:c}`, `str.translate`, `array('u')`
//! and JSON. The price: the 2,048 real code points U+FD800..U+FDFFF are not representable;
//! creating one raises (ValueError from `chr`, UnicodeDecodeError from decoders) instead of
//! silently becoming a surrogate.

use crate::heap::alloc;
use crate::object::{ObjKind, Payload, Trace};
use crate::value::Value;
use crate::vm::Vm;
use std::cell::{Cell, OnceCell};
use std::hash::Hasher;

pub struct StrObj {
    s: Box<str>,
    char_len: usize,
    /// The text holds lone-surrogate stand-ins (see the module doc).
    surrogates: bool,
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
        let (char_len, surrogates) = if s.is_ascii() {
            (s.len(), false)
        } else {
            // Counting the bytes that start a character is the char count.
            let n = s.bytes().filter(|&b| (b as i8) >= -0x40).count();
            (n, has_stand_ins(&s))
        };
        StrObj {
            s,
            char_len,
            surrogates,
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
    /// Whether the string holds lone surrogates (as stand-ins).
    #[inline]
    pub fn has_surrogates(&self) -> bool {
        self.surrogates
    }
    /// The code points, surrogates included.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + '_ {
        self.s.chars().map(code_point)
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

/// How far above its surrogate a stand-in lies (see the module doc).
pub const SURROGATE_SHIFT: u32 = 0xF0000;
const STAND_IN_FIRST: u32 = 0xD800 + SURROGATE_SHIFT;
const STAND_IN_LAST: u32 = 0xDFFF + SURROGATE_SHIFT;

/// The char that stores code point `cp`: itself, or a lone surrogate's stand-in. None above
/// U+10FFFF and for the stand-ins' own range, which a str cannot hold.
#[inline]
pub fn char_for(cp: u32) -> Option<char> {
    match cp {
        0xD800..=0xDFFF => char::from_u32(cp + SURROGATE_SHIFT),
        STAND_IN_FIRST..=STAND_IN_LAST => None,
        _ => char::from_u32(cp),
    }
}

/// The code point a stored char stands for.
#[inline]
pub fn code_point(c: char) -> u32 {
    let u = c as u32;
    if (STAND_IN_FIRST..=STAND_IN_LAST).contains(&u) {
        u - SURROGATE_SHIFT
    } else {
        u
    }
}

/// Whether a stored char is a lone surrogate's stand-in.
#[inline]
pub fn is_surrogate(c: char) -> bool {
    (STAND_IN_FIRST..=STAND_IN_LAST).contains(&(c as u32))
}

/// Whether code point `cp` is one a str cannot hold (the stand-ins' range).
pub fn is_unrepresentable(cp: u32) -> bool {
    (STAND_IN_FIRST..=STAND_IN_LAST).contains(&cp)
}

/// Whether `s` holds a stand-in: its UTF-8 form is F3 BD followed by A0..BF.
pub fn has_stand_ins(s: &str) -> bool {
    utf8_has_stand_ins(s.as_bytes())
}

fn utf8_has_stand_ins(b: &[u8]) -> bool {
    let mut i = 0;
    while let Some(off) = b[i..].iter().position(|&x| x == 0xF3) {
        let j = i + off;
        if b.get(j + 1) == Some(&0xBD) && b.get(j + 2).is_some_and(|&x| x >= 0xA0) {
            return true;
        }
        i = j + 1;
    }
    false
}

/// Orders two strings by code point, as Python does (UTF-8 byte order is code point order,
/// except that stand-ins must sort as the surrogates they stand for).
pub fn compare(a: &StrObj, b: &StrObj) -> std::cmp::Ordering {
    if !a.surrogates && !b.surrogates {
        return a.as_str().cmp(b.as_str());
    }
    a.code_points().cmp(b.code_points())
}

/// Text from generalised UTF-8 (UTF-8 that may encode lone surrogates as 3-byte sequences,
/// as CPython's `surrogatepass` writes them): surrogates become stand-ins. None if the bytes
/// are not generalised UTF-8 or hold a code point a str cannot.
pub fn from_wtf8(bytes: &[u8]) -> Option<String> {
    if utf8_has_stand_ins(bytes) {
        return None;
    }
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(t) => {
                out.push_str(t);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..good]).ok()?);
                let b = rest.get(good..good + 3)?;
                let ok = b[0] == 0xED && (0xA0..0xC0).contains(&b[1]) && b[2] & 0xC0 == 0x80;
                if !ok {
                    return None;
                }
                let cp = 0xD000 | ((b[1] as u32 & 0x3F) << 6) | (b[2] as u32 & 0x3F);
                out.push(char_for(cp)?);
                rest = &rest[good + 3..];
            }
        }
    }
    Some(out)
}

/// UTF-8 decoding with `surrogateescape`, CPython's filesystem decoding: each undecodable
/// byte b becomes the lone surrogate U+DC00+b (so `fs_encode` gives the bytes back). Also
/// escapes real UTF-8 for the stand-ins' range, which a str cannot hold.
pub fn fs_decode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        let (good, bad) = match std::str::from_utf8(rest) {
            Ok(t) => (t.len(), 0),
            Err(e) => (
                e.valid_up_to(),
                e.error_len().unwrap_or(rest.len() - e.valid_up_to()),
            ),
        };
        let valid = std::str::from_utf8(&rest[..good]).unwrap_or("");
        for c in valid.chars() {
            if is_surrogate(c) {
                c.encode_utf8(&mut [0; 4])
                    .bytes()
                    .for_each(|b| out.extend(char_for(0xDC00 + b as u32)));
            } else {
                out.push(c);
            }
        }
        for &b in &rest[good..good + bad] {
            out.extend(char_for(0xDC00 + b as u32));
        }
        rest = &rest[good + bad..];
    }
    out
}

/// The process's arguments, decoded as the filesystem encoding (an argument that is not
/// UTF-8 keeps its bytes as lone surrogates, as in CPython).
pub fn os_args() -> Vec<String> {
    use std::os::unix::ffi::OsStrExt;
    std::env::args_os()
        .map(|a| fs_decode(a.as_bytes()))
        .collect()
}

/// The generalised UTF-8 of a str's text: stand-ins become 3-byte surrogate sequences (what
/// CPython's `surrogatepass` writes).
pub fn to_wtf8(s: &str) -> std::borrow::Cow<'_, [u8]> {
    if !has_stand_ins(s) {
        return std::borrow::Cow::Borrowed(s.as_bytes());
    }
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        if is_surrogate(c) {
            let cp = code_point(c);
            out.extend_from_slice(&[
                0xE0 | (cp >> 12) as u8,
                0x80 | ((cp >> 6) & 0x3F) as u8,
                0x80 | (cp & 0x3F) as u8,
            ]);
        } else {
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    std::borrow::Cow::Owned(out)
}

/// The char for the integer of `%c` and `{:c}`, with their errors.
pub fn char_arg(vm: &mut Vm, x: i64) -> crate::vm::PyResult<char> {
    match u32::try_from(x).ok().filter(|&u| u < 0x110000) {
        Some(u) => char_for(u).ok_or_else(|| unrepresentable_error(vm, u)),
        None => Err(vm.overflow_error("%c arg not in range(0x110000)")),
    }
}

/// The error for a code point in the stand-ins' range.
pub fn unrepresentable_error(vm: &mut Vm, cp: u32) -> crate::vm::Exc {
    vm.new_exc(
        vm.exc.value_error,
        format!(
            "code point U+{cp:X} cannot be represented: ferropy reserves U+FD800..U+FDFFF to \
             store lone surrogates"
        ),
    )
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
