//! `itertools`: every iterator type of CPython 3.11's module (count, cycle, repeat, accumulate,
//! chain, compress, dropwhile, filterfalse, groupby/_grouper, islice, pairwise, starmap,
//! takewhile, tee/_tee, zip_longest, and the combinatoric ones in `itertools_combo.rs`) with
//! CPython's argument errors and reprs.
//!
//! Each iterator keeps its state in `Cell`s/`RefCell`s of a `stdobj` payload. No borrow is held
//! while Python code runs (`next()` of an inner iterator, key functions, comparisons): values
//! are copied out first and the state updated afterwards.

use super::itertools_combo as C;
use super::itertools_combo::{
    combinations_new, combinations_next, cwr_new, cwr_next, permutations_new, permutations_next,
    product_new, product_next,
};
use super::itertools_pickle as P;
use super::stdobj::{self, StdData, visit_all, visit_cell};
use crate::native::NativeDef;
use crate::ops;
use crate::types::typeobj::{self, TypeFlags};
use crate::types::{dict, int, tuple};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use fp_bytecode::BinaryOp;
use std::cell::{Cell, RefCell};

pub(super) fn stop(vm: &mut Vm) -> Exc {
    vm.stop_iteration(Value::NULL)
}

fn iter_self(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}

/// The state of `v` as a `T`, or a TypeError.
pub(super) fn st<T: StdData>(vm: &mut Vm, v: Value) -> PyResult<&'static T> {
    stdobj::expect::<T>(vm, v, "itertools object")
}

/// Whether keyword arguments go to a subclass's own `__init__` (CPython checks keywords only
/// when `type->tp_init` is the base type's).
fn init_takes_kwargs(vm: &mut Vm, ty: Value) -> bool {
    let init = typeobj::lookup(vm, ty, vm.names.init);
    let base = typeobj::lookup(vm, vm.types.object, vm.names.init);
    init != base
}

