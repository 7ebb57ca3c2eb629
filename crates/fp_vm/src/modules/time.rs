//! The `time` native module: clocks (`time`, `monotonic`, `perf_counter`, `process_time`,
//! `thread_time` and their `_ns` forms, `clock_gettime`), `sleep`, `struct_time` with
//! `gmtime`/`localtime`/`mktime`, `strftime`/`asctime`/`ctime`, the time-zone constants and
//! `get_clock_info`. `strptime` delegates to the pure-Python `_strptime`, as CPython does.

use crate::native;
use crate::native::NativeDef;
use crate::types::module::set_attr;
use crate::types::structseq;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::ffi::{CStr, CString};

unsafe extern "C" {
    /// POSIX `tzset` (not bound by the `libc` crate).
    fn tzset();
}

pub fn init(vm: &mut Vm) -> PyResult {
    let m = crate::modules::module_with_functions(vm, "time", FUNCS);
    let st = structseq::new_type_ex(
        vm,
        "time",
        "struct_time",
        &[
            "tm_year",
            "tm_mon",
            "tm_mday",
            "tm_hour",
            "tm_min",
            "tm_sec",
            "tm_wday",
            "tm_yday",
            "tm_isdst",
            "tm_zone",
            "tm_gmtoff",
        ],
        9,
    );
    vm.state_set("time.struct_time", st);
    set_attr(vm, m, "struct_time", st);
    for (name, v) in [
        ("CLOCK_REALTIME", libc::CLOCK_REALTIME),
        ("CLOCK_MONOTONIC", libc::CLOCK_MONOTONIC),
        ("CLOCK_MONOTONIC_RAW", libc::CLOCK_MONOTONIC_RAW),
        ("CLOCK_PROCESS_CPUTIME_ID", libc::CLOCK_PROCESS_CPUTIME_ID),
        ("CLOCK_THREAD_CPUTIME_ID", libc::CLOCK_THREAD_CPUTIME_ID),
        ("CLOCK_BOOTTIME", libc::CLOCK_BOOTTIME),
        ("CLOCK_TAI", libc::CLOCK_TAI),
    ] {
        let v = crate::types::int::from_i64(vm, v as i64);
        set_attr(vm, m, name, v);
    }
    // SAFETY: tzset reads TZ and initialises the C library's zone state.
    unsafe { tzset() };
    init_timezone(vm, m)?;
    Ok(m)
}

/// `timezone`, `altzone`, `daylight`, `tzname` from the zone in effect in January and July
/// of this year (CPython's method on glibc).
fn init_timezone(vm: &mut Vm, m: Value) -> PyResult<()> {
    const YEAR: i64 = (365 * 24 + 6) * 3600;
    let now = now_realtime().0;
    let t = (now / YEAR) * YEAR;
    let (jan_off, jan_name) = zone_at(t);
    let (jul_off, jul_name) = zone_at(t + YEAR / 2);
    let (jan, jul) = (-jan_off, -jul_off);
    let (tz, alt, names) = if jan < jul {
        (jul, jan, (jul_name, jan_name))
    } else {
        (jan, jul, (jan_name, jul_name))
    };
    let tzv = crate::types::int::from_i64(vm, tz);
    set_attr(vm, m, "timezone", tzv);
    let altv = crate::types::int::from_i64(vm, alt);
    set_attr(vm, m, "altzone", altv);
    let dl = crate::types::int::from_i64(vm, (jan != jul) as i64);
    set_attr(vm, m, "daylight", dl);
    let a = vm.new_string(names.0);
    let b = vm.new_string(names.1);
    let tn = crate::types::tuple::new_tuple(vm, vec![a, b]);
    set_attr(vm, m, "tzname", tn);
    Ok(())
}

fn zone_at(t: i64) -> (i64, String) {
    // SAFETY: tm is plain data.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: valid in/out pointers.
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        return (0, "UTC".into());
    }
    (tm.tm_gmtoff, zone_name(&tm))
}

fn zone_name(tm: &libc::tm) -> String {
    if tm.tm_zone.is_null() {
        return String::new();
    }
    // SAFETY: a non-NULL tm_zone set by the C library points at a NUL-terminated string.
    unsafe { CStr::from_ptr(tm.tm_zone) }
        .to_string_lossy()
        .into_owned()
}

// ----- clocks -----

