//! `_operator`: the C half of `operator` (every function `Lib/operator.py` star-imports; the
//! dunder aliases are defined there), `itemgetter`/`attrgetter`/`methodcaller` with reprs and `__reduce__`,
//! `_compare_digest`, `length_hint`).

use super::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::ops;
use crate::types::typeobj::TypeFlags;
use crate::types::{dict, tuple};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use fp_bytecode::{BinaryOp, CompareOp};

macro_rules! binop {
    ($name:ident, $op:expr, $inplace:expr) => {
        fn $name(vm: &mut Vm, a: &[Value]) -> PyResult {
            ops::number::binary_op(vm, a[1], a[2], $op, $inplace)
        }
    };
}

macro_rules! cmpop {
    ($name:ident, $op:expr) => {
        fn $name(vm: &mut Vm, a: &[Value]) -> PyResult {
            ops::compare::rich_compare(vm, a[1], a[2], $op)
        }
    };
}

binop!(op_add, BinaryOp::Add, false);
binop!(op_sub, BinaryOp::Sub, false);
binop!(op_mul, BinaryOp::Mul, false);
binop!(op_matmul, BinaryOp::MatMul, false);
binop!(op_truediv, BinaryOp::TrueDiv, false);
binop!(op_floordiv, BinaryOp::FloorDiv, false);
binop!(op_mod, BinaryOp::Mod, false);
binop!(op_pow, BinaryOp::Pow, false);
binop!(op_lshift, BinaryOp::LShift, false);
binop!(op_rshift, BinaryOp::RShift, false);
binop!(op_and, BinaryOp::And, false);
binop!(op_or, BinaryOp::Or, false);
binop!(op_xor, BinaryOp::Xor, false);
binop!(op_iadd, BinaryOp::Add, true);
binop!(op_isub, BinaryOp::Sub, true);
binop!(op_imul, BinaryOp::Mul, true);
binop!(op_imatmul, BinaryOp::MatMul, true);
binop!(op_itruediv, BinaryOp::TrueDiv, true);
binop!(op_ifloordiv, BinaryOp::FloorDiv, true);
binop!(op_imod, BinaryOp::Mod, true);
binop!(op_ipow, BinaryOp::Pow, true);
binop!(op_ilshift, BinaryOp::LShift, true);
binop!(op_irshift, BinaryOp::RShift, true);
binop!(op_iand, BinaryOp::And, true);
binop!(op_ior, BinaryOp::Or, true);
binop!(op_ixor, BinaryOp::Xor, true);
cmpop!(op_lt, CompareOp::Lt);
cmpop!(op_le, CompareOp::Le);
cmpop!(op_eq, CompareOp::Eq);
cmpop!(op_ne, CompareOp::Ne);
cmpop!(op_gt, CompareOp::Gt);
cmpop!(op_ge, CompareOp::Ge);

static FUNCS_A: &[NativeDef] = &[
    native!("abs", "($module, a, /)", op_abs),
    native!("add", "($module, a, b, /)", op_add),
    native!("and_", "($module, a, b, /)", op_and),
    native!("concat", "($module, a, b, /)", op_concat),
    native!("contains", "($module, a, b, /)", op_contains),
    native!("delitem", "($module, a, b, /)", op_delitem),
    native!("eq", "($module, a, b, /)", op_eq),
    native!("floordiv", "($module, a, b, /)", op_floordiv),
    native!("ge", "($module, a, b, /)", op_ge),
    native!("getitem", "($module, a, b, /)", op_getitem),
    native!("gt", "($module, a, b, /)", op_gt),
    native!("iadd", "($module, a, b, /)", op_iadd),
    native!("iand", "($module, a, b, /)", op_iand),
    native!("iconcat", "($module, a, b, /)", op_iconcat),
    native!("ifloordiv", "($module, a, b, /)", op_ifloordiv),
    native!("ilshift", "($module, a, b, /)", op_ilshift),
    native!("imatmul", "($module, a, b, /)", op_imatmul),
    native!("imod", "($module, a, b, /)", op_imod),
    native!("imul", "($module, a, b, /)", op_imul),
    native!("index", "($module, a, /)", op_index),
    native!("inv", "($module, a, /)", op_invert),
    native!("invert", "($module, a, /)", op_invert),
    native!("ior", "($module, a, b, /)", op_ior),
    native!("ipow", "($module, a, b, /)", op_ipow),
    native!("irshift", "($module, a, b, /)", op_irshift),
    native!("isub", "($module, a, b, /)", op_isub),
    native!("itruediv", "($module, a, b, /)", op_itruediv),
    native!("ixor", "($module, a, b, /)", op_ixor),
    native!("le", "($module, a, b, /)", op_le),
    native!("lshift", "($module, a, b, /)", op_lshift),
    native!("lt", "($module, a, b, /)", op_lt),
    native!("matmul", "($module, a, b, /)", op_matmul),
    native!("mod", "($module, a, b, /)", op_mod),
    native!("mul", "($module, a, b, /)", op_mul),
    native!("ne", "($module, a, b, /)", op_ne),
    native!("neg", "($module, a, /)", op_neg),
    native!("not_", "($module, a, /)", op_not),
    native!("or_", "($module, a, b, /)", op_or),
    native!("pos", "($module, a, /)", op_pos),
    native!("pow", "($module, a, b, /)", op_pow),
    native!("rshift", "($module, a, b, /)", op_rshift),
    native!("setitem", "($module, a, b, c, /)", op_setitem),
    native!("sub", "($module, a, b, /)", op_sub),
    native!("truediv", "($module, a, b, /)", op_truediv),
];

