//! The `_stat` native module: the `S_*` mode constants, the `S_IS*`/`S_IMODE`/`S_IFMT`
//! predicates and `filemode`, which CPython's `stat.py` re-exports.

use crate::native;
use crate::native::NativeDef;
use crate::types::int::int_ref;
use crate::types::module::set_attr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_stat", FUNCS);
    for (name, v) in CONSTANTS {
        let v = crate::types::int::from_i64(vm, *v);
        set_attr(vm, m, name, v);
    }
    Ok(m)
}

const S_IFMT: u32 = 0o170000;

/// A mode argument as CPython's `_PyLong_AsMode_t`: an int that fits in a C `mode_t`.
fn mode(vm: &mut Vm, v: Value) -> PyResult<u32> {
    let Some(i) = int_ref(v) else {
        return Err(vm.type_error("an integer is required"));
    };
    if i.is_negative() {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    let b = i.to_bigint();
    match num_traits::ToPrimitive::to_u64(&b) {
        Some(x) if x <= u32::MAX as u64 => Ok(x as u32),
        Some(_) => Err(vm.overflow_error("mode out of range")),
        None => Err(vm.overflow_error("Python int too large to convert to C unsigned long")),
    }
}

macro_rules! is_fmt {
    ($fname:ident, $fmt:expr) => {
        fn $fname(vm: &mut Vm, a: &[Value]) -> PyResult {
            let m = mode(vm, a[1])?;
            Ok(Value::from_bool($fmt != 0 && m & S_IFMT == $fmt))
        }
    };
}

is_fmt!(s_isdir, 0o040000);
is_fmt!(s_ischr, 0o020000);
is_fmt!(s_isblk, 0o060000);
is_fmt!(s_isreg, 0o100000);
is_fmt!(s_isfifo, 0o010000);
is_fmt!(s_islnk, 0o120000);
is_fmt!(s_issock, 0o140000);
// Solaris doors, event ports and BSD whiteouts do not exist on Linux.
is_fmt!(s_isdoor, 0);
is_fmt!(s_isport, 0);
is_fmt!(s_iswht, 0);

fn s_imode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mode(vm, a[1])?;
    Ok(crate::types::int::from_i64(vm, (m & 0o7777) as i64))
}

fn s_ifmt(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mode(vm, a[1])?;
    Ok(crate::types::int::from_i64(vm, (m & S_IFMT) as i64))
}

/// `filemode(mode)`: `ls -l` style, e.g. `-rwxr-xr-x`.
pub fn filemode_string(m: u32) -> String {
    let kind = match m & S_IFMT {
        0o100000 => '-',
        0o040000 => 'd',
        0o120000 => 'l',
        0o060000 => 'b',
        0o020000 => 'c',
        0o010000 => 'p',
        0o140000 => 's',
        _ => '?',
    };
    let mut s = String::with_capacity(10);
    s.push(kind);
    let bit = |b: u32, c: char| if m & b != 0 { c } else { '-' };
    // Execute position with a special bit: lower case when also executable.
    let special = |x: u32, sp: u32, on: char, off: char| match (m & x != 0, m & sp != 0) {
        (true, true) => on,
        (false, true) => off,
        (true, false) => 'x',
        (false, false) => '-',
    };
    s.push(bit(0o400, 'r'));
    s.push(bit(0o200, 'w'));
    s.push(special(0o100, 0o4000, 's', 'S'));
    s.push(bit(0o040, 'r'));
    s.push(bit(0o020, 'w'));
    s.push(special(0o010, 0o2000, 's', 'S'));
    s.push(bit(0o004, 'r'));
    s.push(bit(0o002, 'w'));
    s.push(special(0o001, 0o1000, 't', 'T'));
    s
}

fn filemode(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = mode(vm, a[1])?;
    Ok(vm.new_string(filemode_string(m)))
}

static FUNCS: &[NativeDef] = &[
    native!("S_ISDIR", "($module, mode, /)", s_isdir),
    native!("S_ISCHR", "($module, mode, /)", s_ischr),
    native!("S_ISBLK", "($module, mode, /)", s_isblk),
    native!("S_ISREG", "($module, mode, /)", s_isreg),
    native!("S_ISFIFO", "($module, mode, /)", s_isfifo),
    native!("S_ISLNK", "($module, mode, /)", s_islnk),
    native!("S_ISSOCK", "($module, mode, /)", s_issock),
    native!("S_ISDOOR", "($module, mode, /)", s_isdoor),
    native!("S_ISPORT", "($module, mode, /)", s_isport),
    native!("S_ISWHT", "($module, mode, /)", s_iswht),
    native!("S_IMODE", "($module, mode, /)", s_imode),
    native!("S_IFMT", "($module, mode, /)", s_ifmt),
    native!("filemode", "($module, mode, /)", filemode),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("SF_APPEND", 262144),
    ("SF_ARCHIVED", 65536),
    ("SF_IMMUTABLE", 131072),
    ("SF_NOUNLINK", 1048576),
    ("SF_SNAPSHOT", 2097152),
    ("ST_ATIME", 7),
    ("ST_CTIME", 9),
    ("ST_DEV", 2),
    ("ST_GID", 5),
    ("ST_INO", 1),
    ("ST_MODE", 0),
    ("ST_MTIME", 8),
    ("ST_NLINK", 3),
    ("ST_SIZE", 6),
    ("ST_UID", 4),
    ("S_ENFMT", 1024),
    ("S_IEXEC", 64),
    ("S_IFBLK", 24576),
    ("S_IFCHR", 8192),
    ("S_IFDIR", 16384),
    ("S_IFDOOR", 0),
    ("S_IFIFO", 4096),
    ("S_IFLNK", 40960),
    ("S_IFPORT", 0),
    ("S_IFREG", 32768),
    ("S_IFSOCK", 49152),
    ("S_IFWHT", 0),
    ("S_IREAD", 256),
    ("S_IRGRP", 32),
    ("S_IROTH", 4),
    ("S_IRUSR", 256),
    ("S_IRWXG", 56),
    ("S_IRWXO", 7),
    ("S_IRWXU", 448),
    ("S_ISGID", 1024),
    ("S_ISUID", 2048),
    ("S_ISVTX", 512),
    ("S_IWGRP", 16),
    ("S_IWOTH", 2),
    ("S_IWRITE", 128),
    ("S_IWUSR", 128),
    ("S_IXGRP", 8),
    ("S_IXOTH", 1),
    ("S_IXUSR", 64),
    ("UF_APPEND", 4),
    ("UF_COMPRESSED", 32),
    ("UF_HIDDEN", 32768),
    ("UF_IMMUTABLE", 2),
    ("UF_NODUMP", 1),
    ("UF_NOUNLINK", 16),
    ("UF_OPAQUE", 8),
];
