//! The interpreter state (`Vm`): the registry of builtin types and exception classes, interned
//! strings, the frame stack, the "currently handled" exception, and the error constructors every
//! other module uses.

use crate::object::Trace;
use crate::types::exceptions::ExcTypes;
use crate::types::typeobj::TypeFlags;
use crate::value::Value;
use std::collections::HashMap;

/// A raised Python exception: always a materialised exception instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Exc(pub Value);

pub type PyResult<T = Value> = Result<T, Exc>;

macro_rules! type_registry {
    ($($field:ident),* $(,)?) => {
        /// The builtin type objects, created once at start-up.
        pub struct Types { $(pub $field: Value,)* }
        impl Types {
            fn empty() -> Types { Types { $($field: Value::NULL,)* } }
            pub fn trace(&self, visit: &mut dyn FnMut(Value)) { $(visit(self.$field);)* }
        }
    };
}

type_registry! {
    object, type_, int, bool_, float, complex, str_, bytes, bytearray, tuple, list, dict, set,
    frozenset, range, slice, function, builtin_function, method_descriptor, classmethod_descriptor,
    method, cell, code, frame, module, none, not_implemented, ellipsis, generator, coroutine,
    async_generator, coroutine_wrapper, async_gen_wrapped, async_gen_asend, async_gen_athrow,
    property, classmethod, staticmethod, super_, traceback, attr_store, map, member_descriptor,
    getset_descriptor, mappingproxy, dict_keys, dict_values, dict_items, dict_keyiterator,
    dict_valueiterator, dict_itemiterator, dict_reversekeyiterator, dict_reversevalueiterator,
    dict_reverseitemiterator, list_iterator, list_reverseiterator, tuple_iterator,
    str_iterator, bytes_iterator, range_iterator, set_iterator, callable_iterator, seq_iterator,
    enumerate, zip, map_, filter, reversed, simple_namespace, native_data, std_stream,
    generic_alias, union_type, memoryview, wrapper_descriptor, method_wrapper,
}

macro_rules! names_registry {
    ($($field:ident = $text:literal),* $(,)?) => {
        /// Interned names the VM looks up often (dunders), created once.
        #[derive(Clone, Copy)]
        pub struct Names { $(pub $field: Value,)* }
        impl Names {
            fn empty() -> Names { Names { $($field: Value::NULL,)* } }
            fn init(vm: &mut Vm) { $(vm.names.$field = vm.intern($text);)* }
            pub fn trace(&self, visit: &mut dyn FnMut(Value)) { $(visit(self.$field);)* }
        }
    };
}

names_registry! {
    getattribute = "__getattribute__", getattr = "__getattr__", setattr = "__setattr__",
    delattr = "__delattr__", set = "__set__", get = "__get__", delete = "__delete__",
    dict = "__dict__", class = "__class__", init = "__init__", new = "__new__", call = "__call__",
    name = "__name__", qualname = "__qualname__", module = "__module__", doc = "__doc__",
    iter = "__iter__", next = "__next__", len = "__len__", hash = "__hash__", eq = "__eq__",
    ne = "__ne__", bool_ = "__bool__", repr = "__repr__", str_ = "__str__",
    contains = "__contains__", getitem = "__getitem__", setitem = "__setitem__",
    delitem = "__delitem__", enter = "__enter__", exit = "__exit__", aenter = "__aenter__",
    aexit = "__aexit__", index = "__index__", int_ = "__int__", float_ = "__float__",
    format = "__format__", builtins = "__builtins__", file = "__file__", missing = "__missing__",
    await_ = "__await__", aiter = "__aiter__", anext = "__anext__", instancecheck = "__instancecheck__",
    subclasscheck = "__subclasscheck__", mro_entries = "__mro_entries__", prepare = "__prepare__",
    reversed = "__reversed__", length_hint = "__length_hint__", annotations = "__annotations__",
    match_args = "__match_args__", classcell = "__classcell__", import = "__import__",
    spec = "__spec__", loader = "__loader__", package = "__package__", path = "__path__",
    complex = "__complex__", trunc = "__trunc__", neg = "__neg__", pos = "__pos__",
    invert = "__invert__", abs = "__abs__", round = "__round__", send = "send", throw = "throw",
    close = "close", keys = "keys", items = "items", values = "values", main = "__main__",
    empty = "", del = "__del__",
}

