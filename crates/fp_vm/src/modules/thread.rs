//! `_thread`: thread creation, identity and locks.
//!
//! Threads are OS threads taking turns under the GIL (`gil.rs`). A lock's state is plain data
//! guarded by the GIL; a blocking acquire releases the GIL and sleeps until some lock is
//! released (`gil::wait_lock_release`), then checks again. With no other thread running, a
//! blocking acquire of a held lock could never succeed: it raises RuntimeError instead of
//! hanging (or, with a timeout, waits it out).

use crate::gil;
use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::module::set_attr;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::Cell;
use std::time::{Duration, Instant};

/// `_thread.lock` (`recursive == false`) and `_thread.RLock`.
pub struct LockObj {
    pub recursive: bool,
    /// Acquisition depth: 0 or 1 for a lock, any count for an RLock.
    pub count: Cell<u64>,
    /// The thread that acquired it (0 when free).
    pub owner: Cell<u64>,
}

impl Trace for LockObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for LockObj {
    const KIND: ObjKind = ObjKind::Lock;
}

impl LockObj {
    fn new(recursive: bool) -> LockObj {
        LockObj {
            recursive,
            count: Cell::new(0),
            owner: Cell::new(0),
        }
    }
    /// Takes the lock if this thread may, now.
    fn try_take(&self, me: u64) -> bool {
        let n = self.count.get();
        if n == 0 || (self.recursive && self.owner.get() == me) {
            self.count.set(n + 1);
            self.owner.set(me);
            true
        } else {
            false
        }
    }
}

static FUNCS: &[NativeDef] = &[
    native!("allocate_lock", "()", allocate_lock),
    native!("allocate", "()", allocate_lock),
    native!("get_ident", "()", get_ident),
    native!("get_native_id", "()", get_native_id),
    native!("_count", "()", count),
    native!("stack_size", "(size=0, /)", stack_size),
    native!(
        "start_new_thread",
        "(function, args, kwargs=<unrepresentable>, /)",
        start_new_thread
    ),
    native!(
        "start_new",
        "(function, args, kwargs=<unrepresentable>, /)",
        start_new_thread
    ),
    native!("interrupt_main", "(signum=2, /)", interrupt_main),
    native!("exit", "()", exit),
    native!("_set_sentinel", "()", set_sentinel),
    native!("_excepthook", "(exc, /)", excepthook),
];

static LOCK_METHODS: &[NativeDef] = &[
    native!("acquire", "($self, /, blocking=True, timeout=-1)", acquire).gc_clean(),
    native!(
        "acquire_lock",
        "($self, /, blocking=True, timeout=-1)",
        acquire
    )
    .gc_clean(),
    native!("__enter__", "($self, /)", enter).gc_clean(),
    native!("release", "($self, /)", release),
    native!("release_lock", "($self, /)", release),
    native!("__exit__", "($self, /, *args)", exit_ctx),
    native!("locked", "($self, /)", locked),
    native!("locked_lock", "($self, /)", locked),
    native!("_at_fork_reinit", "($self, /)", at_fork_reinit),
    native!("__repr__", "($self, /)", lock_repr),
];

static RLOCK_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", rlock_new),
    native!("acquire", "($self, /, blocking=True, timeout=-1)", acquire).gc_clean(),
    native!("__enter__", "($self, /)", enter).gc_clean(),
    native!("release", "($self, /)", release),
    native!("__exit__", "($self, /, *args)", exit_ctx),
    native!("_is_owned", "($self, /)", is_owned),
    native!("_recursion_count", "($self, /)", recursion_count),
    native!("_release_save", "($self, /)", release_save),
    native!("_acquire_restore", "($self, state, /)", acquire_restore),
    native!("_at_fork_reinit", "($self, /)", at_fork_reinit),
    native!("__repr__", "($self, /)", lock_repr),
];

fn ident() -> u64 {
    gil::ident()
}

/// Stack size of started threads (`_thread.stack_size`); 0 means the default.
const DEFAULT_STACK: usize = 256 << 20;

