//! `_pickle.Pickler`, `dump` and `dumps`: the pickler in Rust, producing the bytes `pickle.py`'s
//! `_Pickler` produces (same opcodes, memo numbering, batching and protocol 4 framing), with the
//! same hooks: `persistent_id`, `reducer_override`, `dispatch_table` (instance or class
//! attribute, else `copyreg.dispatch_table`), `__reduce_ex__`/`__reduce__`, the extension
//! registry, `_compat_pickle`'s renames for protocols < 3 and `buffer_callback` for
//! `PickleBuffer`s.
//!
//! Output is gathered in Rust and handed to `file.write` once per frame (protocol 4+; big
//! bytes/str payloads unframed, in their own calls) or once per `dump` (older protocols).
//! `whichmodule` and `_getattribute` of `pickle.py` resolve globals.

use super::pickle_::IdMap;
use super::stdobj::{self, StdData, visit_all};
use crate::native::NativeDef;
use crate::ops;
use crate::types::{bytes, dict, int, list, tuple};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::{Cell, RefCell};

const HIGHEST_PROTOCOL: i64 = 5;
const DEFAULT_PROTOCOL: i64 = 4;
const FRAME_SIZE_TARGET: usize = 64 * 1024;
const FRAME_SIZE_MIN: usize = 4;
const BATCHSIZE: usize = 1000;

pub(super) struct Pickler {
    initialized: Cell<bool>,
    /// `file.write` (NULL for `dumps`, which collects into `sink`).
    write: Cell<Value>,
    sink: RefCell<Vec<u8>>,
    proto: Cell<u8>,
    fix_imports: Cell<bool>,
    fast: Cell<bool>,
    buffer_callback: Cell<Value>,
    /// Set through the attributes (NULL: not set).
    persistent_id: Cell<Value>,
    dispatch_table: Cell<Value>,
    /// id(obj) -> (memo index, obj): the object is kept alive while pickling.
    memo: RefCell<IdMap<(u32, Value)>>,
    /// Output not yet written: the current frame (protocol 4+) or the whole pickle.
    out: RefCell<Vec<u8>>,
    framing: Cell<bool>,
    // Looked up once per dump.
    pid_fn: Cell<Value>,
    override_fn: Cell<Value>,
    table: Cell<Value>,
}

impl StdData for Pickler {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(
            &[
                self.write.get(),
                self.buffer_callback.get(),
                self.persistent_id.get(),
                self.dispatch_table.get(),
                self.pid_fn.get(),
                self.override_fn.get(),
                self.table.get(),
            ],
            visit,
        );
        for (_, v) in self.memo.borrow().values() {
            if v.is_ptr() {
                visit(*v)
            }
        }
    }
}

impl Pickler {
    fn empty() -> Pickler {
        Pickler {
            initialized: Cell::new(false),
            write: Cell::new(Value::NULL),
            sink: RefCell::new(Vec::new()),
            proto: Cell::new(DEFAULT_PROTOCOL as u8),
            fix_imports: Cell::new(true),
            fast: Cell::new(false),
            buffer_callback: Cell::new(Value::NULL),
            persistent_id: Cell::new(Value::NULL),
            dispatch_table: Cell::new(Value::NULL),
            memo: RefCell::new(IdMap::default()),
            out: RefCell::new(Vec::new()),
            framing: Cell::new(false),
            pid_fn: Cell::new(Value::NULL),
            override_fn: Cell::new(Value::NULL),
            table: Cell::new(Value::NULL),
        }
    }
    fn bin(&self) -> bool {
        self.proto.get() >= 1
    }
}

pub static PICKLER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", pickler_new),
    native!(
        "__init__",
        "($self, /, file, protocol=None, fix_imports=True, buffer_callback=None)",
        pickler_init
    ),
    native!("dump", "($self, obj, /)", pickler_dump),
    native!("clear_memo", "($self, /)", clear_memo),
    native!("__sizeof__", "($self, /)", pickler_sizeof),
];

pub static PICKLER_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (
        native!("memo", "($self, /)", memo_get),
        Some(native!("memo", "($self, value, /)", memo_set)),
    ),
    (
        native!("persistent_id", "($self, /)", pid_get),
        Some(native!("persistent_id", "($self, value, /)", pid_set)),
    ),
    (
        native!("dispatch_table", "($self, /)", table_get),
        Some(native!("dispatch_table", "($self, value, /)", table_set)),
    ),
    (
        native!("fast", "($self, /)", fast_get),
        Some(native!("fast", "($self, value, /)", fast_set)),
    ),
    (native!("bin", "($self, /)", bin_get), None),
];

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static Pickler> {
    stdobj::expect::<Pickler>(vm, v, "_pickle.Pickler")
}

fn pickle_attr(vm: &mut Vm, name: &str) -> PyResult {
    let pickle = super::import_system::import_module(vm, "pickle")?;
    ops::attr::getattr_str(vm, pickle, name)
}

fn pickling_error(vm: &mut Vm, msg: &str) -> Exc {
    match pickle_attr(vm, "PicklingError") {
        Ok(cls) => vm.new_exc(cls, msg),
        Err(e) => e,
    }
}

fn pickler_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(stdobj::new_obj(a[0], Pickler::empty()))
}

/// Protocol, fix_imports and buffer_callback, checked as `pickle.py` does.
fn configure(vm: &mut Vm, p: &Pickler, protocol: Value, fix: Value, cb: Value) -> PyResult<()> {
    let proto = if protocol.is_null() || protocol.is_none() {
        DEFAULT_PROTOCOL
    } else {
        ops::number::index_i64(vm, protocol)?
    };
    let proto = if proto < 0 { HIGHEST_PROTOCOL } else { proto };
    if proto > HIGHEST_PROTOCOL {
        return Err(vm.value_error(format!("pickle protocol must be <= {HIGHEST_PROTOCOL}")));
    }
    let cb = if cb.is_null() { Value::NONE } else { cb };
    if !cb.is_none() && proto < 5 {
        return Err(vm.value_error("buffer_callback needs protocol >= 5"));
    }
    let fix = fix.is_null() || ops::truth::is_true(vm, fix)?;
    p.proto.set(proto as u8);
    p.fix_imports.set(fix && proto < 3);
    p.buffer_callback
        .set(if cb.is_none() { Value::NULL } else { cb });
    Ok(())
}

