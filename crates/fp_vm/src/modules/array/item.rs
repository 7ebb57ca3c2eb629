//! Typecodes of `array.array`: item sizes and the conversion between Python values and the
//! unboxed native-endian bytes the array stores.

use crate::types::int;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub const TYPECODES: &str = "bBuhHiIlLqQfd";

pub fn itemsize(code: u8) -> usize {
    match code {
        b'b' | b'B' => 1,
        b'h' | b'H' => 2,
        b'u' | b'i' | b'I' | b'f' => 4,
        _ => 8,
    }
}

/// The item at the start of `b` (which holds at least one item) as a Python value.
pub fn load(vm: &mut Vm, code: u8, b: &[u8]) -> Value {
    fn arr<const N: usize>(b: &[u8]) -> [u8; N] {
        let mut out = [0u8; N];
        out.copy_from_slice(&b[..N]);
        out
    }
    match code {
        b'b' => Value::small(b[0] as i8 as i64),
        b'B' => Value::small(b[0] as i64),
        b'h' => Value::small(i16::from_ne_bytes(arr(b)) as i64),
        b'H' => Value::small(u16::from_ne_bytes(arr(b)) as i64),
        b'i' => Value::small(i32::from_ne_bytes(arr(b)) as i64),
        b'I' => Value::small(u32::from_ne_bytes(arr(b)) as i64),
        b'l' | b'q' => int::from_i64(vm, i64::from_ne_bytes(arr(b))),
        b'L' | b'Q' => int::from_u64(vm, u64::from_ne_bytes(arr(b))),
        b'f' => crate::types::float::new_float(vm, f32::from_ne_bytes(arr(b)) as f64),
        b'd' => crate::types::float::new_float(vm, f64::from_ne_bytes(arr(b))),
        _ => {
            let c = crate::types::str::char_for(u32::from_ne_bytes(arr(b))).unwrap_or('\u{FFFD}');
            vm.new_string(c.to_string())
        }
    }
}

/// An integer argument as i128 (wide enough for every typecode's range); `too_big` is the
/// OverflowError message for values past even that.
fn int_value(vm: &mut Vm, v: Value) -> PyResult<Option<i128>> {
    let i = crate::ops::number::index(vm, v)?;
    let Some(r) = int::int_ref(i) else {
        return Ok(None);
    };
    if let Some(x) = r.to_i64() {
        return Ok(Some(x as i128));
    }
    let b = r.to_bigint();
    Ok(i128::try_from(b).ok())
}

/// Appends `v` converted to `code`'s representation, with CPython's errors.
pub fn store(vm: &mut Vm, code: u8, v: Value, out: &mut Vec<u8>) -> PyResult<()> {
    match code {
        b'f' => {
            let f = crate::ops::number::to_f64(vm, v)?;
            out.extend_from_slice(&(f as f32).to_ne_bytes());
            return Ok(());
        }
        b'd' => {
            let f = crate::ops::number::to_f64(vm, v)?;
            out.extend_from_slice(&f.to_ne_bytes());
            return Ok(());
        }
        b'u' => {
            let s = crate::types::str::as_str(v);
            let mut chars = s.map(|s| s.chars());
            let c = chars.as_mut().and_then(|it| match (it.next(), it.next()) {
                (Some(c), None) => Some(c),
                _ => None,
            });
            let Some(c) = c else {
                return Err(vm.type_error("array item must be unicode character"));
            };
            out.extend_from_slice(&crate::types::str::code_point(c).to_ne_bytes());
            return Ok(());
        }
        _ => {}
    }
    let x = int_value(vm, v)?;
    let over = |vm: &mut Vm, msg: &str| Err(vm.overflow_error(msg));
    let long_msg = "Python int too large to convert to C long";
    let ulong_msg = "Python int too large to convert to C unsigned long";
    let neg_msg = "can't convert negative value to unsigned int";
    let x = match (code, x) {
        (b'q' | b'Q', None) => return over(vm, "int too big to convert"),
        (b'I' | b'L', None) => {
            let neg = crate::ops::compare::lt(vm, v, Value::try_small_int(0).unwrap_or(v))?;
            return over(vm, if neg { neg_msg } else { ulong_msg });
        }
        (_, None) => return over(vm, long_msg),
        (_, Some(x)) => x,
    };
    let in_long = (i64::MIN as i128..=i64::MAX as i128).contains(&x);
    let check = |vm: &mut Vm, lo: i128, hi: i128, what: &str| -> PyResult<()> {
        if x > hi {
            Err(vm.overflow_error(format!("{what} is greater than maximum")))
        } else if x < lo {
            Err(vm.overflow_error(format!("{what} is less than minimum")))
        } else {
            Ok(())
        }
    };
    match code {
        b'b' | b'B' | b'h' | b'H' | b'i' | b'l' if !in_long => return over(vm, long_msg),
        _ => {}
    }
    match code {
        b'b' => {
            check(vm, -128, 127, "signed char")?;
            out.push(x as i8 as u8);
        }
        b'B' => {
            check(vm, 0, 255, "unsigned byte integer")?;
            out.push(x as u8);
        }
        b'h' => {
            check(
                vm,
                i16::MIN as i128,
                i16::MAX as i128,
                "signed short integer",
            )?;
            out.extend_from_slice(&(x as i16).to_ne_bytes());
        }
        b'H' => {
            check(vm, 0, u16::MAX as i128, "unsigned short")?;
            out.extend_from_slice(&(x as u16).to_ne_bytes());
        }
        b'i' => {
            check(vm, i32::MIN as i128, i32::MAX as i128, "signed integer")?;
            out.extend_from_slice(&(x as i32).to_ne_bytes());
        }
        b'I' => {
            if x < 0 {
                return over(vm, neg_msg);
            }
            if x > u64::MAX as i128 {
                return over(vm, ulong_msg);
            }
            check(vm, 0, u32::MAX as i128, "unsigned int")?;
            out.extend_from_slice(&(x as u32).to_ne_bytes());
        }
        b'l' => out.extend_from_slice(&(x as i64).to_ne_bytes()),
        b'L' => {
            if x < 0 {
                return over(vm, neg_msg);
            }
            if x > u64::MAX as i128 {
                return over(vm, ulong_msg);
            }
            out.extend_from_slice(&(x as u64).to_ne_bytes());
        }
        b'q' => {
            if !in_long {
                return over(vm, "int too big to convert");
            }
            out.extend_from_slice(&(x as i64).to_ne_bytes());
        }
        _ => {
            if x < 0 {
                return over(vm, "can't convert negative int to unsigned");
            }
            if x > u64::MAX as i128 {
                return over(vm, "int too big to convert");
            }
            out.extend_from_slice(&(x as u64).to_ne_bytes());
        }
    }
    Ok(())
}
