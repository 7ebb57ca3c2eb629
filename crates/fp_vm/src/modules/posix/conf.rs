//! `sysconf`, `confstr`, `pathconf`/`fpathconf` and their name tables (glibc's values, as
//! CPython lists them on Linux), and `statvfs`/`fstatvfs`.

use super::util::{self, PathSpec};
use crate::types::structseq;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// A configuration name (str looked up in `table`, or an int) as its number.
fn conf_name(vm: &mut Vm, v: Value, table: &[(&str, i64)]) -> PyResult<i32> {
    if let Some(s) = crate::types::str::as_str(v) {
        return match table.iter().find(|(n, _)| *n == s) {
            Some((_, x)) => Ok(*x as i32),
            None => Err(vm.value_error("unrecognized configuration name")),
        };
    }
    if crate::types::int::is_int(v) {
        return util::c_int(vm, v);
    }
    Err(vm.type_error("configuration names must be strings or integers"))
}

pub fn sysconf(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = conf_name(vm, a[1], SYSCONF_NAMES)?;
    // SAFETY: clearing errno, since -1 is also a valid "no limit" answer.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: sysconf only takes a name.
    let r = unsafe { libc::sysconf(n) };
    if r == -1 && util::errno() != 0 {
        return Err(util::last_error(vm));
    }
    Ok(crate::types::int::from_i64(vm, r as i64))
}

pub fn confstr(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = conf_name(vm, a[1], CONFSTR_NAMES)?;
    // SAFETY: clearing errno to tell "no value" from an error.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: a zero-size query returns the needed length.
    let len = unsafe { libc::confstr(n, std::ptr::null_mut(), 0) };
    if len == 0 {
        if util::errno() != 0 {
            return Err(util::last_error(vm));
        }
        return Ok(Value::NONE);
    }
    let mut buf = vec![0u8; len];
    // SAFETY: `buf` has room for `len` bytes.
    unsafe { libc::confstr(n, buf.as_mut_ptr() as *mut libc::c_char, len) };
    buf.truncate(len.saturating_sub(1));
    Ok(util::fs_name(vm, &buf, false))
}

pub fn pathconf(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::fd_ok("pathconf"), a[1])?;
    let n = conf_name(vm, a[2], PATHCONF_NAMES)?;
    // SAFETY: clearing errno, since -1 is also a valid answer.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: a NUL-terminated path or a descriptor.
    let r = unsafe {
        match p.fd {
            Some(fd) => libc::fpathconf(fd, n),
            None => libc::pathconf(p.ptr(), n),
        }
    };
    if r == -1 && util::errno() != 0 {
        return Err(util::path_error(vm, &p));
    }
    Ok(crate::types::int::from_i64(vm, r as i64))
}

pub fn fpathconf(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = super::fs::fildes(vm, a[1])?;
    let n = conf_name(vm, a[2], PATHCONF_NAMES)?;
    // SAFETY: clearing errno, since -1 is also a valid answer.
    unsafe { *libc::__errno_location() = 0 };
    // SAFETY: fpathconf only takes integers.
    let r = unsafe { libc::fpathconf(fd, n) };
    if r == -1 && util::errno() != 0 {
        return Err(util::last_error(vm));
    }
    Ok(crate::types::int::from_i64(vm, r as i64))
}