fn pickler_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    configure(vm, p, a[2], a[3], a[4])?;
    let name = vm.intern("write");
    let Some(write) = ops::attr::getattr_opt(vm, a[1], name)? else {
        return Err(vm.type_error("file must have a 'write' attribute"));
    };
    p.write.set(write);
    p.memo.borrow_mut().clear();
    p.fast.set(false);
    p.initialized.set(true);
    Ok(Value::NONE)
}

fn pickler_dump(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    if !p.initialized.get() {
        let tn = vm.type_name(a[0]);
        return Err(pickling_error(
            vm,
            &format!("Pickler.__init__() was not called by {tn}.__init__()"),
        ));
    }
    dump_obj(vm, a[0], p, a[1])
}

fn clear_memo(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?.memo.borrow_mut().clear();
    Ok(Value::NONE)
}

fn pickler_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    let n = 96 + p.memo.borrow().len() * 24 + p.out.borrow().capacity();
    Ok(int::from_usize(vm, n))
}

/// `memo`: a dict `{id(obj): (index, obj)}` (a copy, as CPython's proxy's `copy()`).
fn memo_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    let entries: Vec<(u64, u32, Value)> = p
        .memo
        .borrow()
        .iter()
        .map(|(k, (i, v))| (*k, *i, *v))
        .collect();
    let d = dict::new_dict(vm);
    for (k, i, v) in entries {
        let kv = int::from_u64(vm, k);
        let iv = int::from_u64(vm, i as u64);
        let t = tuple::new_tuple(vm, vec![iv, v]);
        dict::set_item(vm, d, kv, t)?;
    }
    Ok(d)
}

fn memo_set(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    let v = a[1];
    if v.is_null() {
        return Err(vm.type_error("attribute deletion is not supported"));
    }
    if !v.is::<crate::types::dict::DictObj>() {
        return Err(vm.type_error(format!(
            "'memo' attribute must be a PicklerMemoProxy object or dict, not {}",
            vm.type_name(v)
        )));
    }
    let mut new = IdMap::default();
    for (_, val) in dict::items(v) {
        let pair = tuple::items(val).map(|t| t.to_vec());
        let Some([idx, obj]) = pair.as_deref().and_then(|s| <[Value; 2]>::try_from(s).ok()) else {
            return Err(vm.type_error("'memo' values must be 2-item tuples"));
        };
        let i = ops::number::index_i64(vm, idx)?;
        new.insert(obj.bits(), (i as u32, obj));
    }
    *p.memo.borrow_mut() = new;
    Ok(Value::NONE)
}

fn pid_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    let f = p.persistent_id.get();
    if f.is_null() {
        return Err(vm.new_exc(vm.exc.attribute_error, "persistent_id"));
    }
    Ok(f)
}

fn pid_set(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    if a[1].is_null() {
        return Err(vm.type_error("attribute deletion is not supported"));
    }
    if !ops::has_special(vm, a[1], vm.names.call) {
        return Err(vm.type_error("persistent_id must be a callable taking one argument"));
    }
    p.persistent_id.set(a[1]);
    Ok(Value::NONE)
}

fn table_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    let t = p.dispatch_table.get();
    if t.is_null() {
        return Err(vm.new_exc(
            vm.exc.attribute_error,
            format!(
                "'{}' object has no attribute 'dispatch_table'",
                vm.type_name(a[0])
            ),
        ));
    }
    Ok(t)
}

fn table_set(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    p.dispatch_table.set(a[1]);
    Ok(Value::NONE)
}

fn fast_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(this(vm, a[0])?.fast.get()))
}

fn fast_set(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = this(vm, a[0])?;
    let b = !a[1].is_null() && ops::truth::is_true(vm, a[1])?;
    p.fast.set(b);
    Ok(Value::NONE)
}

fn bin_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::small(this(vm, a[0])?.bin() as i64))
}

// ---- module functions ----

/// `dump(obj, file, protocol=None, *, fix_imports=True, buffer_callback=None)`.
pub(super) fn dump(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = stdobj::state_type(vm, "_pickle.Pickler");
    let po = stdobj::new_obj(ty, Pickler::empty());
    let p = this(vm, po)?;
    configure(vm, p, a[3], a[4], a[5])?;
    let name = vm.intern("write");
    let Some(write) = ops::attr::getattr_opt(vm, a[2], name)? else {
        return Err(vm.type_error("file must have a 'write' attribute"));
    };
    p.write.set(write);
    p.initialized.set(true);
    dump_obj(vm, po, p, a[1])
}

/// `dumps(obj, protocol=None, *, fix_imports=True, buffer_callback=None)`.
pub(super) fn dumps(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = stdobj::state_type(vm, "_pickle.Pickler");
    let po = stdobj::new_obj(ty, Pickler::empty());
    let p = this(vm, po)?;
    configure(vm, p, a[2], a[3], a[4])?;
    p.initialized.set(true);
    dump_obj(vm, po, p, a[1])?;
    let data = std::mem::take(&mut *p.sink.borrow_mut());
    Ok(bytes::new_bytes(vm, data))
}

// ---- output ----

impl Pickler {
    fn w(&self, data: &[u8]) {
        self.out.borrow_mut().extend_from_slice(data)
    }

    /// Moves the current frame (with its FRAME header when it has 4 bytes or more) or the
    /// unframed output into `sink`, CPython's output buffer.
    fn move_out(&self) {
        let data = std::mem::take(&mut *self.out.borrow_mut());
        if data.is_empty() {
            return;
        }
        let mut sink = self.sink.borrow_mut();
        if self.framing.get() && data.len() >= FRAME_SIZE_MIN {
            sink.push(b'\x95');
            sink.extend_from_slice(&(data.len() as u64).to_le_bytes());
        }
        sink.extend_from_slice(&data);
    }

    /// Hands the output buffer to `file.write` in one call (`dumps` keeps it).
    fn flush(&self, vm: &mut Vm) -> PyResult<()> {
        let write = self.write.get();
        if write.is_null() {
            return Ok(());
        }
        let data = std::mem::take(&mut *self.sink.borrow_mut());
        if data.is_empty() {
            return Ok(());
        }
        let b = bytes::new_bytes(vm, data);
        ops::call::call(vm, write, &[b])?;
        Ok(())
    }