fn clock(id: libc::clockid_t) -> (i64, i64) {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-pointer.
    unsafe { libc::clock_gettime(id, &mut ts) };
    (ts.tv_sec, ts.tv_nsec)
}

fn now_realtime() -> (i64, i64) {
    clock(libc::CLOCK_REALTIME)
}

fn secs(vm: &mut Vm, t: (i64, i64)) -> Value {
    crate::types::float::new_float(vm, t.0 as f64 + t.1 as f64 * 1e-9)
}

fn nanos(vm: &mut Vm, t: (i64, i64)) -> Value {
    crate::types::int::from_i128(vm, t.0 as i128 * 1_000_000_000 + t.1 as i128)
}

fn time_time(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(secs(vm, now_realtime()))
}
fn time_time_ns(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(nanos(vm, now_realtime()))
}
fn monotonic(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(secs(vm, clock(libc::CLOCK_MONOTONIC)))
}
fn monotonic_ns(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(nanos(vm, clock(libc::CLOCK_MONOTONIC)))
}
fn process_time(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(secs(vm, clock(libc::CLOCK_PROCESS_CPUTIME_ID)))
}
fn process_time_ns(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(nanos(vm, clock(libc::CLOCK_PROCESS_CPUTIME_ID)))
}
fn thread_time(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(secs(vm, clock(libc::CLOCK_THREAD_CPUTIME_ID)))
}
fn thread_time_ns(vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(nanos(vm, clock(libc::CLOCK_THREAD_CPUTIME_ID)))
}

fn clk_id(vm: &mut Vm, v: Value) -> PyResult<libc::clockid_t> {
    crate::modules::posix::util::c_int(vm, v)
}

fn checked_clock(vm: &mut Vm, id: libc::clockid_t, res: bool) -> PyResult<(i64, i64)> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid out-pointer.
    let r = unsafe {
        if res {
            libc::clock_getres(id, &mut ts)
        } else {
            libc::clock_gettime(id, &mut ts)
        }
    };
    if r != 0 {
        return Err(crate::modules::posix::util::last_error(vm));
    }
    Ok((ts.tv_sec, ts.tv_nsec))
}

fn clock_gettime(vm: &mut Vm, a: &[Value]) -> PyResult {
    let id = clk_id(vm, a[1])?;
    let t = checked_clock(vm, id, false)?;
    Ok(secs(vm, t))
}
fn clock_gettime_ns(vm: &mut Vm, a: &[Value]) -> PyResult {
    let id = clk_id(vm, a[1])?;
    let t = checked_clock(vm, id, false)?;
    Ok(nanos(vm, t))
}
fn clock_getres(vm: &mut Vm, a: &[Value]) -> PyResult {
    let id = clk_id(vm, a[1])?;
    let t = checked_clock(vm, id, true)?;
    Ok(secs(vm, t))
}

/// `get_clock_info(name)`: a namespace with implementation, monotonic, adjustable, resolution.
fn get_clock_info(vm: &mut Vm, a: &[Value]) -> PyResult {
    let name = match crate::types::str::as_str(a[1]) {
        Some(s) => s.to_string(),
        None => {
            return Err(vm.type_error(format!(
                "get_clock_info() argument 1 must be str, not {}",
                vm.type_name(a[1])
            )));
        }
    };
    let (imp, id, mono, adj) = match name.as_str() {
        "time" => (
            "clock_gettime(CLOCK_REALTIME)",
            libc::CLOCK_REALTIME,
            false,
            true,
        ),
        "monotonic" | "perf_counter" => (
            "clock_gettime(CLOCK_MONOTONIC)",
            libc::CLOCK_MONOTONIC,
            true,
            false,
        ),
        "process_time" => (
            "clock_gettime(CLOCK_PROCESS_CPUTIME_ID)",
            libc::CLOCK_PROCESS_CPUTIME_ID,
            true,
            false,
        ),
        "thread_time" => (
            "clock_gettime(CLOCK_THREAD_CPUTIME_ID)",
            libc::CLOCK_THREAD_CPUTIME_ID,
            true,
            false,
        ),
        _ => return Err(vm.value_error("unknown clock")),
    };
    let (s, ns) = checked_clock(vm, id, true)?;
    let ns_obj = crate::heap::alloc(vm.types.simple_namespace, ());
    let vals = [
        ("implementation", vm.new_str(imp)),
        ("monotonic", Value::from_bool(mono)),
        ("adjustable", Value::from_bool(adj)),
        (
            "resolution",
            crate::types::float::new_float(vm, s as f64 + ns as f64 * 1e-9),
        ),
    ];
    for (k, v) in vals {
        let k = vm.intern(k);
        crate::types::instance::set(vm, ns_obj, k, v);
    }
    Ok(ns_obj)
}

