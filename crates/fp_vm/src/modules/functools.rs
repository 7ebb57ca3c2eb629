//! `_functools`: `reduce`, `cmp_to_key` (KeyWrapper objects), `partial` (flattening nested
//! partials, repr, pickling) and `_lru_cache_wrapper` (the C core of `functools.lru_cache`,
//! with `cache_info`/`cache_clear`), as `Lib/functools.py` imports them.

use super::operator::with_repr_guard;
use super::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::ops;
use crate::types::typeobj::{self, TypeFlags};
use crate::types::{dict, tuple};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use fp_bytecode::CompareOp;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

static FUNCS: &[NativeDef] = &[
    native!("reduce", "($module, /, *args)", reduce).gc_clean(),
    native!("cmp_to_key", "($module, /, *args, **kwargs)", cmp_to_key),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = super::module_with_functions(vm, "_functools", FUNCS);
    let basic = TypeFlags::BASETYPE.union(TypeFlags::HAS_DICT);
    let p = stdobj::new_type(vm, "functools", "partial", basic, PARTIAL_METHODS);
    typeobj::add_getsets(vm, p, PARTIAL_GETSETS);
    crate::types::module::set_attr(vm, m, "partial", p);
    let k = stdobj::new_type(vm, "functools", "KeyWrapper", TypeFlags(0), KEY_METHODS);
    typeobj::add_getsets(vm, k, KEY_GETSETS);
    typeobj::set_type_attr(vm, k, "__hash__", Value::NONE);
    let l = stdobj::new_type(
        vm,
        "functools",
        "_lru_cache_wrapper",
        TypeFlags::HAS_DICT,
        LRU_METHODS,
    );
    crate::types::module::set_attr(vm, m, "_lru_cache_wrapper", l);
    Ok(m)
}

/// Audited (`gc_clean`): entered cleanly, the function and the iterator run at a clean level,
/// with the iterator, the accumulated value and the item in flight rooted.
fn reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let clean = vm.take_clean_entry();
    let args = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    if args.len() < 2 {
        return Err(vm.type_error(format!(
            "reduce expected at least 2 arguments, got {}",
            args.len()
        )));
    }
    if args.len() > 3 {
        return Err(vm.type_error(format!(
            "reduce expected at most 3 arguments, got {}",
            args.len()
        )));
    }
    let f = args[0];
    let it = match ops::iter::get_iter(vm, args[1]) {
        Ok(it) => it,
        Err(e) if vm.exc_matches(e, vm.exc.type_error) => {
            return Err(vm.type_error("reduce() arg 2 must support iteration"));
        }
        Err(e) => return Err(e),
    };
    let mut acc = args.get(2).copied();
    vm.root(it);
    let acc_slot = vm.root(acc.unwrap_or(Value::NULL));
    let x_slot = vm.root(Value::NULL);
    while let Some(x) = ops::iter::next_in(vm, it, clean)? {
        vm.set_root(x_slot, x);
        let v = match acc {
            None => x,
            Some(v) => ops::call::call_kw_in(vm, f, &[v, x], &[], clean)?,
        };
        vm.set_root(acc_slot, v);
        acc = Some(v);
    }
    match acc {
        Some(v) => Ok(v),
        None => Err(vm.type_error("reduce() of empty iterable with no initial value")),
    }
}

// ---- cmp_to_key ----

struct KeyWrapper {
    cmp: Value,
    obj: Cell<Value>,
}

impl StdData for KeyWrapper {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.cmp, self.obj.get()], visit)
    }
}

static KEY_METHODS: &[NativeDef] = &[
    native!("__call__", "($self, /, obj)", key_call),
    native!("__lt__", "($self, value, /)", key_lt),
    native!("__le__", "($self, value, /)", key_le),
    native!("__eq__", "($self, value, /)", key_eq),
    native!("__ne__", "($self, value, /)", key_ne),
    native!("__gt__", "($self, value, /)", key_gt),
    native!("__ge__", "($self, value, /)", key_ge),
];

static KEY_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[(
    native!("obj", "($self, /)", key_obj),
    Some(native!("obj", "($self, value, /)", key_set_obj)),
)];

