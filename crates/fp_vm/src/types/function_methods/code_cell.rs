//! Python-visible attributes of `cell` (closure cells) and `code` objects.

use crate::native::NativeDef;
use crate::ops;
use crate::types::code::CodeObj;
use crate::types::function::CellObj;
use crate::types::str::as_str;
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use fp_bytecode::{CodeFlags, CompareOp};

use super::GetSetDel;

pub fn install(vm: &mut Vm) {
    let t = vm.types.cell;
    typeobj::add_methods(vm, t, CELL_METHODS);
    super::add_getsets_full(vm, t, CELL_GETSETS);
    // Cells compare by contents, so they are unhashable (as in CPython).
    typeobj::set_type_attr(vm, t, "__hash__", Value::NONE);

    let t = vm.types.code;
    typeobj::add_methods(vm, t, CODE_METHODS);
    typeobj::add_getsets(vm, t, CODE_GETSETS);
}

// ----- cell -----

static CELL_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", cell_new),
    native!("__repr__", "($self, /)", cell_repr),
    native!("__eq__", "($self, value, /)", cell_eq),
    native!("__ne__", "($self, value, /)", cell_ne),
    native!("__lt__", "($self, value, /)", cell_lt),
    native!("__le__", "($self, value, /)", cell_le),
    native!("__gt__", "($self, value, /)", cell_gt),
    native!("__ge__", "($self, value, /)", cell_ge),
];

static CELL_GETSETS: &[GetSetDel] = &[(
    native!("cell_contents", "($self, /)", cell_get_contents),
    Some(native!(
        "cell_contents",
        "($self, value, /)",
        cell_set_contents
    )),
    Some(native!("cell_contents", "($self, /)", cell_del_contents)),
)];

fn cell_of(vm: &mut Vm, v: Value) -> PyResult<&'static CellObj> {
    match v.downcast::<CellObj>() {
        Some(c) => Ok(c),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'cell' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn cell_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    if !a[2].is_null() && crate::types::dict::len(a[2]) > 0 {
        return Err(vm.type_error("cell() takes no keyword arguments"));
    }
    if args.len() > 1 {
        return Err(vm.type_error(format!(
            "cell expected at most 1 argument, got {}",
            args.len()
        )));
    }
    let v = args.first().copied().unwrap_or(Value::NULL);
    Ok(crate::types::function::new_cell(vm, v))
}

fn cell_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = cell_of(vm, a[0])?;
    let v = c.get();
    let s = if v.is_null() {
        format!("<cell at {:#x}: empty>", a[0].bits())
    } else {
        format!(
            "<cell at {:#x}: {} object at {:#x}>",
            a[0].bits(),
            vm.type_name(v),
            v.bits()
        )
    };
    Ok(vm.new_string(s))
}

/// CPython's cell comparison: contents when both are full, else full > empty.
fn cell_compare(vm: &mut Vm, a: &[Value], op: CompareOp) -> PyResult {
    let (Some(x), Some(y)) = (a[0].downcast::<CellObj>(), a[1].downcast::<CellObj>()) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (u, v) = (x.get(), y.get());
    if !u.is_null() && !v.is_null() {
        return ops::compare::rich_compare(vm, u, v, op);
    }
    let (p, q) = (!u.is_null() as u8, !v.is_null() as u8);
    let r = match op {
        CompareOp::Lt => p < q,
        CompareOp::Le => p <= q,
        CompareOp::Eq => p == q,
        CompareOp::Ne => p != q,
        CompareOp::Gt => p > q,
        CompareOp::Ge => p >= q,
    };
    Ok(Value::from_bool(r))
}

fn cell_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    cell_compare(vm, a, CompareOp::Eq)
}
fn cell_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    cell_compare(vm, a, CompareOp::Ne)
}
fn cell_lt(vm: &mut Vm, a: &[Value]) -> PyResult {
    cell_compare(vm, a, CompareOp::Lt)
}
fn cell_le(vm: &mut Vm, a: &[Value]) -> PyResult {
    cell_compare(vm, a, CompareOp::Le)
}
fn cell_gt(vm: &mut Vm, a: &[Value]) -> PyResult {
    cell_compare(vm, a, CompareOp::Gt)
}
fn cell_ge(vm: &mut Vm, a: &[Value]) -> PyResult {
    cell_compare(vm, a, CompareOp::Ge)
}

fn cell_get_contents(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = cell_of(vm, a[0])?.get();
    if v.is_null() {
        return Err(vm.value_error("Cell is empty"));
    }
    Ok(v)
}
fn cell_set_contents(vm: &mut Vm, a: &[Value]) -> PyResult {
    cell_of(vm, a[0])?.set(a[1]);
    Ok(Value::NONE)
}
fn cell_del_contents(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = cell_of(vm, a[0])?;
    if c.get().is_null() {
        return Err(vm.value_error("Cell is empty"));
    }
    c.set(Value::NULL);
    Ok(Value::NONE)
}

