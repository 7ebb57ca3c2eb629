//! Socket addresses: Python address objects (`(host, port)`, `(host, port, flowinfo,
//! scope_id)`, a path for AF_UNIX) to `sockaddr` and back, and host name resolution through
//! `getaddrinfo` (CPython's `getsockaddrarg`, `makesockaddr` and `setipaddr`).

use crate::modules::posix::util;
use crate::types::int::from_i64;
use crate::types::tuple::new_tuple;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

/// A `sockaddr_storage` and the length that is filled in.
pub struct SockAddr {
    pub storage: libc::sockaddr_storage,
    pub len: libc::socklen_t,
}

impl SockAddr {
    pub fn empty() -> SockAddr {
        SockAddr {
            // SAFETY: sockaddr_storage is plain data; all-zero is a valid value.
            storage: unsafe { std::mem::zeroed() },
            len: std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t,
        }
    }
    pub fn as_ptr(&self) -> *const libc::sockaddr {
        &self.storage as *const libc::sockaddr_storage as *const libc::sockaddr
    }
    pub fn as_mut_ptr(&mut self) -> *mut libc::sockaddr {
        &mut self.storage as *mut libc::sockaddr_storage as *mut libc::sockaddr
    }
}

/// `socket.gaierror(code, message)` for a `getaddrinfo`/`getnameinfo` failure.
pub fn gai_error(vm: &mut Vm, code: i32) -> Exc {
    if code == libc::EAI_SYSTEM {
        return util::last_error(vm);
    }
    // SAFETY: gai_strerror returns a static NUL-terminated message.
    let msg = unsafe { std::ffi::CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned();
    let ty = vm.state_get("_socket.gaierror").unwrap_or(vm.exc.os_error);
    let c = from_i64(vm, code as i64);
    let m = vm.new_string(msg);
    Exc(crate::types::exceptions::new_exception(vm, ty, vec![c, m]))
}

/// A host argument (str or bytes-like) as bytes; `None` is allowed only when `none_ok`.
pub fn host_bytes(vm: &mut Vm, v: Value, none_ok: bool) -> PyResult<Option<Vec<u8>>> {
    if v.is_none() && none_ok {
        return Ok(None);
    }
    if let Some(s) = crate::types::str::as_str(v) {
        return Ok(Some(s.as_bytes().to_vec()));
    }
    if let Some(b) = crate::types::bytes::bytes_data(v) {
        return Ok(Some(b));
    }
    Err(vm.type_error(format!(
        "str, bytes or bytearray expected, not {}",
        vm.type_name(v)
    )))
}

/// One `getaddrinfo` call: the raw results (family, type, proto, canonname, address).
pub fn resolve(
    vm: &mut Vm,
    host: Option<&[u8]>,
    port: Option<&[u8]>,
    family: i32,
    socktype: i32,
    proto: i32,
    flags: i32,
) -> PyResult<Vec<(i32, i32, i32, String, SockAddr)>> {
    let host_c = match host {
        Some(h) => Some(
            std::ffi::CString::new(h.to_vec())
                .map_err(|_| vm.value_error("embedded null character"))?,
        ),
        None => None,
    };
    let port_c = match port {
        Some(p) => Some(
            std::ffi::CString::new(p.to_vec())
                .map_err(|_| vm.value_error("embedded null character"))?,
        ),
        None => None,
    };
    // SAFETY: addrinfo is plain data; all-zero is the documented "no hints" value.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_socktype = socktype;
    hints.ai_protocol = proto;
    hints.ai_flags = flags;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: valid C strings or NULL, valid hints, and an out-pointer freed below.
    let rc = unsafe {
        libc::getaddrinfo(
            host_c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
            port_c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
            &hints,
            &mut res,
        )
    };
    if rc != 0 {
        return Err(gai_error(vm, rc));
    }
    let mut out = Vec::new();
    let mut p = res;
    while !p.is_null() {
        // SAFETY: p walks the list getaddrinfo returned, which stays valid until freed.
        let ai = unsafe { &*p };
        let mut sa = SockAddr::empty();
        let n = (ai.ai_addrlen as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        // SAFETY: ai_addr points to ai_addrlen bytes; we copy at most the storage size.
        unsafe {
            std::ptr::copy_nonoverlapping(ai.ai_addr as *const u8, sa.as_mut_ptr() as *mut u8, n);
        }
        sa.len = n as libc::socklen_t;
        let canon = if ai.ai_canonname.is_null() {
            String::new()
        } else {
            // SAFETY: a NUL-terminated string owned by the list.
            unsafe { std::ffi::CStr::from_ptr(ai.ai_canonname) }
                .to_string_lossy()
                .into_owned()
        };
        out.push((ai.ai_family, ai.ai_socktype, ai.ai_protocol, canon, sa));
        p = ai.ai_next;
    }
    // SAFETY: freeing the list getaddrinfo allocated, once.
    unsafe { libc::freeaddrinfo(res) };
    Ok(out)
}

/// The address of `host` for `family` (CPython's `setipaddr`): '' is INADDR_ANY,
/// '<broadcast>' INADDR_BROADCAST, numeric forms parse directly, names resolve.
fn host_addr(vm: &mut Vm, host: &[u8], family: i32) -> PyResult<SockAddr> {
    let mut sa = SockAddr::empty();
    if host.is_empty() {
        let r = resolve(
            vm,
            None,
            Some(b"0"),
            family,
            libc::SOCK_DGRAM,
            0,
            libc::AI_PASSIVE,
        )?;
        return r
            .into_iter()
            .next()
            .map(|x| x.4)
            .ok_or_else(|| gai_error(vm, libc::EAI_NONAME));
    }
    if family == libc::AF_INET && (host == b"<broadcast>" || host == b"255.255.255.255") {
        let sin = sa.as_mut_ptr() as *mut libc::sockaddr_in;
        // SAFETY: storage is large enough for a sockaddr_in.
        unsafe {
            (*sin).sin_family = libc::AF_INET as libc::sa_family_t;
            (*sin).sin_addr.s_addr = u32::MAX;
        }
        sa.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
        return Ok(sa);
    }
    let r = resolve(vm, Some(host), None, family, libc::SOCK_DGRAM, 0, 0)?;
    r.into_iter()
        .next()
        .map(|x| x.4)
        .ok_or_else(|| gai_error(vm, libc::EAI_NONAME))
}

fn port_arg(vm: &mut Vm, v: Value, caller: &str) -> PyResult<u16> {
    if !crate::types::int::is_int(v) {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    }
    let p = crate::ops::number::index_i64(vm, v).unwrap_or(-1);
    if !(0..=65535).contains(&p) {
        return Err(vm.overflow_error(format!("{caller}(): port must be 0-65535.")));
    }
    Ok(p as u16)
}

/// A Python address for a socket of `family` as a sockaddr (CPython's `getsockaddrarg`).
pub fn to_sockaddr(vm: &mut Vm, family: i32, addr: Value, caller: &str) -> PyResult<SockAddr> {
    match family {
        libc::AF_UNIX => {
            let path = if let Some(s) = crate::types::str::as_str(addr) {
                s.as_bytes().to_vec()
            } else if let Some(b) = crate::types::bytes::bytes_data(addr) {
                b
            } else {
                return Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    vm.type_name(addr)
                )));
            };
            let mut sa = SockAddr::empty();
            let sun = sa.as_mut_ptr() as *mut libc::sockaddr_un;
            // SAFETY: storage is large enough for a sockaddr_un.
            let cap = unsafe { (*sun).sun_path.len() };
            if path.len() >= cap && !(path.first() == Some(&0) && path.len() <= cap) {
                return Err({
                    let t = vm.exc.os_error;
                    vm.new_exc(t, "AF_UNIX path too long")
                });
            }
            // SAFETY: as above; path fits in sun_path (checked).
            unsafe {
                (*sun).sun_family = libc::AF_UNIX as libc::sa_family_t;
                for (i, b) in path.iter().enumerate() {
                    (*sun).sun_path[i] = *b as libc::c_char;
                }
            }
            let base = std::mem::size_of::<libc::sa_family_t>();
            let extra = if path.first() == Some(&0) { 0 } else { 1 };
            sa.len = (base + path.len() + extra).min(std::mem::size_of::<libc::sockaddr_un>())
                as libc::socklen_t;
            Ok(sa)
        }
        libc::AF_INET | libc::AF_INET6 => {
            let fam = if family == libc::AF_INET {
                "AF_INET"
            } else {
                "AF_INET6"
            };
            let Some(items) = crate::types::tuple::items(addr) else {
                return Err(vm.type_error(format!(
                    "{caller}(): {fam} address must be tuple, not {}",
                    vm.type_name(addr)
                )));
            };
            let items = items.to_vec();
            let ok = if family == libc::AF_INET {
                items.len() == 2
            } else {
                (2..=4).contains(&items.len())
            };
            if !ok {
                return Err(vm.type_error(if family == libc::AF_INET {
                    "AF_INET address must be a pair (host, port)".to_string()
                } else {
                    "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])"
                        .to_string()
                }));
            }
            let host = host_bytes(vm, items[0], false)?.unwrap_or_default();
            let port = port_arg(vm, items[1], caller)?;
            let mut sa = host_addr(vm, &host, family)?;
            if family == libc::AF_INET {
                let sin = sa.as_mut_ptr() as *mut libc::sockaddr_in;
                // SAFETY: resolved with family AF_INET, so this is a sockaddr_in.
                unsafe { (*sin).sin_port = port.to_be() };
            } else {
                let flow = match items.get(2) {
                    Some(&v) => util::c_i64(vm, v)?,
                    None => 0,
                };
                if !(0..=0xfffff).contains(&flow) {
                    return Err(
                        vm.overflow_error(format!("{caller}(): flowinfo must be 0-1048575."))
                    );
                }
                let scope = match items.get(3) {
                    Some(&v) => util::c_i64(vm, v)?,
                    None => 0,
                };
                let sin6 = sa.as_mut_ptr() as *mut libc::sockaddr_in6;
                // SAFETY: resolved with family AF_INET6, so this is a sockaddr_in6.
                unsafe {
                    (*sin6).sin6_port = port.to_be();
                    (*sin6).sin6_flowinfo = (flow as u32).to_be();
                    (*sin6).sin6_scope_id = scope as u32;
                }
            }
            Ok(sa)
        }
        _ => {
            let t = vm.exc.os_error;
            Err(vm.new_exc(t, format!("{caller}(): bad family")))
        }
    }
}

