//! Decoding bytes to str (`bytes.decode`, reusable as [`decode`]): UTF-8, ASCII, Latin-1,
//! UTF-16 and UTF-32 with the `strict`, `ignore`, `replace` and `backslashreplace` error
//! handlers, raising CPython's `UnicodeDecodeError` (same reason strings and positions, so
//! "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte" reads the same).
//!
//! ferropy's str cannot hold lone surrogates yet, so `surrogateescape`/`surrogatepass`
//! produce U+FFFD where CPython would produce a surrogate.

use crate::native;
use crate::native::NativeDef;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

/// Gives UnicodeDecodeError its CPython `str()`; called from `exceptions::init`.
pub fn install(vm: &mut Vm) {
    let ty = vm.exc.unicode_decode_error;
    typeobj::add_methods(vm, ty, DECODE_ERROR_METHODS);
}

static DECODE_ERROR_METHODS: &[NativeDef] = &[native!("__str__", "($self, /)", decode_error_str)];

/// Canonical codec name for the spellings CPython accepts (`UTF8`, `utf_8`, `latin1`...), or
/// the lowercased input when unknown.
pub fn normalize_encoding(enc: &str) -> String {
    let e: String = enc
        .trim()
        .chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    match e.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8-ucs2" | "utf8-ucs4" => "utf-8",
        "ascii" | "us-ascii" | "646" | "us" | "ansi-x3.4-1968" => "ascii",
        "latin-1" | "latin1" | "latin" | "l1" | "iso-8859-1" | "iso8859-1" | "8859" | "cp819"
        | "iso-ir-100" | "csisolatin1" => "latin-1",
        "utf-16" | "utf16" | "u16" => "utf-16",
        "utf-16-le" | "utf-16le" | "utf16le" => "utf-16-le",
        "utf-16-be" | "utf-16be" | "utf16be" => "utf-16-be",
        "utf-32" | "utf32" | "u32" => "utf-32",
        "utf-32-le" | "utf-32le" | "utf32le" => "utf-32-le",
        "utf-32-be" | "utf-32be" | "utf32be" => "utf-32-be",
        _ => return e,
    }
    .to_string()
}

/// One undecodable stretch `data[start..end]` and why.
pub struct BadRange {
    pub start: usize,
    pub end: usize,
    pub reason: &'static str,
}

