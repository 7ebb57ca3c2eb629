//! The builtin iterator types (list/tuple/str/range/dict/set iterators, the `__getitem__`
//! sequence iterator, `iter(f, sentinel)`) and the iterator builtins `enumerate`, `zip`, `map`,
//! `filter`, `reversed`. One payload (`IteratorObj`) with a state per kind; each kind has its
//! own Python type.

use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::ops;
use crate::types::list::ListObj;
use crate::types::str::StrObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::RefCell;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DictIterKind {
    Keys,
    Values,
    Items,
}

pub enum IterState {
    List {
        seq: Value,
        pos: usize,
    },
    ListRev {
        seq: Value,
        pos: isize,
    },
    Tuple {
        seq: Value,
        pos: usize,
    },
    Str {
        s: Value,
        byte_pos: usize,
    },
    Bytes {
        seq: Value,
        pos: usize,
    },
    Range {
        cur: i64,
        step: i64,
        remaining: i64,
        /// The first value (for `__reduce__`/`__setstate__`, which count from it).
        start: i64,
    },
    Dict {
        d: Value,
        pos: usize,
        /// The dict's size when iteration began (a change is an error).
        len: usize,
        /// Entries returned so far: finding more than `len` means keys were deleted and
        /// added back meanwhile (CPython's "keys changed" check).
        yielded: usize,
        kind: DictIterKind,
    },
    Set {
        s: Value,
        pos: usize,
        len: usize,
    },
    Seq {
        obj: Value,
        idx: i64,
    },
    Callable {
        f: Value,
        sentinel: Value,
    },
    Enumerate {
        it: Value,
        count: Value,
    },
    Zip {
        its: Vec<Value>,
        strict: bool,
    },
    Map {
        f: Value,
        its: Vec<Value>,
    },
    Filter {
        f: Value,
        it: Value,
    },
    /// `reversed(seq)` over `__len__`/`__getitem__`: the next index to fetch (-1 at the end).
    Reversed {
        seq: Value,
        idx: isize,
    },
    Exhausted,
}

pub struct IteratorObj {
    pub state: RefCell<IterState>,
}

impl Trace for IteratorObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        let st = self.state.borrow();
        let mut v = |x: &Value| x.trace(visit);
        match &*st {
            IterState::List { seq, .. }
            | IterState::ListRev { seq, .. }
            | IterState::Tuple { seq, .. }
            | IterState::Bytes { seq, .. } => v(seq),
            IterState::Str { s, .. } | IterState::Set { s, .. } => v(s),
            IterState::Dict { d, .. } => v(d),
            IterState::Seq { obj, .. } | IterState::Reversed { seq: obj, .. } => v(obj),
            IterState::Callable { f, sentinel } => {
                v(f);
                v(sentinel)
            }
            IterState::Enumerate { it, count } => {
                v(it);
                v(count)
            }
            IterState::Zip { its, .. } => its.iter().for_each(v),
            IterState::Map { f, its } => {
                v(f);
                its.iter().for_each(v)
            }
            IterState::Filter { f, it } => {
                v(f);
                v(it)
            }
            IterState::Range { .. } | IterState::Exhausted => {}
        }
    }
}

impl Payload for IteratorObj {
    const KIND: ObjKind = ObjKind::Iterator;
}

pub fn new_iter(ty: Value, state: IterState) -> Value {
    alloc(
        ty,
        IteratorObj {
            state: RefCell::new(state),
        },
    )
}

pub fn new_seq_iter(vm: &mut Vm, obj: Value) -> Value {
    new_iter(vm.types.seq_iterator, IterState::Seq { obj, idx: 0 })
}

pub fn new_dict_iter(vm: &mut Vm, d: Value, kind: DictIterKind) -> Value {
    let ty = match kind {
        DictIterKind::Keys => vm.types.dict_keyiterator,
        DictIterKind::Values => vm.types.dict_valueiterator,
        DictIterKind::Items => vm.types.dict_itemiterator,
    };
    let len = crate::types::dict::len(d);
    new_iter(
        ty,
        IterState::Dict {
            d,
            pos: 0,
            len,
            yielded: 0,
            kind,
        },
    )
}

