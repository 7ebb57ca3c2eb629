//! `binascii`: conversions between binary data and ASCII encodings (base64, hex, uuencode,
//! quoted-printable) and the CRCs (`crc32`, shared with `zlib`, and `crc_hqx`), with
//! `binascii.Error` (a ValueError) and `binascii.Incomplete`.

use crate::native;
use crate::native::NativeDef;
use crate::types::str::as_str;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!("a2b_uu", "($module, data, /)", a2b_uu),
    native!("b2a_uu", "($module, data, /, *, backtick=False)", b2a_uu),
    native!(
        "a2b_base64",
        "($module, data, /, *, strict_mode=False)",
        a2b_base64
    ),
    native!(
        "b2a_base64",
        "($module, data, /, *, newline=True)",
        b2a_base64
    ),
    native!("crc_hqx", "($module, data, crc, /)", crc_hqx),
    native!("crc32", "($module, data, crc=0, /)", crc32),
    native!(
        "b2a_hex",
        "($module, /, data, sep=<unrepresentable>, bytes_per_sep=1)",
        b2a_hex
    ),
    native!(
        "hexlify",
        "($module, /, data, sep=<unrepresentable>, bytes_per_sep=1)",
        b2a_hex
    ),
    native!("a2b_hex", "($module, hexstr, /)", a2b_hex),
    native!("unhexlify", "($module, hexstr, /)", a2b_hex),
    native!("a2b_qp", "($module, /, data, header=False)", a2b_qp),
    native!(
        "b2a_qp",
        "($module, /, data, quotetabs=False, istext=True, header=False)",
        b2a_qp
    ),
];

fn new_error_class(vm: &mut Vm, name: &str, base: Value) -> PyResult {
    let n = vm.new_str(name);
    let bases = crate::types::tuple::new_tuple(vm, vec![base]);
    let ns = crate::types::dict::new_dict(vm);
    let k = vm.intern("__module__");
    let v = vm.new_str("binascii");
    crate::types::dict::set_item_str(vm, ns, k, v);
    let meta = vm.types.type_;
    crate::types::typeobj::new_class(vm, meta, n, bases, ns)
}

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "binascii", FUNCS);
    let err = match vm.state_get("binascii.Error") {
        Some(e) => e,
        None => {
            let base = vm.exc.value_error;
            let e = new_error_class(vm, "Error", base)?;
            vm.state_set("binascii.Error", e);
            e
        }
    };
    let inc = match vm.state_get("binascii.Incomplete") {
        Some(e) => e,
        None => {
            let base = vm.exc.exception;
            let e = new_error_class(vm, "Incomplete", base)?;
            vm.state_set("binascii.Incomplete", e);
            e
        }
    };
    crate::types::module::set_attr(vm, m, "Error", err);
    crate::types::module::set_attr(vm, m, "Incomplete", inc);
    Ok(m)
}

fn error(vm: &mut Vm, msg: impl AsRef<str>) -> Exc {
    let ty = vm.state_get("binascii.Error").unwrap_or(vm.exc.value_error);
    vm.new_exc(ty, msg)
}