fn cmp_to_key(vm: &mut Vm, a: &[Value]) -> PyResult {
    // cmp_to_key(mycmp), with the argument clinic's messages.
    let p = stdobj::parse_kw(vm, "cmp_to_key", a[1], a[2], &["mycmp"], &[], 1)?;
    let ty = stdobj::state_type(vm, "functools.KeyWrapper");
    Ok(stdobj::new_obj(
        ty,
        KeyWrapper {
            cmp: p[0],
            obj: Cell::new(Value::NONE),
        },
    ))
}

fn key_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let k = stdobj::expect::<KeyWrapper>(vm, a[0], "functools.KeyWrapper")?;
    let ty = vm.type_of(a[0]);
    Ok(stdobj::new_obj(
        ty,
        KeyWrapper {
            cmp: k.cmp,
            obj: Cell::new(a[1]),
        },
    ))
}

fn key_obj(vm: &mut Vm, a: &[Value]) -> PyResult {
    let k = stdobj::expect::<KeyWrapper>(vm, a[0], "functools.KeyWrapper")?;
    Ok(k.obj.get())
}

fn key_set_obj(vm: &mut Vm, a: &[Value]) -> PyResult {
    let k = stdobj::expect::<KeyWrapper>(vm, a[0], "functools.KeyWrapper")?;
    k.obj.set(a[1]);
    Ok(Value::NONE)
}

fn key_compare(vm: &mut Vm, a: &[Value], op: CompareOp) -> PyResult {
    let k = stdobj::expect::<KeyWrapper>(vm, a[0], "functools.KeyWrapper")?;
    let Some(other) = stdobj::get::<KeyWrapper>(a[1]) else {
        return Err(vm.type_error("other argument must be K instance"));
    };
    let r = ops::call::call(vm, k.cmp, &[k.obj.get(), other.obj.get()])?;
    let zero = Value::try_small_int(0).unwrap_or(Value::NONE);
    ops::compare::rich_compare(vm, r, zero, op)
}

fn key_lt(vm: &mut Vm, a: &[Value]) -> PyResult {
    key_compare(vm, a, CompareOp::Lt)
}
fn key_le(vm: &mut Vm, a: &[Value]) -> PyResult {
    key_compare(vm, a, CompareOp::Le)
}
fn key_eq(vm: &mut Vm, a: &[Value]) -> PyResult {
    key_compare(vm, a, CompareOp::Eq)
}
fn key_ne(vm: &mut Vm, a: &[Value]) -> PyResult {
    key_compare(vm, a, CompareOp::Ne)
}
fn key_gt(vm: &mut Vm, a: &[Value]) -> PyResult {
    key_compare(vm, a, CompareOp::Gt)
}
fn key_ge(vm: &mut Vm, a: &[Value]) -> PyResult {
    key_compare(vm, a, CompareOp::Ge)
}

// ---- partial ----

pub struct Partial {
    pub func: Cell<Value>,
    /// A tuple.
    pub args: Cell<Value>,
    /// A dict.
    pub kw: Cell<Value>,
}

impl StdData for Partial {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.func.get(), self.args.get(), self.kw.get()], visit)
    }
}

static PARTIAL_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **keywords)", partial_new),
    native!("__call__", "($self, /, *args, **keywords)", partial_call),
    native!("__repr__", "($self, /)", partial_repr),
    native!("__reduce__", "($self, /)", partial_reduce),
    native!("__setstate__", "($self, state, /)", partial_setstate),
    native_classmethod_def(),
];

const fn native_classmethod_def() -> NativeDef {
    crate::native_classmethod!("__class_getitem__", "($type, item, /)", class_getitem)
}

fn class_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    super::builtins::make_generic_alias(vm, a[0], a[1])
}

static PARTIAL_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("func", "($self, /)", partial_func), None),
    (native!("args", "($self, /)", partial_args), None),
    (native!("keywords", "($self, /)", partial_keywords), None),
];

