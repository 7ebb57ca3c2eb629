//! `cmath`: complex functions with CPython's algorithms (Kahan-style formulas that avoid
//! overflow and cancellation, C99 Annex G special values from 7x7 tables indexed by the kind of
//! the real and imaginary parts) and its errors ("math domain error", "math range error").
//! The C library functions underneath are the ones `math` uses (`math::c_*`).

use super::math::{
    c_asinh, c_atan2, c_cos, c_cosh, c_exp, c_hypot, c_log, c_log1p, c_sin, c_sinh, c_tan, c_tanh,
};
use crate::native;
use crate::native::NativeDef;
use crate::ops;
use crate::types::complex::{ComplexObj, new_complex};
use crate::types::float::{self, new_float};
use crate::types::tuple;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::f64::consts::{LN_2, LN_10, PI};

type C = (f64, f64);

/// C's errno after a complex function.
enum CErr {
    Dom,
    Range,
}

type CRes = Result<C, (CErr, C)>;

static FUNCS: &[NativeDef] = &[
    native!("acos", "($module, z, /)", cm_acos),
    native!("acosh", "($module, z, /)", cm_acosh),
    native!("asin", "($module, z, /)", cm_asin),
    native!("asinh", "($module, z, /)", cm_asinh),
    native!("atan", "($module, z, /)", cm_atan),
    native!("atanh", "($module, z, /)", cm_atanh),
    native!("cos", "($module, z, /)", cm_cos),
    native!("cosh", "($module, z, /)", cm_cosh),
    native!("exp", "($module, z, /)", cm_exp),
    native!(
        "isclose",
        "($module, /, a, b, *, rel_tol=1e-09, abs_tol=0.0)",
        cm_isclose
    ),
    native!("isfinite", "($module, z, /)", cm_isfinite),
    native!("isinf", "($module, z, /)", cm_isinf),
    native!("isnan", "($module, z, /)", cm_isnan),
    native!("log", "($module, x, base=<unrepresentable>, /)", cm_log),
    native!("log10", "($module, z, /)", cm_log10),
    native!("phase", "($module, z, /)", cm_phase),
    native!("polar", "($module, z, /)", cm_polar),
    native!("rect", "($module, r, phi, /)", cm_rect),
    native!("sin", "($module, z, /)", cm_sin),
    native!("sinh", "($module, z, /)", cm_sinh),
    native!("sqrt", "($module, z, /)", cm_sqrt),
    native!("tan", "($module, z, /)", cm_tan),
    native!("tanh", "($module, z, /)", cm_tanh),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = super::module_with_functions(vm, "cmath", FUNCS);
    for (name, v) in [
        ("pi", PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        let f = new_float(vm, v);
        crate::types::module::set_attr(vm, m, name, f);
    }
    let infj = new_complex(vm, 0.0, f64::INFINITY);
    crate::types::module::set_attr(vm, m, "infj", infj);
    let nanj = new_complex(vm, 0.0, f64::NAN);
    crate::types::module::set_attr(vm, m, "nanj", nanj);
    Ok(m)
}

/// The argument as a complex (`__complex__`, else as a float).
fn arg_c(vm: &mut Vm, v: Value) -> PyResult<C> {
    if let Some(c) = v.downcast::<ComplexObj>()
        && vm.type_of(v) == vm.types.complex
    {
        return Ok((c.re, c.im));
    }
    if let Some(r) = ops::call_special(vm, v, vm.names.complex, &[])? {
        return match r.downcast::<ComplexObj>() {
            Some(c) => Ok((c.re, c.im)),
            None => Err(vm.type_error(format!(
                "__complex__ returned non-complex (type {})",
                vm.type_name(r)
            ))),
        };
    }
    if let Some(c) = v.downcast::<ComplexObj>() {
        return Ok((c.re, c.im));
    }
    Ok((ops::number::to_f64(vm, v)?, 0.0))
}

fn finish(vm: &mut Vm, r: CRes) -> PyResult {
    match r {
        Ok((re, im)) => Ok(new_complex(vm, re, im)),
        Err((CErr::Dom, _)) => Err(vm.value_error("math domain error")),
        Err((CErr::Range, _)) => Err(vm.overflow_error("math range error")),
    }
}

macro_rules! cfunc {
    ($name:ident, $f:ident) => {
        fn $name(vm: &mut Vm, a: &[Value]) -> PyResult {
            let z = arg_c(vm, a[1])?;
            finish(vm, $f(z))
        }
    };
}

cfunc!(cm_acos, c_acos);
cfunc!(cm_acosh, c_acosh);
cfunc!(cm_asin, c_asin);
cfunc!(cm_asinh, c_asinh_z);
cfunc!(cm_atan, c_atan);
cfunc!(cm_atanh, c_atanh);
cfunc!(cm_cos, c_cos_z);
cfunc!(cm_cosh, c_cosh_z);
cfunc!(cm_exp, c_exp_z);
cfunc!(cm_log10, c_log10_z);
cfunc!(cm_sin, c_sin_z);
cfunc!(cm_sinh, c_sinh_z);
cfunc!(cm_sqrt, c_sqrt);
cfunc!(cm_tan, c_tan_z);
cfunc!(cm_tanh, c_tanh_z);

// ---- special values ----

/// The kind of a float for the special-value tables.
fn special_type(d: f64) -> usize {
    if d.is_nan() {
        6
    } else if d.is_infinite() {
        if d > 0.0 { 5 } else { 0 }
    } else if d != 0.0 {
        if d > 0.0 { 4 } else { 1 }
    } else if d.is_sign_positive() {
        3
    } else {
        2
    }
}

fn isfinite(z: C) -> bool {
    z.0.is_finite() && z.1.is_finite()
}

type Table = [[C; 7]; 7];

const N: f64 = f64::NAN;
const INF: f64 = f64::INFINITY;
const P: f64 = PI;
const P14: f64 = 0.25 * PI;
const P12: f64 = 0.5 * PI;
const P34: f64 = 0.75 * PI;
/// Cells for finite nonzero arguments, never read.
const U: f64 = -9.5426319407711027e33;
const Z: f64 = 0.0;
const NZ: f64 = -0.0;

fn special(t: &Table, z: C) -> C {
    t[special_type(z.0)][special_type(z.1)]
}

static ACOS_SV: Table = [
    [
        (P34, INF),
        (P, INF),
        (P, INF),
        (P, -INF),
        (P, -INF),
        (P34, -INF),
        (N, INF),
    ],
    [
        (P12, INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (P12, -INF),
        (N, N),
    ],
    [
        (P12, INF),
        (U, U),
        (P12, Z),
        (P12, NZ),
        (U, U),
        (P12, -INF),
        (P12, N),
    ],
    [
        (P12, INF),
        (U, U),
        (P12, Z),
        (P12, NZ),
        (U, U),
        (P12, -INF),
        (P12, N),
    ],
    [
        (P12, INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (P12, -INF),
        (N, N),
    ],
    [
        (P14, INF),
        (Z, INF),
        (Z, INF),
        (Z, -INF),
        (Z, -INF),
        (P14, -INF),
        (N, INF),
    ],
    [(N, INF), (N, N), (N, N), (N, N), (N, N), (N, -INF), (N, N)],
];

static ACOSH_SV: Table = [
    [
        (INF, -P34),
        (INF, -P),
        (INF, -P),
        (INF, P),
        (INF, P),
        (INF, P34),
        (INF, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (Z, -P12),
        (Z, P12),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (Z, -P12),
        (Z, P12),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P14),
        (INF, NZ),
        (INF, NZ),
        (INF, Z),
        (INF, Z),
        (INF, P14),
        (INF, N),
    ],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)],
];

static ASINH_SV: Table = [
    [
        (-INF, -P14),
        (-INF, NZ),
        (-INF, NZ),
        (-INF, Z),
        (-INF, Z),
        (-INF, P14),
        (-INF, N),
    ],
    [
        (-INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (-INF, P12),
        (N, N),
    ],
    [
        (-INF, -P12),
        (U, U),
        (NZ, NZ),
        (NZ, Z),
        (U, U),
        (-INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (Z, NZ),
        (Z, Z),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P14),
        (INF, NZ),
        (INF, NZ),
        (INF, Z),
        (INF, Z),
        (INF, P14),
        (INF, N),
    ],
    [(INF, N), (N, N), (N, NZ), (N, Z), (N, N), (INF, N), (N, N)],
];

static ATANH_SV: Table = [
    [
        (NZ, -P12),
        (NZ, -P12),
        (NZ, -P12),
        (NZ, P12),
        (NZ, P12),
        (NZ, P12),
        (NZ, N),
    ],
    [
        (NZ, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (NZ, P12),
        (N, N),
    ],
    [
        (NZ, -P12),
        (U, U),
        (NZ, NZ),
        (NZ, Z),
        (U, U),
        (NZ, P12),
        (NZ, N),
    ],
    [(Z, -P12), (U, U), (Z, NZ), (Z, Z), (U, U), (Z, P12), (Z, N)],
    [(Z, -P12), (U, U), (U, U), (U, U), (U, U), (Z, P12), (N, N)],
    [
        (Z, -P12),
        (Z, -P12),
        (Z, -P12),
        (Z, P12),
        (Z, P12),
        (Z, P12),
        (Z, N),
    ],
    [(Z, -P12), (N, N), (N, N), (N, N), (N, N), (Z, P12), (N, N)],
];

static LOG_SV: Table = [
    [
        (INF, -P34),
        (INF, -P),
        (INF, -P),
        (INF, P),
        (INF, P),
        (INF, P34),
        (INF, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (-INF, -P),
        (-INF, P),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (-INF, NZ),
        (-INF, Z),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P14),
        (INF, NZ),
        (INF, NZ),
        (INF, Z),
        (INF, Z),
        (INF, P14),
        (INF, N),
    ],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)],
];

static SQRT_SV: Table = [
    [
        (INF, -INF),
        (Z, -INF),
        (Z, -INF),
        (Z, INF),
        (Z, INF),
        (INF, INF),
        (N, INF),
    ],
    [
        (INF, -INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (U, U),
        (Z, NZ),
        (Z, Z),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (U, U),
        (Z, NZ),
        (Z, Z),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (INF, NZ),
        (INF, NZ),
        (INF, Z),
        (INF, Z),
        (INF, INF),
        (INF, N),
    ],
    [
        (INF, -INF),
        (N, N),
        (N, N),
        (N, N),
        (N, N),
        (INF, INF),
        (N, N),
    ],
];

static EXP_SV: Table = [
    [(Z, Z), (U, U), (Z, NZ), (Z, Z), (U, U), (Z, Z), (Z, Z)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (1.0, NZ), (1.0, Z), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (1.0, NZ), (1.0, Z), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, NZ),
        (INF, Z),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, NZ), (N, Z), (N, N), (N, N), (N, N)],
];

