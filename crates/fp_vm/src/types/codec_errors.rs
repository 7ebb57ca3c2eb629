//! Codec error handling: the `errors=` argument of every codec. Builtin handler names take a
//! fast path inside the codecs; any other name is looked up (lazily, at the first error, as
//! CPython does) in the registry of `codecs.register_error` and called with a
//! UnicodeEncodeError/UnicodeDecodeError, returning `(replacement, new_position)`.
//!
//! Also owns the builtin handlers as Python callables (`strict_errors`, `ignore_errors`, ...,
//! what `codecs.lookup_error` returns) and the registry itself (kept in the VM's native state).
//!
//! `surrogateescape` and `surrogatepass` make and consume lone surrogates, which a str holds
//! as stand-ins (`types/str.rs`): decoding pushes `char_for(surrogate)`, encoding reads
//! `code_point(c)`.

use crate::native;
use crate::native::NativeDef;
use crate::types::dict;
use crate::types::str::{as_str, char_for, code_point};
use crate::types::str_codec::{decode_error, encode_error};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

/// How codec errors are handled.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
    NameReplace,
    SurrogateEscape,
    SurrogatePass,
    /// A handler registered with `codecs.register_error`.
    Custom(Value),
}

/// The builtin handler of a name, if it is one.
pub fn builtin_mode(name: &str) -> Option<Mode> {
    Some(match name {
        "strict" => Mode::Strict,
        "ignore" => Mode::Ignore,
        "replace" => Mode::Replace,
        "backslashreplace" => Mode::BackslashReplace,
        "xmlcharrefreplace" => Mode::XmlCharRefReplace,
        "namereplace" => Mode::NameReplace,
        "surrogateescape" => Mode::SurrogateEscape,
        "surrogatepass" => Mode::SurrogatePass,
        _ => return None,
    })
}

/// An `errors=` argument, resolved on first use.
pub struct Errors<'a> {
    name: &'a str,
    mode: Option<Mode>,
}

