//! The built-in text codecs: UTF-8 (and -sig), ASCII, Latin-1, UTF-16 and UTF-32 (with and
//! without BOM, both byte orders). Used by `str.encode`, `str(bytes, encoding, errors)`,
//! `bytes.decode` and the `_codecs` module, which also uses the incremental forms (`final`,
//! the consumed count, the detected byte order).
//!
//! Errors go through `codec_errors` (builtin handlers on a fast path, registered handlers
//! called with the exception). Also gives UnicodeEncodeError/UnicodeDecodeError their
//! attributes (`encoding`, `object`, `start`, `end`, `reason`) and CPython's messages.

use crate::native;
use crate::native::NativeDef;
use crate::types::codec_errors::{EncRepl, Errors, decode_err, encode_err};
use crate::types::str::{as_str, code_point, has_stand_ins, is_surrogate, is_unrepresentable};
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

/// A codec this module implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Codec {
    Utf8,
    Utf8Sig,
    Ascii,
    Latin1,
    /// UTF-16; None: native order with BOM on encode, BOM-detected on decode.
    Utf16(Option<bool>),
    Utf32(Option<bool>),
}

/// Normalises a codec name as the `encodings` package does: lower case ASCII letters, digits
/// and dots kept, every other run of characters one `_`, none at either end.
pub fn normalize_name(name: &str) -> String {
    let mut n = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if punct && !n.is_empty() {
                n.push('_');
            }
            punct = false;
            n.push(c.to_ascii_lowercase());
        } else {
            punct = true;
        }
    }
    n
}

/// Finds a codec by name, normalised as Python's `encodings` package does.
pub fn lookup(name: &str) -> Option<Codec> {
    let n = normalize_name(name);
    Some(match n.as_str() {
        "utf_8" | "utf8" | "u8" | "utf" | "cp65001" | "utf8_ucs2" | "utf8_ucs4" => Codec::Utf8,
        "utf_8_sig" => Codec::Utf8Sig,
        "ascii" | "us_ascii" | "646" | "us" | "ansi_x3.4_1968" | "ansi_x3_4_1968"
        | "ansi_x3.4_1986" | "iso646_us" | "cp367" | "csascii" | "ibm367" | "iso_ir_6" => {
            Codec::Ascii
        }
        "latin_1" | "latin1" | "latin" | "l1" | "iso8859_1" | "iso_8859_1" | "8859" | "cp819"
        | "iso_ir_100" | "csisolatin1" | "ibm819" | "iso_8859_1_1987" => Codec::Latin1,
        "utf_16" | "utf16" | "u16" => Codec::Utf16(None),
        "utf_16_le" | "utf_16le" | "unicodelittleunmarked" => Codec::Utf16(Some(false)),
        "utf_16_be" | "utf_16be" | "unicodebigunmarked" => Codec::Utf16(Some(true)),
        "utf_32" | "utf32" | "u32" => Codec::Utf32(None),
        "utf_32_le" | "utf_32le" => Codec::Utf32(Some(false)),
        "utf_32_be" | "utf_32be" => Codec::Utf32(Some(true)),
        _ => return None,
    })
}

fn unknown_encoding(vm: &mut Vm, encoding: &str) -> Exc {
    vm.new_exc(vm.exc.lookup_error, format!("unknown encoding: {encoding}"))
}

/// The byte order argument of the UTF-16/32 functions: 0 native with BOM, -1 little, 1 big.
fn order_arg(order: Option<bool>) -> i32 {
    match order {
        None => 0,
        Some(false) => -1,
        Some(true) => 1,
    }
}

// ----- encoding -----

