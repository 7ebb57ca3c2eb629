//! The `resource` native module on Linux: resource limits (`getrlimit`, `setrlimit`,
//! `prlimit`), `getrusage` (a `struct_rusage` struct sequence) and `getpagesize`.

use crate::modules::posix::util;
use crate::native;
use crate::native::NativeDef;
use crate::types::int::from_i64;
use crate::types::module::set_attr;
use crate::types::structseq;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("getrusage", "($module, who, /)", getrusage),
    native!("getrlimit", "($module, resource, /)", getrlimit),
    native!("setrlimit", "($module, resource, limits, /)", setrlimit),
    native!(
        "prlimit",
        "($module, pid, resource, limits=None, /)",
        prlimit
    ),
    native!("getpagesize", "($module, /)", getpagesize),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("RLIMIT_AS", 9),
    ("RLIMIT_CORE", 4),
    ("RLIMIT_CPU", 0),
    ("RLIMIT_DATA", 2),
    ("RLIMIT_FSIZE", 1),
    ("RLIMIT_MEMLOCK", 8),
    ("RLIMIT_MSGQUEUE", 12),
    ("RLIMIT_NICE", 13),
    ("RLIMIT_NOFILE", 7),
    ("RLIMIT_NPROC", 6),
    ("RLIMIT_OFILE", 7),
    ("RLIMIT_RSS", 5),
    ("RLIMIT_RTPRIO", 14),
    ("RLIMIT_RTTIME", 15),
    ("RLIMIT_SIGPENDING", 11),
    ("RLIMIT_STACK", 3),
    ("RLIM_INFINITY", -1),
    ("RUSAGE_CHILDREN", -1),
    ("RUSAGE_SELF", 0),
    ("RUSAGE_THREAD", 1),
];

const RUSAGE_FIELDS: &[&str] = &[
    "ru_utime",
    "ru_stime",
    "ru_maxrss",
    "ru_ixrss",
    "ru_idrss",
    "ru_isrss",
    "ru_minflt",
    "ru_majflt",
    "ru_nswap",
    "ru_inblock",
    "ru_oublock",
    "ru_msgsnd",
    "ru_msgrcv",
    "ru_nsignals",
    "ru_nvcsw",
    "ru_nivcsw",
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "resource", FUNCS);
    for (name, v) in CONSTANTS {
        let v = from_i64(vm, *v);
        set_attr(vm, m, name, v);
    }
    let os_error = vm.exc.os_error;
    set_attr(vm, m, "error", os_error);
    let ty = match vm.state_get("resource.struct_rusage") {
        Some(t) => t,
        None => {
            let t = structseq::new_type(vm, "resource", "struct_rusage", RUSAGE_FIELDS);
            structseq::add_constructor(vm, t);
            vm.state_set("resource.struct_rusage", t);
            t
        }
    };
    set_attr(vm, m, "struct_rusage", ty);
    Ok(m)
}

fn getrusage(vm: &mut Vm, a: &[Value]) -> PyResult {
    let who = util::c_int(vm, a[1])?;
    // SAFETY: the output struct is valid.
    let (r, ru) = unsafe {
        let mut ru: libc::rusage = std::mem::zeroed();
        let r = libc::getrusage(who, &mut ru);
        (r, ru)
    };
    if r < 0 {
        if util::errno() == libc::EINVAL {
            return Err(vm.value_error("invalid who parameter"));
        }
        return Err(util::last_error(vm));
    }
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    let ut = crate::types::float::new_float(vm, tv(ru.ru_utime));
    let st = crate::types::float::new_float(vm, tv(ru.ru_stime));
    let mut vals = vec![ut, st];
    for n in [
        ru.ru_maxrss,
        ru.ru_ixrss,
        ru.ru_idrss,
        ru.ru_isrss,
        ru.ru_minflt,
        ru.ru_majflt,
        ru.ru_nswap,
        ru.ru_inblock,
        ru.ru_oublock,
        ru.ru_msgsnd,
        ru.ru_msgrcv,
        ru.ru_nsignals,
        ru.ru_nvcsw,
        ru.ru_nivcsw,
    ] {
        vals.push(from_i64(vm, n));
    }
    let ty = vm
        .state_get("resource.struct_rusage")
        .unwrap_or(Value::NONE);
    Ok(structseq::new(vm, ty, vals))
}

