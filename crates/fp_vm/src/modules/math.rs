//! The `math` module: float functions with CPython's error rules ("math domain error" as
//! ValueError, "math range error" as OverflowError), the gamma family (Lanczos, as CPython
//! computes it, so results agree bit for bit), `fsum`, `hypot`/`dist` (compensated vector norm),
//! `log` of huge ints. The integer functions (`factorial`, `gcd`, `comb`...) are in
//! `math_int.rs`.

use crate::native;
use crate::native::NativeDef;
use crate::ops;
use crate::types::float::{self, new_float};
use crate::types::int;
use crate::types::module::set_attr;
use crate::types::tuple;
use crate::value::Value;
use crate::vm::{Exc, PyResult, Vm};
use fp_bytecode::BinaryOp;
use std::f64::consts::PI;

use super::math_int;

static FUNCS: &[NativeDef] = &[
    native!("acos", "($module, x, /)", m_acos),
    native!("acosh", "($module, x, /)", m_acosh),
    native!("asin", "($module, x, /)", m_asin),
    native!("asinh", "($module, x, /)", m_asinh),
    native!("atan", "($module, x, /)", m_atan),
    native!("atan2", "($module, y, x, /)", m_atan2),
    native!("atanh", "($module, x, /)", m_atanh),
    native!("cbrt", "($module, x, /)", m_cbrt),
    native!("ceil", "($module, x, /)", m_ceil),
    native!("comb", "($module, n, k, /)", math_int::comb),
    native!("copysign", "($module, x, y, /)", m_copysign),
    native!("cos", "($module, x, /)", m_cos),
    native!("cosh", "($module, x, /)", m_cosh),
    native!("degrees", "($module, x, /)", m_degrees),
    native!("dist", "($module, p, q, /)", m_dist),
    native!("erf", "($module, x, /)", m_erf),
    native!("erfc", "($module, x, /)", m_erfc),
    native!("exp", "($module, x, /)", m_exp),
    native!("exp2", "($module, x, /)", m_exp2),
    native!("expm1", "($module, x, /)", m_expm1),
    native!("fabs", "($module, x, /)", m_fabs),
    native!("factorial", "($module, n, /)", math_int::factorial),
    native!("floor", "($module, x, /)", m_floor),
    native!("fmod", "($module, x, y, /)", m_fmod),
    native!("frexp", "($module, x, /)", m_frexp),
    native!("fsum", "($module, seq, /)", m_fsum),
    native!("gamma", "($module, x, /)", m_gamma),
    native!("gcd", "($module, /, *integers)", math_int::gcd),
    native!("hypot", "($module, /, *coordinates)", m_hypot),
    native!(
        "isclose",
        "($module, /, a, b, *, rel_tol=1e-09, abs_tol=0.0)",
        m_isclose
    ),
    native!("isfinite", "($module, x, /)", m_isfinite),
    native!("isinf", "($module, x, /)", m_isinf),
    native!("isnan", "($module, x, /)", m_isnan),
    native!("isqrt", "($module, n, /)", math_int::isqrt),
    native!("lcm", "($module, /, *integers)", math_int::lcm),
    native!("ldexp", "($module, x, i, /)", m_ldexp),
    native!("lgamma", "($module, x, /)", m_lgamma),
    native!("log", "($module, x, base=<unrepresentable>, /)", m_log),
    native!("log10", "($module, x, /)", m_log10),
    native!("log1p", "($module, x, /)", m_log1p),
    native!("log2", "($module, x, /)", m_log2),
    native!("modf", "($module, x, /)", m_modf),
    native!("nextafter", "($module, x, y, /)", m_nextafter),
    native!("perm", "($module, n, k=None, /)", math_int::perm),
    native!("pow", "($module, x, y, /)", m_pow),
    native!("prod", "($module, iterable, /, *, start=1)", m_prod),
    native!("radians", "($module, x, /)", m_radians),
    native!("remainder", "($module, x, y, /)", m_remainder),
    native!("sin", "($module, x, /)", m_sin),
    native!("sinh", "($module, x, /)", m_sinh),
    native!("sqrt", "($module, x, /)", m_sqrt),
    native!("tan", "($module, x, /)", m_tan),
    native!("tanh", "($module, x, /)", m_tanh),
    native!("trunc", "($module, x, /)", m_trunc),
    native!("ulp", "($module, x, /)", m_ulp),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let m = super::module_with_functions(vm, "math", FUNCS);
    for (name, v) in [
        ("pi", PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        let f = new_float(vm, v);
        set_attr(vm, m, name, f);
    }
    Ok(m)
}

pub fn domain_error(vm: &mut Vm) -> Exc {
    vm.value_error("math domain error")
}

pub fn range_error(vm: &mut Vm) -> Exc {
    vm.overflow_error("math range error")
}

/// The argument as a float (`__float__`, `__index__`), with CPython's conversion errors.
pub fn arg_f64(vm: &mut Vm, v: Value) -> PyResult<f64> {
    ops::number::to_f64(vm, v)
}

/// A one-argument libm function under CPython's `math_1` rules: a NaN from a non-NaN is a
/// domain error, an infinity from a finite argument a range error (when the function can
/// overflow) or a domain error (a pole such as `atanh(1)`).
fn math_1(vm: &mut Vm, x: Value, f: fn(f64) -> f64, can_overflow: bool) -> PyResult {
    let x = arg_f64(vm, x)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain_error(vm)
        });
    }
    Ok(new_float(vm, r))
}