static COSH_SV: Table = [
    [
        (INF, N),
        (U, U),
        (INF, Z),
        (INF, NZ),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(N, Z), (U, U), (1.0, Z), (1.0, NZ), (U, U), (N, Z), (N, Z)],
    [(N, Z), (U, U), (1.0, NZ), (1.0, Z), (U, U), (N, Z), (N, Z)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, NZ),
        (INF, Z),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, Z), (N, Z), (N, N), (N, N), (N, N)],
];

static SINH_SV: Table = [
    [
        (INF, N),
        (U, U),
        (-INF, NZ),
        (-INF, Z),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(Z, N), (U, U), (NZ, NZ), (NZ, Z), (U, U), (Z, N), (Z, N)],
    [(Z, N), (U, U), (Z, NZ), (Z, Z), (U, U), (Z, N), (Z, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, NZ),
        (INF, Z),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, NZ), (N, Z), (N, N), (N, N), (N, N)],
];

static TANH_SV: Table = [
    [
        (-1.0, Z),
        (U, U),
        (-1.0, NZ),
        (-1.0, Z),
        (U, U),
        (-1.0, Z),
        (-1.0, Z),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (NZ, NZ), (NZ, Z), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (Z, NZ), (Z, Z), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (1.0, Z),
        (U, U),
        (1.0, NZ),
        (1.0, Z),
        (U, U),
        (1.0, Z),
        (1.0, Z),
    ],
    [(N, N), (N, N), (N, NZ), (N, Z), (N, N), (N, N), (N, N)],
];

