//! Traceback objects and printing uncaught exceptions in CPython's format (chained causes and
//! contexts, source lines, notes, exception groups' sub-exceptions).

use crate::heap::alloc;
use crate::interp::frame::{FrameObj, code_of};
use crate::object::{ObjKind, Payload, Trace};
use crate::types::exceptions::exc_obj;
use crate::value::Value;
use crate::vm::{Exc, Vm};
use std::collections::HashMap;

pub struct TracebackObj {
    /// A Cell: `tb.tb_next` is assignable, as in CPython.
    pub next: std::cell::Cell<Value>,
    pub frame: Value,
    pub lasti: u32,
    pub lineno: u32,
}

impl Trace for TracebackObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.next.get().trace(visit);
        self.frame.trace(visit);
    }
}

impl Payload for TracebackObj {
    const KIND: ObjKind = ObjKind::Traceback;
}

/// Prepends an entry for `frame` at instruction `lasti` to the exception's traceback.
pub fn add_entry(vm: &mut Vm, exc: Exc, frame: Value, lasti: usize, lineno: u32) {
    let Some(x) = exc_obj(exc.0) else { return };
    crate::interp::frame::mark_escaped(frame);
    let next = x.traceback.get();
    let tb = alloc(
        vm.types.traceback,
        TracebackObj {
            next: std::cell::Cell::new(next),
            frame,
            lasti: lasti as u32,
            lineno,
        },
    );
    x.traceback.set(tb);
}

thread_local! {
    static SOURCE_CACHE: std::cell::RefCell<HashMap<String, Vec<String>>> = std::cell::RefCell::new(HashMap::new());
}

/// Line `lineno` (1-based) of `filename`, whole but without its newline; `None` for names
/// like `<string>` (never read from disk, as CPython) and lines past the end.
pub fn raw_source_line(filename: &str, lineno: u32) -> Option<String> {
    if lineno == 0 || (filename.starts_with('<') && filename.ends_with('>')) {
        return None;
    }
    SOURCE_CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if !c.contains_key(filename) {
            let text = std::fs::read(filename).ok()?;
            let text = String::from_utf8_lossy(&text).into_owned();
            c.insert(
                filename.to_string(),
                text.lines().map(str::to_string).collect(),
            );
        }
        c.get(filename)?.get(lineno as usize - 1).cloned()
    })
}

/// Line `lineno` (1-based) of `filename` as the traceback shows it: without its indentation
/// (spaces, tabs, form feeds) but with any trailing blanks, as CPython prints it.
pub fn source_line(filename: &str, lineno: u32) -> Option<String> {
    raw_source_line(filename, lineno).map(|l| {
        l.trim_start_matches(crate::interp::traceback_carets::is_blank)
            .to_string()
    })
}

fn format_tb(out: &mut String, tb: Value) {
    let mut t = tb;
    let mut last: Option<(String, u32, String)> = None;
    let mut repeat = 0;
    while let Some(e) = t.downcast::<TracebackObj>() {
        let (filename, name, loc) = match e.frame.downcast::<FrameObj>() {
            Some(f) => {
                let c = code_of(f.get());
                (
                    crate::types::str::as_str(c.filename.get())
                        .unwrap_or("?")
                        .to_string(),
                    crate::types::str::as_str(c.name).unwrap_or("?").to_string(),
                    c.code.locations.get(e.lasti as usize).copied(),
                )
            }
            None => ("?".into(), "?".into(), None),
        };
        let key = (filename.clone(), e.lineno, name.clone());
        if last.as_ref() == Some(&key) {
            repeat += 1;
        } else {
            flush_repeat(out, repeat);
            repeat = 0;
        }
        if repeat < 3 {
            out.push_str(&format!(
                "  File \"{filename}\", line {}, in {name}\n",
                e.lineno
            ));
            if let Some(line) = raw_source_line(&filename, e.lineno) {
                let shown = line.trim_start_matches(crate::interp::traceback_carets::is_blank);
                out.push_str(&format!("    {shown}\n"));
                let indent = line.chars().count() - shown.chars().count();
                if let Some(carets) =
                    loc.and_then(|l| crate::interp::traceback_carets::caret_line(&line, indent, l))
                {
                    out.push_str(&carets);
                    out.push('\n');
                }
            }
        }
        last = Some(key);
        t = e.next.get();
    }
    flush_repeat(out, repeat);
}

fn flush_repeat(out: &mut String, repeat: usize) {
    if repeat >= 3 {
        let n = repeat - 2;
        let s = if n == 1 { "" } else { "s" };
        out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
    }
}

