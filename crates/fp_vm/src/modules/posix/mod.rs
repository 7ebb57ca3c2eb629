//! The `posix` native module (CPython's `Modules/posixmodule.c` on Linux): what `os.py`
//! re-exports. Argument conversion and errors live in `util.rs`, file and directory
//! operations in `fs.rs`, `stat_result` in `stat.rs`, `scandir`/`DirEntry` in `scandir.rs`,
//! processes, environment and system information in `proc.rs`, the configuration queries
//! and `statvfs` in `conf.rs`, and rarer calls (vectored I/O, device numbers, id setters) in
//! `extra.rs`.

mod conf;
mod extra;
mod fs;
mod proc;
pub mod scandir;
mod stat;
pub mod util;

pub use proc::in_forked_child;

use crate::native;
use crate::native::NativeDef;
use crate::types::module::set_attr;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "posix", FUNCS);
    for (name, v) in CONSTANTS {
        let v = crate::types::int::from_i64(vm, *v);
        set_attr(vm, m, name, v);
    }
    let env = proc::environ(vm)?;
    set_attr(vm, m, "environ", env);
    let os_error = vm.exc.os_error;
    set_attr(vm, m, "error", os_error);
    let st = stat::make_type(vm);
    set_attr(vm, m, "stat_result", st);
    let (times, uname, term) = proc::make_types(vm);
    set_attr(vm, m, "times_result", times);
    set_attr(vm, m, "uname_result", uname);
    set_attr(vm, m, "terminal_size", term);
    let de = scandir::make_types(vm);
    set_attr(vm, m, "DirEntry", de);
    let vfs = conf::make_statvfs_type(vm);
    set_attr(vm, m, "statvfs_result", vfs);
    for (name, d) in conf::name_dicts(vm)? {
        set_attr(vm, m, name, d);
    }
    let wr = extra::make_waitid_type(vm);
    set_attr(vm, m, "waitid_result", wr);
    let have: Vec<Value> = HAVE_FUNCTIONS.iter().map(|n| vm.new_str(n)).collect();
    let have = crate::types::list::new_list(vm, have);
    set_attr(vm, m, "_have_functions", have);
    Ok(m)
}

/// The `HAVE_*` names `os.py` reads to build `supports_dir_fd`, `supports_fd` and
/// `supports_follow_symlinks`: only what the functions here implement.
const HAVE_FUNCTIONS: &[&str] = &[
    "HAVE_EVENTFD",
    "HAVE_FACCESSAT",
    "HAVE_FCHDIR",
    "HAVE_FCHMOD",
    "HAVE_FCHMODAT",
    "HAVE_FCHOWN",
    "HAVE_FCHOWNAT",
    "HAVE_FDOPENDIR",
    "HAVE_FEXECVE",
    "HAVE_FPATHCONF",
    "HAVE_FSTATAT",
    "HAVE_FSTATVFS",
    "HAVE_FTRUNCATE",
    "HAVE_FUTIMENS",
    "HAVE_FUTIMES",
    "HAVE_FUTIMESAT",
    "HAVE_LCHOWN",
    "HAVE_LINKAT",
    "HAVE_LUTIMES",
    "HAVE_MEMFD_CREATE",
    "HAVE_LSTAT",
    "HAVE_MKDIRAT",
    "HAVE_MKFIFOAT",
    "HAVE_MKNODAT",
    "HAVE_OPENAT",
    "HAVE_READLINKAT",
    "HAVE_RENAMEAT",
    "HAVE_SYMLINKAT",
    "HAVE_UNLINKAT",
    "HAVE_UTIMENSAT",
];

