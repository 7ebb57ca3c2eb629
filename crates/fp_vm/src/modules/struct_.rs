//! `_struct`: packing Python values into C-layout bytes and back (`pack`, `unpack`,
//! `calcsize`, `iter_unpack`, `pack_into`, `unpack_from`, the `Struct` class and
//! `struct.error`), with CPython 3.11's format rules (byte orders, native sizes and alignment
//! of x86-64 Linux, repeat counts) and messages.

use crate::native::NativeDef;
use crate::object::{ObjKind, Payload, Trace};
use crate::types::bytes::{ByteArrayObj, BytesObj};
use crate::types::str::as_str;
use crate::types::typeobj::{self, TypeFlags};
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use crate::{native, native_staticmethod};
use num_bigint::BigInt;
use num_traits::ToPrimitive;
use std::cell::{Cell, RefCell};

/// Byte order and size mode of a format.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Order {
    /// `@`: native order, sizes and alignment.
    Native,
    /// `=` and `<`: little endian, standard sizes.
    Little,
    /// `>` and `!`: big endian, standard sizes.
    Big,
}

/// One format code with its repeat count and offset.
#[derive(Clone, Copy, Debug)]
struct Item {
    code: u8,
    count: usize,
    offset: usize,
    size: usize,
}

#[derive(Clone, Debug)]
struct Layout {
    order: Order,
    items: Vec<Item>,
    size: usize,
    /// Values consumed by `pack`.
    nargs: usize,
}