/// Interned dunder names of the operators, indexed by `BinaryOp`/`CompareOp` (the operator
/// dispatch looks them up on every non-fast-path operation).
pub struct OpNames {
    /// `[__op__, __rop__, __iop__]` per binary operator.
    pub binary: [[Value; 3]; 13],
    /// `__lt__` ... `__ge__` per comparison.
    pub compare: [Value; 6],
}

impl OpNames {
    fn empty() -> OpNames {
        OpNames {
            binary: [[Value::NULL; 3]; 13],
            compare: [Value::NULL; 6],
        }
    }
    fn init(vm: &mut Vm) {
        for op in fp_bytecode::BinaryOp::ALL {
            let d = op.dunder();
            vm.op_names.binary[op as usize] = [
                vm.intern(&format!("__{d}__")),
                vm.intern(&format!("__r{d}__")),
                vm.intern(&format!("__i{d}__")),
            ];
        }
        for i in 0..6u32 {
            if let Some(op) = fp_bytecode::CompareOp::from_arg(i) {
                vm.op_names.compare[i as usize] = vm.intern(op.dunder());
            }
        }
    }
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.binary
            .iter()
            .flatten()
            .chain(self.compare.iter())
            .for_each(|v| visit(*v));
    }
}

/// Per-run settings from the command line (`sys.flags` and friends).
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub argv: Vec<String>,
    pub optimize: u32,
    pub dont_write_bytecode: bool,
    pub ignore_environment: bool,
    pub isolated: bool,
    pub no_user_site: bool,
    pub no_site: bool,
    pub unbuffered: bool,
    pub verbose: u32,
    pub quiet: bool,
    pub inspect: bool,
    pub warnoptions: Vec<String>,
    pub xoptions: Vec<String>,
    pub safe_path: bool,
    pub executable: String,
    pub stdlib: Option<String>,
    /// `--check-hash-based-pycs` (`_imp.check_hash_based_pycs`); None means 'default'.
    pub check_hash_based_pycs: Option<String>,
    /// What to put at sys.path[0]: the script's directory, '' for -c/-m/stdin.
    pub path0: Option<String>,
}