fn resource_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let r = util::c_int(vm, v)?;
    if !(0..16).contains(&r) {
        return Err(vm.value_error("invalid resource specified"));
    }
    Ok(r)
}

fn lim_value(vm: &mut Vm, l: libc::rlim_t) -> Value {
    if l == libc::RLIM_INFINITY {
        from_i64(vm, -1)
    } else {
        crate::types::int::from_u64(vm, l)
    }
}

fn limits_tuple(vm: &mut Vm, rl: &libc::rlimit) -> Value {
    let a = lim_value(vm, rl.rlim_cur);
    let b = lim_value(vm, rl.rlim_max);
    crate::types::tuple::new_tuple(vm, vec![a, b])
}

fn lim_arg(vm: &mut Vm, v: Value) -> PyResult<libc::rlim_t> {
    let i = crate::ops::number::index(vm, v)?;
    let n = crate::types::int::int_ref(i).map(|r| r.to_bigint());
    let n = n.unwrap_or_default();
    if let Some(x) = num_traits::ToPrimitive::to_i64(&n)
        && x < 0
    {
        return Ok(libc::RLIM_INFINITY);
    }
    num_traits::ToPrimitive::to_u64(&n)
        .ok_or_else(|| vm.overflow_error("Python int too large to convert to C long"))
}

fn limits_arg(vm: &mut Vm, v: Value) -> PyResult<libc::rlimit> {
    let items = crate::ops::iter::collect(vm, v)
        .map_err(|_| vm.type_error("expected a tuple of 2 integers"))?;
    if items.len() != 2 {
        return Err(vm.value_error("expected a tuple of 2 integers"));
    }
    Ok(libc::rlimit {
        rlim_cur: lim_arg(vm, items[0])?,
        rlim_max: lim_arg(vm, items[1])?,
    })
}

fn set_error(vm: &mut Vm) -> crate::vm::Exc {
    match util::errno() {
        libc::EINVAL => vm.value_error("current limit exceeds maximum limit"),
        libc::EPERM => vm.value_error("not allowed to raise maximum limit"),
        _ => util::last_error(vm),
    }
}

fn getrlimit(vm: &mut Vm, a: &[Value]) -> PyResult {
    let res = resource_arg(vm, a[1])?;
    // SAFETY: the output struct is valid.
    let (r, rl) = unsafe {
        let mut rl: libc::rlimit = std::mem::zeroed();
        let r = libc::getrlimit(res as _, &mut rl);
        (r, rl)
    };
    if r < 0 {
        return Err(util::last_error(vm));
    }
    Ok(limits_tuple(vm, &rl))
}

fn setrlimit(vm: &mut Vm, a: &[Value]) -> PyResult {
    let res = resource_arg(vm, a[1])?;
    let rl = limits_arg(vm, a[2])?;
    // SAFETY: the input struct is valid.
    if unsafe { libc::setrlimit(res as _, &rl) } < 0 {
        return Err(set_error(vm));
    }
    Ok(Value::NONE)
}

fn prlimit(vm: &mut Vm, a: &[Value]) -> PyResult {
    let pid = util::c_int(vm, a[1])?;
    let res = resource_arg(vm, a[2])?;
    let new = if a[3].is_null() || a[3].is_none() {
        None
    } else {
        Some(limits_arg(vm, a[3])?)
    };
    // SAFETY: the structs are valid; a null new limit only queries.
    let (r, old) = unsafe {
        let mut old: libc::rlimit = std::mem::zeroed();
        let np = new
            .as_ref()
            .map_or(std::ptr::null(), |n| n as *const libc::rlimit);
        let r = libc::prlimit(pid, res as _, np, &mut old);
        (r, old)
    };
    if r < 0 {
        if util::errno() == libc::EINVAL {
            return Err(vm.value_error("current limit exceeds maximum limit"));
        }
        return Err(util::last_error(vm));
    }
    Ok(limits_tuple(vm, &old))
}

fn getpagesize(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: sysconf has no preconditions.
    let n = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Ok(from_i64(vm, n as i64))
}
