//! `str` searching, splitting and stripping: find/rfind/index/rindex/count,
//! startswith/endswith, replace, split/rsplit/splitlines, partition/rpartition,
//! strip/lstrip/rstrip, removeprefix/removesuffix and expandtabs. Positions are code-point
//! indices; searching works on the UTF-8 bytes and converts offsets back.

use crate::native;
use crate::native::NativeDef;
use crate::ops;
use crate::types::str::{StrObj, as_str};
use crate::types::str_methods::{result_str, str_arg, this};
use crate::types::str_unicode::is_space;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub static SEARCH_METHODS: &[NativeDef] = &[
    native!("find", "($self, sub, start=None, end=None, /)", str_find),
    native!("rfind", "($self, sub, start=None, end=None, /)", str_rfind),
    native!("index", "($self, sub, start=None, end=None, /)", str_index),
    native!(
        "rindex",
        "($self, sub, start=None, end=None, /)",
        str_rindex
    ),
    native!("count", "($self, sub, start=None, end=None, /)", str_count),
    native!(
        "startswith",
        "($self, prefix, start=None, end=None, /)",
        str_startswith
    ),
    native!(
        "endswith",
        "($self, suffix, start=None, end=None, /)",
        str_endswith
    ),
    native!("replace", "($self, old, new, count=-1, /)", str_replace),
    native!("split", "($self, /, sep=None, maxsplit=-1)", str_split),
    native!("rsplit", "($self, /, sep=None, maxsplit=-1)", str_rsplit),
    native!("splitlines", "($self, /, keepends=False)", str_splitlines),
    native!("partition", "($self, sep, /)", str_partition),
    native!("rpartition", "($self, sep, /)", str_rpartition),
    native!("strip", "($self, chars=None, /)", str_strip),
    native!("lstrip", "($self, chars=None, /)", str_lstrip),
    native!("rstrip", "($self, chars=None, /)", str_rstrip),
    native!("removeprefix", "($self, prefix, /)", str_removeprefix),
    native!("removesuffix", "($self, suffix, /)", str_removesuffix),
    native!("expandtabs", "($self, /, tabsize=8)", str_expandtabs),
];

/// Resolves optional start/end arguments against `len` like a slice (CPython's
/// ADJUST_INDICES); start may end up greater than end or len.
fn adjust(vm: &mut Vm, start: Value, end: Value, len: usize) -> PyResult<(i64, i64)> {
    let len = len as i64;
    let get = |vm: &mut Vm, v: Value, default: i64| -> PyResult<i64> {
        if v.is_null() || v.is_none() {
            Ok(default)
        } else {
            ops::number::index_clamped(vm, v)
        }
    };
    let mut s = get(vm, start, 0)?;
    let mut e = get(vm, end, len)?;
    if e > len {
        e = len;
    } else if e < 0 {
        e = (e + len).max(0);
    }
    if s < 0 {
        s = (s + len).max(0);
    }
    Ok((s, e))
}