/// CPython's `_PyArg_NoKeywords` + `PyArg_UnpackTuple` for the iterators taking positional
/// arguments only: the positional arguments, checked against `min..=max`.
pub(super) fn positional(
    vm: &mut Vm,
    ty: Value,
    name: &str,
    args: Value,
    kw: Value,
    min: usize,
    max: usize,
) -> PyResult<Vec<Value>> {
    if !kw.is_null() && dict::len(kw) > 0 && !init_takes_kwargs(vm, ty) {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let args = tuple::items(args).unwrap_or(&[]).to_vec();
    let n = args.len();
    if n < min || n > max {
        let msg = if min == max {
            let s = if min == 1 { "" } else { "s" };
            format!("{name} expected {min} argument{s}, got {n}")
        } else if n < min {
            let s = if min == 1 { "" } else { "s" };
            format!("{name} expected at least {min} argument{s}, got {n}")
        } else {
            let s = if max == 1 { "" } else { "s" };
            format!("{name} expected at most {max} argument{s}, got {n}")
        };
        return Err(vm.type_error(msg));
    }
    Ok(args)
}

macro_rules! itertype {
    ($methods:ident, $new:path, $next:path $(, $extra:expr)* $(,)?) => {
        static $methods: &[NativeDef] = &[
            native_staticmethod!("__new__", "($type, /, *args, **kwargs)", $new),
            native!("__iter__", "($self, /)", iter_self),
            native!("__next__", "($self, /)", $next),
            $($extra,)*
        ];
    };
}

itertype!(
    COUNT_METHODS,
    count_new,
    count_next,
    native!("__repr__", "($self, /)", count_repr),
    native!("__reduce__", "($self, /)", count_reduce),
);
itertype!(
    CYCLE_METHODS,
    cycle_new,
    cycle_next,
    native!("__reduce__", "($self, /)", P::cycle_reduce),
    native!("__setstate__", "($self, state, /)", P::cycle_setstate),
);
itertype!(
    REPEAT_METHODS,
    repeat_new,
    repeat_next,
    native!("__repr__", "($self, /)", repeat_repr),
    native!("__length_hint__", "($self, /)", repeat_length_hint),
    native!("__reduce__", "($self, /)", repeat_reduce),
);
itertype!(
    ACCUMULATE_METHODS,
    accumulate_new,
    accumulate_next,
    native!("__reduce__", "($self, /)", P::accumulate_reduce),
    native!("__setstate__", "($self, state, /)", P::accumulate_setstate),
);
itertype!(
    CHAIN_METHODS,
    chain_new,
    chain_next,
    native_classmethod!("from_iterable", "($type, iterable, /)", chain_from_iterable),
    native_classmethod!("__class_getitem__", "($type, item, /)", class_getitem),
    native!("__reduce__", "($self, /)", P::chain_reduce),
    native!("__setstate__", "($self, state, /)", P::chain_setstate),
);
itertype!(
    COMPRESS_METHODS,
    compress_new,
    compress_next,
    native!("__reduce__", "($self, /)", P::pair_reduce),
);
itertype!(
    DROPWHILE_METHODS,
    dropwhile_new,
    dropwhile_next,
    native!("__reduce__", "($self, /)", P::pair_reduce),
    native!("__setstate__", "($self, state, /)", P::pair_setstate),
);
itertype!(
    TAKEWHILE_METHODS,
    takewhile_new,
    takewhile_next,
    native!("__reduce__", "($self, /)", P::pair_reduce),
    native!("__setstate__", "($self, state, /)", P::pair_setstate),
);
itertype!(
    FILTERFALSE_METHODS,
    filterfalse_new,
    filterfalse_next,
    native!("__reduce__", "($self, /)", P::pair_reduce),
);
itertype!(
    STARMAP_METHODS,
    starmap_new,
    starmap_next,
    native!("__reduce__", "($self, /)", P::pair_reduce),
);
itertype!(
    GROUPBY_METHODS,
    groupby_new,
    groupby_next,
    native!("__reduce__", "($self, /)", P::groupby_reduce),
    native!("__setstate__", "($self, state, /)", P::groupby_setstate),
);
itertype!(
    GROUPER_METHODS,
    grouper_new,
    grouper_next,
    native!("__reduce__", "($self, /)", P::grouper_reduce),
);
itertype!(
    ISLICE_METHODS,
    islice_new,
    islice_next,
    native!("__reduce__", "($self, /)", P::islice_reduce),
    native!("__setstate__", "($self, state, /)", P::islice_setstate),
);
itertype!(PAIRWISE_METHODS, pairwise_new, pairwise_next);
itertype!(
    TEE_METHODS,
    tee_type_new,
    tee_next,
    native!("__copy__", "($self, /)", tee_copy),
    native!("__reduce__", "($self, /)", P::tee_reduce),
    native!("__setstate__", "($self, state, /)", P::tee_setstate),
);
itertype!(
    ZIP_LONGEST_METHODS,
    zip_longest_new,
    zip_longest_next,
    native!("__reduce__", "($self, /)", P::zip_longest_reduce),
    native!("__setstate__", "($self, state, /)", P::zip_longest_setstate),
);
itertype!(
    PRODUCT_METHODS,
    product_new,
    product_next,
    native!("__reduce__", "($self, /)", C::product_reduce),
    native!("__setstate__", "($self, state, /)", C::product_setstate),
);
itertype!(
    PERMUTATIONS_METHODS,
    permutations_new,
    permutations_next,
    native!("__reduce__", "($self, /)", C::permutations_reduce),
    native!(
        "__setstate__",
        "($self, state, /)",
        C::permutations_setstate
    ),
);
itertype!(
    COMBINATIONS_METHODS,
    combinations_new,
    combinations_next,
    native!("__reduce__", "($self, /)", C::combinations_reduce),
    native!(
        "__setstate__",
        "($self, state, /)",
        C::combinations_setstate
    ),
);
itertype!(
    CWR_METHODS,
    cwr_new,
    cwr_next,
    native!("__reduce__", "($self, /)", C::combinations_reduce),
    native!("__setstate__", "($self, state, /)", C::cwr_setstate),
);
static TEE_DATA_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", P::teedata_new),
    native!("__reduce__", "($self, /)", P::teedata_reduce),
];

static FUNCS: &[NativeDef] = &[native!("tee", "($module, /, *args, **kwargs)", tee)];

fn class_getitem(vm: &mut Vm, a: &[Value]) -> PyResult {
    super::builtins::make_generic_alias(vm, a[0], a[1])
}

