//! The `builtins` module: the builtin types and exceptions, and the builtin functions (the
//! table here; `more` holds the value/iterable builtins, `code` exec/eval/compile and the
//! namespace builtins).

mod alias;
mod async_iter;
pub mod code;
pub use code::frame_locals;
mod more;
#[cfg(test)]
mod tests;

use crate::native;
use crate::native::NativeDef;
use crate::ops;
use crate::types::dict;
use crate::types::function::new_native;
use crate::types::typeobj::{self, TypeObject};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCTIONS: &[NativeDef] = &[
    native!(
        "print",
        "(*args, sep=' ', end='\\n', file=None, flush=False)",
        print
    )
    .gc_clean(),
    native!("len", "(obj, /)", len).gc_clean(),
    native!("repr", "(obj, /)", repr).gc_clean(),
    native!("ascii", "(obj, /)", ascii),
    native!("isinstance", "(obj, class_or_tuple, /)", isinstance),
    native!("issubclass", "(cls, class_or_tuple, /)", issubclass),
    native!("getattr", "(object, name, default=None, /)", getattr).gc_clean(),
    native!("setattr", "(obj, name, value, /)", setattr),
    native!("hasattr", "(obj, name, /)", hasattr),
    native!("delattr", "(obj, name, /)", delattr),
    native!("id", "(obj, /)", id),
    native!("hash", "(obj, /)", hash),
    native!("iter", "(object, sentinel=None, /)", iter).gc_clean(),
    native!("next", "(iterator, default=None, /)", next),
    native!("aiter", "(async_iterable, /)", async_iter::aiter),
    native!("anext", "(aiterator, default=None, /)", async_iter::anext),
    native!("callable", "(obj, /)", callable),
    native!("abs", "(x, /)", abs),
    native!("format", "(value, format_spec='', /)", format).gc_clean(),
    native!(
        "__build_class__",
        "(func, name, /, *bases, **kwds)",
        build_class
    )
    .gc_clean(),
    native!(
        "all",
        "(*args, **kwargs)",
        more::all,
        "all($module, iterable, /)\n--\n\nReturn True if bool(x) is True for all values x in the iterable.\n\nIf the iterable is empty, return True."
    )
    .gc_clean(),
    native!(
        "any",
        "(*args, **kwargs)",
        more::any,
        "any($module, iterable, /)\n--\n\nReturn True if bool(x) is True for any x in the iterable.\n\nIf the iterable is empty, return False."
    )
    .gc_clean(),
    native!(
        "chr",
        "(*args, **kwargs)",
        more::chr,
        "chr($module, i, /)\n--\n\nReturn a Unicode string of one character with ordinal i; 0 <= i <= 0x10ffff."
    ),
    native!(
        "ord",
        "(*args, **kwargs)",
        more::ord,
        "ord($module, c, /)\n--\n\nReturn the Unicode code point for a one-character string."
    ),
    native!(
        "min",
        "(*args, **kwargs)",
        more::min,
        "min(iterable, *[, default=obj, key=func]) -> value\nmin(arg1, arg2, *args, *[, key=func]) -> value\n\nWith a single iterable argument, return its smallest item. The\ndefault keyword-only argument specifies an object to return if\nthe provided iterable is empty.\nWith two or more arguments, return the smallest argument."
    )
    .gc_clean(),
    native!(
        "max",
        "(*args, **kwargs)",
        more::max,
        "max(iterable, *[, default=obj, key=func]) -> value\nmax(arg1, arg2, *args, *[, key=func]) -> value\n\nWith a single iterable argument, return its biggest item. The\ndefault keyword-only argument specifies an object to return if\nthe provided iterable is empty.\nWith two or more arguments, return the largest argument."
    )
    .gc_clean(),
    native!(
        "sum",
        "(*args, **kwargs)",
        more::sum,
        "sum($module, iterable, /, start=0)\n--\n\nReturn the sum of a 'start' value (default: 0) plus an iterable of numbers\n\nWhen the iterable is empty, return the start value.\nThis function is intended specifically for use with numeric values and may\nreject non-numeric types."
    )
    .gc_clean(),
    native!(
        "sorted",
        "(*args, **kwargs)",
        more::sorted,
        "sorted($module, iterable, /, *, key=None, reverse=False)\n--\n\nReturn a new list containing all items from the iterable in ascending order.\n\nA custom key function can be supplied to customize the sort order, and the\nreverse flag can be set to request the result in descending order."
    )
    .gc_clean(),
    native!(
        "input",
        "(*args, **kwargs)",
        more::input,
        "input($module, prompt='', /)\n--\n\nRead a string from standard input.  The trailing newline is stripped."
    ),
    native!(
        "open",
        "(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True, opener=None)",
        more::open
    )
    .gc_clean(),
    native!("help", "(*args, **kwargs)", more::help),
    native!("breakpoint", "(*args, **kws)", more::breakpoint),
    native!(
        "globals",
        "(*args, **kwargs)",
        code::globals,
        "globals($module, /)\n--\n\nReturn the dictionary containing the current scope's global variables."
    ),
    native!(
        "locals",
        "(*args, **kwargs)",
        code::locals,
        "locals($module, /)\n--\n\nReturn a dictionary containing the current scope's local variables."
    ),
    native!(
        "vars",
        "(*args, **kwargs)",
        code::vars,
        "vars([object]) -> dictionary\n\nWithout arguments, equivalent to locals().\nWith an argument, equivalent to object.__dict__."
    ),
    native!(
        "dir",
        "(*args, **kwargs)",
        code::dir,
        "dir([object]) -> list of strings\n\nIf called without an argument, return the names in the current scope.\nElse, return an alphabetized list of names comprising (some of) the attributes\nof the given object, and of attributes reachable from it."
    ),
    native!(
        "eval",
        "(*args, **kwargs)",
        code::eval,
        "eval($module, source, globals=None, locals=None, /)\n--\n\nEvaluate the given source in the context of globals and locals."
    ),
    native!(
        "exec",
        "(*args, **kwargs)",
        code::exec,
        "exec($module, source, globals=None, locals=None, /, *, closure=None)\n--\n\nExecute the given source in the context of globals and locals."
    ),
    native!(
        "compile",
        "(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *, _feature_version=-1)",
        code::compile
    ),
    native!(
        "__import__",
        "(name, globals=None, locals=None, fromlist=(), level=0)",
        code::import
    ),
];