static FUNCS_B: &[NativeDef] = &[
    native!("xor", "($module, a, b, /)", op_xor),
    native!("truth", "($module, a, /)", op_truth),
    native!("is_", "($module, a, b, /)", op_is),
    native!("is_not", "($module, a, b, /)", op_is_not),
    native!("countOf", "($module, a, b, /)", op_count_of),
    native!("indexOf", "($module, a, b, /)", op_index_of),
    native!(
        "length_hint",
        "($module, obj, default=0, /)",
        op_length_hint
    ),
    native!("call", "($module, obj, /, *args, **kwargs)", op_call),
    native!("_compare_digest", "($module, a, b, /)", op_compare_digest),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = super::module_with_functions(vm, "_operator", FUNCS_B);
    super::builtins::add_functions(vm, m, FUNCS_A);
    let doc = vm.new_str(
        "Operator interface.\n\nThis module exports a set of functions implemented in C corresponding\nto the intrinsic operators of Python.  For example, operator.add(x, y)\nis equivalent to the expression x+y.  The function names are those\nused for special methods; variants without leading and trailing\n'__' are also provided for convenience.",
    );
    crate::types::module::set_attr(vm, m, "__doc__", doc);
    for (name, methods) in [
        ("itemgetter", ITEMGETTER_METHODS),
        ("attrgetter", ATTRGETTER_METHODS),
        ("methodcaller", METHODCALLER_METHODS),
    ] {
        let ty = stdobj::new_type(vm, "operator", name, TypeFlags(0), methods);
        crate::types::module::set_attr(vm, m, name, ty);
    }
    Ok(m)
}

fn op_abs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let f = dict::get_str(vm.builtins_dict, "abs").unwrap_or(Value::NONE);
    ops::call::call(vm, f, &[a[1]])
}

fn op_index(vm: &mut Vm, a: &[Value]) -> PyResult {
    ops::number::index(vm, a[1])
}

fn op_invert(vm: &mut Vm, a: &[Value]) -> PyResult {
    ops::number::invert(vm, a[1])
}

fn op_neg(vm: &mut Vm, a: &[Value]) -> PyResult {
    ops::number::neg(vm, a[1])
}

fn op_pos(vm: &mut Vm, a: &[Value]) -> PyResult {
    ops::number::pos(vm, a[1])
}

fn op_not(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(!ops::truth::is_true(vm, a[1])?))
}

fn op_truth(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(ops::truth::is_true(vm, a[1])?))
}

fn op_is(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(a[1] == a[2]))
}

fn op_is_not(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(a[1] != a[2]))
}

fn op_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    ops::item::getitem(vm, a[1], a[2])
}

fn op_setitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    ops::item::setitem(vm, a[1], a[2], a[3])?;
    Ok(Value::NONE)
}

fn op_delitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    ops::item::delitem(vm, a[1], a[2])?;
    Ok(Value::NONE)
}

fn op_contains(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(ops::item::contains(vm, a[1], a[2])?))
}

/// `a + b` for sequences only (the first operand must support indexing).
fn check_sequence(vm: &mut Vm, v: Value) -> PyResult<()> {
    if !ops::has_special(vm, v, vm.names.getitem) || v.is::<crate::types::dict::DictObj>() {
        return Err(vm.type_error(format!(
            "'{}' object can't be concatenated",
            vm.type_name(v)
        )));
    }
    Ok(())
}