/// What a function reports besides its value (C's `errno`).
enum Errno {
    Ok,
    Dom,
    Range,
}

/// CPython's `math_1a`/`is_error`: the function reports errors itself; a range error whose
/// result is small is an underflow and is ignored.
fn math_errno(vm: &mut Vm, x: Value, f: fn(f64) -> (f64, Errno)) -> PyResult {
    let x = arg_f64(vm, x)?;
    let (r, e) = f(x);
    match e {
        Errno::Dom => Err(domain_error(vm)),
        Errno::Range if r.abs() >= 1.5 => Err(range_error(vm)),
        _ => Ok(new_float(vm, r)),
    }
}

macro_rules! unary {
    ($name:ident, $f:expr, $ovf:expr) => {
        fn $name(vm: &mut Vm, a: &[Value]) -> PyResult {
            math_1(vm, a[1], $f, $ovf)
        }
    };
}

unary!(m_acos, c_acos, false);
unary!(m_acosh, c_acosh, false);
unary!(m_asin, c_asin, false);
unary!(m_asinh, c_asinh, false);
unary!(m_atan, c_atan, false);
unary!(m_atanh, atanh, false);
unary!(m_cbrt, c_cbrt, false);
unary!(m_cos, c_cos, false);
unary!(m_cosh, c_cosh, true);
unary!(m_exp, c_exp, true);
unary!(m_exp2, c_exp2, true);
unary!(m_expm1, c_expm1, true);
unary!(m_fabs, f64::abs, false);
unary!(m_sin, c_sin, false);
unary!(m_sinh, c_sinh, true);
unary!(m_sqrt, f64::sqrt, false);
unary!(m_tan, c_tan, false);
unary!(m_tanh, c_tanh, false);
unary!(m_log1p, log1p, false);

/// atanh(±1) is a pole: the infinity must come out so `math_1` reports a domain error.
fn atanh(x: f64) -> f64 {
    if x.abs() == 1.0 {
        return f64::INFINITY.copysign(x);
    }
    c_atanh(x)
}

fn log1p(x: f64) -> f64 {
    if x == -1.0 {
        return f64::NEG_INFINITY;
    }
    c_log1p(x)
}

unsafe extern "C" {
    // SAFETY: the C library's erf/erfc are pure functions of one double (no pointers, no
    // global state besides errno), so calling them is always safe; CPython 3.11 uses them too.
    safe fn erf(x: f64) -> f64;
    safe fn erfc(x: f64) -> f64;
}

