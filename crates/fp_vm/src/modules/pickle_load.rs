//! `_pickle.Unpickler`, `load` and `loads`: the pickle virtual machine in Rust, reading every
//! opcode of protocols 0 to 5 with the C unpickler's behaviour (its errors are
//! `UnpicklingError`s — "pickle data was truncated", "unpickling stack underflow", "could not
//! find MARK" — and a missing opcode at the start of a pickle is `EOFError("Ran out of
//! input")`).
//!
//! `loads` parses its bytes in place; a file is read with exactly the `read(n)`/`readline()`
//! calls the data needs (a protocol 4 frame in one `read`), so several pickles can follow each
//! other in one file. The memo survives `load()` calls, as in CPython. Globals are resolved by
//! `find_class` (looked up on the object, so subclasses can override it) with `_compat_pickle`'s
//! renames for protocols < 3, persistent ids by a `persistent_load` attribute.

use super::pickle_::IdMap;
use super::stdobj::{self, StdData, visit_all};
use crate::native::NativeDef;
use crate::ops;
use crate::types::{bytes, dict, int, list, tuple};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::{Cell, RefCell};

const HIGHEST_PROTOCOL: u8 = 5;

pub(super) struct Unpickler {
    initialized: Cell<bool>,
    /// The file's bound `read`/`readline` (NULL for `loads`).
    read: Cell<Value>,
    readline: Cell<Value>,
    /// Bytes in hand: all of `loads`' data, or the current frame of a file.
    input: RefCell<Vec<u8>>,
    pos: Cell<usize>,
    stack: RefCell<Vec<Value>>,
    /// Stack heights at each MARK.
    marks: RefCell<Vec<usize>>,
    memo: RefCell<IdMap<Value>>,
    proto: Cell<u8>,
    fix_imports: Cell<bool>,
    encoding: RefCell<String>,
    errors: RefCell<String>,
    /// Iterator over the out-of-band buffers (NULL: none given).
    buffers: Cell<Value>,
}

impl StdData for Unpickler {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        visit_all(
            &[self.read.get(), self.readline.get(), self.buffers.get()],
            visit,
        );
        visit_all(&self.stack.borrow(), visit);
        for v in self.memo.borrow().values() {
            if v.is_ptr() {
                visit(*v)
            }
        }
    }
}

impl Unpickler {
    fn empty() -> Unpickler {
        Unpickler {
            initialized: Cell::new(false),
            read: Cell::new(Value::NULL),
            readline: Cell::new(Value::NULL),
            input: RefCell::new(Vec::new()),
            pos: Cell::new(0),
            stack: RefCell::new(Vec::new()),
            marks: RefCell::new(Vec::new()),
            memo: RefCell::new(IdMap::default()),
            proto: Cell::new(0),
            fix_imports: Cell::new(true),
            encoding: RefCell::new("ASCII".into()),
            errors: RefCell::new("strict".into()),
            buffers: Cell::new(Value::NULL),
        }
    }
}

pub static UNPICKLER_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", unpickler_new),
    native!(
        "__init__",
        "($self, /, file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())",
        unpickler_init
    ),
    native!("load", "($self, /)", unpickler_load),
    native!(
        "find_class",
        "($self, module_name, global_name, /)",
        find_class
    ),
    native!("__sizeof__", "($self, /)", unpickler_sizeof),
];

pub static UNPICKLER_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[(
    native!("memo", "($self, /)", memo_get),
    Some(native!("memo", "($self, value, /)", memo_set)),
)];

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static Unpickler> {
    stdobj::expect::<Unpickler>(vm, v, "_pickle.Unpickler")
}

/// `pickle.UnpicklingError(msg)`.
fn unpickling_error(vm: &mut Vm, msg: &str) -> Exc {
    let cls = match super::import_system::import_module(vm, "pickle")
        .and_then(|m| ops::attr::getattr_str(vm, m, "UnpicklingError"))
    {
        Ok(c) => c,
        Err(e) => return e,
    };
    vm.new_exc(cls, msg)
}

fn truncated(vm: &mut Vm) -> Exc {
    unpickling_error(vm, "pickle data was truncated")
}

fn unpickler_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(stdobj::new_obj(a[0], Unpickler::empty()))
}

/// Options shared by `Unpickler()`, `load` and `loads`.
fn configure(
    vm: &mut Vm,
    u: &Unpickler,
    fix_imports: Value,
    encoding: Value,
    errors: Value,
    buffers: Value,
) -> PyResult<()> {
    let fix = fix_imports.is_null() || ops::truth::is_true(vm, fix_imports)?;
    let text = |vm: &mut Vm, v: Value, name: &str, default: &str| -> PyResult<String> {
        if v.is_null() {
            return Ok(default.to_string());
        }
        match crate::types::str::as_str(v) {
            Some(s) => Ok(s.to_string()),
            None => Err(vm.type_error(format!(
                "Unpickler() argument '{name}' must be str, not {}",
                vm.type_name(v)
            ))),
        }
    };
    let enc = text(vm, encoding, "encoding", "ASCII")?;
    let err = text(vm, errors, "errors", "strict")?;
    let bufs = if buffers.is_null() || buffers.is_none() {
        Value::NULL
    } else {
        ops::iter::get_iter(vm, buffers)?
    };
    u.fix_imports.set(fix);
    *u.encoding.borrow_mut() = enc;
    *u.errors.borrow_mut() = err;
    u.buffers.set(bufs);
    u.proto.set(0);
    Ok(())
}

