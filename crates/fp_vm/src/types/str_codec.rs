//! The built-in text codecs: UTF-8 (and -sig), ASCII, Latin-1, UTF-16 and UTF-32 (with and
//! without BOM, both byte orders), with the error handlers strict, ignore, replace,
//! backslashreplace, xmlcharrefreplace (encoding) and namereplace-less equivalents. Used by
//! `str.encode`, `str(bytes, encoding, errors)` and `bytes.decode`.
//!
//! Also gives UnicodeEncodeError/UnicodeDecodeError their attributes (`encoding`, `object`,
//! `start`, `end`, `reason`) and CPython's messages. Lone surrogates cannot be represented in
//! ferropy's str, so `surrogateescape`/`surrogatepass` decode to U+FFFD.

use crate::native;
use crate::native::NativeDef;
use crate::types::str::as_str;
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

impl Codec {
    /// The codec name CPython uses in error messages.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Utf8Sig => "utf-8-sig",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Utf16(Some(true)) => "utf-16-be",
            Codec::Utf16(_) => "utf-16-le",
            Codec::Utf32(Some(true)) => "utf-32-be",
            Codec::Utf32(_) => "utf-32-le",
        }
    }
}

/// Finds a codec by name, normalised as Python's `encodings` package does.
pub fn lookup(name: &str) -> Option<Codec> {
    let mut n = String::with_capacity(name.len());
    for c in name.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            n.push(c.to_ascii_lowercase());
        } else if !n.ends_with('_') {
            n.push('_');
        }
    }
    let n = n.trim_matches('_');
    Some(match n {
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

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Handler {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
    /// surrogateescape/surrogatepass: ferropy's str cannot hold the lone surrogates these
    /// produce, so decoding substitutes U+FFFD per byte; encoding acts as strict (a str
    /// without surrogates gives these handlers nothing to do).
    Surrogate,
}

fn handler(vm: &mut Vm, errors: &str) -> PyResult<Handler> {
    Ok(match errors {
        "strict" => Handler::Strict,
        "ignore" => Handler::Ignore,
        "replace" => Handler::Replace,
        "backslashreplace" => Handler::BackslashReplace,
        "xmlcharrefreplace" => Handler::XmlCharRefReplace,
        "surrogateescape" | "surrogatepass" => Handler::Surrogate,
        _ => {
            return Err(vm.new_exc(
                vm.exc.lookup_error,
                format!("unknown error handler name '{errors}'"),
            ));
        }
    })
}

fn codec_or_err(vm: &mut Vm, encoding: &str) -> PyResult<Codec> {
    match lookup(encoding) {
        Some(c) => Ok(c),
        None => Err(vm.new_exc(vm.exc.lookup_error, format!("unknown encoding: {encoding}"))),
    }
}

fn push_backslash_char(out: &mut Vec<u8>, c: char) {
    let u = c as u32;
    let s = if u < 0x100 {
        format!("\\x{u:02x}")
    } else if u < 0x10000 {
        format!("\\u{u:04x}")
    } else {
        format!("\\U{u:08x}")
    };
    out.extend_from_slice(s.as_bytes());
}

// ----- encoding -----

/// Encodes `s`; `obj` is the str object (for UnicodeEncodeError.object).
pub fn encode(vm: &mut Vm, s: &str, encoding: &str, errors: &str, obj: Value) -> PyResult<Vec<u8>> {
    let codec = codec_or_err(vm, encoding)?;
    let h = handler(vm, errors)?;
    Ok(match codec {
        Codec::Utf8 => s.as_bytes().to_vec(),
        Codec::Utf8Sig => {
            let mut v = vec![0xEF, 0xBB, 0xBF];
            v.extend_from_slice(s.as_bytes());
            v
        }
        Codec::Ascii | Codec::Latin1 => {
            let limit: u32 = if codec == Codec::Ascii { 0x80 } else { 0x100 };
            if s.is_ascii() {
                return Ok(s.as_bytes().to_vec());
            }
            let chars: Vec<char> = s.chars().collect();
            let mut out = Vec::with_capacity(chars.len());
            let mut i = 0;
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
                match h {
                    Handler::Strict | Handler::Surrogate => {
                        let reason = format!("ordinal not in range({limit})");
                        return Err(encode_error(vm, codec.name(), obj, s, i, j, &reason));
                    }
                    Handler::Ignore => {}
                    Handler::Replace => out.extend(std::iter::repeat_n(b'?', j - i)),
                    Handler::BackslashReplace => {
                        for &c in &chars[i..j] {
                            push_backslash_char(&mut out, c);
                        }
                    }
                    Handler::XmlCharRefReplace => {
                        for &c in &chars[i..j] {
                            out.extend_from_slice(format!("&#{};", c as u32).as_bytes());
                        }
                    }
                }
                i = j;
            }
            out
        }
        Codec::Utf16(order) => {
            let big = order == Some(true);
            let mut out = Vec::with_capacity(s.len() * 2 + 2);
            if order.is_none() {
                out.extend_from_slice(&[0xFF, 0xFE]);
            }
            let mut buf = [0u16; 2];
            for c in s.chars() {
                for unit in c.encode_utf16(&mut buf).iter() {
                    out.extend_from_slice(&if big {
                        unit.to_be_bytes()
                    } else {
                        unit.to_le_bytes()
                    });
                }
            }
            out
        }
        Codec::Utf32(order) => {
            let big = order == Some(true);
            let mut out = Vec::with_capacity(s.len() * 4 + 4);
            if order.is_none() {
                out.extend_from_slice(&[0xFF, 0xFE, 0, 0]);
            }
            for c in s.chars() {
                let u = c as u32;
                out.extend_from_slice(&if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                });
            }
            out
        }
    })
}

