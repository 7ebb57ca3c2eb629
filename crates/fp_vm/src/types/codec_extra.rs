//! The less common codecs of `_codecs`: UTF-7, the escape codecs (`escape_encode/decode` for
//! bytes literals, `unicode_escape`, `raw_unicode_escape`) and the charmap codec (the
//! table-driven one the 8-bit codecs of `encodings` are built on). The Unicode codecs share
//! `str_codec`'s error handling (`codec_errors`).

use crate::types::codec_errors::{EncRepl, Errors, decode_err, encode_err};
use crate::types::str::{as_str, char_for, code_point, is_surrogate};
use crate::types::str_codec::encode_error;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

// ----- UTF-7 -----

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn from_b64(c: u8) -> Option<u32> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    } as u32)
}

/// Characters UTF-7 writes as themselves (sets D and O and white space, as CPython does).
fn utf7_direct(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='}') && !matches!(c, '+' | '\\')
}

pub fn utf7_encode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let (mut in_shift, mut bits, mut buf) = (false, 0u32, 0u64);
    let mut units = [0u16; 2];
    for ch in s.chars() {
        if in_shift {
            if utf7_direct(ch) {
                if bits > 0 {
                    out.push(B64[((buf << (6 - bits)) & 0x3F) as usize]);
                    buf = 0;
                    bits = 0;
                }
                in_shift = false;
                if from_b64(ch as u8).is_some() || ch == '-' {
                    out.push(b'-');
                }
                out.push(ch as u8);
                continue;
            }
        } else if ch == '+' {
            out.extend_from_slice(b"+-");
            continue;
        } else if utf7_direct(ch) {
            out.push(ch as u8);
            continue;
        } else {
            out.push(b'+');
            in_shift = true;
        }
        let units: &[u16] = if is_surrogate(ch) {
            units[0] = code_point(ch) as u16;
            &units[..1]
        } else {
            ch.encode_utf16(&mut units)
        };
        for &u in units.iter() {
            bits += 16;
            buf = (buf << 16) | u as u64;
            while bits >= 6 {
                out.push(B64[((buf >> (bits - 6)) & 0x3F) as usize]);
                bits -= 6;
            }
            buf &= (1u64 << bits) - 1;
        }
    }
    if bits > 0 {
        out.push(B64[((buf << (6 - bits)) & 0x3F) as usize]);
    }
    if in_shift {
        out.push(b'-');
    }
    out
}

pub fn utf7_decode(
    vm: &mut Vm,
    data: &[u8],
    errs: &mut Errors,
    final_: bool,
    obj: Value,
) -> PyResult<(String, usize)> {
    let mut out = String::with_capacity(data.len());
    let (mut in_shift, mut bits, mut buf, mut surrogate) = (false, 0u32, 0u64, 0u32);
    let (mut start, mut shift_out) = (0usize, 0usize);
    let mut s = 0;
    let e = data.len();
    loop {
        while s < e {
            let ch = data[s];
            let err: &str;
            if in_shift {
                if let Some(v) = from_b64(ch) {
                    buf = (buf << 6) | v as u64;
                    bits += 6;
                    s += 1;
                    if bits >= 16 {
                        let u = ((buf >> (bits - 16)) & 0xFFFF) as u32;
                        bits -= 16;
                        buf &= (1u64 << bits) - 1;
                        if surrogate != 0 {
                            if (0xDC00..0xE000).contains(&u) {
                                let c = 0x10000 + ((surrogate - 0xD800) << 10) + (u - 0xDC00);
                                out.extend(char_for(c));
                                surrogate = 0;
                                continue;
                            }
                            // A high surrogate not followed by a low one stays lone.
                            out.extend(char_for(surrogate));
                            surrogate = 0;
                        }
                        if (0xD800..0xDC00).contains(&u) {
                            surrogate = u;
                        } else {
                            out.extend(char_for(u));
                        }
                    }
                    continue;
                }
                in_shift = false;
                // A whole base64 character past the last 16-bit unit is a partial character.
                if bits >= 6 {
                    s += 1;
                    err = "partial character in shift sequence";
                } else if buf != 0 {
                    s += 1;
                    err = "non-zero padding bits in shift sequence";
                } else {
                    // A pending lone high surrogate is kept only before a character that
                    // decodes directly; before '+' or a non-ASCII byte it is dropped (the
                    // byte's own error stands for it), as CPython does.
                    if surrogate != 0 && ch <= 127 && ch != b'+' {
                        out.extend(char_for(surrogate));
                    }
                    surrogate = 0;
                    if ch == b'-' {
                        s += 1;
                    }
                    continue;
                }
            } else if ch == b'+' {
                start = s;
                s += 1;
                if s < e && data[s] == b'-' {
                    s += 1;
                    out.push('+');
                    continue;
                } else if s < e && from_b64(data[s]).is_none() {
                    s += 1;
                    err = "ill-formed sequence";
                } else {
                    in_shift = true;
                    surrogate = 0;
                    shift_out = out.len();
                    bits = 0;
                    buf = 0;
                    continue;
                }
            } else if ch <= 127 {
                s += 1;
                out.push(ch as char);
                continue;
            } else {
                start = s;
                s += 1;
                err = "unexpected special character";
            }
            s = decode_err(vm, errs, "utf7", data, obj, start, s, err, &mut out)?;
        }
        if in_shift && final_ {
            in_shift = false;
            if surrogate != 0 || bits >= 6 || bits > 0 && buf != 0 {
                let reason = "unterminated shift sequence";
                s = decode_err(vm, errs, "utf7", data, obj, start, e, reason, &mut out)?;
                if s < e {
                    continue;
                }
            }
        }
        break;
    }
    if in_shift {
        out.truncate(shift_out);
        return Ok((out, start));
    }
    Ok((out, s.min(e)))
}

