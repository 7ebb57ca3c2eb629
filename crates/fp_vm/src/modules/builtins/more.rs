//! Builtin functions over values and iterables: `all any chr ord min max sum sorted input`, and
//! the builtins ferropy cannot offer yet (`open`, `help`), which
//! raise a clear NotImplementedError.
//!
//! Several take `(*args, **kwargs)` and check their arguments themselves, because CPython's
//! messages for these functions differ from the general binder's ("sorted expected 1 argument,
//! got 2"); their CPython text signature is in the doc (`name(sig)\n--\n\n`), as in CPython.

use crate::ops;
use crate::types::dict;
use crate::types::float::{self, FloatObj};
use crate::types::int;
use crate::types::str::{StrObj, as_str};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use fp_bytecode::{BinaryOp, CompareOp};

/// The positional arguments of a `(*args, **kwargs)` native.
pub(super) fn pos_args(a: &[Value]) -> Vec<Value> {
    crate::types::tuple::items(a[0]).unwrap_or(&[]).to_vec()
}

/// The keyword arguments of a `(*args, **kwargs)` native.
pub(super) fn kw_args(a: &[Value]) -> Vec<(Value, Value)> {
    match a.get(1) {
        Some(d) if !d.is_null() => dict::items(*d),
        _ => Vec::new(),
    }
}

/// `PyArg_UnpackTuple`-style checks: "`name` expected at most 2 arguments, got 3".
pub(super) fn unpack(
    vm: &mut Vm,
    a: &[Value],
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<Vec<Value>> {
    if !kw_args(a).is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let args = pos_args(a);
    let n = args.len();
    let plural = |k: usize| if k == 1 { "" } else { "s" };
    if n < min {
        let what = if min == max { "" } else { "at least " };
        return Err(vm.type_error(format!(
            "{name} expected {what}{min} argument{}, got {n}",
            plural(min)
        )));
    }
    if n > max {
        let what = if min == max { "" } else { "at most " };
        return Err(vm.type_error(format!(
            "{name} expected {what}{max} argument{}, got {n}",
            plural(max)
        )));
    }
    Ok(args)
}

/// METH_O-style check: "`name`() takes exactly one argument (2 given)".
fn one_arg(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Value> {
    if !kw_args(a).is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let args = pos_args(a);
    if args.len() != 1 {
        return Err(vm.type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            args.len()
        )));
    }
    Ok(args[0])
}

pub(super) fn all(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let v = one_arg(vm, a, "all")?;
    let it = ops::iter::get_iter(vm, v)?;
    // Audited for collection in its callbacks (`gc_clean`).
    vm.root(it);
    while let Some(x) = ops::iter::next_in(vm, it, clean)? {
        if !ops::truth::is_true(vm, x)? {
            return Ok(Value::FALSE);
        }
    }
    Ok(Value::TRUE)
}

pub(super) fn any(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let v = one_arg(vm, a, "any")?;
    let it = ops::iter::get_iter(vm, v)?;
    // Audited for collection in its callbacks (`gc_clean`).
    vm.root(it);
    while let Some(x) = ops::iter::next_in(vm, it, clean)? {
        if ops::truth::is_true(vm, x)? {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}

/// `chr(i)`. Lone surrogates are stored as stand-ins (see `types/str.rs`), whose own range
/// is the one thing `chr` cannot make.
pub(super) fn chr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = one_arg(vm, a, "chr")?;
    let i = ops::number::index(vm, v)?;
    let n = match int::int_ref(i).and_then(|r| r.to_i64()) {
        Some(n) if i32::try_from(n).is_ok() => n,
        _ => return Err(vm.overflow_error("Python int too large to convert to C int")),
    };
    if !(0..0x110000).contains(&n) {
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    }
    let Some(c) = crate::types::str::char_for(n as u32) else {
        return Err(crate::types::str::unrepresentable_error(vm, n as u32));
    };
    let mut buf = [0u8; 4];
    Ok(vm.new_str(c.encode_utf8(&mut buf)))
}

pub(super) fn ord(vm: &mut Vm, a: &[Value]) -> PyResult {
    let v = one_arg(vm, a, "ord")?;
    if let Some(s) = v.downcast::<StrObj>() {
        let mut chars = s.as_str().chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) => Ok(int::from_i64(vm, crate::types::str::code_point(c) as i64)),
            _ => Err(vm.type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.char_len()
            ))),
        };
    }
    if v.is::<crate::types::bytes::BytesObj>() || v.is::<crate::types::bytes::ByteArrayObj>() {
        let data = crate::types::bytes::bytes_data(v).unwrap_or_default();
        if data.len() == 1 {
            return Ok(int::from_i64(vm, data[0] as i64));
        }
        return Err(vm.type_error(format!(
            "ord() expected a character, but string of length {} found",
            data.len()
        )));
    }
    Err(vm.type_error(format!(
        "ord() expected string of length 1, but {} found",
        vm.type_name(v)
    )))
}

