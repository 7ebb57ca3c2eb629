//! Numeric and operator protocol: `a + b` and friends (fast paths for int/float/complex/str/
//! list/tuple, then `__op__`/`__rop__`/`__iop__` dispatch with CPython's subclass-first rule),
//! unary operators, and `__index__` conversions.

use crate::types::complex::ComplexObj;
use crate::types::float::{self, FloatObj};
use crate::types::int::{self, IntRef, int_ref};
use crate::types::typeobj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use fp_bytecode::BinaryOp;

/// A number viewed for arithmetic between builtin numeric types.
#[derive(Clone, Copy)]
enum Num {
    Int(IntRef),
    Float(f64),
    Complex(f64, f64),
}

fn num_of(vm: &Vm, v: Value) -> Option<Num> {
    if let Some(i) = v.as_small_int() {
        return Some(Num::Int(IntRef::Small(i)));
    }
    let ty = vm.type_of(v);
    if ty == vm.types.float {
        return Some(Num::Float(v.downcast::<FloatObj>()?.value));
    }
    if ty == vm.types.int || ty == vm.types.bool_ {
        return Some(Num::Int(int_ref(v)?));
    }
    if ty == vm.types.complex {
        let c = v.downcast::<ComplexObj>()?;
        return Some(Num::Complex(c.re, c.im));
    }
    None
}

/// Like `num_of` but accepts subclass instances (used by the dunder implementations).
pub fn numeric_binop_any(vm: &mut Vm, a: Value, b: Value, op: BinaryOp) -> Option<PyResult> {
    let na = num_any(a)?;
    let nb = num_any(b)?;
    Some(num_binop(vm, na, nb, op))
}

fn num_any(v: Value) -> Option<Num> {
    if let Some(i) = int_ref(v) {
        return Some(Num::Int(i));
    }
    if let Some(f) = v.downcast::<FloatObj>() {
        return Some(Num::Float(f.value));
    }
    v.downcast::<ComplexObj>().map(|c| Num::Complex(c.re, c.im))
}

/// Arithmetic on exact builtin numbers; None when either operand is something else.
pub fn numeric_binop(vm: &mut Vm, a: Value, b: Value, op: BinaryOp) -> Option<PyResult> {
    // bool & | ^ bool stays a bool (bool's own methods); other bool arithmetic is int's.
    if a.is_bool() && b.is_bool() {
        let (x, y) = (a == Value::TRUE, b == Value::TRUE);
        match op {
            BinaryOp::And => return Some(Ok(Value::from_bool(x & y))),
            BinaryOp::Or => return Some(Ok(Value::from_bool(x | y))),
            BinaryOp::Xor => return Some(Ok(Value::from_bool(x ^ y))),
            _ => {}
        }
    }
    let na = num_of(vm, a)?;
    let nb = num_of(vm, b)?;
    Some(num_binop(vm, na, nb, op))
}

fn num_binop(vm: &mut Vm, na: Num, nb: Num, op: BinaryOp) -> PyResult {
    match (na, nb) {
        (Num::Int(x), Num::Int(y)) => int_binop(vm, x, y, op),
        (Num::Complex(..), _) | (_, Num::Complex(..)) => {
            let (ar, ai) = to_complex(vm, na)?;
            let (br, bi) = to_complex(vm, nb)?;
            crate::types::complex_ops::complex_binop(vm, (ar, ai), (br, bi), op)
        }
        _ => {
            if matches!(
                op,
                BinaryOp::LShift
                    | BinaryOp::RShift
                    | BinaryOp::And
                    | BinaryOp::Or
                    | BinaryOp::Xor
                    | BinaryOp::MatMul
            ) {
                return Ok(Value::NOT_IMPLEMENTED);
            }
            let x = to_float(vm, na)?;
            let y = to_float(vm, nb)?;
            float_binop(vm, x, y, op)
        }
    }
}

fn to_float(vm: &mut Vm, n: Num) -> PyResult<f64> {
    match n {
        Num::Int(i) => int::to_f64(vm, i),
        Num::Float(f) => Ok(f),
        Num::Complex(r, _) => Ok(r),
    }
}