pub fn init(vm: &mut Vm) {
    let m = crate::modules::new_native_module(vm, "builtins");
    vm.builtins = m;
    vm.builtins_dict = crate::types::module::module_dict(m);
    add_functions(vm, m, FUNCTIONS);
    alias::init_types(vm);
    crate::types::memoryview::install(vm);
    let mv = vm.types.memoryview;
    crate::types::module::set_attr(vm, m, "memoryview", mv);
    crate::types::int_methods::install_builtins(vm);
    let t = &vm.types;
    let types = [
        ("object", t.object),
        ("type", t.type_),
        ("int", t.int),
        ("bool", t.bool_),
        ("float", t.float),
        ("complex", t.complex),
        ("str", t.str_),
        ("bytes", t.bytes),
        ("bytearray", t.bytearray),
        ("tuple", t.tuple),
        ("list", t.list),
        ("dict", t.dict),
        ("set", t.set),
        ("frozenset", t.frozenset),
        ("range", t.range),
        ("slice", t.slice),
        ("property", t.property),
        ("classmethod", t.classmethod),
        ("staticmethod", t.staticmethod),
        ("super", t.super_),
        ("enumerate", t.enumerate),
        ("zip", t.zip),
        ("map", t.map_),
        ("filter", t.filter),
        ("reversed", t.reversed),
    ];
    for (name, ty) in types {
        crate::types::module::set_attr(vm, m, name, ty);
    }
    for (name, v) in [
        ("None", Value::NONE),
        ("True", Value::TRUE),
        ("False", Value::FALSE),
        ("NotImplemented", Value::NOT_IMPLEMENTED),
        ("Ellipsis", Value::ELLIPSIS),
        ("__debug__", Value::from_bool(vm.config.optimize == 0)),
    ] {
        crate::types::module::set_attr(vm, m, name, v);
    }
    // Every exception class, under its own name.
    let mut excs = Vec::new();
    vm.exc.trace(&mut |v| excs.push(v));
    for e in excs {
        let name = typeobj::type_name(e);
        crate::types::module::set_attr(vm, m, &name, e);
    }
    let env_error = vm.exc.os_error;
    crate::types::module::set_attr(vm, m, "EnvironmentError", env_error);
    crate::types::module::set_attr(vm, m, "IOError", env_error);
}