/// Number of code points in `s` (fast for ASCII).
fn char_count(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Finds `sub` in `hay[start..end]` (code points): the code-point index of the first (or last)
/// occurrence.
fn find_in(hay: &StrObj, sub: &str, start: i64, end: i64, reverse: bool) -> Option<usize> {
    if start > end || (end - start) < char_count(sub) as i64 && !sub.is_empty() {
        return None;
    }
    let (start, end) = (start as usize, end as usize);
    let b0 = hay.byte_offset(start);
    let b1 = hay.byte_offset(end);
    let text = &hay.as_str()[b0..b1];
    let pos = if reverse {
        text.rfind(sub)?
    } else {
        text.find(sub)?
    };
    Some(start + char_count(&text[..pos]))
}

fn find_common(vm: &mut Vm, a: &[Value], reverse: bool) -> PyResult<Option<usize>> {
    let hay = this(vm, a[0])?;
    let sub = str_arg(vm, a[1], "")?.as_str();
    let (s, e) = adjust(vm, a[2], a[3], hay.char_len())?;
    Ok(find_in(hay, sub, s, e, reverse))
}

fn pos_value(vm: &mut Vm, r: Option<usize>) -> Value {
    match r {
        Some(i) => crate::types::int::from_usize(vm, i),
        None => crate::types::int::from_i64(vm, -1),
    }
}

fn str_find(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = find_common(vm, a, false)?;
    Ok(pos_value(vm, r))
}

fn str_rfind(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = find_common(vm, a, true)?;
    Ok(pos_value(vm, r))
}

fn str_index(vm: &mut Vm, a: &[Value]) -> PyResult {
    match find_common(vm, a, false)? {
        Some(i) => Ok(crate::types::int::from_usize(vm, i)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn str_rindex(vm: &mut Vm, a: &[Value]) -> PyResult {
    match find_common(vm, a, true)? {
        Some(i) => Ok(crate::types::int::from_usize(vm, i)),
        None => Err(vm.value_error("substring not found")),
    }
}

fn str_count(vm: &mut Vm, a: &[Value]) -> PyResult {
    let hay = this(vm, a[0])?;
    let sub = str_arg(vm, a[1], "")?.as_str();
    let (s, e) = adjust(vm, a[2], a[3], hay.char_len())?;
    let n = if s > e || s > hay.char_len() as i64 {
        0
    } else if sub.is_empty() {
        (e - s + 1) as usize
    } else {
        let text = &hay.as_str()[hay.byte_offset(s as usize)..hay.byte_offset(e as usize)];
        text.matches(sub).count()
    };
    Ok(crate::types::int::from_usize(vm, n))
}

/// startswith/endswith: `affix` is a str or a tuple of str.
fn affix_match(vm: &mut Vm, a: &[Value], name: &str, at_end: bool) -> PyResult {
    let hay = this(vm, a[0])?;
    let (s, e) = adjust(vm, a[2], a[3], hay.char_len())?;
    let test = |sub: &str| -> bool {
        let n = char_count(sub) as i64;
        if s > hay.char_len() as i64 || e - s < n {
            return false;
        }
        let text = &hay.as_str()[hay.byte_offset(s as usize)..hay.byte_offset(e as usize)];
        if at_end {
            text.ends_with(sub)
        } else {
            text.starts_with(sub)
        }
    };
    if let Some(sub) = as_str(a[1]) {
        return Ok(Value::from_bool(test(sub)));
    }
    if let Some(items) = crate::types::tuple::items(a[1]) {
        for it in items {
            match as_str(*it) {
                Some(sub) => {
                    if test(sub) {
                        return Ok(Value::TRUE);
                    }
                }
                None => {
                    return Err(vm.type_error(format!(
                        "tuple for {name} must only contain str, not {}",
                        vm.type_name(*it)
                    )));
                }
            }
        }
        return Ok(Value::FALSE);
    }
    Err(vm.type_error(format!(
        "{name} first arg must be str or a tuple of str, not {}",
        vm.type_name(a[1])
    )))
}

fn str_startswith(vm: &mut Vm, a: &[Value]) -> PyResult {
    affix_match(vm, a, "startswith", false)
}

fn str_endswith(vm: &mut Vm, a: &[Value]) -> PyResult {
    affix_match(vm, a, "endswith", true)
}

fn str_replace(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    let old = str_arg(vm, a[1], "replace() argument 1 ")?.as_str();
    let new = str_arg(vm, a[2], "replace() argument 2 ")?.as_str();
    let count = if a[3].is_null() {
        -1
    } else {
        ops::number::index_i64(vm, a[3])?
    };
    if count == 0 || (!old.is_empty() && !s.contains(old)) || (old.is_empty() && new.is_empty()) {
        return Ok(result_str(vm, a[0], s, false));
    }
    let out = if count < 0 {
        s.replace(old, new)
    } else {
        s.replacen(old, new, count as usize)
    };
    Ok(vm.new_string(out))
}

// ----- splitting -----

fn maxsplit_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_null() {
        return Ok(-1);
    }
    ops::number::index_i64(vm, v)
}

/// The separator of split/rsplit: None for whitespace.
fn sep_arg(vm: &mut Vm, v: Value) -> PyResult<Option<&'static str>> {
    if v.is_null() || v.is_none() {
        return Ok(None);
    }
    match as_str(v) {
        Some("") => Err(vm.value_error("empty separator")),
        Some(s) => Ok(Some(s)),
        None => Err(vm.type_error(format!("must be str or None, not {}", vm.type_name(v)))),
    }
}

/// Splits on runs of whitespace, at most `maxsplit` times (negative: no limit).
pub fn split_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    let mut left = maxsplit;
    while !rest.is_empty() {
        if left == 0 {
            out.push(rest);
            return out;
        }
        match rest.find(is_space) {
            Some(i) => {
                out.push(&rest[..i]);
                rest = rest[i..].trim_start_matches(is_space);
                left -= 1;
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
    out
}

/// rsplit on whitespace: splits from the right.
fn rsplit_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    let mut left = maxsplit;
    while !rest.is_empty() {
        if left == 0 {
            out.push(rest);
            break;
        }
        match rest.rfind(is_space) {
            Some(i) => {
                let c_len = rest[i..].chars().next().map(|c| c.len_utf8()).unwrap_or(1);
                out.push(&rest[i + c_len..]);
                rest = rest[..i].trim_end_matches(is_space);
                left -= 1;
            }
            None => {
                out.push(rest);
                break;
            }
        }
    }
    out.reverse();
    out
}

fn strs_to_list(vm: &mut Vm, orig: Value, parts: Vec<&str>) -> Value {
    let whole = as_str(orig).unwrap_or("");
    let items: Vec<Value> = parts
        .into_iter()
        .map(|p| {
            if p.len() == whole.len() {
                result_str(vm, orig, p, false)
            } else {
                vm.new_str(p)
            }
        })
        .collect();
    crate::types::list::new_list(vm, items)
}

fn str_split(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    let sep = sep_arg(vm, a[1])?;
    let maxsplit = maxsplit_arg(vm, a[2])?;
    let parts: Vec<&str> = match sep {
        None => split_whitespace(s, maxsplit),
        Some(sep) if maxsplit < 0 => s.split(sep).collect(),
        Some(sep) => s.splitn(maxsplit.saturating_add(1) as usize, sep).collect(),
    };
    Ok(strs_to_list(vm, a[0], parts))
}

fn str_rsplit(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    let sep = sep_arg(vm, a[1])?;
    let maxsplit = maxsplit_arg(vm, a[2])?;
    let parts: Vec<&str> = match sep {
        None => rsplit_whitespace(s, maxsplit),
        Some(sep) => {
            let mut v: Vec<&str> = if maxsplit < 0 {
                s.rsplit(sep).collect()
            } else {
                s.rsplitn(maxsplit.saturating_add(1) as usize, sep)
                    .collect()
            };
            v.reverse();
            v
        }
    };
    Ok(strs_to_list(vm, a[0], parts))
}

/// Line boundaries of `str.splitlines`.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

pub fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if !is_line_break(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && matches!(it.peek(), Some((_, '\n'))) {
            it.next();
            end += 1;
        }
        out.push(if keepends {
            &s[start..end]
        } else {
            &s[start..i]
        });
        start = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn str_splitlines(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    let keepends = if a[1].is_null() {
        false
    } else if crate::types::int::is_int(a[1]) {
        ops::truth::is_true(vm, a[1])?
    } else {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(a[1])
        )));
    };
    let parts = splitlines(s, keepends);
    Ok(strs_to_list(vm, a[0], parts))
}

fn partition(vm: &mut Vm, a: &[Value], reverse: bool) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    let sep = str_arg(vm, a[1], "")?.as_str();
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if reverse { s.rfind(sep) } else { s.find(sep) };
    let empty = vm.names.empty;
    let items = match found {
        Some(i) => {
            let head = vm.new_str(&s[..i]);
            let tail = vm.new_str(&s[i + sep.len()..]);
            vec![head, a[1], tail]
        }
        None => {
            let whole = result_str(vm, a[0], s, false);
            if reverse {
                vec![empty, empty, whole]
            } else {
                vec![whole, empty, empty]
            }
        }
    };
    Ok(crate::types::tuple::new_tuple(vm, items))
}