/// Looks up a function of the C math library by name. Rust's own versions of several
/// functions (`asinh`, `cbrt`... implemented in Rust or taken from the compiler's builtins)
/// differ from glibc's in the last bit, and CPython calls the C library, so the symbols are
/// resolved in libm itself.
fn libm_symbol(name: &std::ffi::CStr) -> Option<*mut libc::c_void> {
    // SAFETY: dlopen/dlsym receive valid NUL-terminated names; null results are handled.
    unsafe {
        let h = libc::dlopen(c"libm.so.6".as_ptr(), libc::RTLD_LAZY);
        if h.is_null() {
            return None;
        }
        let sym = libc::dlsym(h, name.as_ptr());
        if sym.is_null() { None } else { Some(sym) }
    }
}

/// Defines `fn $name(x) -> f64` calling libm's `$c` (falling back to Rust's `$fallback`).
macro_rules! libm1 {
    ($name:ident, $c:literal, $fallback:expr) => {
        pub(crate) fn $name(x: f64) -> f64 {
            static F: std::sync::OnceLock<Option<extern "C" fn(f64) -> f64>> =
                std::sync::OnceLock::new();
            let f = F.get_or_init(|| {
                // SAFETY: the libm symbol has the C type double(double), matching the pointer.
                libm_symbol($c).map(|p| unsafe {
                    std::mem::transmute::<*mut libc::c_void, extern "C" fn(f64) -> f64>(p)
                })
            });
            match f {
                Some(f) => f(x),
                None => $fallback(x),
            }
        }
    };
}

macro_rules! libm2 {
    ($name:ident, $c:literal, $fallback:expr) => {
        pub(crate) fn $name(x: f64, y: f64) -> f64 {
            static F: std::sync::OnceLock<Option<extern "C" fn(f64, f64) -> f64>> =
                std::sync::OnceLock::new();
            let f = F.get_or_init(|| {
                // SAFETY: the libm symbol has the C type double(double, double).
                libm_symbol($c).map(|p| unsafe {
                    std::mem::transmute::<*mut libc::c_void, extern "C" fn(f64, f64) -> f64>(p)
                })
            });
            match f {
                Some(f) => f(x, y),
                None => $fallback(x, y),
            }
        }
    };
}

libm1!(c_acos, c"acos", f64::acos);
libm1!(c_acosh, c"acosh", f64::acosh);
libm1!(c_asin, c"asin", f64::asin);
libm1!(c_asinh, c"asinh", f64::asinh);
libm1!(c_atan, c"atan", f64::atan);
libm1!(c_atanh, c"atanh", f64::atanh);
libm1!(c_cbrt, c"cbrt", f64::cbrt);
libm1!(c_cos, c"cos", f64::cos);
libm1!(c_cosh, c"cosh", f64::cosh);
libm1!(c_exp, c"exp", f64::exp);
libm1!(c_exp2, c"exp2", f64::exp2);
libm1!(c_expm1, c"expm1", f64::exp_m1);
libm1!(c_sin, c"sin", f64::sin);
libm1!(c_sinh, c"sinh", f64::sinh);
libm1!(c_tan, c"tan", f64::tan);
libm1!(c_tanh, c"tanh", f64::tanh);
libm1!(c_log, c"log", f64::ln);
libm1!(c_log10, c"log10", f64::log10);
libm1!(c_log2, c"log2", f64::log2);
libm1!(c_log1p, c"log1p", f64::ln_1p);
libm2!(c_atan2, c"atan2", f64::atan2);
libm2!(c_pow, c"pow", f64::powf);
libm2!(c_hypot, c"hypot", f64::hypot);

fn m_erf(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    Ok(new_float(vm, erf(x)))
}

fn m_erfc(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    Ok(new_float(vm, erfc(x)))
}

fn m_gamma(vm: &mut Vm, a: &[Value]) -> PyResult {
    math_errno(vm, a[1], tgamma)
}