static RECT_SV: Table = [
    [
        (INF, N),
        (U, U),
        (-INF, Z),
        (-INF, NZ),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(Z, Z), (U, U), (NZ, Z), (NZ, NZ), (U, U), (Z, Z), (Z, Z)],
    [(Z, Z), (U, U), (Z, NZ), (Z, Z), (U, U), (Z, Z), (Z, Z)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, NZ),
        (INF, Z),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, Z), (N, Z), (N, N), (N, N), (N, N)],
];

// ---- the functions ----

const DBL_MIN: f64 = f64::MIN_POSITIVE;
const LARGE: f64 = f64::MAX / 4.0;
const SCALE_UP: i64 = 53;
const SCALE_DOWN: i64 = -27;

fn sqrt_large() -> f64 {
    LARGE.sqrt()
}

fn log_large() -> f64 {
    c_log(LARGE)
}

fn c_sqrt(z: C) -> CRes {
    let (x, y) = z;
    if !isfinite(z) {
        return Ok(special(&SQRT_SV, z));
    }
    if x == 0.0 && y == 0.0 {
        return Ok((0.0, y));
    }
    let (ax, ay) = (x.abs(), y.abs());
    let s = if ax < DBL_MIN && ay < DBL_MIN {
        // hypot(ax, ay) would be subnormal: rescale.
        let ax = float::ldexp(ax, SCALE_UP);
        let ay = float::ldexp(ay, SCALE_UP);
        float::ldexp((ax + c_hypot(ax, ay)).sqrt(), SCALE_DOWN)
    } else {
        let ax = ax / 8.0;
        2.0 * (ax + c_hypot(ax, ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if x >= 0.0 {
        Ok((s, d.copysign(y)))
    } else {
        Ok((d, s.copysign(y)))
    }
}

fn sq(z: C) -> C {
    match c_sqrt(z) {
        Ok(r) | Err((_, r)) => r,
    }
}

fn c_acos(z: C) -> CRes {
    let (x, y) = z;
    if !isfinite(z) {
        return Ok(special(&ACOS_SV, z));
    }
    if x.abs() > LARGE || y.abs() > LARGE {
        let re = c_atan2(y.abs(), x);
        let l = c_log(c_hypot(x / 2.0, y / 2.0)) + LN_2 * 2.0;
        let im = if x < 0.0 {
            -l.copysign(y)
        } else {
            l.copysign(-y)
        };
        return Ok((re, im));
    }
    let s1 = sq((1.0 - x, -y));
    let s2 = sq((1.0 + x, y));
    Ok((
        2.0 * c_atan2(s1.0, s2.0),
        c_asinh(s2.0 * s1.1 - s2.1 * s1.0),
    ))
}

fn c_acosh(z: C) -> CRes {
    let (x, y) = z;
    if !isfinite(z) {
        return Ok(special(&ACOSH_SV, z));
    }
    if x.abs() > LARGE || y.abs() > LARGE {
        return Ok((c_log(c_hypot(x / 2.0, y / 2.0)) + LN_2 * 2.0, c_atan2(y, x)));
    }
    let s1 = sq((x - 1.0, y));
    let s2 = sq((x + 1.0, y));
    Ok((
        c_asinh(s1.0 * s2.0 + s1.1 * s2.1),
        2.0 * c_atan2(s1.1, s2.0),
    ))
}

fn c_asinh_z(z: C) -> CRes {
    let (x, y) = z;
    if !isfinite(z) {
        return Ok(special(&ASINH_SV, z));
    }
    if x.abs() > LARGE || y.abs() > LARGE {
        let l = c_log(c_hypot(x / 2.0, y / 2.0)) + LN_2 * 2.0;
        let re = if y >= 0.0 {
            l.copysign(x)
        } else {
            -l.copysign(-x)
        };
        return Ok((re, c_atan2(y, x.abs())));
    }
    let s1 = sq((1.0 + y, -x));
    let s2 = sq((1.0 - y, x));
    Ok((
        c_asinh(s1.0 * s2.1 - s2.0 * s1.1),
        c_atan2(y, s1.0 * s2.0 - s1.1 * s2.1),
    ))
}

/// asin(z) = -i asinh(iz)
fn c_asin(z: C) -> CRes {
    let r = c_asinh_z((-z.1, z.0))?;
    Ok((r.1, -r.0))
}

fn c_atanh(z: C) -> CRes {
    let (x, y) = z;
    if !isfinite(z) {
        return Ok(special(&ATANH_SV, z));
    }
    if x < 0.0 {
        // atanh(z) = -atanh(-z)
        return match c_atanh((-x, -y)) {
            Ok(r) => Ok((-r.0, -r.1)),
            Err((e, r)) => Err((e, (-r.0, -r.1))),
        };
    }
    let ay = y.abs();
    if x > sqrt_large() || ay > sqrt_large() {
        let h = c_hypot(x / 2.0, y / 2.0);
        return Ok((x / 4.0 / h / h, -(PI / 2.0).copysign(-y)));
    }
    if x == 1.0 && ay < DBL_MIN.sqrt() {
        if ay == 0.0 {
            return Err((CErr::Dom, (INF, y)));
        }
        let re = -c_log(ay.sqrt() / c_hypot(ay, 2.0).sqrt());
        return Ok((re, (c_atan2(2.0, -ay) / 2.0).copysign(y)));
    }
    let re = c_log1p(4.0 * x / ((1.0 - x) * (1.0 - x) + ay * ay)) / 4.0;
    let im = -c_atan2(-2.0 * y, (1.0 - x) * (1.0 + x) - ay * ay) / 2.0;
    Ok((re, im))
}

/// atan(z) = -i atanh(iz)
fn c_atan(z: C) -> CRes {
    match c_atanh((-z.1, z.0)) {
        Ok(r) => Ok((r.1, -r.0)),
        Err((e, r)) => Err((e, (r.1, -r.0))),
    }
}

fn c_log_z(z: C) -> CRes {
    let (x, y) = z;
    if !isfinite(z) {
        return Ok(special(&LOG_SV, z));
    }
    let (ax, ay) = (x.abs(), y.abs());
    let re;
    if ax > LARGE || ay > LARGE {
        re = c_log(c_hypot(ax / 2.0, ay / 2.0)) + LN_2;
    } else if ax < DBL_MIN && ay < DBL_MIN {
        if ax > 0.0 || ay > 0.0 {
            // hypot would be subnormal: rescale by 2**53.
            re = c_log(c_hypot(float::ldexp(ax, 53), float::ldexp(ay, 53))) - 53.0 * LN_2;
        } else {
            return Err((CErr::Dom, (-INF, c_atan2(y, x))));
        }
    } else {
        let h = c_hypot(ax, ay);
        if (0.71..=1.73).contains(&h) {
            let am = ax.max(ay);
            let an = ax.min(ay);
            re = c_log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0;
        } else {
            re = c_log(h);
        }
    }
    Ok((re, c_atan2(y, x)))
}

fn c_log10_z(z: C) -> CRes {
    match c_log_z(z) {
        Ok(r) => Ok((r.0 / LN_10, r.1 / LN_10)),
        Err((e, r)) => Err((e, (r.0 / LN_10, r.1 / LN_10))),
    }
}

/// Complex division as CPython's `_Py_c_quot` (Smith's method); EDOM on division by zero.
fn c_quot(a: C, b: C) -> CRes {
    let (abr, abi) = (b.0.abs(), b.1.abs());
    if abr >= abi {
        if abr == 0.0 {
            return Err((CErr::Dom, (0.0, 0.0)));
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Ok(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abi >= abr {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Ok(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Ok((f64::NAN, f64::NAN))
    }
}

fn cm_log(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_c(vm, a[1])?;
    let mut failed = false;
    let mut r = match c_log_z(x) {
        Ok(r) => r,
        Err((_, r)) => {
            failed = true;
            r
        }
    };
    if !a[2].is_null() {
        let b = arg_c(vm, a[2])?;
        let lb = match c_log_z(b) {
            Ok(r) => r,
            Err((_, r)) => {
                failed = true;
                r
            }
        };
        r = match c_quot(r, lb) {
            Ok(q) => q,
            Err((_, q)) => {
                failed = true;
                q
            }
        };
    }
    if failed {
        return Err(vm.value_error("math domain error"));
    }
    Ok(new_complex(vm, r.0, r.1))
}

/// The infinite-real-part cases shared by exp, cosh, sinh, rect: signs from cos and sin.
fn inf_signs(y: f64, re_neg: bool, im_neg: bool, zero: bool) -> C {
    let v = if zero { 0.0 } else { INF };
    let re = v.copysign(c_cos(y));
    let im = v.copysign(c_sin(y));
    (if re_neg { -re } else { re }, if im_neg { -im } else { im })
}

fn c_exp_z(z: C) -> CRes {
    let (x, y) = z;
    if !isfinite(z) {
        let r = if x.is_infinite() && y.is_finite() && y != 0.0 {
            inf_signs(y, false, false, x < 0.0)
        } else {
            special(&EXP_SV, z)
        };
        if y.is_infinite() && (x.is_finite() || (x.is_infinite() && x > 0.0)) {
            return Err((CErr::Dom, r));
        }
        return Ok(r);
    }
    let r = if x > log_large() {
        let l = c_exp(x - 1.0);
        (
            l * c_cos(y) * std::f64::consts::E,
            l * c_sin(y) * std::f64::consts::E,
        )
    } else {
        let l = c_exp(x);
        (l * c_cos(y), l * c_sin(y))
    };
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err((CErr::Range, r));
    }
    Ok(r)
}

fn c_cosh_z(z: C) -> CRes {
    let (x, y) = z;
    if !isfinite(z) {
        let r = if x.is_infinite() && y.is_finite() && y != 0.0 {
            inf_signs(y, false, x < 0.0, false)
        } else {
            special(&COSH_SV, z)
        };
        if y.is_infinite() && !x.is_nan() {
            return Err((CErr::Dom, r));
        }
        return Ok(r);
    }
    let r = if x.abs() > log_large() {
        let xm1 = x - 1.0f64.copysign(x);
        (
            c_cos(y) * c_cosh(xm1) * std::f64::consts::E,
            c_sin(y) * c_sinh(xm1) * std::f64::consts::E,
        )
    } else {
        (c_cos(y) * c_cosh(x), c_sin(y) * c_sinh(x))
    };
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err((CErr::Range, r));
    }
    Ok(r)
}

fn c_sinh_z(z: C) -> CRes {
    let (x, y) = z;
    if !isfinite(z) {
        let r = if x.is_infinite() && y.is_finite() && y != 0.0 {
            inf_signs(y, x < 0.0, false, false)
        } else {
            special(&SINH_SV, z)
        };
        if y.is_infinite() && !x.is_nan() {
            return Err((CErr::Dom, r));
        }
        return Ok(r);
    }
    let r = if x.abs() > log_large() {
        let xm1 = x - 1.0f64.copysign(x);
        (
            c_cos(y) * c_sinh(xm1) * std::f64::consts::E,
            c_sin(y) * c_cosh(xm1) * std::f64::consts::E,
        )
    } else {
        (c_cos(y) * c_sinh(x), c_sin(y) * c_cosh(x))
    };
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err((CErr::Range, r));
    }
    Ok(r)
}

fn c_tanh_z(z: C) -> CRes {
    let (x, y) = z;
    if !isfinite(z) {
        let r = if x.is_infinite() && y.is_finite() && y != 0.0 {
            let im = 0.0f64.copysign(2.0 * c_sin(y) * c_cos(y));
            (if x > 0.0 { 1.0 } else { -1.0 }, im)
        } else {
            special(&TANH_SV, z)
        };
        if y.is_infinite() && x.is_finite() {
            return Err((CErr::Dom, r));
        }
        return Ok(r);
    }
    if x.abs() > log_large() {
        return Ok((
            1.0f64.copysign(x),
            4.0 * c_sin(y) * c_cos(y) * c_exp(-2.0 * x.abs()),
        ));
    }
    let tx = c_tanh(x);
    let ty = c_tan(y);
    let cx = 1.0 / c_cosh(x);
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    Ok((tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx))
}

/// cos(z) = cosh(iz)
fn c_cos_z(z: C) -> CRes {
    c_cosh_z((-z.1, z.0))
}

/// sin(z) = -i sinh(iz)
fn c_sin_z(z: C) -> CRes {
    match c_sinh_z((-z.1, z.0)) {
        Ok(r) => Ok((r.1, -r.0)),
        Err((e, r)) => Err((e, (r.1, -r.0))),
    }
}

/// tan(z) = -i tanh(iz)
fn c_tan_z(z: C) -> CRes {
    match c_tanh_z((-z.1, z.0)) {
        Ok(r) => Ok((r.1, -r.0)),
        Err((e, r)) => Err((e, (r.1, -r.0))),
    }
}

fn cm_rect(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = ops::number::to_f64(vm, a[1])?;
    let phi = ops::number::to_f64(vm, a[2])?;
    let res = if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let neg = r < 0.0;
            inf_signs(phi, neg, neg, false)
        } else {
            special(&RECT_SV, (r, phi))
        };
        if r != 0.0 && !r.is_nan() && phi.is_infinite() {
            Err((CErr::Dom, z))
        } else {
            Ok(z)
        }
    } else if phi == 0.0 {
        Ok((r, r * phi))
    } else {
        Ok((r * c_cos(phi), r * c_sin(phi)))
    };
    finish(vm, res)
}

fn cm_phase(vm: &mut Vm, a: &[Value]) -> PyResult {
    let z = arg_c(vm, a[1])?;
    Ok(new_float(vm, super::math::atan2(z.1, z.0)))
}

fn c_abs(z: C) -> Result<f64, f64> {
    if !isfinite(z) {
        if z.0.is_infinite() || z.1.is_infinite() {
            return Ok(INF);
        }
        return Ok(f64::NAN);
    }
    let r = c_hypot(z.0, z.1);
    if r.is_finite() { Ok(r) } else { Err(r) }
}

fn cm_polar(vm: &mut Vm, a: &[Value]) -> PyResult {
    let z = arg_c(vm, a[1])?;
    let phi = super::math::atan2(z.1, z.0);
    let Ok(r) = c_abs(z) else {
        return Err(vm.overflow_error("math range error"));
    };
    let r = new_float(vm, r);
    let phi = new_float(vm, phi);
    Ok(tuple::new_tuple(vm, vec![r, phi]))
}

fn cm_isfinite(vm: &mut Vm, a: &[Value]) -> PyResult {
    let z = arg_c(vm, a[1])?;
    Ok(Value::from_bool(isfinite(z)))
}

fn cm_isinf(vm: &mut Vm, a: &[Value]) -> PyResult {
    let z = arg_c(vm, a[1])?;
    Ok(Value::from_bool(z.0.is_infinite() || z.1.is_infinite()))
}

fn cm_isnan(vm: &mut Vm, a: &[Value]) -> PyResult {
    let z = arg_c(vm, a[1])?;
    Ok(Value::from_bool(z.0.is_nan() || z.1.is_nan()))
}

fn cm_isclose(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_c(vm, a[1])?;
    let y = arg_c(vm, a[2])?;
    let rel = if a[3].is_null() {
        1e-9
    } else {
        ops::number::to_f64(vm, a[3])?
    };
    let abs = if a[4].is_null() {
        0.0
    } else {
        ops::number::to_f64(vm, a[4])?
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::TRUE);
    }
    if !isfinite(x) || !isfinite(y) {
        return Ok(Value::FALSE);
    }
    let diff = c_abs((x.0 - y.0, x.1 - y.1)).unwrap_or(INF);
    let ax = c_abs(x).unwrap_or(INF);
    let ay = c_abs(y).unwrap_or(INF);
    Ok(Value::from_bool(
        diff <= rel * ay || diff <= rel * ax || diff <= abs,
    ))
}