/// `_thread.TIMEOUT_MAX`: PY_TIMEOUT_MAX / 1e6, as CPython computes it on Linux.
const TIMEOUT_MAX: f64 = 9223372036.0;

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_thread", FUNCS);
    let object = vm.types.object;
    let lock = typeobj::new_static_type(vm, "lock", object, ObjKind::Lock, TypeFlags(0));
    typeobj::add_methods(vm, lock, LOCK_METHODS);
    let rlock = typeobj::new_static_type(vm, "RLock", object, ObjKind::Lock, TypeFlags::BASETYPE);
    typeobj::add_methods(vm, rlock, RLOCK_METHODS);
    for t in [lock, rlock] {
        let module = vm.new_str("_thread");
        typeobj::set_type_attr(vm, t, "__module__", module);
    }
    vm.state_set("_thread.lock", lock);
    set_attr(vm, m, "LockType", lock);
    set_attr(vm, m, "lock", lock);
    set_attr(vm, m, "RLock", rlock);
    let local = crate::modules::thread_local::make_type(vm);
    set_attr(vm, m, "_local", local);
    // Without it `threading` falls back to a Python version that imports `traceback` (and
    // with it linecache, tokenize, textwrap) at start-up.
    let hook_args = crate::types::structseq::new_type(
        vm,
        "_thread",
        "_ExceptHookArgs",
        &["exc_type", "exc_value", "exc_traceback", "thread"],
    );
    crate::types::structseq::add_constructor(vm, hook_args);
    vm.state_set("_thread._ExceptHookArgs", hook_args);
    let module = vm.new_str("_thread");
    typeobj::set_type_attr(vm, hook_args, "__module__", module);
    set_attr(vm, m, "_ExceptHookArgs", hook_args);
    let err = vm.exc.runtime_error;
    set_attr(vm, m, "error", err);
    let tm = crate::types::float::new_float(vm, TIMEOUT_MAX);
    set_attr(vm, m, "TIMEOUT_MAX", tm);
    Ok(m)
}

/// `_thread._excepthook(args)`: the default `threading.excepthook`.
fn excepthook(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = a[0];
    let ty = vm.state_get("_thread._ExceptHookArgs");
    if Some(vm.type_of(args)) != ty {
        return Err(vm.type_error("_thread.excepthook argument type must be ExceptHookArgs"));
    }
    let fields = crate::types::tuple::items(args).unwrap_or(&[]).to_vec();
    let [exc_type, exc_value, _tb, thread] = fields[..] else {
        return Err(vm.type_error("_thread.excepthook argument type must be ExceptHookArgs"));
    };
    if exc_type == vm.exc.system_exit {
        return Ok(Value::NONE);
    }
    let mut file = crate::modules::sys::stream(vm, "stderr");
    if file.is_none() {
        if thread.is_none() {
            return Ok(Value::NONE);
        }
        let n = vm.intern("_stderr");
        file = crate::ops::attr::getattr(vm, thread, n)?;
        if file.is_none() {
            return Ok(Value::NONE);
        }
    }
    let name = if thread.is_none() {
        format!("{}", ident())
    } else {
        let n = vm.intern("name");
        let nv = crate::ops::attr::getattr(vm, thread, n)?;
        crate::ops::repr::str_string(vm, nv)?
    };
    crate::modules::stdio::write_to(vm, file, &format!("Exception in thread {name}:\n"))?;
    let flush = vm.intern("flush");
    crate::ops::call::call_method(vm, file, flush, &[])?;
    let text = if exc_value.is_none() {
        let t = crate::ops::repr::str_string(vm, exc_type)?;
        format!("{t}: None\n")
    } else {
        crate::interp::traceback::format_exception(vm, exc_value)
    };
    crate::modules::stdio::write_to(vm, file, &text)?;
    crate::ops::call::call_method(vm, file, flush, &[])?;
    Ok(Value::NONE)
}

fn lock_of(vm: &mut Vm, v: Value) -> PyResult<&'static LockObj> {
    v.downcast::<LockObj>()
        .ok_or_else(|| vm.type_error("a lock object is required"))
}

fn allocate_lock(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let ty = vm.state_get("_thread.lock").unwrap_or(Value::NONE);
    Ok(alloc(ty, LockObj::new(false)))
}

fn set_sentinel(vm: &mut Vm, a: &[Value]) -> PyResult {
    let lock = allocate_lock(vm, a)?;
    vm.current.sentinels.push(lock);
    Ok(lock)
}

/// Releases a thread's sentinel lock when the thread ends (`threading.Thread.join` waits on it).
pub fn release_sentinel(lock: Value) {
    if let Some(l) = lock.downcast::<LockObj>() {
        l.count.set(0);
        l.owner.set(0);
    }
}

/// Wakes the threads waiting for a lock.
pub fn notify_lock_waiters() {
    gil::lock_released();
}