/// `sleep(secs)`: sleeps the whole duration, resuming after signals (PEP 475) unless a
/// KeyboardInterrupt is pending.
/// Audited (`gc_clean`): it holds no object while it sleeps with the GIL released, so other
/// threads may collect meanwhile.
fn sleep(vm: &mut Vm, a: &[Value]) -> PyResult {
    vm.take_clean_entry();
    let v = a[1];
    let total_ns: i128 = if let Some(f) = crate::types::float::as_f64(v)
        && !crate::types::int::is_int(v)
    {
        if f.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        if f < 0.0 {
            return Err(vm.value_error("sleep length must be non-negative"));
        }
        if f * 1e9 > i64::MAX as f64 {
            return Err(vm.overflow_error("timestamp out of range for platform time_t"));
        }
        (f * 1e9).ceil() as i128
    } else {
        let i = crate::ops::number::index(vm, v)?;
        let b = crate::types::int::int_ref(i)
            .map(|r| r.to_bigint())
            .unwrap_or_default();
        let s = num_traits::ToPrimitive::to_i64(&b)
            .filter(|s| s.unsigned_abs() < (i64::MAX as u64) / 1_000_000_000)
            .ok_or_else(|| vm.overflow_error("timestamp too large to convert to C _PyTime_t"))?;
        if s < 0 {
            return Err(vm.value_error("sleep length must be non-negative"));
        }
        s as i128 * 1_000_000_000
    };
    let start = clock(libc::CLOCK_MONOTONIC);
    let deadline = start.0 as i128 * 1_000_000_000 + start.1 as i128 + total_ns;
    // Sleep in slices: SIGINT may be delivered to another thread than this one, so the
    // pending flag is polled instead of relying on EINTR alone.
    const SLICE_NS: i128 = 50_000_000;
    loop {
        let now = clock(libc::CLOCK_MONOTONIC);
        let now_ns = now.0 as i128 * 1_000_000_000 + now.1 as i128;
        if now_ns >= deadline {
            return Ok(Value::NONE);
        }
        let until = deadline.min(now_ns + SLICE_NS);
        let ts = libc::timespec {
            tv_sec: (until / 1_000_000_000) as i64,
            tv_nsec: (until % 1_000_000_000) as i64,
        };
        // SAFETY: `ts` is a valid absolute deadline; no remaining-time output is needed.
        let r = vm.allow_threads(|| unsafe {
            libc::clock_nanosleep(
                libc::CLOCK_MONOTONIC,
                libc::TIMER_ABSTIME,
                &ts,
                std::ptr::null_mut(),
            )
        });
        if r != 0 && r != libc::EINTR {
            return Err(crate::modules::posix::util::error_from(vm, r, None, None));
        }
        crate::modules::posix::util::check_interrupt(vm)?;
    }
}

// ----- struct_time conversions -----

/// A timestamp argument as `time_t`, rounding floats toward minus infinity; None means now.
fn to_time_t(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if v.is_null() || v.is_none() {
        return Ok(now_realtime().0);
    }
    if let Some(f) = crate::types::float::as_f64(v)
        && !crate::types::int::is_int(v)
    {
        if f.is_nan() {
            return Err(vm.value_error("Invalid value NaN (not a number)"));
        }
        let fl = f.floor();
        if !(-9.223372036854776e18..9.223372036854776e18).contains(&fl) {
            return Err(vm.overflow_error("timestamp out of range for platform time_t"));
        }
        return Ok(fl as i64);
    }
    let i = crate::ops::number::index(vm, v)?;
    match crate::types::int::int_ref(i).and_then(|r| r.to_i64()) {
        Some(x) => Ok(x),
        None => Err(vm.overflow_error("timestamp out of range for platform time_t")),
    }
}