pub struct Vm {
    pub types: Types,
    pub names: Names,
    pub op_names: OpNames,
    pub exc: ExcTypes,
    pub config: Config,
    /// Keyed with FxHash: interning runs for every name of every code object loaded (tens of
    /// thousands at start-up), where SipHash was a visible share of the time.
    interned: HashMap<Box<str>, Value, rustc_hash::FxBuildHasher>,
    /// Active Python frames, innermost last (roots for the collector, and `sys._getframe`).
    pub frames: Vec<Value>,
    /// The exception being handled by the running code (None if none): the thread's, or
    /// inside a running generator, the generator's own (CPython keeps one per generator).
    /// `sys.exc_info()` reads `current_exc`.
    pub handled_exc: Value,
    /// Inside a running generator: the exception its resumer was handling, which shows
    /// through while the generator handles none of its own. None outside generators.
    pub handled_outer: Value,
    pub recursion_limit: usize,
    /// Nesting of Rust-level calls back into the interpreter (slot calls from Rust); bounded so
    /// that the native stack can never overflow.
    pub native_depth: usize,
    /// Set by `call_native` just before it calls an audited native function that it entered
    /// cleanly; that function takes it at once (`take_clean_entry`).
    pub(crate) clean_entry: bool,
    /// Lowest safe native stack address: Rust-level recursion below it raises RecursionError
    /// whatever the recursion limit (`sys.setrecursionlimit(10**6)` must not crash).
    pub(crate) stack_floor: usize,
    /// The running thread's identity and bookkeeping (see `gil.rs`).
    pub current: crate::gil::CurrentThread,
    /// The states of threads waiting for the GIL (roots).
    pub parked: Vec<crate::gil::ThreadState>,
    /// `(callable, args, kwargs)` of threads started and not yet finished (roots).
    pub thread_boot: Vec<Value>,
    pub builtins: Value,
    pub builtins_dict: Value,
    pub sys: Value,
    pub sys_modules: Value,
    pub method_cache: crate::types::typeobj::MethodCache,
    /// Values that must stay alive for the whole run (singletons, caches keyed by Rust data).
    pub permanent: Vec<Value>,
    pub next_type_version: u64,
    /// Runtime state of native modules, by string key (a dict): the type objects a module's Rust
    /// code allocates (`"_io.FileIO"`), module-level caches. See `state_get`/`state_set`.
    pub native_state: Value,
    /// The root map (no attributes) of instance attribute storage.
    pub empty_map: Value,
    /// Every weak reference, by referent address. Deliberately NOT a root: the collector
    /// clears and prunes it after marking (`types/weakref.rs`).
    pub weakrefs: HashMap<u64, Vec<Value>>,
    /// (weak reference, callback) pairs whose referent died, to call after the collection.
    pub weak_callbacks: Vec<(Value, Value)>,
    /// Types whose `__subclasses__` list is not empty, by address. Weak, like those lists
    /// (`typeobj::prune_subclasses`).
    pub types_with_subclasses: std::collections::HashSet<u64>,
    /// Objects the last collection found unreachable whose finalizers (`__del__`, a file's
    /// close, a generator's close) are still to run (`interp/finalize.rs`). A root.
    pub pending_finalizers: Vec<Value>,
    /// A finalizer is running: finalizers found meanwhile wait for the outer loop.
    pub finalizing: bool,
    /// `sys.get_int_max_str_digits()`: the int/str conversion limit (0: none).
    pub int_max_str_digits: usize,
    /// `gc.disable()` turns automatic collection off.
    pub gc_enabled: bool,
    /// `importlib._bootstrap` (`_frozen_importlib`) once the import system is installed.
    pub importlib: Value,
    /// Containers whose repr is in progress (recursion guard).
    pub repr_stack: Vec<Value>,
    /// Finished call frames kept for reuse (`interp/frame.rs`: no reference to them remains;
    /// their values are cleared). A root so the collector neither frees nor scans into them.
    pub frame_pool: Vec<Value>,
    /// The empty tuple: one object, as in CPython (`() is ()`); NULL until first made.
    pub empty_tuple: Value,
    /// Counts collections (from 1): inline caches filled in an earlier epoch are ignored, as
    /// the addresses they compare may have been freed and reused.
    pub gc_epoch: u64,
    /// The running thread's trace and profile functions (`interp/trace.rs`).
    pub trace: crate::interp::trace::TraceState,
}

impl Vm {
    /// Builds the interpreter: builtin types, exception classes, `builtins` and `sys`.
    pub fn new(config: Config) -> Box<Vm> {
        let mut vm = Box::new(Vm {
            types: Types::empty(),
            names: Names::empty(),
            op_names: OpNames::empty(),
            exc: ExcTypes::empty(),
            config,
            // Start-up interns ~20k names (every identifier of the modules `site` imports):
            // reserving room up front saves rehashing the table (SipHash) as it grows.
            interned: HashMap::with_capacity_and_hasher(24_000, rustc_hash::FxBuildHasher),
            frames: Vec::new(),
            handled_exc: Value::NONE,
            handled_outer: Value::NONE,
            recursion_limit: 1000,
            native_depth: 0,
            clean_entry: false,
            stack_floor: stack_floor(),
            current: crate::gil::CurrentThread::main(),
            parked: Vec::new(),
            thread_boot: Vec::new(),
            builtins: Value::NULL,
            builtins_dict: Value::NULL,
            sys: Value::NULL,
            sys_modules: Value::NULL,
            method_cache: crate::types::typeobj::MethodCache::new(),
            permanent: Vec::new(),
            next_type_version: 1,
            native_state: Value::NULL,
            empty_map: Value::NULL,
            weakrefs: HashMap::new(),
            weak_callbacks: Vec::new(),
            types_with_subclasses: std::collections::HashSet::new(),
            pending_finalizers: Vec::new(),
            finalizing: false,
            gc_enabled: true,
            int_max_str_digits: crate::types::int::MAX_STR_DIGITS,
            importlib: Value::NULL,
            repr_stack: Vec::new(),
            frame_pool: Vec::new(),
            empty_tuple: Value::NULL,
            gc_epoch: 1,
            trace: Default::default(),
        });
        crate::gil::init_main_thread();
        crate::types::bootstrap(&mut vm);
        Names::init(&mut vm);
        OpNames::init(&mut vm);
        crate::types::exceptions::init(&mut vm);
        crate::modules::init(&mut vm);
        vm
    }