// ----- code -----

static CODE_METHODS: &[NativeDef] = &[
    native!("__repr__", "($self, /)", code_repr),
    native!("co_lines", "($self, /)", code_lines),
    native!("co_positions", "($self, /)", code_positions),
    native!("replace", "($self, /, **changes)", code_replace),
];

macro_rules! code_getsets {
    ($($name:literal => $f:ident),* $(,)?) => {
        static CODE_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
            $((native!($name, "($self, /)", $f), None),)*
        ];
    };
}

code_getsets! {
    "co_name" => co_name,
    "co_qualname" => co_qualname,
    "co_filename" => co_filename,
    "co_firstlineno" => co_firstlineno,
    "co_argcount" => co_argcount,
    "co_posonlyargcount" => co_posonlyargcount,
    "co_kwonlyargcount" => co_kwonlyargcount,
    "co_nlocals" => co_nlocals,
    "co_varnames" => co_varnames,
    "co_cellvars" => co_cellvars,
    "co_freevars" => co_freevars,
    "co_names" => co_names,
    "co_consts" => co_consts,
    "co_flags" => co_flags,
    "co_code" => co_code,
    "co_stacksize" => co_stacksize,
    "co_linetable" => co_empty_bytes,
    "co_exceptiontable" => co_empty_bytes,
    "co_lnotab" => co_empty_bytes,
}

fn code_of(vm: &mut Vm, v: Value) -> PyResult<&'static CodeObj> {
    match v.downcast::<CodeObj>() {
        Some(c) => Ok(c),
        None => Err(vm.type_error(format!(
            "descriptor requires a 'code' object but received '{}'",
            vm.type_name(v)
        ))),
    }
}

fn int(vm: &mut Vm, i: u64) -> Value {
    crate::types::int::from_u64(vm, i)
}

fn code_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    let name = as_str(c.name).unwrap_or("?");
    let file = as_str(c.filename.get()).unwrap_or("?");
    let s = format!(
        "<code object {name} at {:#x}, file \"{file}\", line {}>",
        a[0].bits(),
        c.code.firstlineno
    );
    Ok(vm.new_string(s))
}

/// `co_lines()`: `(start, end, line)` byte ranges (2 bytes per instruction, as CPython),
/// merging runs of instructions on the same line; `line` is None for synthetic code.
fn code_lines(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    let mut runs: Vec<(usize, usize, u32)> = Vec::new();
    for (i, loc) in c.code.locations.iter().enumerate() {
        match runs.last_mut() {
            Some(r) if r.2 == loc.line && r.1 == 2 * i => r.1 = 2 * i + 2,
            _ => runs.push((2 * i, 2 * i + 2, loc.line)),
        }
    }
    let mut items = Vec::with_capacity(runs.len());
    for (s, e, line) in runs {
        let s = int(vm, s as u64);
        let e = int(vm, e as u64);
        let l = if line == 0 {
            Value::NONE
        } else {
            int(vm, line as u64)
        };
        items.push(crate::types::tuple::new_tuple(vm, vec![s, e, l]));
    }
    let l = crate::types::list::new_list(vm, items);
    ops::iter::get_iter(vm, l)
}

/// `co_positions()`: `(line, end_line, col, end_col)` per instruction.
fn code_positions(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    let mut items = Vec::with_capacity(c.code.locations.len());
    for loc in c.code.locations.iter() {
        let t = if loc.line == 0 {
            vec![Value::NONE; 4]
        } else {
            vec![
                int(vm, loc.line as u64),
                int(vm, loc.end_line as u64),
                int(vm, loc.col as u64),
                int(vm, loc.end_col as u64),
            ]
        };
        items.push(crate::types::tuple::new_tuple(vm, t));
    }
    let l = crate::types::list::new_list(vm, items);
    ops::iter::get_iter(vm, l)
}

/// The keywords of CPython 3.11's `code.replace()`.
const REPLACE_KEYWORDS: &[&str] = &[
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_flags",
    "co_firstlineno",
    "co_code",
    "co_consts",
    "co_names",
    "co_varnames",
    "co_freevars",
    "co_cellvars",
    "co_filename",
    "co_name",
    "co_qualname",
    "co_linetable",
    "co_exceptiontable",
];