/// Encodes `s`; `obj` is the str object (for UnicodeEncodeError.object).
pub fn encode(vm: &mut Vm, s: &str, encoding: &str, errors: &str, obj: Value) -> PyResult<Vec<u8>> {
    let Some(codec) = lookup(encoding) else {
        // Not a native codec: ask the codec registry (`codecs.register`, `encodings`).
        let o = if obj.is::<crate::types::str::StrObj>() {
            obj
        } else {
            vm.new_str(s)
        };
        return match crate::modules::codecs::registry_encode(vm, encoding, errors, o)? {
            Some(b) => Ok(b),
            None => Err(unknown_encoding(vm, encoding)),
        };
    };
    let mut errs = Errors::new(errors);
    Ok(match codec {
        Codec::Utf8 => encode_utf(vm, s, Utf::Utf8, &mut errs, obj)?,
        Codec::Utf8Sig => {
            let mut v = vec![0xEF, 0xBB, 0xBF];
            v.extend(encode_utf(vm, s, Utf::Utf8, &mut errs, obj)?);
            v
        }
        Codec::Ascii => encode_limited(vm, s, 0x80, "ascii", &mut errs, obj)?,
        Codec::Latin1 => encode_limited(vm, s, 0x100, "latin-1", &mut errs, obj)?,
        Codec::Utf16(order) => encode_utf(vm, s, Utf::Utf16(order_arg(order)), &mut errs, obj)?,
        Codec::Utf32(order) => encode_utf(vm, s, Utf::Utf32(order_arg(order)), &mut errs, obj)?,
    })
}

/// ASCII (`limit` 0x80) or Latin-1 (0x100) encoding.
pub fn encode_limited(
    vm: &mut Vm,
    s: &str,
    limit: u32,
    name: &str,
    errs: &mut Errors,
    obj: Value,
) -> PyResult<Vec<u8>> {
    if s.is_ascii() {
        return Ok(s.as_bytes().to_vec());
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    let reason = format!("ordinal not in range({limit})");
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        // The run of unencodable characters is one error.
        let mut j = i;
        while j < chars.len() && chars[j] as u32 >= limit {
            j += 1;
        }
        let (repl, next) = encode_err(vm, errs, name, s, &chars, obj, i, j, &reason)?;
        match repl {
            EncRepl::Bytes(b) => out.extend_from_slice(&b),
            EncRepl::Text(t) => {
                for c in t.chars() {
                    if (c as u32) >= limit {
                        return Err(encode_error(vm, name, obj, s, i, j, &reason));
                    }
                    out.push(c as u32 as u8);
                }
            }
        }
        i = next;
    }
    Ok(out)
}

/// A UTF form, for encoding.
#[derive(Clone, Copy)]
pub enum Utf {
    Utf8,
    /// Byte order: 0 BOM then little endian, -1 little, 1 big.
    Utf16(i32),
    Utf32(i32),
}

impl Utf {
    /// The codec name in UnicodeEncodeError, as CPython's encoders name themselves.
    fn name(self) -> &'static str {
        match self {
            Utf::Utf8 => "utf-8",
            Utf::Utf16(0) => "utf-16",
            Utf::Utf16(-1) => "utf-16-le",
            Utf::Utf16(_) => "utf-16-be",
            Utf::Utf32(0) => "utf-32",
            Utf::Utf32(-1) => "utf-32-le",
            Utf::Utf32(_) => "utf-32-be",
        }
    }
    fn push(self, c: char, out: &mut Vec<u8>) {
        match self {
            Utf::Utf8 => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            Utf::Utf16(order) => {
                for unit in c.encode_utf16(&mut [0; 2]).iter() {
                    out.extend_from_slice(&if order == 1 {
                        unit.to_be_bytes()
                    } else {
                        unit.to_le_bytes()
                    });
                }
            }
            Utf::Utf32(order) => out.extend_from_slice(&if order == 1 {
                (c as u32).to_be_bytes()
            } else {
                (c as u32).to_le_bytes()
            }),
        }
    }
}