    /// The exception being handled, as `sys.exc_info()` and a bare `raise` see it: the
    /// running generator's own, else its resumer's.
    #[inline]
    pub fn current_exc(&self) -> Value {
        if self.handled_exc.is_none() || self.handled_exc.is_null() {
            self.handled_outer
        } else {
            self.handled_exc
        }
    }

    /// A check point of the eval loop: runs the handlers of pending signals, and collects when
    /// the allocator asked for it on a clean level (then every live object is reachable from
    /// `trace_roots`; see `gil::CurrentThread::clean_top`).
    #[inline]
    pub fn safe_point(&mut self) -> PyResult<()> {
        if crate::gil::drop_requested() {
            self.yield_gil();
        }
        if crate::modules::signals::pending() && crate::gil::is_main_thread() {
            crate::modules::signals::check(self)?;
        }
        if crate::heap::gc_requested()
            && self.gc_enabled
            && self.gc_safe_here(0)
            && crate::heap::collection_pending()
        {
            self.collect_garbage();
        }
        Ok(())
    }

    /// Whether the eval loop should call `safe_point` (cheap: two flag loads).
    #[inline]
    pub fn attention() -> bool {
        crate::heap::gc_requested()
            || crate::modules::signals::pending()
            || crate::gil::drop_requested()
    }

    /// Collects now. Only sound at a safe point (see `safe_point`).
    pub fn collect_garbage(&mut self) {
        // Cached lookups are keyed by value bits: drop them so a freed address is never matched.
        self.method_cache.clear();
        self.gc_epoch += 1;
        let mut weakrefs = std::mem::take(&mut self.weakrefs);
        let mut callbacks = std::mem::take(&mut self.weak_callbacks);
        let mut with_subclasses = std::mem::take(&mut self.types_with_subclasses);
        let due = {
            let vm: &Vm = self;
            crate::heap::collect(
                &|visit| vm.trace_roots(visit),
                &mut |is_live, was_reachable| {
                    crate::types::weakref::process_after_mark(
                        &mut weakrefs,
                        &mut callbacks,
                        is_live,
                        was_reachable,
                    );
                    crate::types::typeobj::prune_subclasses(&mut with_subclasses, is_live);
                },
                &crate::interp::finalize::needs_finalizer,
            )
        };
        self.weakrefs = weakrefs;
        self.weak_callbacks = callbacks;
        self.types_with_subclasses = with_subclasses;
        self.pending_finalizers.extend(due);
        // CPython's order: weakref callbacks, then finalizers.
        self.run_weak_callbacks();
        crate::interp::finalize::run_pending(self);
    }

    /// For an audited native function whose system call ran out of file descriptors
    /// (EMFILE, ENFILE): collects now, when its entry was clean (`clean`, from
    /// `take_clean_entry`), so unreachable files not yet finalized close theirs, as CPython's
    /// reference counting would already have done. Returns whether the call should be tried
    /// again (once). Collects even under `gc.disable()`, which in CPython does not delay
    /// closing files either.
    pub fn collect_for_descriptors(&mut self, clean: bool, errno: i64) -> bool {
        let out_of_fds = errno == libc::EMFILE as i64 || errno == libc::ENFILE as i64;
        if !out_of_fds || !clean || !self.gc_safe_here(0) {
            return false;
        }
        self.collect_garbage();
        true
    }

    /// Calls the callbacks of weak references cleared by the last collection.
    fn run_weak_callbacks(&mut self) {
        while let Some((r, cb)) = self.weak_callbacks.pop() {
            if let Err(e) = crate::ops::call::call(self, cb, &[r]) {
                crate::modules::sys_hooks::write_unraisable(self, e.0, None, cb);
            }
        }
    }

