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

/// `code.replace(**changes)`: the name, filename and first line can be replaced; other fields
/// hold runtime values that cannot be turned back into compiler constants yet.
fn code_replace(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = code_of(vm, a[0])?;
    let mut code = c.code.clone();
    if !a[1].is_null() {
        for (k, v) in crate::types::dict::items(a[1]) {
            let key = as_str(k).unwrap_or("").to_string();
            let want_str = |vm: &mut Vm, v: Value| -> PyResult<String> {
                match as_str(v) {
                    Some(s) => Ok(s.to_string()),
                    None => Err(vm.type_error(format!(
                        "replace() argument '{key}' must be str, not {}",
                        vm.type_name(v)
                    ))),
                }
            };
            match key.as_str() {
                "co_name" => code.name = want_str(vm, v)?,
                "co_qualname" => code.qualname = want_str(vm, v)?,
                "co_filename" => code.filename = want_str(vm, v)?,
                "co_firstlineno" => {
                    let n = ops::number::index_i64(vm, v)?;
                    code.firstlineno = u32::try_from(n).map_err(|_| {
                        vm.overflow_error("Python int too large to convert to C int")
                    })?;
                }
                "co_flags" => {
                    // Flags such as CO_ITERABLE_COROUTINE (types.coroutine) change how the
                    // code runs, not what it holds, so they can be replaced freely.
                    let n = ops::number::index_i64(vm, v)?;
                    code.flags = u32::try_from(n).map_err(|_| {
                        vm.overflow_error("Python int too large to convert to C int")
                    })?;
                }
                other => {
                    let valid = CODE_GETSETS.iter().any(|(g, _)| g.name == other);
                    if !valid {
                        return Err(vm.type_error(format!(
                            "replace() got an unexpected keyword argument '{other}'"
                        )));
                    }
                    return Err(vm.not_implemented_error(format!(
                        "ferropy does not support code.replace({other}=...) yet"
                    )));
                }
            }
        }
    }
    Ok(crate::types::code::load_code(vm, code))
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