    /// At each object: a frame that reached the target size is ended and written out.
    fn commit_frame(&self, vm: &mut Vm) -> PyResult<()> {
        if self.framing.get() && self.out.borrow().len() >= FRAME_SIZE_TARGET {
            self.move_out();
            self.flush(vm)?;
        }
        Ok(())
    }

    /// A big bytes/str payload: after the frame in progress, outside any frame, and handed
    /// to the file in a call of its own (as CPython's C pickler).
    fn write_large(&self, vm: &mut Vm, header: Vec<u8>, payload: &[u8]) -> PyResult<()> {
        self.move_out();
        self.sink.borrow_mut().extend_from_slice(&header);
        if self.write.get().is_null() {
            self.sink.borrow_mut().extend_from_slice(payload);
            return Ok(());
        }
        self.flush(vm)?;
        let b = bytes::new_bytes(vm, payload.to_vec());
        ops::call::call(vm, self.write.get(), &[b])?;
        Ok(())
    }

    fn put_code(&self, idx: u32) -> Vec<u8> {
        if self.proto.get() >= 4 {
            vec![b'\x94']
        } else if self.bin() {
            if idx < 256 {
                vec![b'q', idx as u8]
            } else {
                let mut v = vec![b'r'];
                v.extend_from_slice(&idx.to_le_bytes());
                v
            }
        } else {
            format!("p{idx}\n").into_bytes()
        }
    }

    fn get_code(&self, idx: u32) -> Vec<u8> {
        if self.bin() {
            if idx < 256 {
                vec![b'h', idx as u8]
            } else {
                let mut v = vec![b'j'];
                v.extend_from_slice(&idx.to_le_bytes());
                v
            }
        } else {
            format!("g{idx}\n").into_bytes()
        }
    }

    fn memoize(&self, obj: Value) {
        if self.fast.get() {
            return;
        }
        let idx = self.memo.borrow().len() as u32;
        let code = self.put_code(idx);
        self.w(&code);
        self.memo.borrow_mut().insert(obj.bits(), (idx, obj));
    }

    fn memo_index(&self, obj: Value) -> Option<u32> {
        self.memo.borrow().get(&obj.bits()).map(|e| e.0)
    }
}

fn dump_obj(vm: &mut Vm, po: Value, p: &Pickler, obj: Value) -> PyResult {
    // The hooks, looked up once per dump.
    let pid = p.persistent_id.get();
    let pid = if pid.is_null() {
        let name = vm.intern("persistent_id");
        ops::attr::getattr_opt(vm, po, name)?.unwrap_or(Value::NULL)
    } else {
        pid
    };
    p.pid_fn.set(pid);
    let name = vm.intern("reducer_override");
    let ro = ops::attr::getattr_opt(vm, po, name)?.unwrap_or(Value::NULL);
    p.override_fn.set(ro);
    let table = p.dispatch_table.get();
    let table = if table.is_null() {
        let name = vm.intern("dispatch_table");
        match ops::attr::getattr_opt(vm, po, name)? {
            Some(t) => t,
            None => {
                let copyreg = super::import_system::import_module(vm, "copyreg")?;
                ops::attr::getattr_str(vm, copyreg, "dispatch_table")?
            }
        }
    } else {
        table
    };
    p.table.set(table);
    p.out.borrow_mut().clear();
    p.framing.set(false);
    let r = dump_body(vm, po, p, obj);
    p.framing.set(false);
    p.pid_fn.set(Value::NULL);
    p.override_fn.set(Value::NULL);
    p.table.set(Value::NULL);
    if r.is_err() {
        p.out.borrow_mut().clear();
        if !p.write.get().is_null() {
            p.sink.borrow_mut().clear();
        }
    }
    r.map(|_| Value::NONE)
}

fn dump_body(vm: &mut Vm, po: Value, p: &Pickler, obj: Value) -> PyResult<()> {
    let proto = p.proto.get();
    if proto >= 2 {
        p.w(&[b'\x80', proto]);
    }
    // The PROTO opcode goes before the first frame.
    p.move_out();
    p.framing.set(proto >= 4);
    save(vm, po, p, obj, true)?;
    p.w(b".");
    p.move_out();
    p.framing.set(false);
    p.flush(vm)
}

/// Pickles one object. Each level counts towards the recursion limit, as in CPython's C
/// pickler: deeply nested (or self-referencing through `__reduce__`) objects raise
/// RecursionError after about `sys.getrecursionlimit()` levels instead of recursing until
/// the native stack runs out (which took seconds).
fn save(vm: &mut Vm, po: Value, p: &Pickler, obj: Value, save_pid: bool) -> PyResult<()> {
    vm.enter_recursive(" while pickling an object")?;
    let r = save_one(vm, po, p, obj, save_pid);
    vm.leave_native();
    r
}

/// A call of a reduction hook (`__reduce_ex__`, `__reduce__`, a dispatch-table function),
/// counted as CPython counts a call of a C-level callable: at the deepest level it is the
/// call that trips the limit, with CPython's message.
fn call_hook(vm: &mut Vm, f: Value, args: &[Value]) -> PyResult {
    vm.enter_recursive(" while calling a Python object")?;
    let r = ops::call::call(vm, f, args);
    vm.leave_native();
    r
}

