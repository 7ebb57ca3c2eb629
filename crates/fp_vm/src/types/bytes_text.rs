//! The str-like methods of `bytes` and `bytearray` (one table installed on both): searching,
//! splitting, stripping, padding, case mapping (ASCII only, as CPython), `hex`/`fromhex`,
//! `maketrans`/`translate`, `join`, `decode`. Results take the kind of `self`.

use super::{buffer_arg, byte_value, data_of, make_like, make_like_or_self};
use crate::native::NativeDef;
use crate::ops;
use crate::types::bytes::{ByteArrayObj, new_bytes};
use crate::types::int;
use crate::types::seq_methods::{reserve, ssize_arg};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};

pub static TEXT_METHODS: &[NativeDef] = &[
    native!("capitalize", "($self, /)", capitalize),
    native!("center", "($self, width, fillchar=b' ', /)", center),
    native!("ljust", "($self, width, fillchar=b' ', /)", ljust),
    native!("rjust", "($self, width, fillchar=b' ', /)", rjust),
    native!("count", "($self, sub, start=None, end=None, /)", count),
    native!("find", "($self, sub, start=None, end=None, /)", find),
    native!("rfind", "($self, sub, start=None, end=None, /)", rfind),
    native!("index", "($self, sub, start=None, end=None, /)", index),
    native!("rindex", "($self, sub, start=None, end=None, /)", rindex),
    native!(
        "startswith",
        "($self, prefix, start=None, end=None, /)",
        startswith
    ),
    native!(
        "endswith",
        "($self, suffix, start=None, end=None, /)",
        endswith
    ),
    native!(
        "decode",
        "($self, /, encoding='utf-8', errors='strict')",
        decode
    ),
    native!("expandtabs", "($self, /, tabsize=8)", expandtabs),
    native_classmethod!("fromhex", "($type, string, /)", fromhex),
    native!("hex", "($self, /, sep=None, bytes_per_sep=1)", hex),
    native!("isalnum", "($self, /)", isalnum),
    native!("isalpha", "($self, /)", isalpha),
    native!("isascii", "($self, /)", isascii),
    native!("isdigit", "($self, /)", isdigit),
    native!("islower", "($self, /)", islower),
    native!("isspace", "($self, /)", isspace),
    native!("istitle", "($self, /)", istitle),
    native!("isupper", "($self, /)", isupper),
    native!("join", "($self, iterable_of_bytes, /)", join),
    native!("lower", "($self, /)", lower),
    native!("upper", "($self, /)", upper),
    native!("swapcase", "($self, /)", swapcase),
    native!("title", "($self, /)", title),
    native!("lstrip", "($self, bytes=None, /)", lstrip),
    native!("rstrip", "($self, bytes=None, /)", rstrip),
    native!("strip", "($self, bytes=None, /)", strip),
    native_staticmethod!("maketrans", "(frm, to, /)", maketrans),
    native!("translate", "($self, table, /, delete=b'')", translate),
    native!("partition", "($self, sep, /)", partition),
    native!("rpartition", "($self, sep, /)", rpartition),
    native!("removeprefix", "($self, prefix, /)", removeprefix),
    native!("removesuffix", "($self, suffix, /)", removesuffix),
    native!("replace", "($self, old, new, count=-1, /)", replace),
    native!("split", "($self, /, sep=None, maxsplit=-1)", split),
    native!("rsplit", "($self, /, sep=None, maxsplit=-1)", rsplit),
    native!("splitlines", "($self, /, keepends=False)", splitlines),
    native!("zfill", "($self, width, /)", zfill),
];

// ----- byte-level algorithms (pure; usable from elsewhere) -----

/// ASCII whitespace as `bytes.isspace` and `bytes.split()` see it.
#[inline]
pub fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// The first index of `needle` in `hay[start..end]` (as an index into `hay`). An empty needle
/// is found at `start` when `start <= end`.
pub fn find_sub(hay: &[u8], needle: &[u8], start: usize, end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if start > end {
        return None;
    }
    if needle.is_empty() {
        return Some(start);
    }
    let window = &hay[start..end];
    if needle.len() > window.len() {
        return None;
    }
    if needle.len() == 1 {
        return window
            .iter()
            .position(|&b| b == needle[0])
            .map(|i| i + start);
    }
    let first = needle[0];
    let last_start = window.len() - needle.len();
    let mut i = 0;
    while i <= last_start {
        match window[i..=last_start].iter().position(|&b| b == first) {
            None => return None,
            Some(off) => {
                i += off;
                if &window[i..i + needle.len()] == needle {
                    return Some(i + start);
                }
                i += 1;
            }
        }
    }
    None
}