fn tm_to_struct(vm: &mut Vm, tm: &libc::tm) -> Value {
    let ty = vm.state_get("time.struct_time").unwrap_or(vm.types.tuple);
    let ints = [
        tm.tm_year as i64 + 1900,
        tm.tm_mon as i64 + 1,
        tm.tm_mday as i64,
        tm.tm_hour as i64,
        tm.tm_min as i64,
        tm.tm_sec as i64,
        (tm.tm_wday as i64 + 6) % 7,
        tm.tm_yday as i64 + 1,
        tm.tm_isdst as i64,
    ];
    let mut vals: Vec<Value> = ints
        .iter()
        .map(|i| crate::types::int::from_i64(vm, *i))
        .collect();
    let z = zone_name(tm);
    vals.push(vm.new_string(z));
    vals.push(crate::types::int::from_i64(vm, tm.tm_gmtoff));
    structseq::new_ex(vm, ty, vals)
}

fn convert_time(vm: &mut Vm, v: Value, local: bool) -> PyResult {
    let t = to_time_t(vm, v)?;
    // SAFETY: tm is plain data.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: valid in/out pointers.
    let r = unsafe {
        if local {
            libc::localtime_r(&t, &mut tm)
        } else {
            libc::gmtime_r(&t, &mut tm)
        }
    };
    if r.is_null() {
        let e = crate::modules::posix::util::errno();
        let e = if e == 0 { libc::EINVAL } else { e };
        return Err(crate::modules::posix::util::error_from(vm, e, None, None));
    }
    Ok(tm_to_struct(vm, &tm))
}

fn gmtime(vm: &mut Vm, a: &[Value]) -> PyResult {
    convert_time(vm, a[1], false)
}

fn localtime(vm: &mut Vm, a: &[Value]) -> PyResult {
    convert_time(vm, a[1], true)
}

/// A time tuple (or struct_time) as a C `tm`, as CPython's `gettmarg`; the zone name is
/// returned separately so the `tm` can point at it.
fn gettmarg(vm: &mut Vm, v: Value, func: &str) -> PyResult<(libc::tm, Option<CString>)> {
    let Some(items) = crate::types::tuple::items(v) else {
        return Err(vm.type_error("Tuple or struct_time argument required"));
    };
    let items = items.to_vec();
    if items.len() != 9 {
        return Err(vm.type_error(format!("{func}(): illegal time tuple argument")));
    }
    let mut f = [0i32; 9];
    for (i, it) in items.iter().enumerate() {
        if crate::types::float::as_f64(*it).is_some() && !crate::types::int::is_int(*it) {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                vm.type_name(*it)
            )));
        }
        let x = crate::ops::number::index(vm, *it)?;
        let r = crate::types::int::int_ref(x);
        f[i] = match r.and_then(|r| r.to_i64()) {
            Some(n) if n > i32::MAX as i64 => {
                return Err(vm.overflow_error("signed integer is greater than maximum"));
            }
            Some(n) if n < i32::MIN as i64 => {
                return Err(vm.overflow_error("signed integer is less than minimum"));
            }
            Some(n) => n as i32,
            None if r.is_some_and(|r| r.is_negative()) => {
                return Err(vm.overflow_error("signed integer is less than minimum"));
            }
            None => return Err(vm.overflow_error("signed integer is greater than maximum")),
        };
    }
    // SAFETY: tm is plain data.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = f[0].wrapping_sub(1900);
    tm.tm_mon = f[1].wrapping_sub(1);
    tm.tm_mday = f[2];
    tm.tm_hour = f[3];
    tm.tm_min = f[4];
    tm.tm_sec = f[5];
    tm.tm_wday = (f[6].wrapping_add(1)) % 7;
    tm.tm_yday = f[7].wrapping_sub(1);
    tm.tm_isdst = f[8];
    let mut zone = None;
    let st = vm.state_get("time.struct_time");
    if st == Some(vm.type_of(v)) {
        let zk = vm.intern("tm_zone");
        if let Some(z) = crate::types::instance::get(v, zk)
            && !z.is_none()
        {
            match crate::types::str::as_str(z) {
                Some(s) => zone = CString::new(s).ok(),
                None => return Err(vm.type_error("bad argument type for built-in operation")),
            }
        }
        let gk = vm.intern("tm_gmtoff");
        if let Some(g) = crate::types::instance::get(v, gk)
            && !g.is_none()
        {
            tm.tm_gmtoff = crate::modules::posix::util::c_i64(vm, g)?;
        }
    }
    Ok((tm, zone))
}

