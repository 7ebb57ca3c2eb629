//! `_thread`: locks, thread identity and (not yet) thread creation.
//!
//! ferropy runs one thread of Python code. Locks are real objects with CPython's interface and
//! states, so `threading`, `importlib` and `queue` work; a blocking acquire of a lock that no
//! other thread could ever release raises RuntimeError instead of hanging forever, and
//! `start_new_thread` raises RuntimeError naming the limitation.

use crate::heap::alloc;
use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::module::set_attr;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_staticmethod};
use std::cell::Cell;

/// `_thread.lock` (`recursive == false`) and `_thread.RLock`.
pub struct LockObj {
    pub recursive: bool,
    /// Acquisition depth: 0 or 1 for a lock, any count for an RLock.
    pub count: Cell<u64>,
}

impl Trace for LockObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

impl Payload for LockObj {
    const KIND: ObjKind = ObjKind::Lock;
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
    native!("_set_sentinel", "()", allocate_lock),
];

static LOCK_METHODS: &[NativeDef] = &[
    native!("acquire", "($self, /, blocking=True, timeout=-1)", acquire),
    native!(
        "acquire_lock",
        "($self, /, blocking=True, timeout=-1)",
        acquire
    ),
    native!("__enter__", "($self, /)", enter),
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
    native!("acquire", "($self, /, blocking=True, timeout=-1)", acquire),
    native!("__enter__", "($self, /)", enter),
    native!("release", "($self, /)", release),
    native!("__exit__", "($self, /, *args)", exit_ctx),
    native!("_is_owned", "($self, /)", locked),
    native!("_recursion_count", "($self, /)", recursion_count),
    native!("_release_save", "($self, /)", release_save),
    native!("_acquire_restore", "($self, state, /)", acquire_restore),
    native!("_at_fork_reinit", "($self, /)", at_fork_reinit),
    native!("__repr__", "($self, /)", lock_repr),
];

/// The one thread's identity, as `threading.get_ident()` reports it.
fn ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

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
    let err = vm.exc.runtime_error;
    set_attr(vm, m, "error", err);
    let tm = crate::types::float::new_float(vm, TIMEOUT_MAX);
    set_attr(vm, m, "TIMEOUT_MAX", tm);
    // `_local` (threading.local): with a single thread, an instance's own `__dict__` is its
    // thread-local state. Without it threading falls back to `_threading_local`, which
    // replaces `__dict__` under a slot, and slots share ferropy's attribute store.
    let d = crate::types::module::module_dict(m);
    let exec = crate::ops::attr::getattr_str(vm, vm.builtins, "exec")?;
    let src = vm.new_str(LOCAL_SOURCE);
    crate::ops::call::call(vm, exec, &[src, d])?;
    Ok(m)
}

const LOCAL_SOURCE: &str = "\
class _local:
    \"Thread-local data\"
    __module__ = '_thread'
    def __new__(cls, /, *args, **kw):
        if (args or kw) and (cls.__init__ is object.__init__):
            raise TypeError('Initialization arguments are not supported')
        return object.__new__(cls)
";

fn lock_of(vm: &mut Vm, v: Value) -> PyResult<&'static LockObj> {
    v.downcast::<LockObj>()
        .ok_or_else(|| vm.type_error("a lock object is required"))
}

fn allocate_lock(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let ty = vm.state_get("_thread.lock").unwrap_or(Value::NONE);
    Ok(alloc(
        ty,
        LockObj {
            recursive: false,
            count: Cell::new(0),
        },
    ))
}

fn rlock_new(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(alloc(
        a[0],
        LockObj {
            recursive: true,
            count: Cell::new(0),
        },
    ))
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
    Ok(Value::try_small_int(0).unwrap_or(Value::NONE))
}

fn stack_size(vm: &mut Vm, a: &[Value]) -> PyResult {
    if !a[0].is_null() && a[0].as_small_int() != Some(0) {
        let n = crate::ops::number::index_i64(vm, a[0])?;
        if n < 32768 {
            return Err(vm.value_error("size not valid: 32768 bytes"));
        }
    }
    Ok(Value::try_small_int(0).unwrap_or(Value::NONE))
}

fn start_new_thread(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Err(vm.new_exc(
        vm.exc.runtime_error,
        "can't start new thread: ferropy does not support threads yet",
    ))
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

fn acquire(vm: &mut Vm, a: &[Value]) -> PyResult {
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
    if l.recursive || l.count.get() == 0 {
        l.count.set(l.count.get() + 1);
        return Ok(Value::TRUE);
    }
    if !blocking {
        return Ok(Value::FALSE);
    }
    if timeout >= 0.0 {
        // No other thread can release it: wait out the timeout, as CPython would.
        std::thread::sleep(std::time::Duration::from_secs_f64(timeout));
        return Ok(Value::FALSE);
    }
    Err(vm.new_exc(
        vm.exc.runtime_error,
        "deadlock: acquiring a held lock that no other thread can release",
    ))
}

fn enter(vm: &mut Vm, a: &[Value]) -> PyResult {
    acquire(vm, &[a[0], Value::NULL, Value::NULL])
}

fn release(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    if l.count.get() == 0 {
        let msg = if l.recursive {
            "cannot release un-acquired lock"
        } else {
            "release unlocked lock"
        };
        return Err(vm.new_exc(vm.exc.runtime_error, msg));
    }
    l.count.set(l.count.get() - 1);
    Ok(Value::NONE)
}

fn exit_ctx(vm: &mut Vm, a: &[Value]) -> PyResult {
    release(vm, &a[..1])
}

fn locked(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    Ok(Value::from_bool(l.count.get() > 0))
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
    let owner = crate::types::int::from_u64(vm, ident());
    Ok(crate::types::tuple::new_tuple(vm, vec![n, owner]))
}

fn acquire_restore(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = lock_of(vm, a[0])?;
    let items = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    let n = match items.first() {
        Some(v) => crate::ops::number::index_i64(vm, *v)?,
        None => 1,
    };
    l.count.set(n.max(0) as u64);
    Ok(Value::NONE)
}

fn at_fork_reinit(vm: &mut Vm, a: &[Value]) -> PyResult {
    lock_of(vm, a[0])?.count.set(0);
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
        let owner = if l.count.get() > 0 { ident() } else { 0 };
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
