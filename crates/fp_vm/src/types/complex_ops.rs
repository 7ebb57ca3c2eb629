//! Complex arithmetic with CPython's algorithms (`Objects/complexobject.c`): Smith's division,
//! exact repeated squaring for small integer powers, the polar formula otherwise, and the same
//! error conditions (division by zero, `0 ** negative`, overflow to infinity in `**`).

use crate::value::Value;
use crate::vm::{PyResult, Vm};
use fp_bytecode::BinaryOp;

/// A complex value as (real, imag).
pub type C = (f64, f64);

/// Why a complex operation failed (CPython signals these through `errno`).
#[derive(Debug, PartialEq, Eq)]
pub enum CErr {
    /// Division by zero / zero to a negative or complex power.
    Domain,
}

pub fn c_sum(a: C, b: C) -> C {
    (a.0 + b.0, a.1 + b.1)
}

pub fn c_diff(a: C, b: C) -> C {
    (a.0 - b.0, a.1 - b.1)
}

pub fn c_prod(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// a / b by Smith's algorithm (scales by the larger component of b to avoid overflow).
pub fn c_quot(a: C, b: C) -> Result<C, CErr> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return Err(CErr::Domain);
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Ok(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Ok(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        // At least one component of b is a NaN.
        Ok((f64::NAN, f64::NAN))
    }
}

/// x ** n for n >= 0 by binary exponentiation.
fn c_powu(x: C, n: u64) -> C {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = c_prod(r, p);
        }
        mask <<= 1;
        p = c_prod(p, p);
    }
    r
}

fn c_powi(x: C, n: i64) -> Result<C, CErr> {
    if n > 0 {
        Ok(c_powu(x, n as u64))
    } else {
        c_quot((1.0, 0.0), c_powu(x, n.unsigned_abs()))
    }
}

/// The general power by the polar formula.
pub fn c_pow(a: C, b: C) -> Result<C, CErr> {
    if b.0 == 0.0 && b.1 == 0.0 {
        return Ok((1.0, 0.0));
    }
    if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(CErr::Domain);
        }
        return Ok((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

/// `a ** b` as complex `__pow__` computes it, with its errors.
pub fn complex_pow(vm: &mut Vm, a: C, b: C) -> PyResult<C> {
    // Small integral exponents use repeated multiplication: faster and more accurate.
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        c_powi(a, b.0 as i64)
    } else {
        c_pow(a, b)
    };
    match r {
        Err(CErr::Domain) => Err(vm.zero_division("0.0 to a negative or complex power")),
        Ok(p) if p.0.is_infinite() || p.1.is_infinite() => {
            Err(vm.overflow_error("complex exponentiation"))
        }
        Ok(p) => Ok(p),
    }
}

/// `abs(z)`: OverflowError when the result overflows although both parts are finite.
pub fn complex_abs(vm: &mut Vm, z: C) -> PyResult<f64> {
    if z.0.is_infinite() || z.1.is_infinite() {
        return Ok(f64::INFINITY);
    }
    if z.0.is_nan() || z.1.is_nan() {
        return Ok(f64::NAN);
    }
    let r = z.0.hypot(z.1);
    if r.is_infinite() {
        return Err(vm.overflow_error("absolute value too large"));
    }
    Ok(r)
}

/// Arithmetic between complex operands (ints and floats already converted); NotImplemented for
/// operators complex does not support (`//`, `%`, bit operations), so the caller's dispatch
/// raises the usual TypeError with the real operand types.
pub fn complex_binop(vm: &mut Vm, a: C, b: C, op: BinaryOp) -> PyResult {
    let (r, i) = match op {
        BinaryOp::Add => c_sum(a, b),
        BinaryOp::Sub => c_diff(a, b),
        BinaryOp::Mul => c_prod(a, b),
        BinaryOp::TrueDiv => match c_quot(a, b) {
            Ok(q) => q,
            Err(_) => return Err(vm.zero_division("complex division by zero")),
        },
        BinaryOp::Pow => complex_pow(vm, a, b)?,
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    Ok(crate::types::complex::new_complex(vm, r, i))
}