fn to_complex(vm: &mut Vm, n: Num) -> PyResult<(f64, f64)> {
    match n {
        Num::Complex(r, i) => Ok((r, i)),
        other => Ok((to_float(vm, other)?, 0.0)),
    }
}

pub fn int_binop(vm: &mut Vm, x: IntRef, y: IntRef, op: BinaryOp) -> PyResult {
    Ok(match op {
        BinaryOp::Add => int::add(vm, x, y),
        BinaryOp::Sub => int::sub(vm, x, y),
        BinaryOp::Mul => int::mul(vm, x, y),
        BinaryOp::FloorDiv => int::floordiv(vm, x, y)?,
        BinaryOp::Mod => int::modulo(vm, x, y)?,
        BinaryOp::TrueDiv => {
            let f = int::truediv(vm, x, y)?;
            float::new_float(vm, f)
        }
        BinaryOp::Pow => int::pow(vm, x, y, None)?,
        BinaryOp::LShift => int::lshift(vm, x, y)?,
        BinaryOp::RShift => int::rshift(vm, x, y)?,
        BinaryOp::And => int::bitop(vm, x, y, '&'),
        BinaryOp::Or => int::bitop(vm, x, y, '|'),
        BinaryOp::Xor => int::bitop(vm, x, y, '^'),
        BinaryOp::MatMul => Value::NOT_IMPLEMENTED,
    })
}

/// Python's float floor-division and modulo (CPython's float_divmod).
pub fn float_divmod(vm: &mut Vm, x: f64, y: f64) -> PyResult<(f64, f64)> {
    if y == 0.0 {
        return Err(vm.zero_division("float divmod()"));
    }
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let fd = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    Ok((fd, m))
}

pub fn float_binop(vm: &mut Vm, x: f64, y: f64, op: BinaryOp) -> PyResult {
    let r = match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mul => x * y,
        BinaryOp::TrueDiv => {
            if y == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            x / y
        }
        BinaryOp::FloorDiv => {
            if y == 0.0 {
                return Err(vm.zero_division("float floor division by zero"));
            }
            float_divmod(vm, x, y)?.0
        }
        BinaryOp::Mod => {
            if y == 0.0 {
                return Err(vm.zero_division("float modulo"));
            }
            float_divmod(vm, x, y)?.1
        }
        BinaryOp::Pow => return float_pow(vm, x, y),
        _ => return Ok(Value::NOT_IMPLEMENTED),
    };
    Ok(float::new_float(vm, r))
}

/// `x ** y` for floats with CPython's special cases (C99 Annex F for NaN, infinities and
/// zeros; a complex result for a negative base and a non-integral exponent; OverflowError
/// when a finite computation overflows).
pub fn float_pow(vm: &mut Vm, x: f64, y: f64) -> PyResult {
    match float_pow_value(vm, x, y)? {
        Ok(f) => Ok(float::new_float(vm, f)),
        Err(c) => Ok(crate::types::complex::new_complex(vm, c.0, c.1)),
    }
}

/// `x ** y` for floats: Ok(float) or, for a negative base with a fractional exponent,
/// Err(complex result).
pub fn float_pow_value(vm: &mut Vm, x: f64, y: f64) -> PyResult<Result<f64, (f64, f64)>> {
    let odd = |w: f64| w.abs() % 2.0 == 1.0;
    if y == 0.0 {
        return Ok(Ok(1.0));
    }
    if x.is_nan() {
        return Ok(Ok(x));
    }
    if y.is_nan() {
        return Ok(Ok(if x == 1.0 { 1.0 } else { y }));
    }
    if y.is_infinite() {
        let a = x.abs();
        return Ok(Ok(if a == 1.0 {
            1.0
        } else if (y > 0.0) == (a > 1.0) {
            f64::INFINITY
        } else {
            0.0
        }));
    }
    if x.is_infinite() {
        let r = if y > 0.0 { f64::INFINITY } else { 0.0 };
        return Ok(Ok(if x < 0.0 && odd(y) { -r } else { r }));
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
        }
        return Ok(Ok(if odd(y) { x } else { 0.0 }));
    }
    let mut base = x;
    let mut negate = false;
    if x < 0.0 {
        if y != y.floor() {
            let c = crate::types::complex_ops::complex_pow(vm, (x, 0.0), (y, 0.0))?;
            return Ok(Err(c));
        }
        base = -x;
        negate = odd(y);
    }
    if base == 1.0 {
        return Ok(Ok(if negate { -1.0 } else { 1.0 }));
    }
    let r = base.powf(y);
    if r.is_infinite() {
        let code = int::from_i64(vm, 34);
        let msg = vm.new_str("Numerical result out of range");
        return Err(vm.new_exc_args(vm.exc.overflow_error, vec![code, msg]));
    }
    Ok(Ok(if negate { -r } else { r }))
}

