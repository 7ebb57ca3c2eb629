//! Socket addresses between Python and C for `_socket`: parsing an address argument for a
//! family (CPython's `getsockaddrarg`: AF_UNIX str/bytes paths including Linux's abstract
//! namespace, AF_INET `(host, port)`, AF_INET6 `(host, port[, flowinfo[, scope_id]])`), host
//! names to addresses (`setipaddr`: '', '<broadcast>', numeric forms, else `getaddrinfo`), and
//! C addresses back to Python values (`makesockaddr`). Error messages are CPython's.

use super::gai_error;
use crate::modules::posix::util;
use crate::types::bytes::{ByteArrayObj, BytesObj, new_bytes};
use crate::types::int::from_i64;
use crate::types::str::as_str;
use crate::types::tuple::{items as tuple_items, new_tuple};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::ffi::CString;

/// A C socket address of any family.
#[derive(Clone, Copy)]
pub struct SockAddr {
    pub storage: libc::sockaddr_storage,
    pub len: libc::socklen_t,
}

impl SockAddr {
    pub fn empty() -> SockAddr {
        SockAddr {
            // SAFETY: sockaddr_storage is plain old data; all zeroes is a valid value.
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
    pub fn family(&self) -> i32 {
        self.storage.ss_family as i32
    }
    /// Copies `len` bytes of a C address.
    ///
    /// # Safety
    /// `p` must point to `len` readable bytes.
    pub unsafe fn from_raw(p: *const libc::sockaddr, len: libc::socklen_t) -> SockAddr {
        let mut a = SockAddr::empty();
        let n = (len as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        // SAFETY: the caller guarantees `p` has `len` bytes; the storage holds `n`.
        unsafe { std::ptr::copy_nonoverlapping(p as *const u8, a.as_mut_ptr() as *mut u8, n) };
        a.len = n as libc::socklen_t;
        a
    }
    fn from_v4(ip: [u8; 4], port: u16) -> SockAddr {
        let mut a = SockAddr::empty();
        let sin = libc::sockaddr_in {
            sin_family: libc::AF_INET as libc::sa_family_t,
            sin_port: port.to_be(),
            sin_addr: libc::in_addr {
                s_addr: u32::from_ne_bytes(ip),
            },
            sin_zero: [0; 8],
        };
        // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in.
        unsafe { std::ptr::write(a.as_mut_ptr() as *mut libc::sockaddr_in, sin) };
        a.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
        a
    }
    fn v4(&self) -> libc::sockaddr_in {
        // SAFETY: the storage is large enough and aligned; any bytes are a valid sockaddr_in.
        unsafe { std::ptr::read(self.as_ptr() as *const libc::sockaddr_in) }
    }
    fn v6(&self) -> libc::sockaddr_in6 {
        // SAFETY: as `v4`.
        unsafe { std::ptr::read(self.as_ptr() as *const libc::sockaddr_in6) }
    }
    fn set_v6(&mut self, sin6: libc::sockaddr_in6) {
        // SAFETY: sockaddr_storage is larger than and aligned for sockaddr_in6.
        unsafe { std::ptr::write(self.as_mut_ptr() as *mut libc::sockaddr_in6, sin6) };
        self.len = std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t;
    }
}

/// A host argument as bytes (CPython's `idna_converter`): ASCII str as is, other str through
/// the 'idna' codec, bytes/bytearray as given; no NUL allowed.
pub fn host_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    let data = if let Some(s) = as_str(v) {
        if s.is_ascii() {
            s.as_bytes().to_vec()
        } else {
            let f = crate::ops::attr::getattr_str(vm, v, "encode")?;
            let enc = vm.new_str("idna");
            let r = crate::ops::call::call(vm, f, &[enc])?;
            crate::types::bytes::bytes_data(r).unwrap_or_default()
        }
    } else if let Some(b) = v.downcast::<BytesObj>() {
        b.data.to_vec()
    } else if let Some(b) = v.downcast::<ByteArrayObj>() {
        b.data.borrow().clone()
    } else {
        return Err(vm.type_error(format!(
            "str, bytes or bytearray expected, not {}",
            vm.type_name(v)
        )));
    };
    if data.contains(&0) {
        return Err(vm.type_error("host name must not contain null character"));
    }
    Ok(data)
}

fn os_error_msg(vm: &mut Vm, msg: &str) -> crate::vm::Exc {
    let ty = vm.exc.os_error;
    vm.new_exc(ty, msg)
}

/// The first address `getaddrinfo(name, port_service, family, socktype, flags)` gives, or
/// gaierror. `multiple` is the error text when more than one address must be refused.
fn resolve_one(
    vm: &mut Vm,
    name: Option<&[u8]>,
    family: i32,
    flags: i32,
    multiple: Option<&str>,
) -> PyResult<SockAddr> {
    let cname = match name {
        Some(n) => match CString::new(n.to_vec()) {
            Ok(c) => Some(c),
            Err(_) => return Err(vm.type_error("host name must not contain null character")),
        },
        None => None,
    };
    let zero = CString::new("0").unwrap_or_default();
    // SAFETY: zeroed addrinfo is the documented way to build hints.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    hints.ai_flags = flags;
    if name.is_none() {
        hints.ai_socktype = libc::SOCK_DGRAM;
    }
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    let host_ptr = cname.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    let serv_ptr = if name.is_none() {
        zero.as_ptr()
    } else {
        std::ptr::null()
    };
    // SAFETY: valid C strings (or NULL), valid hints, `res` receives a list we free below.
    let err = unsafe { libc::getaddrinfo(host_ptr, serv_ptr, &hints, &mut res) };
    if err != 0 {
        return Err(gai_error(vm, err));
    }
    // SAFETY: on success `res` is a non-empty list owned by us until freeaddrinfo.
    let (addr, more) = unsafe {
        let ai = &*res;
        let a = SockAddr::from_raw(ai.ai_addr, ai.ai_addrlen);
        let more = !ai.ai_next.is_null();
        libc::freeaddrinfo(res);
        (a, more)
    };
    if more && let Some(msg) = multiple {
        return Err(os_error_msg(vm, msg));
    }
    Ok(addr)
}

/// A host name (already bytes) to an address of family `af` (CPython's `setipaddr`).
pub fn set_ip_addr(vm: &mut Vm, name: &[u8], af: i32) -> PyResult<SockAddr> {
    if name.is_empty() {
        return resolve_one(
            vm,
            None,
            af,
            libc::AI_PASSIVE,
            Some("wildcard resolved to multiple address"),
        );
    }
    if name == b"<broadcast>" || name == b"255.255.255.255" {
        if af != libc::AF_INET && af != libc::AF_UNSPEC {
            return Err(os_error_msg(vm, "address family mismatched"));
        }
        return Ok(SockAddr::from_v4([255; 4], 0));
    }
    if let Ok(text) = std::str::from_utf8(name) {
        if (af == libc::AF_INET || af == libc::AF_UNSPEC)
            && let Some(ip) = parse_v4_strict(text)
        {
            return Ok(SockAddr::from_v4(ip, 0));
        }
        if (af == libc::AF_INET6 || af == libc::AF_UNSPEC)
            && let Ok(ip) = text.parse::<std::net::Ipv6Addr>()
        {
            let mut a = SockAddr::empty();
            a.set_v6(sin6_of(ip.octets(), 0, 0, 0));
            return Ok(a);
        }
    }
    resolve_one(vm, Some(name), af, 0, None)
}

/// Dotted-quad IPv4 text as inet_pton(AF_INET) reads it (exactly four decimal parts).
pub fn parse_v4_strict(text: &str) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    let mut n = 0;
    for part in text.split('.') {
        if n == 4 || part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        if part.len() > 1 && part.starts_with('0') {
            return None;
        }
        let v: u32 = part.parse().ok()?;
        if v > 255 {
            return None;
        }
        out[n] = v as u8;
        n += 1;
    }
    (n == 4).then_some(out)
}

fn sin6_of(ip: [u8; 16], port: u16, flowinfo: u32, scope: u32) -> libc::sockaddr_in6 {
    libc::sockaddr_in6 {
        sin6_family: libc::AF_INET6 as libc::sa_family_t,
        sin6_port: port.to_be(),
        sin6_flowinfo: flowinfo.to_be(),
        sin6_addr: libc::in6_addr { s6_addr: ip },
        sin6_scope_id: scope,
    }
}

/// A port or other `i`-format int argument of an address tuple: OverflowError beyond a C int
/// is reported as the port range error, as CPython does.
fn port_arg(vm: &mut Vm, v: Value, caller: &str) -> PyResult<u16> {
    let bad = |vm: &mut Vm| vm.overflow_error(format!("{caller}(): port must be 0-65535."));
    let p = match util::c_int(vm, v) {
        Ok(p) => p,
        Err(e) if vm.exc_matches(e, vm.exc.overflow_error) => return Err(bad(vm)),
        Err(e) => return Err(e),
    };
    u16::try_from(p).map_err(|_| bad(vm))
}

/// An `I`-format argument: any int, wrapped to 32 bits as C's unsigned int conversion does.
pub fn uint_wrapping(vm: &mut Vm, v: Value) -> PyResult<u32> {
    if crate::types::float::as_f64(v).is_some() && !crate::types::int::is_int(v) {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        )));
    }
    let i = crate::ops::number::index(vm, v)?;
    let big = crate::types::int::int_ref(i)
        .map(|r| r.to_bigint())
        .unwrap_or_default();
    let m: num_bigint::BigInt = big & num_bigint::BigInt::from(u32::MAX);
    Ok(u32::try_from(&m).unwrap_or(0))
}

