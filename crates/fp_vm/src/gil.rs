//! Threads: the global interpreter lock (GIL) and the per-thread part of the interpreter.
//!
//! Python threads are OS threads that take turns running Python code, as in CPython: a thread
//! runs only while it holds the GIL. There is one `Vm`; what belongs to a thread (its frame
//! stack, the exception being handled, its native re-entry depth and stack bounds, the repr
//! guard, its `contextvars` context) lives in the `Vm`'s fields while the thread holds the
//! GIL, and in a `ThreadState` parked in `Vm::parked` (a GC root) while it does not.
//!
//! The GIL changes hands (a) when a thread blocks (`Vm::allow_threads` around `time.sleep`,
//! a lock wait, `select`, reads and writes, `waitpid`), and (b) at eval-loop safe points when
//! another thread has waited for it longer than the switch interval (`DROP_REQUEST`).
//!
//! The collector runs only when no thread's Rust stack holds a Value the roots miss: the
//! running thread is at or below its base re-entry depth, and every parked thread parked at
//! such a depth too (`ThreadState::gc_safe`). A thread parked deeper (in a callback from Rust
//! code) delays collection until it returns, like the single-threaded depth-0 rule.
//!
//! Rust aliasing: every thread reaches the one `Vm` through its own `&mut Vm`. Only the GIL
//! holder uses it, and every function that releases the GIL takes `&mut Vm`, so no caller can
//! keep a value of the `Vm` cached across a release.

use crate::value::Value;
use crate::vm::Vm;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How long a thread waits for the GIL before asking its holder to let go (CPython's
/// `sys.getswitchinterval()` default).
const SWITCH_INTERVAL: Duration = Duration::from_millis(5);

struct GilState {
    locked: bool,
    /// Incremented at every hand-over, so a yielding thread can tell another one ran.
    switches: u64,
    waiting: usize,
}

struct Gil {
    state: Mutex<GilState>,
    cond: Condvar,
}

static GIL: Gil = Gil {
    state: Mutex::new(GilState {
        locked: false,
        switches: 0,
        waiting: 0,
    }),
    cond: Condvar::new(),
};

/// Set by a thread that has waited a switch interval for the GIL: the holder should yield.
static DROP_REQUEST: AtomicBool = AtomicBool::new(false);

/// Threads started by `_thread.start_new_thread` and still running.
static EXTRA_THREADS: AtomicUsize = AtomicUsize::new(0);

/// The main thread's identity (the thread that made the `Vm`): signal handlers run there.
static MAIN_IDENT: AtomicU64 = AtomicU64::new(0);

fn gil_state() -> MutexGuard<'static, GilState> {
    // A panic while holding this mutex aborts the process anyway; recover the guard.
    GIL.state.lock().unwrap_or_else(|e| e.into_inner())
}

fn gil_acquire() {
    let mut st = gil_state();
    if st.locked {
        st.waiting += 1;
        while st.locked {
            let (g, t) = GIL
                .cond
                .wait_timeout(st, SWITCH_INTERVAL)
                .unwrap_or_else(|e| e.into_inner());
            st = g;
            if t.timed_out() && st.locked {
                DROP_REQUEST.store(true, Ordering::Relaxed);
            }
        }
        st.waiting -= 1;
    }
    st.locked = true;
    st.switches += 1;
}

fn gil_release() {
    let mut st = gil_state();
    st.locked = false;
    drop(st);
    GIL.cond.notify_all();
}

/// Takes the GIL for the thread that creates the interpreter.
pub fn init_main_thread() {
    MAIN_IDENT.store(ident(), Ordering::Relaxed);
    let mut st = gil_state();
    st.locked = true;
}

/// This OS thread's identity, as `_thread.get_ident()` reports it.
pub fn ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

pub fn is_main_thread() -> bool {
    ident() == MAIN_IDENT.load(Ordering::Relaxed)
}

/// Whether threads other than the main one are running (else the GIL never needs to move).
#[inline]
pub fn threads_running() -> bool {
    EXTRA_THREADS.load(Ordering::Relaxed) != 0
}

pub fn extra_threads() -> usize {
    EXTRA_THREADS.load(Ordering::Relaxed)
}

/// Whether another thread asks for the GIL (checked by `Vm::attention`).
#[inline]
pub fn drop_requested() -> bool {
    DROP_REQUEST.load(Ordering::Relaxed)
}

/// What the running thread owns besides the `Vm`'s per-thread fields.
pub struct CurrentThread {
    pub ident: u64,
    /// The deepest native re-entry level up to which this thread's Rust stack holds no Value
    /// the roots miss, so a collection may run while `Vm::native_depth <= clean_top`. It
    /// starts at 0 for the main thread and 1 for a started thread (its bootstrap call), and
    /// rises through re-entries made from audited native code (`Vm::enter_native_clean`).
    pub clean_top: usize,
    /// Values audited native code holds across calls back into Python (`Vm::root`): roots.
    pub temp_roots: Vec<Value>,
    /// `_thread._set_sentinel()` locks, released when the thread ends.
    pub sentinels: Vec<Value>,
}

