//! The integer functions of `math`: `factorial`, `gcd`, `lcm`, `isqrt`, `comb`, `perm`, exact
//! for ints of any size (products by binary splitting so big arguments stay fast).

use crate::ops;
use crate::types::int;
use crate::types::tuple;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// `operator.index(v)` as a BigInt.
fn index_big(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    let i = ops::number::index(vm, v)?;
    Ok(int::int_ref(i).map(|r| r.to_bigint()).unwrap_or_default())
}

/// The product lo * (lo+1) * ... * (hi-1), split in halves so the multiplications stay
/// balanced (fast for big results).
fn range_product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        let mut acc = BigInt::from(lo);
        for k in lo + 1..hi {
            acc *= k;
        }
        return acc;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

/// Like `range_product` over big starting points: lo * (lo+1) * ... (count factors).
fn big_range_product(lo: &BigInt, count: u64) -> BigInt {
    if count == 0 {
        return BigInt::one();
    }
    if count <= 16 {
        let mut acc = lo.clone();
        for k in 1..count {
            acc *= lo + k;
        }
        return acc;
    }
    let half = count / 2;
    big_range_product(lo, half) * big_range_product(&(lo + half), count - half)
}

fn factorial_u64(n: u64) -> BigInt {
    range_product(1, n + 1)
}

pub fn factorial(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = index_big(vm, a[1])?;
    factorial_of(vm, &n)
}

fn factorial_of(vm: &mut Vm, n: &BigInt) -> PyResult {
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_i64() else {
        return Err(vm.overflow_error("factorial() argument should not exceed 9223372036854775807"));
    };
    Ok(int::from_bigint(vm, factorial_u64(n as u64)))
}

pub fn gcd(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let mut g = BigInt::zero();
    for v in args {
        let x = index_big(vm, v)?;
        g = g.gcd(&x);
    }
    Ok(int::from_bigint(vm, g))
}

pub fn lcm(vm: &mut Vm, a: &[Value]) -> PyResult {
    let args = tuple::items(a[1]).unwrap_or(&[]).to_vec();
    let mut l = BigInt::one();
    for v in args {
        let x = index_big(vm, v)?;
        if l.is_zero() || x.is_zero() {
            l = BigInt::zero();
        } else {
            l = l.lcm(&x);
        }
    }
    Ok(int::from_bigint(vm, l.abs()))
}

pub fn isqrt(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = index_big(vm, a[1])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(int::from_bigint(vm, n.sqrt()))
}

fn check_nk(vm: &mut Vm, n: &BigInt, k: &BigInt) -> PyResult<()> {
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    Ok(())
}

pub fn perm(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = index_big(vm, a[1])?;
    if a[2].is_null() || a[2].is_none() {
        return factorial_of(vm, &n);
    }
    let k = index_big(vm, a[2])?;
    check_nk(vm, &n, &k)?;
    if k > n {
        return Ok(Value::try_small_int(0).unwrap_or(Value::NONE));
    }
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(vm.overflow_error("k must not exceed 9223372036854775807"));
    };
    let lo = &n - k + 1;
    Ok(int::from_bigint(vm, big_range_product(&lo, k)))
}

pub fn comb(vm: &mut Vm, a: &[Value]) -> PyResult {
    let n = index_big(vm, a[1])?;
    let k = index_big(vm, a[2])?;
    check_nk(vm, &n, &k)?;
    if k > n {
        return Ok(Value::try_small_int(0).unwrap_or(Value::NONE));
    }
    let nk = &n - &k;
    let k = if nk < k { nk } else { k };
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(vm.overflow_error("min(n - k, k) must not exceed 9223372036854775807"));
    };
    let r = if k <= 64 {
        // Exact at every step: the running product of j consecutive ints is divisible by j!.
        let mut acc = BigInt::one();
        let base = &n - k;
        for j in 1..=k {
            acc = acc * (&base + j) / j;
        }
        acc
    } else {
        let lo = &n - k + 1;
        big_range_product(&lo, k) / factorial_u64(k)
    };
    Ok(int::from_bigint(vm, r))
}