/// `threading._shutdown()` when `threading` was imported: joins the non-daemon threads.
pub fn wait_for_shutdown(vm: &mut Vm) {
    let Some(m) = crate::types::dict::get_str(vm.sys_modules, "threading") else {
        return;
    };
    let r = crate::ops::attr::getattr_str(vm, m, "_shutdown")
        .and_then(|f| crate::ops::call::call(vm, f, &[]));
    if let Err(e) = r {
        crate::interp::traceback::print_unraisable(
            vm,
            e.0,
            "Exception ignored on threading shutdown:",
        );
    }
}

/// Runs a started thread's `(callable, args, kwargs)`; an uncaught exception other than
/// SystemExit is reported as unraisable, as CPython does.
pub fn run_thread_body(vm: &mut Vm, boot: Value) {
    let items = crate::types::tuple::items(boot).unwrap_or(&[]).to_vec();
    let [func, args, kwargs] = items[..] else {
        return;
    };
    let args = crate::types::tuple::items(args).unwrap_or(&[]).to_vec();
    let kwargs = if kwargs.is_none() {
        Value::NULL
    } else {
        kwargs
    };
    if let Err(e) = crate::ops::call::call_ex(vm, func, &args, kwargs) {
        if vm.exc_matches(e, vm.exc.system_exit) {
            return;
        }
        let r = crate::ops::repr::repr_string(vm, func).unwrap_or_default();
        let header = format!("Exception ignored in thread started by: {r}");
        crate::interp::traceback::print_unraisable(vm, e.0, &header);
    }
}

fn rlock_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(alloc(a[0], LockObj::new(true)))
}

fn get_ident(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(crate::types::int::from_u64(vm, ident()))
}

fn get_native_id(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: gettid has no preconditions.
    let tid = unsafe { libc::gettid() };
    Ok(crate::types::int::from_i64(vm, tid as i64))
}

fn count(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::small(gil::extra_threads() as i64))
}

fn stack_size(vm: &mut Vm, a: &[Value]) -> PyResult {
    let old = vm
        .state_get("_thread.stack_size")
        .unwrap_or(Value::small(0));
    if !a[0].is_null() {
        let n = crate::ops::number::index_i64(vm, a[0])?;
        if n != 0 && n < 32768 {
            return Err(vm.value_error("size not valid: 32768 bytes"));
        }
        if n < 0 {
            return Err(vm.value_error("size must be 0 or a positive value"));
        }
        vm.state_set("_thread.stack_size", Value::small(n));
    }
    Ok(old)
}

fn start_new_thread(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (func, args, kwargs) = (a[0], a[1], a[2]);
    if !crate::ops::call::is_callable(vm, func) {
        return Err(vm.type_error("first arg must be callable"));
    }
    if !args.is::<crate::types::tuple::TupleObj>() {
        return Err(vm.type_error("2nd arg must be a tuple"));
    }
    let kwargs = if kwargs.is_null() {
        Value::NONE
    } else {
        kwargs
    };
    if !kwargs.is_none() && !kwargs.is::<crate::types::dict::DictObj>() {
        return Err(vm.type_error("optional 3rd arg must be a dictionary"));
    }
    let boot = crate::types::tuple::new_tuple(vm, vec![func, args, kwargs]);
    let size = match vm
        .state_get("_thread.stack_size")
        .and_then(|v| v.as_small_int())
    {
        Some(n) if n > 0 => n as usize,
        _ => DEFAULT_STACK,
    };
    match gil::start_thread(vm, boot, size) {
        Ok(id) => Ok(crate::types::int::from_u64(vm, id)),
        Err(_) => Err(vm.new_exc(vm.exc.runtime_error, "can't start new thread")),
    }
}

fn interrupt_main(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sig = if a[0].is_null() {
        2
    } else {
        crate::ops::number::index_i64(vm, a[0])?
    };
    if !(1..crate::modules::signals::NSIG as i64).contains(&sig) {
        return Err(vm.value_error("signal number out of range"));
    }
    crate::modules::signals::trip(sig as i32);
    Ok(Value::NONE)
}

fn exit(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.new_exc_args(vm.exc.system_exit, vec![]))
}

