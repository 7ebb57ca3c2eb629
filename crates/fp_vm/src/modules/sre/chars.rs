//! Character predicates and case mappings of the regular expression engine, as CPython's
//! `_sre` defines them: the ASCII/locale/Unicode categories (`\d \s \w`, line breaks), the
//! one-character case mappings used for IGNORECASE, and compiled character sets.

use crate::types::str_unicode as uni;
use crate::types::unicode_db as db;

/// Opcode numbers of 3.11's `re._constants.OPCODES`.
pub mod op {
    pub const FAILURE: u32 = 0;
    pub const SUCCESS: u32 = 1;
    pub const ANY: u32 = 2;
    pub const ANY_ALL: u32 = 3;
    pub const ASSERT: u32 = 4;
    pub const ASSERT_NOT: u32 = 5;
    pub const AT: u32 = 6;
    pub const BRANCH: u32 = 7;
    pub const CATEGORY: u32 = 8;
    pub const CHARSET: u32 = 9;
    pub const BIGCHARSET: u32 = 10;
    pub const GROUPREF: u32 = 11;
    pub const GROUPREF_EXISTS: u32 = 12;
    pub const IN: u32 = 13;
    pub const INFO: u32 = 14;
    pub const JUMP: u32 = 15;
    pub const LITERAL: u32 = 16;
    pub const MARK: u32 = 17;
    pub const MAX_UNTIL: u32 = 18;
    pub const MIN_UNTIL: u32 = 19;
    pub const NOT_LITERAL: u32 = 20;
    pub const NEGATE: u32 = 21;
    pub const RANGE: u32 = 22;
    pub const REPEAT: u32 = 23;
    pub const REPEAT_ONE: u32 = 24;
    pub const MIN_REPEAT_ONE: u32 = 26;
    pub const ATOMIC_GROUP: u32 = 27;
    pub const POSSESSIVE_REPEAT: u32 = 28;
    pub const POSSESSIVE_REPEAT_ONE: u32 = 29;
    pub const GROUPREF_IGNORE: u32 = 30;
    pub const IN_IGNORE: u32 = 31;
    pub const LITERAL_IGNORE: u32 = 32;
    pub const NOT_LITERAL_IGNORE: u32 = 33;
    pub const GROUPREF_LOC_IGNORE: u32 = 34;
    pub const IN_LOC_IGNORE: u32 = 35;
    pub const LITERAL_LOC_IGNORE: u32 = 36;
    pub const NOT_LITERAL_LOC_IGNORE: u32 = 37;
    pub const GROUPREF_UNI_IGNORE: u32 = 38;
    pub const IN_UNI_IGNORE: u32 = 39;
    pub const LITERAL_UNI_IGNORE: u32 = 40;
    pub const NOT_LITERAL_UNI_IGNORE: u32 = 41;
    pub const RANGE_UNI_IGNORE: u32 = 42;
}

/// How a literal, set or back-reference compares characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Exact,
    /// ASCII-only lower-casing (IGNORECASE on bytes or with ASCII).
    Ascii,
    /// Unicode simple lower-casing.
    Uni,
    /// The C locale's tolower/toupper (LOCALE).
    Loc,
}

#[inline]
pub fn lower_ascii(c: u32) -> u32 {
    if (b'A' as u32..=b'Z' as u32).contains(&c) {
        c + 32
    } else {
        c
    }
}

#[inline]
fn upper_ascii(c: u32) -> u32 {
    if (b'a' as u32..=b'z' as u32).contains(&c) {
        c - 32
    } else {
        c
    }
}

/// `tolower` of the process locale. Python sets LC_CTYPE from the environment; in the C and
/// UTF-8 locales only ASCII letters have single-byte case mappings.
#[inline]
pub fn lower_locale(c: u32) -> u32 {
    lower_ascii(c)
}

#[inline]
pub fn upper_locale(c: u32) -> u32 {
    upper_ascii(c)
}

fn first_of(table: &'static [(u32, &'static str)], c: u32) -> Option<u32> {
    table
        .binary_search_by_key(&c, |&(k, _)| k)
        .ok()
        .and_then(|i| table[i].1.chars().next())
        .map(|c| c as u32)
}

/// CPython's `Py_UNICODE_TOLOWER`: the first character of the full lower-case mapping.
#[inline]
pub fn lower_unicode(c: u32) -> u32 {
    if c < 128 {
        return lower_ascii(c);
    }
    first_of(db::LOWER_MAP, c).unwrap_or(c)
}