/// `iter(v)` for exact builtin containers (None for anything else).
pub fn builtin_iter(vm: &mut Vm, v: Value) -> Option<Value> {
    let ty = vm.type_of(v);
    let t = &vm.types;
    let (ity, st) = if ty == t.list {
        (t.list_iterator, IterState::List { seq: v, pos: 0 })
    } else if ty == t.tuple {
        (t.tuple_iterator, IterState::Tuple { seq: v, pos: 0 })
    } else if ty == t.str_ {
        (t.str_iterator, IterState::Str { s: v, byte_pos: 0 })
    } else if ty == t.dict {
        return Some(new_dict_iter(vm, v, DictIterKind::Keys));
    } else if ty == t.set || ty == t.frozenset {
        let len = v.downcast::<crate::types::set::SetObj>()?.len();
        (t.set_iterator, IterState::Set { s: v, pos: 0, len })
    } else if ty == t.range {
        let r = v.downcast::<crate::types::range::RangeObj>()?;
        let (start, stop, step) = r.small()?;
        let n = crate::types::range::range_len(start, stop, step);
        (
            t.range_iterator,
            IterState::Range {
                cur: start,
                step,
                remaining: n,
                start,
            },
        )
    } else if ty == t.bytes || ty == t.bytearray {
        (t.bytes_iterator, IterState::Bytes { seq: v, pos: 0 })
    } else if v.is::<IteratorObj>() && ty != t.object {
        return Some(v);
    } else {
        return None;
    };
    Some(new_iter(ity, st))
}

/// Advances a builtin iterator; Ok(None) at the end.
pub fn next_builtin(vm: &mut Vm, it: Value, o: &IteratorObj) -> PyResult<Option<Value>> {
    next_builtin_in(vm, it, o, false)
}