/// Sequence operations of exact str/list/tuple/bytes (concatenation and repetition).
fn sequence_binop(vm: &mut Vm, a: Value, b: Value, op: BinaryOp) -> Option<PyResult> {
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    match op {
        BinaryOp::Add if ta == tb => {
            if ta == vm.types.str_ {
                let (x, y) = (crate::types::str::as_str(a)?, crate::types::str::as_str(b)?);
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                return Some(Ok(vm.new_string(s)));
            }
            if ta == vm.types.list {
                let mut v = a.downcast::<crate::types::list::ListObj>()?.snapshot();
                v.extend(b.downcast::<crate::types::list::ListObj>()?.snapshot());
                return Some(Ok(crate::types::list::new_list(vm, v)));
            }
            if ta == vm.types.tuple {
                let mut v = crate::types::tuple::items(a)?.to_vec();
                v.extend_from_slice(crate::types::tuple::items(b)?);
                return Some(Ok(crate::types::tuple::new_tuple(vm, v)));
            }
            None
        }
        BinaryOp::Mul => {
            let (seq, n) = if b.is_small_int() || tb == vm.types.bool_ {
                (a, b)
            } else if a.is_small_int() || ta == vm.types.bool_ {
                (b, a)
            } else {
                return None;
            };
            let ts = vm.type_of(seq);
            let n = int_ref(n)?.to_i64()?.max(0) as usize;
            // Immutable sequences repeated once are themselves (CPython returns the object).
            if n == 1 && (ts == vm.types.str_ || ts == vm.types.tuple) {
                return Some(Ok(seq));
            }
            if ts == vm.types.str_ {
                let s = crate::types::str::as_str(seq)?;
                if s.len()
                    .checked_mul(n)
                    .is_none_or(|t| t > isize::MAX as usize / 2)
                {
                    return Some(Err(vm.memory_error()));
                }
                return Some(Ok(vm.new_string(s.repeat(n))));
            }
            if ts == vm.types.list || ts == vm.types.tuple {
                let items = if let Some(l) = seq.downcast::<crate::types::list::ListObj>() {
                    l.snapshot()
                } else {
                    crate::types::tuple::items(seq)?.to_vec()
                };
                if items.len().checked_mul(n).is_none_or(|t| t > (1 << 40)) {
                    return Some(Err(vm.memory_error()));
                }
                let mut v = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    v.extend_from_slice(&items);
                }
                return Some(Ok(if ts == vm.types.list {
                    crate::types::list::new_list(vm, v)
                } else {
                    crate::types::tuple::new_tuple(vm, v)
                }));
            }
            None
        }
        _ => None,
    }
}

/// `x op y` for two small ints when the result is an int that fits an i64 and no error is
/// possible; None sends the caller to the general path (division, overflow, errors).
#[inline]
fn small_int_binop(x: i64, y: i64, op: BinaryOp) -> Option<i64> {
    use num_integer::Integer;
    // Small ints have 63 bits, so sums and differences cannot overflow an i64.
    match op {
        BinaryOp::Add => Some(x + y),
        BinaryOp::Sub => Some(x - y),
        BinaryOp::Mul => x.checked_mul(y),
        BinaryOp::FloorDiv if y != 0 => Some(Integer::div_floor(&x, &y)),
        BinaryOp::Mod if y != 0 => Some(Integer::mod_floor(&x, &y)),
        BinaryOp::And => Some(x & y),
        BinaryOp::Or => Some(x | y),
        BinaryOp::Xor => Some(x ^ y),
        BinaryOp::RShift if y >= 0 => Some(x >> y.min(63)),
        BinaryOp::LShift if (0..63).contains(&y) => {
            let r = x << y;
            (r >> y == x).then_some(r)
        }
        _ => None,
    }
}