/// The last index of `needle` in `hay[start..end]`; an empty needle is found at `end`.
pub fn rfind_sub(hay: &[u8], needle: &[u8], start: usize, end: usize) -> Option<usize> {
    let end = end.min(hay.len());
    if start > end {
        return None;
    }
    if needle.is_empty() {
        return Some(end);
    }
    let window = &hay[start..end];
    if needle.len() > window.len() {
        return None;
    }
    (0..=window.len() - needle.len())
        .rev()
        .find(|&i| &window[i..i + needle.len()] == needle)
        .map(|i| i + start)
}

/// Non-overlapping occurrences of `needle` in `hay[start..end]`, at most `max`.
pub fn count_sub(hay: &[u8], needle: &[u8], start: usize, end: usize, max: usize) -> usize {
    let end = end.min(hay.len());
    if start > end {
        return 0;
    }
    if needle.is_empty() {
        return (end - start + 1).min(max);
    }
    let mut n = 0;
    let mut i = start;
    while n < max {
        match find_sub(hay, needle, i, end) {
            Some(j) => {
                n += 1;
                i = j + needle.len();
            }
            None => break,
        }
    }
    n
}

/// `bytes.replace(old, new, count)` (count < 0: all).
pub fn replace_bytes(s: &[u8], old: &[u8], new: &[u8], count: i64) -> Vec<u8> {
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let mut out = Vec::with_capacity(s.len());
    if old.is_empty() {
        // Insert `new` before every byte and at the end, up to `max` times.
        let mut n = 0;
        for &b in s {
            if n < max {
                out.extend_from_slice(new);
                n += 1;
            }
            out.push(b);
        }
        if n < max {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut i = 0;
    let mut n = 0;
    while n < max {
        match find_sub(s, old, i, s.len()) {
            Some(j) => {
                out.extend_from_slice(&s[i..j]);
                out.extend_from_slice(new);
                i = j + old.len();
                n += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&s[i..]);
    out
}

/// Whitespace split (runs of ASCII whitespace; leading/trailing ignored), at most `max` splits.
pub fn split_whitespace(s: &[u8], max: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = s.len();
    while i < n {
        while i < n && is_space(s[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        if out.len() == max {
            // The unsplit remainder keeps its trailing whitespace.
            out.push(&s[i..]);
            return out;
        }
        let st = i;
        while i < n && !is_space(s[i]) {
            i += 1;
        }
        out.push(&s[st..i]);
    }
    out
}

/// `rsplit()` on whitespace, from the right.
pub fn rsplit_whitespace(s: &[u8], max: usize) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = s.len();
    while i > 0 {
        while i > 0 && is_space(s[i - 1]) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        if out.len() == max {
            out.push(&s[..i]);
            break;
        }
        let e = i;
        while i > 0 && !is_space(s[i - 1]) {
            i -= 1;
        }
        out.push(&s[i..e]);
    }
    out.reverse();
    out
}

/// Split on a non-empty separator, at most `max` splits.
pub fn split_sep<'a>(s: &'a [u8], sep: &[u8], max: usize) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    while out.len() < max {
        match find_sub(s, sep, i, s.len()) {
            Some(j) => {
                out.push(&s[i..j]);
                i = j + sep.len();
            }
            None => break,
        }
    }
    out.push(&s[i..]);
    out
}

pub fn rsplit_sep<'a>(s: &'a [u8], sep: &[u8], max: usize) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut end = s.len();
    while out.len() < max {
        match rfind_sub(s, sep, 0, end) {
            Some(j) => {
                out.push(&s[j + sep.len()..end]);
                end = j;
            }
            None => break,
        }
    }
    out.push(&s[..end]);
    out.reverse();
    out
}

/// Lines split at `\n`, `\r` and `\r\n` (the only line breaks of bytes).
pub fn split_lines(s: &[u8], keepends: bool) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = s.len();
    while i < n {
        let st = i;
        while i < n && s[i] != b'\n' && s[i] != b'\r' {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if s[i] == b'\r' && i + 1 < n && s[i + 1] == b'\n' {
                i += 2;
            } else {
                i += 1;
            }
            if keepends {
                eol = i;
            }
        }
        out.push(&s[st..eol]);
    }
    out
}