/// The bytes of a path-like AF_UNIX address (`y*` after encoding a str).
fn unix_path_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = as_str(v) {
        return util::fs_encode(vm, s, v);
    }
    match crate::types::bytes::bytes_data(v) {
        Some(d) => Ok(d),
        None => Err(vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))),
    }
}

/// Parses the address argument `v` of a socket of family `family` for method `caller`.
pub fn parse_addr(vm: &mut Vm, family: i32, v: Value, caller: &str) -> PyResult<SockAddr> {
    match family {
        libc::AF_UNIX => {
            let path = unix_path_bytes(vm, v)?;
            let mut a = SockAddr::empty();
            // SAFETY: sockaddr_un fits in and is aligned for sockaddr_storage.
            let sun = unsafe { &mut *(a.as_mut_ptr() as *mut libc::sockaddr_un) };
            let cap = sun.sun_path.len();
            let abstract_ = path.first() == Some(&0);
            if (abstract_ && path.len() > cap) || (!abstract_ && path.len() >= cap) {
                return Err(os_error_msg(vm, "AF_UNIX path too long"));
            }
            sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, s) in sun.sun_path.iter_mut().zip(path.iter()) {
                *d = *s as libc::c_char;
            }
            let base = std::mem::offset_of!(libc::sockaddr_un, sun_path);
            // The length leaves out the terminating NUL (as CPython), so an empty path
            // autobinds to an abstract name.
            a.len = (base + path.len()) as libc::socklen_t;
            Ok(a)
        }
        libc::AF_INET => {
            let Some(items) = tuple_items(v) else {
                return Err(vm.type_error(format!(
                    "{caller}(): AF_INET address must be tuple, not {}",
                    vm.type_name(v)
                )));
            };
            let items = items.to_vec();
            if items.len() != 2 {
                return Err(vm.type_error("AF_INET address must be a pair (host, port)"));
            }
            let host = host_bytes(vm, items[0])?;
            let port = port_arg(vm, items[1], caller)?;
            let mut a = set_ip_addr(vm, &host, libc::AF_INET)?;
            let mut sin = a.v4();
            sin.sin_port = port.to_be();
            // SAFETY: as SockAddr::from_v4.
            unsafe { std::ptr::write(a.as_mut_ptr() as *mut libc::sockaddr_in, sin) };
            a.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            Ok(a)
        }
        libc::AF_INET6 => {
            let Some(items) = tuple_items(v) else {
                return Err(vm.type_error(format!(
                    "{caller}(): AF_INET6 address must be tuple, not {}",
                    vm.type_name(v)
                )));
            };
            let items = items.to_vec();
            if !(2..=4).contains(&items.len()) {
                return Err(vm.type_error(
                    "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])",
                ));
            }
            let host = host_bytes(vm, items[0])?;
            let port = port_arg(vm, items[1], caller)?;
            let flowinfo = match items.get(2) {
                Some(f) => uint_wrapping(vm, *f)?,
                None => 0,
            };
            let scope = match items.get(3) {
                Some(s) => uint_wrapping(vm, *s)?,
                None => 0,
            };
            let mut a = set_ip_addr(vm, &host, libc::AF_INET6)?;
            if flowinfo > 0xfffff {
                return Err(vm.overflow_error(format!("{caller}(): flowinfo must be 0-1048575.")));
            }
            let old = a.v6();
            a.set_v6(sin6_of(old.sin6_addr.s6_addr, port, flowinfo, scope));
            Ok(a)
        }
        _ => Err(os_error_msg(vm, &format!("{caller}(): bad family"))),
    }
}