/// Range checks on a converted tuple (CPython's `checktm`), normalising the zero defaults.
fn checktm(vm: &mut Vm, tm: &mut libc::tm) -> PyResult<()> {
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    } else if !(0..=11).contains(&tm.tm_mon) {
        return Err(vm.value_error("month out of range"));
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    } else if !(0..=31).contains(&tm.tm_mday) {
        return Err(vm.value_error("day of month out of range"));
    }
    if !(0..=23).contains(&tm.tm_hour) {
        return Err(vm.value_error("hour out of range"));
    }
    if !(0..=59).contains(&tm.tm_min) {
        return Err(vm.value_error("minute out of range"));
    }
    if !(0..=61).contains(&tm.tm_sec) {
        return Err(vm.value_error("seconds out of range"));
    }
    if tm.tm_wday < 0 {
        return Err(vm.value_error("day of week out of range"));
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    } else if !(0..=365).contains(&tm.tm_yday) {
        return Err(vm.value_error("day of year out of range"));
    }
    Ok(())
}

/// The current local time as a `tm`.
fn local_now() -> libc::tm {
    let t = now_realtime().0;
    // SAFETY: tm is plain data.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: valid in/out pointers.
    unsafe { libc::localtime_r(&t, &mut tm) };
    tm
}

fn strftime(vm: &mut Vm, a: &[Value]) -> PyResult {
    let Some(fmt) = crate::types::str::as_str(a[1]) else {
        return Err(vm.type_error(format!(
            "strftime() argument 1 must be str, not {}",
            vm.type_name(a[1])
        )));
    };
    let fmt = fmt.to_string();
    let (mut tm, zone) = if a[2].is_null() {
        (local_now(), None)
    } else {
        gettmarg(vm, a[2], "strftime")?
    };
    checktm(vm, &mut tm)?;
    tm.tm_isdst = tm.tm_isdst.clamp(-1, 1);
    if let Some(z) = &zone {
        tm.tm_zone = z.as_ptr();
    }
    let Ok(cfmt) = CString::new(fmt.as_bytes()) else {
        return Err(vm.value_error("embedded null character"));
    };
    if fmt.is_empty() {
        return Ok(vm.new_str(""));
    }
    // As CPython: grow the buffer until the result fits (an empty result may be genuine).
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: `buf` is writable for `size` bytes; `cfmt` and `tm` (and the zone string it
        // may point at) are alive.
        let n = unsafe {
            libc::strftime(
                buf.as_mut_ptr() as *mut libc::c_char,
                size,
                cfmt.as_ptr(),
                &tm,
            )
        };
        if n > 0 || size >= 256 * fmt.len() {
            buf.truncate(n);
            let s = String::from_utf8_lossy(&buf).into_owned();
            return Ok(vm.new_string(s));
        }
        size *= 2;
    }
}

fn strptime(vm: &mut Vm, a: &[Value]) -> PyResult {
    let m = crate::modules::import_module(vm, "_strptime")?;
    let f = crate::ops::attr::getattr_str(vm, m, "_strptime_time")?;
    let mut args = vec![a[1]];
    if !a[2].is_null() {
        args.push(a[2]);
    }
    crate::ops::call::call(vm, f, &args)
}

const WDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn format_asctime(tm: &libc::tm) -> String {
    let wd = WDAYS.get(tm.tm_wday as usize).copied().unwrap_or("???");
    let mo = MONTHS.get(tm.tm_mon as usize).copied().unwrap_or("???");
    format!(
        "{wd} {mo}{:3} {:02}:{:02}:{:02} {}",
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year as i64 + 1900
    )
}

fn asctime(vm: &mut Vm, a: &[Value]) -> PyResult {
    let mut tm = if a[1].is_null() {
        local_now()
    } else {
        gettmarg(vm, a[1], "asctime")?.0
    };
    checktm(vm, &mut tm)?;
    Ok(vm.new_string(format_asctime(&tm)))
}

fn ctime(vm: &mut Vm, a: &[Value]) -> PyResult {
    let t = to_time_t(vm, a[1])?;
    // SAFETY: tm is plain data.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    // SAFETY: valid in/out pointers.
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        let e = crate::modules::posix::util::errno();
        return Err(crate::modules::posix::util::error_from(vm, e, None, None));
    }
    Ok(vm.new_string(format_asctime(&tm)))
}