/// Adds native functions to a module, bound to it (`__self__` is the module).
pub fn add_functions(vm: &mut Vm, m: Value, defs: &'static [NativeDef]) {
    for def in defs {
        let f = new_native(vm, def, m, Value::NULL);
        crate::types::module::set_attr(vm, m, def.name, f);
    }
}

/// The `isinstance` builtin (MATCH_CLASS uses it for classes with `__instancecheck__`).
pub fn isinstance_fn(vm: &mut Vm) -> Value {
    dict::get_str(vm.builtins_dict, "isinstance").unwrap_or(Value::NONE)
}

/// Audited (`gc_clean`): entered cleanly, the arguments' `__str__` run at a clean level (the
/// file is rooted: a `__str__` may replace `sys.stdout`).
fn print(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let args = crate::types::tuple::items(a[0]).unwrap_or(&[]).to_vec();
    let str_of = |vm: &mut Vm, v: Value| -> PyResult<String> {
        let s = ops::repr::str_in(vm, v, clean)?;
        Ok(crate::types::str::as_str(s).unwrap_or("").to_string())
    };
    let str_or = |vm: &mut Vm, v: Value, what: &str, default: &str| -> PyResult<String> {
        if v.is_null() || v.is_none() {
            return Ok(default.to_string());
        }
        match crate::types::str::as_str(v) {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.type_error(format!(
                "{what} must be None or a string, not {}",
                vm.type_name(v)
            ))),
        }
    };
    let sep = str_or(vm, a[1], "sep", " ")?;
    let end = str_or(vm, a[2], "end", "\n")?;
    let mut file = a[3];
    if file.is_null() || file.is_none() {
        file = crate::modules::sys::stream(vm, "stdout");
        if file.is_none() {
            return Ok(Value::NONE);
        }
    }
    vm.root(file);
    let textio = crate::modules::io::textio::is_exact_textio(vm, file);
    if textio || file.is::<crate::modules::stdio::StdStream>() {
        // One write of the whole line: the same bytes as CPython's piecewise writes.
        let mut out = String::new();
        for (i, v) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(&sep);
            }
            out.push_str(&str_of(vm, *v)?);
        }
        out.push_str(&end);
        if textio {
            crate::modules::io::textio::write_text(vm, file, &out)?;
        } else {
            crate::modules::stdio::write_to(vm, file, &out)?;
        }
    } else {
        // Other files see each piece written separately, as CPython's print does.
        for (i, v) in args.iter().enumerate() {
            if i > 0 {
                crate::modules::stdio::write_to(vm, file, &sep)?;
            }
            let s = str_of(vm, *v)?;
            crate::modules::stdio::write_to(vm, file, &s)?;
        }
        crate::modules::stdio::write_to(vm, file, &end)?;
    }
    if !a[4].is_null() && ops::truth::is_true(vm, a[4])? {
        let fl = ops::attr::getattr_str(vm, file, "flush")?;
        ops::call::call(vm, fl, &[])?;
    }
    Ok(Value::NONE)
}

// `len`, `repr`, `getattr` (without a default), `iter` (of one argument) and `format` are
// audited (`gc_clean`): entered cleanly, the special method they call runs at a clean level.

fn len(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let n = ops::item::len_in(vm, a[0], clean)?;
    Ok(crate::types::int::from_usize(vm, n))
}