/// Encodes `s` in a UTF form. Every character is encodable except a lone surrogate, which
/// goes to the error handler: a whole run of them for UTF-8, one at a time for UTF-16/32 (as
/// CPython's encoders report them).
pub fn encode_utf(
    vm: &mut Vm,
    s: &str,
    form: Utf,
    errs: &mut Errors,
    obj: Value,
) -> PyResult<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() + 4);
    match form {
        Utf::Utf16(0) => out.extend_from_slice(&[0xFF, 0xFE]),
        Utf::Utf32(0) => out.extend_from_slice(&[0xFF, 0xFE, 0, 0]),
        _ => {}
    }
    if !has_stand_ins(s) {
        match form {
            Utf::Utf8 => out.extend_from_slice(s.as_bytes()),
            _ => s.chars().for_each(|c| form.push(c, &mut out)),
        }
        return Ok(out);
    }
    let obj = if obj.is::<crate::types::str::StrObj>() {
        obj
    } else {
        vm.new_str(s)
    };
    let chars: Vec<char> = s.chars().collect();
    let reason = "surrogates not allowed";
    let mut i = 0;
    while i < chars.len() {
        if !is_surrogate(chars[i]) {
            form.push(chars[i], &mut out);
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if matches!(form, Utf::Utf8) {
            while j < chars.len() && is_surrogate(chars[j]) {
                j += 1;
            }
            // surrogateescape takes the escapable head of the run itself; the error (and
            // UnicodeEncodeError.start) begins at the first surrogate it cannot take.
            if errs.mode(vm)? == crate::types::codec_errors::Mode::SurrogateEscape {
                while i < j {
                    let u = crate::types::str::code_point(chars[i]);
                    if !(0xDC80..=0xDCFF).contains(&u) {
                        break;
                    }
                    out.push(u as u8);
                    i += 1;
                }
                if i == j {
                    continue;
                }
            }
        }
        let name = form.name();
        let (repl, next) = encode_err(vm, errs, name, s, &chars, obj, i, j, reason)?;
        match repl {
            EncRepl::Bytes(b) => out.extend_from_slice(&b),
            EncRepl::Text(t) => {
                for c in t.chars() {
                    if is_surrogate(c) {
                        return Err(encode_error(vm, name, obj, s, i, j, reason));
                    }
                    form.push(c, &mut out);
                }
            }
        }
        i = next;
    }
    Ok(out)
}

// ----- decoding -----

/// Decodes `data`; `obj` is the bytes object (for UnicodeDecodeError.object, created on demand
/// when NULL).
pub fn decode(
    vm: &mut Vm,
    data: &[u8],
    encoding: &str,
    errors: &str,
    obj: Value,
) -> PyResult<String> {
    let Some(codec) = lookup(encoding) else {
        // Not a native codec: ask the codec registry (`codecs.register`, `encodings`).
        let o = if obj.is_null() || obj.is::<crate::types::str::StrObj>() {
            crate::types::bytes::new_bytes(vm, data.to_vec())
        } else {
            obj
        };
        return match crate::modules::codecs::registry_decode(vm, encoding, errors, o)? {
            Some(s) => Ok(s),
            None => Err(unknown_encoding(vm, encoding)),
        };
    };
    let mut errs = Errors::new(errors);
    let e = &mut errs;
    Ok(match codec {
        Codec::Utf8 => decode_utf8(vm, data, e, true, obj, false)?.0,
        Codec::Utf8Sig => decode_utf8(vm, data, e, true, obj, true)?.0,
        Codec::Ascii => decode_ascii(vm, data, e, obj)?,
        Codec::Latin1 => data.iter().map(|&b| b as char).collect(),
        Codec::Utf16(order) => decode_utf16(vm, data, e, order_arg(order), true, obj)?.0,
        Codec::Utf32(order) => decode_utf32(vm, data, e, order_arg(order), true, obj)?.0,
    })
}