fn mktime(vm: &mut Vm, a: &[Value]) -> PyResult {
    let (mut tm, _zone) = gettmarg(vm, a[1], "mktime")?;
    tm.tm_wday = -1; // sentinel: mktime sets it on success
    // SAFETY: `tm` is a valid in/out pointer.
    let t = unsafe { libc::mktime(&mut tm) };
    if t == -1 && tm.tm_wday == -1 {
        return Err(vm.overflow_error("mktime argument out of range"));
    }
    Ok(crate::types::float::new_float(vm, t as f64))
}

fn time_tzset(vm: &mut Vm, _a: &[Value]) -> PyResult {
    // SAFETY: re-reads TZ.
    unsafe { tzset() };
    let m = crate::modules::import_module(vm, "time")?;
    init_timezone(vm, m)?;
    Ok(Value::NONE)
}

static FUNCS: &[NativeDef] = &[
    native!(
        "time",
        "($module, /)",
        time_time,
        "time() -> floating point number\n\nReturn the current time in seconds since the Epoch.\nFractions of a second may be present if the system clock provides them."
    ),
    native!(
        "time_ns",
        "($module, /)",
        time_time_ns,
        "time_ns() -> int\n\nReturn the current time in nanoseconds since the Epoch."
    ),
    native!(
        "monotonic",
        "($module, /)",
        monotonic,
        "monotonic() -> float\n\nMonotonic clock, cannot go backward."
    ),
    native!(
        "monotonic_ns",
        "($module, /)",
        monotonic_ns,
        "monotonic_ns() -> int\n\nMonotonic clock, cannot go backward, as nanoseconds."
    ),
    native!(
        "perf_counter",
        "($module, /)",
        monotonic,
        "perf_counter() -> float\n\nPerformance counter for benchmarking."
    ),
    native!(
        "perf_counter_ns",
        "($module, /)",
        monotonic_ns,
        "perf_counter_ns() -> int\n\nPerformance counter for benchmarking as nanoseconds."
    ),
    native!(
        "process_time",
        "($module, /)",
        process_time,
        "process_time() -> float\n\nProcess time for profiling: sum of the kernel and user-space CPU time."
    ),
    native!(
        "process_time_ns",
        "($module, /)",
        process_time_ns,
        "process_time() -> int\n\nProcess time for profiling as nanoseconds:\nsum of the kernel and user-space CPU time."
    ),
    native!(
        "thread_time",
        "($module, /)",
        thread_time,
        "thread_time() -> float\n\nThread time for profiling: sum of the kernel and user-space CPU time."
    ),
    native!(
        "thread_time_ns",
        "($module, /)",
        thread_time_ns,
        "thread_time() -> int\n\nThread time for profiling as nanoseconds:\nsum of the kernel and user-space CPU time."
    ),
    native!(
        "clock_gettime",
        "($module, clk_id, /)",
        clock_gettime,
        "clock_gettime(clk_id) -> float\n\nReturn the time of the specified clock clk_id."
    ),
    native!(
        "clock_gettime_ns",
        "($module, clk_id, /)",
        clock_gettime_ns,
        "clock_gettime_ns(clk_id) -> int\n\nReturn the time of the specified clock clk_id as nanoseconds."
    ),
    native!(
        "clock_getres",
        "($module, clk_id, /)",
        clock_getres,
        "clock_getres(clk_id) -> floating point number\n\nReturn the resolution (precision) of the specified clock clk_id."
    ),
    native!(
        "get_clock_info",
        "($module, name, /)",
        get_clock_info,
        "get_clock_info(name: str) -> dict\n\nGet information of the specified clock."
    ),
    native!(
        "sleep",
        "($module, secs, /)",
        sleep,
        "sleep(seconds)\n\nDelay execution for a given number of seconds.  The argument may be\na floating point number for subsecond precision."
    )
    .gc_clean(),
    native!(
        "gmtime",
        "($module, seconds=None, /)",
        gmtime,
        "gmtime([seconds]) -> (tm_year, tm_mon, tm_mday, tm_hour, tm_min,\n                       tm_sec, tm_wday, tm_yday, tm_isdst)\n\nConvert seconds since the Epoch to a time tuple expressing UTC (a.k.a.\nGMT).  When 'seconds' is not passed in, convert the current time instead.\n\nIf the platform supports the tm_gmtoff and tm_zone, they are available as\nattributes only."
    ),
    native!(
        "localtime",
        "($module, seconds=None, /)",
        localtime,
        "localtime([seconds]) -> (tm_year,tm_mon,tm_mday,tm_hour,tm_min,\n                          tm_sec,tm_wday,tm_yday,tm_isdst)\n\nConvert seconds since the Epoch to a time tuple expressing local time.\nWhen 'seconds' is not passed in, convert the current time instead."
    ),
    native!(
        "mktime",
        "($module, time_tuple, /)",
        mktime,
        "mktime(tuple) -> floating point number\n\nConvert a time tuple in local time to seconds since the Epoch.\nNote that mktime(gmtime(0)) will not generally return zero for most\ntime zones; instead the returned value will either be equal to that\nof the timezone or altzone attributes on the time module."
    ),
    native!(
        "strftime",
        "($module, format, time_tuple=<unrepresentable>, /)",
        strftime,
        "strftime(format[, tuple]) -> string\n\nConvert a time tuple to a string according to a format specification.\nSee the library reference manual for formatting codes. When the time tuple\nis not present, current time as returned by localtime() is used.\n\nCommonly used format codes:\n\n%Y  Year with century as a decimal number.\n%m  Month as a decimal number [01,12].\n%d  Day of the month as a decimal number [01,31].\n%H  Hour (24-hour clock) as a decimal number [00,23].\n%M  Minute as a decimal number [00,59].\n%S  Second as a decimal number [00,61].\n%z  Time zone offset from UTC.\n%a  Locale's abbreviated weekday name.\n%A  Locale's full weekday name.\n%b  Locale's abbreviated month name.\n%B  Locale's full month name.\n%c  Locale's appropriate date and time representation.\n%I  Hour (12-hour clock) as a decimal number [01,12].\n%p  Locale's equivalent of either AM or PM.\n\nOther codes may be available on your platform.  See documentation for\nthe C library strftime function.\n"
    ),
    native!(
        "strptime",
        "($module, string, format=<unrepresentable>, /)",
        strptime,
        "strptime(string, format) -> struct_time\n\nParse a string to a time tuple according to a format specification.\nSee the library reference manual for formatting codes (same as\nstrftime()).\n\nCommonly used format codes:\n\n%Y  Year with century as a decimal number.\n%m  Month as a decimal number [01,12].\n%d  Day of the month as a decimal number [01,31].\n%H  Hour (24-hour clock) as a decimal number [00,23].\n%M  Minute as a decimal number [00,59].\n%S  Second as a decimal number [00,61].\n%z  Time zone offset from UTC.\n%a  Locale's abbreviated weekday name.\n%A  Locale's full weekday name.\n%b  Locale's abbreviated month name.\n%B  Locale's full month name.\n%c  Locale's appropriate date and time representation.\n%I  Hour (12-hour clock) as a decimal number [01,12].\n%p  Locale's equivalent of either AM or PM.\n\nOther codes may be available on your platform.  See documentation for\nthe C library strftime function.\n"
    ),
    native!(
        "asctime",
        "($module, time_tuple=<unrepresentable>, /)",
        asctime,
        "asctime([tuple]) -> string\n\nConvert a time tuple to a string, e.g. 'Sat Jun 06 16:26:11 1998'.\nWhen the time tuple is not present, current time as returned by localtime()\nis used."
    ),
    native!(
        "ctime",
        "($module, seconds=None, /)",
        ctime,
        "ctime(seconds) -> string\n\nConvert a time in seconds since the Epoch to a string in local time.\nThis is equivalent to asctime(localtime(seconds)). When the time tuple is\nnot present, current time as returned by localtime() is used."
    ),
    native!(
        "tzset",
        "($module, /)",
        time_tzset,
        "tzset()\n\nInitialize, or reinitialize, the local timezone to the value stored in\nos.environ['TZ']. The TZ environment variable should be specified in\nstandard Unix timezone format as documented in the tzset man page\n(eg. 'US/Eastern', 'Europe/Amsterdam'). Unknown timezones will silently\nfall back to UTC. If the TZ environment variable is not set, the local\ntimezone is set to the systems best guess of wallclock time.\nChanging the TZ environment variable without calling tzset *may* change\nthe local timezone used by methods such as localtime, but this behaviour\nshould not be relied on."
    ),
];