/// `next_builtin`, from a clean position when `clean` (`ops::iter::next_in`, which roots
/// `it` and truncates the roots made here): the iterators and functions of `map`, `filter`,
/// `enumerate` and `zip` are then called through the clean entries, their results rooted.
pub fn next_builtin_in(
    vm: &mut Vm,
    _it: Value,
    o: &IteratorObj,
    clean: bool,
) -> PyResult<Option<Value>> {
    let next = |vm: &mut Vm, it: Value| ops::iter::next_in(vm, it, clean);
    let call_fn =
        |vm: &mut Vm, f: Value, args: &[Value]| ops::call::call_kw_in(vm, f, args, &[], clean);
    let keep = |vm: &mut Vm, v: Value| {
        if clean {
            vm.root(v);
        }
    };
    // Cases that call Python code must not hold the state borrow; they copy what they need.
    enum Call {
        /// `obj[idx]`: the sequence iterator and `reversed()` over a sequence.
        Seq(Value, i64),
        Callable(Value, Value),
        Enumerate(Value, Value),
        Zip(Vec<Value>, bool),
        Map(Value, Vec<Value>),
        Filter(Value, Value),
    }
    let call = {
        let mut st = o.state.borrow_mut();
        match &mut *st {
            IterState::List { seq, pos } => {
                let l = seq.downcast::<ListObj>();
                let item = l.and_then(|l| l.get(*pos));
                return Ok(match item {
                    Some(x) => {
                        *pos += 1;
                        Some(x)
                    }
                    None => {
                        *st = IterState::Exhausted;
                        None
                    }
                });
            }
            IterState::ListRev { seq, pos } => {
                if *pos >= 0
                    && let Some(x) = seq.downcast::<ListObj>().and_then(|l| l.get(*pos as usize))
                {
                    *pos -= 1;
                    return Ok(Some(x));
                }
                *st = IterState::Exhausted;
                return Ok(None);
            }
            IterState::Tuple { seq, pos } => {
                let item = crate::types::tuple::items(*seq).and_then(|t| t.get(*pos).copied());
                if item.is_some() {
                    *pos += 1;
                } else {
                    *st = IterState::Exhausted;
                }
                return Ok(item);
            }
            IterState::Str { s, byte_pos } => {
                let text = s.downcast::<StrObj>().map(|x| x.as_str()).unwrap_or("");
                return Ok(match text[*byte_pos..].chars().next() {
                    Some(c) => {
                        *byte_pos += c.len_utf8();
                        let mut b = [0u8; 4];
                        let cs: &str = c.encode_utf8(&mut b);
                        drop(st);
                        Some(vm.new_str(cs))
                    }
                    None => {
                        *st = IterState::Exhausted;
                        None
                    }
                });
            }
            IterState::Bytes { seq, pos } => {
                let b = crate::types::bytes::byte_at(*seq, *pos);
                return Ok(match b {
                    Some(x) => {
                        *pos += 1;
                        Value::try_small_int(x as i64)
                    }
                    None => {
                        *st = IterState::Exhausted;
                        None
                    }
                });
            }
            IterState::Range {
                cur,
                step,
                remaining,
                ..
            } => {
                if *remaining <= 0 {
                    return Ok(None);
                }
                let v = *cur;
                *remaining -= 1;
                *cur = cur.wrapping_add(*step);
                drop(st);
                return Ok(Some(crate::types::int::from_i64(vm, v)));
            }
            IterState::Dict {
                d,
                pos,
                len,
                yielded,
                kind,
            } => {
                let (d, kind) = (*d, *kind);
                if crate::types::dict::len(d) != *len {
                    *st = IterState::Exhausted;
                    drop(st);
                    return Err(vm.runtime_error("dictionary changed size during iteration"));
                }
                return Ok(match crate::types::dict::entry_from(d, *pos) {
                    Some(_) if *yielded >= *len => {
                        *st = IterState::Exhausted;
                        drop(st);
                        return Err(vm.runtime_error("dictionary keys changed during iteration"));
                    }
                    Some((next, k, v)) => {
                        *yielded += 1;
                        *pos = next;
                        drop(st);
                        Some(match kind {
                            DictIterKind::Keys => k,
                            DictIterKind::Values => v,
                            DictIterKind::Items => crate::types::tuple::new_tuple(vm, vec![k, v]),
                        })
                    }
                    None => {
                        *st = IterState::Exhausted;
                        None
                    }
                });
            }
            IterState::Set { s, pos, len } => {
                let so = s.downcast::<crate::types::set::SetObj>();
                if so.map(|x| x.len()) != Some(*len) {
                    *st = IterState::Exhausted;
                    drop(st);
                    return Err(vm.runtime_error("Set changed size during iteration"));
                }
                return Ok(match so.and_then(|x| x.entry_from(*pos)) {
                    Some((next, k)) => {
                        *pos = next;
                        Some(k)
                    }
                    None => {
                        *st = IterState::Exhausted;
                        None
                    }
                });
            }
            IterState::Exhausted => return Ok(None),
            IterState::Seq { obj, idx } => {
                let c = Call::Seq(*obj, *idx);
                *idx += 1;
                c
            }
            IterState::Reversed { seq, idx } => {
                if *idx < 0 {
                    *st = IterState::Exhausted;
                    return Ok(None);
                }
                let c = Call::Seq(*seq, *idx as i64);
                *idx -= 1;
                c
            }
            IterState::Callable { f, sentinel } => Call::Callable(*f, *sentinel),
            IterState::Enumerate { it, count } => Call::Enumerate(*it, *count),
            IterState::Zip { its, strict } => Call::Zip(its.clone(), *strict),
            IterState::Map { f, its } => Call::Map(*f, its.clone()),
            IterState::Filter { f, it } => Call::Filter(*f, *it),
        }
    };
    let finish = |o: &IteratorObj| *o.state.borrow_mut() = IterState::Exhausted;
    match call {
        Call::Seq(obj, idx) => {
            let i = crate::types::int::from_i64(vm, idx);
            match ops::item::getitem(vm, obj, i) {
                Ok(v) => Ok(Some(v)),
                Err(e)
                    if vm.exc_matches(e, vm.exc.index_error)
                        || vm.exc_matches(e, vm.exc.stop_iteration) =>
                {
                    finish(o);
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
        Call::Callable(f, sentinel) => {
            let v = match ops::call::call(vm, f, &[]) {
                Ok(v) => v,
                Err(e) if vm.exc_matches(e, vm.exc.stop_iteration) => {
                    finish(o);
                    return Ok(None);
                }
                Err(e) => return Err(e),
            };
            // A call that exhausted this iterator itself (re-entrantly) ends it: its result
            // is dropped, as CPython's `calliter_iternext` does.
            if matches!(*o.state.borrow(), IterState::Exhausted) {
                return Ok(None);
            }
            if ops::compare::eq(vm, sentinel, v)? {
                finish(o);
                return Ok(None);
            }
            Ok(Some(v))
        }
        Call::Enumerate(it, count) => {
            let Some(v) = next(vm, it)? else {
                return Ok(None);
            };
            let one = Value::try_small_int(1).unwrap_or(Value::NONE);
            let next = ops::number::binary_op(vm, count, one, fp_bytecode::BinaryOp::Add, false)?;
            if let IterState::Enumerate { count: c, .. } = &mut *o.state.borrow_mut() {
                *c = next;
            }
            Ok(Some(crate::types::tuple::new_tuple(vm, vec![count, v])))
        }
        Call::Zip(its, strict) => {
            if its.is_empty() {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(its.len());
            for (i, it) in its.iter().enumerate() {
                match next(vm, *it)? {
                    Some(v) => {
                        keep(vm, v);
                        items.push(v)
                    }
                    None => {
                        if strict {
                            if i > 0 {
                                let s = if i == 1 { " " } else { "s 1-" };
                                return Err(vm.value_error(format!(
                                    "zip() argument {} is shorter than argument{s}{}",
                                    i + 1,
                                    i
                                )));
                            }
                            for (j, other) in its.iter().enumerate().skip(1) {
                                if next(vm, *other)?.is_some() {
                                    let s = if j == 1 { " " } else { "s 1-" };
                                    return Err(vm.value_error(format!(
                                        "zip() argument {} is longer than argument{s}{}",
                                        j + 1,
                                        j
                                    )));
                                }
                            }
                        }
                        return Ok(None);
                    }
                }
            }
            Ok(Some(crate::types::tuple::new_tuple(vm, items)))
        }
        Call::Map(f, its) => {
            let mut args = Vec::with_capacity(its.len());
            for it in its {
                match next(vm, it)? {
                    Some(v) => {
                        keep(vm, v);
                        args.push(v)
                    }
                    None => return Ok(None),
                }
            }
            call_fn(vm, f, &args).map(Some)
        }
        Call::Filter(f, it) => loop {
            let Some(v) = next(vm, it)? else {
                return Ok(None);
            };
            let pass = if f.is_none() || f == vm.types.bool_ {
                ops::truth::is_true(vm, v)?
            } else {
                let mark = vm.roots_mark();
                keep(vm, v);
                let r = call_fn(vm, f, &[v]);
                vm.truncate_roots(mark);
                ops::truth::is_true(vm, r?)?
            };
            if pass {
                return Ok(Some(v));
            }
        },
    }
}

static ITER_METHODS: &[NativeDef] = &[
    native!("__iter__", "($self, /)", iter_self),
    native!("__next__", "($self, /)", iter_next),
    native!("__length_hint__", "($self, /)", iter_length_hint),
];

pub fn install(vm: &mut Vm) {
    let t = &vm.types;
    let tys = [
        t.list_iterator,
        t.list_reverseiterator,
        t.tuple_iterator,
        t.str_iterator,
        t.bytes_iterator,
        t.range_iterator,
        t.set_iterator,
        t.callable_iterator,
        t.seq_iterator,
        t.dict_keyiterator,
        t.dict_valueiterator,
        t.dict_itemiterator,
        t.enumerate,
        t.zip,
        t.map_,
        t.filter,
        t.reversed,
    ];
    for ty in tys {
        crate::types::typeobj::add_methods(vm, ty, ITER_METHODS);
    }
    for (ty, defs) in [
        (vm.types.enumerate, ENUMERATE_NEW),
        (vm.types.zip, ZIP_NEW),
        (vm.types.map_, MAP_NEW),
        (vm.types.filter, FILTER_NEW),
        (vm.types.reversed, REVERSED_NEW),
    ] {
        crate::types::typeobj::add_methods(vm, ty, defs);
    }
    super::iterators_pickle::install(vm);
}

fn iter_self(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}

fn iter_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(o) = a[0].downcast::<IteratorObj>() else {
        return Err(vm.type_error("expected an iterator"));
    };
    match next_builtin(vm, a[0], o)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration(Value::NULL)),
    }
}

fn iter_length_hint(vm: &mut Vm, a: &[Value]) -> PyResult {
    // reversed(seq): the position, unless the sequence shrank below it (CPython asks len()).
    let rev = match a[0].downcast::<IteratorObj>().map(|o| o.state.borrow()) {
        Some(st) => match &*st {
            IterState::Reversed { seq, idx } => Some((*seq, *idx)),
            _ => None,
        },
        None => None,
    };
    if let Some((seq, idx)) = rev {
        let n = ops::item::len(vm, seq)? as i64;
        let pos = idx as i64 + 1;
        return Ok(crate::types::int::from_i64(
            vm,
            if n < pos { 0 } else { pos },
        ));
    }
    let n = match a[0]
        .downcast::<IteratorObj>()
        .map(|o| o.state.borrow().remaining())
    {
        Some(Some(n)) => n,
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    Ok(crate::types::int::from_i64(vm, n))
}

impl IterState {
    fn remaining(&self) -> Option<i64> {
        Some(match self {
            IterState::List { seq, pos } => {
                seq.downcast::<ListObj>()?.len().saturating_sub(*pos) as i64
            }
            IterState::Tuple { seq, pos } => {
                crate::types::tuple::items(*seq)?.len().saturating_sub(*pos) as i64
            }
            IterState::Range { remaining, .. } => *remaining,
            IterState::ListRev { pos, .. } => (*pos + 1).max(0) as i64,
            IterState::Reversed { idx, .. } => (*idx + 1).max(0) as i64,
            // Sets and dicts: the entries still ahead (0 once the size changed, as CPython).
            IterState::Set { s, pos, len } => {
                let so = s.downcast::<crate::types::set::SetObj>()?;
                if so.len() != *len {
                    return Some(0);
                }
                let mut n = 0;
                let mut p = *pos;
                while let Some((next, _)) = so.entry_from(p) {
                    n += 1;
                    p = next;
                }
                n
            }
            IterState::Dict { d, pos, len, .. } => {
                if crate::types::dict::len(*d) != *len {
                    return Some(0);
                }
                let mut n = 0;
                let mut p = *pos;
                while let Some((next, _, _)) = crate::types::dict::entry_from(*d, p) {
                    n += 1;
                    p = next;
                }
                n
            }
            IterState::Exhausted => 0,
            _ => return None,
        })
    }
}

static ENUMERATE_NEW: &[NativeDef] = &[native_staticmethod!(
    "__new__",
    "($type, iterable, start=0)",
    enumerate_new
)];
static ZIP_NEW: &[NativeDef] = &[native_staticmethod!(
    "__new__",
    "($type, *iterables, strict=False)",
    zip_new
)];
static MAP_NEW: &[NativeDef] = &[native_staticmethod!(
    "__new__",
    "($type, /, *args, **kwargs)",
    map_new
)];
static FILTER_NEW: &[NativeDef] = &[native_staticmethod!(
    "__new__",
    "($type, /, *args, **kwargs)",
    filter_new
)];
static REVERSED_NEW: &[NativeDef] = &[native_staticmethod!(
    "__new__",
    "($type, sequence, /)",
    reversed_new
)];

fn enumerate_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = ops::iter::get_iter(vm, a[1])?;
    let start = if a[2].is_null() {
        Value::try_small_int(0).unwrap_or(Value::NONE)
    } else {
        ops::number::index(vm, a[2])?
    };
    Ok(new_iter(a[0], IterState::Enumerate { it, count: start }))
}

fn zip_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut its = Vec::new();
    for x in crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec() {
        its.push(ops::iter::get_iter(vm, x)?);
    }
    let strict = !a[2].is_null() && ops::truth::is_true(vm, a[2])?;
    Ok(new_iter(a[0], IterState::Zip { its, strict }))
}