fn title_bytes(s: &[u8]) -> Vec<u8> {
    let mut prev_cased = false;
    s.iter()
        .map(|&b| {
            let r = if prev_cased {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            prev_cased = b.is_ascii_alphabetic();
            r
        })
        .collect()
}

fn is_title(s: &[u8]) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for &b in s {
        if b.is_ascii_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    cased
}

/// The length `expand_tabs` will produce (saturating), to refuse absurd sizes up front.
fn expanded_len(s: &[u8], tabsize: i64) -> u64 {
    let mut total: u64 = 0;
    let mut col: u64 = 0;
    for &b in s {
        match b {
            b'\t' if tabsize > 0 => {
                let n = tabsize as u64 - col % tabsize as u64;
                total = total.saturating_add(n);
                col = col.saturating_add(n);
            }
            b'\t' => {}
            b'\n' | b'\r' => {
                total += 1;
                col = 0;
            }
            _ => {
                total += 1;
                col += 1;
            }
        }
    }
    total
}

fn expand_tabs(s: &[u8], tabsize: i64) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut col: i64 = 0;
    for &b in s {
        match b {
            b'\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    out.extend(std::iter::repeat_n(b' ', n as usize));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(b);
                col = 0;
            }
            _ => {
                out.push(b);
                col += 1;
            }
        }
    }
    out
}