/// Numeric text of an IPv4/IPv6 address (as inet_ntop writes it).
pub fn ntop(family: i32, src: *const libc::c_void) -> String {
    if family == libc::AF_INET {
        let mut b = [0u8; 4];
        // SAFETY: src points to an in_addr (4 bytes).
        unsafe { std::ptr::copy_nonoverlapping(src as *const u8, b.as_mut_ptr(), 4) };
        std::net::Ipv4Addr::from(b).to_string()
    } else {
        let mut b = [0u8; 16];
        // SAFETY: src points to an in6_addr (16 bytes).
        unsafe { std::ptr::copy_nonoverlapping(src as *const u8, b.as_mut_ptr(), 16) };
        std::net::Ipv6Addr::from(b).to_string()
    }
}

/// `inet_aton`'s parse: one to four parts, each decimal, octal (leading 0) or hex (0x).
pub fn aton(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut nums = Vec::new();
    for p in &parts {
        let (digits, radix) = if let Some(h) = p.strip_prefix("0x").or(p.strip_prefix("0X")) {
            (h, 16)
        } else if p.len() > 1 && p.starts_with('0') {
            (&p[1..], 8)
        } else {
            (*p, 10)
        };
        if digits.is_empty() && radix != 16 {
            return None;
        }
        let v = if digits.is_empty() {
            0
        } else {
            u64::from_str_radix(digits, radix).ok()?
        };
        nums.push(v);
    }
    let last = *nums.last()?;
    let head = &nums[..nums.len() - 1];
    if head.iter().any(|&x| x > 255) {
        return None;
    }
    let shift = 8 * (4 - head.len() as u32);
    if shift < 32 && last >> shift != 0 || last > u32::MAX as u64 {
        return None;
    }
    let mut v: u64 = 0;
    for (i, &x) in head.iter().enumerate() {
        v |= x << (24 - 8 * i);
    }
    Some((v | last) as u32)
}