/// A bytes-like argument.
fn data_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    // CPython asks for a C-contiguous buffer (`y*`): a strided memoryview is refused.
    if let Some(m) = v.downcast::<crate::types::memoryview::MemoryViewObj>()
        && !m.is_contiguous(false)
    {
        let t = vm.exc.buffer_error;
        return Err(vm.new_exc(t, "memoryview: underlying buffer is not C-contiguous"));
    }
    crate::types::bytes::bytes_data(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

/// The `a2b_*` argument: bytes-like, or a str of ASCII characters only.
fn ascii_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = as_str(v) {
        if !s.is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.as_bytes().to_vec());
    }
    crate::types::bytes::bytes_data(v).ok_or_else(|| {
        vm.type_error(format!(
            "argument should be bytes, buffer or ASCII string, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn flag(vm: &mut Vm, v: Value, default: bool) -> PyResult<bool> {
    if v.is_null() {
        Ok(default)
    } else {
        crate::ops::truth::is_true(vm, v)
    }
}

fn bytes(vm: &mut Vm, b: Vec<u8>) -> PyResult {
    Ok(crate::types::bytes::new_bytes(vm, b))
}

// ----- uuencode -----

fn a2b_uu(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = ascii_arg(vm, a[1])?;
    let Some((&first, mut rest)) = data.split_first() else {
        return bytes(vm, vec![0; 32]);
    };
    let mut bin_len = (first.wrapping_sub(b' ') & 0o77) as usize;
    let mut out = Vec::with_capacity(bin_len);
    let (mut left, mut bits) = (0u32, 0u32);
    while bin_len > 0 {
        let c = rest.first().copied();
        let v = match c {
            None | Some(b'\n') | Some(b'\r') => 0,
            Some(c) => {
                if !(b' '..=b' ' + 64).contains(&c) {
                    return Err(error(vm, "Illegal char"));
                }
                ((c - b' ') & 0o77) as u32
            }
        };
        if !rest.is_empty() {
            rest = &rest[1..];
        }
        left = (left << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((left >> bits) & 0xff) as u8);
            left &= (1 << bits) - 1;
            bin_len -= 1;
        }
    }
    for &c in rest {
        if !matches!(c, b' ' | b'`' | b'\n' | b'\r') {
            return Err(error(vm, "Trailing garbage"));
        }
    }
    bytes(vm, out)
}

fn b2a_uu(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let backtick = flag(vm, a[2], false)?;
    if data.len() > 45 {
        return Err(error(vm, "At most 45 bytes at once"));
    }
    let enc = |v: u8| -> u8 { if backtick && v == 0 { b'`' } else { b' ' + v } };
    let mut out = vec![enc(data.len() as u8)];
    for chunk in data.chunks(3) {
        let mut b = [0u8; 3];
        b[..chunk.len()].copy_from_slice(chunk);
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for k in (0..4).rev() {
            out.push(enc(((n >> (k * 6)) & 0x3f) as u8));
        }
    }
    out.push(b'\n');
    bytes(vm, out)
}

// ----- base64 -----

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64_val(c: u8) -> Option<u8> {
    Some(match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

fn a2b_base64(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = ascii_arg(vm, a[1])?;
    let strict = flag(vm, a[2], false)?;
    if strict && data.first() == Some(&b'=') {
        return Err(error(vm, "Leading padding not allowed"));
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    let (mut quad, mut left, mut pads) = (0, 0u8, 0);
    let mut padding_started = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding_started = true;
            if quad >= 2 {
                pads += 1;
                if quad + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err(error(vm, "Excess data after padding"));
                    }
                    return bytes(vm, out);
                }
            }
            continue;
        }
        let Some(v) = b64_val(c) else {
            if strict {
                return Err(error(vm, "Only base64 data is allowed"));
            }
            continue;
        };
        if strict && padding_started {
            return Err(error(vm, "Discontinuous padding not allowed"));
        }
        pads = 0;
        match quad {
            0 => {
                quad = 1;
                left = v;
            }
            1 => {
                quad = 2;
                out.push((left << 2) | (v >> 4));
                left = v & 0x0f;
            }
            2 => {
                quad = 3;
                out.push((left << 4) | (v >> 2));
                left = v & 0x03;
            }
            _ => {
                quad = 0;
                out.push((left << 6) | v);
                left = 0;
            }
        }
    }
    if quad == 1 {
        return Err(error(
            vm,
            format!(
                "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more \
                 than a multiple of 4",
                out.len() / 3 * 4 + 1
            ),
        ));
    }
    if quad != 0 {
        return Err(error(vm, "Incorrect padding"));
    }
    bytes(vm, out)
}

pub fn base64_encode(data: &[u8], out: &mut Vec<u8>) {
    for chunk in data.chunks(3) {
        let mut b = [0u8; 3];
        b[..chunk.len()].copy_from_slice(chunk);
        let n = ((b[0] as u32) << 16) | ((b[1] as u32) << 8) | b[2] as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * k)) & 0x3f) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
}

fn b2a_base64(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let newline = flag(vm, a[2], true)?;
    let mut out = Vec::with_capacity(data.len() * 4 / 3 + 4);
    base64_encode(&data, &mut out);
    if newline {
        out.push(b'\n');
    }
    bytes(vm, out)
}

// ----- CRCs -----

/// The CRC-32 of zlib/PNG (reflected polynomial 0xEDB88320), continuing from `crc`.
pub fn crc32_update(crc: u32, data: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let mut t = [0u32; 256];
        for (i, e) in t.iter_mut().enumerate() {
            let mut c = i as u32;
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *e = c;
        }
        t
    });
    let mut c = !crc;
    for &b in data {
        c = t[((c ^ b as u32) & 0xff) as usize] ^ (c >> 8);
    }
    !c
}

/// An unsigned int argument taken modulo 2**32 (`unsigned_int(bitwise=True)`).
pub fn bitwise_u32(vm: &mut Vm, v: Value) -> PyResult<u32> {
    if !crate::types::int::is_int(v) {
        let i = crate::ops::number::index(vm, v)?;
        return bitwise_u32(vm, i);
    }
    let b = crate::types::int::int_ref(v)
        .map(|r| r.to_bigint())
        .unwrap_or_default();
    let m = b & num_bigint::BigInt::from(0xFFFF_FFFFu32);
    Ok(num_traits::ToPrimitive::to_u32(&m).unwrap_or(0))
}

fn crc32(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let crc = if a[2].is_null() {
        0
    } else {
        bitwise_u32(vm, a[2])?
    };
    let r = crc32_update(crc, &data);
    Ok(crate::types::int::from_u64(vm, r as u64))
}