/// CPython's `Py_UNICODE_TOUPPER`: the first character of the full upper-case mapping.
#[inline]
pub fn upper_unicode(c: u32) -> u32 {
    if c < 128 {
        return upper_ascii(c);
    }
    first_of(db::UPPER_MAP, c).unwrap_or(c)
}

#[inline]
fn as_char(c: u32) -> Option<char> {
    char::from_u32(c)
}

#[inline]
fn is_digit(c: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&c)
}

#[inline]
fn is_space(c: u32) -> bool {
    matches!(c, 9..=13 | 32)
}

#[inline]
pub fn is_word(c: u32) -> bool {
    c < 128 && ((c as u8).is_ascii_alphanumeric() || c == b'_' as u32)
}

#[inline]
pub fn is_loc_word(c: u32) -> bool {
    is_word(c)
}

#[inline]
pub fn is_uni_word(c: u32) -> bool {
    if c < 128 {
        return is_word(c);
    }
    as_char(c).is_some_and(uni::is_alnum)
}

#[inline]
fn is_uni_linebreak(c: u32) -> bool {
    matches!(c, 10..=13 | 0x1c..=0x1e | 0x85 | 0x2028 | 0x2029)
}

#[inline]
fn is_uni_space(c: u32) -> bool {
    if c < 128 {
        return matches!(c, 9..=13 | 0x1c..=0x1f | 32);
    }
    as_char(c).is_some_and(uni::is_space)
}

#[inline]
fn is_uni_digit(c: u32) -> bool {
    if c < 128 {
        return is_digit(c);
    }
    as_char(c).is_some_and(uni::is_decimal)
}

/// Whether `c` is in category `cat` (`CATEGORY_*` codes); None for an unknown code.
pub fn category(cat: u32, c: u32) -> bool {
    match cat {
        0 => is_digit(c),
        1 => !is_digit(c),
        2 => is_space(c),
        3 => !is_space(c),
        4 => is_word(c),
        5 => !is_word(c),
        6 => c == 10,
        7 => c != 10,
        8 => is_loc_word(c),
        9 => !is_loc_word(c),
        10 => is_uni_digit(c),
        11 => !is_uni_digit(c),
        12 => is_uni_space(c),
        13 => !is_uni_space(c),
        14 => is_uni_word(c),
        15 => !is_uni_word(c),
        16 => is_uni_linebreak(c),
        17 => !is_uni_linebreak(c),
        _ => false,
    }
}

pub const NCATEGORIES: u32 = 18;

/// One member test of a set, in code order.
#[derive(Clone, Debug)]
enum Item {
    Negate,
    Literal(u32),
    Category(u32),
    /// A 256-bit bitmap over code points below 256.
    Bitmap([u32; 8]),
    Range(u32, u32),
    RangeUniIgnore(u32, u32),
    /// Block index per high byte (code points below 0x10000), then 256-bit blocks.
    Big(Box<[u8; 256]>, Vec<[u32; 8]>),
}

/// A compiled `IN` set: the items of the code, plus the answer for every code point below
/// 256 computed once (the common case costs one bit test).
#[derive(Clone, Debug)]
pub struct CharSet {
    items: Vec<Item>,
    low: [u64; 4],
}

