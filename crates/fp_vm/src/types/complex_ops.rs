//! Complex arithmetic (CPython's algorithms for division and power).

use crate::value::Value;
use crate::vm::{PyResult, Vm};
use fp_bytecode::BinaryOp;

pub fn complex_binop(vm: &mut Vm, a: (f64, f64), b: (f64, f64), op: BinaryOp) -> PyResult {
    let (ar, ai) = a;
    let (br, bi) = b;
    let (r, i) = match op {
        BinaryOp::Add => (ar + br, ai + bi),
        BinaryOp::Sub => (ar - br, ai - bi),
        BinaryOp::Mul => (ar * br - ai * bi, ar * bi + ai * br),
        BinaryOp::TrueDiv => {
            if br == 0.0 && bi == 0.0 {
                return Err(vm.zero_division("complex division by zero"));
            }
            // Smith's algorithm, as CPython's _Py_c_quot.
            if br.abs() >= bi.abs() {
                let ratio = bi / br;
                let denom = br + bi * ratio;
                ((ar + ai * ratio) / denom, (ai - ar * ratio) / denom)
            } else {
                let ratio = br / bi;
                let denom = br * ratio + bi;
                ((ar * ratio + ai) / denom, (ai * ratio - ar) / denom)
            }
        }
        BinaryOp::Pow => {
            if br == 0.0 && bi == 0.0 {
                (1.0, 0.0)
            } else if ar == 0.0 && ai == 0.0 {
                if bi != 0.0 || br < 0.0 {
                    return Err(vm.zero_division("0.0 to a negative or complex power"));
                }
                (0.0, 0.0)
            } else if bi == 0.0 && br == br.trunc() && br.abs() <= 100.0 {
                // Integer exponents by repeated multiplication (CPython's c_powi).
                let mut n = br as i64;
                let invert = n < 0;
                n = n.abs();
                let (mut rr, mut ri) = (1.0f64, 0.0f64);
                let (mut xr, mut xi) = (ar, ai);
                while n > 0 {
                    if n & 1 == 1 {
                        let t = rr * xr - ri * xi;
                        ri = rr * xi + ri * xr;
                        rr = t;
                    }
                    let t = xr * xr - xi * xi;
                    xi = 2.0 * xr * xi;
                    xr = t;
                    n >>= 1;
                }
                if invert {
                    let d = rr * rr + ri * ri;
                    (rr / d, -ri / d)
                } else {
                    (rr, ri)
                }
            } else {
                let vabs = ar.hypot(ai);
                let mut len = vabs.powf(br);
                let at = ai.atan2(ar);
                let mut phase = at * br;
                if bi != 0.0 {
                    len /= (at * bi).exp();
                    phase += bi * vabs.ln();
                }
                (len * phase.cos(), len * phase.sin())
            }
        }
        BinaryOp::FloorDiv | BinaryOp::Mod => {
            return Err(vm.type_error(format!(
                "unsupported operand type(s) for {}: 'complex' and 'complex'",
                op.symbol()
            )));
        }
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    Ok(crate::types::complex::new_complex(vm, r, i))
}