/// The three `*_names` dicts of the module.
pub fn name_dicts(vm: &mut Vm) -> PyResult<[(&'static str, Value); 3]> {
    let mut out = Vec::new();
    for (attr, table) in [
        ("sysconf_names", SYSCONF_NAMES),
        ("confstr_names", CONFSTR_NAMES),
        ("pathconf_names", PATHCONF_NAMES),
    ] {
        let d = crate::types::dict::new_dict(vm);
        for (k, v) in table {
            let k = vm.new_str(k);
            let v = crate::types::int::from_i64(vm, *v);
            crate::types::dict::set_item(vm, d, k, v)?;
        }
        out.push((attr, d));
    }
    Ok([out[0], out[1], out[2]])
}

pub fn make_statvfs_type(vm: &mut Vm) -> Value {
    let ty = structseq::new_type_ex(
        vm,
        "os",
        "statvfs_result",
        &[
            "f_bsize",
            "f_frsize",
            "f_blocks",
            "f_bfree",
            "f_bavail",
            "f_files",
            "f_ffree",
            "f_favail",
            "f_flag",
            "f_namemax",
            "f_fsid",
        ],
        10,
    );
    vm.state_set("posix.statvfs_result", ty);
    ty
}

fn from_statvfs(vm: &mut Vm, s: &libc::statvfs) -> Value {
    let vals = [
        s.f_bsize as u64,
        s.f_frsize as u64,
        s.f_blocks as u64,
        s.f_bfree as u64,
        s.f_bavail as u64,
        s.f_files as u64,
        s.f_ffree as u64,
        s.f_favail as u64,
        s.f_flag as u64,
        s.f_namemax as u64,
        s.f_fsid as u64,
    ];
    let items = vals
        .iter()
        .map(|x| crate::types::int::from_u64(vm, *x))
        .collect();
    let ty = vm
        .state_get("posix.statvfs_result")
        .unwrap_or(vm.types.tuple);
    structseq::new_ex(vm, ty, items)
}

pub fn statvfs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = util::convert_path(vm, PathSpec::fd_ok("statvfs"), a[1])?;
    // SAFETY: statvfs is plain data.
    let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
    let fd = p.fd;
    // SAFETY: a NUL-terminated path or a descriptor, and a valid out-pointer.
    let r = util::retry(vm, || unsafe {
        match fd {
            Some(fd) => libc::fstatvfs(fd, &mut s),
            None => libc::statvfs(p.ptr(), &mut s),
        }
    })?;
    if let Err(e) = r {
        let f = p.filename();
        return Err(util::error_from(vm, e, f, None));
    }
    Ok(from_statvfs(vm, &s))
}

pub fn fstatvfs(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    // SAFETY: statvfs is plain data.
    let mut s: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid out-pointer.
    match util::retry(vm, || unsafe { libc::fstatvfs(fd, &mut s) })? {
        Ok(_) => Ok(from_statvfs(vm, &s)),
        Err(e) => Err(util::error_from(vm, e, None, None)),
    }
}