fn str_partition(vm: &mut Vm, a: &[Value]) -> PyResult {
    partition(vm, a, false)
}

fn str_rpartition(vm: &mut Vm, a: &[Value]) -> PyResult {
    partition(vm, a, true)
}

// ----- stripping -----

fn strip(vm: &mut Vm, a: &[Value], name: &str, left: bool, right: bool) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    let chars = if a[1].is_null() || a[1].is_none() {
        None
    } else {
        match as_str(a[1]) {
            Some(c) => Some(c),
            None => return Err(vm.type_error(format!("{name} arg must be None or str"))),
        }
    };
    let mut r = s;
    match chars {
        None => {
            if left {
                r = r.trim_start_matches(is_space);
            }
            if right {
                r = r.trim_end_matches(is_space);
            }
        }
        Some(set) => {
            let pred = |c: char| set.contains(c);
            if left {
                r = r.trim_start_matches(pred);
            }
            if right {
                r = r.trim_end_matches(pred);
            }
        }
    }
    Ok(result_str(vm, a[0], r, r.len() != s.len()))
}

fn str_strip(vm: &mut Vm, a: &[Value]) -> PyResult {
    strip(vm, a, "strip", true, true)
}

fn str_lstrip(vm: &mut Vm, a: &[Value]) -> PyResult {
    strip(vm, a, "lstrip", true, false)
}