/// Decodes `data` with codec `encoding` and error handler `errors`.
pub fn decode(vm: &mut Vm, data: &[u8], encoding: &str, errors: &str) -> PyResult {
    let codec = normalize_encoding(encoding);
    let mut out = String::with_capacity(data.len());
    let mut pos = 0;
    // UTF-16/32 byte order is fixed once (name suffix, else a leading BOM, else little-endian).
    let le = match codec.as_str() {
        "utf-16" | "utf-16-le" | "utf-16-be" => {
            byte_order(&codec, data, &mut pos, b"\xff\xfe", b"\xfe\xff")
        }
        "utf-32" | "utf-32-le" | "utf-32-be" => byte_order(
            &codec,
            data,
            &mut pos,
            b"\xff\xfe\x00\x00",
            b"\x00\x00\xfe\xff",
        ),
        _ => true,
    };
    loop {
        let step = match codec.as_str() {
            "utf-8" => utf8_step(data, pos, &mut out),
            "ascii" => ascii_step(data, pos, &mut out),
            "latin-1" => {
                out.extend(data[pos..].iter().map(|&b| b as char));
                None
            }
            "utf-16" | "utf-16-le" | "utf-16-be" => utf16_step(le, data, &mut pos, &mut out),
            "utf-32" | "utf-32-le" | "utf-32-be" => utf32_step(le, data, &mut pos, &mut out),
            _ => {
                return Err(
                    vm.new_exc(vm.exc.lookup_error, format!("unknown encoding: {encoding}"))
                );
            }
        };
        let Some(bad) = step else { break };
        match errors {
            "strict" => return Err(decode_error(vm, &codec, data, bad)),
            "ignore" => {}
            "replace" | "surrogateescape" | "surrogatepass" => out.push('\u{FFFD}'),
            "backslashreplace" => {
                for b in &data[bad.start..bad.end] {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            _ => {
                return Err(vm.new_exc(
                    vm.exc.lookup_error,
                    format!("unknown error handler name '{errors}'"),
                ));
            }
        }
        pos = bad.end;
    }
    Ok(vm.new_string(out))
}

/// A `UnicodeDecodeError(encoding, object, start, end, reason)` with its attributes set.
pub fn decode_error(vm: &mut Vm, codec: &str, data: &[u8], bad: BadRange) -> Exc {
    let enc = vm.new_str(codec);
    let obj = crate::types::bytes::new_bytes(vm, data.to_vec());
    let start = crate::types::int::from_usize(vm, bad.start);
    let end = crate::types::int::from_usize(vm, bad.end);
    let reason = vm.new_str(bad.reason);
    let e = vm.new_exc_args(
        vm.exc.unicode_decode_error,
        vec![enc, obj, start, end, reason],
    );
    for (name, v) in [
        ("encoding", enc),
        ("object", obj),
        ("start", start),
        ("end", end),
        ("reason", reason),
    ] {
        let k = vm.intern(name);
        crate::types::instance::set(vm, e.0, k, v);
    }
    e
}

/// `str(UnicodeDecodeError)`: "'utf-8' codec can't decode byte 0xff in position 0: invalid
/// start byte" (or "bytes in position 0-2" for a longer stretch).
fn decode_error_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = a[0];
    let args = crate::types::exceptions::exc_obj(e)
        .and_then(|x| crate::types::tuple::items(x.args.get()))
        .unwrap_or(&[])
        .to_vec();
    let attr = |vm: &mut Vm, name: &str, i: usize| {
        let k = vm.intern(name);
        crate::types::instance::get(e, k).or_else(|| args.get(i).copied())
    };
    let (Some(enc), Some(obj), Some(start), Some(end), Some(reason)) = (
        attr(vm, "encoding", 0),
        attr(vm, "object", 1),
        attr(vm, "start", 2),
        attr(vm, "end", 3),
        attr(vm, "reason", 4),
    ) else {
        // Not the 5-argument form: BaseException's str.
        return match args.len() {
            0 => Ok(vm.new_str("")),
            1 => crate::ops::repr::str(vm, args[0]),
            _ => {
                let t = crate::types::tuple::new_tuple(vm, args);
                crate::ops::repr::repr(vm, t)
            }
        };
    };
    let enc = crate::ops::repr::str_string(vm, enc)?;
    let reason = crate::ops::repr::str_string(vm, reason)?;
    let start = start.as_small_int().unwrap_or(0);
    let end = end.as_small_int().unwrap_or(0);
    let byte = usize::try_from(start)
        .ok()
        .and_then(|s| crate::types::bytes::byte_at(obj, s));
    let msg = match byte {
        Some(b) if end == start + 1 => {
            format!("'{enc}' codec can't decode byte 0x{b:02x} in position {start}: {reason}")
        }
        _ => format!(
            "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
            end - 1
        ),
    };
    Ok(vm.new_string(msg))
}

/// Decodes valid UTF-8 from `pos` into `out`; returns the first invalid stretch (None at end).
fn utf8_step(data: &[u8], pos: usize, out: &mut String) -> Option<BadRange> {
    let rest = &data[pos..];
    match std::str::from_utf8(rest) {
        Ok(s) => {
            out.push_str(s);
            None
        }
        Err(e) => {
            let good = e.valid_up_to();
            out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
            let start = pos + good;
            Some(classify_utf8_error(data, start))
        }
    }
}

/// CPython's classification of an invalid UTF-8 sequence starting at `start`.
fn classify_utf8_error(data: &[u8], start: usize) -> BadRange {
    let lead = data[start];
    let bad = |end: usize, reason| BadRange { start, end, reason };
    let (need, lo, hi) = match lead {
        0xC2..=0xDF => (1, 0x80, 0xBF),
        0xE0 => (2, 0xA0, 0xBF),
        0xED => (2, 0x80, 0x9F),
        0xE1..=0xEF => (2, 0x80, 0xBF),
        0xF0 => (3, 0x90, 0xBF),
        0xF4 => (3, 0x80, 0x8F),
        0xF1..=0xF3 => (3, 0x80, 0xBF),
        _ => return bad(start + 1, "invalid start byte"),
    };
    // The first continuation byte has a lead-specific range; later ones are 0x80..=0xBF.
    for k in 1..=need {
        let Some(&c) = data.get(start + k) else {
            return bad(data.len(), "unexpected end of data");
        };
        let (l, h) = if k == 1 { (lo, hi) } else { (0x80, 0xBF) };
        if !(l..=h).contains(&c) {
            return bad(start + k, "invalid continuation byte");
        }
    }
    // Unreachable for input from_utf8 rejected; report the lead byte.
    bad(start + 1, "invalid start byte")
}

fn ascii_step(data: &[u8], pos: usize, out: &mut String) -> Option<BadRange> {
    for (i, &b) in data[pos..].iter().enumerate() {
        if b >= 0x80 {
            return Some(BadRange {
                start: pos + i,
                end: pos + i + 1,
                reason: "ordinal not in range(128)",
            });
        }
        out.push(b as char);
    }
    None
}

/// Byte order of a UTF-16/32 stream: from the codec name, else from a BOM (consumed), else
/// little-endian (as CPython on little-endian hosts).
fn byte_order(codec: &str, data: &[u8], pos: &mut usize, bom_le: &[u8], bom_be: &[u8]) -> bool {
    if codec.ends_with("-le") {
        return true;
    }
    if codec.ends_with("-be") {
        return false;
    }
    if data.starts_with(bom_le) {
        *pos = bom_le.len();
        return true;
    }
    if data.starts_with(bom_be) {
        *pos = bom_be.len();
        return false;
    }
    true
}

fn utf16_step(le: bool, data: &[u8], pos: &mut usize, out: &mut String) -> Option<BadRange> {
    let unit = |i: usize| -> Option<u16> {
        let b = data.get(i..i + 2)?;
        Some(if le {
            u16::from_le_bytes([b[0], b[1]])
        } else {
            u16::from_be_bytes([b[0], b[1]])
        })
    };
    let mut i = *pos;
    while i < data.len() {
        let Some(u) = unit(i) else {
            return Some(BadRange {
                start: i,
                end: data.len(),
                reason: "truncated data",
            });
        };
        if (0xD800..0xDC00).contains(&u) {
            match unit(i + 2) {
                Some(v) if (0xDC00..0xE000).contains(&v) => {
                    let c = 0x10000 + (((u as u32) - 0xD800) << 10) + ((v as u32) - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    i += 4;
                }
                None if i + 2 >= data.len() => {
                    return Some(BadRange {
                        start: i,
                        end: data.len(),
                        reason: "unexpected end of data",
                    });
                }
                _ => {
                    return Some(BadRange {
                        start: i,
                        end: i + 2,
                        reason: "illegal UTF-16 surrogate",
                    });
                }
            }
        } else if (0xDC00..0xE000).contains(&u) {
            return Some(BadRange {
                start: i,
                end: i + 2,
                reason: "illegal encoding",
            });
        } else {
            out.push(char::from_u32(u as u32).unwrap_or('\u{FFFD}'));
            i += 2;
        }
    }
    *pos = i;
    None
}

fn utf32_step(le: bool, data: &[u8], pos: &mut usize, out: &mut String) -> Option<BadRange> {
    let mut i = *pos;
    while i < data.len() {
        let Some(b) = data.get(i..i + 4) else {
            return Some(BadRange {
                start: i,
                end: data.len(),
                reason: "truncated data",
            });
        };
        let c = if le {
            u32::from_le_bytes([b[0], b[1], b[2], b[3]])
        } else {
            u32::from_be_bytes([b[0], b[1], b[2], b[3]])
        };
        match char::from_u32(c) {
            Some(ch) => out.push(ch),
            None => {
                let reason = if c > 0x10FFFF {
                    "code point not in range(0x110000)"
                } else {
                    "code point in surrogate character range"
                };
                return Some(BadRange {
                    start: i,
                    end: i + 4,
                    reason,
                });
            }
        }
        i += 4;
    }
    *pos = i;
    None
}