impl CharSet {
    /// Parses set items from `code` (up to the FAILURE that ends them); None if malformed.
    pub fn parse(code: &[u32]) -> Option<CharSet> {
        let mut items = Vec::new();
        let mut i = 0;
        let arg = |k: usize| code.get(k).copied();
        loop {
            let o = arg(i)?;
            i += 1;
            match o {
                op::FAILURE => break,
                op::NEGATE => items.push(Item::Negate),
                op::LITERAL => {
                    items.push(Item::Literal(arg(i)?));
                    i += 1;
                }
                op::CATEGORY => {
                    let c = arg(i)?;
                    if c >= NCATEGORIES {
                        return None;
                    }
                    items.push(Item::Category(c));
                    i += 1;
                }
                op::RANGE | op::RANGE_UNI_IGNORE => {
                    let (lo, hi) = (arg(i)?, arg(i + 1)?);
                    items.push(if o == op::RANGE {
                        Item::Range(lo, hi)
                    } else {
                        Item::RangeUniIgnore(lo, hi)
                    });
                    i += 2;
                }
                op::CHARSET => {
                    let words = code.get(i..i + 8)?;
                    let mut bm = [0u32; 8];
                    bm.copy_from_slice(words);
                    items.push(Item::Bitmap(bm));
                    i += 8;
                }
                op::BIGCHARSET => {
                    let count = arg(i)? as usize;
                    i += 1;
                    let idx_words = code.get(i..i + 64)?;
                    let mut index = Box::new([0u8; 256]);
                    for (k, w) in idx_words.iter().enumerate() {
                        // The compiler packs the byte table in native (little-endian) order.
                        for (b, byte) in w.to_le_bytes().into_iter().enumerate() {
                            if byte as usize >= count {
                                return None;
                            }
                            index[k * 4 + b] = byte;
                        }
                    }
                    i += 64;
                    let mut blocks = Vec::with_capacity(count);
                    for _ in 0..count {
                        let words = code.get(i..i + 8)?;
                        let mut bm = [0u32; 8];
                        bm.copy_from_slice(words);
                        blocks.push(bm);
                        i += 8;
                    }
                    items.push(Item::Big(index, blocks));
                }
                _ => return None,
            }
        }
        if i != code.len() {
            return None;
        }
        let mut set = CharSet { items, low: [0; 4] };
        for c in 0..256u32 {
            if set.eval(c) {
                set.low[(c >> 6) as usize] |= 1 << (c & 63);
            }
        }
        Some(set)
    }

    /// Membership, as CPython's `charset()`: the first item that matches decides, and each
    /// NEGATE flips the answer.
    fn eval(&self, c: u32) -> bool {
        let mut ok = true;
        for it in &self.items {
            let hit = match it {
                Item::Negate => {
                    ok = !ok;
                    false
                }
                Item::Literal(l) => c == *l,
                Item::Category(k) => category(*k, c),
                Item::Bitmap(bm) => c < 256 && bm[(c >> 5) as usize] & (1 << (c & 31)) != 0,
                Item::Range(lo, hi) => *lo <= c && c <= *hi,
                Item::RangeUniIgnore(lo, hi) => {
                    (*lo <= c && c <= *hi) || {
                        let u = upper_unicode(c);
                        *lo <= u && u <= *hi
                    }
                }
                Item::Big(index, blocks) => {
                    c < 0x10000 && {
                        let b = index[(c >> 8) as usize] as usize;
                        let lo = c & 255;
                        blocks
                            .get(b)
                            .is_some_and(|bm| bm[(lo >> 5) as usize] & (1 << (lo & 31)) != 0)
                    }
                }
            };
            if hit {
                return ok;
            }
        }
        !ok
    }

    #[inline]
    pub fn contains(&self, c: u32) -> bool {
        if c < 256 {
            self.low[(c >> 6) as usize] & (1 << (c & 63)) != 0
        } else {
            self.eval(c)
        }
    }

    /// Membership with IGNORECASE applied as the `IN_*_IGNORE` opcodes do.
    #[inline]
    pub fn contains_case(&self, case: Case, c: u32) -> bool {
        match case {
            Case::Exact => self.contains(c),
            Case::Ascii => self.contains(lower_ascii(c)),
            Case::Uni => self.contains(lower_unicode(c)),
            Case::Loc => {
                let lo = lower_locale(c);
                if self.contains(lo) {
                    return true;
                }
                let up = upper_locale(c);
                up != lo && self.contains(up)
            }
        }
    }
}

/// A literal comparison under `case` (`LITERAL*` opcodes; `lit` is already lower-cased by the
/// compiler for the IGNORE variants).
#[inline]
pub fn literal_eq(case: Case, lit: u32, c: u32) -> bool {
    match case {
        Case::Exact => c == lit,
        Case::Ascii => lower_ascii(c) == lit,
        Case::Uni => lower_unicode(c) == lit,
        Case::Loc => c == lit || lower_locale(c) == lit || upper_locale(c) == lit,
    }
}

/// Back-reference comparison of two characters under `case`.
#[inline]
pub fn backref_eq(case: Case, a: u32, b: u32) -> bool {
    match case {
        Case::Exact => a == b,
        Case::Ascii => lower_ascii(a) == lower_ascii(b),
        Case::Uni => lower_unicode(a) == lower_unicode(b),
        Case::Loc => lower_locale(a) == lower_locale(b),
    }
}
