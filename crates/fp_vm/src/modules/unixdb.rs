//! The `pwd` and `grp` native modules: the password and group databases through the
//! reentrant libc lookups (`getpwuid_r`, `getgrnam_r`...), returning `struct_passwd` /
//! `struct_group` struct sequences as CPython does.

use crate::modules::posix::util;
use crate::native;
use crate::native::NativeDef;
use crate::types::int::from_i64;
use crate::types::module::set_attr;
use crate::types::structseq;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::ffi::{CStr, CString};

static PWD_FUNCS: &[NativeDef] = &[
    native!("getpwuid", "($module, uidobj, /)", getpwuid),
    native!("getpwnam", "($module, name, /)", getpwnam),
    native!("getpwall", "($module, /)", getpwall),
];

static GRP_FUNCS: &[NativeDef] = &[
    native!("getgrgid", "($module, /, id)", getgrgid),
    native!("getgrnam", "($module, /, name)", getgrnam),
    native!("getgrall", "($module, /)", getgrall),
];

pub fn init_pwd(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "pwd", PWD_FUNCS);
    let ty = match vm.state_get("pwd.struct_passwd") {
        Some(t) => t,
        None => {
            let t = structseq::new_type(
                vm,
                "pwd",
                "struct_passwd",
                &[
                    "pw_name",
                    "pw_passwd",
                    "pw_uid",
                    "pw_gid",
                    "pw_gecos",
                    "pw_dir",
                    "pw_shell",
                ],
            );
            structseq::add_constructor(vm, t);
            vm.state_set("pwd.struct_passwd", t);
            t
        }
    };
    set_attr(vm, m, "struct_passwd", ty);
    Ok(m)
}

pub fn init_grp(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "grp", GRP_FUNCS);
    let ty = match vm.state_get("grp.struct_group") {
        Some(t) => t,
        None => {
            let t = structseq::new_type(
                vm,
                "grp",
                "struct_group",
                &["gr_name", "gr_passwd", "gr_gid", "gr_mem"],
            );
            structseq::add_constructor(vm, t);
            vm.state_set("grp.struct_group", t);
            t
        }
    };
    set_attr(vm, m, "struct_group", ty);
    Ok(m)
}

fn cstr_value(vm: &mut Vm, p: *const libc::c_char) -> Value {
    if p.is_null() {
        return Value::NONE;
    }
    // SAFETY: libc returned a NUL-terminated string inside the caller's buffer.
    let b = unsafe { CStr::from_ptr(p) }.to_bytes().to_vec();
    util::fs_name(vm, &b, false)
}

fn passwd_value(vm: &mut Vm, p: &libc::passwd) -> Value {
    let vals = vec![
        cstr_value(vm, p.pw_name),
        cstr_value(vm, p.pw_passwd),
        from_i64(vm, p.pw_uid as i64),
        from_i64(vm, p.pw_gid as i64),
        cstr_value(vm, p.pw_gecos),
        cstr_value(vm, p.pw_dir),
        cstr_value(vm, p.pw_shell),
    ];
    let ty = vm.state_get("pwd.struct_passwd").unwrap_or(Value::NONE);
    structseq::new(vm, ty, vals)
}

fn group_value(vm: &mut Vm, g: &libc::group) -> Value {
    let mut mem = Vec::new();
    let mut p = g.gr_mem;
    // SAFETY: gr_mem is a NULL-terminated array of C strings.
    unsafe {
        while !p.is_null() && !(*p).is_null() {
            mem.push(cstr_value(vm, *p));
            p = p.add(1);
        }
    }
    let mem = crate::types::list::new_list(vm, mem);
    let vals = vec![
        cstr_value(vm, g.gr_name),
        cstr_value(vm, g.gr_passwd),
        from_i64(vm, g.gr_gid as i64),
        mem,
    ];
    let ty = vm.state_get("grp.struct_group").unwrap_or(Value::NONE);
    structseq::new(vm, ty, vals)
}

/// Runs a `*_r` lookup with a growing buffer; Ok(None) when the entry does not exist.
fn lookup<T>(
    vm: &mut Vm,
    mut f: impl FnMut(*mut T, *mut libc::c_char, usize, *mut *mut T) -> i32,
    conv: impl FnOnce(&mut Vm, &T) -> Value,
) -> PyResult<Option<Value>> {
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0 as libc::c_char; size];
        // SAFETY: an all-zero C struct is a valid output buffer.
        let mut ent: T = unsafe { std::mem::zeroed() };
        let mut res: *mut T = std::ptr::null_mut();
        let r = f(&mut ent, buf.as_mut_ptr(), size, &mut res);
        if r == libc::ERANGE && size < (1 << 24) {
            size *= 4;
            continue;
        }
        if res.is_null() {
            return Ok(None);
        }
        return Ok(Some(conv(vm, &ent)));
    }
}

