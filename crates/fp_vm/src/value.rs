//! The one-word `Value`: every Python value the VM handles is a 64-bit word.
//!
//! Encoding (low bits decide):
//! - `...1`   small int: the word shifted right by one (63-bit two's complement);
//! - `...000` non-zero: pointer to a heap object (8-byte aligned [`ObjHeader`]);
//! - `0`      NULL: "no value" (unbound local, empty cell, absent argument), never seen by Python;
//! - `...010` immediate: None, False, True, NotImplemented, Ellipsis (index in bits 3..).
//!
//! Immediates make the commonest constants free to create and compare; small ints make int
//! arithmetic allocation-free until it overflows 63 bits, then it moves to a heap big int.

use crate::object::{ObjHeader, ObjKind, Payload};

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(transparent)]
pub struct Value(u64);

const TAG_INT: u64 = 1;
const TAG_IMM_MASK: u64 = 0b111;
const TAG_IMM: u64 = 0b010;

/// Largest and smallest ints that fit the small-int encoding.
pub const SMALL_INT_MAX: i64 = (1i64 << 62) - 1;
pub const SMALL_INT_MIN: i64 = -(1i64 << 62);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
#[repr(u8)]
pub enum Immediate {
    None = 0,
    False = 1,
    True = 2,
    NotImplemented = 3,
    Ellipsis = 4,
}

impl Value {
    pub const NULL: Value = Value(0);
    pub const NONE: Value = Value::imm(Immediate::None);
    pub const FALSE: Value = Value::imm(Immediate::False);
    pub const TRUE: Value = Value::imm(Immediate::True);
    pub const NOT_IMPLEMENTED: Value = Value::imm(Immediate::NotImplemented);
    pub const ELLIPSIS: Value = Value::imm(Immediate::Ellipsis);
    /// A word no real value uses (low bits 110): internal table markers, never dereferenced.
    pub const SENTINEL: Value = Value(0b110);

    const fn imm(i: Immediate) -> Value {
        Value(((i as u64) << 3) | TAG_IMM)
    }

    #[inline]
    pub fn bits(self) -> u64 {
        self.0
    }
    #[inline]
    pub fn from_bits(bits: u64) -> Value {
        Value(bits)
    }
    #[inline]
    pub fn is_null(self) -> bool {
        self.0 == 0
    }
    #[inline]
    pub fn is_none(self) -> bool {
        self == Value::NONE
    }
    #[inline]
    pub fn from_bool(b: bool) -> Value {
        if b { Value::TRUE } else { Value::FALSE }
    }

    /// A small int for a value known to fit 63 bits (constants, counts, lengths); anything
    /// that may be larger goes through `types::int::from_i64`, which boxes.
    #[inline]
    pub fn small(i: i64) -> Value {
        debug_assert!((SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i));
        Self::try_small_int(i).unwrap_or(Value::NONE)
    }

    /// A small int, or None when `i` does not fit 63 bits (callers then box a big int).
    #[inline]
    pub fn try_small_int(i: i64) -> Option<Value> {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i) {
            Some(Value(((i as u64) << 1) | TAG_INT))
        } else {
            None
        }
    }
    #[inline]
    pub fn is_small_int(self) -> bool {
        self.0 & TAG_INT != 0
    }
    #[inline]
    pub fn as_small_int(self) -> Option<i64> {
        if self.is_small_int() {
            Some((self.0 as i64) >> 1)
        } else {
            None
        }
    }
    /// The small int's value; only meaningful when `is_small_int()`.
    #[inline]
    pub fn small_int_unchecked(self) -> i64 {
        (self.0 as i64) >> 1
    }
    #[inline]
    pub fn is_immediate(self) -> bool {
        self.0 & TAG_IMM_MASK == TAG_IMM
    }
    pub fn as_immediate(self) -> Option<Immediate> {
        if !self.is_immediate() {
            return None;
        }
        Some(match self.0 >> 3 {
            0 => Immediate::None,
            1 => Immediate::False,
            2 => Immediate::True,
            3 => Immediate::NotImplemented,
            _ => Immediate::Ellipsis,
        })
    }
    #[inline]
    pub fn is_bool(self) -> bool {
        self == Value::TRUE || self == Value::FALSE
    }
    #[inline]
    pub fn is_ptr(self) -> bool {
        self.0 != 0 && self.0 & TAG_IMM_MASK == 0
    }

    /// The object header, when this is a heap pointer.
    #[inline]
    pub fn header(self) -> Option<&'static ObjHeader> {
        if self.is_ptr() {
            // SAFETY: pointer-tagged words are only made by `Value::from_header` from live heap
            // objects; the heap never moves or frees an object reachable from a Value the
            // collector can see, so the header is valid for as long as the word is in use.
            Some(unsafe { &*(self.0 as *const ObjHeader) })
        } else {
            None
        }
    }
    #[inline]
    pub fn from_header(h: *const ObjHeader) -> Value {
        debug_assert!(!h.is_null() && (h as u64) & TAG_IMM_MASK == 0);
        Value(h as u64)
    }

    #[inline]
    pub fn kind(self) -> Option<ObjKind> {
        self.header().map(|h| h.kind())
    }

    /// The payload of type `T`, when this is a heap object of that layout (or a subclass
    /// instance sharing it).
    #[inline]
    pub fn downcast<T: Payload>(self) -> Option<&'static T> {
        let h = self.header()?;
        if h.kind() == T::KIND {
            // SAFETY: the kind byte is written once at allocation from `T::KIND` of the payload
            // that follows the header (see `heap::alloc`), so the cast matches the layout.
            Some(unsafe { h.payload::<T>() })
        } else {
            None
        }
    }

    #[inline]
    pub fn is<T: Payload>(self) -> bool {
        self.kind() == Some(T::KIND)
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_null() {
            write!(f, "NULL")
        } else if let Some(i) = self.as_small_int() {
            write!(f, "{i}")
        } else if let Some(imm) = self.as_immediate() {
            write!(f, "{imm:?}")
        } else if let Some(k) = self.kind() {
            write!(f, "<{k:?} at {:#x}>", self.0)
        } else {
            write!(f, "<?{:#x}>", self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_int_round_trip() {
        for i in [
            0,
            1,
            -1,
            42,
            SMALL_INT_MAX,
            SMALL_INT_MIN,
            1 << 40,
            -(1 << 50),
        ] {
            let v = Value::try_small_int(i).unwrap();
            assert!(v.is_small_int());
            assert!(!v.is_ptr());
            assert_eq!(v.as_small_int(), Some(i));
        }
        assert!(Value::try_small_int(SMALL_INT_MAX + 1).is_none());
        assert!(Value::try_small_int(SMALL_INT_MIN - 1).is_none());
    }

    #[test]
    fn immediates_are_distinct() {
        let all = [
            Value::NONE,
            Value::FALSE,
            Value::TRUE,
            Value::NOT_IMPLEMENTED,
            Value::ELLIPSIS,
        ];
        for (i, a) in all.iter().enumerate() {
            assert!(a.is_immediate() && !a.is_ptr() && !a.is_small_int() && !a.is_null());
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(Value::TRUE.as_immediate(), Some(Immediate::True));
        assert!(Value::NULL.is_null() && !Value::NULL.is_ptr());
    }
}
