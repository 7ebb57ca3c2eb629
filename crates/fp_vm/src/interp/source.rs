//! Decoding Python source bytes (PEP 263/3120): a UTF-8 BOM, or a coding cookie on one of the
//! first two lines, else UTF-8 — for script files and for `compile()`/`exec()` of bytes.

use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The encoding named by a `coding[:=]` comment on line 1, or on line 2 when line 1 is blank
/// or a comment, normalised as CPython's tokenizer does.
fn cookie(src: &[u8]) -> Option<String> {
    let mut lines = src.split(|&b| b == b'\n');
    let first = lines.next().unwrap_or(&[]);
    if let Some(e) = cookie_in_line(first) {
        return Some(e);
    }
    let t = trim_start(first);
    if t.is_empty() || t[0] == b'#' || t == b"\r" {
        return lines.next().and_then(cookie_in_line);
    }
    None
}

fn trim_start(line: &[u8]) -> &[u8] {
    let n = line
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t' | b'\x0c'))
        .count();
    &line[n..]
}

fn cookie_in_line(line: &[u8]) -> Option<String> {
    let t = trim_start(line);
    if t.first() != Some(&b'#') {
        return None;
    }
    let text = String::from_utf8_lossy(t);
    let at = text.find("coding")?;
    let rest = &text[at + 6..];
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .collect();
    if name.is_empty() {
        return None;
    }
    Some(normal_name(&name))
}

/// CPython's `get_normal_name`: utf-8 and latin-1 spellings collapse to one name each.
fn normal_name(name: &str) -> String {
    let n = name.to_ascii_lowercase().replace('_', "-");
    if n == "utf-8" || n.starts_with("utf-8-") {
        return "utf-8".into();
    }
    for l in ["latin-1", "iso-8859-1", "iso-latin-1"] {
        if n == l || n.starts_with(&format!("{l}-")) {
            return "iso-8859-1".into();
        }
    }
    name.to_string()
}

/// A SyntaxError; `filename` None for the whole-file errors CPython reports without a location.
fn syntax_error(vm: &mut Vm, msg: String, filename: Option<&str>, line: i64) -> crate::vm::Exc {
    let e = vm.new_exc(vm.exc.syntax_error, msg);
    let Some(filename) = filename else {
        return e;
    };
    let f = vm.new_str(filename);
    let k = vm.intern("filename");
    crate::types::instance::set(vm, e.0, k, f);
    let k = vm.intern("lineno");
    let l = Value::try_small_int(line).unwrap_or(Value::NONE);
    crate::types::instance::set(vm, e.0, k, l);
    e
}

/// Decodes source bytes as CPython's tokenizer does. `from_file`: a script read from disk
/// (whose decoding errors CPython words differently from `compile()`'s).
pub fn decode_source(vm: &mut Vm, src: &[u8], filename: &str, from_file: bool) -> PyResult<String> {
    let located = (!from_file).then_some(filename);
    let (body, bom) = match src.strip_prefix(b"\xef\xbb\xbf") {
        Some(rest) => (rest, true),
        None => (src, false),
    };
    let enc = cookie(body);
    if bom && enc.as_deref().is_some_and(|e| e != "utf-8") {
        let e = enc.unwrap_or_default();
        return Err(syntax_error(
            vm,
            format!("encoding problem: {e} with BOM"),
            located,
            0,
        ));
    }
    match enc.as_deref() {
        None | Some("utf-8") => match std::str::from_utf8(body) {
            Ok(s) => Ok(s.to_string()),
            Err(e) => {
                let at = e.valid_up_to();
                let line = body[..at].iter().filter(|&&b| b == b'\n').count() as i64 + 1;
                if from_file && enc.is_none() {
                    let msg = format!(
                        "Non-UTF-8 code starting with '\\x{:02x}' in file {filename} on line {line}, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
                        body[at]
                    );
                    return Err(syntax_error(vm, msg, None, line));
                }
                // compile() reports the byte's position inside its string literal.
                let line_start = body[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                let lit_start = body[line_start..at]
                    .iter()
                    .rposition(|&b| b == b'"' || b == b'\'')
                    .map_or(line_start, |i| line_start + i + 1);
                let msg = format!(
                    "(unicode error) 'utf-8' codec can't decode byte {:#04x} in position {}: invalid start byte",
                    body[at],
                    at - lit_start
                );
                Err(syntax_error(vm, msg, Some(filename), line))
            }
        },
        Some("iso-8859-1") => Ok(body.iter().map(|&b| b as char).collect()),
        Some(other) => {
            // Any other codec goes through the codec registry, as CPython's tokenizer does.
            let b = crate::types::bytes::new_bytes(vm, body.to_vec());
            let name = vm.new_str(other);
            let dec = vm.intern("decode");
            match crate::ops::call::call_method(vm, b, dec, &[name]) {
                Ok(s) => Ok(crate::types::str::as_str(s).unwrap_or("").to_string()),
                Err(e) if vm.exc_matches(e, vm.exc.lookup_error) => {
                    let msg = if from_file {
                        format!("encoding problem: {other}")
                    } else {
                        format!("unknown encoding: {other}")
                    };
                    Err(syntax_error(vm, msg, located, 0))
                }
                Err(e) => Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_where_pep_263_puts_them() {
        assert_eq!(
            cookie(b"# -*- coding: latin-1 -*-\nx"),
            Some("iso-8859-1".into())
        );
        assert_eq!(
            cookie(b"#!/usr/bin/python\n# vim: set fileencoding=utf_8 :\n"),
            Some("utf-8".into())
        );
        assert_eq!(cookie(b"x = 1\n# coding: latin-1\n"), None);
        assert_eq!(cookie(b"\n\n# coding: latin-1\n"), None);
        assert_eq!(cookie(b"# coding=cp1252\n"), Some("cp1252".into()));
    }
}