/// Size of one code in a mode; None for codes the mode does not have.
fn code_size(order: Order, c: u8) -> Option<usize> {
    let native = order == Order::Native;
    Some(match c {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                8
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

fn struct_error(vm: &mut Vm, msg: impl AsRef<str>) -> Exc {
    let ty = vm.state_get("_struct.error").unwrap_or(vm.exc.exception);
    vm.new_exc(ty, msg)
}

fn parse(vm: &mut Vm, fmt: &[u8]) -> PyResult<Layout> {
    if fmt.contains(&0) {
        return Err(struct_error(vm, "embedded null character"));
    }
    let (order, body) = match fmt.first() {
        Some(b'@') => (Order::Native, &fmt[1..]),
        Some(b'=') | Some(b'<') => (Order::Little, &fmt[1..]),
        Some(b'>') | Some(b'!') => (Order::Big, &fmt[1..]),
        _ => (Order::Native, fmt),
    };
    let mut items = Vec::new();
    let (mut size, mut nargs) = (0usize, 0usize);
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let mut count: Option<usize> = None;
        while i < body.len() && body[i].is_ascii_digit() {
            let d = (body[i] - b'0') as usize;
            count = Some(
                count
                    .unwrap_or(0)
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(d))
                    .ok_or_else(|| struct_error(vm, "total struct size too long"))?,
            );
            i += 1;
        }
        let Some(&c) = body.get(i) else {
            return Err(struct_error(
                vm,
                "repeat count given without format specifier",
            ));
        };
        i += 1;
        let Some(sz) = code_size(order, c) else {
            return Err(struct_error(vm, "bad char in struct format"));
        };
        let count = count.unwrap_or(1);
        if order == Order::Native {
            let align = sz;
            size = size.div_ceil(align) * align;
        }
        // Sizes are Py_ssize_t in CPython: beyond isize::MAX is too long.
        let bytes = sz
            .checked_mul(count)
            .and_then(|b| b.checked_add(size))
            .filter(|&b| b <= isize::MAX as usize)
            .ok_or_else(|| struct_error(vm, "total struct size too long"))?;
        items.push(Item {
            code: c,
            count,
            offset: size,
            size: sz,
        });
        size = bytes;
        nargs += match c {
            b'x' => 0,
            b's' | b'p' => 1,
            _ => count,
        };
    }
    Ok(Layout {
        order,
        items,
        size,
        nargs,
    })
}

// ----- packing -----

/// An int argument (`__index__` allowed), or struct.error.
fn get_int(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    if let Some(i) = crate::types::int::int_ref(v) {
        return Ok(i.to_bigint());
    }
    if crate::ops::has_special(vm, v, vm.names.index) {
        let i = crate::ops::number::index(vm, v)?;
        if let Some(r) = crate::types::int::int_ref(i) {
            return Ok(r.to_bigint());
        }
    }
    Err(struct_error(vm, "required argument is not an integer"))
}

fn get_float(vm: &mut Vm, v: Value) -> PyResult<f64> {
    let ok = crate::types::float::as_f64(v).is_some()
        || crate::types::int::is_int(v)
        || crate::ops::has_special(vm, v, vm.names.float_)
        || crate::ops::has_special(vm, v, vm.names.index);
    if !ok {
        return Err(struct_error(vm, "required argument is not a float"));
    }
    crate::ops::number::to_f64(vm, v)
}

/// CPython's range checks: native small codes have named messages, standard codes quote the
/// format character; values beyond the C type of the converter are "argument out of range".
fn pack_int(
    vm: &mut Vm,
    order: Order,
    code: u8,
    size: usize,
    v: Value,
    out: &mut [u8],
) -> PyResult<()> {
    let n = get_int(vm, v)?;
    let unsigned = code.is_ascii_uppercase() || code == b'P';
    let big = order == Order::Big;
    // Little-endian standard formats reuse the native converters for the codes whose sizes
    // agree (h H i I q Q), and 1-byte codes always use them, as CPython does.
    let native_like = !big || matches!(code, b'b' | b'B');
    // The C converter: a signed long for most codes (even B and H natively), unsigned for
    // I L Q N (and big-endian H), a byte-array conversion for big-endian q/Q and P.
    let as_bytes = big && matches!(code, b'q' | b'Q') || code == b'P';
    let unsigned_conv = matches!(code, b'I' | b'L' | b'Q' | b'N') || code == b'H' && big;
    let x: i128 = if as_bytes {
        let r = if code == b'q' {
            n.to_i64().map(|v| v as i128)
        } else if code == b'P' {
            n.to_i64()
                .map(|v| v as i128)
                .or_else(|| n.to_u64().map(|v| v as i128))
        } else {
            n.to_u64().map(|v| v as i128)
        };
        match r {
            Some(x) => x,
            None => return Err(struct_error(vm, "int too large to convert")),
        }
    } else {
        let r = if unsigned_conv {
            n.to_u64().map(|v| v as i128)
        } else {
            n.to_i64().map(|v| v as i128)
        };
        match r {
            Some(x) => x,
            None => return Err(struct_error(vm, "argument out of range")),
        }
    };
    if size < 8 {
        let bits = size * 8;
        let (lo, hi) = if unsigned {
            (0i128, (1i128 << bits) - 1)
        } else {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        };
        if x < lo || x > hi {
            let named = if native_like {
                match code {
                    b'b' => Some("byte format requires -128 <= number <= 127"),
                    b'B' => Some("ubyte format requires 0 <= number <= 255"),
                    b'h' => Some("short format requires -32768 <= number <= 32767"),
                    b'H' => Some("ushort format requires 0 <= number <= 65535"),
                    _ => None,
                }
            } else {
                None
            };
            let msg = match named {
                Some(m) => m.to_string(),
                None => format!("'{}' format requires {lo} <= number <= {hi}", code as char),
            };
            return Err(struct_error(vm, msg));
        }
    }
    let bytes = (x as u64).to_le_bytes();
    let src = &bytes[..size];
    if order == Order::Big {
        for (d, s) in out.iter_mut().zip(src.iter().rev()) {
            *d = *s;
        }
    } else {
        out[..size].copy_from_slice(src);
    }
    Ok(())
}

/// IEEE half precision with round-half-even; None on overflow.
fn f64_to_half(x: f64) -> Option<u16> {
    let sign: u16 = if x.is_sign_negative() { 0x8000 } else { 0 };
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    if x.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if x == 0.0 {
        return Some(sign);
    }
    let (mut f, mut e) = crate::types::float::frexp(x.abs());
    f *= 2.0;
    e -= 1;
    if e >= 16 {
        return None;
    }
    if e < -25 {
        f = 0.0;
        e = 0;
    } else if e < -14 {
        f = crate::types::float::ldexp(f, (14 + e) as i64);
        e = 0;
    } else {
        e += 15;
        f -= 1.0;
    }
    f *= 1024.0;
    let mut bits = f as u16;
    let frac = f - bits as f64;
    if frac > 0.5 || frac == 0.5 && bits % 2 == 1 {
        bits += 1;
        if bits == 1024 {
            bits = 0;
            e += 1;
            if e == 31 {
                return None;
            }
        }
    }
    Some(sign | ((e as u16) << 10) | bits)
}

fn half_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let e = ((h >> 10) & 0x1f) as i32;
    let m = (h & 0x3ff) as f64;
    let v = if e == 0 {
        m * 2f64.powi(-24)
    } else if e == 31 {
        if m == 0.0 { f64::INFINITY } else { f64::NAN }
    } else {
        (1.0 + m / 1024.0) * 2f64.powi(e - 15)
    };
    sign * v
}