impl CurrentThread {
    pub fn main() -> CurrentThread {
        CurrentThread {
            ident: ident(),
            clean_top: 0,
            temp_roots: Vec::new(),
            sentinels: Vec::new(),
        }
    }
}

/// A thread's interpreter state while it does not hold the GIL.
pub struct ThreadState {
    current: CurrentThread,
    frames: Vec<Value>,
    handled_exc: Value,
    handled_outer: Value,
    native_depth: usize,
    stack_floor: usize,
    repr_stack: Vec<Value>,
    context: Value,
    trace: crate::interp::trace::TraceState,
    /// Parked where its Rust stack holds no Value the roots miss (collection may run).
    pub gc_safe: bool,
}

impl ThreadState {
    pub fn trace(&self, visit: &mut dyn FnMut(Value)) {
        self.frames.iter().for_each(|v| visit(*v));
        self.repr_stack.iter().for_each(|v| visit(*v));
        self.current.sentinels.iter().for_each(|v| visit(*v));
        self.current.temp_roots.iter().for_each(|v| visit(*v));
        visit(self.handled_exc);
        visit(self.handled_outer);
        visit(self.context);
        self.trace.trace(visit);
    }
}

const CONTEXT_KEY: &str = "_contextvars.current";

impl Vm {
    /// Moves the running thread's state out of the `Vm`.
    fn save_thread(&mut self) -> ThreadState {
        let context = self.state_get(CONTEXT_KEY).unwrap_or(Value::NONE);
        self.state_set(CONTEXT_KEY, Value::NONE);
        let gc_safe = self.native_depth <= self.current.clean_top;
        ThreadState {
            current: std::mem::replace(&mut self.current, CurrentThread::main()),
            frames: std::mem::take(&mut self.frames),
            handled_exc: std::mem::replace(&mut self.handled_exc, Value::NONE),
            handled_outer: std::mem::replace(&mut self.handled_outer, Value::NONE),
            native_depth: std::mem::take(&mut self.native_depth),
            stack_floor: self.stack_floor,
            repr_stack: std::mem::take(&mut self.repr_stack),
            context,
            trace: std::mem::take(&mut self.trace),
            gc_safe,
        }
    }

    fn restore_thread(&mut self, st: ThreadState) {
        self.current = st.current;
        self.frames = st.frames;
        self.handled_exc = st.handled_exc;
        self.handled_outer = st.handled_outer;
        self.native_depth = st.native_depth;
        self.stack_floor = st.stack_floor;
        self.repr_stack = st.repr_stack;
        self.state_set(CONTEXT_KEY, st.context);
        self.trace = st.trace;
    }

    /// Gives up the GIL, parking this thread's state where the collector sees it.
    pub fn release_gil(&mut self) {
        let st = self.save_thread();
        self.parked.push(st);
        gil_release();
    }

    /// Takes the GIL back and restores this thread's state.
    pub fn acquire_gil(&mut self) {
        gil_acquire();
        let me = ident();
        if let Some(i) = self.parked.iter().position(|t| t.current.ident == me) {
            let st = self.parked.swap_remove(i);
            self.restore_thread(st);
        }
    }

    /// Runs `f` (blocking work that touches no Python object) with the GIL released when
    /// other threads exist, so they run meanwhile.
    pub fn allow_threads<R>(&mut self, f: impl FnOnce() -> R) -> R {
        if !threads_running() {
            return f();
        }
        self.release_gil();
        let r = f();
        // Callers read errno after this returns: taking the GIL back (futex waits) must not
        // change it.
        // SAFETY: errno is this thread's own variable.
        let errno = unsafe { *libc::__errno_location() };
        self.acquire_gil();
        // SAFETY: as above.
        unsafe { *libc::__errno_location() = errno };
        r
    }

    /// At a safe point, when another thread asked for the GIL: hand it over and wait until
    /// some other thread has had it.
    pub fn yield_gil(&mut self) {
        DROP_REQUEST.store(false, Ordering::Relaxed);
        if !threads_running() {
            return;
        }
        let before = {
            let st = gil_state();
            if st.waiting == 0 {
                return;
            }
            st.switches
        };
        self.release_gil();
        {
            let mut st = gil_state();
            while st.switches == before && st.waiting > 0 {
                st = GIL
                    .cond
                    .wait_timeout(st, SWITCH_INTERVAL)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            }
        }
        self.acquire_gil();
    }