/// `code.replace(**changes)`: a new code object with the given fields replaced, as far as
/// ferropy's code can honour them. Constants, names, file name, names of the code, first line,
/// argument counts, flags and stack size are replaced; variable names may be renamed but not
/// added or removed (they are the frame's layout); `co_code` must be this object's own (ferropy
/// does not run CPython's bytecode); `co_linetable`/`co_exceptiontable` are checked and left
/// alone (they describe CPython's bytecode; ferropy keeps its own tables).
fn code_replace(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    let mut code = crate::types::code::full_code(c);
    if a[1].is_null() {
        return Ok(crate::types::code::load_code(vm, code));
    }
    let mut nlocals: Option<u32> = None;
    for (k, v) in crate::types::dict::items(a[1]) {
        let key = as_str(k).unwrap_or("").to_string();
        if !REPLACE_KEYWORDS.contains(&key.as_str()) {
            return Err(vm.type_error(format!(
                "'{key}' is an invalid keyword argument for replace()"
            )));
        }
        let must_be = |vm: &mut Vm, what: &str, v: Value| {
            let t = vm.type_name(v);
            vm.type_error(format!(
                "replace() argument '{key}' must be {what}, not {t}"
            ))
        };
        match key.as_str() {
            "co_name" | "co_qualname" | "co_filename" => {
                let Some(s) = as_str(v) else {
                    return Err(must_be(vm, "str", v));
                };
                let s = s.to_string();
                match key.as_str() {
                    "co_name" => code.name = s,
                    "co_qualname" => code.qualname = s,
                    _ => code.filename = s,
                }
            }
            "co_firstlineno" => {
                let n = ops::number::index_i64(vm, v)?;
                code.firstlineno = u32::try_from(n)
                    .map_err(|_| vm.overflow_error("Python int too large to convert to C int"))?;
            }
            "co_argcount" | "co_posonlyargcount" | "co_kwonlyargcount" | "co_nlocals"
            | "co_stacksize" => {
                let n = ops::number::index_i64(vm, v)?;
                if n < 0 {
                    return Err(vm.value_error(format!("{key} must be a positive integer")));
                }
                let n = u32::try_from(n)
                    .map_err(|_| vm.overflow_error("Python int too large to convert to C int"))?;
                match key.as_str() {
                    "co_argcount" => code.argcount = n,
                    "co_posonlyargcount" => code.posonlyargcount = n,
                    "co_kwonlyargcount" => code.kwonlyargcount = n,
                    "co_nlocals" => nlocals = Some(n),
                    // Only a capacity hint for the frame's value stack.
                    _ => code.max_stack = n,
                }
            }
            // Only flags the interpreter reads at run time without other changes to the
            // code (types.coroutine sets CO_ITERABLE_COROUTINE; NESTED and the
            // __future__ bits are informational) may change.
            "co_flags" => {
                let n = ops::number::index_i64(vm, v)?;
                let free = (CodeFlags::ITERABLE_COROUTINE | CodeFlags::NESTED) as i64 | 0x00FF_0000;
                let visible = (code.flags & 0x03FF_FFFF & !CodeFlags::NOFREE) as i64;
                if !(0..0x0400_0000).contains(&n) || (n ^ visible) & !free != 0 {
                    return Err(vm.not_implemented_error(format!(
                        "ferropy cannot change these code flags: {:#x}",
                        (n ^ visible) & !free
                    )));
                }
                code.flags =
                    (code.flags & !0x03FF_FFFF) | (code.flags & CodeFlags::NOFREE) | n as u32;
            }
            "co_code" => {
                let Some(given) = crate::types::bytes::bytes_data(v) else {
                    return Err(must_be(vm, "bytes", v));
                };
                let own = co_code(vm, &[a[0]])?;
                if crate::types::bytes::bytes_data(own).as_deref() != Some(given.as_slice()) {
                    return Err(vm.value_error(
                        "code.replace(co_code=...): ferropy runs its own bytecode, not \
                         CPython's; only this code object's own co_code is accepted",
                    ));
                }
            }
            "co_linetable" | "co_exceptiontable" => {
                if crate::types::bytes::bytes_data(v).is_none() {
                    return Err(must_be(vm, "bytes", v));
                }
            }
            "co_consts" => {
                let Some(items) = crate::types::tuple::items(v) else {
                    return Err(must_be(vm, "tuple", v));
                };
                // The bytecode indexes the constants: there must be at least as many.
                if items.len() < code.consts.len() {
                    return Err(vm.value_error(format!(
                        "code.replace(co_consts=...): the bytecode uses {} constants, got {}",
                        code.consts.len(),
                        items.len()
                    )));
                }
                let mut consts = Vec::with_capacity(items.len());
                for &it in items {
                    consts.push(replace_const(vm, it)?);
                }
                code.consts = consts;
            }
            "co_names" | "co_varnames" | "co_freevars" | "co_cellvars" => {
                let Some(items) = crate::types::tuple::items(v) else {
                    return Err(must_be(vm, "tuple", v));
                };
                let mut names = Vec::with_capacity(items.len());
                for &it in items {
                    match as_str(it) {
                        Some(s) => names.push(s.to_string()),
                        None => return Err(vm.system_error("non-string found in code slot")),
                    }
                }
                let old = match key.as_str() {
                    "co_names" => &mut code.names,
                    "co_varnames" => &mut code.varnames,
                    "co_freevars" => &mut code.freevars,
                    _ => &mut code.cellvars,
                };
                let fits = if key == "co_names" {
                    names.len() >= old.len()
                } else {
                    names.len() == old.len()
                };
                if !fits {
                    let n = old.len();
                    return Err(vm.value_error(format!(
                        "code.replace({key}=...): ferropy's bytecode of this code uses {n} \
                         such names; they can be renamed but not added or removed"
                    )));
                }
                *old = names;
            }
            _ => {}
        }
    }
    if nlocals.is_some_and(|n| n as usize != code.varnames.len()) {
        return Err(vm.value_error("code: co_nlocals != len(co_varnames)"));
    }
    let star = |f: u32| (code.flags & f != 0) as u32;
    let needed = code.argcount as u64
        + code.kwonlyargcount as u64
        + star(CodeFlags::VARARGS) as u64
        + star(CodeFlags::VARKEYWORDS) as u64;
    if needed > code.varnames.len() as u64 {
        return Err(vm.value_error("code: co_varnames is too small"));
    }
    if code.posonlyargcount > code.argcount {
        return Err(vm.value_error("code: co_posonlyargcount > co_argcount"));
    }
    Ok(crate::types::code::load_code(vm, code))
}