/// `min`/`max`: one iterable or several arguments, `key=`, `default=`.
fn min_max(vm: &mut Vm, a: &[Value], is_max: bool) -> PyResult {
    let clean = vm.take_clean_entry();
    let name = if is_max { "max" } else { "min" };
    let args = pos_args(a);
    let kws = kw_args(a);
    if kws.len() > 2 {
        return Err(vm.type_error(format!(
            "{name}() takes at most 2 keyword arguments ({} given)",
            kws.len()
        )));
    }
    let (mut key, mut default) = (Value::NULL, Value::NULL);
    for (k, v) in kws {
        match as_str(k) {
            Some("key") => key = v,
            Some("default") => default = v,
            _ => {
                let ks = as_str(k).unwrap_or("?").to_string();
                return Err(vm.type_error(format!(
                    "'{ks}' is an invalid keyword argument for {name}()"
                )));
            }
        }
    }
    if key.is_none() {
        key = Value::NULL;
    }
    if args.is_empty() {
        return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    if args.len() > 1 && !default.is_null() {
        return Err(vm.type_error(format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        )));
    }
    let op = if is_max { CompareOp::Gt } else { CompareOp::Lt };
    let (mut best, mut best_key) = (Value::NULL, Value::NULL);
    // Audited for collection in its callbacks (`gc_clean`): the best item and key are rooted.
    let slots = clean.then(|| (vm.root(Value::NONE), vm.root(Value::NONE)));
    let mut consider = |vm: &mut Vm, x: Value| -> PyResult<()> {
        let k = if key.is_null() {
            x
        } else {
            let mark = vm.roots_mark();
            vm.root(x);
            let k = ops::call::call_kw_in(vm, key, &[x], &[], clean);
            vm.truncate_roots(mark);
            k?
        };
        if !best.is_null() {
            let r = ops::compare::rich_compare(vm, k, best_key, op)?;
            if !ops::truth::is_true(vm, r)? {
                return Ok(());
            }
        }
        (best, best_key) = (x, k);
        if let Some((best_slot, key_slot)) = slots {
            vm.set_root(best_slot, best);
            vm.set_root(key_slot, best_key);
        }
        Ok(())
    };
    if args.len() == 1 {
        let it = ops::iter::get_iter(vm, args[0])?;
        vm.root(it);
        while let Some(x) = ops::iter::next_in(vm, it, clean)? {
            consider(vm, x)?;
        }
    } else {
        for x in args {
            consider(vm, x)?;
        }
    }
    if best.is_null() {
        if !default.is_null() {
            return Ok(default);
        }
        return Err(vm.value_error(format!("{name}() arg is an empty sequence")));
    }
    Ok(best)
}

pub(super) fn min(vm: &mut Vm, a: &[Value]) -> PyResult {
    min_max(vm, a, false)
}

pub(super) fn max(vm: &mut Vm, a: &[Value]) -> PyResult {
    min_max(vm, a, true)
}

