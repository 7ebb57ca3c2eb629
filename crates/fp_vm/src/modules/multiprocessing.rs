//! `_multiprocessing` (POSIX): `SemLock`, the semaphore behind `multiprocessing`'s locks,
//! semaphores and conditions, over POSIX named semaphores (`sem_open`), and `sem_unlink`.
//! As CPython's, a RECURSIVE_MUTEX SemLock counts its owner's nested acquisitions itself and
//! only the outermost touches the semaphore; a blocking wait releases the GIL and runs signal
//! handlers when interrupted.

use crate::modules::posix::util::{errno, error_from, last_error};
use crate::modules::stdobj::{self, StdData};
use crate::native::NativeDef;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, native_classmethod, native_staticmethod};
use std::cell::Cell;

const RECURSIVE_MUTEX: i64 = 0;
const SEMAPHORE: i64 = 1;
const SEM_VALUE_MAX: i64 = i32::MAX as i64;
const TYPE_KEY: &str = "_multiprocessing.SemLock";

static FUNCS: &[NativeDef] = &[native!("sem_unlink", "(name, /)", sem_unlink)];

static METHODS: &[NativeDef] = &[
    native_staticmethod!(
        "__new__",
        "($type, kind, value, maxvalue, name, unlink)",
        semlock_new
    ),
    native!("acquire", "($self, /, block=True, timeout=None)", acquire),
    native!("release", "($self, /)", release),
    native!("__enter__", "($self, /)", enter),
    native!("__exit__", "($self, /, *args)", exit),
    native!("_count", "($self, /)", count),
    native!("_is_mine", "($self, /)", is_mine),
    native!("_get_value", "($self, /)", get_value),
    native!("_is_zero", "($self, /)", is_zero),
    native!("_after_fork", "($self, /)", after_fork),
    native_classmethod!(
        "_rebuild",
        "($type, handle, kind, maxvalue, name, /)",
        rebuild
    ),
];

static GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("handle", "($self, /)", get_handle), None),
    (native!("kind", "($self, /)", get_kind), None),
    (native!("maxvalue", "($self, /)", get_maxvalue), None),
    (native!("name", "($self, /)", get_name), None),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_multiprocessing", FUNCS);
    let ty = match vm.state_get(TYPE_KEY) {
        Some(t) => t,
        None => {
            let t = stdobj::new_type(
                vm,
                "_multiprocessing",
                "SemLock",
                TypeFlags::BASETYPE,
                METHODS,
            );
            typeobj::add_getsets(vm, t, GETSETS);
            let max = crate::types::int::from_i64(vm, SEM_VALUE_MAX);
            typeobj::set_type_attr(vm, t, "SEM_VALUE_MAX", max);
            t
        }
    };
    crate::types::module::set_attr(vm, m, "SemLock", ty);
    let flags = crate::types::dict::new_dict(vm);
    for k in ["HAVE_SEM_OPEN", "HAVE_SEM_TIMEDWAIT"] {
        let key = vm.new_str(k);
        crate::types::dict::set_item(vm, flags, key, Value::small(1))?;
    }
    crate::types::module::set_attr(vm, m, "flags", flags);
    Ok(m)
}

struct SemLock {
    /// The `sem_t *` from `sem_open`.
    handle: usize,
    kind: i64,
    maxvalue: i64,
    /// The semaphore's name, or None once unlinked.
    name: Value,
    /// Acquisitions held by `last_tid` (nested ones for a RECURSIVE_MUTEX).
    count: Cell<i64>,
    last_tid: Cell<u64>,
}

impl StdData for SemLock {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        stdobj::visit_all(&[self.name], visit);
    }
}

impl Drop for SemLock {
    fn drop(&mut self) {
        // SAFETY: `handle` came from a successful sem_open and is closed only here.
        unsafe { libc::sem_close(self.handle as *mut libc::sem_t) };
    }
}