fn put(order: Order, src: &[u8], out: &mut [u8]) {
    if order == Order::Big {
        for (d, s) in out.iter_mut().zip(src.iter().rev()) {
            *d = *s;
        }
    } else {
        out[..src.len()].copy_from_slice(src);
    }
}

fn pack_one(vm: &mut Vm, order: Order, it: &Item, v: Value, out: &mut [u8]) -> PyResult<()> {
    match it.code {
        b'?' => {
            out[0] = crate::ops::truth::is_true(vm, v)? as u8;
        }
        b'c' => match v.downcast::<BytesObj>() {
            Some(b) if b.data.len() == 1 => out[0] = b.data[0],
            _ => {
                return Err(struct_error(
                    vm,
                    "char format requires a bytes object of length 1",
                ));
            }
        },
        b'e' => {
            let x = get_float(vm, v)?;
            match f64_to_half(x) {
                Some(h) => put(order, &h.to_le_bytes(), out),
                None => {
                    return Err(vm.overflow_error("float too large to pack with e format"));
                }
            }
        }
        b'f' => {
            let x = get_float(vm, v)?;
            let y = x as f32;
            if order != Order::Native && y.is_infinite() && !x.is_infinite() {
                return Err(vm.overflow_error("float too large to pack with f format"));
            }
            put(order, &y.to_le_bytes(), out);
        }
        b'd' => {
            let x = get_float(vm, v)?;
            put(order, &x.to_le_bytes(), out);
        }
        c => pack_int(vm, order, c, it.size, v, out)?,
    }
    Ok(())
}

/// Packs `args` into `out` (already `layout.size` zero bytes).
fn pack_values(
    vm: &mut Vm,
    layout: &Layout,
    args: &[Value],
    out: &mut [u8],
    what: &str,
) -> PyResult<()> {
    if args.len() != layout.nargs {
        return Err(struct_error(
            vm,
            format!(
                "{what} expected {} items for packing (got {})",
                layout.nargs,
                args.len()
            ),
        ));
    }
    let mut ai = 0;
    for it in &layout.items {
        match it.code {
            b'x' => {}
            b's' | b'p' => {
                let v = args[ai];
                ai += 1;
                let data = if v.is::<BytesObj>() || v.is::<ByteArrayObj>() {
                    crate::types::bytes::bytes_data(v).unwrap_or_default()
                } else {
                    return Err(struct_error(
                        vm,
                        format!("argument for '{}' must be a bytes object", it.code as char),
                    ));
                };
                let dst = &mut out[it.offset..it.offset + it.count];
                if it.code == b's' {
                    let n = data.len().min(it.count);
                    dst[..n].copy_from_slice(&data[..n]);
                } else if it.count > 0 {
                    let n = data.len().min(it.count - 1);
                    dst[1..1 + n].copy_from_slice(&data[..n]);
                    dst[0] = n.min(255) as u8;
                }
            }
            _ => {
                for k in 0..it.count {
                    let v = args[ai];
                    ai += 1;
                    let off = it.offset + k * it.size;
                    pack_one(vm, layout.order, it, v, &mut out[off..off + it.size])?;
                }
            }
        }
    }
    Ok(())
}