pub fn init(vm: &mut Vm) -> PyResult {
    let m = super::module_with_functions(vm, "itertools", FUNCS);
    let types: &[(&str, &'static [NativeDef])] = &[
        ("count", COUNT_METHODS),
        ("cycle", CYCLE_METHODS),
        ("repeat", REPEAT_METHODS),
        ("accumulate", ACCUMULATE_METHODS),
        ("chain", CHAIN_METHODS),
        ("compress", COMPRESS_METHODS),
        ("dropwhile", DROPWHILE_METHODS),
        ("takewhile", TAKEWHILE_METHODS),
        ("filterfalse", FILTERFALSE_METHODS),
        ("starmap", STARMAP_METHODS),
        ("groupby", GROUPBY_METHODS),
        ("_grouper", GROUPER_METHODS),
        ("islice", ISLICE_METHODS),
        ("pairwise", PAIRWISE_METHODS),
        ("_tee", TEE_METHODS),
        ("zip_longest", ZIP_LONGEST_METHODS),
        ("product", PRODUCT_METHODS),
        ("permutations", PERMUTATIONS_METHODS),
        ("combinations", COMBINATIONS_METHODS),
        ("combinations_with_replacement", CWR_METHODS),
    ];
    for (name, methods) in types {
        let flags = if name.starts_with('_') {
            TypeFlags(0)
        } else {
            TypeFlags::BASETYPE
        };
        let ty = stdobj::new_type(vm, "itertools", name, flags, methods);
        crate::types::module::set_attr(vm, m, name, ty);
    }
    // The shared buffer of tee iterators.
    let td = stdobj::new_type(
        vm,
        "itertools",
        "_tee_dataobject",
        TypeFlags(0),
        TEE_DATA_METHODS,
    );
    crate::types::module::set_attr(vm, m, "_tee_dataobject", td);
    Ok(m)
}

pub(super) fn ty_of(vm: &mut Vm, name: &str) -> Value {
    stdobj::state_type(vm, &format!("itertools.{name}"))
}

/// The display name of an iterator's type (subclasses show their own name).
fn tname(vm: &mut Vm, v: Value) -> String {
    typeobj::type_name(vm.type_of(v))
}

// ---- count ----

pub(super) struct Count {
    pub(super) cur: Cell<Value>,
    pub(super) step: Value,
}

impl StdData for Count {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(count_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_cell(&self.cur, visit);
        visit_all(&[self.step], visit);
    }
}

fn is_number(vm: &mut Vm, v: Value) -> bool {
    if int::is_int(v)
        || crate::types::float::as_f64(v).is_some()
        || v.is::<crate::types::complex::ComplexObj>()
    {
        return true;
    }
    let names = [vm.names.index, vm.names.int_, vm.names.float_];
    names.iter().any(|n| ops::has_special(vm, v, *n))
}

fn count_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = stdobj::parse_kw(vm, "count", a[1], a[2], &["start", "step"], &[], 0)?;
    let (start, step) = (p[0], p[1]);
    let start = if start.is_null() {
        Value::small(0)
    } else {
        start
    };
    let step = if step.is_null() {
        Value::small(1)
    } else {
        step
    };
    if !is_number(vm, start) || !is_number(vm, step) {
        return Err(vm.type_error("a number is required"));
    }
    Ok(stdobj::new_obj(
        a[0],
        Count {
            cur: Cell::new(start),
            step,
        },
    ))
}

fn count_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Count>(vm, a[0])?;
    let cur = c.cur.get();
    let next = match (cur.as_small_int(), c.step.as_small_int()) {
        (Some(x), Some(y)) => int::from_i64(vm, x + y),
        _ => ops::number::binary_op(vm, cur, c.step, BinaryOp::Add, false)?,
    };
    c.cur.set(next);
    Ok(cur)
}

fn count_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Count>(vm, a[0])?;
    let name = tname(vm, a[0]);
    let start = ops::repr::repr_string(vm, c.cur.get())?;
    let step_is_one = int::int_ref(c.step).and_then(|i| i.to_i64()) == Some(1)
        && vm.type_of(c.step) == vm.types.int;
    if step_is_one {
        return Ok(vm.new_string(format!("{name}({start})")));
    }
    let step = ops::repr::repr_string(vm, c.step)?;
    Ok(vm.new_string(format!("{name}({start}, {step})")))
}

/// `(count, (start,))` while counting by the int 1 from a machine-size int (CPython's fast
/// mode), else `(count, (start, step))`.
fn count_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Count>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let cur = c.cur.get();
    let int_ty = vm.types.int;
    let fast = vm.type_of(c.step) == int_ty
        && c.step.as_small_int() == Some(1)
        && vm.type_of(cur) == int_ty
        && int::int_ref(cur).and_then(|i| i.to_i64()).is_some();
    let args = if fast {
        tuple::new_tuple(vm, vec![cur])
    } else {
        tuple::new_tuple(vm, vec![cur, c.step])
    };
    Ok(tuple::new_tuple(vm, vec![ty, args]))
}

// ---- cycle ----

pub(super) struct Cycle {
    /// The source, NULL once exhausted (then `saved` is replayed).
    pub(super) it: Cell<Value>,
    pub(super) saved: RefCell<Vec<Value>>,
    /// The next item of `saved` to replay.
    pub(super) idx: Cell<usize>,
    /// CPython's `firstpass`: the source yields items `saved` already holds (set by
    /// `__setstate__`), so they are not saved again.
    pub(super) firstpass: Cell<bool>,
}

impl StdData for Cycle {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(cycle_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_cell(&self.it, visit);
        visit_all(&self.saved.borrow(), visit);
    }
}

fn cycle_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = positional(vm, a[0], "cycle", a[1], a[2], 1, 1)?;
    let it = ops::iter::get_iter(vm, args[0])?;
    Ok(stdobj::new_obj(
        a[0],
        Cycle {
            it: Cell::new(it),
            saved: RefCell::new(Vec::new()),
            idx: Cell::new(0),
            firstpass: Cell::new(false),
        },
    ))
}

fn cycle_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Cycle>(vm, a[0])?;
    let it = c.it.get();
    if !it.is_null() {
        if let Some(v) = ops::iter::next(vm, it)? {
            if !c.firstpass.get() {
                c.saved.borrow_mut().push(v);
            }
            return Ok(v);
        }
        c.it.set(Value::NULL);
    }
    let saved = c.saved.borrow();
    if saved.is_empty() {
        drop(saved);
        return Err(stop(vm));
    }
    let i = if c.idx.get() < saved.len() {
        c.idx.get()
    } else {
        0
    };
    c.idx.set(if i + 1 >= saved.len() { 0 } else { i + 1 });
    Ok(saved[i])
}