impl SemLock {
    fn sem(&self) -> *mut libc::sem_t {
        self.handle as *mut libc::sem_t
    }
    fn is_mine(&self) -> bool {
        self.count.get() > 0 && self.last_tid.get() == crate::gil::ident()
    }
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static SemLock> {
    stdobj::expect::<SemLock>(vm, v, "_multiprocessing.SemLock")
}

fn name_bytes(vm: &mut Vm, name: Value) -> PyResult<std::ffi::CString> {
    let Some(s) = crate::types::str::as_str(name) else {
        return Err(vm.type_error(format!(
            "argument 'name' must be str, not {}",
            vm.type_name(name)
        )));
    };
    std::ffi::CString::new(s).map_err(|_| vm.value_error("embedded null character"))
}

fn semlock_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let kind = crate::ops::number::index_i64(vm, a[1])?;
    let value = crate::ops::number::index_i64(vm, a[2])?;
    let maxvalue = crate::ops::number::index_i64(vm, a[3])?;
    let unlink = crate::ops::truth::is_true(vm, a[5])?;
    if kind != RECURSIVE_MUTEX && kind != SEMAPHORE {
        return Err(vm.value_error("unrecognized kind"));
    }
    let cname = name_bytes(vm, a[4])?;
    let value = u32::try_from(value).map_err(|_| vm.overflow_error("value out of range"))?;
    // SAFETY: `cname` is a valid C string; the extra arguments are those O_CREAT needs.
    let sem = unsafe {
        libc::sem_open(
            cname.as_ptr(),
            libc::O_CREAT | libc::O_EXCL,
            0o600 as libc::c_uint,
            value as libc::c_uint,
        )
    };
    if sem == libc::SEM_FAILED {
        return Err(last_error(vm));
    }
    let mut name = a[4];
    if unlink {
        // SAFETY: as above.
        if unsafe { libc::sem_unlink(cname.as_ptr()) } < 0 {
            let e = errno();
            // SAFETY: `sem` is open and owned here.
            unsafe { libc::sem_close(sem) };
            return Err(error_from(vm, e, None, None));
        }
        name = Value::NONE;
    }
    Ok(new_semlock(a[0], sem as usize, kind, maxvalue, name))
}

fn new_semlock(ty: Value, handle: usize, kind: i64, maxvalue: i64, name: Value) -> Value {
    stdobj::new_obj(
        ty,
        SemLock {
            handle,
            kind,
            maxvalue,
            name,
            count: Cell::new(0),
            last_tid: Cell::new(0),
        },
    )
}

/// `_rebuild(handle, kind, maxvalue, name)`: the SemLock of another process (a named one is
/// opened again by name; an unnamed one inherited through fork keeps its handle).
fn rebuild(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut handle = crate::ops::number::index_i64(vm, a[1])? as usize;
    let kind = crate::ops::number::index_i64(vm, a[2])?;
    let maxvalue = crate::ops::number::index_i64(vm, a[3])?;
    let name = a[4];
    if !name.is_none() {
        let cname = name_bytes(vm, name)?;
        // SAFETY: `cname` is a valid C string.
        let sem = unsafe { libc::sem_open(cname.as_ptr(), 0) };
        if sem == libc::SEM_FAILED {
            return Err(last_error(vm));
        }
        handle = sem as usize;
    }
    Ok(new_semlock(a[0], handle, kind, maxvalue, name))
}