/// `type: message` (or just `type`), with the module prefix for non-builtin classes.
pub fn format_exception_only(vm: &mut Vm, e: Value) -> String {
    let ty = vm.type_of(e);
    let t = crate::types::typeobj::tobj(ty);
    let module = crate::types::dict::get_str(t.dict.get(), "__module__")
        .and_then(crate::types::str::as_str)
        .unwrap_or("builtins")
        .to_string();
    let qual = t.qualname.borrow().clone();
    let name = if module == "builtins" || module == "__main__" {
        qual
    } else {
        format!("{module}.{qual}")
    };
    let mut out = String::new();
    if crate::types::typeobj::is_subtype(ty, vm.exc.syntax_error) {
        out.push_str(&format_syntax_error(vm, e));
    }
    let is_syntax = crate::types::typeobj::is_subtype(ty, vm.exc.syntax_error);
    let msg_v = if is_syntax {
        let k = vm.intern("msg");
        crate::types::instance::get(e, k).filter(|m| !m.is_none())
    } else {
        None
    };
    let msg = match crate::ops::repr::str_string(vm, msg_v.unwrap_or(e)) {
        Ok(s) => s,
        Err(_) => "<exception str() failed>".into(),
    };
    let msg = match suggestion_for(vm, e) {
        Some(sug) => format!("{msg}. Did you mean: '{sug}'?"),
        None => msg,
    };
    if msg.is_empty() {
        out.push_str(&format!("{name}\n"));
    } else {
        out.push_str(&format!("{name}: {msg}\n"));
    }
    let k = vm.intern("__notes__");
    if let Some(notes) = crate::types::instance::get(e, k) {
        if let Ok(items) = crate::ops::iter::collect(vm, notes) {
            for n in items {
                match crate::ops::repr::str_string(vm, n) {
                    Ok(s) => out.push_str(&format!("{s}\n")),
                    Err(_) => out.push_str("<note str() failed>\n"),
                }
            }
        }
    }
    out
}

fn format_syntax_error(vm: &mut Vm, e: Value) -> String {
    let get = |vm: &mut Vm, n: &str| {
        let k = vm.intern(n);
        crate::types::instance::get(e, k).unwrap_or(Value::NONE)
    };
    let mut out = String::new();
    let filename = get(vm, "filename");
    let lineno = get(vm, "lineno");
    if let (Some(f), Some(l)) = (
        crate::types::str::as_str(filename),
        crate::types::int::int_ref(lineno).and_then(|i| i.to_i64()),
    ) {
        out.push_str(&format!("  File \"{f}\", line {l}\n"));
    }
    let text = get(vm, "text");
    if let Some(t) = crate::types::str::as_str(text) {
        let line = t.trim_end_matches('\n');
        let stripped = line.trim_start();
        let indent = line.len() - stripped.len();
        out.push_str(&format!("    {}\n", stripped.trim_end()));
        let offset = crate::types::int::int_ref(get(vm, "offset"))
            .and_then(|i| i.to_i64())
            .unwrap_or(0);
        let end = crate::types::int::int_ref(get(vm, "end_offset"))
            .and_then(|i| i.to_i64())
            .unwrap_or(0);
        if offset >= 1 {
            let start = (offset as usize - 1).saturating_sub(indent);
            let width = if end > offset && get(vm, "end_lineno") == get(vm, "lineno") {
                (end - offset) as usize
            } else {
                1
            };
            out.push_str(&format!(
                "    {}{}\n",
                " ".repeat(start),
                "^".repeat(width.max(1))
            ));
        }
    }
    out
}

/// The full report for an uncaught exception, chained causes/contexts first, exception groups
/// drawn with their sub-exceptions in boxes (the layout of CPython 3.11's `traceback` module).
pub fn format_exception(vm: &mut Vm, e: Value) -> String {
    let mut ctx = PrintCtx {
        seen: Vec::new(),
        depth: 0,
        need_close: false,
    };
    let mut out = String::new();
    format_with_chain(vm, e, &mut ctx, &mut out);
    out
}

struct PrintCtx {
    seen: Vec<Value>,
    depth: usize,
    need_close: bool,
}

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

impl PrintCtx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }
    fn emit(&self, out: &mut String, text: &str, margin: Option<char>) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin.unwrap_or('|'));
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

fn exc_group_members(vm: &mut Vm, e: Value) -> Option<Vec<Value>> {
    if !crate::types::typeobj::is_subtype(vm.type_of(e), vm.exc.base_exception_group) {
        return None;
    }
    let k = vm.intern("exceptions");
    crate::types::instance::get(e, k)
        .and_then(crate::types::tuple::items)
        .map(|t| t.to_vec())
}

const CAUSE_MSG: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MSG: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