fn unpack_values(vm: &mut Vm, layout: &Layout, data: &[u8]) -> PyResult {
    let mut vals = Vec::with_capacity(layout.nargs);
    let order = layout.order;
    for it in &layout.items {
        match it.code {
            b'x' => {}
            b's' => {
                let b = data[it.offset..it.offset + it.count].to_vec();
                vals.push(crate::types::bytes::new_bytes(vm, b));
            }
            b'p' => {
                let src = &data[it.offset..it.offset + it.count];
                let b = if it.count == 0 {
                    vec![]
                } else {
                    let n = (src[0] as usize).min(it.count - 1);
                    src[1..1 + n].to_vec()
                };
                vals.push(crate::types::bytes::new_bytes(vm, b));
            }
            c => {
                for k in 0..it.count {
                    let off = it.offset + k * it.size;
                    let raw = &data[off..off + it.size];
                    let mut le = [0u8; 8];
                    if order == Order::Big {
                        for (d, s) in le.iter_mut().zip(raw.iter().rev()) {
                            *d = *s;
                        }
                    } else {
                        le[..it.size].copy_from_slice(raw);
                    }
                    let u = u64::from_le_bytes(le);
                    let v = match c {
                        b'?' => Value::from_bool(u != 0),
                        b'c' => crate::types::bytes::new_bytes(vm, vec![raw[0]]),
                        b'e' => crate::types::float::new_float(vm, half_to_f64(u as u16)),
                        b'f' => crate::types::float::new_float(vm, f32::from_bits(u as u32) as f64),
                        b'd' => crate::types::float::new_float(vm, f64::from_bits(u)),
                        b'B' | b'H' | b'I' | b'L' | b'Q' | b'N' | b'P' => {
                            crate::types::int::from_u64(vm, u)
                        }
                        _ => {
                            let bits = it.size * 8;
                            let x = if bits == 64 {
                                u as i64
                            } else {
                                ((u << (64 - bits)) as i64) >> (64 - bits)
                            };
                            crate::types::int::from_i64(vm, x)
                        }
                    };
                    vals.push(v);
                }
            }
        }
    }
    Ok(crate::types::tuple::new_tuple(vm, vals))
}

// ----- the Struct type -----

pub struct StructObj {
    layout: RefCell<Layout>,
    format: Cell<Value>,
}

impl Trace for StructObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.format.get().trace(visit)
    }
}

impl Payload for StructObj {
    const KIND: ObjKind = ObjKind::Struct;
}

pub struct StructIterObj {
    st: Value,
    data: Vec<u8>,
    pos: Cell<usize>,
}

impl Trace for StructIterObj {
    fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.st.trace(visit)
    }
}

impl Payload for StructIterObj {
    const KIND: ObjKind = ObjKind::StructIter;
}

fn format_bytes(vm: &mut Vm, v: Value) -> PyResult<(Vec<u8>, Value)> {
    if let Some(s) = as_str(v) {
        return Ok((s.as_bytes().to_vec(), v));
    }
    if let Some(b) = v.downcast::<BytesObj>() {
        let s: String = b.data.iter().map(|&c| c as char).collect();
        let sv = vm.new_string(s);
        return Ok((b.data.to_vec(), sv));
    }
    Err(vm.type_error(format!(
        "Struct() argument 1 must be a str or bytes object, not {}",
        vm.type_name(v)
    )))
}

fn new_struct_of_type(vm: &mut Vm, ty: Value, fmt: Value) -> PyResult {
    let (b, sv) = format_bytes(vm, fmt)?;
    let layout = parse(vm, &b)?;
    Ok(crate::heap::alloc(
        ty,
        StructObj {
            layout: RefCell::new(layout),
            format: Cell::new(sv),
        },
    ))
}

/// The layout of a format argument.
fn get_struct(vm: &mut Vm, fmt: Value) -> PyResult<Layout> {
    let (b, _) = format_bytes(vm, fmt)?;
    parse(vm, &b)
}

fn this(vm: &mut Vm, v: Value) -> PyResult<&'static StructObj> {
    v.downcast::<StructObj>()
        .ok_or_else(|| vm.type_error("descriptor requires a '_struct.Struct' object"))
}

static STRUCT_METHODS: &[NativeDef] = &[
    native_staticmethod!("__new__", "($type, /, *args, **kwargs)", struct_new),
    native!("__init__", "($self, /, *args, **kwargs)", struct_init),
    native!("pack", "($self, /, *args)", m_pack),
    native!(
        "pack_into",
        "($self, buffer, offset, /, *args)",
        m_pack_into
    ),
    native!("unpack", "($self, buffer, /)", m_unpack),
    native!("unpack_from", "($self, /, buffer, offset=0)", m_unpack_from),
    native!("iter_unpack", "($self, buffer, /)", m_iter_unpack),
    native!("__sizeof__", "($self, /)", m_sizeof),
];