/// UTF-8 (with `sig`: skipping a leading BOM). Returns the text and the bytes consumed: with
/// `final_` false an incomplete sequence at the end is left for the next call.
pub fn decode_utf8(
    vm: &mut Vm,
    data: &[u8],
    errs: &mut Errors,
    final_: bool,
    obj: Value,
    sig: bool,
) -> PyResult<(String, usize)> {
    let base = if sig && data.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let mut out = String::with_capacity(data.len());
    let mut pos = base;
    while pos < data.len() {
        let rest = &data[pos..];
        // The valid prefix, then the error after it (if any).
        let (valid, err) = match std::str::from_utf8(rest) {
            Ok(t) => (t, None),
            Err(e) => (
                std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or(""),
                Some(e),
            ),
        };
        if has_stand_ins(valid) {
            // Valid UTF-8 for a code point ferropy keeps for surrogate stand-ins.
            let off = first_stand_in(valid);
            out.push_str(&valid[..off]);
            let start = pos + off;
            let reason = UNREPRESENTABLE;
            pos = decode_err(
                vm,
                errs,
                "utf-8",
                data,
                obj,
                start,
                start + 4,
                reason,
                &mut out,
            )?;
            continue;
        }
        out.push_str(valid);
        let Some(e) = err else {
            break;
        };
        let start = pos + valid.len();
        let (end, reason) = match e.error_len() {
            None => {
                if !final_ {
                    return Ok((out, start));
                }
                (data.len(), "unexpected end of data")
            }
            Some(n) => {
                let b = data[start];
                // An incremental decoder waits on a truncated surrogate (ED A0..BF at the
                // end): surrogatepass may take it once complete (CPython does the same).
                if !final_
                    && b == 0xED
                    && data.len() - start == 2
                    && (0xA0..=0xBF).contains(&data[start + 1])
                {
                    return Ok((out, start));
                }
                let bad_start = (0x80..0xC2).contains(&b) || b >= 0xF5;
                let reason = if n == 1 && bad_start {
                    "invalid start byte"
                } else {
                    "invalid continuation byte"
                };
                (start + n, reason)
            }
        };
        pos = decode_err(vm, errs, "utf-8", data, obj, start, end, reason, &mut out)?;
    }
    Ok((out, data.len()))
}

/// The reason given when valid input decodes to a code point a str cannot hold.
pub const UNREPRESENTABLE: &str =
    "code point reserved by ferropy for lone surrogates (U+FD800..U+FDFFF)";

/// Byte offset of the first surrogate stand-in in `s`.
fn first_stand_in(s: &str) -> usize {
    s.char_indices()
        .find(|&(_, c)| is_surrogate(c))
        .map_or(s.len(), |(i, _)| i)
}

pub fn decode_ascii(vm: &mut Vm, data: &[u8], errs: &mut Errors, obj: Value) -> PyResult<String> {
    if data.is_ascii() {
        return Ok(std::str::from_utf8(data).unwrap_or("").to_string());
    }
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b < 0x80 {
            out.push(b as char);
            i += 1;
        } else {
            let reason = "ordinal not in range(128)";
            i = decode_err(vm, errs, "ascii", data, obj, i, i + 1, reason, &mut out)?;
        }
    }
    Ok(out)
}