fn repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    ops::repr::repr_in(vm, a[0], clean)
}

/// `ascii(v)`: repr with non-ASCII characters escaped.
pub fn ascii_of(vm: &mut Vm, v: Value) -> PyResult {
    let r = ops::repr::repr_string(vm, v)?;
    let mut out = String::with_capacity(r.len());
    for c in r.chars() {
        let u = crate::types::str::code_point(c);
        if u < 0x80 {
            out.push(c);
        } else if u < 0x100 {
            out.push_str(&format!("\\x{u:02x}"));
        } else if u < 0x10000 {
            out.push_str(&format!("\\u{u:04x}"));
        } else {
            out.push_str(&format!("\\U{u:08x}"));
        }
    }
    Ok(vm.new_string(out))
}

fn ascii(vm: &mut Vm, a: &[Value]) -> PyResult {
    ascii_of(vm, a[0])
}

/// `isinstance(obj, cls)` with tuples and `__instancecheck__`.
pub fn is_instance(vm: &mut Vm, obj: Value, cls: Value) -> PyResult<bool> {
    let ot = vm.type_of(obj);
    if ot == cls {
        return Ok(true);
    }
    if let Some(ts) = crate::types::tuple::items(cls) {
        for &t in ts {
            if is_instance(vm, obj, t)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if cls.is::<TypeObject>() && vm.type_of(cls) == vm.types.type_ {
        if typeobj::is_subtype(ot, cls) {
            return Ok(true);
        }
        let c = ops::attr::getattr_opt(vm, obj, vm.names.class)?;
        return Ok(
            c.is_some_and(|c| c != ot && c.is::<TypeObject>() && typeobj::is_subtype(c, cls))
        );
    }
    match ops::call_special(vm, cls, vm.names.instancecheck, &[obj])? {
        Some(r) => ops::truth::is_true(vm, r),
        None => {
            Err(vm.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
        }
    }
}

fn isinstance(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(is_instance(vm, a[0], a[1])?))
}

pub fn is_subclass(vm: &mut Vm, c: Value, cls: Value) -> PyResult<bool> {
    if let Some(ts) = crate::types::tuple::items(cls) {
        for &t in ts {
            if is_subclass(vm, c, t)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if cls.is::<TypeObject>() && vm.type_of(cls) == vm.types.type_ {
        if !c.is::<TypeObject>() {
            return Err(vm.type_error("issubclass() arg 1 must be a class"));
        }
        return Ok(typeobj::is_subtype(c, cls));
    }
    match ops::call_special(vm, cls, vm.names.subclasscheck, &[c])? {
        Some(r) => ops::truth::is_true(vm, r),
        None => {
            Err(vm.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        }
    }
}

fn issubclass(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(is_subclass(vm, a[0], a[1])?))
}

fn attr_name(vm: &mut Vm, n: Value, _what: &str) -> PyResult<()> {
    if n.is::<crate::types::str::StrObj>() {
        Ok(())
    } else {
        Err(vm.type_error(format!(
            "attribute name must be string, not '{}'",
            vm.type_name(n)
        )))
    }
}

fn getattr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    attr_name(vm, a[1], "getattr")?;
    if a[2].is_null() {
        return ops::attr::getattr_in(vm, a[0], a[1], clean);
    }
    Ok(ops::attr::getattr_opt(vm, a[0], a[1])?.unwrap_or(a[2]))
}

fn setattr(vm: &mut Vm, a: &[Value]) -> PyResult {
    attr_name(vm, a[1], "setattr")?;
    ops::attr::setattr(vm, a[0], a[1], a[2])?;
    Ok(Value::NONE)
}

fn hasattr(vm: &mut Vm, a: &[Value]) -> PyResult {
    attr_name(vm, a[1], "hasattr")?;
    Ok(Value::from_bool(
        ops::attr::getattr_opt(vm, a[0], a[1])?.is_some(),
    ))
}

fn delattr(vm: &mut Vm, a: &[Value]) -> PyResult {
    attr_name(vm, a[1], "delattr")?;
    ops::attr::delattr(vm, a[0], a[1])?;
    Ok(Value::NONE)
}

fn id(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(crate::types::int::from_u64(vm, a[0].bits()))
}

fn hash(vm: &mut Vm, a: &[Value]) -> PyResult {
    let h = ops::hash::hash(vm, a[0])?;
    Ok(crate::types::int::from_i64(vm, h))
}

fn iter(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    if a[1].is_null() {
        return ops::iter::get_iter_in(vm, a[0], clean);
    }
    if !ops::call::is_callable(vm, a[0]) {
        return Err(vm.type_error("iter(v, w): v must be callable"));
    }
    let ty = vm.types.callable_iterator;
    Ok(crate::types::iterators::new_iter(
        ty,
        crate::types::iterators::IterState::Callable {
            f: a[0],
            sentinel: a[1],
        },
    ))
}

pub(crate) fn next(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !ops::has_special(vm, a[0], vm.names.next)
        && !a[0].is::<crate::types::iterators::IteratorObj>()
    {
        return Err(vm.type_error(format!(
            "'{}' object is not an iterator",
            vm.type_name(a[0])
        )));
    }
    if a[1].is_null() {
        return match ops::call_special(vm, a[0], vm.names.next, &[])? {
            Some(v) => Ok(v),
            None => Err(vm.type_error(format!(
                "'{}' object is not an iterator",
                vm.type_name(a[0])
            ))),
        };
    }
    Ok(ops::iter::next(vm, a[0])?.unwrap_or(a[1]))
}

fn callable(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(ops::call::is_callable(vm, a[0])))
}

fn abs(vm: &mut Vm, a: &[Value]) -> PyResult {
    if let Some(i) = crate::types::int::int_ref(a[0])
        && (vm.type_of(a[0]) == vm.types.int || vm.type_of(a[0]) == vm.types.bool_)
    {
        return Ok(crate::types::int::abs(vm, i));
    }
    if let Some(f) = crate::types::float::as_f64(a[0])
        && vm.type_of(a[0]) == vm.types.float
    {
        return Ok(crate::types::float::new_float(vm, f.abs()));
    }
    match ops::call_special(vm, a[0], vm.names.abs, &[])? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "bad operand type for abs(): '{}'",
            vm.type_name(a[0])
        ))),
    }
}