/// A uid/gid argument (`_Py_Uid_Converter`): an int, -1 allowed; None when out of range
/// (CPython then reports the lookup failure without the value).
fn id_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<Option<u32>> {
    if !crate::types::int::is_int(v) {
        let idx = crate::ops::attr::getattr_opt(vm, v, vm.names.index)?;
        if idx.is_none() || crate::types::float::as_f64(v).is_some() {
            return Err(vm.type_error(format!("{what} should be integer, not {}", vm.type_name(v))));
        }
    }
    let i = crate::ops::number::index(vm, v)?;
    let n =
        crate::types::int::int_ref(i).and_then(|r| num_traits::ToPrimitive::to_i64(&r.to_bigint()));
    Ok(match n {
        Some(-1) => Some(u32::MAX),
        Some(n) if (0..u32::MAX as i64).contains(&n) => Some(n as u32),
        _ => None,
    })
}

fn name_arg(vm: &mut Vm, v: Value, func: &str) -> PyResult<CString> {
    let Some(s) = crate::types::str::as_str(v) else {
        return Err(vm.type_error(format!("{func} must be str, not {}", vm.type_name(v))));
    };
    CString::new(s).map_err(|_| vm.value_error("embedded null byte"))
}

fn getpwuid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let uid = id_arg(vm, a[1], "uid")?;
    let found = match uid {
        Some(uid) => lookup(
            vm,
            // SAFETY: all buffers are valid for the given sizes.
            |e, b, n, r| unsafe { libc::getpwuid_r(uid, e, b, n, r) },
            |vm, p: &libc::passwd| passwd_value(vm, p),
        )?,
        None => None,
    };
    match found {
        Some(v) => Ok(v),
        None => {
            let msg = if uid.is_some() {
                let r = crate::ops::repr::repr_string(vm, a[1])?;
                format!("getpwuid(): uid not found: {r}")
            } else {
                "getpwuid(): uid not found".to_string()
            };
            let msg = vm.new_string(msg);
            Err(vm.key_error(msg))
        }
    }
}

fn getpwnam(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = name_arg(vm, a[1], "getpwnam() argument")?;
    let found = lookup(
        vm,
        // SAFETY: all buffers are valid for the given sizes.
        |e, b, n, r| unsafe { libc::getpwnam_r(name.as_ptr(), e, b, n, r) },
        |vm, p: &libc::passwd| passwd_value(vm, p),
    )?;
    match found {
        Some(v) => Ok(v),
        None => {
            let r = crate::ops::repr::repr_string(vm, a[1])?;
            let msg = vm.new_string(format!("getpwnam(): name not found: {r}"));
            Err(vm.key_error(msg))
        }
    }
}

fn getpwall(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let mut out = Vec::new();
    // SAFETY: the non-reentrant enumeration runs on the interpreter thread only; each entry
    // is converted before the next call.
    unsafe {
        libc::setpwent();
        loop {
            let p = libc::getpwent();
            if p.is_null() {
                break;
            }
            out.push(passwd_value(vm, &*p));
        }
        libc::endpwent();
    }
    Ok(crate::types::list::new_list(vm, out))
}

fn getgrgid(vm: &mut Vm, a: &[Value]) -> PyResult {
    let gid = id_arg(vm, a[1], "gid")?;
    let found = match gid {
        Some(gid) => lookup(
            vm,
            // SAFETY: all buffers are valid for the given sizes.
            |e, b, n, r| unsafe { libc::getgrgid_r(gid, e, b, n, r) },
            |vm, g: &libc::group| group_value(vm, g),
        )?,
        None => None,
    };
    match found {
        Some(v) => Ok(v),
        None => {
            let msg = if gid.is_some() {
                let r = crate::ops::repr::repr_string(vm, a[1])?;
                format!("getgrgid(): gid not found: {r}")
            } else {
                "getgrgid(): gid not found".to_string()
            };
            let msg = vm.new_string(msg);
            Err(vm.key_error(msg))
        }
    }
}

fn getgrnam(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = name_arg(vm, a[1], "getgrnam() argument 'name'")?;
    let found = lookup(
        vm,
        // SAFETY: all buffers are valid for the given sizes.
        |e, b, n, r| unsafe { libc::getgrnam_r(name.as_ptr(), e, b, n, r) },
        |vm, g: &libc::group| group_value(vm, g),
    )?;
    match found {
        Some(v) => Ok(v),
        None => {
            let r = crate::ops::repr::repr_string(vm, a[1])?;
            let msg = vm.new_string(format!("getgrnam(): name not found: {r}"));
            Err(vm.key_error(msg))
        }
    }
}

fn getgrall(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let mut out = Vec::new();
    // SAFETY: as in getpwall.
    unsafe {
        libc::setgrent();
        loop {
            let g = libc::getgrent();
            if g.is_null() {
                break;
            }
            out.push(group_value(vm, &*g));
        }
        libc::endgrent();
    }
    Ok(crate::types::list::new_list(vm, out))
}