fn format_with_chain(vm: &mut Vm, e: Value, ctx: &mut PrintCtx, out: &mut String) {
    // The chain, from `e` back to its outermost cause/context; printed oldest first.
    let mut chain: Vec<(Option<&str>, Value)> = vec![(None, e)];
    ctx.seen.push(e);
    let mut cur = e;
    while let Some(x) = exc_obj(cur) {
        let cause = x.cause.get();
        let context = x.context.get();
        let next = if !cause.is_none() && !ctx.seen.contains(&cause) {
            Some((CAUSE_MSG, cause))
        } else if !context.is_none() && !x.suppress_context.get() && !ctx.seen.contains(&context) {
            Some((CONTEXT_MSG, context))
        } else {
            None
        };
        let Some((msg, nx)) = next else { break };
        ctx.seen.push(nx);
        chain.push((Some(msg), nx));
        cur = nx;
    }
    for (msg, exc) in chain.into_iter().rev() {
        format_one(vm, exc, ctx, out);
        if let Some(m) = msg {
            ctx.emit(out, m, None);
        }
    }
}

fn format_one(vm: &mut Vm, e: Value, ctx: &mut PrintCtx, out: &mut String) {
    let tb = exc_obj(e).map(|x| x.traceback.get()).unwrap_or(Value::NONE);
    let Some(members) = exc_group_members(vm, e) else {
        if !tb.is_none() {
            ctx.emit(out, "Traceback (most recent call last):\n", None);
            let mut t = String::new();
            format_tb(&mut t, tb);
            ctx.emit(out, &t, None);
        }
        let only = format_exception_only(vm, e);
        ctx.emit(out, &only, None);
        return;
    };
    if ctx.depth > MAX_GROUP_DEPTH {
        ctx.emit(
            out,
            &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
            None,
        );
        return;
    }
    let toplevel = ctx.depth == 0;
    if toplevel {
        ctx.depth += 1;
    }
    if !tb.is_none() {
        let margin = if toplevel { Some('+') } else { None };
        ctx.emit(
            out,
            "Exception Group Traceback (most recent call last):\n",
            margin,
        );
        let mut t = String::new();
        format_tb(&mut t, tb);
        ctx.emit(out, &t, None);
    }
    let only = format_exception_only(vm, e);
    ctx.emit(out, &only, None);
    let n = if members.len() <= MAX_GROUP_WIDTH {
        members.len()
    } else {
        MAX_GROUP_WIDTH + 1
    };
    ctx.need_close = false;
    for (i, member) in members.iter().take(n).enumerate() {
        let last = i == n - 1;
        if last {
            ctx.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let title = if truncated {
            "...".to_string()
        } else {
            (i + 1).to_string()
        };
        let lead = if i == 0 { "+-" } else { "  " };
        out.push_str(&format!(
            "{}{lead}+---------------- {title} ----------------\n",
            ctx.indent()
        ));
        ctx.depth += 1;
        if truncated {
            let rest = members.len() - MAX_GROUP_WIDTH;
            let s = if rest > 1 { "s" } else { "" };
            ctx.emit(out, &format!("and {rest} more exception{s}\n"), None);
        } else {
            format_with_chain(vm, *member, ctx, out);
        }
        if last && ctx.need_close {
            out.push_str(&format!(
                "{}+------------------------------------\n",
                ctx.indent()
            ));
            ctx.need_close = false;
        }
        ctx.depth -= 1;
    }
    if toplevel {
        ctx.depth = 0;
    }
}

// ----- "Did you mean" suggestions (the rules of CPython 3.11's Python/suggestions.c) -----

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_CANDIDATES: usize = 750;
const MAX_STRING: usize = 40;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[pre..], &b[pre..]);
    let suf = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (a, b) = (&a[..a.len() - suf], &b[..b.len() - suf]);
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING || b.len() > MAX_STRING {
        return max_cost + 1;
    }
    let (a, b) = if b.len() < a.len() { (b, a) } else { (a, b) };
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (0..a.len()).map(|i| (i + 1) * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

fn best_suggestion(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATES {
        return None;
    }
    let mut best: Option<(usize, &String)> = None;
    for c in candidates {
        if c == name {
            continue;
        }
        let mut max = (name.len() + c.len() + 3) * MOVE_COST / 6;
        if let Some((d, _)) = best {
            max = max.min(d.saturating_sub(1));
        }
        let d = levenshtein(name.as_bytes(), c.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.clone())
}

fn sorted_names(names: Vec<Value>) -> Vec<String> {
    let mut v: Vec<String> = names
        .into_iter()
        .filter_map(|n| crate::types::str::as_str(n).map(str::to_string))
        .collect();
    v.sort();
    v
}

/// The "Did you mean" suggestion for an uncaught NameError/AttributeError, if any.
fn suggestion_for(vm: &mut Vm, e: Value) -> Option<String> {
    let ty = vm.type_of(e);
    let k = vm.intern("name");
    let name = crate::types::instance::get(e, k)
        .and_then(crate::types::str::as_str)?
        .to_string();
    if crate::types::typeobj::is_subtype(ty, vm.exc.attribute_error) {
        let ko = vm.intern("obj");
        let obj = crate::types::instance::get(e, ko).filter(|o| !o.is_none())?;
        let dir = vm.intern("__dir__");
        let d = crate::ops::call_special(vm, obj, dir, &[]).ok()??;
        let items = crate::ops::iter::collect(vm, d).ok()?;
        return best_suggestion(&sorted_names(items), &name);
    }
    if crate::types::typeobj::is_subtype(ty, vm.exc.name_error) {
        // The innermost frame of the traceback: its locals, then globals, then builtins.
        let mut tb = exc_obj(e)?.traceback.get();
        let mut frame = Value::NULL;
        while let Some(t) = tb.downcast::<TracebackObj>() {
            frame = t.frame;
            tb = t.next.get();
        }
        let f = frame.downcast::<FrameObj>()?.get();
        let c = code_of(f);
        let local_names: Vec<Value> =
            if f.locals.is::<crate::types::dict::DictObj>() && f.locals != f.globals {
                crate::types::dict::keys(f.locals)
            } else if f.locals.is_null() {
                c.varnames
                    .iter()
                    .copied()
                    .zip(f.fast.iter())
                    .filter(|(_, v)| !v.is_null())
                    .map(|(n, _)| n)
                    .collect()
            } else {
                Vec::new()
            };
        for names in [
            local_names,
            crate::types::dict::keys(f.globals),
            crate::types::dict::keys(f.builtins),
        ] {
            if let Some(s) = best_suggestion(&sorted_names(names), &name) {
                return Some(s);
            }
        }
    }
    None
}

/// Prints an uncaught exception to stderr (through `sys.stderr` once it exists).
pub fn print_exception(vm: &mut Vm, e: Value) {
    let text = format_exception(vm, e);
    crate::modules::sys::write_stderr(vm, &text);
}

/// Reports an exception that cannot propagate (a weakref or atexit callback, a `__del__`):
/// `header` ("Exception ignored in: ..."), then the usual traceback, on stderr.
pub fn print_unraisable(vm: &mut Vm, e: Value, header: &str) {
    let text = format_exception(vm, e);
    crate::modules::sys::write_stderr(vm, &format!("{header}\n{text}"));
}

/// Removes the import system's own frames from `exc`'s traceback, as CPython does when an
/// import fails: for ImportError every `importlib._bootstrap(_external)` frame; for other
/// errors (raised by the imported module's code) each chunk of importlib frames that ends in
/// `_call_with_frames_removed`. The user then sees their import line, then the module's code.
pub fn remove_importlib_frames(vm: &mut Vm, exc: Exc) {
    const BOOTSTRAP: &str = "<frozen importlib._bootstrap>";
    const EXTERNAL: &str = "<frozen importlib._bootstrap_external>";
    let Some(x) = exc_obj(exc.0) else { return };
    let always = vm.exc_matches(exc, vm.exc.import_error);
    let mut entries = Vec::new();
    let mut tb = x.traceback.get();
    while let Some(t) = tb.downcast::<TracebackObj>() {
        entries.push(tb);
        tb = t.next.get();
    }
    let mut kept: Vec<Value> = Vec::with_capacity(entries.len());
    let mut chunk_start = 0;
    let mut in_importlib = false;
    for e in &entries {
        let Some(t) = e.downcast::<TracebackObj>() else {
            continue;
        };
        let code = code_of(crate::interp::frame::fobj(t.frame).get());
        let file = crate::types::str::as_str(code.filename.get()).unwrap_or("");
        let now_in = file == BOOTSTRAP || file == EXTERNAL;
        if now_in && !in_importlib {
            chunk_start = kept.len();
        }
        in_importlib = now_in;
        let name = crate::types::str::as_str(code.name).unwrap_or("");
        if in_importlib && (always || name == "_call_with_frames_removed") {
            kept.truncate(chunk_start);
        } else {
            kept.push(*e);
        }
    }
    if kept.len() == entries.len() {
        return;
    }
    // Traceback entries are immutable: rebuild the kept chain from its end.
    let mut next = Value::NONE;
    for e in kept.iter().rev() {
        let Some(t) = e.downcast::<TracebackObj>() else {
            continue;
        };
        next = alloc(
            vm.types.traceback,
            TracebackObj {
                next: std::cell::Cell::new(next),
                frame: t.frame,
                lasti: t.lasti,
                lineno: t.lineno,
            },
        );
    }
    x.traceback.set(next);
}