static STRUCT_GETSETS: &[(NativeDef, Option<NativeDef>)] = &[
    (native!("format", "($self, /)", get_format), None),
    (native!("size", "($self, /)", get_size), None),
];

static ITER_METHODS: &[NativeDef] = &[
    native!("__iter__", "($self, /)", iter_self),
    native!("__next__", "($self, /)", iter_next),
    native!("__length_hint__", "($self, /)", iter_length_hint),
];

static FUNCS: &[NativeDef] = &[
    native!("pack", "($module, format, /, *args)", f_pack),
    native!(
        "pack_into",
        "($module, format, buffer, offset, /, *args)",
        f_pack_into
    ),
    native!("unpack", "($module, format, buffer, /)", f_unpack),
    native!(
        "unpack_from",
        "($module, format, /, buffer, offset=0)",
        f_unpack_from
    ),
    native!("iter_unpack", "($module, format, buffer, /)", f_iter_unpack),
    native!("calcsize", "($module, format, /)", f_calcsize),
    native!("_clearcache", "($module, /)", f_clearcache),
];

fn set_module(vm: &mut Vm, ty: Value, module: &str) {
    let d = typeobj::tobj(ty).dict.get();
    let k = vm.intern("__module__");
    let v = vm.new_str(module);
    crate::types::dict::set_item_str(vm, d, k, v);
}

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "_struct", FUNCS);
    let object = vm.types.object;
    let st = typeobj::new_static_type(vm, "Struct", object, ObjKind::Struct, TypeFlags::BASETYPE);
    typeobj::add_methods(vm, st, STRUCT_METHODS);
    typeobj::add_getsets(vm, st, STRUCT_GETSETS);
    set_module(vm, st, "_struct");
    vm.state_set("_struct.Struct", st);
    let it = typeobj::new_static_type(
        vm,
        "unpack_iterator",
        object,
        ObjKind::StructIter,
        TypeFlags::default(),
    );
    typeobj::add_methods(vm, it, ITER_METHODS);
    set_module(vm, it, "_struct");
    vm.state_set("_struct.unpack_iterator", it);
    let err = match vm.state_get("_struct.error") {
        Some(e) => e,
        None => {
            let name = vm.new_str("error");
            let exc = vm.exc.exception;
            let bases = crate::types::tuple::new_tuple(vm, vec![exc]);
            let ns = crate::types::dict::new_dict(vm);
            let k = vm.intern("__module__");
            let v = vm.new_str("struct");
            crate::types::dict::set_item_str(vm, ns, k, v);
            let meta = vm.types.type_;
            let e = typeobj::new_class(vm, meta, name, bases, ns)?;
            vm.state_set("_struct.error", e);
            e
        }
    };
    crate::types::module::set_attr(vm, m, "error", err);
    crate::types::module::set_attr(vm, m, "Struct", st);
    Ok(m)
}

fn struct_new(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    let fmt = match args.first() {
        Some(&f) => f,
        None => match (!a[2].is_null())
            .then(|| crate::types::dict::get_str(a[2], "format"))
            .flatten()
        {
            Some(f) => f,
            None => {
                return Err(vm.type_error("Struct() missing required argument 'format' (pos 1)"));
            }
        },
    };
    new_struct_of_type(vm, a[0], fmt)
}

fn struct_init(vm: &mut Vm, a: &[Value]) -> PyResult {
    let s = this(vm, a[0])?;
    let args = crate::types::tuple::items(a[1]).unwrap_or(&[]);
    let fmt = match args.first() {
        Some(&f) => f,
        None => match (!a[2].is_null())
            .then(|| crate::types::dict::get_str(a[2], "format"))
            .flatten()
        {
            Some(f) => f,
            None => return Ok(Value::NONE),
        },
    };
    let (b, sv) = format_bytes(vm, fmt)?;
    let layout = parse(vm, &b)?;
    *s.layout.borrow_mut() = layout;
    s.format.set(sv);
    Ok(Value::NONE)
}

fn get_format(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(this(vm, a[0])?.format.get())
}

fn get_size(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = this(vm, a[0])?.layout.borrow().size;
    Ok(crate::types::int::from_usize(vm, n))
}