fn m_lgamma(vm: &mut Vm, a: &[Value]) -> PyResult {
    math_errno(vm, a[1], lgamma)
}

// ---- gamma: Lanczos approximation with N=13, g=6.024680040776729583740234375 (the
// parameters CPython uses, so the results match bit for bit) ----

const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
/// x*(x+1)*...*(x+11) expanded.
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    // Below 5 evaluate directly; above, as a rational function of 1/x (no overflow).
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// sin(pi*x), exact at integers and half-integers.
fn sinpi(x: f64) -> f64 {
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i64;
    let r = match n {
        0 => c_sin(PI * y),
        1 => c_cos(PI * (y - 0.5)),
        2 => c_sin(PI * (1.0 - y)),
        3 => -c_cos(PI * (y - 1.5)),
        _ => c_sin(PI * (y - 2.0)),
    };
    1.0f64.copysign(x) * r
}

fn tgamma(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, Errno::Ok);
        }
        return (f64::NAN, Errno::Dom);
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), Errno::Dom);
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, Errno::Dom);
        }
        if x <= 23.0 {
            let mut r = 1.0;
            let mut k = 2.0;
            while k < x {
                r *= k;
                k += 1.0;
            }
            return (r, Errno::Ok);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (
            r,
            if r.is_infinite() {
                Errno::Range
            } else {
                Errno::Ok
            },
        );
    }
    if absx > 200.0 {
        if x < 0.0 {
            return (0.0 / sinpi(x), Errno::Ok);
        }
        return (f64::INFINITY, Errno::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error of y, to correct the result (see CPython's comment on m_tgamma).
    let z = if absx > LANCZOS_G_MINUS_HALF {
        (y - absx) - LANCZOS_G_MINUS_HALF
    } else {
        (y - LANCZOS_G_MINUS_HALF) - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -PI / sinpi(absx) / absx * c_exp(y) / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= c_pow(y, absx - 0.5);
        } else {
            let s = c_pow(y, absx / 2.0 - 0.25);
            r /= s;
            r /= s;
        }
    } else {
        r = lanczos_sum(absx) / c_exp(y);
        r += z * r;
        if absx < 140.0 {
            r *= c_pow(y, absx - 0.5);
        } else {
            let s = c_pow(y, absx / 2.0 - 0.25);
            r *= s;
            r *= s;
        }
    }
    (
        r,
        if r.is_infinite() {
            Errno::Range
        } else {
            Errno::Ok
        },
    )
}

fn lgamma(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() {
            return (x, Errno::Ok);
        }
        return (f64::INFINITY, Errno::Ok);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return (f64::INFINITY, Errno::Dom);
        }
        return (0.0, Errno::Ok);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-c_log(absx), Errno::Ok);
    }
    let mut r = c_log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (c_log(absx + LANCZOS_G - 0.5) - 1.0);
    if x < 0.0 {
        // Reflection formula.
        r = 1.144_729_885_849_400_2 - c_log(sinpi(absx).abs()) - c_log(absx) - r;
    }
    (
        r,
        if r.is_infinite() {
            Errno::Range
        } else {
            Errno::Ok
        },
    )
}

// ---- two-argument functions ----

fn m_atan2(vm: &mut Vm, a: &[Value]) -> PyResult {
    let y = arg_f64(vm, a[1])?;
    let x = arg_f64(vm, a[2])?;
    Ok(new_float(vm, atan2(y, x)))
}

pub(crate) fn atan2(y: f64, x: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            return if x.is_sign_positive() {
                (0.25 * PI).copysign(y)
            } else {
                (0.75 * PI).copysign(y)
            };
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        };
    }
    c_atan2(y, x)
}

fn m_copysign(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    let y = arg_f64(vm, a[2])?;
    Ok(new_float(vm, x.copysign(y)))
}