fn unpickler_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let u = this(vm, a[0])?;
    let file = a[1];
    let read = {
        let n = vm.intern("read");
        ops::attr::getattr_opt(vm, file, n)
    }?;
    let readline = {
        let n = vm.intern("readline");
        ops::attr::getattr_opt(vm, file, n)
    }?;
    let (Some(read), Some(readline)) = (read, readline) else {
        return Err(vm.type_error("file must have 'read' and 'readline' attributes"));
    };
    configure(vm, u, a[2], a[3], a[4], a[5])?;
    u.read.set(read);
    u.readline.set(readline);
    u.input.borrow_mut().clear();
    u.pos.set(0);
    u.memo.borrow_mut().clear();
    u.initialized.set(true);
    Ok(Value::NONE)
}

fn unpickler_load(vm: &mut Vm, a: &[Value]) -> PyResult {
    let u = this(vm, a[0])?;
    if !u.initialized.get() {
        let tn = vm.type_name(a[0]);
        return Err(unpickling_error(
            vm,
            &format!("Unpickler.__init__() was not called by {tn}.__init__()"),
        ));
    }
    run(vm, a[0], u)
}

fn unpickler_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let u = this(vm, a[0])?;
    let n = 64 + u.memo.borrow().len() * 8 + u.stack.borrow().len() * 8;
    Ok(int::from_usize(vm, n))
}

/// `memo`: a dict copy of the memo (CPython returns a proxy; copying it is what assignment
/// between unpicklers does with it anyway).
fn memo_get(vm: &mut Vm, a: &[Value]) -> PyResult {
    let u = this(vm, a[0])?;
    let mut entries: Vec<(u64, Value)> = u.memo.borrow().iter().map(|(k, v)| (*k, *v)).collect();
    entries.sort_by_key(|e| e.0);
    let d = dict::new_dict(vm);
    for (k, v) in entries {
        let kv = int::from_u64(vm, k);
        dict::set_item(vm, d, kv, v)?;
    }
    Ok(d)
}

fn memo_set(vm: &mut Vm, a: &[Value]) -> PyResult {
    let u = this(vm, a[0])?;
    let v = a[1];
    if v.is_null() {
        return Err(vm.type_error("attribute deletion is not supported"));
    }
    if !v.is::<crate::types::dict::DictObj>() {
        return Err(vm.type_error(format!(
            "'memo' attribute must be an UnpicklerMemoProxy object or dict, not {}",
            vm.type_name(v)
        )));
    }
    let mut new = IdMap::default();
    for (k, val) in dict::items(v) {
        let idx = if int::is_int(k) {
            int::int_ref(k).and_then(|i| i.to_i64())
        } else {
            None
        };
        match idx {
            Some(i) if i >= 0 => {
                new.insert(i as u64, val);
            }
            _ => return Err(vm.value_error("memo key must be positive integers.")),
        }
    }
    *u.memo.borrow_mut() = new;
    Ok(Value::NONE)
}

// ---- module functions ----

/// `load(file, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())`.
pub(super) fn load(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = stdobj::state_type(vm, "_pickle.Unpickler");
    let u = ops::call::call(vm, ty, &[a[1]])?;
    let st = this(vm, u)?;
    configure(vm, st, a[2], a[3], a[4], a[5])?;
    run(vm, u, st)
}

/// `loads(data, /, *, fix_imports=True, encoding='ASCII', errors='strict', buffers=())`.
pub(super) fn loads(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = a[1];
    if crate::types::str::as_str(data).is_some() {
        return Err(vm.type_error("a bytes-like object is required, not 'str'"));
    }
    let Some(bytes_in) = bytes::bytes_data(data) else {
        return Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(data)
        )));
    };
    let ty = stdobj::state_type(vm, "_pickle.Unpickler");
    let u = stdobj::new_obj(ty, Unpickler::empty());
    let st = this(vm, u)?;
    configure(vm, st, a[2], a[3], a[4], a[5])?;
    *st.input.borrow_mut() = bytes_in;
    st.initialized.set(true);
    run(vm, u, st)
}

// ---- reading ----