    /// Whether a collection may run now: this thread and every parked one are at a depth
    /// where their Rust stacks hold no Value the roots miss.
    pub fn gc_safe_here(&self, extra_depth: usize) -> bool {
        self.native_depth <= self.current.clean_top + extra_depth
            && self.parked.iter().all(|t| t.gc_safe)
    }
}

/// A `Vm` pointer handed to a new thread. Only dereferenced while that thread holds the GIL.
struct VmPtr(*mut Vm);
// SAFETY: the pointee is used only by the GIL holder (see the module doc).
unsafe impl Send for VmPtr {}

/// Starts an OS thread running `boot` (a `(callable, args, kwargs)` tuple) and returns its
/// identity. `boot` stays in `Vm::thread_boot` (a root) until the thread has finished.
pub fn start_thread(vm: &mut Vm, boot: Value, stack_size: usize) -> std::io::Result<u64> {
    use std::os::unix::thread::JoinHandleExt;
    vm.thread_boot.push(boot);
    EXTRA_THREADS.fetch_add(1, Ordering::Relaxed);
    let ptr = VmPtr(vm as *mut Vm);
    let heap = crate::heap::share_heap();
    let spawned = std::thread::Builder::new()
        .stack_size(stack_size)
        .spawn(move || {
            crate::heap::adopt_heap(heap);
            thread_main(ptr, boot)
        });
    match spawned {
        Ok(h) => Ok(h.into_pthread_t() as u64),
        Err(e) => {
            EXTRA_THREADS.fetch_sub(1, Ordering::Relaxed);
            vm.thread_boot.retain(|b| *b != boot);
            Err(e)
        }
    }
}

fn thread_main(ptr: VmPtr, boot: Value) {
    gil_acquire();
    // SAFETY: the GIL is held; the Vm outlives every thread (the main thread keeps the GIL
    // from the end of the program until the process exits).
    let vm = unsafe { &mut *ptr.0 };
    let fresh = ThreadState {
        current: CurrentThread {
            ident: ident(),
            clean_top: 1,
            temp_roots: Vec::new(),
            sentinels: Vec::new(),
        },
        frames: Vec::new(),
        handled_exc: Value::NONE,
        handled_outer: Value::NONE,
        native_depth: 0,
        stack_floor: crate::vm::stack_floor(),
        repr_stack: Vec::new(),
        context: Value::NONE,
        trace: Default::default(),
        gc_safe: true,
    };
    vm.restore_thread(fresh);
    crate::modules::thread::run_thread_body(vm, boot);
    for lock in std::mem::take(&mut vm.current.sentinels) {
        crate::modules::thread::release_sentinel(lock);
    }
    crate::modules::thread::notify_lock_waiters();
    vm.thread_boot.retain(|b| *b != boot);
    let _ = vm.save_thread();
    EXTRA_THREADS.fetch_sub(1, Ordering::Relaxed);
    gil_release();
}

// ----- waiting for a lock held by another thread -----

/// Lock releases: a generation counter waiters sleep on (every lock shares it; a release
/// wakes all waiters, who re-check their own lock under the GIL).
static LOCK_GEN: Mutex<u64> = Mutex::new(0);
static LOCK_COND: Condvar = Condvar::new();

/// The current release generation (read while holding the GIL, before waiting).
pub fn lock_generation() -> u64 {
    *LOCK_GEN.lock().unwrap_or_else(|e| e.into_inner())
}

/// Called after any lock release.
pub fn lock_released() {
    let mut g = LOCK_GEN.lock().unwrap_or_else(|e| e.into_inner());
    *g += 1;
    drop(g);
    LOCK_COND.notify_all();
}

/// Waits (GIL released by the caller) until a release after generation `seen`, or `limit`.
pub fn wait_lock_release(seen: u64, limit: Duration) {
    let g = LOCK_GEN.lock().unwrap_or_else(|e| e.into_inner());
    let _ = LOCK_COND
        .wait_timeout_while(g, limit, |g| *g == seen)
        .unwrap_or_else(|e| e.into_inner());
}

/// One wait of a thread blocked on a lock or queue: sleeps with the GIL released until some
/// release, a short slice (so the main thread runs signal handlers) or `deadline`. Returns
/// false once the deadline has passed. The caller re-checks its condition after each call.
pub fn wait_for_release(vm: &mut Vm, deadline: Option<Instant>) -> crate::vm::PyResult<bool> {
    let seen = lock_generation();
    let mut slice = Duration::from_millis(50);
    if let Some(d) = deadline {
        slice = slice.min(d.saturating_duration_since(Instant::now()));
    }
    vm.allow_threads(|| wait_lock_release(seen, slice));
    if is_main_thread() && crate::modules::signals::pending() {
        crate::modules::signals::check(vm)?;
    }
    Ok(!deadline.is_some_and(|d| Instant::now() >= d))
}