fn save_one(vm: &mut Vm, po: Value, p: &Pickler, obj: Value, save_pid: bool) -> PyResult<()> {
    p.commit_frame(vm)?;
    let pid_fn = p.pid_fn.get();
    if save_pid && !pid_fn.is_null() {
        let pid = ops::call::call(vm, pid_fn, &[obj])?;
        if !pid.is_none() {
            return save_pers(vm, po, p, pid);
        }
    }
    if let Some(i) = p.memo_index(obj) {
        let code = p.get_code(i);
        p.w(&code);
        return Ok(());
    }
    let ro = p.override_fn.get();
    let mut rv = Value::NOT_IMPLEMENTED;
    let mut reducer = Value::NONE;
    if !ro.is_null() {
        rv = ops::call::call(vm, ro, &[obj])?;
        reducer = ro;
    }
    if rv == Value::NOT_IMPLEMENTED {
        if save_exact(vm, po, p, obj)? {
            return Ok(());
        }
        let t = vm.type_of(obj);
        let table = p.table.get();
        let found = if table.is::<crate::types::dict::DictObj>() {
            dict::get_item(vm, table, t)?
        } else {
            let get = ops::attr::getattr_str(vm, table, "get")?;
            let r = ops::call::call(vm, get, &[t])?;
            (!r.is_none()).then_some(r)
        };
        if let Some(f) = found {
            rv = call_hook(vm, f, &[obj])?;
            reducer = f;
        } else if crate::types::typeobj::is_subtype(t, vm.types.type_) {
            return save_global(vm, po, p, obj, Value::NULL);
        } else {
            let name = vm.intern("__reduce_ex__");
            if let Some(f) = ops::attr::getattr_opt(vm, obj, name)? {
                let pv = Value::small(p.proto.get() as i64);
                rv = call_hook(vm, f, &[pv])?;
                reducer = f;
            } else {
                let name = vm.intern("__reduce__");
                match ops::attr::getattr_opt(vm, obj, name)? {
                    Some(f) => {
                        rv = call_hook(vm, f, &[])?;
                        reducer = f;
                    }
                    None => {
                        let tn = crate::types::typeobj::type_name(t);
                        let r = ops::repr::repr_string(vm, obj)?;
                        return Err(pickling_error(
                            vm,
                            &format!("Can't pickle '{tn}' object: {r}"),
                        ));
                    }
                }
            }
        }
    }
    if crate::types::str::as_str(rv).is_some() {
        return save_global(vm, po, p, obj, rv);
    }
    let _ = reducer;
    let Some(items) = tuple::items(rv).map(|t| t.to_vec()) else {
        return Err(pickling_error(
            vm,
            "__reduce__ must return a string or tuple",
        ));
    };
    if !(2..=6).contains(&items.len()) {
        return Err(pickling_error(
            vm,
            "tuple returned by __reduce__ must contain 2 through 6 elements",
        ));
    }
    let get = |i: usize| items.get(i).copied().unwrap_or(Value::NONE);
    save_reduce(
        vm,
        po,
        p,
        [get(0), get(1), get(2), get(3), get(4), get(5)],
        obj,
    )
}

/// The exact builtin types `pickle.py`'s dispatch table handles; false for anything else.
fn save_exact(vm: &mut Vm, po: Value, p: &Pickler, obj: Value) -> PyResult<bool> {
    let t = vm.type_of(obj);
    let ty = &vm.types;
    if obj.is_none() {
        p.w(b"N");
    } else if t == ty.bool_ {
        let b = obj == Value::TRUE;
        if p.proto.get() >= 2 {
            p.w(if b { b"\x88" } else { b"\x89" });
        } else {
            p.w(if b { b"I01\n" } else { b"I00\n" });
        }
    } else if t == ty.int {
        save_long(vm, p, obj);
    } else if t == ty.float {
        let f = crate::types::float::as_f64(obj).unwrap_or(0.0);
        if p.bin() {
            p.w(b"G");
            p.w(&f.to_be_bytes());
        } else {
            let r = ops::repr::repr_string(vm, obj)?;
            p.w(format!("F{r}\n").as_bytes());
        }
    } else if t == ty.str_ {
        save_str(vm, p, obj)?;
    } else if t == ty.bytes {
        save_bytes(vm, po, p, obj)?;
    } else if t == ty.bytearray {
        save_bytearray(vm, po, p, obj)?;
    } else if t == ty.tuple {
        save_tuple(vm, po, p, obj)?;
    } else if t == ty.list {
        p.w(if p.bin() { b"]" } else { b"(l" });
        p.memoize(obj);
        let items = list_items(obj);
        batch_appends(vm, po, p, items)?;
    } else if t == ty.dict {
        p.w(if p.bin() { b"}" } else { b"(d" });
        p.memoize(obj);
        let items = dict::items(obj);
        batch_setitems(vm, po, p, items)?;
    } else if t == ty.set {
        save_set(vm, po, p, obj)?;
    } else if t == ty.frozenset {
        save_frozenset(vm, po, p, obj)?;
    } else if t == ty.function {
        save_global(vm, po, p, obj, Value::NULL)?;
    } else if t == ty.type_ {
        save_type(vm, po, p, obj)?;
    } else if stdobj::state_type(vm, "pickle.PickleBuffer") == t {
        save_picklebuffer(vm, po, p, obj)?;
    } else {
        return Ok(false);
    }
    Ok(true)
}

fn list_items(obj: Value) -> Vec<Value> {
    obj.downcast::<list::ListObj>()
        .map(|l| l.snapshot())
        .unwrap_or_default()
}

fn save_long(vm: &mut Vm, p: &Pickler, obj: Value) {
    let small = obj
        .as_small_int()
        .or_else(|| int::int_ref(obj).and_then(|i| i.to_i64()));
    if p.bin()
        && let Some(x) = small
    {
        if (0..=0xff).contains(&x) {
            p.w(&[b'K', x as u8]);
            return;
        }
        if (0..=0xffff).contains(&x) {
            p.w(b"M");
            p.w(&(x as u16).to_le_bytes());
            return;
        }
        if (-0x8000_0000..=0x7fff_ffff).contains(&x) {
            p.w(b"J");
            p.w(&(x as i32).to_le_bytes());
            return;
        }
    }
    let big = match int::int_ref(obj) {
        Some(i) => i.to_bigint(),
        None => num_bigint::BigInt::from(small.unwrap_or(0)),
    };
    if p.proto.get() >= 2 {
        let enc = if big == num_bigint::BigInt::from(0) {
            Vec::new()
        } else {
            big.to_signed_bytes_le()
        };
        let n = enc.len();
        if n < 256 {
            p.w(&[b'\x8a', n as u8]);
        } else {
            p.w(b"\x8b");
            p.w(&(n as i32).to_le_bytes());
        }
        p.w(&enc);
        let _ = vm;
        return;
    }
    let text = big.to_string();
    if small.is_some_and(|x| (-0x8000_0000..=0x7fff_ffff).contains(&x)) {
        p.w(format!("I{text}\n").as_bytes());
    } else {
        p.w(format!("L{text}L\n").as_bytes());
    }
}