impl Unpickler {
    /// `n` bytes, or None when the data ends first.
    fn read_opt(&self, vm: &mut Vm, n: usize) -> PyResult<Option<Vec<u8>>> {
        {
            let input = self.input.borrow();
            let pos = self.pos.get();
            if input.len() - pos >= n {
                let out = input[pos..pos + n].to_vec();
                self.pos.set(pos + n);
                return Ok(Some(out));
            }
        }
        let read = self.read.get();
        if read.is_null() {
            return Ok(None);
        }
        let mut out = self.take_rest();
        let need = n - out.len();
        let nv = int::from_usize(vm, need);
        let data = ops::call::call(vm, read, &[nv])?;
        let Some(got) = bytes::bytes_data(data) else {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(data)
            )));
        };
        if got.len() < need {
            return Ok(None);
        }
        out.extend_from_slice(&got[..need]);
        Ok(Some(out))
    }

    /// The unread bytes in hand (emptying the buffer).
    fn take_rest(&self) -> Vec<u8> {
        let mut input = self.input.borrow_mut();
        let rest = input[self.pos.get()..].to_vec();
        input.clear();
        self.pos.set(0);
        rest
    }

    fn read(&self, vm: &mut Vm, n: usize) -> PyResult<Vec<u8>> {
        match self.read_opt(vm, n)? {
            Some(b) => Ok(b),
            None => Err(truncated(vm)),
        }
    }

    /// `N` bytes without allocating when they are in hand (the common case).
    fn read_array<const N: usize>(&self, vm: &mut Vm) -> PyResult<Option<[u8; N]>> {
        {
            let input = self.input.borrow();
            let pos = self.pos.get();
            if let Some(b) = input.get(pos..pos + N) {
                let mut out = [0u8; N];
                out.copy_from_slice(b);
                self.pos.set(pos + N);
                return Ok(Some(out));
            }
        }
        Ok(self.read_opt(vm, N)?.map(|v| {
            let mut out = [0u8; N];
            out.copy_from_slice(&v);
            out
        }))
    }

    fn read_fixed<const N: usize>(&self, vm: &mut Vm) -> PyResult<[u8; N]> {
        match self.read_array::<N>(vm)? {
            Some(b) => Ok(b),
            None => Err(truncated(vm)),
        }
    }

    fn read_byte(&self, vm: &mut Vm) -> PyResult<u8> {
        Ok(self.read_fixed::<1>(vm)?[0])
    }

    fn read_u32(&self, vm: &mut Vm) -> PyResult<u32> {
        Ok(u32::from_le_bytes(self.read_fixed::<4>(vm)?))
    }

    fn read_u64(&self, vm: &mut Vm) -> PyResult<u64> {
        Ok(u64::from_le_bytes(self.read_fixed::<8>(vm)?))
    }

    /// A line without its newline (which must be there).
    fn readline(&self, vm: &mut Vm) -> PyResult<Vec<u8>> {
        {
            let input = self.input.borrow();
            let pos = self.pos.get();
            if let Some(i) = input[pos..].iter().position(|&c| c == b'\n') {
                let out = input[pos..pos + i].to_vec();
                self.pos.set(pos + i + 1);
                return Ok(out);
            }
        }
        let readline = self.readline.get();
        if readline.is_null() {
            return Err(truncated(vm));
        }
        let mut out = self.take_rest();
        let line = ops::call::call(vm, readline, &[])?;
        let Some(got) = bytes::bytes_data(line) else {
            return Err(vm.type_error(format!(
                "a bytes-like object is required, not '{}'",
                vm.type_name(line)
            )));
        };
        out.extend_from_slice(&got);
        if out.last() != Some(&b'\n') {
            return Err(truncated(vm));
        }
        out.pop();
        Ok(out)
    }

    // ---- the stack ----

    fn fence(&self) -> usize {
        self.marks.borrow().last().copied().unwrap_or(0)
    }

    fn underflow(&self, vm: &mut Vm) -> Exc {
        let msg = if self.marks.borrow().is_empty() {
            "unpickling stack underflow"
        } else {
            "unexpected MARK found"
        };
        unpickling_error(vm, msg)
    }

    fn push(&self, v: Value) {
        self.stack.borrow_mut().push(v)
    }

    fn pop(&self, vm: &mut Vm) -> PyResult<Value> {
        let fence = self.fence();
        let mut st = self.stack.borrow_mut();
        if st.len() <= fence {
            drop(st);
            return Err(self.underflow(vm));
        }
        Ok(st.pop().unwrap_or(Value::NONE))
    }

    fn top(&self, vm: &mut Vm) -> PyResult<Value> {
        let fence = self.fence();
        let st = self.stack.borrow();
        match st.last() {
            Some(&v) if st.len() > fence => Ok(v),
            _ => {
                drop(st);
                Err(self.underflow(vm))
            }
        }
    }

    fn pop_mark(&self, vm: &mut Vm) -> PyResult<Vec<Value>> {
        let Some(k) = self.marks.borrow_mut().pop() else {
            return Err(unpickling_error(vm, "could not find MARK"));
        };
        let mut st = self.stack.borrow_mut();
        let k = k.min(st.len());
        Ok(st.split_off(k))
    }

    fn memo_get(&self, vm: &mut Vm, i: u64) -> PyResult<Value> {
        let v = self.memo.borrow().get(&i).copied();
        match v {
            Some(v) => Ok(v),
            None => Err(unpickling_error(
                vm,
                &format!("Memo value not found at index {i}"),
            )),
        }
    }

    fn memo_put(&self, vm: &mut Vm, i: u64) -> PyResult<()> {
        let v = self.top(vm)?;
        self.memo.borrow_mut().insert(i, v);
        Ok(())
    }
}

fn text_line(vm: &mut Vm, line: &[u8]) -> PyResult<Value> {
    match std::str::from_utf8(line) {
        Ok(s) => Ok(vm.new_str(s)),
        Err(_) => {
            let b = bytes::new_bytes(vm, line.to_vec());
            let codec = vm.new_str("latin-1");
            ops::call::call(vm, vm.types.str_, &[b, codec])
        }
    }
}

