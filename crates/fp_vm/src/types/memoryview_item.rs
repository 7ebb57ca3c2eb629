//! One item of a `memoryview`: the native single-character struct formats a view supports,
//! their sizes, and turning an item's bytes into a Python value and back (`m[i]`, `m[i] = v`,
//! `tolist`, comparisons).

use crate::ops;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Format character and item size of a native single-character struct format (`@` prefix
/// allowed), if supported.
pub fn format_size(fmt: &str) -> Option<(u8, usize)> {
    let f = fmt.strip_prefix('@').unwrap_or(fmt);
    let &[c] = f.as_bytes() else { return None };
    let size = match c {
        b'B' | b'b' | b'c' | b'?' => 1,
        b'H' | b'h' => 2,
        b'I' | b'i' | b'f' => 4,
        b'L' | b'l' | b'Q' | b'q' | b'N' | b'n' | b'P' | b'd' => 8,
        _ => return None,
    };
    Some((c, size))
}

/// Whether items of this format compare as floats (raw bytes are not enough: NaN, -0.0).
pub fn is_float_format(fmt: u8) -> bool {
    matches!(fmt, b'f' | b'd')
}

/// The Python value of one item of format `fmt` stored (native, little-endian) in `b`.
pub fn decode_item(vm: &mut Vm, fmt: u8, b: &[u8]) -> Value {
    let mut w = [0u8; 8];
    let n = b.len().min(8);
    w[..n].copy_from_slice(&b[..n]);
    let u = u64::from_le_bytes(w);
    let signed = |bits: u32| ((u << (64 - bits)) as i64) >> (64 - bits);
    match fmt {
        b'b' => crate::types::int::from_i64(vm, signed(8)),
        b'h' => crate::types::int::from_i64(vm, signed(16)),
        b'i' => crate::types::int::from_i64(vm, signed(32)),
        b'l' | b'q' | b'n' => crate::types::int::from_i64(vm, u as i64),
        b'c' => crate::types::bytes::new_bytes(vm, b.to_vec()),
        b'?' => Value::from_bool(u != 0),
        b'f' => crate::types::float::new_float(vm, f32::from_bits(u as u32) as f64),
        b'd' => crate::types::float::new_float(vm, f64::from_bits(u)),
        _ => crate::types::int::from_u64(vm, u),
    }
}

fn type_err(vm: &mut Vm, fmt: u8) -> crate::vm::Exc {
    vm.type_error(format!(
        "memoryview: invalid type for format '{}'",
        fmt as char
    ))
}

fn value_err(vm: &mut Vm, fmt: u8) -> crate::vm::Exc {
    vm.value_error(format!(
        "memoryview: invalid value for format '{}'",
        fmt as char
    ))
}

/// The bytes of `v` as one item of format `fmt` (`itemsize` bytes), or the TypeError /
/// ValueError CPython's memoryview raises.
pub fn pack_item(vm: &mut Vm, fmt: u8, itemsize: usize, v: Value) -> PyResult<Vec<u8>> {
    match fmt {
        b'c' => {
            let Some(b) = v.downcast::<crate::types::bytes::BytesObj>() else {
                return Err(type_err(vm, fmt));
            };
            if b.data.len() != 1 {
                return Err(value_err(vm, fmt));
            }
            Ok(b.data.to_vec())
        }
        b'?' => Ok(vec![ops::truth::is_true(vm, v)? as u8]),
        b'f' | b'd' => {
            let is_num = crate::types::float::as_f64(v).is_some()
                || crate::types::int::int_ref(v).is_some()
                || ops::has_special(vm, v, vm.names.float_)
                || ops::has_special(vm, v, vm.names.index);
            if !is_num {
                return Err(type_err(vm, fmt));
            }
            let x = ops::number::to_f64(vm, v)?;
            if fmt == b'd' {
                return Ok(x.to_le_bytes().to_vec());
            }
            // A plain C conversion, as CPython's memoryview: out-of-range values become inf.
            Ok((x as f32).to_le_bytes().to_vec())
        }
        _ => {
            let iv = if crate::types::int::int_ref(v).is_some() {
                v
            } else if ops::has_special(vm, v, vm.names.index) {
                ops::number::index(vm, v)?
            } else {
                return Err(type_err(vm, fmt));
            };
            let Some(i) = crate::types::int::int_ref(iv) else {
                return Err(type_err(vm, fmt));
            };
            let big = i.to_bigint();
            let bits = (itemsize * 8) as u32;
            let signed = matches!(fmt, b'b' | b'h' | b'i' | b'l' | b'q' | b'n');
            let x: i128 = match num_traits::ToPrimitive::to_i128(&big) {
                Some(x) => x,
                None => return Err(value_err(vm, fmt)),
            };
            let ok = if signed {
                let lim = 1i128 << (bits - 1);
                (-lim..lim).contains(&x)
            } else {
                (0..(1i128 << bits)).contains(&x)
            };
            if !ok {
                return Err(value_err(vm, fmt));
            }
            Ok((x as u128).to_le_bytes()[..itemsize].to_vec())
        }
    }
}