impl<'a> Errors<'a> {
    pub fn new(name: &'a str) -> Errors<'a> {
        Errors {
            name,
            mode: builtin_mode(name),
        }
    }
    pub fn mode(&mut self, vm: &mut Vm) -> PyResult<Mode> {
        if let Some(m) = self.mode {
            return Ok(m);
        }
        let f = lookup_error(vm, self.name)?;
        self.mode = Some(f);
        Ok(f)
    }
}

/// The registry dict name -> handler, created with the builtin handlers on first use.
pub fn registry(vm: &mut Vm) -> Value {
    if let Some(d) = vm.state_get("_codecs.errors") {
        return d;
    }
    let d = dict::new_dict(vm);
    for def in HANDLERS {
        let f = crate::types::function::new_native(vm, def, Value::NULL, Value::NULL);
        let name = def.name.trim_end_matches("_errors").to_string();
        let k = vm.intern(&name);
        dict::set_item_str(vm, d, k, f);
    }
    vm.state_set("_codecs.errors", d);
    d
}

/// `codecs.lookup_error(name)` as a mode: builtin names map to their fast path.
pub fn lookup_error(vm: &mut Vm, name: &str) -> PyResult<Mode> {
    if let Some(m) = builtin_mode(name) {
        return Ok(m);
    }
    let d = registry(vm);
    match dict::get_str(d, name) {
        Some(f) => Ok(Mode::Custom(f)),
        None => Err(vm.new_exc(
            vm.exc.lookup_error,
            format!("unknown error handler name '{name}'"),
        )),
    }
}

fn resolve_pos(vm: &mut Vm, pos: Value, len: usize) -> PyResult<usize> {
    let p = crate::ops::number::index_i64(vm, pos)?;
    let q = if p < 0 { p + len as i64 } else { p };
    if q < 0 || q as usize > len {
        return Err(vm.index_error(format!("position {p} from error handler out of bounds")));
    }
    Ok(q as usize)
}

/// Handles an undecodable range `[start, end)` of `data`: pushes the replacement to `out` and
/// returns the position to continue decoding at. `obj` is the bytes object (or NULL).
#[allow(clippy::too_many_arguments)]
pub fn decode_err(
    vm: &mut Vm,
    errs: &mut Errors,
    enc: &str,
    data: &[u8],
    obj: Value,
    start: usize,
    end: usize,
    reason: &str,
    out: &mut String,
) -> PyResult<usize> {
    let mode = errs.mode(vm)?;
    match mode {
        Mode::Strict => Err(decode_error(vm, enc, obj, data, start, end, reason)),
        Mode::Ignore => Ok(end),
        Mode::Replace => {
            out.push('\u{FFFD}');
            Ok(end)
        }
        Mode::BackslashReplace => {
            for b in data.get(start..end).unwrap_or(&[]) {
                out.push_str(&format!("\\x{b:02x}"));
            }
            Ok(end)
        }
        Mode::XmlCharRefReplace | Mode::NameReplace => {
            Err(vm.type_error("don't know how to handle UnicodeDecodeError in error callback"))
        }
        Mode::SurrogateEscape => match escape_bytes(data.get(start..end).unwrap_or(&[])) {
            Some((text, n)) => {
                out.push_str(&text);
                Ok(start + n)
            }
            None => Err(decode_error(vm, enc, obj, data, start, end, reason)),
        },
        Mode::SurrogatePass => match encoded_surrogate(enc, data.get(start..).unwrap_or(&[])) {
            Some((cp, n)) => {
                out.extend(char_for(cp));
                Ok(start + n)
            }
            None => Err(decode_error(vm, enc, obj, data, start, end, reason)),
        },
        Mode::Custom(f) => {
            let e = decode_error(vm, enc, obj, data, start, end, reason);
            let r = crate::ops::call::call(vm, f, &[e.0])?;
            let items = crate::types::tuple::items(r).unwrap_or(&[]);
            if items.len() != 2
                || as_str(items[0]).is_none()
                || !crate::types::int::is_int(items[1])
            {
                return Err(vm.type_error("decoding error handler must return (str, int) tuple"));
            }
            let (s, p) = (items[0], items[1]);
            out.push_str(as_str(s).unwrap_or(""));
            resolve_pos(vm, p, data.len())
        }
    }
}

/// `surrogateescape` decoding: up to four undecodable bytes (each >= 128) become the
/// surrogates U+DC80..U+DCFF. Returns the text and the bytes consumed; None when the first
/// byte is ASCII, which the handler refuses to escape.
fn escape_bytes(bad: &[u8]) -> Option<(String, usize)> {
    let n = bad.iter().take(4).take_while(|&&b| b >= 128).count();
    if n == 0 {
        return None;
    }
    Some((
        bad[..n]
            .iter()
            .filter_map(|&b| char_for(0xDC00 + b as u32))
            .collect(),
        n,
    ))
}

/// The surrogate code point `data` starts with, encoded in `enc`'s form, and its length in
/// bytes (what `surrogatepass` decodes).
fn encoded_surrogate(enc: &str, data: &[u8]) -> Option<(u32, usize)> {
    let (cp, n) = match enc {
        "utf-8" => {
            let ok = data.len() >= 3
                && data[0] & 0xF0 == 0xE0
                && data[1] & 0xC0 == 0x80
                && data[2] & 0xC0 == 0x80;
            if !ok {
                return None;
            }
            let cp = ((data[0] as u32 & 0x0F) << 12)
                | ((data[1] as u32 & 0x3F) << 6)
                | (data[2] as u32 & 0x3F);
            (cp, 3)
        }
        "utf-16-le" | "utf-16" if data.len() >= 2 => {
            (u16::from_le_bytes([data[0], data[1]]) as u32, 2)
        }
        "utf-16-be" if data.len() >= 2 => (u16::from_be_bytes([data[0], data[1]]) as u32, 2),
        "utf-32-le" | "utf-32" if data.len() >= 4 => {
            (u32::from_le_bytes([data[0], data[1], data[2], data[3]]), 4)
        }
        "utf-32-be" if data.len() >= 4 => {
            (u32::from_be_bytes([data[0], data[1], data[2], data[3]]), 4)
        }
        _ => return None,
    };
    (0xD800..0xE000).contains(&cp).then_some((cp, n))
}

/// `surrogatepass` encoding of surrogate `cp` in `enc`'s form (None for other codecs).
fn surrogate_bytes(enc: &str, cp: u32) -> Option<Vec<u8>> {
    Some(match enc {
        "utf-8" => vec![
            0xE0 | (cp >> 12) as u8,
            0x80 | ((cp >> 6) & 0x3F) as u8,
            0x80 | (cp & 0x3F) as u8,
        ],
        "utf-16-le" | "utf-16" => (cp as u16).to_le_bytes().to_vec(),
        "utf-16-be" => (cp as u16).to_be_bytes().to_vec(),
        "utf-32-le" | "utf-32" => cp.to_le_bytes().to_vec(),
        "utf-32-be" => cp.to_be_bytes().to_vec(),
        _ => return None,
    })
}

/// The bytes the surrogate handlers encode `bad` to, or None when one of its characters is
/// not theirs to handle (the original error stands).
fn surrogate_encode(mode: Mode, enc: &str, bad: &[char]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for &c in bad {
        let cp = code_point(c);
        if mode == Mode::SurrogateEscape {
            if !(0xDC80..=0xDCFF).contains(&cp) {
                return None;
            }
            out.push((cp - 0xDC00) as u8);
        } else {
            if !(0xD800..0xE000).contains(&cp) {
                return None;
            }
            out.extend(surrogate_bytes(enc, cp)?);
        }
    }
    Some(out)
}

/// A replacement produced by an encode error handler.
pub enum EncRepl {
    /// Text still to be encoded by the codec (must be encodable).
    Text(String),
    /// Bytes to copy.
    Bytes(Vec<u8>),
}

/// Handles an unencodable range `[start, end)` (in characters) of `text`: returns the
/// replacement and the character position to continue at. Builtin replacements are ASCII.
#[allow(clippy::too_many_arguments)]
pub fn encode_err(
    vm: &mut Vm,
    errs: &mut Errors,
    enc: &str,
    text: &str,
    chars: &[char],
    obj: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> PyResult<(EncRepl, usize)> {
    let mode = errs.mode(vm)?;
    let bad = chars.get(start..end).unwrap_or(&[]);
    let mut s = String::new();
    match mode {
        Mode::Strict => return Err(encode_error(vm, enc, obj, text, start, end, reason)),
        Mode::SurrogateEscape | Mode::SurrogatePass => {
            return match surrogate_encode(mode, enc, bad) {
                Some(b) => Ok((EncRepl::Bytes(b), end)),
                None => Err(encode_error(vm, enc, obj, text, start, end, reason)),
            };
        }
        Mode::Ignore => {}
        Mode::Replace => s.extend(std::iter::repeat_n('?', bad.len())),
        Mode::BackslashReplace => bad.iter().for_each(|&c| push_backslash(&mut s, c)),
        Mode::XmlCharRefReplace => {
            for &c in bad {
                s.push_str(&format!("&#{};", code_point(c)));
            }
        }
        Mode::NameReplace => {
            for &c in bad {
                push_name(vm, &mut s, c)?;
            }
        }
        Mode::Custom(f) => {
            let e = encode_error(vm, enc, obj, text, start, end, reason);
            let r = crate::ops::call::call(vm, f, &[e.0])?;
            let items = crate::types::tuple::items(r).unwrap_or(&[]);
            let ok_first = items
                .first()
                .is_some_and(|v| as_str(*v).is_some() || v.is::<crate::types::bytes::BytesObj>());
            if items.len() != 2 || !ok_first || !crate::types::int::is_int(items[1]) {
                return Err(
                    vm.type_error("encoding error handler must return (str/bytes, int) tuple")
                );
            }
            let (rv, p) = (items[0], items[1]);
            let pos = resolve_pos(vm, p, chars.len())?;
            let repl = match as_str(rv) {
                Some(t) => EncRepl::Text(t.to_string()),
                None => EncRepl::Bytes(crate::types::bytes::bytes_data(rv).unwrap_or_default()),
            };
            return Ok((repl, pos));
        }
    }
    Ok((EncRepl::Text(s), end))
}

pub fn push_backslash(out: &mut String, c: char) {
    let u = code_point(c);
    if u < 0x100 {
        out.push_str(&format!("\\x{u:02x}"));
    } else if u < 0x10000 {
        out.push_str(&format!("\\u{u:04x}"));
    } else {
        out.push_str(&format!("\\U{u:08x}"));
    }
}

/// `\N{NAME}` for namereplace, through `unicodedata.name` when that module is importable;
/// without a character-name database the handler cannot produce CPython's output.
fn push_name(vm: &mut Vm, out: &mut String, c: char) -> PyResult<()> {
    let ud = match crate::modules::import_module(vm, "unicodedata") {
        Ok(m) => m,
        Err(_) => {
            return Err(vm.new_exc(
                vm.exc.not_implemented_error,
                "the 'namereplace' error handler needs Unicode character names, which ferropy \
                 does not have yet (no unicodedata module)",
            ));
        }
    };
    let f = crate::ops::attr::getattr_str(vm, ud, "name")?;
    let ch = vm.new_string(c.to_string());
    let r = crate::ops::call::call(vm, f, &[ch, Value::NONE])?;
    match as_str(r) {
        Some(n) => out.push_str(&format!("\\N{{{n}}}")),
        None => push_backslash(out, c),
    }
    Ok(())
}

// ----- the builtin handlers as Python callables -----

static HANDLERS: &[NativeDef] = &[
    native!("strict_errors", "(exception, /)", strict_errors),
    native!("ignore_errors", "(exception, /)", ignore_errors),
    native!("replace_errors", "(exception, /)", replace_errors),
    native!(
        "backslashreplace_errors",
        "(exception, /)",
        backslashreplace_errors
    ),
    native!(
        "xmlcharrefreplace_errors",
        "(exception, /)",
        xmlcharrefreplace_errors
    ),
    native!("namereplace_errors", "(exception, /)", namereplace_errors),
    native!(
        "surrogateescape_errors",
        "(exception, /)",
        surrogateescape_errors
    ),
    native!(
        "surrogatepass_errors",
        "(exception, /)",
        surrogatepass_errors
    ),
];

#[derive(PartialEq, Eq, Clone, Copy)]
enum Kind {
    Encode,
    Decode,
    Translate,
}

fn exc_kind(vm: &mut Vm, e: Value) -> PyResult<Kind> {
    let t = vm.type_of(e);
    let is = |x: Value| crate::types::typeobj::is_subtype(t, x);
    if is(vm.exc.unicode_encode_error) {
        Ok(Kind::Encode)
    } else if is(vm.exc.unicode_decode_error) {
        Ok(Kind::Decode)
    } else if is(vm.exc.unicode_translate_error) {
        Ok(Kind::Translate)
    } else {
        Err(vm.type_error(format!(
            "don't know how to handle {} in error callback",
            vm.type_name(e)
        )))
    }
}

/// The exception's (object, start, end), with start/end clamped as CPython's getters do.
fn exc_range(vm: &mut Vm, e: Value) -> PyResult<(Value, usize, usize)> {
    let obj = crate::ops::attr::getattr_str(vm, e, "object")?;
    let start = crate::ops::attr::getattr_str(vm, e, "start")?;
    let end = crate::ops::attr::getattr_str(vm, e, "end")?;
    let len = match as_str(obj) {
        Some(s) => s.chars().count(),
        None => crate::types::bytes::bytes_len(obj).unwrap_or(0),
    } as i64;
    let start = crate::ops::number::index_i64(vm, start)?.clamp(0, len.max(1) - 1);
    let end = crate::ops::number::index_i64(vm, end)?.clamp(1, len.max(1));
    Ok((obj, start as usize, (end as usize).max(start as usize)))
}

fn result(vm: &mut Vm, s: String, end: usize) -> PyResult {
    let s = vm.new_string(s);
    let e = crate::types::int::from_usize(vm, end);
    Ok(crate::types::tuple::new_tuple(vm, vec![s, e]))
}

fn bad_chars(obj: Value, start: usize, end: usize) -> Vec<char> {
    as_str(obj)
        .unwrap_or("")
        .chars()
        .skip(start)
        .take(end - start)
        .collect()
}

fn strict_errors(vm: &mut Vm, a: &[Value]) -> PyResult {
    if crate::types::exceptions::exc_obj(a[0]).is_some() {
        Err(Exc(a[0]))
    } else {
        Err(vm.type_error("codec must pass exception instance"))
    }
}

fn ignore_errors(vm: &mut Vm, a: &[Value]) -> PyResult {
    exc_kind(vm, a[0])?;
    let end = crate::ops::attr::getattr_str(vm, a[0], "end")?;
    let end = crate::ops::number::index_i64(vm, end)?;
    result(vm, String::new(), end.max(0) as usize)
}

fn replace_errors(vm: &mut Vm, a: &[Value]) -> PyResult {
    let k = exc_kind(vm, a[0])?;
    let (_, start, end) = exc_range(vm, a[0])?;
    let s = match k {
        Kind::Encode => "?".repeat(end - start),
        Kind::Decode => "\u{FFFD}".to_string(),
        Kind::Translate => "\u{FFFD}".repeat(end - start),
    };
    result(vm, s, end)
}

fn backslashreplace_errors(vm: &mut Vm, a: &[Value]) -> PyResult {
    let k = exc_kind(vm, a[0])?;
    let (obj, start, end) = exc_range(vm, a[0])?;
    let mut s = String::new();
    if k == Kind::Decode {
        let d = crate::types::bytes::bytes_data(obj).unwrap_or_default();
        for b in d.get(start..end).unwrap_or(&[]) {
            s.push_str(&format!("\\x{b:02x}"));
        }
    } else {
        for c in bad_chars(obj, start, end) {
            push_backslash(&mut s, c);
        }
    }
    result(vm, s, end)
}

fn encode_only(vm: &mut Vm, e: Value) -> PyResult<(Value, usize, usize)> {
    if exc_kind(vm, e)? != Kind::Encode {
        return Err(vm.type_error(format!(
            "don't know how to handle {} in error callback",
            vm.type_name(e)
        )));
    }
    exc_range(vm, e)
}

fn xmlcharrefreplace_errors(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (obj, start, end) = encode_only(vm, a[0])?;
    let mut s = String::new();
    for c in bad_chars(obj, start, end) {
        s.push_str(&format!("&#{};", code_point(c)));
    }
    result(vm, s, end)
}

fn namereplace_errors(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (obj, start, end) = encode_only(vm, a[0])?;
    let mut s = String::new();
    for c in bad_chars(obj, start, end) {
        push_name(vm, &mut s, c)?;
    }
    result(vm, s, end)
}

fn surrogate_handler(vm: &mut Vm, e: Value, mode: Mode) -> PyResult {
    let k = exc_kind(vm, e)?;
    let enc = crate::ops::attr::getattr_str(vm, e, "encoding")?;
    let enc = as_str(enc)
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace('_', "-");
    let (obj, start, end) = exc_range(vm, e)?;
    match k {
        Kind::Decode => {
            let d = crate::types::bytes::bytes_data(obj).unwrap_or_default();
            let found = if mode == Mode::SurrogateEscape {
                escape_bytes(d.get(start..end).unwrap_or(&[]))
            } else {
                encoded_surrogate(&enc, d.get(start..).unwrap_or(&[]))
                    .map(|(cp, n)| (char_for(cp).into_iter().collect(), n))
            };
            match found {
                Some((text, n)) => result(vm, text, start + n),
                None => Err(Exc(e)),
            }
        }
        Kind::Encode => match surrogate_encode(mode, &enc, &bad_chars(obj, start, end)) {
            Some(b) => {
                let b = crate::types::bytes::new_bytes(vm, b);
                let p = crate::types::int::from_usize(vm, end);
                Ok(crate::types::tuple::new_tuple(vm, vec![b, p]))
            }
            None => Err(Exc(e)),
        },
        Kind::Translate => Err(vm.type_error(format!(
            "don't know how to handle {} in error callback",
            vm.type_name(e)
        ))),
    }
}

fn surrogateescape_errors(vm: &mut Vm, a: &[Value]) -> PyResult {
    surrogate_handler(vm, a[0], Mode::SurrogateEscape)
}

fn surrogatepass_errors(vm: &mut Vm, a: &[Value]) -> PyResult {
    surrogate_handler(vm, a[0], Mode::SurrogatePass)
}
