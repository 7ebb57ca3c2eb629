//! The JSON decoder of `_json`: string scanning (`scanstring`) and the `Scanner` type that
//! `json.scanner.make_scanner` returns, parsing a whole value in one call.
//!
//! Positions: the parser walks UTF-8 bytes (`pos`) and counts characters (`cpos`), since
//! Python indices are in characters; every structural character is ASCII.

use super::decode_error;
use crate::modules::stdobj::{self, StdData};
use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub(super) struct Scanner {
    strict: bool,
    object_hook: Value,
    object_pairs_hook: Value,
    parse_float: Value,
    parse_int: Value,
    parse_constant: Value,
    memo: Value,
}

impl StdData for Scanner {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(
            &[
                self.object_hook,
                self.object_pairs_hook,
                self.parse_float,
                self.parse_int,
                self.parse_constant,
                self.memo,
            ],
            visit,
        )
    }
}

pub(crate) struct Parser<'a> {
    s: &'a [u8],
    text: &'a str,
    doc: Value,
    strict: bool,
    pub pos: usize,
    pub cpos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    pub fn new(text: &'a str, doc: Value, strict: bool) -> Parser<'a> {
        Parser {
            s: text.as_bytes(),
            text,
            doc,
            strict,
            pos: 0,
            cpos: 0,
            depth: 0,
        }
    }

    fn err(&self, vm: &mut Vm, msg: &str, cpos: usize) -> crate::vm::Exc {
        decode_error(vm, msg, self.doc, cpos)
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    /// Advances over one ASCII byte.
    fn bump(&mut self) {
        self.pos += 1;
        self.cpos += 1;
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.bump();
        }
    }

    /// Four hex digits at the current position, if there are.
    fn hex4(&self, at: usize) -> Option<u32> {
        let h = self.s.get(at..at + 4)?;
        let t = std::str::from_utf8(h).ok()?;
        if !t.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(t, 16).ok()
    }

    /// Scans a string body; `pos` is just after the opening quote. Leaves `pos` after the
    /// closing quote.
    pub fn string(&mut self, vm: &mut Vm) -> PyResult<String> {
        let start_c = self.cpos.saturating_sub(1);
        let mut out = String::new();
        loop {
            // Copy a run of ordinary characters at once.
            let run_start = self.pos;
            let mut run_chars = 0;
            while let Some(&b) = self.s.get(self.pos) {
                if b == b'"' || b == b'\\' || (b < 0x20 && self.strict) {
                    break;
                }
                self.pos += 1;
                if b & 0xC0 != 0x80 {
                    run_chars += 1;
                }
            }
            out.push_str(&self.text[run_start..self.pos]);
            self.cpos += run_chars;
            match self.peek() {
                None => return Err(self.err(vm, "Unterminated string starting at", start_c)),
                Some(b'"') => {
                    self.bump();
                    return Ok(out);
                }
                Some(b'\\') => {
                    let esc_c = self.cpos;
                    self.bump();
                    let Some(e) = self.peek() else {
                        return Err(self.err(vm, "Unterminated string starting at", start_c));
                    };
                    let ch = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let Some(mut u) = self.hex4(self.pos + 1) else {
                                return Err(self.err(vm, "Invalid \\uXXXX escape", esc_c + 1));
                            };
                            self.pos += 4;
                            self.cpos += 4;
                            if (0xD800..0xDC00).contains(&u)
                                && self.s.get(self.pos + 1) == Some(&b'\\')
                                && self.s.get(self.pos + 2) == Some(&b'u')
                            {
                                if let Some(lo) = self.hex4(self.pos + 3) {
                                    if (0xDC00..0xE000).contains(&lo) {
                                        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                                        self.pos += 6;
                                        self.cpos += 6;
                                    }
                                }
                            }
                            match crate::types::str::char_for(u) {
                                Some(c) => c,
                                None => {
                                    return Err(crate::types::str::unrepresentable_error(vm, u));
                                }
                            }
                        }
                        _ => return Err(self.err(vm, "Invalid \\escape", esc_c)),
                    };
                    self.bump();
                    out.push(ch);
                }
                Some(_) => {
                    return Err(self.err(vm, "Invalid control character at", self.cpos));
                }
            }
        }
    }
}

fn scanner_of(vm: &mut Vm, v: Value) -> PyResult<&'static Scanner> {
    stdobj::expect::<Scanner>(vm, v, "_json.Scanner")
}