/// `a op b` (BINARY_OP), `inplace` for the augmented forms.
/// (The eval loop calls `binary_op_numbers` and `binary_op_general_in` itself, the latter
/// from a clean position.)
pub fn binary_op(vm: &mut Vm, a: Value, b: Value, op: BinaryOp, inplace: bool) -> PyResult {
    if let Some(r) = binary_op_numbers(vm, a, b, op) {
        return r;
    }
    binary_op_general_in(vm, a, b, op, inplace, false)
}

/// `a op b` when both are builtin numbers (no Python code runs); None otherwise. Out of line:
/// the eval loop's own fast paths cover the commonest cases, and inlined here it grows them.
#[inline(never)]
pub fn binary_op_numbers(vm: &mut Vm, a: Value, b: Value, op: BinaryOp) -> Option<PyResult> {
    // Small-int fast path (the commonest case by far).
    if let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int())
        && let Some(r) = small_int_binop(x, y, op)
    {
        return Some(Ok(int::from_i64(vm, r)));
    }
    match numeric_binop(vm, a, b, op)? {
        Ok(r) if r == Value::NOT_IMPLEMENTED => None,
        r => Some(r),
    }
}

/// `binary_op` after `binary_op_numbers`: sequences, `list +=`, the special methods; from a
/// clean position when `clean` (see `ops::call::call_kw_in`; the caller keeps `a` and `b`
/// alive, as the eval loop does on its value stack), where special methods run at a clean
/// level.
pub fn binary_op_general_in(
    vm: &mut Vm,
    a: Value,
    b: Value,
    op: BinaryOp,
    inplace: bool,
    clean: bool,
) -> PyResult {
    if !inplace && let Some(r) = sequence_binop(vm, a, b, op) {
        return r;
    }
    if inplace {
        // list += iterable extends in place.
        if op == BinaryOp::Add
            && vm.type_of(a) == vm.types.list
            && let Some(l) = a.downcast::<crate::types::list::ListObj>()
        {
            let items = crate::ops::iter::collect(vm, b)?;
            l.items.borrow_mut().extend(items);
            return Ok(a);
        }
        let iname = vm.op_names.binary[op as usize][2];
        if let Some(r) = super::call_special_in(vm, a, iname, &[b], clean)?
            && r != Value::NOT_IMPLEMENTED
        {
            return Ok(r);
        }
        if let Some(r) = sequence_binop(vm, a, b, op) {
            return r;
        }
    }
    let [name, rname, _] = vm.op_names.binary[op as usize];
    match binary_dispatch_named_in(vm, a, b, name, rname, clean)? {
        Some(r) => Ok(r),
        None => Err(binop_type_error(vm, a, b, op, inplace)),
    }
}

/// CPython's binary operator protocol for the special methods `name`/`rname` (interned):
/// the right operand's reflected method first when its type is a proper subclass overriding
/// it, then `a.name(b)`, then `b.rname(a)`. None when every candidate is missing or returns
/// NotImplemented (the caller raises its TypeError).
pub fn binary_dispatch_named(
    vm: &mut Vm,
    a: Value,
    b: Value,
    name: Value,
    rname: Value,
) -> PyResult<Option<Value>> {
    binary_dispatch_named_in(vm, a, b, name, rname, false)
}