fn m_sizeof(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = this(vm, a[0])?.layout.borrow().items.len();
    Ok(crate::types::int::from_usize(vm, 40 + 32 * (n + 1)))
}

fn do_pack(vm: &mut Vm, layout: &Layout, args: Value) -> PyResult {
    let args = crate::types::tuple::items(args).unwrap_or(&[]).to_vec();
    let mut out = vec![0u8; layout.size];
    pack_values(vm, layout, &args, &mut out, "pack")?;
    Ok(crate::types::bytes::new_bytes(vm, out))
}

fn buffer_data(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    crate::types::bytes::bytes_data(v).ok_or_else(|| {
        vm.type_error(format!(
            "a bytes-like object is required, not '{}'",
            vm.type_name(v)
        ))
    })
}

fn do_unpack(vm: &mut Vm, layout: &Layout, buf: Value) -> PyResult {
    let data = buffer_data(vm, buf)?;
    if data.len() != layout.size {
        return Err(struct_error(
            vm,
            format!("unpack requires a buffer of {} bytes", layout.size),
        ));
    }
    unpack_values(vm, layout, &data)
}

fn do_unpack_from(vm: &mut Vm, layout: &Layout, buf: Value, offset: Value) -> PyResult {
    let data = buffer_data(vm, buf)?;
    let off = if offset.is_null() {
        0
    } else {
        crate::ops::number::index_i64(vm, offset)?
    };
    let len = data.len() as i64;
    let mut o = off;
    if o < 0 {
        if o + layout.size as i64 > 0 {
            return Err(struct_error(
                vm,
                format!(
                    "not enough data to unpack {} bytes at offset {off}",
                    layout.size
                ),
            ));
        }
        if o + len < 0 {
            return Err(struct_error(
                vm,
                format!("offset {off} out of range for {len}-byte buffer"),
            ));
        }
        o += len;
    }
    let size = layout.size as i64;
    if len - o < size {
        let msg = format!(
            "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes at offset {o} (actual buffer size is {len})",
            size as i128 + o as i128
        );
        return Err(struct_error(vm, msg));
    }
    let o = o as usize;
    unpack_values(vm, layout, &data[o..o + layout.size])
}

fn do_pack_into(vm: &mut Vm, layout: &Layout, buf: Value, offset: Value, args: Value) -> PyResult {
    // The writable buffer: a bytearray, or a writable contiguous memoryview of one.
    let (cell, view) = if let Some(ba) = buf.downcast::<ByteArrayObj>() {
        (&ba.data, None)
    } else if let Some(c) = crate::modules::array::data_cell(buf) {
        (c, None)
    } else if let Some(m) = buf.downcast::<crate::types::memoryview::MemoryViewObj>()
        && !m.readonly
        && !m.released.get()
        && m.is_contiguous(false)
        && let Some(ba) = m.obj.downcast::<ByteArrayObj>()
    {
        (&ba.data, Some((m.start, 1, m.nbytes())))
    } else {
        return Err(vm.type_error(format!(
            "argument must be read-write bytes-like object, not {}",
            vm.type_name(buf)
        )));
    };
    let args = crate::types::tuple::items(args).unwrap_or(&[]).to_vec();
    if args.len() != layout.nargs {
        return Err(struct_error(
            vm,
            format!(
                "pack_into expected {} items for packing (got {})",
                layout.nargs,
                args.len()
            ),
        ));
    }
    let off = crate::ops::number::index_i64(vm, offset)?;
    let len = match view {
        Some((_, _, n)) => n,
        None => cell.borrow().len(),
    } as i64;
    let mut o = off;
    if o < 0 {
        if o + layout.size as i64 > 0 {
            return Err(struct_error(
                vm,
                format!("no space to pack {} bytes at offset {off}", layout.size),
            ));
        }
        if o + len < 0 {
            return Err(struct_error(
                vm,
                format!("offset {off} out of range for {len}-byte buffer"),
            ));
        }
        o += len;
    }
    let size = layout.size as i64;
    if len - o < size {
        return Err(struct_error(
            vm,
            format!(
                "pack_into requires a buffer of at least {} bytes for packing {size} bytes at offset {o} (actual buffer size is {len})",
                size as i128 + o as i128
            ),
        ));
    }
    // Pack into a scratch buffer first: packing may run Python code (`__index__`).
    let mut out = vec![0u8; layout.size];
    pack_values(vm, layout, &args, &mut out, "pack_into")?;
    let o = o as usize;
    let mut d = cell.borrow_mut();
    let at = |i: usize| -> usize {
        match view {
            Some((start, step, _)) => (start as isize + i as isize * step) as usize,
            None => i,
        }
    };
    if (0..out.len()).all(|k| at(o + k) < d.len()) {
        // Pad bytes ('x') keep the buffer's contents, as CPython's packer skips them.
        let mut skip = vec![false; out.len()];
        for it in &layout.items {
            if it.code == b'x' {
                for s in skip.iter_mut().skip(it.offset).take(it.count) {
                    *s = true;
                }
            }
        }
        for (k, b) in out.iter().enumerate() {
            if !skip[k] {
                d[at(o + k)] = *b;
            }
        }
    }
    Ok(Value::NONE)
}