fn save_str(vm: &mut Vm, p: &Pickler, obj: Value) -> PyResult<()> {
    let s = crate::types::str::as_str(obj).unwrap_or("");
    if p.bin() {
        let enc: Vec<u8> = if crate::types::str::has_stand_ins(s) {
            let e = vm.new_str("utf-8");
            let r = vm.new_str("surrogatepass");
            let f = ops::attr::getattr_str(vm, obj, "encode")?;
            let b = ops::call::call(vm, f, &[e, r])?;
            bytes::bytes_data(b).unwrap_or_default()
        } else {
            s.as_bytes().to_vec()
        };
        // SHORT_BINUNICODE / BINUNICODE / BINUNICODE8.
        let v4 = p.proto.get() >= 4;
        write_sized(vm, p, v4.then_some(0x8c), b'X', v4.then_some(0x8d), &enc)?;
    } else {
        let mut esc = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '\\' => esc.push_str("\\u005c"),
                '\0' => esc.push_str("\\u0000"),
                '\n' => esc.push_str("\\u000a"),
                '\r' => esc.push_str("\\u000d"),
                '\x1a' => esc.push_str("\\u001a"),
                c => esc.push(c),
            }
        }
        let sv = vm.new_string(esc);
        let codec = vm.new_str("raw-unicode-escape");
        let f = ops::attr::getattr_str(vm, sv, "encode")?;
        let b = ops::call::call(vm, f, &[codec])?;
        p.w(b"V");
        p.w(&bytes::bytes_data(b).unwrap_or_default());
        p.w(b"\n");
    }
    p.memoize(obj);
    Ok(())
}

fn save_bytes(vm: &mut Vm, po: Value, p: &Pickler, obj: Value) -> PyResult<()> {
    let data = bytes::bytes_data(obj).unwrap_or_default();
    if p.proto.get() < 3 {
        let bytes_ty = vm.types.bytes;
        if data.is_empty() {
            let args = tuple::new_tuple(vm, vec![]);
            return reduce2(vm, po, p, bytes_ty, args, obj);
        }
        let codecs = super::import_system::import_module(vm, "codecs")?;
        let encode = ops::attr::getattr_str(vm, codecs, "encode")?;
        let text: String = data.iter().map(|&b| b as char).collect();
        let sv = vm.new_string(text);
        let latin = vm.intern("latin1");
        let args = tuple::new_tuple(vm, vec![sv, latin]);
        return reduce2(vm, po, p, encode, args, obj);
    }
    // SHORT_BINBYTES / BINBYTES / BINBYTES8.
    let v4 = p.proto.get() >= 4;
    write_sized(vm, p, Some(b'C'), b'B', v4.then_some(0x8e), &data)?;
    p.memoize(obj);
    Ok(())
}

/// Writes `data` after the opcode of its size class: `short` with a one-byte length (when
/// given and the data fits), `op8` with an eight-byte length (when given and the data needs
/// it), else `op4` with a four-byte length. Payloads of a frame's size or more go out
/// through `write_large` (outside the frame).
fn write_sized(
    vm: &mut Vm,
    p: &Pickler,
    short: Option<u8>,
    op4: u8,
    op8: Option<u8>,
    data: &[u8],
) -> PyResult<()> {
    let n = data.len();
    if let Some(op) = short
        && n <= 0xff
    {
        p.w(&[op, n as u8]);
        p.w(data);
        return Ok(());
    }
    let mut h = Vec::with_capacity(9);
    match op8 {
        Some(op) if n > 0xffff_ffff => {
            h.push(op);
            h.extend_from_slice(&(n as u64).to_le_bytes());
        }
        _ => {
            h.push(op4);
            h.extend_from_slice(&(n as u32).to_le_bytes());
        }
    }
    if n >= FRAME_SIZE_TARGET {
        p.write_large(vm, h, data)
    } else {
        p.w(&h);
        p.w(data);
        Ok(())
    }
}

fn save_bytearray(vm: &mut Vm, po: Value, p: &Pickler, obj: Value) -> PyResult<()> {
    let data = bytes::bytes_data(obj).unwrap_or_default();
    if p.proto.get() < 5 {
        let ba = vm.types.bytearray;
        let args = if data.is_empty() {
            tuple::new_tuple(vm, vec![])
        } else {
            let b = bytes::new_bytes(vm, data);
            tuple::new_tuple(vm, vec![b])
        };
        return reduce2(vm, po, p, ba, args, obj);
    }
    let n = data.len();
    let mut h = vec![b'\x96'];
    h.extend_from_slice(&(n as u64).to_le_bytes());
    if n >= FRAME_SIZE_TARGET {
        p.write_large(vm, h, &data)?;
    } else {
        p.w(&h);
        p.w(&data);
    }
    p.memoize(obj);
    Ok(())
}

fn save_picklebuffer(vm: &mut Vm, po: Value, p: &Pickler, obj: Value) -> PyResult<()> {
    if p.proto.get() < 5 {
        return Err(pickling_error(
            vm,
            "PickleBuffer can only pickled with protocol >= 5",
        ));
    }
    let raw = ops::attr::getattr_str(vm, obj, "raw")?;
    let m = match ops::call::call(vm, raw, &[]) {
        Ok(m) => m,
        Err(e) if vm.exc_matches(e, vm.exc.buffer_error) => {
            return Err(pickling_error(
                vm,
                "PickleBuffer can not be pickled when pointing to a non-contiguous buffer",
            ));
        }
        Err(e) => return Err(e),
    };
    let (readonly, data) = match m.downcast::<crate::types::memoryview::MemoryViewObj>() {
        Some(mv) => (mv.readonly, mv.data()),
        None => (true, Vec::new()),
    };
    let cb = p.buffer_callback.get();
    let in_band = if cb.is_null() {
        true
    } else {
        let r = ops::call::call(vm, cb, &[obj])?;
        ops::truth::is_true(vm, r)?
    };
    if in_band {
        if readonly {
            let b = bytes::new_bytes(vm, data);
            save_bytes(vm, po, p, b)
        } else {
            let b = bytes::new_bytearray(vm, data);
            save_bytearray(vm, po, p, b)
        }
    } else {
        p.w(b"\x97");
        if readonly {
            p.w(b"\x98");
        }
        Ok(())
    }
}