fn partial_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let all = tuple::items(a[1]).unwrap_or(&[]);
    let Some((&first, rest)) = all.split_first() else {
        return Err(vm.type_error("type 'partial' takes at least one argument"));
    };
    let mut func = first;
    let mut args = rest.to_vec();
    let kw = dict::new_dict(vm);
    // A partial of a plain partial is flattened into one.
    if let Some(inner) = stdobj::get::<Partial>(func)
        && func.header().is_some_and(|h| h.attrs.get().is_null())
    {
        let mut all = tuple::items(inner.args.get()).unwrap_or(&[]).to_vec();
        all.extend(args);
        args = all;
        dict::update_from_dict(vm, kw, inner.kw.get())?;
        func = inner.func.get();
    }
    if !ops::call::is_callable(vm, func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    if !a[2].is_null() {
        dict::update_from_dict(vm, kw, a[2])?;
    }
    let args = tuple::new_tuple(vm, args);
    Ok(stdobj::new_obj(
        a[0],
        Partial {
            func: Cell::new(func),
            args: Cell::new(args),
            kw: Cell::new(kw),
        },
    ))
}

fn partial_of(vm: &mut Vm, v: Value) -> PyResult<&'static Partial> {
    stdobj::expect::<Partial>(vm, v, "functools.partial")
}

fn partial_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = partial_of(vm, a[0])?;
    let mut args = tuple::items(p.args.get()).unwrap_or(&[]).to_vec();
    args.extend_from_slice(tuple::items(a[1]).unwrap_or(&[]));
    let kw = p.kw.get();
    let kwargs = if dict::len(kw) == 0 {
        a[2]
    } else if a[2].is_null() {
        kw
    } else {
        let merged = dict::copy(vm, kw)?;
        dict::update_from_dict(vm, merged, a[2])?;
        merged
    };
    if kwargs.is_null() {
        return ops::call::call(vm, p.func.get(), &args);
    }
    ops::call::call_ex(vm, p.func.get(), &args, kwargs)
}

fn partial_func(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(partial_of(vm, a[0])?.func.get())
}
fn partial_args(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(partial_of(vm, a[0])?.args.get())
}
fn partial_keywords(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(partial_of(vm, a[0])?.kw.get())
}

fn partial_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = partial_of(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let name = if Some(ty) == vm.state_get("functools.partial") {
        "functools.partial".to_string()
    } else {
        typeobj::type_name(ty)
    };
    let parts = with_repr_guard(vm, a[0], |vm| {
        let mut parts = vec![ops::repr::repr_string(vm, p.func.get())?];
        for x in tuple::items(p.args.get()).unwrap_or(&[]).to_vec() {
            parts.push(ops::repr::repr_string(vm, x)?);
        }
        for (k, v) in dict::items(p.kw.get()) {
            let k = ops::repr::str_string(vm, k)?;
            let v = ops::repr::repr_string(vm, v)?;
            parts.push(format!("{k}={v}"));
        }
        Ok(parts)
    })?;
    match parts {
        Some(p) => Ok(vm.new_string(format!("{name}({})", p.join(", ")))),
        None => Ok(vm.new_str("...")),
    }
}

fn partial_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = partial_of(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let f = p.func.get();
    let fa = tuple::new_tuple(vm, vec![f]);
    let d = if crate::types::instance::has_dict_storage(a[0]) {
        crate::ops::attr::getattr_str(vm, a[0], "__dict__")?
    } else {
        Value::NONE
    };
    let d = if d.is::<dict::DictObj>() && dict::len(d) == 0 {
        Value::NONE
    } else {
        d
    };
    let state = tuple::new_tuple(vm, vec![f, p.args.get(), p.kw.get(), d]);
    Ok(tuple::new_tuple(vm, vec![ty, fa, state]))
}

fn partial_setstate(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = partial_of(vm, a[0])?;
    let st = match tuple::items(a[1]) {
        Some(t) if t.len() == 4 => t.to_vec(),
        _ => return Err(vm.type_error("invalid partial state")),
    };
    let (f, args, kw, d) = (st[0], st[1], st[2], st[3]);
    if !ops::call::is_callable(vm, f)
        || tuple::items(args).is_none()
        || !(kw.is_none() || kw.is::<dict::DictObj>())
        || !(d.is_none() || d.is::<dict::DictObj>())
    {
        return Err(vm.type_error("invalid partial state"));
    }
    // Exact tuples and dicts are kept as they are (CPython shares them: copy.copy(partial)
    // keeps `args` identical); subclasses are converted.
    let args = if vm.type_of(args) == vm.types.tuple {
        args
    } else {
        tuple::new_tuple(vm, tuple::items(args).unwrap_or(&[]).to_vec())
    };
    let kw = if kw.is_none() {
        dict::new_dict(vm)
    } else if vm.type_of(kw) == vm.types.dict {
        kw
    } else {
        dict::copy(vm, kw)?
    };
    p.func.set(f);
    p.args.set(args);
    p.kw.set(kw);
    // The state's dict becomes the instance dict (None: no attributes), as CPython's.
    let d = if d.is_none() { Value::NULL } else { d };
    crate::types::instance::set_dict(a[0], d);
    Ok(Value::NONE)
}