// ----- bytes escapes (escape_encode / escape_decode) -----

pub fn escape_encode(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    for &b in data {
        match b {
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(b),
            _ => out.extend_from_slice(format!("\\x{b:02x}").as_bytes()),
        }
    }
    out
}

fn hexval(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// Decodes bytes-literal escapes; errors (only bad `\x`) are "strict", "replace" or "ignore".
pub fn escape_decode(vm: &mut Vm, data: &[u8], errors: &str) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut first_invalid: Option<usize> = None;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b != b'\\' {
            out.push(b);
            i += 1;
            continue;
        }
        i += 1;
        let Some(&c) = data.get(i) else {
            return Err(vm.value_error("Trailing \\ in string"));
        };
        i += 1;
        match c {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(c),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(b'\t'),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                for _ in 0..2 {
                    match data.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                if v > 0o377 && first_invalid.is_none() {
                    first_invalid = Some(i - 3);
                }
                out.push(v as u8);
            }
            b'x' => {
                let h1 = data.get(i).and_then(|&d| hexval(d));
                let h2 = data.get(i + 1).and_then(|&d| hexval(d));
                if let (Some(a), Some(b)) = (h1, h2) {
                    out.push((a * 16 + b) as u8);
                    i += 2;
                    continue;
                }
                match errors {
                    "strict" => {
                        return Err(
                            vm.value_error(format!("invalid \\x escape at position {}", i - 2))
                        );
                    }
                    "replace" => out.push(b'?'),
                    "ignore" => {}
                    _ => {
                        return Err(vm.value_error(format!(
                            "decoding error; unknown error handling code: {errors}"
                        )));
                    }
                }
                if h1.is_some() {
                    i += 1;
                }
            }
            _ => {
                if first_invalid.is_none() {
                    first_invalid = Some(i - 1);
                }
                out.push(b'\\');
                out.push(c);
            }
        }
    }
    warn_invalid_escape(vm, data, first_invalid)?;
    Ok(out)
}

/// CPython's DeprecationWarning for the first invalid escape of a decoded string: an unknown
/// escape character, or an octal escape above 0o377 (`at` is the index after the backslash).
fn warn_invalid_escape(vm: &mut Vm, data: &[u8], at: Option<usize>) -> PyResult<()> {
    let Some(at) = at else { return Ok(()) };
    let Some(&c) = data.get(at) else {
        return Ok(());
    };
    let msg = if (b'4'..=b'7').contains(&c) {
        let digits = String::from_utf8_lossy(data.get(at..at + 3).unwrap_or(&[]));
        format!("invalid octal escape sequence '\\{digits}'")
    } else {
        format!("invalid escape sequence '\\{}'", c as char)
    };
    let cat = vm.exc.deprecation_warning;
    crate::modules::warnings::warn_with_source(vm, cat, &msg, 1, Value::NULL)
}