fn str_rstrip(vm: &mut Vm, a: &[Value]) -> PyResult {
    strip(vm, a, "rstrip", false, true)
}

fn str_removeprefix(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    let p = str_arg(vm, a[1], "removeprefix() argument ")?.as_str();
    let r = s.strip_prefix(p).unwrap_or(s);
    Ok(result_str(vm, a[0], r, r.len() != s.len()))
}

fn str_removesuffix(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?.as_str();
    let p = str_arg(vm, a[1], "removesuffix() argument ")?.as_str();
    let r = s.strip_suffix(p).unwrap_or(s);
    Ok(result_str(vm, a[0], r, r.len() != s.len()))
}

fn str_expandtabs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s: &StrObj = this(vm, a[0])?;
    let tabsize = if a[1].is_null() {
        8
    } else {
        ops::number::index_i64(vm, a[1])?
    };
    let text = s.as_str();
    if !text.contains('\t') {
        return Ok(result_str(vm, a[0], text, false));
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut col: i64 = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    if out.len() as i64 + n > crate::types::format::MAX_WIDTH as i64 {
                        return Err(vm.overflow_error("new string is too long"));
                    }
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(vm.new_string(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_split() {
        assert_eq!(split_whitespace("  a  b   c  ", -1), vec!["a", "b", "c"]);
        assert_eq!(split_whitespace("  a  b   c  ", 1), vec!["a", "b   c  "]);
        assert_eq!(rsplit_whitespace("  a  b   c  ", 1), vec!["  a  b", "c"]);
        assert_eq!(split_whitespace("", -1), Vec::<&str>::new());
        assert_eq!(split_whitespace("a\x1cb\u{85}c", -1), vec!["a", "b", "c"]);
    }

    #[test]
    fn lines() {
        assert_eq!(
            splitlines("line1\nline2\r\nline3\rline4\n", false),
            vec!["line1", "line2", "line3", "line4"]
        );
        assert_eq!(splitlines("a\nb\n", true), vec!["a\n", "b\n"]);
        assert_eq!(splitlines("\n", false), vec![""]);
    }

    #[test]
    fn finding() {
        let h = StrObj::new("héllo wörld");
        assert_eq!(find_in(&h, "ö", 0, 11, false), Some(7));
        assert_eq!(find_in(&h, "l", 0, 11, true), Some(9));
        assert_eq!(find_in(&h, "", 5, 3, false), None);
        assert_eq!(find_in(&h, "", 11, 11, false), Some(11));
    }
}