/// CPython rejects keyword arguments to map()/filter() unless a subclass defines its own
/// `__init__` (which then receives them).
fn check_no_kwargs(vm: &mut Vm, ty: Value, kw: Value, name: &str) -> PyResult<()> {
    if kw.is_null() || crate::types::dict::len(kw) == 0 {
        return Ok(());
    }
    let init = crate::types::typeobj::lookup(vm, ty, vm.names.init);
    let base = crate::types::typeobj::lookup(vm, vm.types.object, vm.names.init);
    if init == base {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

fn map_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_no_kwargs(vm, a[0], a[2], "map")?;
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    if args.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mut its = Vec::with_capacity(args.len() - 1);
    for x in &args[1..] {
        its.push(ops::iter::get_iter(vm, *x)?);
    }
    Ok(new_iter(a[0], IterState::Map { f: args[0], its }))
}

fn filter_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    check_no_kwargs(vm, a[0], a[2], "filter")?;
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    if args.len() != 2 {
        return Err(vm.type_error(format!("filter expected 2 arguments, got {}", args.len())));
    }
    let it = ops::iter::get_iter(vm, args[1])?;
    Ok(new_iter(a[0], IterState::Filter { f: args[0], it }))
}

fn reversed_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let seq = a[1];
    let ty = vm.type_of(seq);
    if ty == vm.types.list {
        let n = seq.downcast::<ListObj>().map(|l| l.len()).unwrap_or(0) as isize;
        return Ok(new_iter(
            vm.types.list_reverseiterator,
            IterState::ListRev { seq, pos: n - 1 },
        ));
    }
    if let Some(r) = ops::call_special(vm, seq, vm.names.reversed, &[])? {
        return Ok(r);
    }
    let rt = crate::types::typeobj::lookup(vm, ty, vm.names.reversed);
    if rt.is_none() {
        return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(seq))));
    }
    if !ops::has_special(vm, seq, vm.names.getitem)
        || !ops::has_special(vm, seq, vm.names.len)
        || seq.is::<crate::types::dict::DictObj>()
    {
        return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(seq))));
    }
    let n = ops::item::len(vm, seq)?;
    Ok(new_iter(
        a[0],
        IterState::Reversed {
            seq,
            idx: n as isize - 1,
        },
    ))
}