fn crc_hqx(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let mut crc = bitwise_u32(vm, a[2])? & 0xffff;
    for &b in &data {
        crc ^= (b as u32) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
        crc &= 0xffff;
    }
    Ok(crate::types::int::from_u64(vm, crc as u64))
}

// ----- hex -----

fn b2a_hex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = data_arg(vm, a[1])?;
    let b = crate::types::bytes::new_bytes(vm, data);
    let hex = crate::ops::attr::getattr_str(vm, b, "hex")?;
    let mut args = Vec::new();
    for v in [a[2], a[3]] {
        if v.is_null() {
            break;
        }
        args.push(v);
    }
    let s = crate::ops::call::call(vm, hex, &args)?;
    let s = as_str(s).unwrap_or("").as_bytes().to_vec();
    bytes(vm, s)
}

fn a2b_hex(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = ascii_arg(vm, a[1])?;
    if data.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks(2) {
        let h = (pair[0] as char).to_digit(16);
        let l = (pair[1] as char).to_digit(16);
        match (h, l) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(error(vm, "Non-hexadecimal digit found")),
        }
    }
    bytes(vm, out)
}

// ----- quoted-printable -----

fn a2b_qp(vm: &mut Vm, a: &[Value]) -> PyResult {
    let data = ascii_arg(vm, a[1])?;
    let header = flag(vm, a[2], false)?;
    let mut out = Vec::with_capacity(data.len());
    let n = data.len();
    let mut i = 0;
    while i < n {
        let c = data[i];
        if c == b'=' {
            i += 1;
            if i >= n {
                break;
            }
            let d = data[i];
            if d == b'\n' || d == b'\r' {
                // A soft line break.
                if d != b'\n' {
                    while i < n && data[i] != b'\n' {
                        i += 1;
                    }
                }
                if i < n {
                    i += 1;
                }
            } else if d == b'=' {
                out.push(b'=');
                i += 1;
            } else if i + 1 < n
                && let (Some(h), Some(l)) =
                    ((d as char).to_digit(16), (data[i + 1] as char).to_digit(16))
            {
                out.push((h * 16 + l) as u8);
                i += 2;
            } else {
                out.push(b'=');
            }
        } else if header && c == b'_' {
            out.push(b' ');
            i += 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    bytes(vm, out)
}

fn push_hex(out: &mut Vec<u8>, c: u8) {
    const H: &[u8; 16] = b"0123456789ABCDEF";
    out.push(H[(c >> 4) as usize]);
    out.push(H[(c & 15) as usize]);
}

fn b2a_qp(vm: &mut Vm, a: &[Value]) -> PyResult {
    const MAXLINESIZE: usize = 76;
    let data = data_arg(vm, a[1])?;
    let quotetabs = flag(vm, a[2], false)?;
    let istext = flag(vm, a[3], true)?;
    let header = flag(vm, a[4], false)?;
    let crlf = data
        .iter()
        .position(|&c| c == b'\n')
        .is_some_and(|p| p > 0 && data[p - 1] == b'\r');
    let n = data.len();
    let mut out: Vec<u8> = Vec::with_capacity(n * 2);
    let soft_break = |out: &mut Vec<u8>| {
        out.push(b'=');
        if crlf {
            out.push(b'\r');
        }
        out.push(b'\n');
    };
    let (mut i, mut linelen) = (0, 0);
    while i < n {
        let c = data[i];
        let next = data.get(i + 1).copied();
        let needs_quote = c > 126
            || c == b'='
            || header && c == b'_'
            || c == b'.' && linelen == 0 && matches!(next, None | Some(b'\n' | b'\r' | 0))
            || !istext && (c == b'\r' || c == b'\n')
            || (c == b'\t' || c == b' ') && i + 1 == n
            || c < 33 && c != b'\r' && c != b'\n' && (quotetabs || c != b'\t' && c != b' ');
        if needs_quote {
            if linelen + 3 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            out.push(b'=');
            push_hex(&mut out, c);
            i += 1;
            linelen += 3;
        } else if istext && (c == b'\n' || c == b'\r' && next == Some(b'\n')) {
            linelen = 0;
            // Whitespace at the end of a line is quoted.
            if let Some(&last) = out.last()
                && (last == b' ' || last == b'\t')
            {
                out.pop();
                out.push(b'=');
                push_hex(&mut out, last);
            }
            if crlf {
                out.push(b'\r');
            }
            out.push(b'\n');
            i += if c == b'\r' { 2 } else { 1 };
        } else {
            if i + 1 != n && next != Some(b'\n') && linelen + 1 >= MAXLINESIZE {
                soft_break(&mut out);
                linelen = 0;
            }
            linelen += 1;
            if header && c == b' ' {
                out.push(b'_');
            } else {
                out.push(c);
            }
            i += 1;
        }
    }
    bytes(vm, out)
}