/// UTF-16 with byte order `order` (0: detect a BOM, else little endian; -1 little; 1 big).
/// Returns the text, the bytes consumed and the byte order in effect (0 if undetected).
pub fn decode_utf16(
    vm: &mut Vm,
    data: &[u8],
    errs: &mut Errors,
    order: i32,
    final_: bool,
    obj: Value,
) -> PyResult<(String, usize, i32)> {
    let (mut bo, mut pos) = (order, 0);
    if order == 0 {
        if data.len() >= 2 {
            if data[..2] == [0xFF, 0xFE] {
                bo = -1;
                pos = 2;
            } else if data[..2] == [0xFE, 0xFF] {
                bo = 1;
                pos = 2;
            }
        } else if !final_ {
            return Ok((String::new(), 0, 0));
        }
    }
    let big = bo == 1;
    let name = if big { "utf-16-be" } else { "utf-16-le" };
    let unit = |i: usize| -> u16 {
        let b = [data[i], data[i + 1]];
        if big {
            u16::from_be_bytes(b)
        } else {
            u16::from_le_bytes(b)
        }
    };
    let mut out = String::with_capacity(data.len() / 2);
    while pos < data.len() {
        if pos + 1 >= data.len() {
            if !final_ {
                break;
            }
            let end = data.len();
            pos = decode_err(
                vm,
                errs,
                name,
                data,
                obj,
                pos,
                end,
                "truncated data",
                &mut out,
            )?;
            continue;
        }
        let u = unit(pos);
        if !(0xD800..0xE000).contains(&u) {
            out.push(char::from_u32(u as u32).unwrap_or('\u{FFFD}'));
            pos += 2;
            continue;
        }
        let (end, reason) = if u >= 0xDC00 {
            (pos + 2, "illegal encoding")
        } else if pos + 3 >= data.len() {
            if !final_ {
                break;
            }
            (data.len(), "unexpected end of data")
        } else {
            let lo = unit(pos + 2);
            if (0xDC00..0xE000).contains(&lo) {
                let c = 0x10000 + (((u as u32) - 0xD800) << 10) + ((lo as u32) - 0xDC00);
                if !is_unrepresentable(c) {
                    out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    pos += 4;
                    continue;
                }
                (pos + 4, UNREPRESENTABLE)
            } else {
                (pos + 2, "illegal UTF-16 surrogate")
            }
        };
        pos = decode_err(vm, errs, name, data, obj, pos, end, reason, &mut out)?;
    }
    Ok((out, pos.min(data.len()), bo))
}

/// UTF-32, as `decode_utf16`.
pub fn decode_utf32(
    vm: &mut Vm,
    data: &[u8],
    errs: &mut Errors,
    order: i32,
    final_: bool,
    obj: Value,
) -> PyResult<(String, usize, i32)> {
    let (mut bo, mut pos) = (order, 0);
    if order == 0 {
        if data.len() >= 4 {
            if data[..4] == [0xFF, 0xFE, 0, 0] {
                bo = -1;
                pos = 4;
            } else if data[..4] == [0, 0, 0xFE, 0xFF] {
                bo = 1;
                pos = 4;
            }
        } else if !final_ {
            return Ok((String::new(), 0, 0));
        }
    }
    let big = bo == 1;
    let name = if big { "utf-32-be" } else { "utf-32-le" };
    let mut out = String::with_capacity(data.len() / 4);
    while pos < data.len() {
        if pos + 4 > data.len() {
            if !final_ {
                break;
            }
            let end = data.len();
            pos = decode_err(
                vm,
                errs,
                name,
                data,
                obj,
                pos,
                end,
                "truncated data",
                &mut out,
            )?;
            continue;
        }
        let b = [data[pos], data[pos + 1], data[pos + 2], data[pos + 3]];
        let u = if big {
            u32::from_be_bytes(b)
        } else {
            u32::from_le_bytes(b)
        };
        match char::from_u32(u).filter(|_| !is_unrepresentable(u)) {
            Some(c) => {
                out.push(c);
                pos += 4;
            }
            None => {
                let reason = if u >= 0x110000 {
                    "code point not in range(0x110000)"
                } else if is_unrepresentable(u) {
                    UNREPRESENTABLE
                } else {
                    "code point in surrogate code point range(0xd800, 0xe000)"
                };
                pos = decode_err(vm, errs, name, data, obj, pos, pos + 4, reason, &mut out)?;
            }
        }
    }
    Ok((out, pos.min(data.len()), bo))
}

// ----- UnicodeError objects -----

fn set_attr(vm: &mut Vm, e: Value, name: &str, v: Value) {
    let n = vm.intern(name);
    crate::types::instance::set(vm, e, n, v);
}

fn unicode_error(vm: &mut Vm, ty: Value, args: Vec<Value>) -> Exc {
    let e = vm.new_exc_args(ty, args.clone());
    for (name, v) in ["encoding", "object", "start", "end", "reason"]
        .iter()
        .zip(args)
    {
        set_attr(vm, e.0, name, v);
    }
    e
}