fn save_tuple(vm: &mut Vm, po: Value, p: &Pickler, obj: Value) -> PyResult<()> {
    let items = tuple::items(obj).map(|t| t.to_vec()).unwrap_or_default();
    let n = items.len();
    if n == 0 {
        p.w(if p.bin() { b")" } else { b"(t" });
        return Ok(());
    }
    if n <= 3 && p.proto.get() >= 2 {
        for x in &items {
            save(vm, po, p, *x, true)?;
        }
        if let Some(i) = p.memo_index(obj) {
            let get = p.get_code(i);
            p.w(&b"0".repeat(n));
            p.w(&get);
        } else {
            p.w(&[b'\x84' + n as u8]);
            p.memoize(obj);
        }
        return Ok(());
    }
    p.w(b"(");
    for x in &items {
        save(vm, po, p, *x, true)?;
    }
    if let Some(i) = p.memo_index(obj) {
        let get = p.get_code(i);
        if p.bin() {
            p.w(b"1");
        } else {
            p.w(&b"0".repeat(n + 1));
        }
        p.w(&get);
        return Ok(());
    }
    p.w(b"t");
    p.memoize(obj);
    Ok(())
}

/// Writes items as `_batch_appends`/`_batch_setitems` do: one APPEND/SETITEM (`one`) per
/// item in protocol 0, else MARK + up to `BATCHSIZE` items + APPENDS/SETITEMS (`many`), a lone
/// item taking `one`. `next` yields the items (a snapshot or an iterator), `save_item` writes
/// one (a value, or a key and a value).
fn write_batches<T>(
    vm: &mut Vm,
    p: &Pickler,
    (one, many): (&[u8], &[u8]),
    next: &mut dyn FnMut(&mut Vm) -> PyResult<Option<T>>,
    save_item: &dyn Fn(&mut Vm, T) -> PyResult<()>,
) -> PyResult<()> {
    if !p.bin() {
        while let Some(x) = next(vm)? {
            save_item(vm, x)?;
            p.w(one);
        }
        return Ok(());
    }
    loop {
        let mut batch = Vec::new();
        while batch.len() < BATCHSIZE {
            match next(vm)? {
                Some(x) => batch.push(x),
                None => break,
            }
        }
        let n = batch.len();
        if n > 1 {
            p.w(b"(");
            for x in batch {
                save_item(vm, x)?;
            }
            p.w(many);
        } else if let Some(x) = batch.pop() {
            save_item(vm, x)?;
            p.w(one);
        }
        if n < BATCHSIZE {
            return Ok(());
        }
    }
}

const APPENDS: (&[u8], &[u8]) = (b"a", b"e");
const SETITEMS: (&[u8], &[u8]) = (b"s", b"u");

/// A list's items (a snapshot).
fn batch_appends(vm: &mut Vm, po: Value, p: &Pickler, items: Vec<Value>) -> PyResult<()> {
    let mut items = items.into_iter();
    let save_one = |vm: &mut Vm, x: Value| save(vm, po, p, x, true);
    write_batches(vm, p, APPENDS, &mut |_| Ok(items.next()), &save_one)
}

/// The items an iterator yields (`__reduce__`'s listitems).
fn batch_appends_iter(vm: &mut Vm, po: Value, p: &Pickler, it: Value) -> PyResult<()> {
    let save_one = |vm: &mut Vm, x: Value| save(vm, po, p, x, true);
    write_batches(vm, p, APPENDS, &mut |vm| ops::iter::next(vm, it), &save_one)
}

/// A dict's items (a snapshot).
fn batch_setitems(vm: &mut Vm, po: Value, p: &Pickler, items: Vec<(Value, Value)>) -> PyResult<()> {
    let mut items = items.into_iter();
    let save_pair = |vm: &mut Vm, (k, v): (Value, Value)| {
        save(vm, po, p, k, true)?;
        save(vm, po, p, v, true)
    };
    write_batches(vm, p, SETITEMS, &mut |_| Ok(items.next()), &save_pair)
}

/// The (key, value) pairs an iterator yields (`__reduce__`'s dictitems).
fn batch_setitems_iter(vm: &mut Vm, po: Value, p: &Pickler, it: Value) -> PyResult<()> {
    let save_pair = |vm: &mut Vm, kv: Value| {
        let (k, v) = pair(vm, kv)?;
        save(vm, po, p, k, true)?;
        save(vm, po, p, v, true)
    };
    write_batches(
        vm,
        p,
        SETITEMS,
        &mut |vm| ops::iter::next(vm, it),
        &save_pair,
    )
}

fn pair(vm: &mut Vm, kv: Value) -> PyResult<(Value, Value)> {
    if let Some(&[k, v]) = tuple::items(kv) {
        return Ok((k, v));
    }
    let items = ops::iter::collect(vm, kv)?;
    match items.as_slice() {
        [k, v] => Ok((*k, *v)),
        _ => Err(vm.value_error(format!(
            "{} values to unpack (expected 2)",
            if items.len() < 2 {
                "not enough"
            } else {
                "too many"
            }
        ))),
    }
}

fn save_set(vm: &mut Vm, po: Value, p: &Pickler, obj: Value) -> PyResult<()> {
    let items = ops::iter::collect(vm, obj)?;
    if p.proto.get() < 4 {
        let l = list::new_list(vm, items);
        let args = tuple::new_tuple(vm, vec![l]);
        let set_ty = vm.types.set;
        return reduce2(vm, po, p, set_ty, args, obj);
    }
    p.w(b"\x8f");
    p.memoize(obj);
    for chunk in items.chunks(BATCHSIZE) {
        p.w(b"(");
        for x in chunk {
            save(vm, po, p, *x, true)?;
        }
        p.w(b"\x90");
    }
    Ok(())
}