// ---- repeat ----

pub(super) struct Repeat {
    pub(super) obj: Value,
    /// Remaining repetitions; -1 forever.
    pub(super) cnt: Cell<i64>,
}

impl StdData for Repeat {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(repeat_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(&[self.obj], visit)
    }
}

fn repeat_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = stdobj::parse_kw(vm, "repeat", a[1], a[2], &["object", "times"], &[], 1)?;
    let (obj, times) = (p[0], p[1]);
    let cnt = if times.is_null() {
        -1
    } else {
        ops::number::index_i64(vm, times)?.max(0)
    };
    Ok(stdobj::new_obj(
        a[0],
        Repeat {
            obj,
            cnt: Cell::new(cnt),
        },
    ))
}

fn repeat_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = st::<Repeat>(vm, a[0])?;
    match r.cnt.get() {
        0 => Err(stop(vm)),
        -1 => Ok(r.obj),
        n => {
            r.cnt.set(n - 1);
            Ok(r.obj)
        }
    }
}

fn repeat_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = st::<Repeat>(vm, a[0])?;
    let name = tname(vm, a[0]);
    let o = ops::repr::repr_string(vm, r.obj)?;
    match r.cnt.get() {
        -1 => Ok(vm.new_string(format!("{name}({o})"))),
        n => Ok(vm.new_string(format!("{name}({o}, {n})"))),
    }
}

fn repeat_reduce(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = st::<Repeat>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    let args = match r.cnt.get() {
        -1 => tuple::new_tuple(vm, vec![r.obj]),
        n => tuple::new_tuple(vm, vec![r.obj, Value::small(n)]),
    };
    Ok(tuple::new_tuple(vm, vec![ty, args]))
}

fn repeat_length_hint(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = st::<Repeat>(vm, a[0])?;
    match r.cnt.get() {
        -1 => Err(vm.type_error("len() of unsized object")),
        n => Ok(Value::small(n)),
    }
}

// ---- accumulate ----

pub(super) struct Accumulate {
    pub(super) it: Value,
    pub(super) func: Value,
    pub(super) total: Cell<Value>,
    pub(super) initial: Cell<Value>,
}

impl StdData for Accumulate {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(accumulate_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(&[self.it, self.func], visit);
        visit_cell(&self.total, visit);
        visit_cell(&self.initial, visit);
    }
}

fn accumulate_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = stdobj::parse_kw(
        vm,
        "accumulate",
        a[1],
        a[2],
        &["iterable", "func"],
        &["initial"],
        1,
    )?;
    let (iterable, func, initial) = (p[0], p[1], p[2]);
    let it = ops::iter::get_iter(vm, iterable)?;
    let initial = if initial.is_none() {
        Value::NULL
    } else {
        initial
    };
    Ok(stdobj::new_obj(
        a[0],
        Accumulate {
            it,
            func: if func.is_null() { Value::NONE } else { func },
            total: Cell::new(Value::NULL),
            initial: Cell::new(initial),
        },
    ))
}

fn accumulate_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = st::<Accumulate>(vm, a[0])?;
    let init = s.initial.get();
    if !init.is_null() {
        s.initial.set(Value::NULL);
        s.total.set(init);
        return Ok(init);
    }
    let Some(x) = ops::iter::next(vm, s.it)? else {
        return Err(stop(vm));
    };
    let total = s.total.get();
    let r = if total.is_null() {
        x
    } else if s.func.is_none() {
        ops::number::binary_op(vm, total, x, BinaryOp::Add, false)?
    } else {
        ops::call::call(vm, s.func, &[total, x])?
    };
    s.total.set(r);
    Ok(r)
}

// ---- chain ----

pub(super) struct Chain {
    /// Iterator over the iterables (NULL once exhausted).
    pub(super) source: Cell<Value>,
    /// The current iterable's iterator (NULL between iterables).
    pub(super) active: Cell<Value>,
}

impl StdData for Chain {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(chain_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_cell(&self.source, visit);
        visit_cell(&self.active, visit);
    }
}

fn chain_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[2].is_null() && dict::len(a[2]) > 0 && !init_takes_kwargs(vm, a[0]) {
        return Err(vm.type_error("chain() takes no keyword arguments"));
    }
    let source = ops::iter::get_iter(vm, a[1])?;
    Ok(stdobj::new_obj(
        a[0],
        Chain {
            source: Cell::new(source),
            active: Cell::new(Value::NULL),
        },
    ))
}

fn chain_from_iterable(vm: &mut Vm, a: &[Value]) -> PyResult {
    let source = ops::iter::get_iter(vm, a[1])?;
    Ok(stdobj::new_obj(
        a[0],
        Chain {
            source: Cell::new(source),
            active: Cell::new(Value::NULL),
        },
    ))
}