// ----- decoding -----

/// What to do with one undecodable byte range [start, end).
#[allow(clippy::too_many_arguments)]
fn on_decode_error(
    vm: &mut Vm,
    h: Handler,
    codec: Codec,
    data: &[u8],
    obj: Value,
    start: usize,
    end: usize,
    reason: &str,
    out: &mut String,
) -> PyResult<()> {
    match h {
        Handler::Strict | Handler::XmlCharRefReplace => {
            if h == Handler::XmlCharRefReplace {
                return Err(
                    vm.type_error("don't know how to handle UnicodeDecodeError in error callback")
                );
            }
            Err(decode_error(
                vm,
                codec.name(),
                obj,
                data,
                start,
                end,
                reason,
            ))
        }
        Handler::Ignore => Ok(()),
        Handler::Replace => {
            out.push('\u{FFFD}');
            Ok(())
        }
        Handler::Surrogate => {
            out.extend(std::iter::repeat_n('\u{FFFD}', end - start));
            Ok(())
        }
        Handler::BackslashReplace => {
            for b in &data[start..end] {
                out.push_str(&format!("\\x{b:02x}"));
            }
            Ok(())
        }
    }
}

/// Decodes `data`; `obj` is the bytes object (for UnicodeDecodeError.object, created on demand
/// when NULL).
pub fn decode(
    vm: &mut Vm,
    data: &[u8],
    encoding: &str,
    errors: &str,
    obj: Value,
) -> PyResult<String> {
    let codec = codec_or_err(vm, encoding)?;
    let h = handler(vm, errors)?;
    let mut out = String::with_capacity(data.len());
    match codec {
        Codec::Utf8 | Codec::Utf8Sig => {
            let mut rest = data;
            if codec == Codec::Utf8Sig && rest.starts_with(&[0xEF, 0xBB, 0xBF]) {
                rest = &rest[3..];
            }
            let base = data.len() - rest.len();
            let mut pos = 0;
            loop {
                match std::str::from_utf8(&rest[pos..]) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[pos..pos + good]).unwrap_or(""));
                        let start = pos + good;
                        let (end, reason) = match e.error_len() {
                            None => (rest.len(), "unexpected end of data"),
                            Some(n) => {
                                let b = rest[start];
                                let bad_start = (0x80..0xC2).contains(&b) || b >= 0xF5;
                                let reason = if n == 1 && bad_start {
                                    "invalid start byte"
                                } else {
                                    "invalid continuation byte"
                                };
                                (start + n, reason)
                            }
                        };
                        on_decode_error(
                            vm,
                            h,
                            Codec::Utf8,
                            data,
                            obj,
                            base + start,
                            base + end,
                            reason,
                            &mut out,
                        )?;
                        pos = end;
                    }
                }
            }
        }
        Codec::Ascii => {
            for (i, &b) in data.iter().enumerate() {
                if b < 0x80 {
                    out.push(b as char);
                } else {
                    on_decode_error(
                        vm,
                        h,
                        codec,
                        data,
                        obj,
                        i,
                        i + 1,
                        "ordinal not in range(128)",
                        &mut out,
                    )?;
                }
            }
        }
        Codec::Latin1 => out.extend(data.iter().map(|&b| b as char)),
        Codec::Utf16(order) => {
            let (mut big, mut pos) = (order == Some(true), 0);
            if order.is_none() && data.len() >= 2 {
                if data[..2] == [0xFF, 0xFE] {
                    pos = 2;
                } else if data[..2] == [0xFE, 0xFF] {
                    big = true;
                    pos = 2;
                }
            }
            let name = if big {
                Codec::Utf16(Some(true))
            } else {
                Codec::Utf16(Some(false))
            };
            let unit = |i: usize| -> u16 {
                let b = [data[i], data[i + 1]];
                if big {
                    u16::from_be_bytes(b)
                } else {
                    u16::from_le_bytes(b)
                }
            };
            while pos < data.len() {
                if pos + 1 >= data.len() {
                    on_decode_error(
                        vm,
                        h,
                        name,
                        data,
                        obj,
                        pos,
                        data.len(),
                        "truncated data",
                        &mut out,
                    )?;
                    break;
                }
                let u = unit(pos);
                if !(0xD800..0xE000).contains(&u) {
                    out.push(char::from_u32(u as u32).unwrap_or('\u{FFFD}'));
                    pos += 2;
                    continue;
                }
                if u >= 0xDC00 {
                    on_decode_error(
                        vm,
                        h,
                        name,
                        data,
                        obj,
                        pos,
                        pos + 2,
                        "illegal encoding",
                        &mut out,
                    )?;
                    pos += 2;
                    continue;
                }
                if pos + 3 >= data.len() {
                    let end = data.len();
                    let reason = "unexpected end of data";
                    on_decode_error(vm, h, name, data, obj, pos, end, reason, &mut out)?;
                    break;
                }
                let lo = unit(pos + 2);
                if !(0xDC00..0xE000).contains(&lo) {
                    on_decode_error(
                        vm,
                        h,
                        name,
                        data,
                        obj,
                        pos,
                        pos + 2,
                        "illegal UTF-16 surrogate",
                        &mut out,
                    )?;
                    pos += 2;
                    continue;
                }
                let c = 0x10000 + (((u as u32) - 0xD800) << 10) + ((lo as u32) - 0xDC00);
                out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                pos += 4;
            }
        }
        Codec::Utf32(order) => {
            let (mut big, mut pos) = (order == Some(true), 0);
            if order.is_none() && data.len() >= 4 {
                if data[..4] == [0xFF, 0xFE, 0, 0] {
                    pos = 4;
                } else if data[..4] == [0, 0, 0xFE, 0xFF] {
                    big = true;
                    pos = 4;
                }
            }
            let name = if big {
                Codec::Utf32(Some(true))
            } else {
                Codec::Utf32(Some(false))
            };
            while pos < data.len() {
                if pos + 4 > data.len() {
                    on_decode_error(
                        vm,
                        h,
                        name,
                        data,
                        obj,
                        pos,
                        data.len(),
                        "truncated data",
                        &mut out,
                    )?;
                    break;
                }
                let b = [data[pos], data[pos + 1], data[pos + 2], data[pos + 3]];
                let u = if big {
                    u32::from_be_bytes(b)
                } else {
                    u32::from_le_bytes(b)
                };
                match char::from_u32(u) {
                    Some(c) => out.push(c),
                    None => {
                        let reason = if u >= 0x110000 {
                            "code point not in range(0x110000)"
                        } else {
                            "code point in surrogate code point range(0xd800, 0xe000)"
                        };
                        on_decode_error(vm, h, name, data, obj, pos, pos + 4, reason, &mut out)?;
                    }
                }
                pos += 4;
            }
        }
    }
    Ok(out)
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
        let c = text.chars().nth(start as usize).unwrap_or('\0') as u32;
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
