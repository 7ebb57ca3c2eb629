//! `socket.sendmsg`, `recvmsg` and `recvmsg_into`: scatter/gather I/O with ancillary data
//! (`SCM_RIGHTS` descriptor passing is what `socket.send_fds`/`recv_fds` use), over libc's
//! `sendmsg`/`recvmsg` and its CMSG_* macros, with CPython's argument errors.

use super::addr::{SockAddr, make_addr, parse_addr};
use super::sock::{call_sock, this};
use crate::modules::posix::util;
use crate::types::bytes::new_bytes;
use crate::types::int::{from_i64, from_usize};
use crate::types::list::new_list;
use crate::types::tuple::new_tuple;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The items of an iterable argument, or the TypeError naming it.
fn iterable(vm: &mut Vm, v: Value, msg: &str) -> PyResult<Vec<Value>> {
    match crate::ops::iter::get_iter(vm, v) {
        Ok(_) => crate::ops::iter::collect(vm, v),
        Err(e) if vm.exc_matches(e, vm.exc.type_error) => Err(vm.type_error(msg)),
        Err(e) => Err(e),
    }
}

fn bytes_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    crate::types::bytes::bytes_data(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// Builds a control buffer from `(level, type, data)` items.
fn build_control(vm: &mut Vm, anc: Value) -> PyResult<Vec<u8>> {
    let items = iterable(vm, anc, "sendmsg() argument 2 must be an iterable")?;
    let mut parts: Vec<(i32, i32, Vec<u8>)> = Vec::with_capacity(items.len());
    for it in items {
        let what = "[sendmsg() ancillary data items]()";
        let fields = match crate::types::tuple::items(it) {
            Some(t) => t.to_vec(),
            None => match it.downcast::<crate::types::list::ListObj>() {
                Some(l) => l.items.borrow().clone(),
                None => {
                    return Err(vm.type_error(format!(
                        "{what} argument must be 3-item sequence, not {}",
                        vm.type_name(it)
                    )));
                }
            },
        };
        if fields.len() != 3 {
            return Err(vm.type_error(format!(
                "{what} argument must be sequence of length 3, not {}",
                fields.len()
            )));
        }
        let level = util::c_int(vm, fields[0])?;
        let ty = util::c_int(vm, fields[1])?;
        let data = bytes_arg(vm, fields[2])?;
        parts.push((level, ty, data));
    }
    let mut total = 0usize;
    for (_, _, d) in &parts {
        // SAFETY: CMSG_SPACE is pure arithmetic.
        total += unsafe { libc::CMSG_SPACE(d.len() as u32) } as usize;
    }
    let mut buf = vec![0u8; total];
    if parts.is_empty() {
        return Ok(buf);
    }
    // SAFETY: a msghdr whose control buffer is `buf` (u64-aligned copy below is not needed:
    // CMSG_FIRSTHDR/NXTHDR only compute addresses inside the buffer, and we write through
    // unaligned pointers).
    unsafe {
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_control = buf.as_mut_ptr() as *mut libc::c_void;
        msg.msg_controllen = total;
        let mut c = libc::CMSG_FIRSTHDR(&msg);
        for (level, ty, data) in &parts {
            if c.is_null() {
                break;
            }
            let hdr = libc::cmsghdr {
                cmsg_len: libc::CMSG_LEN(data.len() as u32) as usize,
                cmsg_level: *level,
                cmsg_type: *ty,
            };
            std::ptr::write_unaligned(c, hdr);
            let dp = libc::CMSG_DATA(c);
            std::ptr::copy_nonoverlapping(data.as_ptr(), dp, data.len());
            c = libc::CMSG_NXTHDR(&msg, c);
        }
    }
    Ok(buf)
}

pub fn sock_sendmsg(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let bufs = iterable(vm, a[1], "sendmsg() argument 1 must be an iterable")?;
    let mut datas = Vec::with_capacity(bufs.len());
    for b in bufs {
        datas.push(bytes_arg(vm, b)?);
    }
    let control = if a[2].is_null() {
        Vec::new()
    } else {
        build_control(vm, a[2])?
    };
    let flags = util::c_int_or(vm, a[3], 0)?;
    let addr: Option<SockAddr> = if a[4].is_null() || a[4].is_none() {
        None
    } else {
        Some(parse_addr(vm, s.family.get(), a[4], "sendmsg")?)
    };
    let mut iov: Vec<libc::iovec> = datas
        .iter()
        .map(|d| libc::iovec {
            iov_base: d.as_ptr() as *mut libc::c_void,
            iov_len: d.len(),
        })
        .collect();
    let mut control = control;
    let fd = s.fd.get();
    let mut f = || -> isize {
        // SAFETY: every pointer in the msghdr refers to live buffers of the stated sizes.
        unsafe {
            let mut msg: libc::msghdr = std::mem::zeroed();
            if let Some(ad) = &addr {
                msg.msg_name = ad.as_ptr() as *mut libc::c_void;
                msg.msg_namelen = ad.len;
            }
            msg.msg_iov = iov.as_mut_ptr();
            msg.msg_iovlen = iov.len();
            if !control.is_empty() {
                msg.msg_control = control.as_mut_ptr() as *mut libc::c_void;
                msg.msg_controllen = control.len();
            }
            libc::sendmsg(fd, &msg, flags | libc::MSG_NOSIGNAL)
        }
    };
    let n = call_sock(vm, s, true, &mut f)?;
    Ok(from_usize(vm, n as usize))
}

/// One `recvmsg` into `sizes` fresh buffers: the data per buffer, the ancillary items, the
/// message flags and the sender's address.
type Received = (Vec<u8>, Vec<(i32, i32, Vec<u8>)>, i32, SockAddr);

fn recv_msg(vm: &mut Vm, a0: Value, total: usize, ancbuf: usize, flags: i32) -> PyResult<Received> {
    let s = this(vm, a0)?;
    let mut data = util::zeroed_buffer(vm, total)?;
    let mut control = util::zeroed_buffer(vm, ancbuf)?;
    let mut addr = SockAddr::empty();
    let mut got_flags = 0;
    let mut ctl_len = 0usize;
    let fd = s.fd.get();
    let mut f = || -> isize {
        addr = SockAddr::empty();
        // SAFETY: every pointer in the msghdr refers to live buffers of the stated sizes.
        unsafe {
            let mut iov = libc::iovec {
                iov_base: data.as_mut_ptr() as *mut libc::c_void,
                iov_len: data.len(),
            };
            let mut msg: libc::msghdr = std::mem::zeroed();
            msg.msg_name = addr.as_mut_ptr() as *mut libc::c_void;
            msg.msg_namelen = addr.len;
            msg.msg_iov = &mut iov;
            msg.msg_iovlen = 1;
            if !control.is_empty() {
                msg.msg_control = control.as_mut_ptr() as *mut libc::c_void;
                msg.msg_controllen = control.len();
            }
            let r = libc::recvmsg(fd, &mut msg, flags);
            if r >= 0 {
                addr.len = msg.msg_namelen;
                got_flags = msg.msg_flags;
                ctl_len = msg.msg_controllen;
            }
            r
        }
    };
    let n = call_sock(vm, s, false, &mut f)?;
    data.truncate(n as usize);
    let mut anc = Vec::new();
    if ctl_len > 0 {
        // SAFETY: walking the control messages the kernel wrote within `ctl_len` bytes.
        unsafe {
            let mut msg: libc::msghdr = std::mem::zeroed();
            msg.msg_control = control.as_mut_ptr() as *mut libc::c_void;
            msg.msg_controllen = ctl_len.min(control.len());
            let base = control.as_ptr() as usize;
            let end = base + msg.msg_controllen;
            let mut c = libc::CMSG_FIRSTHDR(&msg);
            while !c.is_null() {
                let hdr: libc::cmsghdr = std::ptr::read_unaligned(c);
                let dp = libc::CMSG_DATA(c) as usize;
                let want = hdr.cmsg_len.saturating_sub(libc::CMSG_LEN(0) as usize);
                let avail = end.saturating_sub(dp);
                let n = want.min(avail);
                let bytes = std::slice::from_raw_parts(dp as *const u8, n).to_vec();
                anc.push((hdr.cmsg_level, hdr.cmsg_type, bytes));
                if hdr.cmsg_len == 0 {
                    break;
                }
                c = libc::CMSG_NXTHDR(&msg, c);
            }
        }
    }
    Ok((data, anc, got_flags, addr))
}

fn anc_args(vm: &mut Vm, a: &[Value], what: &str) -> PyResult<(usize, i32)> {
    let ancbuf = if a[2].is_null() {
        0
    } else {
        util::c_i64(vm, a[2])?
    };
    if ancbuf < 0 || ancbuf > i32::MAX as i64 {
        let _ = what;
        return Err(vm.value_error("invalid ancillary data buffer length"));
    }
    let flags = util::c_int_or(vm, a[3], 0)?;
    Ok((ancbuf as usize, flags))
}

fn result(vm: &mut Vm, first: Value, r: Received) -> Value {
    let (_, anc, flags, addr) = r;
    let mut items = Vec::with_capacity(anc.len());
    for (l, t, d) in anc {
        let l = from_i64(vm, l as i64);
        let t = from_i64(vm, t as i64);
        let d = new_bytes(vm, d);
        items.push(new_tuple(vm, vec![l, t, d]));
    }
    let al = new_list(vm, items);
    let fv = from_i64(vm, flags as i64);
    let av = if addr.len == 0 {
        Value::NONE
    } else {
        make_addr(vm, &addr)
    };
    new_tuple(vm, vec![first, al, fv, av])
}

pub fn sock_recvmsg(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = util::c_i64(vm, a[1])?;
    if n < 0 {
        return Err(vm.value_error("negative buffer size in recvmsg()"));
    }
    let (ancbuf, flags) = anc_args(vm, a, "recvmsg")?;
    let mut r = recv_msg(vm, a[0], n as usize, ancbuf, flags)?;
    let data = std::mem::take(&mut r.0);
    let d = new_bytes(vm, data);
    Ok(result(vm, d, r))
}

pub fn sock_recvmsg_into(vm: &mut Vm, a: &[Value]) -> PyResult {
    let bufs = iterable(vm, a[1], "recvmsg_into() argument 1 must be an iterable")?;
    let mut sizes = Vec::with_capacity(bufs.len());
    for b in &bufs {
        match crate::modules::io::writable_buffer_len(vm, *b, "recvmsg_into") {
            Ok(n) => sizes.push(n),
            Err(e) if vm.exc_matches(e, vm.exc.type_error) => {
                return Err(vm.type_error(
                    "recvmsg_into() argument 1 must be an iterable of single-segment read-write buffers",
                ));
            }
            Err(e) => return Err(e),
        }
    }
    let (ancbuf, flags) = anc_args(vm, a, "recvmsg_into")?;
    let total: usize = sizes.iter().sum();
    let mut r = recv_msg(vm, a[0], total, ancbuf, flags)?;
    let data = std::mem::take(&mut r.0);
    let mut off = 0;
    for (b, n) in bufs.iter().zip(sizes) {
        if off >= data.len() {
            break;
        }
        let end = (off + n).min(data.len());
        crate::modules::io::fill_buffer(*b, &data[off..end]);
        off = end;
    }
    let nv = from_usize(vm, data.len());
    Ok(result(vm, nv, r))
}