pub fn encode_error(
    vm: &mut Vm,
    enc: &str,
    obj: Value,
    text: &str,
    start: usize,
    end: usize,
    reason: &str,
) -> Exc {
    let obj = if obj.is::<crate::types::str::StrObj>() {
        obj
    } else {
        vm.new_str(text)
    };
    let args = vec![
        vm.new_str(enc),
        obj,
        crate::types::int::from_usize(vm, start),
        crate::types::int::from_usize(vm, end),
        vm.new_str(reason),
    ];
    let ty = vm.exc.unicode_encode_error;
    unicode_error(vm, ty, args)
}

pub fn decode_error(
    vm: &mut Vm,
    enc: &str,
    obj: Value,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> Exc {
    let obj = if obj.is_null() || obj.is::<crate::types::str::StrObj>() {
        crate::types::bytes::new_bytes(vm, data.to_vec())
    } else {
        obj
    };
    let args = vec![
        vm.new_str(enc),
        obj,
        crate::types::int::from_usize(vm, start),
        crate::types::int::from_usize(vm, end),
        vm.new_str(reason),
    ];
    let ty = vm.exc.unicode_decode_error;
    unicode_error(vm, ty, args)
}

static ENCODE_ERROR_METHODS: &[NativeDef] = &[
    native!(
        "__init__",
        "($self, /, *args, **kwargs)",
        unicode_error_init
    ),
    native!("__str__", "($self, /)", encode_error_str),
];
static DECODE_ERROR_METHODS: &[NativeDef] = &[
    native!(
        "__init__",
        "($self, /, *args, **kwargs)",
        unicode_error_init
    ),
    native!("__str__", "($self, /)", decode_error_str),
];

/// Installs the UnicodeEncodeError/UnicodeDecodeError methods (called once the exception
/// classes exist).
pub fn install_unicode_errors(vm: &mut Vm) {
    let t = vm.exc.unicode_encode_error;
    typeobj::add_methods(vm, t, ENCODE_ERROR_METHODS);
    let t = vm.exc.unicode_decode_error;
    typeobj::add_methods(vm, t, DECODE_ERROR_METHODS);
}

fn unicode_error_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = a[0];
    let Some(x) = crate::types::exceptions::exc_obj(e) else {
        return Err(vm.type_error("UnicodeError.__init__ requires an exception"));
    };
    x.args.set(a[1]);
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let is_decode = typeobj::is_subtype(vm.type_of(e), vm.exc.unicode_decode_error);
    let ty_name = if is_decode {
        "UnicodeDecodeError"
    } else {
        "UnicodeEncodeError"
    };
    if args.len() != 5 {
        return Err(vm.type_error(format!(
            "function takes exactly 5 arguments ({} given)",
            args.len()
        )));
    }
    let check = |vm: &mut Vm, v: Value, ok: bool, what: &str, i: usize| -> PyResult<()> {
        if ok {
            Ok(())
        } else {
            Err(vm.type_error(format!(
                "{ty_name}() argument {i} must be {what}, not {}",
                vm.type_name(v)
            )))
        }
    };
    check(
        vm,
        args[0],
        args[0].is::<crate::types::str::StrObj>(),
        "str",
        1,
    )?;
    if is_decode {
        let ok = crate::types::bytes::bytes_data(args[1]).is_some();
        check(vm, args[1], ok, "bytes-like object", 2)?;
    } else {
        check(
            vm,
            args[1],
            args[1].is::<crate::types::str::StrObj>(),
            "str",
            2,
        )?;
    }
    check(vm, args[2], crate::types::int::is_int(args[2]), "int", 3)?;
    check(vm, args[3], crate::types::int::is_int(args[3]), "int", 4)?;
    check(
        vm,
        args[4],
        args[4].is::<crate::types::str::StrObj>(),
        "str",
        5,
    )?;
    for (name, v) in ["encoding", "object", "start", "end", "reason"]
        .iter()
        .zip(args)
    {
        set_attr(vm, e, name, v);
    }
    Ok(Value::NONE)
}

/// A UnicodeError's (encoding, object, start, end, reason).
type ErrorFields = (String, Value, i64, i64, String);