fn chain_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let c = st::<Chain>(vm, a[0])?;
    loop {
        if c.active.get().is_null() {
            let src = c.source.get();
            if src.is_null() {
                return Err(stop(vm));
            }
            match ops::iter::next(vm, src)? {
                Some(iterable) => {
                    let it = ops::iter::get_iter(vm, iterable)?;
                    c.active.set(it);
                }
                None => {
                    c.source.set(Value::NULL);
                    return Err(stop(vm));
                }
            }
        }
        match ops::iter::next(vm, c.active.get())? {
            Some(v) => return Ok(v),
            None => c.active.set(Value::NULL),
        }
    }
}

// ---- compress, dropwhile, takewhile, filterfalse, starmap ----

pub(super) struct Pair {
    /// The `__next__` of the concrete type (compress, dropwhile...).
    pub(super) next: crate::native::NativeFn,
    /// The function, or the data iterator for compress.
    pub(super) f: Value,
    pub(super) it: Value,
    /// dropwhile: done dropping; takewhile: stopped.
    pub(super) flag: Cell<bool>,
    /// dropwhile/takewhile: `flag` is part of the pickled state.
    pub(super) pickles_flag: bool,
}

impl StdData for Pair {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(self.next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(&[self.f, self.it], visit)
    }
}

fn pair_new(vm: &mut Vm, a: &[Value], name: &str, next: crate::native::NativeFn) -> PyResult {
    let args = positional(vm, a[0], name, a[1], a[2], 2, 2)?;
    let it = ops::iter::get_iter(vm, args[1])?;
    Ok(stdobj::new_obj(
        a[0],
        Pair {
            next,
            f: args[0],
            it,
            flag: Cell::new(false),
            pickles_flag: name == "dropwhile" || name == "takewhile",
        },
    ))
}

fn compress_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = stdobj::parse_kw(vm, "compress", a[1], a[2], &["data", "selectors"], &[], 2)?;
    let (data, sel) = (p[0], p[1]);
    let d = ops::iter::get_iter(vm, data)?;
    let s = ops::iter::get_iter(vm, sel)?;
    Ok(stdobj::new_obj(
        a[0],
        Pair {
            next: compress_next,
            f: d,
            it: s,
            flag: Cell::new(false),
            pickles_flag: false,
        },
    ))
}

fn compress_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = st::<Pair>(vm, a[0])?;
    loop {
        let Some(d) = ops::iter::next(vm, p.f)? else {
            return Err(stop(vm));
        };
        let Some(s) = ops::iter::next(vm, p.it)? else {
            return Err(stop(vm));
        };
        if ops::truth::is_true(vm, s)? {
            return Ok(d);
        }
    }
}

fn dropwhile_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_new(vm, a, "dropwhile", dropwhile_next)
}

fn dropwhile_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = st::<Pair>(vm, a[0])?;
    loop {
        let Some(x) = ops::iter::next(vm, p.it)? else {
            return Err(stop(vm));
        };
        if p.flag.get() {
            return Ok(x);
        }
        let r = ops::call::call(vm, p.f, &[x])?;
        if !ops::truth::is_true(vm, r)? {
            p.flag.set(true);
            return Ok(x);
        }
    }
}

fn takewhile_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_new(vm, a, "takewhile", takewhile_next)
}

fn takewhile_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = st::<Pair>(vm, a[0])?;
    if p.flag.get() {
        return Err(stop(vm));
    }
    let Some(x) = ops::iter::next(vm, p.it)? else {
        return Err(stop(vm));
    };
    let r = ops::call::call(vm, p.f, &[x])?;
    if ops::truth::is_true(vm, r)? {
        return Ok(x);
    }
    p.flag.set(true);
    Err(stop(vm))
}

fn filterfalse_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_new(vm, a, "filterfalse", filterfalse_next)
}

fn filterfalse_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = st::<Pair>(vm, a[0])?;
    loop {
        let Some(x) = ops::iter::next(vm, p.it)? else {
            return Err(stop(vm));
        };
        let keep = if p.f.is_none() || p.f == vm.types.bool_ {
            !ops::truth::is_true(vm, x)?
        } else {
            let r = ops::call::call(vm, p.f, &[x])?;
            !ops::truth::is_true(vm, r)?
        };
        if keep {
            return Ok(x);
        }
    }
}

fn starmap_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    pair_new(vm, a, "starmap", starmap_next)
}

fn starmap_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = st::<Pair>(vm, a[0])?;
    let Some(args) = ops::iter::next(vm, p.it)? else {
        return Err(stop(vm));
    };
    let args = ops::iter::collect(vm, args)?;
    ops::call::call(vm, p.f, &args)
}

// ---- groupby ----

pub(super) struct GroupBy {
    pub(super) it: Value,
    pub(super) keyfunc: Value,
    pub(super) tgtkey: Cell<Value>,
    pub(super) currkey: Cell<Value>,
    pub(super) currvalue: Cell<Value>,
    /// The one grouper still allowed to yield (older ones are exhausted).
    pub(super) currgrouper: Cell<Value>,
}