    /// Every root the collector must scan precisely.
    pub fn trace_roots(&self, visit: &mut dyn FnMut(Value)) {
        self.types.trace(visit);
        self.names.trace(visit);
        self.op_names.trace(visit);
        self.exc.trace(visit);
        for v in self.interned.values() {
            visit(*v);
        }
        self.frames.trace(visit);
        self.current.sentinels.trace(visit);
        self.current.temp_roots.trace(visit);
        self.parked.iter().for_each(|t| t.trace(visit));
        self.thread_boot.trace(visit);
        self.permanent.trace(visit);
        self.repr_stack.trace(visit);
        self.frame_pool.trace(visit);
        self.empty_tuple.trace(visit);
        self.trace.trace(visit);
        for (r, cb) in &self.weak_callbacks {
            visit(*r);
            visit(*cb);
        }
        self.pending_finalizers.trace(visit);
        for v in [
            self.handled_exc,
            self.handled_outer,
            self.builtins,
            self.builtins_dict,
            self.sys,
            self.sys_modules,
            self.native_state,
            self.empty_map,
            self.importlib,
        ] {
            visit(v);
        }
    }

    /// A native module's saved value (a type object, a cache) under `key`, e.g. `"_io.FileIO"`.
    pub fn state_get(&self, key: &str) -> Option<Value> {
        crate::types::dict::get_str(self.native_state, key)
    }

    /// Saves `v` under `key` for `state_get` (kept alive by the VM).
    pub fn state_set(&mut self, key: &str, v: Value) {
        let k = self.intern(key);
        crate::types::dict::set_item_str(self, self.native_state, k, v);
    }

    /// The interned str for `s` (identifiers, attribute names): equal names share one object,
    /// so name comparisons are usually a pointer compare.
    pub fn intern(&mut self, s: &str) -> Value {
        if let Some(v) = self.interned.get(s) {
            return *v;
        }
        let v = crate::types::str::alloc_str(self, s);
        if let Some(so) = v.downcast::<crate::types::str::StrObj>() {
            so.mark_interned();
        }
        self.interned.insert(s.into(), v);
        v
    }

    /// Interns an existing str object (returns the canonical one).
    #[inline]
    pub fn intern_value(&mut self, v: Value) -> Value {
        match v.downcast::<crate::types::str::StrObj>() {
            Some(s) if s.is_interned() => v,
            Some(s) if v.header().map(|h| h.ty()) == Some(self.types.str_) => {
                if let Some(c) = self.interned.get(s.as_str()) {
                    return *c;
                }
                s.mark_interned();
                self.interned.insert(s.as_str().into(), v);
                v
            }
            _ => v,
        }
    }

    #[inline]
    pub fn names(&self) -> Names {
        self.names
    }

    pub fn next_version(&mut self) -> u64 {
        self.next_type_version += 1;
        self.next_type_version
    }

    /// The Python type of any value.
    #[inline]
    pub fn type_of(&self, v: Value) -> Value {
        if v.is_small_int() {
            return self.types.int;
        }
        if let Some(h) = v.header() {
            return h.ty();
        }
        match v.as_immediate() {
            Some(crate::value::Immediate::None) => self.types.none,
            Some(crate::value::Immediate::True) | Some(crate::value::Immediate::False) => {
                self.types.bool_
            }
            Some(crate::value::Immediate::NotImplemented) => self.types.not_implemented,
            Some(crate::value::Immediate::Ellipsis) => self.types.ellipsis,
            None => self.types.none,
        }
    }

    /// `type(v).__name__`, for error messages.
    pub fn type_name(&self, v: Value) -> String {
        crate::types::typeobj::type_name(self.type_of(v))
    }

    // ----- exceptions -----

    /// A new exception of class `ty` with one str argument (or none when `msg` is empty and
    /// `ty` is commonly raised bare).
    pub fn new_exc(&mut self, ty: Value, msg: impl AsRef<str>) -> Exc {
        let s = self.new_str(msg.as_ref());
        self.new_exc_args(ty, vec![s])
    }

    pub fn new_exc_args(&mut self, ty: Value, args: Vec<Value>) -> Exc {
        Exc(crate::types::exceptions::new_exception(self, ty, args))
    }