/// `int(text, base)` as Python does it (for the text opcodes).
fn int_from_text(vm: &mut Vm, line: &[u8], base: i64) -> PyResult<Value> {
    let s = text_line(vm, line)?;
    let b = Value::small(base);
    ops::call::call(vm, vm.types.int, &[s, b])
}

fn utf8_str(vm: &mut Vm, data: Vec<u8>) -> PyResult<Value> {
    match String::from_utf8(data) {
        Ok(s) if !crate::types::str::has_stand_ins(&s) => Ok(vm.new_string(s)),
        Ok(s) => decode(vm, s.into_bytes(), "utf-8", "surrogatepass"),
        Err(e) => decode(vm, e.into_bytes(), "utf-8", "surrogatepass"),
    }
}

fn decode(vm: &mut Vm, data: Vec<u8>, encoding: &str, errors: &str) -> PyResult<Value> {
    let b = bytes::new_bytes(vm, data);
    let e = vm.new_str(encoding);
    let r = vm.new_str(errors);
    ops::call::call(vm, vm.types.str_, &[b, e, r])
}

/// STRING/BINSTRING data: bytes with `encoding='bytes'`, else decoded.
fn decode_string(vm: &mut Vm, u: &Unpickler, data: Vec<u8>) -> PyResult<Value> {
    let enc = u.encoding.borrow().clone();
    if enc == "bytes" {
        return Ok(bytes::new_bytes(vm, data));
    }
    let err = u.errors.borrow().clone();
    decode(vm, data, &enc, &err)
}

fn find_class_of(vm: &mut Vm, obj: Value, u: &Unpickler, module: Value, name: Value) -> PyResult {
    let exact = vm.type_of(obj) == stdobj::state_type(vm, "_pickle.Unpickler");
    if exact {
        return find_class_impl(vm, u, module, name);
    }
    let f = ops::attr::getattr_str(vm, obj, "find_class")?;
    ops::call::call(vm, f, &[module, name])
}

fn find_class(vm: &mut Vm, a: &[Value]) -> PyResult {
    let u = this(vm, a[0])?;
    find_class_impl(vm, u, a[1], a[2])
}

fn find_class_impl(vm: &mut Vm, u: &Unpickler, module: Value, name: Value) -> PyResult {
    let (mut module, mut name) = (module, name);
    let audit_args = [module, name];
    let audit = super::import_system::import_module(vm, "sys")
        .and_then(|s| ops::attr::getattr_str(vm, s, "audit"))?;
    let ev = vm.new_str("pickle.find_class");
    ops::call::call(vm, audit, &[ev, audit_args[0], audit_args[1]])?;
    if u.proto.get() < 3 && u.fix_imports.get() {
        let compat = super::import_system::import_module(vm, "_compat_pickle")?;
        let name_map = ops::attr::getattr_str(vm, compat, "NAME_MAPPING")?;
        let key = tuple::new_tuple(vm, vec![module, name]);
        if let Some(v) = dict::get_item(vm, name_map, key)? {
            if let Some([m, n]) = tuple::items(v).map(|t| t.to_vec()).as_deref() {
                module = *m;
                name = *n;
            }
        } else {
            let imp_map = ops::attr::getattr_str(vm, compat, "IMPORT_MAPPING")?;
            if let Some(m) = dict::get_item(vm, imp_map, module)? {
                module = m;
            }
        }
    }
    let Some(mname) = crate::types::str::as_str(module) else {
        return Err(vm.type_error(format!(
            "module name must be str, not {}",
            vm.type_name(module)
        )));
    };
    let mname = mname.to_string();
    let m = super::import_system::import_module(vm, &mname)?;
    if u.proto.get() >= 4 {
        let Some(n) = crate::types::str::as_str(name) else {
            return ops::attr::getattr(vm, m, name);
        };
        let n = n.to_string();
        let mut obj = m;
        for part in n.split('.') {
            if part == "<locals>" {
                let r = ops::repr::repr_string(vm, m)?;
                return Err(vm.new_exc(
                    vm.exc.attribute_error,
                    format!("Can't get local attribute '{n}' on {r}"),
                ));
            }
            let pv = vm.new_str(part);
            match ops::attr::getattr(vm, obj, pv) {
                Ok(v) => obj = v,
                Err(e) if vm.exc_matches(e, vm.exc.attribute_error) => {
                    let r = ops::repr::repr_string(vm, m)?;
                    return Err(vm.new_exc(
                        vm.exc.attribute_error,
                        format!("Can't get attribute '{n}' on {r}"),
                    ));
                }
                Err(e) => return Err(e),
            }
        }
        return Ok(obj);
    }
    ops::attr::getattr(vm, m, name)
}

fn persistent_load(vm: &mut Vm, obj: Value, pid: Value) -> PyResult {
    let name = vm.intern("persistent_load");
    match ops::attr::getattr_opt(vm, obj, name)? {
        Some(f) => ops::call::call(vm, f, &[pid]),
        None => Err(unpickling_error(
            vm,
            "A load persistent id instruction was encountered,\nbut no persistent_load function was specified.",
        )),
    }
}