const SYSCONF_NAMES: &[(&str, i64)] = &[
    ("SC_2_CHAR_TERM", 95),
    ("SC_2_C_BIND", 47),
    ("SC_2_C_DEV", 48),
    ("SC_2_C_VERSION", 96),
    ("SC_2_FORT_DEV", 49),
    ("SC_2_FORT_RUN", 50),
    ("SC_2_LOCALEDEF", 52),
    ("SC_2_SW_DEV", 51),
    ("SC_2_UPE", 97),
    ("SC_2_VERSION", 46),
    ("SC_AIO_LISTIO_MAX", 23),
    ("SC_AIO_MAX", 24),
    ("SC_AIO_PRIO_DELTA_MAX", 25),
    ("SC_ARG_MAX", 0),
    ("SC_ASYNCHRONOUS_IO", 12),
    ("SC_ATEXIT_MAX", 87),
    ("SC_AVPHYS_PAGES", 86),
    ("SC_BC_BASE_MAX", 36),
    ("SC_BC_DIM_MAX", 37),
    ("SC_BC_SCALE_MAX", 38),
    ("SC_BC_STRING_MAX", 39),
    ("SC_CHARCLASS_NAME_MAX", 45),
    ("SC_CHAR_BIT", 101),
    ("SC_CHAR_MAX", 102),
    ("SC_CHAR_MIN", 103),
    ("SC_CHILD_MAX", 1),
    ("SC_CLK_TCK", 2),
    ("SC_COLL_WEIGHTS_MAX", 40),
    ("SC_DELAYTIMER_MAX", 26),
    ("SC_EQUIV_CLASS_MAX", 41),
    ("SC_EXPR_NEST_MAX", 42),
    ("SC_FSYNC", 15),
    ("SC_GETGR_R_SIZE_MAX", 69),
    ("SC_GETPW_R_SIZE_MAX", 70),
    ("SC_INT_MAX", 104),
    ("SC_INT_MIN", 105),
    ("SC_IOV_MAX", 60),
    ("SC_JOB_CONTROL", 7),
    ("SC_LINE_MAX", 43),
    ("SC_LOGIN_NAME_MAX", 71),
    ("SC_LONG_BIT", 106),
    ("SC_MAPPED_FILES", 16),
    ("SC_MB_LEN_MAX", 108),
    ("SC_MEMLOCK", 17),
    ("SC_MEMLOCK_RANGE", 18),
    ("SC_MEMORY_PROTECTION", 19),
    ("SC_MESSAGE_PASSING", 20),
    ("SC_MINSIGSTKSZ", 249),
    ("SC_MQ_OPEN_MAX", 27),
    ("SC_MQ_PRIO_MAX", 28),
    ("SC_NGROUPS_MAX", 3),
    ("SC_NL_ARGMAX", 119),
    ("SC_NL_LANGMAX", 120),
    ("SC_NL_MSGMAX", 121),
    ("SC_NL_NMAX", 122),
    ("SC_NL_SETMAX", 123),
    ("SC_NL_TEXTMAX", 124),
    ("SC_NPROCESSORS_CONF", 83),
    ("SC_NPROCESSORS_ONLN", 84),
    ("SC_NZERO", 109),
    ("SC_OPEN_MAX", 4),
    ("SC_PAGESIZE", 30),
    ("SC_PAGE_SIZE", 30),
    ("SC_PASS_MAX", 88),
    ("SC_PHYS_PAGES", 85),
    ("SC_PII", 53),
    ("SC_PII_INTERNET", 56),
    ("SC_PII_INTERNET_DGRAM", 62),
    ("SC_PII_INTERNET_STREAM", 61),
    ("SC_PII_OSI", 57),
    ("SC_PII_OSI_CLTS", 64),
    ("SC_PII_OSI_COTS", 63),
    ("SC_PII_OSI_M", 65),
    ("SC_PII_SOCKET", 55),
    ("SC_PII_XTI", 54),
    ("SC_POLL", 58),
    ("SC_PRIORITIZED_IO", 13),
    ("SC_PRIORITY_SCHEDULING", 10),
    ("SC_REALTIME_SIGNALS", 9),
    ("SC_RE_DUP_MAX", 44),
    ("SC_RTSIG_MAX", 31),
    ("SC_SAVED_IDS", 8),
    ("SC_SCHAR_MAX", 111),
    ("SC_SCHAR_MIN", 112),
    ("SC_SELECT", 59),
    ("SC_SEMAPHORES", 21),
    ("SC_SEM_NSEMS_MAX", 32),
    ("SC_SEM_VALUE_MAX", 33),
    ("SC_SHARED_MEMORY_OBJECTS", 22),
    ("SC_SHRT_MAX", 113),
    ("SC_SHRT_MIN", 114),
    ("SC_SIGQUEUE_MAX", 34),
    ("SC_SSIZE_MAX", 110),
    ("SC_STREAM_MAX", 5),
    ("SC_SYNCHRONIZED_IO", 14),
    ("SC_THREADS", 67),
    ("SC_THREAD_ATTR_STACKADDR", 77),
    ("SC_THREAD_ATTR_STACKSIZE", 78),
    ("SC_THREAD_DESTRUCTOR_ITERATIONS", 73),
    ("SC_THREAD_KEYS_MAX", 74),
    ("SC_THREAD_PRIORITY_SCHEDULING", 79),
    ("SC_THREAD_PRIO_INHERIT", 80),
    ("SC_THREAD_PRIO_PROTECT", 81),
    ("SC_THREAD_PROCESS_SHARED", 82),
    ("SC_THREAD_SAFE_FUNCTIONS", 68),
    ("SC_THREAD_STACK_MIN", 75),
    ("SC_THREAD_THREADS_MAX", 76),
    ("SC_TIMERS", 11),
    ("SC_TIMER_MAX", 35),
    ("SC_TTY_NAME_MAX", 72),
    ("SC_TZNAME_MAX", 6),
    ("SC_T_IOV_MAX", 66),
    ("SC_UCHAR_MAX", 115),
    ("SC_UINT_MAX", 116),
    ("SC_UIO_MAXIOV", 60),
    ("SC_ULONG_MAX", 117),
    ("SC_USHRT_MAX", 118),
    ("SC_VERSION", 29),
    ("SC_WORD_BIT", 107),
    ("SC_XBS5_ILP32_OFF32", 125),
    ("SC_XBS5_ILP32_OFFBIG", 126),
    ("SC_XBS5_LP64_OFF64", 127),
    ("SC_XBS5_LPBIG_OFFBIG", 128),
    ("SC_XOPEN_CRYPT", 92),
    ("SC_XOPEN_ENH_I18N", 93),
    ("SC_XOPEN_LEGACY", 129),
    ("SC_XOPEN_REALTIME", 130),
    ("SC_XOPEN_REALTIME_THREADS", 131),
    ("SC_XOPEN_SHM", 94),
    ("SC_XOPEN_UNIX", 91),
    ("SC_XOPEN_VERSION", 89),
    ("SC_XOPEN_XCU_VERSION", 90),
    ("SC_XOPEN_XPG2", 98),
    ("SC_XOPEN_XPG3", 99),
    ("SC_XOPEN_XPG4", 100),
];