/// `binary_dispatch_named`, from a clean position when `clean` (the caller keeps `a` and
/// `b` alive): the special methods run at a clean level. What is looked up here is only
/// compared after the first call, never dereferenced (a method may reassign `__class__`
/// and so free the old type).
pub fn binary_dispatch_named_in(
    vm: &mut Vm,
    a: Value,
    b: Value,
    name: Value,
    rname: Value,
    clean: bool,
) -> PyResult<Option<Value>> {
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let fa = typeobj::lookup(vm, ta, name);
    let fb = if ta != tb {
        typeobj::lookup(vm, tb, rname)
    } else {
        Value::NULL
    };
    let mut did_b = false;
    if !fb.is_null() && typeobj::is_subtype(tb, ta) && ta != tb {
        let base_r = typeobj::lookup(vm, ta, rname);
        if fb != base_r {
            did_b = true;
            if let Some(r) = super::call_special_in(vm, b, rname, &[a], clean)?
                && r != Value::NOT_IMPLEMENTED
            {
                return Ok(Some(r));
            }
        }
    }
    if !fa.is_null() {
        let entered_clean = vm.enter_native_if(clean)?;
        let r = super::call_special_in(vm, a, name, &[b], entered_clean);
        vm.leave_native_clean(entered_clean);
        if let Some(r) = r?
            && r != Value::NOT_IMPLEMENTED
        {
            return Ok(Some(r));
        }
    }
    if !fb.is_null()
        && !did_b
        && let Some(r) = super::call_special_in(vm, b, rname, &[a], clean)?
        && r != Value::NOT_IMPLEMENTED
    {
        return Ok(Some(r));
    }
    Ok(None)
}

fn binop_type_error(
    vm: &mut Vm,
    a: Value,
    b: Value,
    op: BinaryOp,
    inplace: bool,
) -> crate::vm::Exc {
    let ta = vm.type_of(a);
    let (na, nb) = (vm.type_name(a), vm.type_name(b));
    if op == BinaryOp::Add
        && (ta == vm.types.str_
            || ta == vm.types.list
            || ta == vm.types.tuple
            || ta == vm.types.bytes)
    {
        let what = if ta == vm.types.str_ { "str" } else { &na };
        return vm.type_error(format!(
            "can only concatenate {what} (not \"{nb}\") to {what}"
        ));
    }
    if op == BinaryOp::Mul {
        let is_seq = |t: Value| {
            t == vm.types.str_ || t == vm.types.list || t == vm.types.tuple || t == vm.types.bytes
        };
        let tb = vm.type_of(b);
        if is_seq(ta) || is_seq(tb) {
            let other = if is_seq(ta) { nb } else { na };
            return vm.type_error(format!(
                "can't multiply sequence by non-int of type '{other}'"
            ));
        }
    }
    let sym = if inplace {
        format!("{}=", op.symbol())
    } else {
        op.symbol().to_string()
    };
    let sym = if op == BinaryOp::Pow {
        if inplace {
            "**=".to_string()
        } else {
            "** or pow()".to_string()
        }
    } else {
        sym
    };
    vm.type_error(format!(
        "unsupported operand type(s) for {sym}: '{na}' and '{nb}'"
    ))
}

pub fn neg(vm: &mut Vm, a: Value) -> PyResult {
    unary_op_in(vm, a, Unary::Neg, false)
}

pub fn pos(vm: &mut Vm, a: Value) -> PyResult {
    unary_op_in(vm, a, Unary::Pos, false)
}

pub fn invert(vm: &mut Vm, a: Value) -> PyResult {
    unary_op_in(vm, a, Unary::Invert, false)
}

/// A unary operator: `-a`, `+a`, `~a`.
#[derive(Clone, Copy)]
pub enum Unary {
    Neg,
    Pos,
    Invert,
}

/// The unary operator on a builtin number, without a call.
fn unary_builtin(vm: &mut Vm, a: Value, op: Unary) -> Option<Value> {
    if let (Unary::Neg, Some(i)) = (op, a.as_small_int()) {
        return Some(int::from_i64(vm, -i));
    }
    Some(match (op, num_of(vm, a)?) {
        (Unary::Neg, Num::Int(i)) => int::neg(vm, i),
        (Unary::Neg, Num::Float(f)) => float::new_float(vm, -f),
        (Unary::Neg, Num::Complex(r, i)) => crate::types::complex::new_complex(vm, -r, -i),
        (Unary::Pos, Num::Int(i)) => int::add(vm, i, IntRef::Small(0)),
        (Unary::Pos, Num::Float(_) | Num::Complex(..)) => a,
        (Unary::Invert, Num::Int(i)) => int::invert(vm, i),
        (Unary::Invert, Num::Float(_) | Num::Complex(..)) => return None,
    })
}