static FUNCS: &[NativeDef] = &[
    native!(
        "stat",
        "($module, /, path, *, dir_fd=None, follow_symlinks=True)",
        stat::stat
    ),
    native!("lstat", "($module, /, path, *, dir_fd=None)", stat::lstat),
    native!("fstat", "($module, /, fd)", stat::fstat),
    native!("getcwd", "($module, /)", fs::getcwd),
    native!("getcwdb", "($module, /)", fs::getcwdb),
    native!("chdir", "($module, /, path)", fs::chdir),
    native!("fchdir", "($module, /, fd)", fs::fchdir),
    native!("listdir", "($module, /, path=None)", fs::listdir),
    native!("scandir", "($module, /, path=None)", scandir::scandir),
    native!("fspath", "($module, /, path)", fs::fspath),
    native!("_path_normpath", "($module, /, path)", fs::path_normpath),
    native!(
        "open",
        "($module, /, path, flags, mode=511, *, dir_fd=None)",
        fs::open
    )
    .gc_clean(),
    native!("close", "($module, /, fd)", fs::close),
    native!(
        "closerange",
        "($module, fd_low, fd_high, /)",
        fs::closerange
    ),
    native!("read", "($module, fd, length, /)", fs::read),
    native!("write", "($module, fd, data, /)", fs::write),
    native!("pread", "($module, fd, length, offset, /)", fs::pread),
    native!("pwrite", "($module, fd, buffer, offset, /)", fs::pwrite),
    native!("lseek", "($module, fd, position, whence, /)", fs::lseek),
    native!("dup", "($module, fd, /)", fs::dup),
    native!("dup2", "($module, /, fd, fd2, inheritable=True)", fs::dup2),
    native!("pipe", "($module, /)", fs::pipe),
    native!("pipe2", "($module, flags, /)", fs::pipe2),
    native!("isatty", "($module, fd, /)", fs::isatty),
    native!("ttyname", "($module, fd, /)", fs::ttyname),
    native!("get_inheritable", "($module, fd, /)", fs::get_inheritable),
    native!(
        "set_inheritable",
        "($module, fd, inheritable, /)",
        fs::set_inheritable
    ),
    native!("get_blocking", "($module, fd, /)", fs::get_blocking),
    native!(
        "set_blocking",
        "($module, fd, blocking, /)",
        fs::set_blocking
    ),
    native!("fsync", "($module, /, fd)", fs::fsync),
    native!("fdatasync", "($module, /, fd)", fs::fdatasync),
    native!("sync", "($module, /)", fs::sync),
    native!("truncate", "($module, /, path, length)", fs::truncate),
    native!("ftruncate", "($module, fd, length, /)", fs::ftruncate),
    native!("device_encoding", "($module, /, fd)", fs::device_encoding),
    native!(
        "rename",
        "($module, /, src, dst, *, src_dir_fd=None, dst_dir_fd=None)",
        fs::rename
    ),
    native!(
        "replace",
        "($module, /, src, dst, *, src_dir_fd=None, dst_dir_fd=None)",
        fs::replace
    ),
    native!("unlink", "($module, /, path, *, dir_fd=None)", fs::unlink),
    native!("remove", "($module, /, path, *, dir_fd=None)", fs::remove),
    native!("rmdir", "($module, /, path, *, dir_fd=None)", fs::rmdir),
    native!(
        "mkdir",
        "($module, /, path, mode=511, *, dir_fd=None)",
        fs::mkdir
    ),
    native!(
        "mkfifo",
        "($module, /, path, mode=438, *, dir_fd=None)",
        fs::mkfifo
    ),
    native!(
        "symlink",
        "($module, /, src, dst, target_is_directory=False, *, dir_fd=None)",
        fs::symlink
    ),
    native!(
        "link",
        "($module, /, src, dst, *, src_dir_fd=None, dst_dir_fd=None, follow_symlinks=True)",
        fs::link
    ),
    native!(
        "readlink",
        "($module, /, path, *, dir_fd=None)",
        fs::readlink
    ),
    native!(
        "chmod",
        "($module, /, path, mode, *, dir_fd=None, follow_symlinks=True)",
        fs::chmod
    ),
    native!("fchmod", "($module, /, fd, mode)", fs::fchmod),
    native!(
        "chown",
        "($module, /, path, uid, gid, *, dir_fd=None, follow_symlinks=True)",
        fs::chown
    ),
    native!(
        "access",
        "($module, /, path, mode, *, dir_fd=None, effective_ids=False, follow_symlinks=True)",
        fs::access
    ),
    native!("umask", "($module, mask, /)", fs::umask),
    native!(
        "utime",
        "($module, /, path, times=None, *, ns=<unrepresentable>, dir_fd=None, follow_symlinks=True)",
        fs::utime
    ),
    native!("getpid", "($module, /)", proc::getpid),
    native!("getppid", "($module, /)", proc::getppid),
    native!("getuid", "($module, /)", proc::getuid),
    native!("geteuid", "($module, /)", proc::geteuid),
    native!("getgid", "($module, /)", proc::getgid),
    native!("getegid", "($module, /)", proc::getegid),
    native!("getpgrp", "($module, /)", proc::getpgrp),
    native!("getpgid", "($module, /, pid)", proc::getpgid),
    native!("getsid", "($module, pid, /)", proc::getsid),
    native!("setsid", "($module, /)", proc::setsid),
    native!("setpgid", "($module, pid, pgrp, /)", proc::setpgid),
    native!("getgroups", "($module, /)", proc::getgroups),
    native!("getlogin", "($module, /)", proc::getlogin),
    native!("fork", "($module, /)", proc::fork),
    native!("execv", "($module, path, argv, /)", proc::execv),
    native!("execve", "($module, /, path, argv, env)", proc::execve),
    native!("waitpid", "($module, pid, options, /)", proc::waitpid),
    native!("wait", "($module, /)", proc::wait),
    native!("WIFEXITED", "($module, /, status)", proc::wifexited),
    native!("WEXITSTATUS", "($module, /, status)", proc::wexitstatus),
    native!("WIFSIGNALED", "($module, /, status)", proc::wifsignaled),
    native!("WTERMSIG", "($module, /, status)", proc::wtermsig),
    native!("WIFSTOPPED", "($module, /, status)", proc::wifstopped),
    native!("WSTOPSIG", "($module, /, status)", proc::wstopsig),
    native!("WIFCONTINUED", "($module, /, status)", proc::wifcontinued),
    native!("WCOREDUMP", "($module, status, /)", proc::wcoredump),
    native!(
        "waitstatus_to_exitcode",
        "($module, /, status)",
        proc::waitstatus_to_exitcode
    ),
    native!("_exit", "($module, /, status)", proc::exit_now),
    native!("abort", "($module, /)", proc::abort),
    native!("kill", "($module, pid, signal, /)", proc::kill),
    native!("killpg", "($module, pgid, signal, /)", proc::killpg),
    native!("nice", "($module, increment, /)", proc::nice),
    native!("system", "($module, /, command)", proc::system),
    native!("putenv", "($module, name, value, /)", proc::putenv),
    native!("unsetenv", "($module, name, /)", proc::unsetenv),
    native!("strerror", "($module, code, /)", proc::strerror),
    native!("urandom", "($module, size, /)", proc::urandom),
    native!("cpu_count", "($module, /)", proc::cpu_count),
    native!(
        "sched_getaffinity",
        "($module, pid, /)",
        proc::sched_getaffinity
    ),
    native!("sched_yield", "($module, /)", proc::sched_yield),
    native!("getloadavg", "($module, /)", proc::getloadavg),
    native!("times", "($module, /)", proc::times),
    native!("uname", "($module, /)", proc::uname),
    native!(
        "register_at_fork",
        "($module, /, *, before=<unrepresentable>, after_in_child=<unrepresentable>, after_in_parent=<unrepresentable>)",
        proc::register_at_fork
    ),
    native!("getrandom", "($module, /, size, flags=0)", proc::getrandom),
    native!("sysconf", "($module, name, /)", conf::sysconf),
    native!("writev", "($module, fd, buffers, /)", extra::writev),
    native!("readv", "($module, fd, buffers, /)", extra::readv),
    native!(
        "sendfile",
        "($module, /, out_fd, in_fd, offset, count)",
        extra::sendfile
    ),
    native!("major", "($module, device, /)", extra::major),
    native!("minor", "($module, device, /)", extra::minor),
    native!("makedev", "($module, major, minor, /)", extra::makedev),
    native!(
        "mknod",
        "($module, /, path, mode=384, device=0, *, dir_fd=None)",
        extra::mknod
    ),
    native!("lchown", "($module, /, path, uid, gid)", extra::lchown),
    native!("fchown", "($module, /, fd, uid, gid)", extra::fchown),
    native!("setuid", "($module, uid, /)", extra::setuid),
    native!("setgid", "($module, gid, /)", extra::setgid),
    native!("seteuid", "($module, euid, /)", extra::seteuid),
    native!("setegid", "($module, egid, /)", extra::setegid),
    native!("setreuid", "($module, ruid, euid, /)", extra::setreuid),
    native!("setregid", "($module, rgid, egid, /)", extra::setregid),
    native!("getresuid", "($module, /)", extra::getresuid),
    native!("getresgid", "($module, /)", extra::getresgid),
    native!("ctermid", "($module, /)", extra::ctermid),
    native!("tcgetpgrp", "($module, fd, /)", extra::tcgetpgrp),
    native!("tcsetpgrp", "($module, fd, pgid, /)", extra::tcsetpgrp),
    native!("lockf", "($module, fd, command, length, /)", extra::lockf),
    native!(
        "posix_fallocate",
        "($module, fd, offset, length, /)",
        extra::posix_fallocate
    ),
    native!(
        "posix_fadvise",
        "($module, fd, offset, length, advice, /)",
        extra::posix_fadvise
    ),
    native!("chroot", "($module, /, path)", extra::chroot),
    native!("setpgrp", "($module, /)", extra::setpgrp),
    native!(
        "sched_get_priority_max",
        "($module, /, policy)",
        extra::sched_get_priority_max
    ),
    native!(
        "sched_get_priority_min",
        "($module, /, policy)",
        extra::sched_get_priority_min
    ),
    native!(
        "getpriority",
        "($module, /, which, who)",
        extra::getpriority
    ),
    native!(
        "setpriority",
        "($module, /, which, who, priority)",
        extra::setpriority
    ),
    native!("waitid", "($module, idtype, id, options, /)", extra::waitid),
    native!("openpty", "($module, /)", extra::openpty),
    native!("login_tty", "($module, fd, /)", extra::login_tty),
    native!(
        "memfd_create",
        "($module, /, name, flags=MFD_CLOEXEC)",
        extra::memfd_create
    ),
    native!(
        "eventfd",
        "($module, /, initval, flags=EFD_CLOEXEC)",
        extra::eventfd
    ),
    native!("eventfd_read", "($module, /, fd)", extra::eventfd_read),
    native!(
        "eventfd_write",
        "($module, /, fd, value)",
        extra::eventfd_write
    ),
    native!("confstr", "($module, name, /)", conf::confstr),
    native!("pathconf", "($module, /, path, name)", conf::pathconf),
    native!("fpathconf", "($module, fd, name, /)", conf::fpathconf),
    native!("statvfs", "($module, /, path)", conf::statvfs),
    native!("fstatvfs", "($module, fd, /)", conf::fstatvfs),
    native!(
        "get_terminal_size",
        "($module, fd=<unrepresentable>, /)",
        proc::get_terminal_size
    ),
];