fn get_extension(vm: &mut Vm, obj: Value, u: &Unpickler, code: i64) -> PyResult {
    let copyreg = super::import_system::import_module(vm, "copyreg")?;
    let cache = ops::attr::getattr_str(vm, copyreg, "_extension_cache")?;
    let key = int::from_i64(vm, code);
    if let Some(v) = dict::get_item(vm, cache, key)? {
        return Ok(v);
    }
    let inverted = ops::attr::getattr_str(vm, copyreg, "_inverted_registry")?;
    let Some(pair) = dict::get_item(vm, inverted, key)? else {
        if code <= 0 {
            return Err(unpickling_error(vm, "EXT specifies code <= 0"));
        }
        return Err(vm.value_error(format!("unregistered extension code {code}")));
    };
    let Some([m, n]) = tuple::items(pair).map(|t| t.to_vec()).as_deref().map(|s| {
        let mut a = [Value::NONE; 2];
        for (d, x) in a.iter_mut().zip(s) {
            *d = *x;
        }
        a
    }) else {
        return Err(unpickling_error(vm, "bad extension registry entry"));
    };
    let v = find_class_of(vm, obj, u, m, n)?;
    dict::set_item(vm, cache, key, v)?;
    Ok(v)
}

/// `cls.__new__(cls, *args, **kwargs)`.
fn new_object(vm: &mut Vm, cls: Value, args: &[Value], kwargs: Value) -> PyResult {
    let new = ops::attr::getattr_str(vm, cls, "__new__")?;
    let mut all = vec![cls];
    all.extend_from_slice(args);
    let mut names = Vec::new();
    if !kwargs.is_null() {
        for (k, v) in dict::items(kwargs) {
            all.push(v);
            names.push(k);
        }
    }
    ops::call::call_kw(vm, new, &all, &names)
}

/// INST/OBJ: `cls(*args)`, or `cls.__new__(cls)` for a class without arguments.
fn instantiate(vm: &mut Vm, cls: Value, args: Vec<Value>) -> PyResult {
    let is_type = cls.is::<crate::types::typeobj::TypeObject>();
    let has_initargs = {
        let n = vm.intern("__getinitargs__");
        ops::attr::getattr_opt(vm, cls, n)
    }?
    .is_some();
    if !args.is_empty() || !is_type || has_initargs {
        return ops::call::call(vm, cls, &args);
    }
    new_object(vm, cls, &[], Value::NULL)
}

fn build(vm: &mut Vm, inst: Value, state: Value) -> PyResult<()> {
    let setstate = vm.intern("__setstate__");
    if let Some(f) = ops::attr::getattr_opt(vm, inst, setstate)? {
        ops::call::call(vm, f, &[state])?;
        return Ok(());
    }
    let (state, slotstate) = match tuple::items(state) {
        Some(&[s, slots]) => (s, slots),
        _ => (state, Value::NONE),
    };
    if !state.is_none() {
        if !state.is::<crate::types::dict::DictObj>() {
            return Err(unpickling_error(vm, "state is not a dictionary"));
        }
        let d = ops::attr::getattr_str(vm, inst, "__dict__")?;
        for (k, v) in dict::items(state) {
            let k = match crate::types::str::as_str(k) {
                Some(s) if vm.type_of(k) == vm.types.str_ => vm.intern(s),
                _ => k,
            };
            ops::item::setitem(vm, d, k, v)?;
        }
    }
    if !slotstate.is_none() {
        if !slotstate.is::<crate::types::dict::DictObj>() {
            return Err(unpickling_error(vm, "slot state is not a dictionary"));
        }
        for (k, v) in dict::items(slotstate) {
            ops::attr::setattr(vm, inst, k, v)?;
        }
    }
    Ok(())
}

fn invalid_key(vm: &mut Vm, op: u8) -> Exc {
    let shown = if (0x20..0x7f).contains(&op) {
        (op as char).to_string()
    } else {
        format!("\\x{op:02x}")
    };
    unpickling_error(vm, &format!("invalid load key, '{shown}'."))
}

/// The pickle machine: runs opcodes until STOP.
fn run(vm: &mut Vm, obj: Value, u: &Unpickler) -> PyResult {
    u.stack.borrow_mut().clear();
    u.marks.borrow_mut().clear();
    u.proto.set(0);
    let r = run_ops(vm, obj, u);
    u.stack.borrow_mut().clear();
    u.marks.borrow_mut().clear();
    r
}

