//! The `select` native module on Linux (CPython's `Modules/selectmodule.c`): `select()`
//! (implemented over `ppoll`, so descriptors above FD_SETSIZE work too), the `poll` object and
//! the `epoll` object, with their constants. Errors are `OSError` (`select.error`); EINTR is
//! retried with the remaining timeout after running signal handlers (PEP 475).

use crate::modules::posix::util;
use crate::modules::stdobj::{self, StdData};
use crate::native;
use crate::native::NativeDef;
use crate::types::int::from_i64;
use crate::types::module::set_attr;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native_classmethod, native_staticmethod};
use std::cell::{Cell, RefCell};

static FUNCS: &[NativeDef] = &[
    native!(
        "select",
        "($module, rlist, wlist, xlist, timeout=None, /)",
        select
    ),
    native!("poll", "($module, /)", poll_new),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("EPOLLERR", 8),
    ("EPOLLET", 2147483648),
    ("EPOLLEXCLUSIVE", 268435456),
    ("EPOLLHUP", 16),
    ("EPOLLIN", 1),
    ("EPOLLMSG", 1024),
    ("EPOLLONESHOT", 1073741824),
    ("EPOLLOUT", 4),
    ("EPOLLPRI", 2),
    ("EPOLLRDBAND", 128),
    ("EPOLLRDHUP", 8192),
    ("EPOLLRDNORM", 64),
    ("EPOLLWRBAND", 512),
    ("EPOLLWRNORM", 256),
    ("EPOLL_CLOEXEC", 524288),
    ("PIPE_BUF", 4096),
    ("POLLERR", 8),
    ("POLLHUP", 16),
    ("POLLIN", 1),
    ("POLLMSG", 1024),
    ("POLLNVAL", 32),
    ("POLLOUT", 4),
    ("POLLPRI", 2),
    ("POLLRDBAND", 128),
    ("POLLRDHUP", 8192),
    ("POLLRDNORM", 64),
    ("POLLWRBAND", 512),
    ("POLLWRNORM", 256),
];

static POLL_METHODS: &[NativeDef] = &[
    native!(
        "register",
        "($self, fd, eventmask=select.POLLIN | select.POLLPRI | select.POLLOUT, /)",
        poll_register
    ),
    native!("modify", "($self, fd, eventmask, /)", poll_modify),
    native!("unregister", "($self, fd, /)", poll_unregister),
    native!("poll", "($self, timeout=None, /)", poll_poll),
];

static EPOLL_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, sizehint=-1, flags=0)", epoll_new),
    native_classmethod!("fromfd", "($type, fd, /)", epoll_fromfd),
    native!("close", "($self, /)", epoll_close),
    native!("fileno", "($self, /)", epoll_fileno),
    native!(
        "register",
        "($self, /, fd, eventmask=select.EPOLLIN | select.EPOLLPRI | select.EPOLLOUT)",
        epoll_register
    ),
    native!("modify", "($self, /, fd, eventmask)", epoll_modify),
    native!("unregister", "($self, /, fd)", epoll_unregister),
    native!("poll", "($self, /, timeout=None, maxevents=-1)", epoll_poll),
    native!("__enter__", "($self, /)", epoll_enter),
    native!(
        "__exit__",
        "($self, exc_type=None, exc_value=None, exc_tb=None, /)",
        epoll_exit
    ),
];

static EPOLL_GETSETS: &[(NativeDef, Option<NativeDef>)] =
    &[(native!("closed", "($self, /)", epoll_closed), None)];

struct PollObj {
    fds: RefCell<Vec<(i32, i16)>>,
    busy: Cell<bool>,
}
impl StdData for PollObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

struct EpollObj {
    fd: Cell<i32>,
}
impl StdData for EpollObj {
    fn trace(&self, _visit: &mut dyn FnMut(Value)) {}
}

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "select", FUNCS);
    for (name, v) in CONSTANTS {
        let v = from_i64(vm, *v);
        set_attr(vm, m, name, v);
    }
    let os_error = vm.exc.os_error;
    set_attr(vm, m, "error", os_error);
    let poll_ty = match vm.state_get("select.poll") {
        Some(t) => t,
        None => stdobj::new_type(vm, "select", "poll", TypeFlags(0), POLL_METHODS),
    };
    let _ = poll_ty;
    let ep = match vm.state_get("select.epoll") {
        Some(t) => t,
        None => {
            let t = stdobj::new_type(vm, "select", "epoll", TypeFlags::BASETYPE, EPOLL_METHODS);
            typeobj::add_getsets(vm, t, EPOLL_GETSETS);
            t
        }
    };
    set_attr(vm, m, "epoll", ep);
    Ok(m)
}