pub(super) fn scanner_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ctx = a[1];
    let get = |vm: &mut Vm, name: &str| ops::attr::getattr_str(vm, ctx, name);
    let strict_v = get(vm, "strict")?;
    let strict = ops::truth::is_true(vm, strict_v)?;
    let object_hook = get(vm, "object_hook")?;
    let object_pairs_hook = get(vm, "object_pairs_hook")?;
    let parse_float = get(vm, "parse_float")?;
    let parse_int = get(vm, "parse_int")?;
    let parse_constant = get(vm, "parse_constant")?;
    let memo = crate::types::dict::new_dict(vm);
    Ok(stdobj::new_obj(
        a[0],
        Scanner {
            strict,
            object_hook,
            object_pairs_hook,
            parse_float,
            parse_int,
            parse_constant,
            memo,
        },
    ))
}

pub(super) fn get_strict(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(scanner_of(vm, a[0])?.strict))
}
pub(super) fn get_object_hook(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(scanner_of(vm, a[0])?.object_hook)
}
pub(super) fn get_object_pairs_hook(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(scanner_of(vm, a[0])?.object_pairs_hook)
}
pub(super) fn get_parse_float(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(scanner_of(vm, a[0])?.parse_float)
}
pub(super) fn get_parse_int(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(scanner_of(vm, a[0])?.parse_int)
}
pub(super) fn get_parse_constant(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(scanner_of(vm, a[0])?.parse_constant)
}

/// `scanner(string, idx)`: `(value, end)`, or StopIteration(idx) when no value starts there.
pub(super) fn scanner_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sc = scanner_of(vm, a[0])?;
    let Some(so) = a[1].downcast::<crate::types::str::StrObj>() else {
        return Err(vm.type_error(format!(
            "first argument must be a string, not {}",
            vm.type_name(a[1])
        )));
    };
    let idx = ops::number::index_i64(vm, a[2])?;
    if idx < 0 {
        return Err(vm.value_error("idx cannot be negative"));
    }
    let text = so.as_str();
    let mut p = Parser::new(text, a[1], sc.strict);
    if idx as usize >= so.char_len() {
        return Err(stop(vm, idx as usize));
    }
    p.pos = so.byte_offset(idx as usize);
    p.cpos = idx as usize;
    let r = value(vm, sc, &mut p);
    // The memo only lives for one call (CPython clears it after each).
    crate::types::dict::clear(sc.memo);
    match r? {
        Some(v) => {
            let e = crate::types::int::from_usize(vm, p.cpos);
            Ok(crate::types::tuple::new_tuple(vm, vec![v, e]))
        }
        None => Err(stop(vm, idx as usize)),
    }
}

fn stop(vm: &mut Vm, idx: usize) -> crate::vm::Exc {
    let i = crate::types::int::from_usize(vm, idx);
    vm.new_exc_args(vm.exc.stop_iteration, vec![i])
}

fn starts(p: &Parser, lit: &str) -> bool {
    p.s[p.pos..].starts_with(lit.as_bytes())
}

fn constant(vm: &mut Vm, sc: &Scanner, p: &mut Parser, lit: &str) -> PyResult<Option<Value>> {
    p.pos += lit.len();
    p.cpos += lit.len();
    let s = vm.new_str(lit);
    Ok(Some(ops::call::call(vm, sc.parse_constant, &[s])?))
}

/// One value at `p.pos`; None when nothing there starts a value (position unchanged).
fn value(vm: &mut Vm, sc: &Scanner, p: &mut Parser) -> PyResult<Option<Value>> {
    let Some(c) = p.peek() else {
        return Ok(None);
    };
    match c {
        b'"' => {
            p.bump();
            let s = p.string(vm)?;
            Ok(Some(vm.new_string(s)))
        }
        b'{' | b'[' => {
            p.depth += 1;
            if p.depth > vm.recursion_limit {
                let what = if c == b'{' { "object" } else { "array" };
                return Err(vm.new_exc(
                    vm.exc.recursion_error,
                    format!(
                        "maximum recursion depth exceeded while decoding a JSON {what} from a unicode string"
                    ),
                ));
            }
            p.bump();
            let r = if c == b'{' {
                object(vm, sc, p)
            } else {
                array(vm, sc, p)
            };
            p.depth -= 1;
            r.map(Some)
        }
        b'n' if starts(p, "null") => {
            p.pos += 4;
            p.cpos += 4;
            Ok(Some(Value::NONE))
        }
        b't' if starts(p, "true") => {
            p.pos += 4;
            p.cpos += 4;
            Ok(Some(Value::TRUE))
        }
        b'f' if starts(p, "false") => {
            p.pos += 5;
            p.cpos += 5;
            Ok(Some(Value::FALSE))
        }
        b'N' if starts(p, "NaN") => constant(vm, sc, p, "NaN"),
        b'I' if starts(p, "Infinity") => constant(vm, sc, p, "Infinity"),
        b'-' if starts(p, "-Infinity") => constant(vm, sc, p, "-Infinity"),
        _ => number(vm, sc, p),
    }
}