/// Text of an IPv4 address (network order bytes).
pub fn v4_text(ip: [u8; 4]) -> String {
    std::net::Ipv4Addr::from(ip).to_string()
}

/// Text of an IPv6 address as glibc's inet_ntop writes it.
pub fn v6_text(ip: [u8; 16]) -> String {
    let a = std::net::Ipv6Addr::from(ip);
    // glibc writes IPv4-compatible (::a.b.c.d, not :: or ::1) and mapped addresses with a
    // dotted tail; Rust writes the compatible ones in hex, so handle that case here.
    let seg = a.segments();
    if seg[..6] == [0; 6] && (seg[6] != 0 || seg[7] > 1) {
        return format!("::{}.{}.{}.{}", ip[12], ip[13], ip[14], ip[15]);
    }
    a.to_string()
}

/// A C address as Python value (CPython's `makesockaddr`).
pub fn make_addr(vm: &mut Vm, a: &SockAddr) -> Value {
    if a.len == 0 {
        return Value::NONE;
    }
    match a.family() {
        libc::AF_INET => {
            let sin = a.v4();
            let host = vm.new_string(v4_text(sin.sin_addr.s_addr.to_ne_bytes()));
            let port = from_i64(vm, u16::from_be(sin.sin_port) as i64);
            new_tuple(vm, vec![host, port])
        }
        libc::AF_INET6 => {
            let s = a.v6();
            let host = vm.new_string(v6_text(s.sin6_addr.s6_addr));
            let port = from_i64(vm, u16::from_be(s.sin6_port) as i64);
            let flow = from_i64(vm, u32::from_be(s.sin6_flowinfo) as i64);
            let scope = from_i64(vm, s.sin6_scope_id as i64);
            new_tuple(vm, vec![host, port, flow, scope])
        }
        libc::AF_UNIX => {
            let base = std::mem::offset_of!(libc::sockaddr_un, sun_path);
            // SAFETY: the storage holds a sockaddr_un for this family.
            let sun = unsafe { &*(a.as_ptr() as *const libc::sockaddr_un) };
            let n = (a.len as usize)
                .saturating_sub(base)
                .min(sun.sun_path.len());
            let path: Vec<u8> = sun.sun_path[..n].iter().map(|c| *c as u8).collect();
            if n > 0 && path[0] == 0 {
                return new_bytes(vm, path);
            }
            let end = path.iter().position(|b| *b == 0).unwrap_or(path.len());
            let s = crate::types::str::fs_decode(&path[..end]);
            vm.new_string(s)
        }
        fam => {
            // SAFETY: every address starts with a sockaddr.
            let sa = unsafe { &*a.as_ptr() };
            let data: Vec<u8> = sa.sa_data.iter().map(|c| *c as u8).collect();
            let f = from_i64(vm, fam as i64);
            let d = new_bytes(vm, data);
            new_tuple(vm, vec![f, d])
        }
    }
}