/// A sockaddr as its Python form (CPython's `makesockaddr`).
pub fn from_sockaddr(vm: &mut Vm, sa: &SockAddr) -> Value {
    if sa.len == 0 {
        return Value::NONE;
    }
    let family = sa.storage.ss_family as i32;
    match family {
        libc::AF_INET => {
            // SAFETY: the family says this is a sockaddr_in.
            let sin = unsafe { &*(sa.as_ptr() as *const libc::sockaddr_in) };
            let host = ntop(
                libc::AF_INET,
                &sin.sin_addr as *const _ as *const libc::c_void,
            );
            let h = vm.new_string(host);
            let p = from_i64(vm, u16::from_be(sin.sin_port) as i64);
            new_tuple(vm, vec![h, p])
        }
        libc::AF_INET6 => {
            // SAFETY: the family says this is a sockaddr_in6.
            let sin6 = unsafe { &*(sa.as_ptr() as *const libc::sockaddr_in6) };
            let host = ntop(
                libc::AF_INET6,
                &sin6.sin6_addr as *const _ as *const libc::c_void,
            );
            let h = vm.new_string(host);
            let p = from_i64(vm, u16::from_be(sin6.sin6_port) as i64);
            let f = from_i64(vm, u32::from_be(sin6.sin6_flowinfo) as i64);
            let s = from_i64(vm, sin6.sin6_scope_id as i64);
            new_tuple(vm, vec![h, p, f, s])
        }
        libc::AF_UNIX => {
            // SAFETY: the family says this is a sockaddr_un.
            let sun = unsafe { &*(sa.as_ptr() as *const libc::sockaddr_un) };
            let base = std::mem::size_of::<libc::sa_family_t>();
            let n = (sa.len as usize)
                .saturating_sub(base)
                .min(sun.sun_path.len());
            let path: Vec<u8> = sun.sun_path[..n].iter().map(|&c| c as u8).collect();
            if path.first() == Some(&0) {
                return crate::types::bytes::new_bytes(vm, path);
            }
            let end = path.iter().position(|&b| b == 0).unwrap_or(path.len());
            util::fs_name(vm, &path[..end], false)
        }
        _ => {
            let f = from_i64(vm, family as i64);
            let data: Vec<u8> = {
                // SAFETY: a sockaddr's sa_data (14 bytes) is always present in the storage.
                let raw = unsafe { &*(sa.as_ptr()) };
                raw.sa_data.iter().map(|&c| c as u8).collect()
            };
            let b = crate::types::bytes::new_bytes(vm, data);
            new_tuple(vm, vec![f, b])
        }
    }
}