fn m_fmod(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    let y = arg_f64(vm, a[2])?;
    // fmod(x, ±inf) is x for finite x.
    if y.is_infinite() && x.is_finite() {
        return Ok(new_float(vm, x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(new_float(vm, r))
}

fn m_remainder(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    let y = arg_f64(vm, a[2])?;
    let r = remainder(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(new_float(vm, r))
}

/// IEEE 754 remainder: x - n*y with n the nearest integer to x/y (ties to even); exact.
fn remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (ax, ay) = (x.abs(), y.abs());
        let m = ax % ay;
        // Compare m with its complement rather than with 0.5*ay (which may be inexact).
        let c = ay - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            m - 2.0 * ((0.5 * (ax - m)) % ay)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn m_pow(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    let y = arg_f64(vm, a[2])?;
    let r;
    let mut odd_y = false;
    if !x.is_finite() || !y.is_finite() {
        // C99 special cases, applied explicitly.
        if x.is_nan() {
            r = if y == 0.0 { 1.0 } else { x };
        } else if y.is_nan() {
            r = if x == 1.0 { 1.0 } else { y };
        } else if x.is_infinite() {
            odd_y = y.is_finite() && (y % 2.0).abs() == 1.0;
            r = if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            };
        } else {
            // y is infinite
            if x.abs() == 1.0 {
                r = 1.0;
            } else if (y > 0.0) == (x.abs() > 1.0) {
                r = y.abs();
            } else {
                r = 0.0;
            }
        }
        return Ok(new_float(vm, r));
    }
    let _ = odd_y;
    if x == 0.0 && y < 0.0 {
        return Err(domain_error(vm));
    }
    if x < 0.0 && y != y.floor() {
        return Err(domain_error(vm));
    }
    let r = c_pow(x, y);
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(new_float(vm, r))
}

fn m_nextafter(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    let y = arg_f64(vm, a[2])?;
    let r = if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == y {
        y
    } else if y > x {
        x.next_up()
    } else {
        x.next_down()
    };
    Ok(new_float(vm, r))
}

fn m_ulp(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    let r = if x.is_nan() {
        x
    } else {
        let x = x.abs();
        if x.is_infinite() {
            x
        } else {
            let up = x.next_up();
            if up.is_infinite() {
                x - x.next_down()
            } else {
                up - x
            }
        }
    };
    Ok(new_float(vm, r))
}

fn m_degrees(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    Ok(new_float(vm, x * (180.0 / PI)))
}

fn m_radians(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    Ok(new_float(vm, x * (PI / 180.0)))
}

fn m_isfinite(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(arg_f64(vm, a[1])?.is_finite()))
}

fn m_isinf(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(arg_f64(vm, a[1])?.is_infinite()))
}

fn m_isnan(vm: &mut Vm, a: &[Value]) -> PyResult {
    Ok(Value::from_bool(arg_f64(vm, a[1])?.is_nan()))
}

fn m_isclose(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    let y = arg_f64(vm, a[2])?;
    let rel = if a[3].is_null() {
        1e-9
    } else {
        arg_f64(vm, a[3])?
    };
    let abs = if a[4].is_null() {
        0.0
    } else {
        arg_f64(vm, a[4])?
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::TRUE);
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::FALSE);
    }
    let diff = (y - x).abs();
    Ok(Value::from_bool(
        (diff <= (rel * y).abs()) || (diff <= (rel * x).abs()) || diff <= abs,
    ))
}

fn m_ldexp(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    let Some(i) = int::int_ref(a[2]) else {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(new_float(vm, x));
    }
    let e = match i.to_i64() {
        Some(e) => e,
        None if i.is_negative() => i64::MIN / 4,
        None => i64::MAX / 4,
    };
    let e = e.clamp(-100_000, 100_000);
    let r = float::ldexp(x, e);
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(new_float(vm, r))
}