fn op_concat(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_sequence(vm, a[1])?;
    ops::number::binary_op(vm, a[1], a[2], BinaryOp::Add, false)
}

fn op_iconcat(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_sequence(vm, a[1])?;
    ops::number::binary_op(vm, a[1], a[2], BinaryOp::Add, true)
}

/// Identity first, then `==` (as `PySequence_Count`).
fn same(vm: &mut Vm, x: Value, y: Value) -> PyResult<bool> {
    if x == y {
        return Ok(true);
    }
    ops::compare::eq(vm, x, y)
}

fn op_count_of(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = ops::iter::get_iter(vm, a[1])?;
    let mut n = 0i64;
    while let Some(x) = ops::iter::next(vm, it)? {
        if same(vm, x, a[2])? {
            n += 1;
        }
    }
    Ok(crate::types::int::from_i64(vm, n))
}

fn op_index_of(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = ops::iter::get_iter(vm, a[1])?;
    let mut n = 0i64;
    while let Some(x) = ops::iter::next(vm, it)? {
        if same(vm, x, a[2])? {
            return Ok(crate::types::int::from_i64(vm, n));
        }
        n += 1;
    }
    Err(vm.value_error("sequence.index(x): x not in sequence"))
}

/// `operator.length_hint(obj, default)`: `len()`, else `__length_hint__`, else the default.
pub fn length_hint(vm: &mut Vm, obj: Value, default: i64) -> PyResult<i64> {
    if ops::has_special(vm, obj, vm.names.len) {
        match ops::item::len(vm, obj) {
            Ok(n) => return Ok(n as i64),
            Err(e) if vm.exc_matches(e, vm.exc.type_error) => {}
            Err(e) => return Err(e),
        }
    }
    let name = vm.intern("__length_hint__");
    let r = match ops::call_special(vm, obj, name, &[]) {
        Ok(Some(r)) => r,
        Ok(None) => return Ok(default),
        Err(e) if vm.exc_matches(e, vm.exc.type_error) => return Ok(default),
        Err(e) => return Err(e),
    };
    if r == Value::NOT_IMPLEMENTED {
        return Ok(default);
    }
    if !crate::types::int::is_int(r) {
        return Err(vm.type_error(format!(
            "__length_hint__ must be an integer, not {}",
            vm.type_name(r)
        )));
    }
    let n = ops::number::index_i64(vm, r)?;
    if n < 0 {
        return Err(vm.value_error("__length_hint__() should return >= 0"));
    }
    Ok(n)
}

fn op_length_hint(vm: &mut Vm, a: &[Value]) -> PyResult {
    let default = if a[2].is_null() {
        0
    } else {
        if !crate::types::int::is_int(a[2]) {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(a[2])
            )));
        }
        ops::number::index_i64(vm, a[2])?
    };
    let n = length_hint(vm, a[1], default)?;
    Ok(crate::types::int::from_i64(vm, n))
}

fn op_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = tuple::items(a[2]).unwrap_or(&[]).to_vec();
    ops::call::call_ex(vm, a[1], &args, a[3])
}

fn digest_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = v.downcast::<crate::types::bytes::BytesObj>() {
        return Ok(b.data.to_vec());
    }
    if let Some(b) = v.downcast::<crate::types::bytes::ByteArrayObj>() {
        return Ok(b.data.borrow().clone());
    }
    if let Some(m) = v.downcast::<crate::types::memoryview::MemoryViewObj>() {
        return Ok(m.data());
    }
    Err(vm.type_error(format!(
        "a bytes-like object is required, not '{}'",
        vm.type_name(v)
    )))
}

/// Constant-time comparison of two ASCII strs or two bytes-like objects.
fn op_compare_digest(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (x, y) = match (
        crate::types::str::as_str(a[1]),
        crate::types::str::as_str(a[2]),
    ) {
        (Some(x), Some(y)) => {
            if !x.is_ascii() || !y.is_ascii() {
                return Err(
                    vm.type_error("comparing strings with non-ASCII characters is not supported")
                );
            }
            (x.as_bytes().to_vec(), y.as_bytes().to_vec())
        }
        _ => (digest_bytes(vm, a[1])?, digest_bytes(vm, a[2])?),
    };
    // Always walk the whole of `y` so the time depends only on its length.
    let mut diff = (x.len() != y.len()) as u8;
    for (i, b) in y.iter().enumerate() {
        let xb = if x.is_empty() { *b } else { x[i % x.len()] };
        diff |= xb ^ b;
    }
    Ok(Value::from_bool(diff == 0))
}

// ---- itemgetter ----

