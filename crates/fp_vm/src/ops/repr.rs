//! `repr(x)` and `str(x)`: fast paths for builtin types, `__repr__`/`__str__` otherwise, with a
//! recursion guard so `l = []; l.append(l)` prints `[[...]]`.

use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn repr(vm: &mut Vm, v: Value) -> PyResult {
    repr_in(vm, v, false)
}

/// `repr`, from a clean position when `clean` (see `ops::call::call_kw_in`): `__repr__` then
/// runs at a clean level (so does `__str__` in `str_in`).
pub fn repr_in(vm: &mut Vm, v: Value, clean: bool) -> PyResult {
    if let Some(s) = repr_builtin(vm, v)? {
        return Ok(vm.new_string(s));
    }
    // A level, as CPython's `PyObject_Repr`, with its message.
    let entered_clean = vm.enter_recursive_if(" while getting the repr of an object", clean)?;
    let r = super::call_special_in(vm, v, vm.names.repr, &[], entered_clean);
    vm.leave_native_clean(entered_clean);
    let r = r?;
    match r {
        Some(s) if s.is::<StrObj>() => Ok(s),
        Some(s) => Err(vm.type_error(format!(
            "__repr__ returned non-string (type {})",
            vm.type_name(s)
        ))),
        None => Ok(vm.new_string(default_repr(vm, v))),
    }
}

/// `repr(x)` as a Rust String.
pub fn repr_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let r = repr(vm, v)?;
    Ok(crate::types::str::as_str(r).unwrap_or("").to_string())
}

pub fn str(vm: &mut Vm, v: Value) -> PyResult {
    str_in(vm, v, false)
}

pub fn str_in(vm: &mut Vm, v: Value, clean: bool) -> PyResult {
    let ty = vm.type_of(v);
    if ty == vm.types.str_ {
        return Ok(v);
    }
    if ty == vm.types.int || ty == vm.types.float || ty == vm.types.bool_ || v.is_none() {
        return repr(vm, v);
    }
    let r = super::call_special_in(vm, v, vm.names.str_, &[], clean)?;
    match r {
        Some(s) if s.is::<StrObj>() => Ok(s),
        Some(s) => Err(vm.type_error(format!(
            "__str__ returned non-string (type {})",
            vm.type_name(s)
        ))),
        None => repr(vm, v),
    }
}

pub fn str_string(vm: &mut Vm, v: Value) -> PyResult<String> {
    let r = str(vm, v)?;
    Ok(crate::types::str::as_str(r).unwrap_or("").to_string())
}

pub fn default_repr(vm: &Vm, v: Value) -> String {
    let ty = vm.type_of(v);
    let t = crate::types::typeobj::tobj(ty);
    let module = crate::types::dict::get_str(t.dict.get(), "__module__")
        .and_then(crate::types::str::as_str)
        .filter(|m| *m != "builtins")
        .map(|m| format!("{m}."))
        .unwrap_or_default();
    format!(
        "<{module}{} object at {:#x}>",
        t.qualname.borrow(),
        v.bits()
    )
}

/// Reprs computed in Rust for exact builtin types (None when not one of them).
fn repr_builtin(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    if let Some(i) = v.as_small_int() {
        return Ok(Some(i.to_string()));
    }
    if let Some(imm) = v.as_immediate() {
        use crate::value::Immediate::*;
        return Ok(Some(
            match imm {
                None => "None",
                True => "True",
                False => "False",
                NotImplemented => "NotImplemented",
                Ellipsis => "Ellipsis",
            }
            .to_string(),
        ));
    }
    let ty = vm.type_of(v);
    if ty == vm.types.str_ {
        return Ok(Some(repr_str(crate::types::str::as_str(v).unwrap_or(""))));
    }
    if ty == vm.types.int {
        let i = crate::types::int::int_ref(v).ok_or_else(|| vm.system_error("bad int"))?;
        return Ok(Some(crate::types::int::to_decimal_string(vm, i)?));
    }
    if ty == vm.types.float {
        return Ok(Some(crate::types::float::repr_f64(
            crate::types::float::as_f64(v).unwrap_or(0.0),
        )));
    }
    if ty == vm.types.list
        || ty == vm.types.tuple
        || ty == vm.types.dict
        || ty == vm.types.set
        || ty == vm.types.frozenset
    {
        return container_repr(vm, v).map(Some);
    }
    Ok(None)
}

/// Containers currently being repr'd (CPython's Py_ReprEnter).
fn repr_enter(vm: &mut Vm, v: Value) -> bool {
    if vm.repr_stack.contains(&v) {
        return false;
    }
    vm.repr_stack.push(v);
    true
}

fn repr_leave(vm: &mut Vm, v: Value) {
    if let Some(p) = vm.repr_stack.iter().rposition(|x| *x == v) {
        vm.repr_stack.remove(p);
    }
}

pub fn container_repr(vm: &mut Vm, v: Value) -> PyResult<String> {
    vm.enter_recursive(" while getting the repr of an object")?;
    let r = container_repr_inner(vm, v);
    vm.leave_native();
    r
}

fn container_repr_inner(vm: &mut Vm, v: Value) -> PyResult<String> {
    let ty = vm.type_of(v);
    let is_list = v.is::<crate::types::list::ListObj>();
    let is_dict = v.is::<crate::types::dict::DictObj>();
    let is_set = v.is::<crate::types::set::SetObj>();
    if !repr_enter(vm, v) {
        return Ok(if is_list {
            "[...]".to_string()
        } else if is_dict {
            "{...}".to_string()
        } else if is_set {
            format!("{}(...)", crate::types::typeobj::type_name(ty))
        } else {
            "(...)".to_string()
        });
    }
    let r = (|| -> PyResult<String> {
        let mut out = String::new();
        if is_dict {
            out.push('{');
            for (i, (k, val)) in crate::types::dict::items(v).into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&repr_string(vm, k)?);
                out.push_str(": ");
                out.push_str(&repr_string(vm, val)?);
            }
            out.push('}');
            return Ok(out);
        }
        if is_set {
            let items = v
                .downcast::<crate::types::set::SetObj>()
                .map(|s| s.items())
                .unwrap_or_default();
            let name = crate::types::typeobj::type_name(ty);
            if items.is_empty() {
                return Ok(format!("{name}()"));
            }
            let mut parts = Vec::new();
            for it in items {
                parts.push(repr_string(vm, it)?);
            }
            let body = format!("{{{}}}", parts.join(", "));
            return Ok(if ty == vm.types.set {
                body
            } else {
                format!("{name}({body})")
            });
        }
        let items = if let Some(l) = v.downcast::<crate::types::list::ListObj>() {
            l.snapshot()
        } else {
            crate::types::tuple::items(v).unwrap_or(&[]).to_vec()
        };
        out.push(if is_list { '[' } else { '(' });
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&repr_string(vm, *it)?);
        }
        if !is_list && items.len() == 1 {
            out.push(',');
        }
        out.push(if is_list { ']' } else { ')' });
        Ok(out)
    })();
    repr_leave(vm, v);
    r
}

/// Whether CPython's `str.isprintable()` holds for `c` (Unicode 14 categories).
pub fn is_printable(c: char) -> bool {
    crate::types::str_unicode::is_printable(c)
}

/// `repr(str)`: CPython's quote choice and escapes.
pub fn repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let u = crate::types::str::code_point(c);
                if u < 0x100 {
                    out.push_str(&format!("\\x{u:02x}"));
                } else if u < 0x10000 {
                    out.push_str(&format!("\\u{u:04x}"));
                } else {
                    out.push_str(&format!("\\U{u:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}