fn m_frexp(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    let (m, e) = if x == 0.0 || !x.is_finite() {
        (x, 0)
    } else {
        float::frexp(x)
    };
    let m = new_float(vm, m);
    let e = Value::try_small_int(e as i64).unwrap_or(Value::NONE);
    Ok(tuple::new_tuple(vm, vec![m, e]))
}

fn m_modf(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = arg_f64(vm, a[1])?;
    let (f, i) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let i = x.trunc();
        ((x - i).copysign(x), i)
    };
    let f = new_float(vm, f);
    let i = new_float(vm, i);
    Ok(tuple::new_tuple(vm, vec![f, i]))
}

/// float → int for floor/ceil results, with CPython's errors for inf and nan.
pub fn f64_to_int(vm: &mut Vm, f: f64) -> PyResult {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    if f.abs() < 1e18 {
        return Ok(int::from_i64(vm, f as i64));
    }
    match float::f64_to_bigint(f) {
        Some(b) => Ok(int::from_bigint(vm, b)),
        None => Err(vm.overflow_error("cannot convert float infinity to integer")),
    }
}

fn rounding(vm: &mut Vm, x: Value, dunder: &str, f: fn(f64) -> f64) -> PyResult {
    if let Some(v) = float::as_f64(x)
        && vm.type_of(x) == vm.types.float
    {
        return f64_to_int(vm, f(v));
    }
    if int::is_int(x) && vm.type_of(x) == vm.types.int {
        return Ok(x);
    }
    let name = vm.intern(dunder);
    if let Some(r) = ops::call_special(vm, x, name, &[])? {
        return Ok(r);
    }
    let v = arg_f64(vm, x)?;
    f64_to_int(vm, f(v))
}

fn m_floor(vm: &mut Vm, a: &[Value]) -> PyResult {
    rounding(vm, a[1], "__floor__", f64::floor)
}

fn m_ceil(vm: &mut Vm, a: &[Value]) -> PyResult {
    rounding(vm, a[1], "__ceil__", f64::ceil)
}

fn m_trunc(vm: &mut Vm, a: &[Value]) -> PyResult {
    let x = a[1];
    if let Some(v) = float::as_f64(x)
        && vm.type_of(x) == vm.types.float
    {
        return f64_to_int(vm, v.trunc());
    }
    let name = vm.intern("__trunc__");
    match ops::call_special(vm, x, name, &[])? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "type {} doesn't define __trunc__ method",
            vm.type_name(x)
        ))),
    }
}

// ---- logarithms ----

/// The natural log of a positive int of any size: via (mantissa, exponent) when it does not
/// fit a float.
fn log_of(vm: &mut Vm, x: Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(i) = int::int_ref(x) {
        if i.is_negative() || i.is_zero() {
            return Err(domain_error(vm));
        }
        if let Some(v) = i.to_i64() {
            return Ok(f(v as f64));
        }
        let b = i.to_bigint();
        if let Some(v) = num_traits::ToPrimitive::to_f64(&b)
            && v.is_finite()
        {
            return Ok(f(v));
        }
        let bits = b.bits();
        // b = m * 2**e with m in [0.5, 1); keep 60 significant bits for m.
        let shift = bits - 60;
        let top: num_bigint::BigInt = &b >> shift;
        let m = num_traits::ToPrimitive::to_f64(&top).unwrap_or(1.0) / (1u64 << 60) as f64;
        let e = (shift + 60) as f64;
        return Ok(f(m) + f(2.0) * e);
    }
    let v = arg_f64(vm, x)?;
    log_f64(vm, v, f)
}

fn log_f64(vm: &mut Vm, v: f64, f: fn(f64) -> f64) -> PyResult<f64> {
    if v.is_nan() {
        return Ok(v);
    }
    if v <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(f(v))
}

fn m_log(vm: &mut Vm, a: &[Value]) -> PyResult {
    let num = log_of(vm, a[1], c_log)?;
    if a[2].is_null() {
        return Ok(new_float(vm, num));
    }
    let den = log_of(vm, a[2], c_log)?;
    if den == 0.0 {
        return Err(vm.zero_division("float division by zero"));
    }
    Ok(new_float(vm, num / den))
}