/// Running state of `sum`: exact ints and floats are added natively, anything else (or an int
/// overflowing i64) goes through `+`, in order, exactly as CPython's fast paths behave.
enum Acc {
    Int(i64),
    Float(f64),
    Obj(Value),
}

impl Acc {
    fn into_value(self, vm: &mut Vm) -> Value {
        match self {
            Acc::Int(i) => int::from_i64(vm, i),
            Acc::Float(f) => float::new_float(vm, f),
            Acc::Obj(v) => v,
        }
    }
}

/// `sum(iterable, /, start=0)`.
pub(super) fn sum(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let args = pos_args(a);
    let mut start = Value::NULL;
    for (k, v) in kw_args(a) {
        match as_str(k) {
            Some("start") if args.len() < 2 => start = v,
            Some("start") => {
                return Err(
                    vm.type_error("argument for sum() given by name ('start') and position (2)")
                );
            }
            _ => {
                let ks = as_str(k).unwrap_or("?").to_string();
                return Err(
                    vm.type_error(format!("sum() got an unexpected keyword argument '{ks}'"))
                );
            }
        }
    }
    if args.is_empty() {
        return Err(vm.type_error("sum() takes at least 1 positional argument (0 given)"));
    }
    if args.len() + !start.is_null() as usize > 2 {
        return Err(vm.type_error(format!(
            "sum() takes at most 2 arguments ({} given)",
            args.len() + !start.is_null() as usize
        )));
    }
    if args.len() == 2 {
        start = args[1];
    }
    if start.is_null() {
        start = Value::try_small_int(0).unwrap_or(Value::NONE);
    }
    let st = vm.type_of(start);
    if st == vm.types.str_ || crate::types::typeobj::is_subtype(st, vm.types.str_) {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if crate::types::typeobj::is_subtype(st, vm.types.bytes) {
        return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    if crate::types::typeobj::is_subtype(st, vm.types.bytearray) {
        return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]"));
    }
    let mut acc = exact_number(vm, start).unwrap_or(Acc::Obj(start));
    let it = ops::iter::get_iter(vm, args[0])?;
    // Audited for collection in its callbacks (`gc_clean`): the iterator and the running
    // total are rooted.
    vm.root(it);
    let acc_slot = vm.root(Value::NONE);
    while let Some(x) = ops::iter::next_in(vm, it, clean)? {
        acc = sum_step(vm, acc, x)?;
        if let Acc::Obj(v) = acc {
            vm.set_root(acc_slot, v);
        }
    }
    Ok(acc.into_value(vm))
}

/// An exact int (fitting i64) or exact float as a native accumulator.
fn exact_number(vm: &Vm, v: Value) -> Option<Acc> {
    if let Some(i) = v.as_small_int() {
        return Some(Acc::Int(i));
    }
    let t = vm.type_of(v);
    if t == vm.types.int {
        return int::int_ref(v).and_then(|i| i.to_i64()).map(Acc::Int);
    }
    if t == vm.types.float {
        return v
            .downcast::<FloatObj>()
            .map(|_| Acc::Float(float::as_f64(v).unwrap_or(0.0)));
    }
    None
}

fn sum_step(vm: &mut Vm, acc: Acc, x: Value) -> PyResult<Acc> {
    let xt = vm.type_of(x);
    match acc {
        Acc::Int(i) => {
            if (xt == vm.types.int || xt == vm.types.bool_)
                && let Some(j) = int::int_ref(x).and_then(|r| r.to_i64())
                && let Some(s) = i.checked_add(j)
            {
                return Ok(Acc::Int(s));
            }
            let l = int::from_i64(vm, i);
            let r = ops::number::binary_op(vm, l, x, BinaryOp::Add, false)?;
            Ok(exact_number(vm, r).unwrap_or(Acc::Obj(r)))
        }
        Acc::Float(f) => {
            if xt == vm.types.float {
                return Ok(Acc::Float(f + float::as_f64(x).unwrap_or(0.0)));
            }
            if (xt == vm.types.int || xt == vm.types.bool_)
                && let Some(i) = int::int_ref(x)
            {
                let xf = int::to_f64(vm, i)?;
                return Ok(Acc::Float(f + xf));
            }
            let l = float::new_float(vm, f);
            let r = ops::number::binary_op(vm, l, x, BinaryOp::Add, false)?;
            Ok(exact_number(vm, r).unwrap_or(Acc::Obj(r)))
        }
        Acc::Obj(v) => {
            let r = ops::number::binary_op(vm, v, x, BinaryOp::Add, false)?;
            Ok(exact_number(vm, r).unwrap_or(Acc::Obj(r)))
        }
    }
}

/// `sorted(iterable, /, *, key=None, reverse=False)`: a new list, sorted by `list.sort` (whose
/// keyword checks apply, as in CPython).
pub(super) fn sorted(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let args = pos_args(a);
    if args.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", args.len())));
    }
    // Audited for collection in its callbacks (`gc_clean`), as is `list.sort`.
    let items = ops::iter::collect_in(vm, args[0], clean)?;
    let list = crate::types::list::new_list(vm, items);
    vm.root(list);
    let sort = ops::attr::getattr_str(vm, list, "sort")?;
    vm.root(sort);
    let (names, values): (Vec<Value>, Vec<Value>) = kw_args(a).into_iter().unzip();
    ops::call::call_kw_in(vm, sort, &values, &names, clean)?;
    Ok(list)
}