/// `bytes.hex(sep, bytes_per_sep)`: groups of `per` bytes counted from the right (from the
/// left when `per` is negative).
pub fn hex_with_sep(d: &[u8], sep: Option<u8>, per: i64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(d.len() * 3);
    let group = per.unsigned_abs() as usize;
    let sep = if group == 0 { None } else { sep };
    for (i, &b) in d.iter().enumerate() {
        if let Some(c) = sep
            && i > 0
        {
            let boundary = if per > 0 {
                (d.len() - i).is_multiple_of(group)
            } else {
                i.is_multiple_of(group)
            };
            if boundary {
                out.push(c as char);
            }
        }
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out
}

// ----- argument helpers -----

/// The needle of find/count/index: one byte (int) or a bytes-like object.
fn sub_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if int::is_int(v) || ops::has_special(vm, v, vm.names.index) {
        return Ok(vec![byte_value(vm, v, "byte must be in range(0, 256)")?]);
    }
    match crate::types::bytes::bytes_data(v) {
        Some(d) => Ok(d),
        None => Err(vm.type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// A start/end argument (None allowed), clamped like a slice index.
fn bound_arg(vm: &mut Vm, v: Value) -> PyResult<Option<i64>> {
    if v.is_null() || v.is_none() {
        return Ok(None);
    }
    if int::is_int(v) || ops::has_special(vm, v, vm.names.index) {
        return ops::number::index_clamped(vm, v).map(Some);
    }
    Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
}

/// CPython's ADJUST_INDICES: (start, end) against `len`; start may exceed end or len.
fn bounds(vm: &mut Vm, start: Value, end: Value, len: usize) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let s = bound_arg(vm, start)?.unwrap_or(0);
    let e = bound_arg(vm, end)?.unwrap_or(n);
    let e = if e > n {
        n
    } else if e < 0 {
        (e + n).max(0)
    } else {
        e
    };
    let s = if s < 0 { (s + n).max(0) } else { s };
    Ok((s as usize, e as usize))
}

fn ssize_or(vm: &mut Vm, v: Value, default: i64) -> PyResult<i64> {
    if v.is_null() {
        Ok(default)
    } else {
        ssize_arg(vm, v)
    }
}

fn ret_int(vm: &mut Vm, i: i64) -> PyResult {
    Ok(int::from_i64(vm, i))
}

fn list_of_like(vm: &mut Vm, like: Value, parts: Vec<&[u8]>) -> PyResult {
    let items: Vec<Value> = parts
        .into_iter()
        .map(|p| make_like(vm, like, p.to_vec()))
        .collect();
    Ok(crate::types::list::new_list(vm, items))
}

// ----- methods -----

fn map_bytes(vm: &mut Vm, a: &[Value], f: impl Fn(&[u8]) -> Vec<u8>) -> PyResult {
    let d = data_of(vm, a[0])?;
    let out = f(&d);
    Ok(make_like(vm, a[0], out))
}

fn capitalize(vm: &mut Vm, a: &[Value]) -> PyResult {
    map_bytes(vm, a, |d| {
        d.iter()
            .enumerate()
            .map(|(i, b)| {
                if i == 0 {
                    b.to_ascii_uppercase()
                } else {
                    b.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

fn lower(vm: &mut Vm, a: &[Value]) -> PyResult {
    map_bytes(vm, a, |d| d.to_ascii_lowercase())
}

fn upper(vm: &mut Vm, a: &[Value]) -> PyResult {
    map_bytes(vm, a, |d| d.to_ascii_uppercase())
}

fn swapcase(vm: &mut Vm, a: &[Value]) -> PyResult {
    map_bytes(vm, a, |d| {
        d.iter()
            .map(|&b| {
                if b.is_ascii_lowercase() {
                    b.to_ascii_uppercase()
                } else {
                    b.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

fn title(vm: &mut Vm, a: &[Value]) -> PyResult {
    map_bytes(vm, a, title_bytes)
}

/// The fill byte of center/ljust/rjust: a bytes-like object of length 1.
fn fill_arg(vm: &mut Vm, v: Value, method: &str) -> PyResult<u8> {
    if v.is_null() {
        return Ok(b' ');
    }
    match crate::types::bytes::bytes_data(v) {
        Some(d) if d.len() == 1 => Ok(d[0]),
        _ => Err(vm.type_error(format!(
            "{method}() argument 2 must be a byte string of length 1, not {}",
            vm.type_name(v)
        ))),
    }
}

fn pad(vm: &mut Vm, a: &[Value], method: &str) -> PyResult {
    let d = data_of(vm, a[0])?;
    let width = ssize_arg(vm, a[1])?;
    let fill = fill_arg(vm, a[2], method)?;
    let len = d.len() as i64;
    if width <= len {
        return Ok(make_like_or_self(vm, a[0], d, true));
    }
    let marg = width - len;
    let left = match method {
        "ljust" => 0,
        "rjust" => marg,
        _ => marg / 2 + (marg & width & 1),
    };
    let mut out = Vec::new();
    reserve(vm, &mut out, width as usize)?;
    out.extend(std::iter::repeat_n(fill, left as usize));
    out.extend_from_slice(&d);
    out.extend(std::iter::repeat_n(fill, (marg - left) as usize));
    Ok(make_like(vm, a[0], out))
}

fn center(vm: &mut Vm, a: &[Value]) -> PyResult {
    pad(vm, a, "center")
}

fn ljust(vm: &mut Vm, a: &[Value]) -> PyResult {
    pad(vm, a, "ljust")
}

fn rjust(vm: &mut Vm, a: &[Value]) -> PyResult {
    pad(vm, a, "rjust")
}

fn zfill(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = data_of(vm, a[0])?;
    let width = ssize_arg(vm, a[1])?;
    let len = d.len() as i64;
    if width <= len {
        return Ok(make_like_or_self(vm, a[0], d, true));
    }
    let fill = (width - len) as usize;
    let mut out = Vec::new();
    reserve(vm, &mut out, width as usize)?;
    let (sign, rest) = match d.first() {
        Some(&c) if c == b'+' || c == b'-' => (Some(c), &d[1..]),
        _ => (None, &d[..]),
    };
    if let Some(c) = sign {
        out.push(c);
    }
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(rest);
    Ok(make_like(vm, a[0], out))
}

fn count(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = data_of(vm, a[0])?;
    let sub = sub_arg(vm, a[1])?;
    let (s, e) = bounds(vm, a[2], a[3], d.len())?;
    let n = count_sub(&d, &sub, s, e, usize::MAX);
    ret_int(vm, n as i64)
}

fn find_impl(vm: &mut Vm, a: &[Value], rev: bool) -> PyResult<Option<usize>> {
    let d = data_of(vm, a[0])?;
    let sub = sub_arg(vm, a[1])?;
    let (s, e) = bounds(vm, a[2], a[3], d.len())?;
    Ok(if rev {
        rfind_sub(&d, &sub, s, e)
    } else {
        find_sub(&d, &sub, s, e)
    })
}

fn find(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = find_impl(vm, a, false)?;
    ret_int(vm, r.map(|i| i as i64).unwrap_or(-1))
}

fn rfind(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = find_impl(vm, a, true)?;
    ret_int(vm, r.map(|i| i as i64).unwrap_or(-1))
}

fn index(vm: &mut Vm, a: &[Value]) -> PyResult {
    match find_impl(vm, a, false)? {
        Some(i) => ret_int(vm, i as i64),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn rindex(vm: &mut Vm, a: &[Value]) -> PyResult {
    match find_impl(vm, a, true)? {
        Some(i) => ret_int(vm, i as i64),
        None => Err(vm.value_error("subsection not found")),
    }
}

/// startswith/endswith: one bytes-like affix or a tuple of them.
fn affix_match(vm: &mut Vm, a: &[Value], method: &str, at_end: bool) -> PyResult {
    let d = data_of(vm, a[0])?;
    let (s, e) = bounds(vm, a[2], a[3], d.len())?;
    let candidates: Vec<Value> = match crate::types::tuple::items(a[1]) {
        Some(t) => t.to_vec(),
        None => {
            if crate::types::bytes::bytes_data(a[1]).is_none() {
                let first = if at_end { "endswith" } else { method };
                return Err(vm.type_error(format!(
                    "{first} first arg must be bytes or a tuple of bytes, not {}",
                    vm.type_name(a[1])
                )));
            }
            vec![a[1]]
        }
    };
    for c in candidates {
        let p = buffer_arg(vm, c)?;
        if s > d.len() || e < s || e - s < p.len() {
            continue;
        }
        let hit = if at_end {
            &d[e - p.len()..e] == p.as_slice()
        } else {
            &d[s..s + p.len()] == p.as_slice()
        };
        if hit {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

fn startswith(vm: &mut Vm, a: &[Value]) -> PyResult {
    affix_match(vm, a, "startswith", false)
}

fn endswith(vm: &mut Vm, a: &[Value]) -> PyResult {
    affix_match(vm, a, "endswith", true)
}

fn decode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = data_of(vm, a[0])?;
    let enc = str_arg(vm, a[1], "decode", "encoding", "utf-8")?;
    let errors = str_arg(vm, a[2], "decode", "errors", "strict")?;
    // UnicodeDecodeError.object is always bytes (a bytearray's data is copied).
    let obj = if a[0].is::<ByteArrayObj>() {
        Value::NULL
    } else {
        a[0]
    };
    let s = crate::types::str_codec::decode(vm, &d, &enc, &errors, obj)?;
    Ok(vm.new_string(s))
}

/// An optional str argument (NULL gives `default`).
fn str_arg(vm: &mut Vm, v: Value, f: &str, name: &str, default: &str) -> PyResult<String> {
    if v.is_null() {
        return Ok(default.to_string());
    }
    match crate::types::str::as_str(v) {
        Some(s) => Ok(s.to_string()),
        None => Err(vm.type_error(format!(
            "{f}() argument '{name}' must be str, not {}",
            vm.type_name(v)
        ))),
    }
}

fn expandtabs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let tabsize = ssize_or(vm, a[1], 8)?;
    let d = data_of(vm, a[0])?;
    let n = expanded_len(&d, tabsize);
    let mut probe: Vec<u8> = Vec::new();
    reserve(vm, &mut probe, usize::try_from(n).unwrap_or(usize::MAX))?;
    drop(probe);
    let out = expand_tabs(&d, tabsize);
    Ok(make_like(vm, a[0], out))
}

fn fromhex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cls = a[0];
    let Some(s) = crate::types::str::as_str(a[1]) else {
        return Err(vm.type_error(format!(
            "fromhex() argument must be str, not {}",
            vm.type_name(a[1])
        )));
    };
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 2);
    let mut i = 0;
    // Positions are in characters; only ASCII is valid, so a byte offset equals a char offset
    // up to the first error, and the error position is reported in characters.
    let char_pos = |byte_pos: usize| s[..byte_pos.min(s.len())].chars().count();
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() || bytes[i] == 0x0b {
            i += 1;
            continue;
        }
        let Some(hi) = digit(bytes[i]) else {
            let p = char_pos(i);
            return Err(vm.value_error(format!(
                "non-hexadecimal number found in fromhex() arg at position {p}"
            )));
        };
        let lo = bytes.get(i + 1).and_then(|&c| digit(c));
        let Some(lo) = lo else {
            let p = char_pos(i + 1);
            return Err(vm.value_error(format!(
                "non-hexadecimal number found in fromhex() arg at position {p}"
            )));
        };
        out.push(hi << 4 | lo);
        i += 2;
    }
    if cls == vm.types.bytes {
        return Ok(new_bytes(vm, out));
    }
    if cls == vm.types.bytearray {
        return Ok(crate::types::bytes::new_bytearray(vm, out));
    }
    // Subclasses are built by calling the class on the bytes, as CPython.
    let b = new_bytes(vm, out);
    ops::call::call(vm, cls, &[b])
}

fn hex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = data_of(vm, a[0])?;
    let sep = if a[1].is_null() || a[1].is_none() {
        None
    } else {
        let raw: Vec<u8> = if let Some(s) = crate::types::str::as_str(a[1]) {
            if s.chars().count() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if !s.is_ascii() {
                return Err(vm.value_error("sep must be ASCII."));
            }
            s.as_bytes().to_vec()
        } else if let Some(b) = crate::types::bytes::bytes_data(a[1]) {
            if b.len() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if !b[0].is_ascii() {
                return Err(vm.value_error("sep must be ASCII."));
            }
            b
        } else {
            return Err(vm.type_error(format!(
                "sep must be str or bytes, not {}",
                vm.type_name(a[1])
            )));
        };
        raw.first().copied()
    };
    let per = if a[2].is_null() {
        1
    } else {
        let r = ops::number::index(vm, a[2])?;
        match int::int_ref(r).and_then(|i| i.to_i64()) {
            Some(i) if i32::try_from(i).is_ok() => i,
            _ => return Err(vm.overflow_error("Python int too large to convert to C int")),
        }
    };
    let s = hex_with_sep(&d, sep, per);
    Ok(vm.new_string(s))
}

fn pred(vm: &mut Vm, a: &[Value], f: impl Fn(&[u8]) -> bool) -> PyResult {
    let d = data_of(vm, a[0])?;
    Ok(Value::from_bool(f(&d)))
}

fn isalnum(vm: &mut Vm, a: &[Value]) -> PyResult {
    pred(vm, a, |d| {
        !d.is_empty() && d.iter().all(|b| b.is_ascii_alphanumeric())
    })
}

fn isalpha(vm: &mut Vm, a: &[Value]) -> PyResult {
    pred(vm, a, |d| {
        !d.is_empty() && d.iter().all(|b| b.is_ascii_alphabetic())
    })
}

fn isascii(vm: &mut Vm, a: &[Value]) -> PyResult {
    pred(vm, a, |d| d.is_ascii())
}

fn isdigit(vm: &mut Vm, a: &[Value]) -> PyResult {
    pred(vm, a, |d| {
        !d.is_empty() && d.iter().all(|b| b.is_ascii_digit())
    })
}

fn islower(vm: &mut Vm, a: &[Value]) -> PyResult {
    pred(vm, a, |d| {
        d.iter().any(|b| b.is_ascii_lowercase()) && !d.iter().any(|b| b.is_ascii_uppercase())
    })
}

fn isupper(vm: &mut Vm, a: &[Value]) -> PyResult {
    pred(vm, a, |d| {
        d.iter().any(|b| b.is_ascii_uppercase()) && !d.iter().any(|b| b.is_ascii_lowercase())
    })
}

fn isspace(vm: &mut Vm, a: &[Value]) -> PyResult {
    pred(vm, a, |d| !d.is_empty() && d.iter().all(|&b| is_space(b)))
}

fn istitle(vm: &mut Vm, a: &[Value]) -> PyResult {
    pred(vm, a, is_title)
}

fn join(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sep = data_of(vm, a[0])?;
    let items = ops::iter::collect(vm, a[1])?;
    let mut out = Vec::new();
    for (i, it) in items.into_iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        let ok = crate::types::bytes::with_bytes(it, |d| out.extend_from_slice(d));
        if ok.is_none() {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                vm.type_name(it)
            )));
        }
    }
    Ok(make_like(vm, a[0], out))
}

/// strip/lstrip/rstrip: `chars` NULL/None means ASCII whitespace.
fn strip_impl(vm: &mut Vm, a: &[Value], left: bool, right: bool) -> PyResult {
    let d = data_of(vm, a[0])?;
    let set = if a[1].is_null() || a[1].is_none() {
        None
    } else {
        Some(buffer_arg(vm, a[1])?)
    };
    let strip = |b: u8| match &set {
        None => is_space(b),
        Some(s) => s.contains(&b),
    };
    let mut s = 0;
    let mut e = d.len();
    if left {
        while s < e && strip(d[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(d[e - 1]) {
            e -= 1;
        }
    }
    let unchanged = s == 0 && e == d.len();
    let out = d[s..e].to_vec();
    Ok(make_like_or_self(vm, a[0], out, unchanged))
}

fn lstrip(vm: &mut Vm, a: &[Value]) -> PyResult {
    strip_impl(vm, a, true, false)
}

fn rstrip(vm: &mut Vm, a: &[Value]) -> PyResult {
    strip_impl(vm, a, false, true)
}

fn strip(vm: &mut Vm, a: &[Value]) -> PyResult {
    strip_impl(vm, a, true, true)
}

fn maketrans(vm: &mut Vm, a: &[Value]) -> PyResult {
    let frm = buffer_arg(vm, a[0])?;
    let to = buffer_arg(vm, a[1])?;
    if frm.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut table: Vec<u8> = (0..=255u8).collect();
    for (f, t) in frm.iter().zip(to.iter()) {
        table[*f as usize] = *t;
    }
    Ok(new_bytes(vm, table))
}

fn translate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = data_of(vm, a[0])?;
    let table = if a[1].is_none() {
        None
    } else {
        let t = buffer_arg(vm, a[1])?;
        if t.len() != 256 {
            return Err(vm.value_error("translation table must be 256 characters long"));
        }
        Some(t)
    };
    let delete = if a[2].is_null() {
        Vec::new()
    } else {
        buffer_arg(vm, a[2])?
    };
    let mut del = [false; 256];
    for &b in &delete {
        del[b as usize] = true;
    }
    let out: Vec<u8> = d
        .iter()
        .filter(|&&b| !del[b as usize])
        .map(|&b| match &table {
            Some(t) => t[b as usize],
            None => b,
        })
        .collect();
    let unchanged = out == d;
    Ok(make_like_or_self(vm, a[0], out, unchanged))
}

fn partition_impl(vm: &mut Vm, a: &[Value], rev: bool) -> PyResult {
    let d = data_of(vm, a[0])?;
    let sep = buffer_arg(vm, a[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let is_ba = a[0].is::<ByteArrayObj>();
    let pos = if rev {
        rfind_sub(&d, &sep, 0, d.len())
    } else {
        find_sub(&d, &sep, 0, d.len())
    };
    let items = match pos {
        Some(i) => {
            let head = make_like(vm, a[0], d[..i].to_vec());
            // bytes returns the separator object itself; bytearray a new bytearray.
            let mid = if is_ba {
                make_like(vm, a[0], sep.clone())
            } else {
                a[1]
            };
            let tail = make_like(vm, a[0], d[i + sep.len()..].to_vec());
            vec![head, mid, tail]
        }
        None => {
            let whole = make_like_or_self(vm, a[0], d, true);
            let e1 = make_like(vm, a[0], Vec::new());
            let e2 = make_like(vm, a[0], Vec::new());
            if rev {
                vec![e1, e2, whole]
            } else {
                vec![whole, e1, e2]
            }
        }
    };
    Ok(crate::types::tuple::new_tuple(vm, items))
}

fn partition(vm: &mut Vm, a: &[Value]) -> PyResult {
    partition_impl(vm, a, false)
}

fn rpartition(vm: &mut Vm, a: &[Value]) -> PyResult {
    partition_impl(vm, a, true)
}

fn removeprefix(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = data_of(vm, a[0])?;
    let p = buffer_arg(vm, a[1])?;
    if !p.is_empty() && d.starts_with(&p) {
        return Ok(make_like(vm, a[0], d[p.len()..].to_vec()));
    }
    Ok(make_like_or_self(vm, a[0], d, true))
}

fn removesuffix(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = data_of(vm, a[0])?;
    let p = buffer_arg(vm, a[1])?;
    if !p.is_empty() && d.ends_with(&p) {
        return Ok(make_like(vm, a[0], d[..d.len() - p.len()].to_vec()));
    }
    Ok(make_like_or_self(vm, a[0], d, true))
}

fn replace(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = data_of(vm, a[0])?;
    let old = buffer_arg(vm, a[1])?;
    let new = buffer_arg(vm, a[2])?;
    let count = ssize_or(vm, a[3], -1)?;
    let out = replace_bytes(&d, &old, &new, count);
    let unchanged = out == d;
    Ok(make_like_or_self(vm, a[0], out, unchanged))
}

/// The `maxsplit` argument: negative means no limit.
fn maxsplit_arg(vm: &mut Vm, v: Value) -> PyResult<usize> {
    let m = ssize_or(vm, v, -1)?;
    Ok(if m < 0 { usize::MAX } else { m as usize })
}

fn split_impl(vm: &mut Vm, a: &[Value], rev: bool) -> PyResult {
    let d = data_of(vm, a[0])?;
    let max = maxsplit_arg(vm, a[2])?;
    if a[1].is_null() || a[1].is_none() {
        let parts = if rev {
            rsplit_whitespace(&d, max)
        } else {
            split_whitespace(&d, max)
        };
        return list_of_like(vm, a[0], parts);
    }
    let sep = buffer_arg(vm, a[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let parts = if rev {
        rsplit_sep(&d, &sep, max)
    } else {
        split_sep(&d, &sep, max)
    };
    list_of_like(vm, a[0], parts)
}

fn split(vm: &mut Vm, a: &[Value]) -> PyResult {
    split_impl(vm, a, false)
}

fn rsplit(vm: &mut Vm, a: &[Value]) -> PyResult {
    split_impl(vm, a, true)
}

fn splitlines(vm: &mut Vm, a: &[Value]) -> PyResult {
    let d = data_of(vm, a[0])?;
    let keep = !a[1].is_null() && ops::truth::is_true(vm, a[1])?;
    let parts = split_lines(&d, keep);
    list_of_like(vm, a[0], parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_and_split() {
        assert_eq!(find_sub(b"hello", b"ll", 0, 5), Some(2));
        assert_eq!(find_sub(b"hello", b"", 5, 5), Some(5));
        assert_eq!(find_sub(b"abc", b"", 4, 3), None);
        assert_eq!(rfind_sub(b"abcabc", b"bc", 0, 6), Some(4));
        assert_eq!(count_sub(b"aaaa", b"aa", 0, 4, usize::MAX), 2);
        assert_eq!(count_sub(b"abc", b"", 0, 3, usize::MAX), 4);
        assert_eq!(replace_bytes(b"abc", b"", b"-", -1), b"-a-b-c-");
        assert_eq!(replace_bytes(b"abc", b"", b"-", 2), b"-a-bc");
        assert_eq!(split_whitespace(b"  ab cd", 0), vec![&b"ab cd"[..]]);
        assert_eq!(rsplit_whitespace(b"  a b  ", 1), vec![&b"  a"[..], b"b"]);
        assert_eq!(rsplit_sep(b"a,b,,c", b",", 2), vec![&b"a,b"[..], b"", b"c"]);
        assert_eq!(
            split_lines(b"a\r\nb\rc\n", true),
            vec![&b"a\r\n"[..], b"b\r", b"c\n"]
        );
        assert_eq!(hex_with_sep(b"abcde", Some(b'-'), 2), "61-6263-6465");
        assert_eq!(hex_with_sep(b"abcde", Some(b'-'), -2), "6162-6364-65");
        assert_eq!(title_bytes(b"Hello_World x2Y"), b"Hello_World X2Y");
        assert!(is_title(b"Ab1 Cd"));
        assert_eq!(expand_tabs(b"a\tbc\r\tx", 4), b"a   bc\r    x");
    }
}