fn m_log10(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = log_of(vm, a[1], c_log10)?;
    Ok(new_float(vm, r))
}

fn m_log2(vm: &mut Vm, a: &[Value]) -> PyResult {
    let r = log_of(vm, a[1], c_log2)?;
    Ok(new_float(vm, r))
}

// ---- fsum: Shewchuk's exact summation with a correctly rounded result ----

fn m_fsum(vm: &mut Vm, a: &[Value]) -> PyResult {
    let it = ops::iter::get_iter(vm, a[1])?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    while let Some(v) = ops::iter::next(vm, it)? {
        let mut x = arg_f64(vm, v)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // An infinity or NaN in the input, or an intermediate overflow.
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(new_float(vm, special_sum));
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half to even correctly when the rest of the partials tip the balance.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(new_float(vm, hi))
}

// ---- hypot and dist: a compensated vector norm (as CPython 3.11, for the same roundings) ----

/// Exact sum of two floats as (hi, lo), for |a| >= |b|.
fn fast_two_sum(a: f64, b: f64) -> (f64, f64) {
    let x = a + b;
    let z = x - a;
    (x, b - z)
}

/// Exact product as (hi, lo).
fn two_mul(a: f64, b: f64) -> (f64, f64) {
    let hi = a * b;
    (hi, a.mul_add(b, -hi))
}

fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = float::frexp(max);
    if max_e < -1023 {
        // Scaling by 2**-max_e would overflow: rescale by the smallest normal first.
        for v in vec.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = float::ldexp(1.0, -(max_e as i64));
    let mut csum = 1.0;
    let mut frac1 = 0.0;
    let mut frac2 = 0.0;
    for &v in vec.iter() {
        let x = v * scale;
        let (phi, plo) = two_mul(x, x);
        let (shi, slo) = fast_two_sum(csum, phi);
        csum = shi;
        frac1 += plo;
        frac2 += slo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (phi, plo) = two_mul(-h, h);
    let (shi, slo) = fast_two_sum(csum, phi);
    csum = shi;
    frac1 += plo;
    frac2 += slo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

fn m_hypot(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let mut vec = Vec::with_capacity(args.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for v in args {
        let x = arg_f64(vm, v)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        vec.push(x);
    }
    Ok(new_float(vm, vector_norm(&mut vec, max, found_nan)))
}

fn as_point(vm: &mut Vm, v: Value) -> PyResult<Vec<Value>> {
    if let Some(t) = tuple::items(v) {
        return Ok(t.to_vec());
    }
    ops::iter::collect(vm, v)
}

fn m_dist(vm: &mut Vm, a: &[Value]) -> PyResult {
    let p = as_point(vm, a[1])?;
    let q = as_point(vm, a[2])?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut vec = Vec::with_capacity(p.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for (x, y) in p.into_iter().zip(q) {
        let x = arg_f64(vm, x)?;
        let y = arg_f64(vm, y)?;
        let d = (x - y).abs();
        found_nan |= d.is_nan();
        if d > max {
            max = d;
        }
        vec.push(d);
    }
    Ok(new_float(vm, vector_norm(&mut vec, max, found_nan)))
}

fn m_prod(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut acc = if a[2].is_null() {
        Value::try_small_int(1).unwrap_or(Value::NONE)
    } else {
        a[2]
    };
    let it = ops::iter::get_iter(vm, a[1])?;
    while let Some(v) = ops::iter::next(vm, it)? {
        // Small-int fast path; overflow and every other type go through `*`.
        if let (Some(x), Some(y)) = (acc.as_small_int(), v.as_small_int())
            && let Some(p) = x.checked_mul(y)
            && let Some(r) = Value::try_small_int(p)
        {
            acc = r;
            continue;
        }
        acc = ops::number::binary_op(vm, acc, v, BinaryOp::Mul, false)?;
    }
    Ok(acc)
}