/// `input(prompt='')`: writes the prompt to `sys.stdout`, flushes it, and reads one line from
/// `sys.stdin` (its `readline()` when replaced), without the line ending.
pub(super) fn input(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = unpack(vm, a, "input", 0, 1)?;
    let fin = crate::modules::sys::stream(vm, "stdin");
    let fout = crate::modules::sys::stream(vm, "stdout");
    if fin.is_none() {
        return Err(vm.runtime_error("input(): lost sys.stdin"));
    }
    if fout.is_none() {
        return Err(vm.runtime_error("input(): lost sys.stdout"));
    }
    if let Some(p) = args.first() {
        let s = ops::repr::str_string(vm, *p)?;
        crate::modules::stdio::write_to(vm, fout, &s)?;
    }
    // Flush errors are ignored, as in CPython.
    let flush_name = vm.intern("flush");
    if let Ok(Some(flush)) = ops::attr::getattr_opt(vm, fout, flush_name) {
        let _ = ops::call::call(vm, flush, &[]);
    }
    let mut line = if fin.is::<crate::modules::stdio::StdStream>() {
        crate::modules::stdio::read_line(vm)?
    } else {
        let readline = ops::attr::getattr_str(vm, fin, "readline")?;
        let r = ops::call::call(vm, readline, &[])?;
        match as_str(r) {
            Some(s) => s.to_string(),
            None => return Err(vm.type_error("object.readline() returned non-string")),
        }
    };
    if line.is_empty() {
        return Err(vm.new_exc(vm.exc.eof_error, "EOF when reading a line"));
    }
    // Only the '\n' goes: CPython's stdin keeps a '\r' before it.
    if line.ends_with('\n') {
        line.pop();
    }
    Ok(vm.new_string(line))
}

/// The builtin `open` is `_io.open`.
pub(super) fn open(vm: &mut Vm, a: &[Value]) -> PyResult {
    crate::modules::io::open::open(vm, a)
}

pub(super) fn help(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.not_implemented_error("ferropy does not support help() yet (it needs pydoc)"))
}

/// `breakpoint(*args, **kws)` calls `sys.breakpointhook(*args, **kws)`.
pub(super) fn breakpoint(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sys = vm.sys;
    let name = vm.intern("breakpointhook");
    let Some(hook) = crate::ops::attr::getattr_opt(vm, sys, name)? else {
        return Err(vm.new_exc(vm.exc.runtime_error, "lost sys.breakpointhook"));
    };
    let args = crate::types::tuple::items(a[0]).unwrap_or(&[]).to_vec();
    crate::ops::call::call_ex(vm, hook, &args, a[1])
}