// ----- unicode_escape / raw_unicode_escape -----

pub fn unicode_escape_encode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let u = code_point(c);
        match c {
            '\\' => out.extend_from_slice(b"\\\\"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            ' '..='~' => out.push(u as u8),
            _ if u < 0x100 => out.extend_from_slice(format!("\\x{u:02x}").as_bytes()),
            _ if u < 0x10000 => out.extend_from_slice(format!("\\u{u:04x}").as_bytes()),
            _ => out.extend_from_slice(format!("\\U{u:08x}").as_bytes()),
        }
    }
    out
}

pub fn raw_unicode_escape_encode(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        let u = code_point(c);
        if u < 0x100 {
            out.push(u as u8);
        } else if u < 0x10000 {
            out.extend_from_slice(format!("\\u{u:04x}").as_bytes());
        } else {
            out.extend_from_slice(format!("\\U{u:08x}").as_bytes());
        }
    }
    out
}

/// Reads `n` hex digits at `i`: Ok(value) or Err(number of hex digits present).
fn read_hex(data: &[u8], i: usize, n: usize) -> Result<u32, usize> {
    let mut v = 0u32;
    for k in 0..n {
        match data.get(i + k).and_then(|&d| hexval(d)) {
            Some(h) => v = v.wrapping_mul(16).wrapping_add(h),
            None => return Err(k),
        }
    }
    Ok(v)
}

/// `\N{name}` through `unicodedata.lookup`, when that module is importable.
fn lookup_name(vm: &mut Vm, name: &str) -> PyResult<Option<char>> {
    let Ok(ud) = crate::modules::import_module(vm, "unicodedata") else {
        return Err(vm.new_exc(
            vm.exc.not_implemented_error,
            "\\N{...} escapes need Unicode character names, which ferropy does not have yet \
             (no unicodedata module)",
        ));
    };
    let f = crate::ops::attr::getattr_str(vm, ud, "lookup")?;
    let n = vm.new_str(name);
    match crate::ops::call::call(vm, f, &[n]) {
        Ok(r) => Ok(as_str(r).and_then(|s| s.chars().next())),
        Err(_) => Ok(None),
    }
}