fn number(vm: &mut Vm, sc: &Scanner, p: &mut Parser) -> PyResult<Option<Value>> {
    let s = p.s;
    let start = p.pos;
    let mut i = start;
    if s.get(i) == Some(&b'-') {
        i += 1;
    }
    match s.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while let Some(b'0'..=b'9') = s.get(i) {
                i += 1;
            }
        }
        _ => return Ok(None),
    }
    let mut is_float = false;
    if s.get(i) == Some(&b'.') && matches!(s.get(i + 1), Some(b'0'..=b'9')) {
        is_float = true;
        i += 2;
        while let Some(b'0'..=b'9') = s.get(i) {
            i += 1;
        }
    }
    if let Some(b'e' | b'E') = s.get(i) {
        let mut j = i + 1;
        if let Some(b'+' | b'-') = s.get(j) {
            j += 1;
        }
        if matches!(s.get(j), Some(b'0'..=b'9')) {
            while let Some(b'0'..=b'9') = s.get(j) {
                j += 1;
            }
            is_float = true;
            i = j;
        }
    }
    let text = &p.text[start..i];
    p.cpos += i - start;
    p.pos = i;
    if is_float {
        if sc.parse_float == vm.types.float {
            let f: f64 = text.parse().unwrap_or(f64::NAN);
            return Ok(Some(crate::types::float::new_float(vm, f)));
        }
        let t = vm.new_str(text);
        return Ok(Some(ops::call::call(vm, sc.parse_float, &[t])?));
    }
    if sc.parse_int == vm.types.int && text.len() <= 18 {
        if let Ok(n) = text.parse::<i64>() {
            return Ok(Some(crate::types::int::from_i64(vm, n)));
        }
    }
    let t = vm.new_str(text);
    Ok(Some(ops::call::call(vm, sc.parse_int, &[t])?))
}

fn object(vm: &mut Vm, sc: &Scanner, p: &mut Parser) -> PyResult {
    let mut pairs: Vec<(Value, Value)> = Vec::new();
    p.skip_ws();
    if p.peek() == Some(b'}') {
        p.bump();
    } else {
        loop {
            if p.peek() != Some(b'"') {
                return Err(p.err(
                    vm,
                    "Expecting property name enclosed in double quotes",
                    p.cpos,
                ));
            }
            p.bump();
            let k = p.string(vm)?;
            let kv = vm.new_string(k);
            // Equal keys share one string object (CPython's memo).
            let key = match crate::types::dict::get_item(vm, sc.memo, kv)? {
                Some(existing) => existing,
                None => {
                    crate::types::dict::set_item(vm, sc.memo, kv, kv)?;
                    kv
                }
            };
            p.skip_ws();
            if p.peek() != Some(b':') {
                return Err(p.err(vm, "Expecting ':' delimiter", p.cpos));
            }
            p.bump();
            p.skip_ws();
            let at = p.cpos;
            let Some(v) = value(vm, sc, p)? else {
                return Err(p.err(vm, "Expecting value", at));
            };
            pairs.push((key, v));
            p.skip_ws();
            match p.peek() {
                Some(b'}') => {
                    p.bump();
                    break;
                }
                Some(b',') => {
                    p.bump();
                    p.skip_ws();
                }
                _ => return Err(p.err(vm, "Expecting ',' delimiter", p.cpos)),
            }
        }
    }
    if !sc.object_pairs_hook.is_none() {
        let mut items = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            items.push(crate::types::tuple::new_tuple(vm, vec![k, v]));
        }
        let l = crate::types::list::new_list(vm, items);
        return ops::call::call(vm, sc.object_pairs_hook, &[l]);
    }
    let d = crate::types::dict::new_dict(vm);
    for (k, v) in pairs {
        crate::types::dict::set_item(vm, d, k, v)?;
    }
    if !sc.object_hook.is_none() {
        return ops::call::call(vm, sc.object_hook, &[d]);
    }
    Ok(d)
}

fn array(vm: &mut Vm, sc: &Scanner, p: &mut Parser) -> PyResult {
    let mut items = Vec::new();
    p.skip_ws();
    if p.peek() == Some(b']') {
        p.bump();
    } else {
        loop {
            let at = p.cpos;
            let Some(v) = value(vm, sc, p)? else {
                return Err(p.err(vm, "Expecting value", at));
            };
            items.push(v);
            p.skip_ws();
            match p.peek() {
                Some(b']') => {
                    p.bump();
                    break;
                }
                Some(b',') => {
                    p.bump();
                    p.skip_ws();
                }
                _ => return Err(p.err(vm, "Expecting ',' delimiter", p.cpos)),
            }
        }
    }
    Ok(crate::types::list::new_list(vm, items))
}