/// `-a`, `+a` or `~a`, from a clean position when `clean` (see `ops::call::call_kw_in`): the
/// special method then runs at a clean level.
pub fn unary_op_in(vm: &mut Vm, a: Value, op: Unary, clean: bool) -> PyResult {
    if let Some(r) = unary_builtin(vm, a, op) {
        return Ok(r);
    }
    let (name, what) = match op {
        Unary::Neg => (vm.names.neg, "unary -"),
        Unary::Pos => (vm.names.pos, "unary +"),
        Unary::Invert => (vm.names.invert, "unary ~"),
    };
    match super::call_special_in(vm, a, name, &[], clean)? {
        Some(r) => Ok(r),
        None => Err(vm.type_error(format!(
            "bad operand type for {what}: '{}'",
            vm.type_name(a)
        ))),
    }
}

/// `operator.index(v)`: an int via `__index__`.
pub fn index(vm: &mut Vm, v: Value) -> PyResult {
    if int::is_int(v) {
        return Ok(v);
    }
    match super::call_special(vm, v, vm.names.index, &[])? {
        Some(r) if int::is_int(r) => Ok(r),
        Some(r) => Err(vm.type_error(format!(
            "__index__ returned non-int (type {})",
            vm.type_name(r)
        ))),
        None => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

/// `__index__` as i64, saturating huge values (slice bounds, as CPython's clamping).
pub fn index_clamped(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i);
    }
    let r = index_or_slice_error(vm, v)?;
    Ok(match int_ref(r) {
        Some(IntRef::Small(i)) => i,
        Some(IntRef::Big(b)) => {
            if int::sign(IntRef::Big(b)) == num_bigint::Sign::Minus {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }
        }
        None => 0,
    })
}

fn index_or_slice_error(vm: &mut Vm, v: Value) -> PyResult {
    if int::is_int(v) {
        return Ok(v);
    }
    if super::has_special(vm, v, vm.names.index) {
        return index(vm, v);
    }
    Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
}

/// `__index__` as i64, OverflowError when it does not fit.
pub fn index_i64(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i);
    }
    let r = index(vm, v)?;
    match int_ref(r).and_then(|i| i.to_i64()) {
        Some(i) => Ok(i),
        None => Err(vm.new_exc(
            vm.exc.index_error,
            format!(
                "cannot fit '{}' into an index-sized integer",
                vm.type_name(v)
            ),
        )),
    }
}

/// Validates what `__len__` returned.
pub fn len_result(vm: &mut Vm, r: Value) -> PyResult<i64> {
    let r = if int::is_int(r) {
        r
    } else {
        return Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(r)
        )));
    };
    // The sign first, as CPython's `slot_sq_length`: a huge negative length is a ValueError.
    if int_ref(r).is_some_and(|i| i.is_negative()) {
        return Err(vm.value_error("__len__() should return >= 0"));
    }
    match int_ref(r).and_then(|i| i.to_i64()) {
        Some(n) => Ok(n),
        None => Err(vm.overflow_error("cannot fit 'int' into an index-sized integer")),
    }
}

/// `float(x)` value for numbers (int, float, `__float__`, `__index__`).
pub fn to_f64(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(f) = float::as_f64(v) {
        return Ok(f);
    }
    if let Some(i) = int_ref(v) {
        return int::to_f64(vm, i);
    }
    if let Some(r) = super::call_special(vm, v, vm.names.float_, &[])? {
        return match float::as_f64(r) {
            Some(f) => Ok(f),
            None => Err(vm.type_error(format!(
                "{}.__float__ returned non-float (type {})",
                vm.type_name(v),
                vm.type_name(r)
            ))),
        };
    }
    if super::has_special(vm, v, vm.names.index) {
        let i = index(vm, v)?;
        return to_f64(vm, i);
    }
    Err(vm.type_error(format!("must be real number, not {}", vm.type_name(v))))
}