fn do_iter_unpack(vm: &mut Vm, st: Value, layout: &Layout, buf: Value) -> PyResult {
    let data = buffer_data(vm, buf)?;
    if layout.size == 0 {
        return Err(struct_error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    if data.len() % layout.size != 0 {
        return Err(struct_error(
            vm,
            format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                layout.size
            ),
        ));
    }
    let ty = vm
        .state_get("_struct.unpack_iterator")
        .unwrap_or(vm.types.object);
    Ok(crate::heap::alloc(
        ty,
        StructIterObj {
            st,
            data,
            pos: Cell::new(0),
        },
    ))
}

fn m_pack(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?.layout.borrow().clone();
    do_pack(vm, &l, a[1])
}
fn m_pack_into(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?.layout.borrow().clone();
    do_pack_into(vm, &l, a[1], a[2], a[3])
}
fn m_unpack(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?.layout.borrow().clone();
    do_unpack(vm, &l, a[1])
}
fn m_unpack_from(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?.layout.borrow().clone();
    do_unpack_from(vm, &l, a[1], a[2])
}
fn m_iter_unpack(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = this(vm, a[0])?.layout.borrow().clone();
    do_iter_unpack(vm, a[0], &l, a[1])
}

fn f_pack(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = get_struct(vm, a[1])?;
    do_pack(vm, &l, a[2])
}
fn f_pack_into(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = get_struct(vm, a[1])?;
    do_pack_into(vm, &l, a[2], a[3], a[4])
}
fn f_unpack(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = get_struct(vm, a[1])?;
    do_unpack(vm, &l, a[2])
}
fn f_unpack_from(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = get_struct(vm, a[1])?;
    do_unpack_from(vm, &l, a[2], a[3])
}
fn f_iter_unpack(vm: &mut Vm, a: &[Value]) -> PyResult {
    let ty = vm.state_get("_struct.Struct").unwrap_or(vm.types.object);
    let st = new_struct_of_type(vm, ty, a[1])?;
    let l = this(vm, st)?.layout.borrow().clone();
    do_iter_unpack(vm, st, &l, a[2])
}
fn f_calcsize(vm: &mut Vm, a: &[Value]) -> PyResult {
    let l = get_struct(vm, a[1])?;
    Ok(crate::types::int::from_usize(vm, l.size))
}
fn f_clearcache(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}

fn iter_this(vm: &mut Vm, v: Value) -> PyResult<&'static StructIterObj> {
    v.downcast::<StructIterObj>()
        .ok_or_else(|| vm.type_error("expected an unpack_iterator"))
}

fn iter_self(_vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(a[0])
}

fn iter_next(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = iter_this(vm, a[0])?;
    let l = this(vm, it.st)?.layout.borrow().clone();
    let pos = it.pos.get();
    if pos + l.size > it.data.len() || l.size == 0 {
        return Err(vm.stop_iteration(Value::NULL));
    }
    it.pos.set(pos + l.size);
    unpack_values(vm, &l, &it.data[pos..pos + l.size])
}

fn iter_length_hint(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = iter_this(vm, a[0])?;
    let l = this(vm, it.st)?.layout.borrow().clone();
    let left = (it.data.len() - it.pos.get().min(it.data.len()))
        .checked_div(l.size)
        .unwrap_or(0);
    Ok(crate::types::int::from_usize(vm, left))
}