/// The (encoding, object, start, end, reason) attributes, if all present.
fn error_fields(vm: &mut Vm, e: Value) -> PyResult<Option<ErrorFields>> {
    let mut vals = Vec::new();
    for name in ["encoding", "object", "start", "end", "reason"] {
        let n = vm.intern(name);
        match crate::types::instance::get(e, n) {
            Some(v) => vals.push(v),
            None => return Ok(None),
        }
    }
    let enc = crate::ops::repr::str_string(vm, vals[0])?;
    let reason = crate::ops::repr::str_string(vm, vals[4])?;
    let start = crate::types::int::int_ref(vals[2])
        .and_then(|i| i.to_i64())
        .unwrap_or(0);
    let end = crate::types::int::int_ref(vals[3])
        .and_then(|i| i.to_i64())
        .unwrap_or(0);
    Ok(Some((enc, vals[1], start, end, reason)))
}

fn encode_error_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some((enc, obj, start, end, reason)) = error_fields(vm, a[0])? else {
        return Ok(vm.names.empty);
    };
    let text = as_str(obj).unwrap_or("");
    let n = text.chars().count() as i64;
    let msg = if start >= 0 && start < n && end == start + 1 {
        let c = code_point(text.chars().nth(start as usize).unwrap_or('\0'));
        let shown = if c <= 0xff {
            format!("\\x{c:02x}")
        } else if c <= 0xffff {
            format!("\\u{c:04x}")
        } else {
            format!("\\U{c:08x}")
        };
        format!("'{enc}' codec can't encode character '{shown}' in position {start}: {reason}")
    } else {
        format!(
            "'{enc}' codec can't encode characters in position {start}-{}: {reason}",
            end - 1
        )
    };
    Ok(vm.new_string(msg))
}

fn decode_error_str(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some((enc, obj, start, end, reason)) = error_fields(vm, a[0])? else {
        return Ok(vm.names.empty);
    };
    let data = crate::types::bytes::bytes_data(obj).unwrap_or_default();
    let msg = if start >= 0 && (start as usize) < data.len() && end == start + 1 {
        format!(
            "'{enc}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
            data[start as usize]
        )
    } else {
        format!(
            "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
            end - 1
        )
    };
    Ok(vm.new_string(msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codec_names() {
        assert_eq!(lookup("UTF8"), Some(Codec::Utf8));
        assert_eq!(lookup("utf_8"), Some(Codec::Utf8));
        assert_eq!(lookup("Latin1"), Some(Codec::Latin1));
        assert_eq!(lookup("ISO_8859-1"), Some(Codec::Latin1));
        assert_eq!(lookup("utf-16-le"), Some(Codec::Utf16(Some(false))));
        assert_eq!(lookup("no-such-codec"), None);
    }

    #[test]
    fn round_trips() {
        let mut vm = crate::vm::Vm::new(Default::default());
        let s = "café 日本 😀";
        for enc in [
            "utf-8",
            "utf-16",
            "utf-16-be",
            "utf-32",
            "utf-32-le",
            "utf-8-sig",
        ] {
            let b = encode(&mut vm, s, enc, "strict", Value::NULL).unwrap();
            assert_eq!(decode(&mut vm, &b, enc, "strict", Value::NULL).unwrap(), s);
        }
        let b = encode(&mut vm, s, "ascii", "backslashreplace", Value::NULL).unwrap();
        assert_eq!(b, b"caf\\xe9 \\u65e5\\u672c \\U0001f600".to_vec());
        let d = decode(
            &mut vm,
            b"caf\xc3\xa9 \xff\xfe",
            "utf-8",
            "replace",
            Value::NULL,
        )
        .unwrap();
        assert_eq!(d, "café \u{FFFD}\u{FFFD}");
        let d = decode(
            &mut vm,
            b"a\xe6\x97",
            "utf-8",
            "backslashreplace",
            Value::NULL,
        )
        .unwrap();
        assert_eq!(d, "a\\xe6\\x97");
    }
}