const CONFSTR_NAMES: &[(&str, i64)] = &[
    ("CS_GNU_LIBC_VERSION", 2),
    ("CS_GNU_LIBPTHREAD_VERSION", 3),
    ("CS_LFS64_CFLAGS", 1004),
    ("CS_LFS64_LDFLAGS", 1005),
    ("CS_LFS64_LIBS", 1006),
    ("CS_LFS64_LINTFLAGS", 1007),
    ("CS_LFS_CFLAGS", 1000),
    ("CS_LFS_LDFLAGS", 1001),
    ("CS_LFS_LIBS", 1002),
    ("CS_LFS_LINTFLAGS", 1003),
    ("CS_PATH", 0),
    ("CS_XBS5_ILP32_OFF32_CFLAGS", 1100),
    ("CS_XBS5_ILP32_OFF32_LDFLAGS", 1101),
    ("CS_XBS5_ILP32_OFF32_LIBS", 1102),
    ("CS_XBS5_ILP32_OFF32_LINTFLAGS", 1103),
    ("CS_XBS5_ILP32_OFFBIG_CFLAGS", 1104),
    ("CS_XBS5_ILP32_OFFBIG_LDFLAGS", 1105),
    ("CS_XBS5_ILP32_OFFBIG_LIBS", 1106),
    ("CS_XBS5_ILP32_OFFBIG_LINTFLAGS", 1107),
    ("CS_XBS5_LP64_OFF64_CFLAGS", 1108),
    ("CS_XBS5_LP64_OFF64_LDFLAGS", 1109),
    ("CS_XBS5_LP64_OFF64_LIBS", 1110),
    ("CS_XBS5_LP64_OFF64_LINTFLAGS", 1111),
    ("CS_XBS5_LPBIG_OFFBIG_CFLAGS", 1112),
    ("CS_XBS5_LPBIG_OFFBIG_LDFLAGS", 1113),
    ("CS_XBS5_LPBIG_OFFBIG_LIBS", 1114),
    ("CS_XBS5_LPBIG_OFFBIG_LINTFLAGS", 1115),
];

const PATHCONF_NAMES: &[(&str, i64)] = &[
    ("PC_ALLOC_SIZE_MIN", 18),
    ("PC_ASYNC_IO", 10),
    ("PC_CHOWN_RESTRICTED", 6),
    ("PC_FILESIZEBITS", 13),
    ("PC_LINK_MAX", 0),
    ("PC_MAX_CANON", 1),
    ("PC_MAX_INPUT", 2),
    ("PC_NAME_MAX", 3),
    ("PC_NO_TRUNC", 7),
    ("PC_PATH_MAX", 4),
    ("PC_PIPE_BUF", 5),
    ("PC_PRIO_IO", 11),
    ("PC_REC_INCR_XFER_SIZE", 14),
    ("PC_REC_MAX_XFER_SIZE", 15),
    ("PC_REC_MIN_XFER_SIZE", 16),
    ("PC_REC_XFER_ALIGN", 17),
    ("PC_SOCK_MAXBUF", 12),
    ("PC_SYMLINK_MAX", 19),
    ("PC_SYNC_IO", 9),
    ("PC_VDISABLE", 8),
];