pub fn unicode_escape_decode(
    vm: &mut Vm,
    data: &[u8],
    errs: &mut Errors,
    final_: bool,
    obj: Value,
) -> PyResult<(String, usize)> {
    const ENC: &str = "unicodeescape";
    let mut out = String::with_capacity(data.len());
    let mut first_invalid: Option<usize> = None;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b != b'\\' {
            out.push(b as char);
            i += 1;
            continue;
        }
        let start = i;
        let Some(&c) = data.get(i + 1) else {
            if !final_ {
                return Ok((out, start));
            }
            let r = "\\ at end of string";
            i = decode_err(vm, errs, ENC, data, obj, start, start + 1, r, &mut out)?;
            continue;
        };
        i += 2;
        match c {
            b'\n' => {}
            b'\\' | b'\'' | b'"' => out.push(c as char),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b't' => out.push('\t'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b'v' => out.push('\u{b}'),
            b'a' => out.push('\u{7}'),
            b'0'..=b'7' => {
                let mut v = (c - b'0') as u32;
                for _ in 0..2 {
                    match data.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                if v > 0o377 && first_invalid.is_none() {
                    first_invalid = Some(i - 3);
                }
                out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
            }
            b'x' | b'u' | b'U' => {
                let (n, reason) = match c {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                match read_hex(data, i, n) {
                    Ok(v) => match char_for(v) {
                        Some(ch) => {
                            out.push(ch);
                            i += n;
                        }
                        None => {
                            let r = if v >= 0x110000 {
                                "illegal Unicode character"
                            } else {
                                crate::types::str_codec::UNREPRESENTABLE
                            };
                            let end = i + n;
                            i = decode_err(vm, errs, ENC, data, obj, start, end, r, &mut out)?;
                        }
                    },
                    Err(k) => {
                        if !final_ && i + k >= data.len() {
                            return Ok((out, start));
                        }
                        let end = i + k;
                        i = decode_err(vm, errs, ENC, data, obj, start, end, reason, &mut out)?;
                    }
                }
            }
            b'N' => {
                let name_end = if data.get(i) == Some(&b'{') {
                    data[i..].iter().position(|&d| d == b'}').map(|p| i + p)
                } else {
                    None
                };
                match name_end {
                    Some(close) if close > i + 1 => {
                        let name = String::from_utf8_lossy(&data[i + 1..close]).into_owned();
                        match lookup_name(vm, &name)? {
                            Some(ch) => {
                                out.push(ch);
                                i = close + 1;
                            }
                            None => {
                                let r = "unknown Unicode character name";
                                let end = close + 1;
                                i = decode_err(vm, errs, ENC, data, obj, start, end, r, &mut out)?;
                            }
                        }
                    }
                    _ => {
                        if !final_ && name_end.is_none() {
                            return Ok((out, start));
                        }
                        let r = "malformed \\N character escape";
                        let end = match name_end {
                            Some(close) => close + 1,
                            None => i,
                        };
                        i = decode_err(vm, errs, ENC, data, obj, start, end, r, &mut out)?;
                    }
                }
            }
            _ => {
                if first_invalid.is_none() {
                    first_invalid = Some(i - 1);
                }
                out.push('\\');
                out.push(c as char);
            }
        }
    }
    warn_invalid_escape(vm, data, first_invalid)?;
    Ok((out, data.len()))
}

pub fn raw_unicode_escape_decode(
    vm: &mut Vm,
    data: &[u8],
    errs: &mut Errors,
    final_: bool,
    obj: Value,
) -> PyResult<(String, usize)> {
    const ENC: &str = "rawunicodeescape";
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b != b'\\' {
            out.push(b as char);
            i += 1;
            continue;
        }
        // A run of backslashes: only an odd count escapes the following u/U.
        let run = data[i..].iter().take_while(|&&d| d == b'\\').count();
        if run % 2 == 0 {
            out.extend(std::iter::repeat_n('\\', run));
            i += run;
            continue;
        }
        for _ in 0..run - 1 {
            out.push('\\');
        }
        let start = i + run - 1;
        i = start + 1;
        let c = data.get(i).copied();
        if !matches!(c, Some(b'u' | b'U')) {
            if c.is_none() && !final_ {
                return Ok((out, start));
            }
            out.push('\\');
            continue;
        }
        let n = if c == Some(b'u') { 4 } else { 8 };
        i += 1;
        match read_hex(data, i, n) {
            Ok(v) => match char_for(v) {
                Some(ch) => {
                    out.push(ch);
                    i += n;
                }
                None => {
                    let r = if v >= 0x110000 {
                        "\\Uxxxxxxxx out of range"
                    } else {
                        crate::types::str_codec::UNREPRESENTABLE
                    };
                    let end = i + n;
                    i = decode_err(vm, errs, ENC, data, obj, start, end, r, &mut out)?;
                }
            },
            Err(k) => {
                if !final_ && i + k >= data.len() {
                    return Ok((out, start));
                }
                let r = if n == 4 {
                    "truncated \\uXXXX escape"
                } else {
                    "truncated \\UXXXXXXXX escape"
                };
                let end = i + k;
                i = decode_err(vm, errs, ENC, data, obj, start, end, r, &mut out)?;
            }
        }
    }
    Ok((out, data.len()))
}

// ----- charmap -----

/// What a decoding mapping gives for one byte.
enum Mapped {
    Text(String),
    Undefined,
}

fn charmap_lookup_decode(vm: &mut Vm, mapping: Value, b: u8) -> PyResult<Mapped> {
    if let Some(table) = as_str(mapping) {
        // A str table: index by byte; U+FFFE marks an undefined entry.
        return Ok(match table.chars().nth(b as usize) {
            Some('\u{FFFE}') | None => Mapped::Undefined,
            Some(c) => Mapped::Text(c.to_string()),
        });
    }
    let key = crate::types::int::from_i64(vm, b as i64);
    let v = match crate::ops::item::getitem(vm, mapping, key) {
        Ok(v) => v,
        Err(e) => {
            let t = vm.type_of(e.0);
            if crate::types::typeobj::is_subtype(t, vm.exc.lookup_error) {
                return Ok(Mapped::Undefined);
            }
            return Err(e);
        }
    };
    if v.is_none() {
        return Ok(Mapped::Undefined);
    }
    if let Some(s) = as_str(v) {
        return Ok(if s == "\u{FFFE}" {
            Mapped::Undefined
        } else {
            Mapped::Text(s.to_string())
        });
    }
    if crate::types::int::is_int(v) {
        let i = crate::types::int::int_ref(v).and_then(|r| r.to_i64());
        return match i.and_then(|i| u32::try_from(i).ok()).and_then(char_for) {
            Some('\u{FFFE}') => Ok(Mapped::Undefined),
            Some(c) => Ok(Mapped::Text(c.to_string())),
            None => Err(vm.type_error("character mapping must be in range(0x110000)")),
        };
    }
    Err(vm.type_error("character mapping must return integer, None or str"))
}

pub fn charmap_decode(
    vm: &mut Vm,
    data: &[u8],
    errs: &mut Errors,
    mapping: Value,
    obj: Value,
) -> PyResult<String> {
    if mapping.is_null() || mapping.is_none() {
        return Ok(data.iter().map(|&b| b as char).collect());
    }
    // A str decoding table is indexed once up front (the common case: `encodings.cp1252`...).
    let table: Option<Vec<char>> = as_str(mapping).map(|t| t.chars().take(256).collect());
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let mapped = match &table {
            Some(t) => match t.get(data[i] as usize) {
                Some('\u{FFFE}') | None => Mapped::Undefined,
                Some(&c) => {
                    out.push(c);
                    i += 1;
                    continue;
                }
            },
            None => charmap_lookup_decode(vm, mapping, data[i])?,
        };
        match mapped {
            Mapped::Text(t) => {
                out.push_str(&t);
                i += 1;
            }
            Mapped::Undefined => {
                let r = "character maps to <undefined>";
                i = decode_err(vm, errs, "charmap", data, obj, i, i + 1, r, &mut out)?;
            }
        }
    }
    Ok(out)
}