/// The compiler constant for a value given in `co_consts`: the constant types (tuples and
/// frozensets of them included) and code objects.
fn replace_const(vm: &mut Vm, v: Value) -> PyResult<fp_bytecode::Const> {
    if let Some(inner) = v.downcast::<CodeObj>() {
        return Ok(fp_bytecode::Const::Code(Box::new(
            crate::types::code::full_code(inner),
        )));
    }
    match crate::modules::ast::to_ruff::const_of(vm, v) {
        Some(c) => Ok(c),
        None => {
            let t = vm.type_name(v);
            Err(vm.not_implemented_error(format!(
                "ferropy's code objects hold only compiler constants (None, bool, int, float, \
                 complex, str, bytes, tuples, frozensets, Ellipsis, code), not '{t}'"
            )))
        }
    }
}

fn str_tuple(vm: &mut Vm, names: &[Value]) -> Value {
    crate::types::tuple::new_tuple(vm, names.to_vec())
}

fn co_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(code_of(vm, a[0])?.name)
}
fn co_qualname(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(code_of(vm, a[0])?.qualname)
}
fn co_filename(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(code_of(vm, a[0])?.filename.get())
}
fn co_firstlineno(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = code_of(vm, a[0])?.code.firstlineno;
    Ok(int(vm, n as u64))
}
fn co_argcount(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = code_of(vm, a[0])?.code.argcount;
    Ok(int(vm, n as u64))
}
fn co_posonlyargcount(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = code_of(vm, a[0])?.code.posonlyargcount;
    Ok(int(vm, n as u64))
}
fn co_kwonlyargcount(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = code_of(vm, a[0])?.code.kwonlyargcount;
    Ok(int(vm, n as u64))
}
fn co_nlocals(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = code_of(vm, a[0])?.nlocals;
    Ok(int(vm, n as u64))
}
fn co_varnames(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    Ok(str_tuple(vm, &c.varnames))
}
fn co_cellvars(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    let n = c.ncells.min(c.cellnames.len());
    Ok(str_tuple(vm, &c.cellnames[..n]))
}
fn co_freevars(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    let n = c.ncells.min(c.cellnames.len());
    Ok(str_tuple(vm, &c.cellnames[n..]))
}
fn co_names(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    Ok(str_tuple(vm, &c.names))
}
fn co_consts(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    Ok(str_tuple(vm, &c.consts))
}
/// The CPython-visible flags: ferropy's private bits (above CO_FUTURE_*) and CO_NOFREE (not a
/// 3.11 flag) are hidden.
fn co_flags(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = code_of(vm, a[0])?.code.flags & 0x03FF_FFFF & !CodeFlags::NOFREE;
    Ok(int(vm, f as u64))
}
fn co_code(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    let mut b = Vec::with_capacity(c.code.instrs.len() * 2);
    for ins in &c.code.instrs {
        b.push(ins.op as u8);
        b.push((ins.arg & 0xff) as u8);
    }
    Ok(crate::types::bytes::new_bytes(vm, b))
}
fn co_stacksize(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = code_of(vm, a[0])?.code.max_stack;
    Ok(int(vm, n as u64))
}
fn co_empty_bytes(vm: &mut Vm, a: &[Value]) -> PyResult {
    code_of(vm, a[0])?;
    Ok(crate::types::bytes::new_bytes(vm, Vec::new()))
}