fn acquire(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let blocking = a[1].is_null() || crate::ops::truth::is_true(vm, a[1])?;
    if s.kind == RECURSIVE_MUTEX && s.is_mine() {
        s.count.set(s.count.get() + 1);
        return Ok(Value::TRUE);
    }
    let deadline = if a[2].is_null() || a[2].is_none() {
        None
    } else {
        let t = crate::ops::number::to_f64(vm, a[2])?.max(0.0);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        let at = now + std::time::Duration::from_secs_f64(t.min(1e10));
        Some(libc::timespec {
            tv_sec: at.as_secs() as libc::time_t,
            tv_nsec: at.subsec_nanos() as libc::c_long,
        })
    };
    let sem = s.sem() as usize;
    // A free semaphore is taken without releasing the GIL.
    // SAFETY: `sem` is the open semaphore this object owns.
    let mut r = unsafe { libc::sem_trywait(sem as *mut libc::sem_t) };
    if r < 0 && errno() == libc::EAGAIN && !blocking {
        return Ok(Value::FALSE);
    }
    while r < 0 {
        let e = errno();
        if e != libc::EAGAIN && e != libc::EINTR {
            return Err(error_from(vm, e, None, None));
        }
        if e == libc::EINTR {
            crate::modules::signals::check(vm)?;
        }
        r = vm.allow_threads(|| {
            let p = sem as *mut libc::sem_t;
            // SAFETY: the semaphore stays open: the SemLock is referenced by the caller's
            // arguments for the whole call.
            unsafe {
                match &deadline {
                    Some(ts) => libc::sem_timedwait(p, ts),
                    None => libc::sem_wait(p),
                }
            }
        });
        if r < 0 && errno() == libc::ETIMEDOUT {
            return Ok(Value::FALSE);
        }
    }
    s.count.set(s.count.get() + 1);
    s.last_tid.set(crate::gil::ident());
    Ok(Value::TRUE)
}

fn release(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    if s.kind == RECURSIVE_MUTEX {
        if !s.is_mine() {
            return Err(vm.new_exc(
                vm.exc.assertion_error,
                "attempt to release recursive lock not owned by thread",
            ));
        }
        if s.count.get() > 1 {
            s.count.set(s.count.get() - 1);
            return Ok(Value::NONE);
        }
    } else {
        let mut sval: libc::c_int = 0;
        // SAFETY: the semaphore is open; `sval` is a valid out-pointer.
        if unsafe { libc::sem_getvalue(s.sem(), &mut sval) } < 0 {
            return Err(last_error(vm));
        }
        if sval as i64 >= s.maxvalue {
            return Err(vm.value_error("semaphore or lock released too many times"));
        }
    }
    // SAFETY: the semaphore is open.
    if unsafe { libc::sem_post(s.sem()) } < 0 {
        return Err(last_error(vm));
    }
    s.count.set(s.count.get() - 1);
    Ok(Value::NONE)
}

fn enter(vm: &mut Vm, a: &[Value]) -> PyResult {
    acquire(vm, &[a[0], Value::NULL, Value::NULL])
}

fn exit(vm: &mut Vm, a: &[Value]) -> PyResult {
    release(vm, &a[..1])
}

fn count(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(crate::types::int::from_i64(vm, s.count.get()))
}

fn is_mine(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(this(vm, a[0])?.is_mine()))
}

fn value_of(vm: &mut Vm, s: &SemLock) -> PyResult<i64> {
    let mut sval: libc::c_int = 0;
    // SAFETY: the semaphore is open; `sval` is a valid out-pointer.
    if unsafe { libc::sem_getvalue(s.sem(), &mut sval) } < 0 {
        return Err(last_error(vm));
    }
    // Some platforms report waiters as a negative value.
    Ok((sval as i64).max(0))
}

fn get_value(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let v = value_of(vm, s)?;
    Ok(crate::types::int::from_i64(vm, v))
}

fn is_zero(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(Value::from_bool(value_of(vm, s)? == 0))
}

fn after_fork(vm: &mut Vm, a: &[Value]) -> PyResult {
    this(vm, a[0])?.count.set(0);
    Ok(Value::NONE)
}

fn get_handle(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(crate::types::int::from_u64(vm, s.handle as u64))
}

fn get_kind(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(crate::types::int::from_i64(vm, s.kind))
}

fn get_maxvalue(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    Ok(crate::types::int::from_i64(vm, s.maxvalue))
}

fn get_name(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this(vm, a[0])?.name)
}

fn sem_unlink(vm: &mut Vm, a: &[Value]) -> PyResult {
    let cname = name_bytes(vm, a[0])?;
    // SAFETY: `cname` is a valid C string.
    if unsafe { libc::sem_unlink(cname.as_ptr()) } < 0 {
        return Err(last_error(vm));
    }
    Ok(Value::NONE)
}