fn run_ops(vm: &mut Vm, obj: Value, u: &Unpickler) -> PyResult {
    loop {
        let op = match u.read_array::<1>(vm)? {
            Some(b) => b[0],
            None => return Err(vm.new_exc(vm.exc.eof_error, "Ran out of input")),
        };
        match op {
            b'(' => {
                let n = u.stack.borrow().len();
                u.marks.borrow_mut().push(n);
            }
            b'.' => return u.pop(vm),
            b'0' => {
                let n = u.stack.borrow().len();
                if u.marks.borrow().last() == Some(&n) {
                    u.marks.borrow_mut().pop();
                } else {
                    u.pop(vm)?;
                }
            }
            b'1' => {
                u.pop_mark(vm)?;
            }
            b'2' => {
                let v = u.top(vm)?;
                u.push(v);
            }
            b'F' => {
                let line = u.readline(vm)?;
                let s = text_line(vm, &line)?;
                let v = ops::call::call(vm, vm.types.float, &[s])?;
                u.push(v);
            }
            b'I' => {
                let line = u.readline(vm)?;
                let v = match line.as_slice() {
                    b"00" => Value::FALSE,
                    b"01" => Value::TRUE,
                    _ => int_from_text(vm, &line, 0)?,
                };
                u.push(v);
            }
            b'J' => {
                let x = u.read_u32(vm)? as i32;
                u.push(Value::small(x as i64));
            }
            b'K' => {
                let x = u.read_byte(vm)?;
                u.push(Value::small(x as i64));
            }
            b'M' => {
                let b = u.read(vm, 2)?;
                u.push(Value::small(u16::from_le_bytes([b[0], b[1]]) as i64));
            }
            b'L' => {
                let mut line = u.readline(vm)?;
                if line.last() == Some(&b'L') {
                    line.pop();
                }
                let v = int_from_text(vm, &line, 0)?;
                u.push(v);
            }
            b'\x8a' | b'\x8b' => {
                let n = if op == b'\x8a' {
                    u.read_byte(vm)? as i64
                } else {
                    u.read_u32(vm)? as i32 as i64
                };
                if n < 0 {
                    return Err(unpickling_error(vm, "LONG pickle has negative byte count"));
                }
                let data = u.read(vm, n as usize)?;
                let b = num_bigint::BigInt::from_signed_bytes_le(&data);
                let v = int::from_bigint(vm, b);
                u.push(v);
            }
            b'N' => u.push(Value::NONE),
            b'\x88' => u.push(Value::TRUE),
            b'\x89' => u.push(Value::FALSE),
            b'G' => {
                let b = u.read(vm, 8)?;
                let mut w = [0u8; 8];
                w.copy_from_slice(&b);
                let v = crate::types::float::new_float(vm, f64::from_be_bytes(w));
                u.push(v);
            }
            b'P' => {
                let line = u.readline(vm)?;
                if !line.is_ascii() {
                    return Err(unpickling_error(
                        vm,
                        "persistent IDs in protocol 0 must be ASCII strings",
                    ));
                }
                let pid = text_line(vm, &line)?;
                let v = persistent_load(vm, obj, pid)?;
                u.push(v);
            }
            b'Q' => {
                let pid = u.pop(vm)?;
                let v = persistent_load(vm, obj, pid)?;
                u.push(v);
            }
            b'R' => {
                let args = u.pop(vm)?;
                let f = u.pop(vm)?;
                let Some(items) = tuple::items(args).map(|t| t.to_vec()) else {
                    return Err(vm.type_error("argument list must be a tuple"));
                };
                let v = ops::call::call(vm, f, &items)?;
                u.push(v);
            }
            b'S' => {
                let line = u.readline(vm)?;
                let n = line.len();
                if n < 2 || line[0] != line[n - 1] || (line[0] != b'\'' && line[0] != b'"') {
                    return Err(unpickling_error(
                        vm,
                        "the STRING opcode argument must be quoted",
                    ));
                }
                let inner = bytes::new_bytes(vm, line[1..n - 1].to_vec());
                let codecs = super::import_system::import_module(vm, "_codecs")?;
                let f = ops::attr::getattr_str(vm, codecs, "escape_decode")?;
                let r = ops::call::call(vm, f, &[inner])?;
                let decoded = tuple::items(r)
                    .and_then(|t| t.first().copied())
                    .and_then(bytes::bytes_data)
                    .unwrap_or_default();
                let v = decode_string(vm, u, decoded)?;
                u.push(v);
            }
            b'T' | b'U' => {
                let n = if op == b'T' {
                    u.read_u32(vm)? as i32 as i64
                } else {
                    u.read_byte(vm)? as i64
                };
                if n < 0 {
                    return Err(unpickling_error(
                        vm,
                        "BINSTRING pickle has negative byte count",
                    ));
                }
                let data = u.read(vm, n as usize)?;
                let v = decode_string(vm, u, data)?;
                u.push(v);
            }
            b'V' => {
                let line = u.readline(vm)?;
                let v = decode(vm, line, "raw-unicode-escape", "strict")?;
                u.push(v);
            }
            b'X' | b'\x8c' | b'\x8d' => {
                let n = match op {
                    b'X' => u.read_u32(vm)? as u64,
                    b'\x8c' => u.read_byte(vm)? as u64,
                    _ => u.read_u64(vm)?,
                };
                if n > isize::MAX as u64 {
                    return Err(unpickling_error(
                        vm,
                        &format!(
                            "BINUNICODE exceeds system's maximum size of {} bytes",
                            isize::MAX
                        ),
                    ));
                }
                let data = u.read(vm, n as usize)?;
                let v = utf8_str(vm, data)?;
                u.push(v);
            }
            b'B' | b'C' | b'\x8e' | b'\x96' => {
                let n = match op {
                    b'B' => u.read_u32(vm)? as u64,
                    b'C' => u.read_byte(vm)? as u64,
                    _ => u.read_u64(vm)?,
                };
                if n > isize::MAX as u64 {
                    let what = if op == b'\x96' {
                        "BYTEARRAY8"
                    } else {
                        "BINBYTES"
                    };
                    return Err(unpickling_error(
                        vm,
                        &format!(
                            "{what} exceeds system's maximum size of {} bytes",
                            isize::MAX
                        ),
                    ));
                }
                let data = u.read(vm, n as usize)?;
                let v = if op == b'\x96' {
                    bytes::new_bytearray(vm, data)
                } else {
                    bytes::new_bytes(vm, data)
                };
                u.push(v);
            }
            b'\x97' => {
                let bufs = u.buffers.get();
                if bufs.is_null() {
                    return Err(unpickling_error(
                        vm,
                        "pickle stream refers to out-of-band data but no *buffers* argument was given",
                    ));
                }
                match ops::iter::next(vm, bufs)? {
                    Some(b) => u.push(b),
                    None => return Err(unpickling_error(vm, "not enough out-of-band buffers")),
                }
            }
            b'\x98' => {
                let buf = u.top(vm)?;
                let m = crate::types::memoryview::mv_new(vm, &[vm.types.memoryview, buf])?;
                let ro = m
                    .downcast::<crate::types::memoryview::MemoryViewObj>()
                    .is_none_or(|mv| mv.readonly);
                if !ro {
                    let f = ops::attr::getattr_str(vm, m, "toreadonly")?;
                    let r = ops::call::call(vm, f, &[])?;
                    u.pop(vm)?;
                    u.push(r);
                }
            }
            b'\x95' => {
                let n = u.read_u64(vm)?;
                if n > isize::MAX as u64 {
                    return Err(vm.value_error(format!("frame size > sys.maxsize: {n}")));
                }
                // In memory the frame is already here; from a file, read it whole.
                if !u.read.get().is_null() {
                    let rest = u.take_rest();
                    let mut frame = rest;
                    let more = n as usize - frame.len().min(n as usize);
                    if more > 0 {
                        let data = match u.read_opt(vm, more)? {
                            Some(d) => d,
                            None => return Err(truncated(vm)),
                        };
                        frame.extend_from_slice(&data);
                    }
                    *u.input.borrow_mut() = frame;
                    u.pos.set(0);
                }
            }
            b')' => {
                let t = tuple::new_tuple(vm, vec![]);
                u.push(t);
            }
            b']' => {
                let l = list::new_list(vm, vec![]);
                u.push(l);
            }
            b'}' => {
                let d = dict::new_dict(vm);
                u.push(d);
            }
            b'\x8f' => {
                let s = crate::types::set::new_set(vm);
                u.push(s);
            }
            b'\x85' | b'\x86' | b'\x87' => {
                let n = (op - b'\x84') as usize;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(u.pop(vm)?);
                }
                items.reverse();
                let t = tuple::new_tuple(vm, items);
                u.push(t);
            }
            b't' => {
                let items = u.pop_mark(vm)?;
                let t = tuple::new_tuple(vm, items);
                u.push(t);
            }
            b'l' => {
                let items = u.pop_mark(vm)?;
                let l = list::new_list(vm, items);
                u.push(l);
            }
            b'd' => {
                let items = u.pop_mark(vm)?;
                let d = dict::new_dict(vm);
                if items.len() % 2 != 0 {
                    return Err(unpickling_error(vm, "odd number of items for DICT"));
                }
                for kv in items.chunks(2) {
                    dict::set_item(vm, d, kv[0], kv[1])?;
                }
                u.push(d);
            }
            b'\x91' => {
                let items = u.pop_mark(vm)?;
                let s = crate::types::set::new_frozenset_from(vm, items)?;
                u.push(s);
            }
            b'a' => {
                let v = u.pop(vm)?;
                let l = u.top(vm)?;
                if vm.type_of(l) == vm.types.list
                    && let Some(lo) = l.downcast::<list::ListObj>()
                {
                    lo.push(v);
                } else {
                    let f = ops::attr::getattr_str(vm, l, "append")?;
                    ops::call::call(vm, f, &[v])?;
                }
            }
            b'e' => {
                let items = u.pop_mark(vm)?;
                let l = u.top(vm)?;
                if vm.type_of(l) == vm.types.list
                    && let Some(lo) = l.downcast::<list::ListObj>()
                {
                    lo.items.borrow_mut().extend(items);
                } else if let Some(f) = {
                    let n = vm.intern("extend");
                    ops::attr::getattr_opt(vm, l, n)
                }? {
                    let lv = list::new_list(vm, items);
                    ops::call::call(vm, f, &[lv])?;
                } else {
                    let f = ops::attr::getattr_str(vm, l, "append")?;
                    for x in items {
                        ops::call::call(vm, f, &[x])?;
                    }
                }
            }
            b's' => {
                let v = u.pop(vm)?;
                let k = u.pop(vm)?;
                let d = u.top(vm)?;
                ops::item::setitem(vm, d, k, v)?;
            }
            b'u' => {
                let items = u.pop_mark(vm)?;
                let d = u.top(vm)?;
                if items.len() % 2 != 0 {
                    return Err(unpickling_error(vm, "odd number of items for SETITEMS"));
                }
                for kv in items.chunks(2) {
                    ops::item::setitem(vm, d, kv[0], kv[1])?;
                }
            }
            b'\x90' => {
                let items = u.pop_mark(vm)?;
                let s = u.top(vm)?;
                if vm.type_of(s) == vm.types.set {
                    for x in items {
                        crate::types::set::add(vm, s, x)?;
                    }
                } else {
                    let f = ops::attr::getattr_str(vm, s, "add")?;
                    for x in items {
                        ops::call::call(vm, f, &[x])?;
                    }
                }
            }
            b'b' => {
                let state = u.pop(vm)?;
                let inst = u.top(vm)?;
                build(vm, inst, state)?;
            }
            b'c' => {
                let m = u.readline(vm)?;
                let n = u.readline(vm)?;
                let (m, n) = (utf8_str(vm, m)?, utf8_str(vm, n)?);
                let v = find_class_of(vm, obj, u, m, n)?;
                u.push(v);
            }
            b'\x93' => {
                let n = u.pop(vm)?;
                let m = u.pop(vm)?;
                if vm.type_of(n) != vm.types.str_ || vm.type_of(m) != vm.types.str_ {
                    return Err(unpickling_error(vm, "STACK_GLOBAL requires str"));
                }
                let v = find_class_of(vm, obj, u, m, n)?;
                u.push(v);
            }
            b'i' => {
                let m = u.readline(vm)?;
                let n = u.readline(vm)?;
                let (m, n) = (utf8_str(vm, m)?, utf8_str(vm, n)?);
                let cls = find_class_of(vm, obj, u, m, n)?;
                let args = u.pop_mark(vm)?;
                let v = instantiate(vm, cls, args)?;
                u.push(v);
            }
            b'o' => {
                let mut args = u.pop_mark(vm)?;
                if args.is_empty() {
                    return Err(u.underflow(vm));
                }
                let cls = args.remove(0);
                let v = instantiate(vm, cls, args)?;
                u.push(v);
            }
            b'\x81' => {
                let args = u.pop(vm)?;
                let cls = u.pop(vm)?;
                if !cls.is::<crate::types::typeobj::TypeObject>() {
                    return Err(unpickling_error(
                        vm,
                        "NEWOBJ class argument isn't a type object",
                    ));
                }
                let Some(items) = tuple::items(args).map(|t| t.to_vec()) else {
                    return Err(unpickling_error(vm, "NEWOBJ expected an arg tuple."));
                };
                let v = new_object(vm, cls, &items, Value::NULL)?;
                u.push(v);
            }
            b'\x92' => {
                let kwargs = u.pop(vm)?;
                let args = u.pop(vm)?;
                let cls = u.pop(vm)?;
                if !cls.is::<crate::types::typeobj::TypeObject>() {
                    let tn = vm.type_name(cls);
                    return Err(unpickling_error(
                        vm,
                        &format!("NEWOBJ_EX class argument must be a type, not {tn}"),
                    ));
                }
                let Some(items) = tuple::items(args).map(|t| t.to_vec()) else {
                    let tn = vm.type_name(args);
                    return Err(unpickling_error(
                        vm,
                        &format!("NEWOBJ_EX args argument must be a tuple, not {tn}"),
                    ));
                };
                if !kwargs.is::<crate::types::dict::DictObj>() {
                    let tn = vm.type_name(kwargs);
                    return Err(unpickling_error(
                        vm,
                        &format!("NEWOBJ_EX kwargs argument must be a dict, not {tn}"),
                    ));
                }
                let v = new_object(vm, cls, &items, kwargs)?;
                u.push(v);
            }
            b'\x82' | b'\x83' | b'\x84' => {
                let code = match op {
                    b'\x82' => u.read_byte(vm)? as i64,
                    b'\x83' => {
                        let b = u.read(vm, 2)?;
                        u16::from_le_bytes([b[0], b[1]]) as i64
                    }
                    _ => u.read_u32(vm)? as i32 as i64,
                };
                let v = get_extension(vm, obj, u, code)?;
                u.push(v);
            }
            b'g' => {
                let line = u.readline(vm)?;
                let i = int_from_text(vm, &line, 10)?;
                let i = ops::number::index_i64(vm, i)?;
                let v = u.memo_get(vm, i as u64)?;
                u.push(v);
            }
            b'h' => {
                let i = u.read_byte(vm)? as u64;
                let v = u.memo_get(vm, i)?;
                u.push(v);
            }
            b'j' => {
                let i = u.read_u32(vm)? as u64;
                let v = u.memo_get(vm, i)?;
                u.push(v);
            }
            b'p' => {
                let line = u.readline(vm)?;
                let i = int_from_text(vm, &line, 10)?;
                let i = ops::number::index_i64(vm, i)?;
                if i < 0 {
                    return Err(vm.value_error("negative PUT argument"));
                }
                u.memo_put(vm, i as u64)?;
            }
            b'q' => {
                let i = u.read_byte(vm)? as u64;
                u.memo_put(vm, i)?;
            }
            b'r' => {
                let i = u.read_u32(vm)? as u64;
                u.memo_put(vm, i)?;
            }
            b'\x94' => {
                let i = u.memo.borrow().len() as u64;
                u.memo_put(vm, i)?;
            }
            b'\x80' => {
                let p = u.read_byte(vm)?;
                if p > HIGHEST_PROTOCOL {
                    return Err(vm.value_error(format!("unsupported pickle protocol: {p}")));
                }
                u.proto.set(p);
            }
            _ => return Err(invalid_key(vm, op)),
        }
    }
}