fn save_frozenset(vm: &mut Vm, po: Value, p: &Pickler, obj: Value) -> PyResult<()> {
    let items = ops::iter::collect(vm, obj)?;
    if p.proto.get() < 4 {
        let l = list::new_list(vm, items);
        let args = tuple::new_tuple(vm, vec![l]);
        let ty = vm.types.frozenset;
        return reduce2(vm, po, p, ty, args, obj);
    }
    p.w(b"(");
    for x in items {
        save(vm, po, p, x, true)?;
    }
    if let Some(i) = p.memo_index(obj) {
        let get = p.get_code(i);
        p.w(b"1");
        p.w(&get);
        return Ok(());
    }
    p.w(b"\x91");
    p.memoize(obj);
    Ok(())
}

fn save_type(vm: &mut Vm, po: Value, p: &Pickler, obj: Value) -> PyResult<()> {
    let t = &vm.types;
    let arg = if obj == t.none {
        Some(Value::NONE)
    } else if obj == t.not_implemented {
        Some(Value::NOT_IMPLEMENTED)
    } else if obj == t.ellipsis {
        Some(Value::ELLIPSIS)
    } else {
        None
    };
    if let Some(x) = arg {
        let args = tuple::new_tuple(vm, vec![x]);
        let ty = vm.types.type_;
        return reduce2(vm, po, p, ty, args, obj);
    }
    save_global(vm, po, p, obj, Value::NULL)
}

fn save_pers(vm: &mut Vm, po: Value, p: &Pickler, pid: Value) -> PyResult<()> {
    if p.bin() {
        save(vm, po, p, pid, false)?;
        p.w(b"Q");
        return Ok(());
    }
    let s = ops::repr::str_string(vm, pid)?;
    if !s.is_ascii() {
        return Err(pickling_error(
            vm,
            "persistent IDs in protocol 0 must be ASCII strings",
        ));
    }
    p.w(b"P");
    p.w(s.as_bytes());
    p.w(b"\n");
    Ok(())
}

/// `save_reduce(func, args, obj=obj)` without state or items.
fn reduce2(
    vm: &mut Vm,
    po: Value,
    p: &Pickler,
    func: Value,
    args: Value,
    obj: Value,
) -> PyResult<()> {
    let none = Value::NONE;
    save_reduce(vm, po, p, [func, args, none, none, none, none], obj)
}

fn save_reduce(vm: &mut Vm, po: Value, p: &Pickler, rv: [Value; 6], obj: Value) -> PyResult<()> {
    let [mut func, args, state, listitems, dictitems, state_setter] = rv;
    // The checks and messages of CPython's C pickler.
    if !ops::call::is_callable(vm, func) {
        return Err(pickling_error(
            vm,
            "first item of the tuple returned by __reduce__ must be callable",
        ));
    }
    let Some(mut argv) = tuple::items(args).map(|t| t.to_vec()) else {
        return Err(pickling_error(
            vm,
            "second item of the tuple returned by __reduce__ must be a tuple",
        ));
    };
    let proto = p.proto.get();
    let name = vm.intern("__name__");
    let fname = ops::attr::getattr_opt(vm, func, name)?
        .and_then(crate::types::str::as_str)
        .unwrap_or("")
        .to_string();
    let class_of = |vm: &mut Vm| -> PyResult {
        if obj.is_null() {
            Ok(Value::NULL)
        } else {
            ops::attr::getattr_str(vm, obj, "__class__")
        }
    };
    if proto >= 2 && fname == "__newobj_ex__" {
        let [cls, a, kw] = <[Value; 3]>::try_from(argv.as_slice()).map_err(|_| {
            vm.value_error(format!(
                "{} values to unpack (expected 3)",
                if argv.len() < 3 {
                    "not enough"
                } else {
                    "too many"
                }
            ))
        })?;
        let newn = vm.intern("__new__");
        if ops::attr::getattr_opt(vm, cls, newn)?.is_none() {
            return Err(pickling_error(
                vm,
                "args[0] from __newobj_ex__ args has no __new__",
            ));
        }
        if !obj.is_null() && cls != class_of(vm)? {
            return Err(pickling_error(
                vm,
                "args[0] from __newobj_ex__ args has the wrong class",
            ));
        }
        if proto >= 4 {
            save(vm, po, p, cls, true)?;
            save(vm, po, p, a, true)?;
            save(vm, po, p, kw, true)?;
            p.w(b"\x92");
        } else {
            let functools = super::import_system::import_module(vm, "functools")?;
            let partial = ops::attr::getattr_str(vm, functools, "partial")?;
            let new = ops::attr::getattr(vm, cls, newn)?;
            let mut pargs = vec![new, cls];
            pargs.extend(ops::iter::collect(vm, a)?);
            let mut names = Vec::new();
            for (k, v) in dict::items(kw) {
                pargs.push(v);
                names.push(k);
            }
            let f = ops::call::call_kw(vm, partial, &pargs, &names)?;
            save(vm, po, p, f, true)?;
            let empty = tuple::new_tuple(vm, vec![]);
            save(vm, po, p, empty, true)?;
            p.w(b"R");
        }
    } else if proto >= 2 && fname == "__newobj__" {
        let Some(&cls) = argv.first() else {
            return Err(pickling_error(vm, "__newobj__ arglist is empty"));
        };
        if !cls.is::<crate::types::typeobj::TypeObject>() {
            return Err(pickling_error(
                vm,
                "args[0] from __newobj__ args is not a type",
            ));
        }
        let newn = vm.intern("__new__");
        if ops::attr::getattr_opt(vm, cls, newn)?.is_none() {
            return Err(pickling_error(
                vm,
                "args[0] from __newobj__ args has no __new__",
            ));
        }
        if !obj.is_null() && cls != class_of(vm)? {
            return Err(pickling_error(
                vm,
                "args[0] from __newobj__ args has the wrong class",
            ));
        }
        argv.remove(0);
        let rest = tuple::new_tuple(vm, argv);
        save(vm, po, p, cls, true)?;
        save(vm, po, p, rest, true)?;
        p.w(b"\x81");
    } else {
        save(vm, po, p, func, true)?;
        save(vm, po, p, args, true)?;
        p.w(b"R");
        func = Value::NONE;
    }
    let _ = func;
    if !obj.is_null() {
        if let Some(i) = p.memo_index(obj) {
            let get = p.get_code(i);
            p.w(b"0");
            p.w(&get);
        } else {
            p.memoize(obj);
        }
    }
    if !listitems.is_none() {
        let it = ops::iter::get_iter(vm, listitems)?;
        batch_appends_iter(vm, po, p, it)?;
    }
    if !dictitems.is_none() {
        let it = ops::iter::get_iter(vm, dictitems)?;
        batch_setitems_iter(vm, po, p, it)?;
    }
    if !state.is_none() {
        if state_setter.is_none() {
            save(vm, po, p, state, true)?;
            p.w(b"b");
        } else {
            save(vm, po, p, state_setter, true)?;
            save(vm, po, p, obj, true)?;
            save(vm, po, p, state, true)?;
            p.w(b"\x86R0");
        }
    }
    Ok(())
}