    pub fn type_error(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.type_error, msg)
    }
    pub fn value_error(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.value_error, msg)
    }
    pub fn index_error(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.index_error, msg)
    }
    pub fn attribute_error(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.attribute_error, msg)
    }
    pub fn overflow_error(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.overflow_error, msg)
    }
    pub fn zero_division(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.zero_division_error, msg)
    }
    pub fn runtime_error(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.runtime_error, msg)
    }
    pub fn name_error(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.name_error, msg)
    }
    pub fn system_error(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.system_error, msg)
    }
    pub fn not_implemented_error(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.not_implemented_error, msg)
    }
    pub fn memory_error(&mut self) -> Exc {
        self.new_exc_args(self.exc.memory_error, vec![])
    }
    pub fn key_error(&mut self, key: Value) -> Exc {
        self.new_exc_args(self.exc.key_error, vec![key])
    }
    pub fn stop_iteration(&mut self, value: Value) -> Exc {
        let args = if value.is_null() { vec![] } else { vec![value] };
        self.new_exc_args(self.exc.stop_iteration, args)
    }
    pub fn recursion_error(&mut self, msg: impl AsRef<str>) -> Exc {
        self.new_exc(self.exc.recursion_error, msg)
    }

    /// Whether the exception is an instance of `ty` (or a subclass).
    pub fn exc_matches(&self, exc: Exc, ty: Value) -> bool {
        crate::types::typeobj::is_subtype(self.type_of(exc.0), ty)
    }

    /// Guards Rust-level re-entry into the interpreter (slot calls from Rust code), raising
    /// RecursionError instead of overflowing the native stack.
    pub fn enter_native(&mut self) -> PyResult<()> {
        self.native_depth += 1;
        if self.native_depth > self.recursion_limit + 50
            || self.frames.len() > self.recursion_limit + 50
            || self.stack_exhausted()
        {
            self.native_depth -= 1;
            return Err(self.recursion_error("maximum recursion depth exceeded"));
        }
        Ok(())
    }
    /// Like `enter_native`, for Rust-level recursion over data (repr of nested containers,
    /// comparisons), with CPython's message suffix.
    pub fn enter_recursive(&mut self, what: &str) -> PyResult<()> {
        self.native_depth += 1;
        if self.native_depth + self.frames.len() > self.recursion_limit + 50
            || self.stack_exhausted()
        {
            self.native_depth -= 1;
            return Err(self.recursion_error(format!("maximum recursion depth exceeded{what}")));
        }
        Ok(())
    }

    /// Whether the native stack is nearly used up (checked on Rust-level re-entry).
    #[inline]
    fn stack_exhausted(&self) -> bool {
        let here = 0u8;
        (std::ptr::addr_of!(here) as usize) < self.stack_floor
    }

    pub fn leave_native(&mut self) {
        self.native_depth -= 1;
    }

    /// `enter_native` from a clean position: audited native code whose Values are all rooted
    /// (on VM stacks or in `temp_roots`), reached from the eval loop through audited code only.
    /// When the current level is clean the new one is too, so collections may run inside it
    /// (see `CurrentThread::clean_top`). Returns whether it was; pass that to
    /// `leave_native_clean`.
    #[inline]
    pub fn enter_native_clean(&mut self) -> PyResult<bool> {
        let clean = self.native_depth == self.current.clean_top;
        self.enter_native()?;
        if clean {
            self.current.clean_top += 1;
        }
        Ok(clean)
    }

    /// `enter_recursive`, keeping the level clean when entered from a clean position (see
    /// `enter_native_clean`); returns whether it is, for `leave_native_clean`.
    pub fn enter_recursive_if(&mut self, what: &str, clean: bool) -> PyResult<bool> {
        let clean = clean && self.native_depth == self.current.clean_top;
        self.enter_recursive(what)?;
        if clean {
            self.current.clean_top += 1;
        }
        Ok(clean)
    }

    /// `enter_native_clean` when `clean` (a clean position), else `enter_native`; returns
    /// whether the new level is clean, for `leave_native_clean`.
    #[inline]
    pub fn enter_native_if(&mut self, clean: bool) -> PyResult<bool> {
        if clean {
            self.enter_native_clean()
        } else {
            self.enter_native()?;
            Ok(false)
        }
    }

    #[inline]
    pub fn leave_native_clean(&mut self, clean: bool) {
        if clean {
            self.current.clean_top -= 1;
        }
        self.leave_native();
    }

    /// Whether the current level is clean (see `CurrentThread::clean_top`). Only the eval loop
    /// may take that as its own position being clean; native code asks `take_clean_entry`.
    #[inline]
    pub fn is_clean(&self) -> bool {
        self.native_depth <= self.current.clean_top
    }

    /// For an audited native function (`NativeDef::gc_clean`), as its first step: whether it
    /// was called from a clean position at a clean level. It passes that on as the `clean`
    /// argument of the clean entries (`ops::call::call_kw_in`, `ops::iter::next_in`, ...).
    /// Called directly from other Rust code, it gets false.
    #[inline]
    pub fn take_clean_entry(&mut self) -> bool {
        std::mem::take(&mut self.clean_entry)
    }

    /// Roots `v` until the native call that made it returns (`call_native` truncates the
    /// temporary roots it found on entry); returns its slot for `set_root`.
    #[inline]
    pub fn root(&mut self, v: Value) -> usize {
        self.current.temp_roots.push(v);
        self.current.temp_roots.len() - 1
    }

    #[inline]
    pub fn set_root(&mut self, slot: usize, v: Value) {
        if let Some(r) = self.current.temp_roots.get_mut(slot) {
            *r = v;
        }
    }

    /// The number of temporary roots, to hand back to `truncate_roots`.
    #[inline]
    pub fn roots_mark(&self) -> usize {
        self.current.temp_roots.len()
    }

    #[inline]
    pub fn truncate_roots(&mut self, mark: usize) {
        self.current.temp_roots.truncate(mark);
    }

    pub fn is_type_flag(&self, ty: Value, flag: TypeFlags) -> bool {
        crate::types::typeobj::type_flags(ty).contains(flag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Collecting a freshly built VM frees nothing it still uses: every builtin type, the
    /// interned names and the modules survive and work afterwards.
    #[test]
    fn collection_keeps_vm_roots() {
        let mut vm = Vm::new(Config::default());
        for i in 0..50_000 {
            let s = vm.new_string(format!("garbage {i}"));
            let _ = crate::types::tuple::new_tuple(&mut vm, vec![s, s]);
        }
        vm.collect_garbage();
        vm.collect_garbage();
        let (collections, live) = crate::heap::stats();
        assert!(collections >= 2);
        assert!(live < 8 << 20, "live after collection: {live}");
        // Types and their method tables are intact.
        let list_t = vm.types.list;
        let append = crate::types::typeobj::lookup_str(&mut vm, list_t, "__init__");
        assert!(!append.is_null());
        let name = crate::types::typeobj::type_name(vm.types.dict);
        assert_eq!(name, "dict");
        // Builtins still resolve, and a fresh allocation works.
        assert!(crate::types::dict::get_str(vm.builtins_dict, "print").is_some());
        let s = vm.new_str("after");
        assert_eq!(crate::types::str::as_str(s), Some("after"));
        let k = vm.intern("print");
        assert_eq!(crate::types::str::as_str(k), Some("print"));
    }

    /// Every interned string and every type's bases tuple has its proper type (bootstrap order).
    #[test]
    fn bootstrap_objects_have_types() {
        let vm = Vm::new(Config::default());
        for v in vm.interned.values() {
            assert_eq!(vm.type_of(*v), vm.types.str_);
        }
        for t in [
            vm.types.object,
            vm.types.type_,
            vm.types.dict,
            vm.types.str_,
            vm.types.tuple,
            vm.types.list,
        ] {
            let bases = crate::types::typeobj::tobj(t).bases.get();
            assert_eq!(vm.type_of(bases), vm.types.tuple);
        }
    }
}

/// The lowest address the current thread's stack may safely reach: its bottom plus a margin
/// for the native code that runs between two re-entry checks. 0 (no limit) when the bounds
/// are unknown.
pub(crate) fn stack_floor() -> usize {
    const MARGIN: usize = 512 * 1024;
    let mut attr = std::mem::MaybeUninit::<libc::pthread_attr_t>::uninit();
    let mut addr: *mut libc::c_void = std::ptr::null_mut();
    let mut size: libc::size_t = 0;
    // SAFETY: pthread_getattr_np initialises `attr` for the calling thread when it returns 0;
    // it is read by pthread_attr_getstack and destroyed only in that case.
    unsafe {
        if libc::pthread_getattr_np(libc::pthread_self(), attr.as_mut_ptr()) != 0 {
            return 0;
        }
        let ok = libc::pthread_attr_getstack(attr.as_ptr(), &mut addr, &mut size) == 0;
        libc::pthread_attr_destroy(attr.as_mut_ptr());
        if !ok || size <= 2 * MARGIN {
            return 0;
        }
    }
    addr as usize + MARGIN
}