// ---- _lru_cache_wrapper ----

struct LruCache {
    func: Value,
    /// key -> result (unbounded cache) or key -> `[result, stamp]` (bounded cache). A hit on a
    /// bounded cache only updates the stamp in place: mutating the dict there would make a
    /// lookup that re-enters the cache through `__eq__` restart forever (CPython moves a node
    /// of its own linked list instead).
    cache: Value,
    /// Bounded cache: stamp of last use -> (key, its hash), least recently used first. The
    /// hash is kept so eviction does not hash the key again (CPython hashes once per call).
    order: RefCell<BTreeMap<u64, (Value, i64)>>,
    next_stamp: Cell<u64>,
    /// None for an unbounded cache.
    maxsize: Option<usize>,
    typed: bool,
    cache_info_type: Value,
    /// Separates positional from keyword arguments in keys (unique object).
    kwd_mark: Value,
    hits: Cell<u64>,
    misses: Cell<u64>,
}

impl StdData for LruCache {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(
            &[self.func, self.cache, self.cache_info_type, self.kwd_mark],
            visit,
        );
        for (k, _) in self.order.borrow().values() {
            if k.is_ptr() {
                visit(*k)
            }
        }
    }
}

static LRU_METHODS: &[NativeDef] = &[
    native_staticmethod!(
        "__new__",
        "($type, user_function, maxsize, typed, cache_info_type)",
        lru_new
    ),
    native!("__call__", "($self, /, *args, **kwargs)", lru_call),
    native!("__get__", "($self, instance, owner=None, /)", lru_get),
    native!("cache_info", "($self, /)", lru_cache_info),
    native!("cache_clear", "($self, /)", lru_cache_clear),
    native!("__copy__", "($self, /)", lru_self),
    native!("__deepcopy__", "($self, memo, /)", lru_self),
    native!("__reduce__", "($self, /)", lru_reduce),
];

fn lru_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !ops::call::is_callable(vm, a[1]) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let maxsize = if a[2].is_none() {
        None
    } else if crate::types::int::is_int(a[2]) {
        Some(ops::number::index_clamped(vm, a[2])?.max(0) as usize)
    } else {
        return Err(vm.type_error("maxsize should be integer or None"));
    };
    let typed = ops::truth::is_true(vm, a[3])?;
    let cache = dict::new_dict(vm);
    let object = vm.types.object;
    let kwd_mark = ops::call::call(vm, object, &[])?;
    Ok(stdobj::new_obj(
        a[0],
        LruCache {
            func: a[1],
            cache,
            maxsize,
            typed,
            cache_info_type: a[4],
            kwd_mark,
            order: RefCell::new(BTreeMap::new()),
            next_stamp: Cell::new(0),
            hits: Cell::new(0),
            misses: Cell::new(0),
        },
    ))
}

fn lru_of(vm: &mut Vm, v: Value) -> PyResult<&'static LruCache> {
    stdobj::expect::<LruCache>(vm, v, "functools._lru_cache_wrapper")
}

/// The cache key of a call (as `functools._make_key`).
fn make_key(vm: &mut Vm, c: &LruCache, args: &[Value], kwargs: Value) -> Value {
    let nkw = if kwargs.is_null() {
        0
    } else {
        dict::len(kwargs)
    };
    if nkw == 0 && !c.typed && args.len() == 1 {
        let t = vm.type_of(args[0]);
        if t == vm.types.int || t == vm.types.str_ {
            return args[0];
        }
    }
    let mut key = args.to_vec();
    let items = if nkw > 0 { dict::items(kwargs) } else { vec![] };
    if nkw > 0 {
        key.push(c.kwd_mark);
        for (k, v) in &items {
            key.push(*k);
            key.push(*v);
        }
    }
    if c.typed {
        for &x in args {
            key.push(vm.type_of(x));
        }
        for (_, v) in &items {
            key.push(vm.type_of(*v));
        }
    }
    tuple::new_tuple(vm, key)
}