struct ItemGetter {
    items: Vec<Value>,
}

impl StdData for ItemGetter {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&self.items, visit)
    }
}

static ITEMGETTER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", itemgetter_new),
    native!("__call__", "($self, /, *args, **kwargs)", itemgetter_call),
    native!("__repr__", "($self, /)", itemgetter_repr),
    native!("__reduce__", "($self, /)", itemgetter_reduce),
];

fn no_kwargs(vm: &mut Vm, kw: Value, name: &str) -> PyResult<()> {
    if !kw.is_null() && dict::len(kw) > 0 {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

fn one_arg(vm: &mut Vm, args: Value, kw: Value, name: &str) -> PyResult<Value> {
    no_kwargs(vm, kw, name)?;
    let args = tuple::items(args).unwrap_or(&[]);
    if args.len() != 1 {
        return Err(vm.type_error(format!("{name} expected 1 argument, got {}", args.len())));
    }
    Ok(args[0])
}

fn itemgetter_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    no_kwargs(vm, a[2], "itemgetter")?;
    let items = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    if items.is_empty() {
        return Err(vm.type_error("itemgetter expected 1 argument, got 0"));
    }
    Ok(stdobj::new_obj(a[0], ItemGetter { items }))
}

fn itemgetter_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = stdobj::expect::<ItemGetter>(vm, a[0], "operator.itemgetter")?;
    let obj = one_arg(vm, a[1], a[2], "itemgetter")?;
    if g.items.len() == 1 {
        return ops::item::getitem(vm, obj, g.items[0]);
    }
    let mut out = Vec::with_capacity(g.items.len());
    for &k in &g.items {
        out.push(ops::item::getitem(vm, obj, k)?);
    }
    Ok(tuple::new_tuple(vm, out))
}

/// `operator.name(arg1, arg2)` with each argument's repr.
fn repr_call(vm: &mut Vm, name: &str, args: &[Value], me: Value) -> PyResult {
    let parts = with_repr_guard(vm, me, |vm| {
        let mut parts = Vec::new();
        for &x in args {
            parts.push(ops::repr::repr_string(vm, x)?);
        }
        Ok(parts)
    })?;
    match parts {
        Some(parts) => Ok(vm.new_string(format!("operator.{name}({})", parts.join(", ")))),
        None => Ok(vm.new_string(format!("operator.{name}(...)"))),
    }
}

/// Runs `f` unless a repr of `me` is already in progress (then None: print `...`).
pub fn with_repr_guard<T>(
    vm: &mut Vm,
    me: Value,
    f: impl FnOnce(&mut Vm) -> PyResult<T>,
) -> PyResult<Option<T>> {
    if vm.repr_stack.contains(&me) {
        return Ok(None);
    }
    vm.repr_stack.push(me);
    let r = f(vm);
    if let Some(p) = vm.repr_stack.iter().rposition(|x| *x == me) {
        vm.repr_stack.remove(p);
    }
    r.map(Some)
}

fn itemgetter_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = stdobj::expect::<ItemGetter>(vm, a[0], "operator.itemgetter")?;
    repr_call(vm, "itemgetter", &g.items.clone(), a[0])
}

fn itemgetter_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = stdobj::expect::<ItemGetter>(vm, a[0], "operator.itemgetter")?;
    let args = tuple::new_tuple(vm, g.items.clone());
    let ty = vm.type_of(a[0]);
    Ok(tuple::new_tuple(vm, vec![ty, args]))
}

// ---- attrgetter ----

struct AttrGetter {
    /// The names as given (for repr and pickling).
    names: Vec<Value>,
    /// Each name split at dots into interned parts.
    paths: Vec<Vec<Value>>,
}

impl StdData for AttrGetter {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&self.names, visit);
        for p in &self.paths {
            stdobj::visit_all(p, visit);
        }
    }
}

static ATTRGETTER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", attrgetter_new),
    native!("__call__", "($self, /, *args, **kwargs)", attrgetter_call),
    native!("__repr__", "($self, /)", attrgetter_repr),
    native!("__reduce__", "($self, /)", attrgetter_reduce),
];

fn attrgetter_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    no_kwargs(vm, a[2], "attrgetter")?;
    let names = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    if names.is_empty() {
        return Err(vm.type_error("attrgetter expected 1 argument, got 0"));
    }
    let mut paths = Vec::new();
    for &n in &names {
        let Some(s) = crate::types::str::as_str(n) else {
            return Err(vm.type_error("attribute name must be a string"));
        };
        let parts: Vec<Value> = s.split('.').map(|p| vm.intern(p)).collect();
        paths.push(parts);
    }
    Ok(stdobj::new_obj(a[0], AttrGetter { names, paths }))
}