/// Audited (`gc_clean`): while it waits with the GIL released, what it holds is its lock
/// (an argument, rooted by a clean entry), so other threads may collect meanwhile.
fn acquire(vm: &mut Vm, a: &[Value]) -> PyResult {
    vm.take_clean_entry();
    let l = lock_of(vm, a[0])?;
    let blocking = a[1].is_null() || crate::ops::truth::is_true(vm, a[1])?;
    let timeout = if a[2].is_null() {
        -1.0
    } else {
        crate::ops::number::to_f64(vm, a[2])?
    };
    // CPython first converts the timeout to nanoseconds in an i64.
    if timeout.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if timeout.abs() * 1e9 >= i64::MAX as f64 {
        return Err(vm.overflow_error("timestamp out of range for platform time_t"));
    }
    if !blocking && timeout != -1.0 {
        return Err(vm.value_error("can't specify a timeout for a non-blocking call"));
    }
    if timeout < 0.0 && timeout != -1.0 {
        return Err(vm.value_error("timeout value must be a non-negative number"));
    }
    let r = acquire_lock(vm, l, blocking, timeout)?;
    Ok(Value::from_bool(r))
}

/// Acquires `l` for this thread, waiting (GIL released) up to `timeout` seconds (-1: for ever).
fn acquire_lock(vm: &mut Vm, l: &LockObj, blocking: bool, timeout: f64) -> PyResult<bool> {
    let me = ident();
    if l.try_take(me) {
        return Ok(true);
    }
    if !blocking {
        return Ok(false);
    }
    let deadline = (timeout >= 0.0).then(|| Instant::now() + Duration::from_secs_f64(timeout));
    loop {
        if !gil::threads_running() {
            // No other thread can release it.
            if let Some(d) = deadline {
                std::thread::sleep(d.saturating_duration_since(Instant::now()));
                return Ok(false);
            }
            return Err(vm.new_exc(
                vm.exc.runtime_error,
                "deadlock: acquiring a held lock that no other thread can release",
            ));
        }
        let more = gil::wait_for_release(vm, deadline)?;
        if l.try_take(me) {
            return Ok(true);
        }
        if !more {
            return Ok(false);
        }
    }
}

fn enter(vm: &mut Vm, a: &[Value]) -> PyResult {
    acquire(vm, &[a[0], Value::NULL, Value::NULL])
}

fn release(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    if l.count.get() == 0 || (l.recursive && l.owner.get() != ident()) {
        let msg = if l.recursive {
            "cannot release un-acquired lock"
        } else {
            "release unlocked lock"
        };
        return Err(vm.new_exc(vm.exc.runtime_error, msg));
    }
    l.count.set(l.count.get() - 1);
    if l.count.get() == 0 {
        l.owner.set(0);
        if gil::threads_running() {
            gil::lock_released();
        }
    }
    Ok(Value::NONE)
}

fn exit_ctx(vm: &mut Vm, a: &[Value]) -> PyResult {
    release(vm, &a[..1])
}

fn locked(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    Ok(Value::from_bool(l.count.get() > 0))
}

fn is_owned(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    Ok(Value::from_bool(
        l.count.get() > 0 && l.owner.get() == ident(),
    ))
}

fn recursion_count(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    Ok(crate::types::int::from_u64(vm, l.count.get()))
}

fn release_save(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    if l.count.get() == 0 {
        return Err(vm.new_exc(vm.exc.runtime_error, "cannot release un-acquired lock"));
    }
    let n = crate::types::int::from_u64(vm, l.count.replace(0));
    let owner = crate::types::int::from_u64(vm, l.owner.replace(0));
    if gil::threads_running() {
        gil::lock_released();
    }
    Ok(crate::types::tuple::new_tuple(vm, vec![n, owner]))
}

fn acquire_restore(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    let items = crate::types::tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let n = match items.first() {
        Some(v) => crate::ops::number::index_i64(vm, *v)?,
        None => 1,
    };
    let owner = match items.get(1) {
        Some(v) => crate::types::int::int_ref(*v)
            .map(|r| r.to_bigint())
            .and_then(|b| u64::try_from(b).ok())
            .unwrap_or(0),
        None => ident(),
    };
    acquire_lock(vm, l, true, -1.0)?;
    l.count.set(n.max(0) as u64);
    l.owner.set(owner);
    Ok(Value::NONE)
}

fn at_fork_reinit(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    l.count.set(0);
    l.owner.set(0);
    Ok(Value::NONE)
}

fn lock_repr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    let state = if l.count.get() > 0 {
        "locked"
    } else {
        "unlocked"
    };
    let s = if l.recursive {
        let owner = l.owner.get();
        let tn = vm.type_of(a[0]);
        let tn = typeobj::tobj(tn).qualname.borrow().clone();
        format!(
            "<{state} _thread.{tn} object owner={owner} count={} at {:#x}>",
            l.count.get(),
            a[0].bits()
        )
    } else {
        format!("<{state} _thread.lock object at {:#x}>", a[0].bits())
    };
    Ok(vm.new_string(s))
}