impl StdData for GroupBy {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(groupby_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(&[self.it, self.keyfunc], visit);
        for c in [
            &self.tgtkey,
            &self.currkey,
            &self.currvalue,
            &self.currgrouper,
        ] {
            visit_cell(c, visit);
        }
    }
}

pub(super) struct Grouper {
    pub(super) parent: Value,
    pub(super) tgtkey: Value,
}

impl StdData for Grouper {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(grouper_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(&[self.parent, self.tgtkey], visit)
    }
}

fn groupby_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = stdobj::parse_kw(vm, "groupby", a[1], a[2], &["iterable", "key"], &[], 1)?;
    let (iterable, key) = (p[0], p[1]);
    let it = ops::iter::get_iter(vm, iterable)?;
    Ok(stdobj::new_obj(
        a[0],
        GroupBy {
            it,
            keyfunc: if key.is_null() { Value::NONE } else { key },
            tgtkey: Cell::new(Value::NULL),
            currkey: Cell::new(Value::NULL),
            currvalue: Cell::new(Value::NULL),
            currgrouper: Cell::new(Value::NULL),
        },
    ))
}

/// Advances to the next value (StopIteration at the end).
fn groupby_step(vm: &mut Vm, g: &GroupBy) -> PyResult<()> {
    let Some(v) = ops::iter::next(vm, g.it)? else {
        return Err(stop(vm));
    };
    let k = if g.keyfunc.is_none() {
        v
    } else {
        ops::call::call(vm, g.keyfunc, &[v])?
    };
    g.currvalue.set(v);
    g.currkey.set(k);
    Ok(())
}

fn groupby_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let g = st::<GroupBy>(vm, a[0])?;
    g.currgrouper.set(Value::NULL);
    loop {
        let ck = g.currkey.get();
        if !ck.is_null() {
            let tk = g.tgtkey.get();
            if tk.is_null() || !ops::compare::eq(vm, tk, ck)? {
                break;
            }
        }
        groupby_step(vm, g)?;
    }
    let key = g.currkey.get();
    g.tgtkey.set(key);
    let ty = ty_of(vm, "_grouper");
    let grouper = stdobj::new_obj(
        ty,
        Grouper {
            parent: a[0],
            tgtkey: key,
        },
    );
    g.currgrouper.set(grouper);
    Ok(tuple::new_tuple(vm, vec![key, grouper]))
}

fn grouper_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = positional(vm, a[0], "_grouper", a[1], a[2], 2, 2)?;
    let Some(parent) = stdobj::get::<GroupBy>(args[0]) else {
        return Err(vm.type_error(format!(
            "_grouper() argument 1 must be itertools.groupby, not {}",
            vm.type_name(args[0])
        )));
    };
    let g = stdobj::new_obj(
        a[0],
        Grouper {
            parent: args[0],
            tgtkey: args[1],
        },
    );
    // As CPython's `_grouper_create`: the newest grouper is the parent's current one (this is
    // how an unpickled grouper resumes).
    parent.currgrouper.set(g);
    Ok(g)
}

fn grouper_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let gr = st::<Grouper>(vm, a[0])?;
    let g = st::<GroupBy>(vm, gr.parent)?;
    if g.currgrouper.get() != a[0] {
        return Err(stop(vm));
    }
    if g.currvalue.get().is_null() {
        groupby_step(vm, g)?;
    }
    if !ops::compare::eq(vm, gr.tgtkey, g.currkey.get())? {
        return Err(stop(vm));
    }
    let r = g.currvalue.get();
    g.currvalue.set(Value::NULL);
    Ok(r)
}

// ---- islice ----

pub(super) struct ISlice {
    /// NULL once exhausted (the source is released, as CPython does).
    pub(super) it: Cell<Value>,
    pub(super) next: Cell<usize>,
    /// None: no bound.
    pub(super) stop: Option<usize>,
    pub(super) step: usize,
    pub(super) cnt: Cell<usize>,
}

impl StdData for ISlice {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(islice_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_cell(&self.it, visit)
    }
}

/// An islice index: None or an int in 0..=sys.maxsize, else ValueError with `msg`.
fn islice_index(vm: &mut Vm, v: Value, msg: &str) -> PyResult<Option<usize>> {
    if v.is_none() {
        return Ok(None);
    }
    let r = if int::is_int(v) || ops::has_special(vm, v, vm.names.index) {
        ops::number::index_clamped(vm, v)
    } else {
        Ok(-1)
    };
    match r {
        Ok(i) if i >= 0 => Ok(Some(i as usize)),
        Ok(_) => Err(vm.value_error(msg)),
        Err(e) if vm.exc_matches(e, vm.exc.type_error) => Err(vm.value_error(msg)),
        Err(e) => Err(e),
    }
}

const ISLICE_STOP: &str =
    "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
const ISLICE_START: &str =
    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
const ISLICE_STEP: &str = "Step for islice() must be a positive integer or None.";