/// A file descriptor from an int or an object with `fileno()` (`PyObject_AsFileDescriptor`).
pub fn as_fd(vm: &mut Vm, o: Value) -> PyResult<i32> {
    let v = if crate::types::int::is_int(o) {
        o
    } else if let Some(f) = {
        let name = vm.intern("fileno");
        crate::ops::attr::getattr_opt(vm, o, name)?
    } {
        let r = crate::ops::call::call(vm, f, &[])?;
        if !crate::types::int::is_int(r) {
            return Err(vm.type_error("fileno() returned a non-integer"));
        }
        r
    } else {
        return Err(vm.type_error("argument must be an int, or have a fileno() method."));
    };
    let fd = util::c_int(vm, v)?;
    if fd < 0 {
        return Err(vm.value_error(format!(
            "file descriptor cannot be a negative integer ({fd})"
        )));
    }
    Ok(fd)
}

fn now_ns() -> i128 {
    // SAFETY: clock_gettime with a valid output struct.
    let ts = unsafe {
        let mut ts: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut ts);
        ts
    };
    ts.tv_sec as i128 * 1_000_000_000 + ts.tv_nsec as i128
}

/// A timeout in seconds (None: block) as nanoseconds.
fn timeout_ns(vm: &mut Vm, v: Value, scale: f64) -> PyResult<Option<i128>> {
    if v.is_null() || v.is_none() {
        return Ok(None);
    }
    let f = if crate::types::int::is_int(v) {
        crate::ops::number::index_i64(vm, v)? as f64
    } else if let Some(f) = crate::types::float::as_f64(v) {
        f
    } else {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    };
    if f.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    Ok(Some((f * scale).ceil() as i128))
}

/// `ppoll` over `fds`, retrying on EINTR with the remaining time; returns the ready count.
fn do_poll(vm: &mut Vm, fds: &mut [libc::pollfd], timeout: Option<i128>) -> PyResult<i32> {
    let deadline = timeout.map(|t| now_ns() + t.max(0));
    loop {
        let ts = deadline.map(|d| {
            let left = (d - now_ns()).max(0);
            libc::timespec {
                tv_sec: (left / 1_000_000_000) as i64,
                tv_nsec: (left % 1_000_000_000) as i64,
            }
        });
        let tsp = ts
            .as_ref()
            .map_or(std::ptr::null(), |t| t as *const libc::timespec);
        // SAFETY: `fds` is a valid array of its length; `tsp` is null or points to `ts`.
        let r = vm.allow_threads(|| unsafe {
            libc::ppoll(
                fds.as_mut_ptr(),
                fds.len() as libc::nfds_t,
                tsp,
                std::ptr::null(),
            )
        });
        if r >= 0 {
            return Ok(r);
        }
        let e = util::errno();
        if e != libc::EINTR {
            return Err(util::error_from(vm, e, None, None));
        }
        util::check_interrupt(vm)?;
    }
}

fn select(vm: &mut Vm, a: &[Value]) -> PyResult {
    let timeout = timeout_ns(vm, a[4], 1e9)?;
    if timeout.is_some_and(|t| t < 0) {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    // (object, fd) per list.
    let mut lists: Vec<Vec<(Value, i32)>> = Vec::with_capacity(3);
    for v in &a[1..4] {
        let seq = crate::ops::iter::collect(vm, *v)
            .map_err(|_| vm.type_error("arguments 1-3 must be sequences"))?;
        let mut l = Vec::with_capacity(seq.len());
        for o in seq {
            let fd = as_fd(vm, o)?;
            if fd >= libc::FD_SETSIZE as i32 {
                return Err(vm.value_error("filedescriptor out of range in select()"));
            }
            l.push((o, fd));
        }
        lists.push(l);
    }
    let wanted = [libc::POLLIN, libc::POLLOUT, libc::POLLPRI];
    let mut pfds: Vec<libc::pollfd> = Vec::new();
    for (k, l) in lists.iter().enumerate() {
        for &(_, fd) in l {
            match pfds.iter_mut().find(|p| p.fd == fd) {
                Some(p) => p.events |= wanted[k],
                None => pfds.push(libc::pollfd {
                    fd,
                    events: wanted[k],
                    revents: 0,
                }),
            }
        }
    }
    do_poll(vm, &mut pfds, timeout)?;
    if pfds.iter().any(|p| p.revents & libc::POLLNVAL != 0) {
        return Err(util::error_from(vm, libc::EBADF, None, None));
    }
    let ready = [
        libc::POLLIN | libc::POLLHUP | libc::POLLERR,
        libc::POLLOUT | libc::POLLERR,
        libc::POLLPRI,
    ];
    let mut out = Vec::with_capacity(3);
    for (k, l) in lists.iter().enumerate() {
        let mut res = Vec::new();
        for &(o, fd) in l {
            let rev = pfds.iter().find(|p| p.fd == fd).map_or(0, |p| p.revents);
            if rev & ready[k] != 0 {
                res.push(o);
            }
        }
        out.push(crate::types::list::new_list(vm, res));
    }
    Ok(crate::types::tuple::new_tuple(vm, out))
}

// ----- poll -----

fn poll_new(vm: &mut Vm, _a: &[Value]) -> PyResult {
    let ty = stdobj::state_type(vm, "select.poll");
    Ok(stdobj::new_obj(
        ty,
        PollObj {
            fds: RefCell::new(Vec::new()),
            busy: Cell::new(false),
        },
    ))
}

fn poll_of(vm: &mut Vm, v: Value) -> PyResult<&'static PollObj> {
    stdobj::expect::<PollObj>(vm, v, "select.poll")
}

