//! `posix.stat_result` and the functions that produce it: `stat`, `lstat`, `fstat`.

use super::util::{self, PathSpec};
use crate::types::int::{from_i64, from_i128, from_u64};
use crate::types::structseq;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Field names of `os.stat_result` on Linux: 7 named items, 3 unnamed integer timestamps,
/// then the attribute-only fields.
const FIELDS: &[&str] = &[
    "st_mode",
    "st_ino",
    "st_dev",
    "st_nlink",
    "st_uid",
    "st_gid",
    "st_size",
    "",
    "",
    "",
    "st_atime",
    "st_mtime",
    "st_ctime",
    "st_atime_ns",
    "st_mtime_ns",
    "st_ctime_ns",
    "st_blksize",
    "st_blocks",
    "st_rdev",
];

pub fn make_type(vm: &mut Vm) -> Value {
    let ty = structseq::new_type_ex(vm, "os", "stat_result", FIELDS, 10);
    // `stat_result(seq)` copies the integer timestamps into the float fields left None.
    crate::types::typeobj::add_methods(vm, ty, STAT_RESULT_METHODS);
    vm.state_set("posix.stat_result", ty);
    ty
}

static STAT_RESULT_METHODS: &[crate::native::NativeDef] = &[crate::native_staticmethod!(
    "__new__",
    "($type, sequence, dict=None)",
    stat_result_new
)];

fn stat_result_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    // The generic struct-sequence constructor, then the float defaults.
    let obj = structseq::construct(vm, a)?;
    let items = crate::types::tuple::items(obj).unwrap_or(&[]).to_vec();
    for (i, name) in ["st_atime", "st_mtime", "st_ctime"].iter().enumerate() {
        let n = vm.intern(name);
        let cur = crate::types::instance::get(obj, n).unwrap_or(Value::NONE);
        if cur.is_none()
            && let Some(v) = items.get(7 + i)
        {
            crate::types::instance::set(vm, obj, n, *v);
        }
    }
    Ok(obj)
}

/// A `stat_result` from a C `struct stat`.
pub fn from_stat(vm: &mut Vm, st: &libc::stat) -> Value {
    let ty = vm.state_get("posix.stat_result").unwrap_or(vm.types.tuple);
    let times = [
        (st.st_atime, st.st_atime_nsec),
        (st.st_mtime, st.st_mtime_nsec),
        (st.st_ctime, st.st_ctime_nsec),
    ];
    let mut v = vec![
        from_u64(vm, st.st_mode as u64),
        from_u64(vm, st.st_ino),
        from_u64(vm, st.st_dev),
        from_u64(vm, st.st_nlink),
        from_u64(vm, st.st_uid as u64),
        from_u64(vm, st.st_gid as u64),
        from_i64(vm, st.st_size),
    ];
    for (s, _) in times {
        v.push(from_i64(vm, s));
    }
    for (s, ns) in times {
        v.push(crate::types::float::new_float(
            vm,
            s as f64 + ns as f64 * 1e-9,
        ));
    }
    for (s, ns) in times {
        v.push(from_i128(vm, s as i128 * 1_000_000_000 + ns as i128));
    }
    v.push(from_i64(vm, st.st_blksize));
    v.push(from_i64(vm, st.st_blocks));
    v.push(from_u64(vm, st.st_rdev));
    structseq::new_ex(vm, ty, v)
}

/// `fstatat`/`fstat` on a converted path: the raw struct or the errno.
pub fn do_stat(p: &util::PathArg, dirfd: i32, follow: bool) -> Result<libc::stat, i32> {
    // SAFETY: `stat` is plain old data; all-zero is a valid value.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let r = if let Some(fd) = p.fd {
        // SAFETY: `st` is a valid out-pointer.
        unsafe { libc::fstat(fd, &mut st) }
    } else {
        let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
        // SAFETY: the path is a NUL-terminated C string and `st` a valid out-pointer.
        unsafe { libc::fstatat(dirfd, p.ptr(), &mut st, flags) }
    };
    if r != 0 { Err(util::errno()) } else { Ok(st) }
}

fn stat_common(
    vm: &mut Vm,
    func: &'static str,
    path: Value,
    dir_fd: Value,
    follow: bool,
    allow_fd: bool,
) -> PyResult {
    let spec = if allow_fd {
        PathSpec::fd_ok(func)
    } else {
        PathSpec::path(func)
    };
    let p = util::convert_path(vm, spec, path)?;
    let dirfd = util::dir_fd(vm, dir_fd)?;
    util::check_fd_combos(vm, func, &p, dirfd, follow)?;
    loop {
        match do_stat(&p, dirfd, follow) {
            Ok(st) => return Ok(from_stat(vm, &st)),
            Err(libc::EINTR) => util::check_interrupt(vm)?,
            Err(e) => {
                let f = p.filename();
                return Err(util::error_from(vm, e, f, None));
            }
        }
    }
}

/// `stat(path, *, dir_fd=None, follow_symlinks=True)`.
pub fn stat(vm: &mut Vm, a: &[Value]) -> PyResult {
    let follow = util::flag(vm, a[3], true)?;
    stat_common(vm, "stat", a[1], a[2], follow, true)
}

/// `lstat(path, *, dir_fd=None)`.
pub fn lstat(vm: &mut Vm, a: &[Value]) -> PyResult {
    stat_common(vm, "lstat", a[1], a[2], false, false)
}

/// `fstat(fd)`.
pub fn fstat(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    let p = util::PathArg {
        c: None,
        fd: Some(fd),
        object: Value::NULL,
        narrow: false,
    };
    loop {
        match do_stat(&p, libc::AT_FDCWD, true) {
            Ok(st) => return Ok(from_stat(vm, &st)),
            Err(libc::EINTR) => util::check_interrupt(vm)?,
            Err(e) => return Err(util::error_from(vm, e, None, None)),
        }
    }
}
