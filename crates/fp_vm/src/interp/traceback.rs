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
    pub next: Value,
    pub frame: Value,
    pub lasti: u32,
    pub lineno: u32,
}

impl Trace for TracebackObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.next.trace(visit);
        self.frame.trace(visit);
    }
}

impl Payload for TracebackObj {
    const KIND: ObjKind = ObjKind::Traceback;
}

/// Prepends an entry for `frame` at instruction `lasti` to the exception's traceback.
pub fn add_entry(vm: &mut Vm, exc: Exc, frame: Value, lasti: usize, lineno: u32) {
    let Some(x) = exc_obj(exc.0) else { return };
    let next = x.traceback.get();
    let tb = alloc(
        vm.types.traceback,
        TracebackObj {
            next,
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

/// Line `lineno` (1-based) of `filename`, stripped, as the traceback shows it.
pub fn source_line(filename: &str, lineno: u32) -> Option<String> {
    if lineno == 0 {
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
        c.get(filename)?
            .get(lineno as usize - 1)
            .map(|l| l.trim().to_string())
    })
}

/// Registers source text for `<string>`-like names is not done (CPython shows no line either).
fn format_tb(out: &mut String, tb: Value) {
    let mut t = tb;
    let mut last: Option<(String, u32, String)> = None;
    let mut repeat = 0;
    while let Some(e) = t.downcast::<TracebackObj>() {
        let (filename, name) = match e.frame.downcast::<FrameObj>() {
            Some(f) => {
                let c = code_of(f.get());
                (
                    crate::types::str::as_str(c.filename)
                        .unwrap_or("?")
                        .to_string(),
                    crate::types::str::as_str(c.name).unwrap_or("?").to_string(),
                )
            }
            None => ("?".into(), "?".into()),
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
            if let Some(line) = source_line(&filename, e.lineno)
                && !line.is_empty()
            {
                out.push_str(&format!("    {line}\n"));
            }
        }
        last = Some(key);
        t = e.next;
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

/// The full report for an uncaught exception, chained causes/contexts first.
pub fn format_exception(vm: &mut Vm, e: Value) -> String {
    let mut seen = Vec::new();
    let mut out = String::new();
    format_chain(vm, e, &mut seen, &mut out);
    out
}

fn format_chain(vm: &mut Vm, e: Value, seen: &mut Vec<Value>, out: &mut String) {
    seen.push(e);
    if let Some(x) = exc_obj(e) {
        let cause = x.cause.get();
        let context = x.context.get();
        if !cause.is_none() && !seen.contains(&cause) {
            format_chain(vm, cause, seen, out);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if !context.is_none() && !x.suppress_context.get() && !seen.contains(&context) {
            format_chain(vm, context, seen, out);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
        let tb = x.traceback.get();
        if !tb.is_none() {
            out.push_str("Traceback (most recent call last):\n");
            format_tb(out, tb);
        }
    }
    out.push_str(&format_exception_only(vm, e));
}

/// Prints an uncaught exception to stderr (through `sys.stderr` once it exists).
pub fn print_exception(vm: &mut Vm, e: Value) {
    let text = format_exception(vm, e);
    crate::modules::sys::write_stderr(vm, &text);
}