fn event_mask(vm: &mut Vm, v: Value, default: i64) -> PyResult<i16> {
    if v.is_null() {
        return Ok(default as i16);
    }
    let n = crate::ops::number::index_i64(vm, v)?;
    if n < 0 {
        return Err(vm.value_error("value must be positive"));
    }
    if n > 0xffff {
        return Err(vm.overflow_error("Python int too large for C unsigned short"));
    }
    Ok(n as u16 as i16)
}

fn poll_register(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = poll_of(vm, a[0])?;
    let fd = as_fd(vm, a[1])?;
    let ev = event_mask(vm, a[2], 7)?;
    let mut fds = p.fds.borrow_mut();
    match fds.iter_mut().find(|e| e.0 == fd) {
        Some(e) => e.1 = ev,
        None => fds.push((fd, ev)),
    }
    Ok(Value::NONE)
}

fn poll_modify(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = poll_of(vm, a[0])?;
    let fd = as_fd(vm, a[1])?;
    let ev = event_mask(vm, a[2], 7)?;
    let found = match p.fds.borrow_mut().iter_mut().find(|e| e.0 == fd) {
        Some(e) => {
            e.1 = ev;
            true
        }
        None => false,
    };
    if !found {
        return Err(util::error_from(vm, libc::ENOENT, None, None));
    }
    Ok(Value::NONE)
}

fn poll_unregister(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = poll_of(vm, a[0])?;
    let fd = as_fd(vm, a[1])?;
    let pos = p.fds.borrow().iter().position(|e| e.0 == fd);
    match pos {
        Some(i) => {
            p.fds.borrow_mut().remove(i);
            Ok(Value::NONE)
        }
        None => {
            let k = from_i64(vm, fd as i64);
            Err(vm.key_error(k))
        }
    }
}

fn poll_poll(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = poll_of(vm, a[0])?;
    let mut timeout = timeout_ns(vm, a[1], 1e6)?;
    if timeout.is_some_and(|t| t < 0) {
        timeout = None;
    }
    if p.busy.get() {
        return Err(vm.runtime_error("concurrent poll() invocation"));
    }
    let mut pfds: Vec<libc::pollfd> = p
        .fds
        .borrow()
        .iter()
        .map(|&(fd, ev)| libc::pollfd {
            fd,
            events: ev,
            revents: 0,
        })
        .collect();
    p.busy.set(true);
    let r = do_poll(vm, &mut pfds, timeout);
    p.busy.set(false);
    r?;
    let mut out = Vec::new();
    for pf in pfds {
        if pf.revents != 0 {
            let fd = from_i64(vm, pf.fd as i64);
            let ev = from_i64(vm, pf.revents as u16 as i64);
            out.push(crate::types::tuple::new_tuple(vm, vec![fd, ev]));
        }
    }
    Ok(crate::types::list::new_list(vm, out))
}

// ----- epoll -----

fn epoll_of(vm: &mut Vm, v: Value) -> PyResult<&'static EpollObj> {
    stdobj::expect::<EpollObj>(vm, v, "select.epoll")
}

fn epoll_open(vm: &mut Vm, v: Value) -> PyResult<(&'static EpollObj, i32)> {
    let e = epoll_of(vm, v)?;
    let fd = e.fd.get();
    if fd < 0 {
        return Err(vm.value_error("I/O operation on closed epoll object"));
    }
    Ok((e, fd))
}