/// `format(value, spec)` through `__format__`.
pub fn format_value(vm: &mut Vm, v: Value, spec: Value) -> PyResult {
    format_value_in(vm, v, spec, false)
}

/// `format_value`, from a clean position when `clean` (see `ops::call::call_kw_in`):
/// `__format__` then runs at a clean level.
pub fn format_value_in(vm: &mut Vm, v: Value, spec: Value, clean: bool) -> PyResult {
    let r = match ops::call_special_in(vm, v, vm.names.format, &[spec], clean)? {
        Some(r) => r,
        None => {
            return Err(vm.type_error(format!(
                "Type {} doesn't define __format__",
                vm.type_name(v)
            )));
        }
    };
    if !r.is::<crate::types::str::StrObj>() {
        return Err(vm.type_error(format!(
            "__format__ must return a str, not {}",
            vm.type_name(r)
        )));
    }
    Ok(r)
}

fn format(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let spec = if a[1].is_null() { vm.names.empty } else { a[1] };
    format_value_in(vm, a[0], spec, clean)
}

/// `__build_class__(func, name, *bases, metaclass=..., **kwds)`.
///
/// Audited (`gc_clean`): the class body runs at this level, so entered cleanly it collects
/// like any function body, with the namespace and the bases tuple rooted; everything else
/// this holds comes from its arguments. Its other callbacks (`__mro_entries__`,
/// `__prepare__`, the metaclass) go through plain calls, which are unclean levels.
fn build_class(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let (func, name) = (a[0], a[1]);
    if !func.is::<crate::types::function::FunctionObj>() {
        return Err(vm.type_error("__build_class__: func must be a function"));
    }
    if !name.is::<crate::types::str::StrObj>() {
        return Err(vm.type_error("__build_class__: name is not a string"));
    }
    let orig_bases = crate::types::tuple::items(a[2]).unwrap_or(&[]).to_vec();
    // PEP 560: __mro_entries__.
    let mut bases = Vec::new();
    let mut changed = false;
    for b in &orig_bases {
        if !b.is::<TypeObject>()
            && let Some(me) = ops::attr::getattr_opt(vm, *b, vm.names.mro_entries)?
        {
            let t = crate::types::tuple::new_tuple(vm, orig_bases.clone());
            let r = ops::call::call(vm, me, &[t])?;
            let Some(items) = crate::types::tuple::items(r) else {
                return Err(vm.type_error("__mro_entries__ must return a tuple"));
            };
            bases.extend_from_slice(items);
            changed = true;
            continue;
        }
        bases.push(*b);
    }
    let mut kw: Vec<(Value, Value)> = if a[3].is_null() {
        vec![]
    } else {
        dict::items(a[3])
    };
    let mut meta = Value::NULL;
    if let Some(p) = kw
        .iter()
        .position(|(k, _)| crate::types::str::as_str(*k) == Some("metaclass"))
    {
        meta = kw.remove(p).1;
    }
    let explicit_meta = !meta.is_null();
    if meta.is_null() {
        meta = if bases.is_empty() {
            vm.types.type_
        } else {
            vm.type_of(bases[0])
        };
    }
    if meta.is::<TypeObject>() {
        // The most derived metaclass among the bases' metaclasses.
        let mut winner = meta;
        for b in &bases {
            let bt = vm.type_of(*b);
            if typeobj::is_subtype(winner, bt) {
                continue;
            }
            if typeobj::is_subtype(bt, winner) {
                winner = bt;
                continue;
            }
            return Err(vm.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        meta = winner;
    }
    let _ = explicit_meta;
    let bases_t = crate::types::tuple::new_tuple(vm, bases);
    let (kwnames, kwvalues): (Vec<Value>, Vec<Value>) = kw.iter().copied().unzip();
    let ns = match ops::attr::getattr_opt(vm, meta, vm.names.prepare)? {
        Some(prep) => {
            let mut args = vec![name, bases_t];
            args.extend_from_slice(&kwvalues);
            ops::call::call_kw(vm, prep, &args, &kwnames)?
        }
        None => dict::new_dict(vm),
    };
    // Run the class body with the namespace as its locals.
    let f = func
        .downcast::<crate::types::function::FunctionObj>()
        .ok_or_else(|| vm.type_error("bad class body"))?;
    let frame = crate::interp::frame::frame_for_call(vm, func, &[], &[])?;
    {
        let fr = crate::interp::frame::fobj(frame).get_mut();
        fr.locals = ns;
        let _ = f;
    }
    if clean {
        vm.root(ns);
        vm.root(bases_t);
    }
    let cell = crate::interp::eval::run_frame(vm, frame)?;
    if changed {
        let ob = crate::types::tuple::new_tuple(vm, orig_bases);
        let k = vm.intern("__orig_bases__");
        ops::item::setitem(vm, ns, k, ob)?;
    }
    let mut args = vec![name, bases_t, ns];
    args.extend_from_slice(&kwvalues);
    let cls = ops::call::call_kw(vm, meta, &args, &kwnames)?;
    if let Some(c) = cell.downcast::<crate::types::function::CellObj>()
        && cls.is::<TypeObject>()
        && c.get().is_null()
    {
        c.set(cls);
    }
    Ok(cls)
}

/// `X | Y` on classes, aliases and unions: a `types.UnionType` (NotImplemented for other
/// operands).
pub fn make_union(vm: &mut Vm, a: Value, b: Value) -> PyResult {
    alias::make_union(vm, a, b)
}

/// `list[int]`-style aliases (`types.GenericAlias`).
pub fn make_generic_alias(vm: &mut Vm, origin: Value, args: Value) -> PyResult {
    alias::make_generic_alias(vm, origin, args)
}