fn save_global(vm: &mut Vm, po: Value, p: &Pickler, obj: Value, name: Value) -> PyResult<()> {
    let mut name = name;
    if name.is_null() {
        let qn = vm.intern("__qualname__");
        name = match ops::attr::getattr_opt(vm, obj, qn)? {
            Some(n) if !n.is_none() => n,
            _ => ops::attr::getattr_str(vm, obj, "__name__")?,
        };
    }
    let nname = ops::repr::str_string(vm, name)?;
    // The checks and messages of CPython's C pickler.
    if nname.split('.').any(|part| part == "<locals>") {
        let r = ops::repr::repr_string(vm, name)?;
        return Err(vm.new_exc(
            vm.exc.attribute_error,
            format!("Can't pickle local object {r}"),
        ));
    }
    let whichmodule = pickle_attr(vm, "whichmodule")?;
    let module_name = ops::call::call(vm, whichmodule, &[obj, name])?;
    let mname = ops::repr::str_string(vm, module_name)?;
    let module = match super::import_system::import_module(vm, &mname) {
        Ok(m) => m,
        Err(e) if vm.exc_matches(e, vm.exc.import_error) => {
            let r = ops::repr::repr_string(vm, obj)?;
            let mr = ops::repr::repr_string(vm, module_name)?;
            return Err(pickling_error(
                vm,
                &format!("Can't pickle {r}: import of module {mr} failed"),
            ));
        }
        Err(e) => return Err(e),
    };
    let mut parent = module;
    let mut obj2 = module;
    for part in nname.split('.') {
        let pv = vm.new_str(part);
        match ops::attr::getattr(vm, obj2, pv) {
            Ok(v) => {
                parent = obj2;
                obj2 = v;
            }
            Err(e) if vm.exc_matches(e, vm.exc.attribute_error) => {
                let r = ops::repr::repr_string(vm, obj)?;
                return Err(pickling_error(
                    vm,
                    &format!("Can't pickle {r}: attribute lookup {nname} on {mname} failed"),
                ));
            }
            Err(e) => return Err(e),
        }
    }
    if obj2 != obj {
        let r = ops::repr::repr_string(vm, obj)?;
        return Err(pickling_error(
            vm,
            &format!("Can't pickle {r}: it's not the same object as {mname}.{nname}"),
        ));
    }
    let proto = p.proto.get();
    if proto >= 2 {
        let copyreg = super::import_system::import_module(vm, "copyreg")?;
        let reg = ops::attr::getattr_str(vm, copyreg, "_extension_registry")?;
        let key = tuple::new_tuple(vm, vec![module_name, name]);
        if let Some(code) = dict::get_item(vm, reg, key)? {
            let code = ops::number::index_i64(vm, code)?;
            if code > 0 {
                if code <= 0xff {
                    p.w(&[b'\x82', code as u8]);
                } else if code <= 0xffff {
                    p.w(b"\x83");
                    p.w(&(code as u16).to_le_bytes());
                } else {
                    p.w(b"\x84");
                    p.w(&(code as i32).to_le_bytes());
                }
                return Ok(());
            }
        }
    }
    let lastname = nname.rsplit('.').next().unwrap_or(&nname).to_string();
    let mut nname = nname;
    if parent == module {
        nname = lastname.clone();
    }
    if proto >= 4 {
        // The very objects where possible (so repeated names are memoized).
        let mv = if crate::types::str::as_str(module_name).is_some() {
            module_name
        } else {
            vm.new_str(&mname)
        };
        let nv = if crate::types::str::as_str(name) == Some(nname.as_str()) {
            name
        } else {
            vm.new_str(&nname)
        };
        save(vm, po, p, mv, true)?;
        save(vm, po, p, nv, true)?;
        p.w(b"\x93");
    } else if parent != module {
        let getattr = dict::get_str(vm.builtins_dict, "getattr").unwrap_or(Value::NONE);
        let ln = vm.new_str(&lastname);
        let args = tuple::new_tuple(vm, vec![parent, ln]);
        reduce2(vm, po, p, getattr, args, Value::NULL)?;
    } else if proto >= 3 {
        p.w(format!("c{mname}\n{nname}\n").as_bytes());
    } else {
        let (mut mname, mut nname) = (mname, nname);
        if p.fix_imports.get() {
            let compat = super::import_system::import_module(vm, "_compat_pickle")?;
            let rnm = ops::attr::getattr_str(vm, compat, "REVERSE_NAME_MAPPING")?;
            let rim = ops::attr::getattr_str(vm, compat, "REVERSE_IMPORT_MAPPING")?;
            let mv = vm.new_str(&mname);
            let nv = vm.new_str(&nname);
            let key = tuple::new_tuple(vm, vec![mv, nv]);
            if let Some(r) = dict::get_item(vm, rnm, key)? {
                if let Some(&[m, n]) = tuple::items(r) {
                    mname = ops::repr::str_string(vm, m)?;
                    nname = ops::repr::str_string(vm, n)?;
                }
            } else if let Some(m) = dict::get_item(vm, rim, mv)? {
                mname = ops::repr::str_string(vm, m)?;
            }
        }
        if !mname.is_ascii() || !nname.is_ascii() {
            return Err(pickling_error(
                vm,
                &format!(
                    "can't pickle global identifier '{mname}.{nname}' using pickle protocol {proto}"
                ),
            ));
        }
        p.w(format!("c{mname}\n{nname}\n").as_bytes());
    }
    p.memoize(obj);
    Ok(())
}