fn epoll_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let sizehint = if a[1].is_null() {
        -1
    } else {
        util::c_int(vm, a[1])?
    };
    if sizehint == 0 || sizehint < -1 {
        return Err(vm.value_error("negative sizehint"));
    }
    if !a[2].is_null() {
        util::c_int(vm, a[2])?;
    }
    // SAFETY: epoll_create1 with a valid flag.
    let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    if fd < 0 {
        return Err(util::last_error(vm));
    }
    Ok(stdobj::new_obj(a[0], EpollObj { fd: Cell::new(fd) }))
}

fn epoll_fromfd(vm: &mut Vm, a: &[Value]) -> PyResult {
    let fd = util::c_int(vm, a[1])?;
    Ok(stdobj::new_obj(a[0], EpollObj { fd: Cell::new(fd) }))
}

fn epoll_close(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = epoll_of(vm, a[0])?;
    let fd = e.fd.replace(-1);
    // SAFETY: closing our own descriptor once.
    if fd >= 0 && unsafe { libc::close(fd) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn epoll_closed(vm: &mut Vm, a: &[Value]) -> PyResult {
    let e = epoll_of(vm, a[0])?;
    Ok(Value::from_bool(e.fd.get() < 0))
}

fn epoll_fileno(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (_, fd) = epoll_open(vm, a[0])?;
    Ok(from_i64(vm, fd as i64))
}

fn epoll_ctl(vm: &mut Vm, a: &[Value], op: i32) -> PyResult {
    let (_, epfd) = epoll_open(vm, a[0])?;
    let fd = as_fd(vm, a[1])?;
    let events = if op == libc::EPOLL_CTL_DEL {
        0
    } else if a[2].is_null() {
        (libc::EPOLLIN | libc::EPOLLPRI | libc::EPOLLOUT) as u32
    } else {
        let n = crate::ops::number::index_i64(vm, a[2])?;
        n as u32
    };
    let mut ev = libc::epoll_event {
        events,
        u64: fd as u64,
    };
    // SAFETY: `ev` is valid for the call.
    if unsafe { libc::epoll_ctl(epfd, op, fd, &mut ev) } < 0 {
        return Err(util::last_error(vm));
    }
    Ok(Value::NONE)
}

fn epoll_register(vm: &mut Vm, a: &[Value]) -> PyResult {
    epoll_ctl(vm, a, libc::EPOLL_CTL_ADD)
}

fn epoll_modify(vm: &mut Vm, a: &[Value]) -> PyResult {
    epoll_ctl(vm, a, libc::EPOLL_CTL_MOD)
}

fn epoll_unregister(vm: &mut Vm, a: &[Value]) -> PyResult {
    epoll_ctl(vm, a, libc::EPOLL_CTL_DEL)
}

fn epoll_poll(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (_, epfd) = epoll_open(vm, a[0])?;
    let timeout = timeout_ns(vm, a[1], 1e9)?.filter(|t| *t >= 0);
    let mut maxevents = if a[2].is_null() {
        -1
    } else {
        util::c_int(vm, a[2])?
    };
    if maxevents == -1 {
        maxevents = libc::FD_SETSIZE as i32 - 1;
    } else if maxevents < 1 {
        return Err(vm.value_error(format!("maxevents must be greater than 0, got {maxevents}")));
    }
    let deadline = timeout.map(|t| now_ns() + t);
    let mut evs: Vec<libc::epoll_event> =
        vec![libc::epoll_event { events: 0, u64: 0 }; maxevents as usize];
    let n = loop {
        let ms = deadline.map_or(-1, |d| {
            let left = (d - now_ns()).max(0);
            ((left + 999_999) / 1_000_000).min(i32::MAX as i128) as i32
        });
        // Other threads run while this one waits (the event loop's self-pipe is written by
        // worker threads).
        // SAFETY: `evs` holds `maxevents` entries.
        let r =
            vm.allow_threads(|| unsafe { libc::epoll_wait(epfd, evs.as_mut_ptr(), maxevents, ms) });
        if r >= 0 {
            break r as usize;
        }
        let e = util::errno();
        if e != libc::EINTR {
            return Err(util::error_from(vm, e, None, None));
        }
        util::check_interrupt(vm)?;
    };
    let mut out = Vec::with_capacity(n);
    for ev in evs.iter().take(n) {
        let (data, events) = (ev.u64, ev.events);
        let fd = from_i64(vm, data as i32 as i64);
        let e = from_i64(vm, events as i64);
        out.push(crate::types::tuple::new_tuple(vm, vec![fd, e]));
    }
    Ok(crate::types::list::new_list(vm, out))
}

fn epoll_enter(vm: &mut Vm, a: &[Value]) -> PyResult {
    epoll_open(vm, a[0])?;
    Ok(a[0])
}

fn epoll_exit(vm: &mut Vm, a: &[Value]) -> PyResult {
    epoll_close(vm, &a[..1])
}