/// Integer constants, as CPython defines them on Linux (file flags from the C library).
const CONSTANTS: &[(&str, i64)] = &[
    ("CLD_CONTINUED", 6),
    ("CLD_DUMPED", 3),
    ("CLD_EXITED", 1),
    ("CLD_KILLED", 2),
    ("CLD_STOPPED", 5),
    ("CLD_TRAPPED", 4),
    ("EFD_CLOEXEC", 524288),
    ("EFD_NONBLOCK", 2048),
    ("EFD_SEMAPHORE", 1),
    ("EX_CANTCREAT", 73),
    ("EX_CONFIG", 78),
    ("EX_DATAERR", 65),
    ("EX_IOERR", 74),
    ("EX_NOHOST", 68),
    ("EX_NOINPUT", 66),
    ("EX_NOPERM", 77),
    ("EX_NOUSER", 67),
    ("EX_OK", 0),
    ("EX_OSERR", 71),
    ("EX_OSFILE", 72),
    ("EX_PROTOCOL", 76),
    ("EX_SOFTWARE", 70),
    ("EX_TEMPFAIL", 75),
    ("EX_UNAVAILABLE", 69),
    ("EX_USAGE", 64),
    ("F_LOCK", 1),
    ("F_OK", 0),
    ("F_TEST", 3),
    ("F_TLOCK", 2),
    ("F_ULOCK", 0),
    ("GRND_NONBLOCK", 1),
    ("GRND_RANDOM", 2),
    ("MFD_ALLOW_SEALING", 2),
    ("MFD_CLOEXEC", 1),
    ("MFD_HUGETLB", 4),
    ("MFD_HUGE_16GB", 2281701376),
    ("MFD_HUGE_16MB", 1610612736),
    ("MFD_HUGE_1GB", 2013265920),
    ("MFD_HUGE_1MB", 1342177280),
    ("MFD_HUGE_256MB", 1879048192),
    ("MFD_HUGE_2GB", 2080374784),
    ("MFD_HUGE_2MB", 1409286144),
    ("MFD_HUGE_32MB", 1677721600),
    ("MFD_HUGE_512KB", 1275068416),
    ("MFD_HUGE_512MB", 1946157056),
    ("MFD_HUGE_64KB", 1073741824),
    ("MFD_HUGE_8MB", 1543503872),
    ("MFD_HUGE_MASK", 63),
    ("MFD_HUGE_SHIFT", 26),
    ("NGROUPS_MAX", 65536),
    ("O_ACCMODE", libc::O_ACCMODE as i64),
    ("O_APPEND", libc::O_APPEND as i64),
    ("O_ASYNC", libc::O_ASYNC as i64),
    ("O_CLOEXEC", libc::O_CLOEXEC as i64),
    ("O_CREAT", libc::O_CREAT as i64),
    ("O_DIRECT", libc::O_DIRECT as i64),
    ("O_DIRECTORY", libc::O_DIRECTORY as i64),
    ("O_DSYNC", libc::O_DSYNC as i64),
    ("O_EXCL", libc::O_EXCL as i64),
    ("O_FSYNC", libc::O_FSYNC as i64),
    ("O_LARGEFILE", libc::O_LARGEFILE as i64),
    ("O_NDELAY", libc::O_NDELAY as i64),
    ("O_NOATIME", libc::O_NOATIME as i64),
    ("O_NOCTTY", libc::O_NOCTTY as i64),
    ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
    ("O_NONBLOCK", libc::O_NONBLOCK as i64),
    ("O_PATH", libc::O_PATH as i64),
    ("O_RDONLY", libc::O_RDONLY as i64),
    ("O_RDWR", libc::O_RDWR as i64),
    ("O_RSYNC", libc::O_RSYNC as i64),
    ("O_SYNC", libc::O_SYNC as i64),
    ("O_TMPFILE", libc::O_TMPFILE as i64),
    ("O_TRUNC", libc::O_TRUNC as i64),
    ("O_WRONLY", libc::O_WRONLY as i64),
    ("POSIX_FADV_DONTNEED", 4),
    ("POSIX_FADV_NOREUSE", 5),
    ("POSIX_FADV_NORMAL", 0),
    ("POSIX_FADV_RANDOM", 1),
    ("POSIX_FADV_SEQUENTIAL", 2),
    ("POSIX_FADV_WILLNEED", 3),
    ("POSIX_SPAWN_CLOSE", 1),
    ("POSIX_SPAWN_DUP2", 2),
    ("POSIX_SPAWN_OPEN", 0),
    ("PRIO_PGRP", 1),
    ("PRIO_PROCESS", 0),
    ("PRIO_USER", 2),
    ("P_ALL", 0),
    ("P_PGID", 2),
    ("P_PID", 1),
    ("P_PIDFD", 3),
    ("RTLD_DEEPBIND", 8),
    ("RTLD_GLOBAL", 256),
    ("RTLD_LAZY", 1),
    ("RTLD_LOCAL", 0),
    ("RTLD_NODELETE", 4096),
    ("RTLD_NOLOAD", 4),
    ("RTLD_NOW", 2),
    ("RWF_APPEND", 16),
    ("RWF_DSYNC", 2),
    ("RWF_HIPRI", 1),
    ("RWF_NOWAIT", 8),
    ("RWF_SYNC", 4),
    ("R_OK", 4),
    ("SCHED_BATCH", 3),
    ("SCHED_FIFO", 1),
    ("SCHED_IDLE", 5),
    ("SCHED_OTHER", 0),
    ("SCHED_RESET_ON_FORK", 1073741824),
    ("SCHED_RR", 2),
    ("SEEK_DATA", libc::SEEK_DATA as i64),
    ("SEEK_HOLE", libc::SEEK_HOLE as i64),
    ("SPLICE_F_MORE", 4),
    ("SPLICE_F_MOVE", 1),
    ("SPLICE_F_NONBLOCK", 2),
    ("ST_APPEND", 256),
    ("ST_MANDLOCK", 64),
    ("ST_NOATIME", 1024),
    ("ST_NODEV", 4),
    ("ST_NODIRATIME", 2048),
    ("ST_NOEXEC", 8),
    ("ST_NOSUID", 2),
    ("ST_RDONLY", 1),
    ("ST_RELATIME", 4096),
    ("ST_SYNCHRONOUS", 16),
    ("ST_WRITE", 128),
    ("TMP_MAX", 238328),
    ("WCONTINUED", 8),
    ("WEXITED", 4),
    ("WNOHANG", 1),
    ("WNOWAIT", 16777216),
    ("WSTOPPED", 2),
    ("WUNTRACED", 2),
    ("W_OK", 2),
    ("XATTR_CREATE", 1),
    ("XATTR_REPLACE", 2),
    ("XATTR_SIZE_MAX", 65536),
    ("X_OK", 1),
];