/// Encodes one character through an encoding mapping: None when unmapped.
fn charmap_lookup_encode(vm: &mut Vm, mapping: Value, c: char) -> PyResult<Option<Vec<u8>>> {
    let key = crate::types::int::from_i64(vm, code_point(c) as i64);
    let v = match crate::ops::item::getitem(vm, mapping, key) {
        Ok(v) => v,
        Err(e) => {
            let t = vm.type_of(e.0);
            if crate::types::typeobj::is_subtype(t, vm.exc.lookup_error) {
                return Ok(None);
            }
            return Err(e);
        }
    };
    if v.is_none() {
        return Ok(None);
    }
    if crate::types::int::is_int(v) {
        let i = crate::types::int::int_ref(v).and_then(|r| r.to_i64());
        return match i.and_then(|i| u8::try_from(i).ok()) {
            Some(b) => Ok(Some(vec![b])),
            None => Err(vm.type_error("character mapping must be in range(256)")),
        };
    }
    if let Some(b) = v.downcast::<crate::types::bytes::BytesObj>() {
        return Ok(Some(b.data.to_vec()));
    }
    Err(vm.type_error(format!(
        "character mapping must return integer, bytes or None, not {}",
        vm.type_name(v)
    )))
}

pub fn charmap_encode(
    vm: &mut Vm,
    s: &str,
    errs: &mut Errors,
    mapping: Value,
    obj: Value,
) -> PyResult<Vec<u8>> {
    if mapping.is_null() || mapping.is_none() {
        return crate::types::str_codec::encode_limited(vm, s, 0x100, "latin-1", errs, obj);
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let reason = "character maps to <undefined>";
    let mut i = 0;
    while i < chars.len() {
        if let Some(b) = charmap_lookup_encode(vm, mapping, chars[i])? {
            out.extend_from_slice(&b);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && charmap_lookup_encode(vm, mapping, chars[j])?.is_none() {
            j += 1;
        }
        let (repl, next) = encode_err(vm, errs, "charmap", s, &chars, obj, i, j, reason)?;
        match repl {
            EncRepl::Bytes(b) => out.extend_from_slice(&b),
            EncRepl::Text(t) => {
                for c in t.chars() {
                    match charmap_lookup_encode(vm, mapping, c)? {
                        Some(b) => out.extend_from_slice(&b),
                        None => return Err(encode_error(vm, "charmap", obj, s, i, j, reason)),
                    }
                }
            }
        }
        i = next;
    }
    Ok(out)
}