fn call_user(vm: &mut Vm, c: &LruCache, args: &[Value], kwargs: Value) -> PyResult {
    if kwargs.is_null() {
        ops::call::call(vm, c.func, args)
    } else {
        ops::call::call_ex(vm, c.func, args, kwargs)
    }
}

fn lru_call(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = lru_of(vm, a[0])?;
    let args = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    if c.maxsize == Some(0) {
        c.misses.set(c.misses.get() + 1);
        return call_user(vm, c, &args, a[2]);
    }
    let key = make_key(vm, c, &args, a[2]);
    let hash = ops::hash::hash(vm, key)?;
    if let Some(v) = dict::get_item_hashed(vm, c.cache, key, hash)? {
        c.hits.set(c.hits.get() + 1);
        if c.maxsize.is_none() {
            return Ok(v);
        }
        // Bounded: `v` is `[result, stamp]`; mark it most recently used.
        let Some(l) = v.downcast::<crate::types::list::ListObj>() else {
            return Ok(v);
        };
        let (result, old) = {
            let items = l.items.borrow();
            (
                items.first().copied().unwrap_or(Value::NONE),
                items.get(1).and_then(|s| s.as_small_int()),
            )
        };
        let stamp = lru_stamp(c);
        let mut order = c.order.borrow_mut();
        let k = old
            .and_then(|o| order.remove(&(o as u64)))
            .unwrap_or((key, hash));
        order.insert(stamp, k);
        drop(order);
        if let Some(slot) = l.items.borrow_mut().get_mut(1) {
            *slot = Value::small(stamp as i64);
        }
        return Ok(result);
    }
    c.misses.set(c.misses.get() + 1);
    let r = call_user(vm, c, &args, a[2])?;
    let Some(max) = c.maxsize else {
        dict::set_item_hashed(vm, c.cache, key, hash, r)?;
        return Ok(r);
    };
    if dict::get_item_hashed(vm, c.cache, key, hash)?.is_some() {
        // A recursive call already cached this key.
        return Ok(r);
    }
    if dict::len(c.cache) >= max {
        let oldest = c.order.borrow_mut().pop_first().map(|(_, k)| k);
        if let Some((ok, oh)) = oldest {
            dict::del_item_hashed(vm, c.cache, ok, oh)?;
        }
    }
    let stamp = lru_stamp(c);
    let st = Value::small(stamp as i64);
    let entry = crate::types::list::new_list(vm, vec![r, st]);
    dict::set_item_hashed(vm, c.cache, key, hash, entry)?;
    c.order.borrow_mut().insert(stamp, (key, hash));
    Ok(r)
}

fn lru_stamp(c: &LruCache) -> u64 {
    let s = c.next_stamp.get();
    c.next_stamp.set(s + 1);
    s
}

fn lru_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    if a[1].is_none() || a[1].is_null() {
        return Ok(a[0]);
    }
    Ok(crate::types::function::new_bound_method(vm, a[0], a[1]))
}

fn lru_cache_info(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = lru_of(vm, a[0])?;
    let hits = crate::types::int::from_u64(vm, c.hits.get());
    let misses = crate::types::int::from_u64(vm, c.misses.get());
    let maxsize = match c.maxsize {
        Some(m) => crate::types::int::from_usize(vm, m),
        None => Value::NONE,
    };
    let size = crate::types::int::from_usize(vm, dict::len(c.cache));
    ops::call::call(vm, c.cache_info_type, &[hits, misses, maxsize, size])
}

fn lru_cache_clear(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = lru_of(vm, a[0])?;
    c.hits.set(0);
    c.misses.set(0);
    dict::clear(c.cache);
    c.order.borrow_mut().clear();
    Ok(Value::NONE)
}

fn lru_self(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}

fn lru_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    ops::attr::getattr_str(vm, a[0], "__qualname__")
}