fn islice_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = positional(vm, a[0], "islice", a[1], a[2], 2, 4)?;
    let (start, stop, step) = if args.len() == 2 {
        (0, islice_index(vm, args[1], ISLICE_STOP)?, 1)
    } else {
        let start = islice_index(vm, args[1], ISLICE_START)?.unwrap_or(0);
        let stop = islice_index(vm, args[2], ISLICE_STOP)?;
        let step = match args.get(3) {
            None => 1,
            Some(&s) => match islice_index(vm, s, ISLICE_STEP)? {
                None => 1,
                Some(0) => return Err(vm.value_error(ISLICE_STEP)),
                Some(s) => s,
            },
        };
        (start, stop, step)
    };
    let it = ops::iter::get_iter(vm, args[0])?;
    Ok(stdobj::new_obj(
        a[0],
        ISlice {
            it: Cell::new(it),
            next: Cell::new(start),
            stop,
            step,
            cnt: Cell::new(0),
        },
    ))
}

fn islice_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = st::<ISlice>(vm, a[0])?;
    let it = s.it.get();
    if it.is_null() {
        return Err(stop(vm));
    }
    let next = s.next.get();
    // As CPython, the items before `next` are consumed even when `next` is past `stop`.
    while s.cnt.get() < next {
        if ops::iter::next(vm, it)?.is_none() {
            s.it.set(Value::NULL);
            return Err(stop(vm));
        }
        s.cnt.set(s.cnt.get() + 1);
    }
    if s.stop.is_some_and(|st| s.cnt.get() >= st) {
        s.it.set(Value::NULL);
        return Err(stop(vm));
    }
    let Some(item) = ops::iter::next(vm, it)? else {
        s.it.set(Value::NULL);
        return Err(stop(vm));
    };
    s.cnt.set(s.cnt.get() + 1);
    let mut n = next.saturating_add(s.step);
    if let Some(st) = s.stop
        && n > st
    {
        n = st;
    }
    s.next.set(n);
    Ok(item)
}

// ---- pairwise ----

struct Pairwise {
    it: Cell<Value>,
    old: Cell<Value>,
}

impl StdData for Pairwise {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(pairwise_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_cell(&self.it, visit);
        visit_cell(&self.old, visit);
    }
}

fn pairwise_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = positional(vm, a[0], "pairwise", a[1], a[2], 1, 1)?;
    let it = ops::iter::get_iter(vm, args[0])?;
    Ok(stdobj::new_obj(
        a[0],
        Pairwise {
            it: Cell::new(it),
            old: Cell::new(Value::NULL),
        },
    ))
}

fn pairwise_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = st::<Pairwise>(vm, a[0])?;
    let it = p.it.get();
    if it.is_null() {
        return Err(stop(vm));
    }
    let mut old = p.old.get();
    if old.is_null() {
        match ops::iter::next(vm, it)? {
            Some(v) => {
                old = v;
                p.old.set(v);
            }
            None => {
                p.it.set(Value::NULL);
                return Err(stop(vm));
            }
        }
    }
    let Some(new) = ops::iter::next(vm, it)? else {
        p.it.set(Value::NULL);
        p.old.set(Value::NULL);
        return Err(stop(vm));
    };
    p.old.set(new);
    Ok(tuple::new_tuple(vm, vec![old, new]))
}

// ---- tee ----

/// Items are buffered in chunks shared by all tee iterators of one source; a chunk no iterator
/// refers to any more is garbage, so memory stays bounded by how far the iterators diverge.
pub(super) const TEE_CHUNK: usize = 57;

pub(super) struct TeeChunk {
    pub(super) it: Value,
    pub(super) items: RefCell<Vec<Value>>,
    pub(super) next: Cell<Value>,
    /// The source is being advanced (by another thread, or re-entrantly).
    pub(super) running: Cell<bool>,
}

impl StdData for TeeChunk {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(&[self.it], visit);
        visit_all(&self.items.borrow(), visit);
        visit_cell(&self.next, visit);
    }
}

pub(super) struct Tee {
    pub(super) chunk: Cell<Value>,
    pub(super) idx: Cell<usize>,
}

impl StdData for Tee {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(tee_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_cell(&self.chunk, visit)
    }
}

pub(super) fn new_chunk(vm: &mut Vm, it: Value) -> Value {
    let ty = ty_of(vm, "_tee_dataobject");
    stdobj::new_obj(
        ty,
        TeeChunk {
            it,
            items: RefCell::new(Vec::new()),
            next: Cell::new(Value::NULL),
            running: Cell::new(false),
        },
    )
}

fn new_tee_from_iterable(vm: &mut Vm, ty: Value, iterable: Value) -> PyResult {
    let it = ops::iter::get_iter(vm, iterable)?;
    if let Some(t) = stdobj::get::<Tee>(it) {
        let tee_ty = ty_of(vm, "_tee");
        return Ok(stdobj::new_obj(
            tee_ty,
            Tee {
                chunk: Cell::new(t.chunk.get()),
                idx: Cell::new(t.idx.get()),
            },
        ));
    }
    let chunk = new_chunk(vm, it);
    Ok(stdobj::new_obj(
        ty,
        Tee {
            chunk: Cell::new(chunk),
            idx: Cell::new(0),
        },
    ))
}