fn attrgetter_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = stdobj::expect::<AttrGetter>(vm, a[0], "operator.attrgetter")?;
    let obj = one_arg(vm, a[1], a[2], "attrgetter")?;
    let mut out = Vec::with_capacity(g.paths.len());
    for path in &g.paths {
        let mut v = obj;
        for &p in path {
            v = ops::attr::getattr(vm, v, p)?;
        }
        out.push(v);
    }
    if out.len() == 1 {
        return Ok(out[0]);
    }
    Ok(tuple::new_tuple(vm, out))
}

fn attrgetter_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = stdobj::expect::<AttrGetter>(vm, a[0], "operator.attrgetter")?;
    repr_call(vm, "attrgetter", &g.names.clone(), a[0])
}

fn attrgetter_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = stdobj::expect::<AttrGetter>(vm, a[0], "operator.attrgetter")?;
    let args = tuple::new_tuple(vm, g.names.clone());
    let ty = vm.type_of(a[0]);
    Ok(tuple::new_tuple(vm, vec![ty, args]))
}

// ---- methodcaller ----

struct MethodCaller {
    name: Value,
    args: Vec<Value>,
    /// A dict of keyword arguments.
    kwargs: Value,
}

impl StdData for MethodCaller {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.name, self.kwargs], visit);
        stdobj::visit_all(&self.args, visit);
    }
}

static METHODCALLER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", methodcaller_new),
    native!("__call__", "($self, /, *args, **kwargs)", methodcaller_call),
    native!("__repr__", "($self, /)", methodcaller_repr),
    native!("__reduce__", "($self, /)", methodcaller_reduce),
];

fn methodcaller_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    if args.is_empty() {
        return Err(vm.type_error("methodcaller needs at least one argument, the method name"));
    }
    if crate::types::str::as_str(args[0]).is_none() {
        return Err(vm.type_error("method name must be a string"));
    }
    let name = vm.intern_value(args[0]);
    let kwargs = if a[2].is_null() {
        dict::new_dict(vm)
    } else {
        dict::copy(vm, a[2])?
    };
    Ok(stdobj::new_obj(
        a[0],
        MethodCaller {
            name,
            args: args[1..].to_vec(),
            kwargs,
        },
    ))
}

fn methodcaller_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = stdobj::expect::<MethodCaller>(vm, a[0], "operator.methodcaller")?;
    let obj = one_arg(vm, a[1], a[2], "methodcaller")?;
    let m = ops::attr::getattr(vm, obj, c.name)?;
    ops::call::call_ex(vm, m, &c.args.clone(), c.kwargs)
}

fn methodcaller_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = stdobj::expect::<MethodCaller>(vm, a[0], "operator.methodcaller")?;
    let me = a[0];
    let parts = with_repr_guard(vm, me, |vm| {
        let mut parts = vec![ops::repr::repr_string(vm, c.name)?];
        for &x in &c.args.clone() {
            parts.push(ops::repr::repr_string(vm, x)?);
        }
        for (k, v) in dict::items(c.kwargs) {
            let k = crate::types::str::as_str(k).unwrap_or("?").to_string();
            let v = ops::repr::repr_string(vm, v)?;
            parts.push(format!("{k}={v}"));
        }
        Ok(parts)
    })?;
    match parts {
        Some(p) => Ok(vm.new_string(format!("operator.methodcaller({})", p.join(", ")))),
        None => Ok(vm.new_str("operator.methodcaller(...)")),
    }
}

fn methodcaller_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = stdobj::expect::<MethodCaller>(vm, a[0], "operator.methodcaller")?;
    let ty = vm.type_of(a[0]);
    if dict::len(c.kwargs) == 0 {
        let mut items = vec![c.name];
        items.extend(c.args.iter().copied());
        let args = tuple::new_tuple(vm, items);
        return Ok(tuple::new_tuple(vm, vec![ty, args]));
    }
    // With keywords: (partial(type(self), name, **kwargs), args).
    let fmod = super::import_module(vm, "_functools")?;
    let partial = ops::attr::getattr_str(vm, fmod, "partial")?;
    let kw = dict::copy(vm, c.kwargs)?;
    let p = ops::call::call_ex(vm, partial, &[ty, c.name], kw)?;
    let args = tuple::new_tuple(vm, c.args.clone());
    Ok(tuple::new_tuple(vm, vec![p, args]))
}