fn tee_type_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = positional(vm, a[0], "_tee", a[1], a[2], 1, 1)?;
    new_tee_from_iterable(vm, a[0], args[0])
}

fn tee_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = st::<Tee>(vm, a[0])?;
    loop {
        let chunk_v = t.chunk.get();
        let c = st::<TeeChunk>(vm, chunk_v)?;
        let idx = t.idx.get();
        let have = c.items.borrow().get(idx).copied();
        if let Some(v) = have {
            t.idx.set(idx + 1);
            return Ok(v);
        }
        if idx >= TEE_CHUNK {
            let mut next = c.next.get();
            if next.is_null() {
                next = new_chunk(vm, c.it);
                c.next.set(next);
            }
            t.chunk.set(next);
            t.idx.set(0);
            continue;
        }
        if c.running.get() {
            return Err(vm.new_exc(vm.exc.runtime_error, "cannot re-enter the tee iterator"));
        }
        c.running.set(true);
        let r = ops::iter::next(vm, c.it);
        c.running.set(false);
        let Some(v) = r? else {
            return Err(stop(vm));
        };
        // Another tee may have filled this slot while the source ran Python code.
        let mut items = c.items.borrow_mut();
        if items.len() == idx {
            items.push(v);
        }
        drop(items);
        continue;
    }
}

fn tee_copy(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = st::<Tee>(vm, a[0])?;
    let ty = vm.type_of(a[0]);
    Ok(stdobj::new_obj(
        ty,
        Tee {
            chunk: Cell::new(t.chunk.get()),
            idx: Cell::new(t.idx.get()),
        },
    ))
}

fn tee(vm: &mut Vm, a: &[Value]) -> PyResult {
    // tee(iterable, n=2, /), with the positional-only clinic's messages.
    let args = positional(vm, a[0], "tee", a[1], a[2], 1, 2)?;
    let n = match args.get(1) {
        None => 2,
        Some(&n) => ops::number::index_i64(vm, n)?,
    };
    let iterable = args[0];
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    if n == 0 {
        return Ok(tuple::new_tuple(vm, vec![]));
    }
    let it = ops::iter::get_iter(vm, iterable)?;
    let copy_name = vm.intern("__copy__");
    let first = if ops::has_special(vm, it, copy_name) {
        it
    } else {
        let ty = ty_of(vm, "_tee");
        new_tee_from_iterable(vm, ty, it)?
    };
    let mut out = vec![first];
    for _ in 1..n {
        let c = ops::attr::getattr(vm, first, copy_name)?;
        out.push(ops::call::call(vm, c, &[])?);
    }
    Ok(tuple::new_tuple(vm, out))
}

// ---- zip_longest ----

pub(super) struct ZipLongest {
    pub(super) its: RefCell<Vec<Value>>,
    pub(super) active: Cell<usize>,
    pub(super) fill: Cell<Value>,
}

impl StdData for ZipLongest {
    fn next_fn(&self) -> Option<crate::native::NativeFn> {
        Some(zip_longest_next)
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(&self.its.borrow(), visit);
        visit_cell(&self.fill, visit);
    }
}

fn zip_longest_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut fill = Value::NONE;
    if !a[2].is_null() && dict::len(a[2]) > 0 {
        match dict::get_str(a[2], "fillvalue") {
            Some(v) if dict::len(a[2]) == 1 => fill = v,
            _ => {
                return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
            }
        }
    }
    let args = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let mut its = Vec::with_capacity(args.len());
    for x in args {
        its.push(ops::iter::get_iter(vm, x)?);
    }
    let n = its.len();
    Ok(stdobj::new_obj(
        a[0],
        ZipLongest {
            its: RefCell::new(its),
            active: Cell::new(n),
            fill: Cell::new(fill),
        },
    ))
}

fn zip_longest_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let z = st::<ZipLongest>(vm, a[0])?;
    let n = z.its.borrow().len();
    if n == 0 || z.active.get() == 0 {
        return Err(stop(vm));
    }
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let it = z.its.borrow().get(i).copied().unwrap_or(Value::NULL);
        if it.is_null() {
            out.push(z.fill.get());
            continue;
        }
        match ops::iter::next(vm, it) {
            Ok(Some(v)) => out.push(v),
            Ok(None) => {
                // As CPython, the last source to end stays in place (it shows in
                // `__reduce__`); the others are replaced by the fill value.
                z.active.set(z.active.get().saturating_sub(1));
                if z.active.get() == 0 {
                    return Err(stop(vm));
                }
                if let Some(slot) = z.its.borrow_mut().get_mut(i) {
                    *slot = Value::NULL;
                }
                out.push(z.fill.get());
            }
            Err(e) => {
                z.active.set(0);
                return Err(e);
            }
        }
    }
    Ok(tuple::new_tuple(vm, out))
}
