//! The heap: allocation and a non-moving mark-sweep collector, behind `alloc` / `collect`.
//!
//! Allocation is segregated-fit: small objects (up to 2 KiB) come from 256 KiB blocks, each
//! block serving one size class; an allocation pops the class's free list or bumps into the
//! class's current block. Larger objects get their own allocation. A free cell has a zero vtable
//! word and links to the next free cell through its second word.
//!
//! Collection marks from the VM's precise roots (`Vm::trace_roots`) through each object's
//! vtable `trace`, then sweeps: unmarked cells get their payload dropped (freeing Rust-owned
//! buffers) and return to the free lists. It runs only at safe points of the eval loop on a
//! clean level (`gil::CurrentThread::clean_top`): there, every live object is reachable from
//! the roots, because every native function below is either audited (it keeps what it holds in
//! `Vm::root` slots) or absent (see docs/ARCHITECTURE.md, "The heap and the GC").
//!
//! Why not MMTk: payloads own Rust buffers (`Vec`s, strings) that must be dropped when their
//! object dies, which MMTk leaves to a binding-side list of candidates (here, nearly every
//! object), and Rust code holds `&'static` payload references across calls, which rules out
//! its moving plans (docs/ARCHITECTURE.md, "The MMTk decision").
//!
//! `FERROPY_GC_STRESS=N` requests a collection every N allocations (to shake out rooting bugs).
//! The heap belongs to the thread that created the interpreter; threads it starts adopt it
//! (`adopt_heap`), and only the thread holding the GIL touches it (see `gil.rs`).

use crate::object::{Obj, ObjHeader, Payload, VTable};
use crate::value::Value;
use std::alloc::{Layout, alloc as raw_alloc, dealloc};
use std::cell::{Cell, UnsafeCell};

/// Heap-internal maps keyed by object or block addresses, hashed by a multiply (addresses
/// are distinct and aligned; SipHash's protection against chosen keys buys nothing here, and
/// marking looks up every object's block).
type AddrMap = std::collections::HashMap<usize, usize, std::hash::BuildHasherDefault<AddrHasher>>;

#[derive(Default)]
struct AddrHasher(u64);

impl std::hash::Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, x: usize) {
        self.0 = ((x as u64) >> 4).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

const BLOCK: usize = 256 * 1024;
/// Entries per leaf of the block table, and leaves covering a 47-bit address space.
const LEAF: usize = 4096;
const LEAVES: usize = (1 << 47) / BLOCK / LEAF;
/// Cell sizes of the small-object classes (multiples of 8).
const CLASSES: [usize; 26] = [
    24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384, 448, 512, 640, 768,
    896, 1024, 1280, 1536, 1792, 2048,
];
const LARGE: usize = 2048;

/// The smallest size class holding `size` bytes (the last class for larger sizes, which are
/// allocated apart).
const fn class_for(size: usize) -> usize {
    let mut i = 0;
    while i < CLASSES.len() {
        if CLASSES[i] >= size {
            return i;
        }
        i += 1;
    }
    CLASSES.len() - 1
}
const MIN_THRESHOLD: usize = 32 << 20;
/// Early collections that may run back to back, per budget, and how many collections' time
/// earns one back (two budgets: at most about a tenth of the run time together).
const EARLY_TOKENS: u32 = 16;
const EARLY_COST_FACTOR: u32 = 18;

/// The two budgets of early collections: explicit drops (a variable rebound or deleted) and
/// speculative ones (a function's locals at its return), kept apart so a program whose
/// functions often return holding finalizable objects does not starve `p = None`.
#[derive(Clone, Copy)]
pub enum EarlyBudget {
    Store = 0,
    Return = 1,
}

struct Block {
    base: usize,
    class: usize,
    cell: usize,
    /// `ceil(2^32 / cell)`: `(off * recip) >> 32` is `off / cell` for any offset in a block
    /// (off < 2^18, cell <= 2^11), without a division on the marking path.
    recip: u64,
    ncells: usize,
    /// Cells `[0, bump)` have been handed out at least once.
    bump: usize,
    marks: Vec<u64>,
}

impl Block {
    /// The index of the cell holding `addr`, an address inside this block.
    #[inline]
    fn cell_index(&self, addr: usize) -> usize {
        (((addr - self.base) as u64 * self.recip) >> 32) as usize
    }
}

/// The mark bits at one point of a collection.
struct MarkSnapshot {
    blocks: Vec<Vec<u64>>,
    large: Vec<bool>,
}

struct Large {
    ptr: usize,
    layout: Layout,
    marked: bool,
}

struct Heap {
    blocks: Vec<Block>,
    /// Block number (`addr >> 18`) to block index + 1, in 4096-entry leaves picked by the
    /// number's high bits: two loads per lookup, where marking used to hash every address.
    block_leaves: Vec<Option<Box<[u32; LEAF]>>>,
    /// Blocks beyond `block_leaves`' reach (addresses above 2^47: not seen on Linux x86-64).
    block_index: AddrMap,
    free: [usize; CLASSES.len()],
    current: [Option<usize>; CLASSES.len()],
    large: Vec<Large>,
    allocated_since_gc: usize,
    threshold: usize,
    /// The `allocated_since_gc` at which an allocation takes `note_limit`: the threshold
    /// until a collection is requested (then never again until it ran), 0 under GC stress.
    limit: usize,
    live_after_gc: usize,
    gc_requested: bool,
    stress: u64,
    alloc_count: u64,
    collections: u64,
    /// Objects with a finalizer not yet run (`register_finalizer`), oldest first. A weak
    /// list: entries do not keep their objects alive.
    finalizable: Vec<usize>,
    /// Early collections (`request_early_collection`) allowed now, and when the budget was
    /// last topped up, for each `EarlyBudget`.
    early_tokens: [u32; 2],
    early_refilled_at: [std::time::Instant; 2],
    /// How long the last collection took (marking and sweeping).
    last_collection_time: std::time::Duration,
}

thread_local! {
    /// The heap this thread allocates from: its own (created on first use), or the one of the
    /// thread that started it (`share_heap`/`adopt_heap`), so Python threads share one heap.
    static HEAP: Cell<*mut Heap> = const { Cell::new(std::ptr::null_mut()) };
    /// The heap this thread created, freed when the thread ends.
    static OWNED: UnsafeCell<Option<Box<Heap>>> = const { UnsafeCell::new(None) };
}

fn with_heap<R>(f: impl FnOnce(&mut Heap) -> R) -> R {
    let mut p = HEAP.with(|h| h.get());
    if p.is_null() {
        p = OWNED.with(|o| {
            // SAFETY: OWNED is only touched here, once per thread, with no other borrow.
            let slot = unsafe { &mut *o.get() };
            let b = slot.get_or_insert_with(|| Box::new(Heap::new()));
            &mut **b as *mut Heap
        });
        HEAP.with(|h| h.set(p));
    }
    // SAFETY: `p` points to a live heap (this thread's own, or its starter's, which lives as
    // long as the process's interpreter); only the thread holding the GIL uses it, and
    // `with_heap` is never re-entered from inside `f` (allocation and collection do not call
    // back into user code).
    f(unsafe { &mut *p })
}

/// A handle on this thread's heap, to give to a thread it starts.
#[derive(Clone, Copy)]
pub struct HeapHandle(*mut Heap);
// SAFETY: the heap behind the handle is used only by the thread holding the GIL.
unsafe impl Send for HeapHandle {}

pub fn share_heap() -> HeapHandle {
    with_heap(|h| HeapHandle(h as *mut Heap))
}

/// Makes this thread allocate from `handle`'s heap.
pub fn adopt_heap(handle: HeapHandle) {
    HEAP.with(|h| h.set(handle.0));
}

impl Heap {
    fn new() -> Heap {
        let stress = std::env::var("FERROPY_GC_STRESS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Heap {
            blocks: Vec::new(),
            block_leaves: Vec::new(),
            block_index: AddrMap::default(),
            free: [0; CLASSES.len()],
            current: [None; CLASSES.len()],
            large: Vec::new(),
            allocated_since_gc: 0,
            threshold: MIN_THRESHOLD,
            limit: if stress != 0 { 0 } else { MIN_THRESHOLD },
            live_after_gc: 0,
            gc_requested: false,
            stress,
            alloc_count: 0,
            collections: 0,
            finalizable: Vec::new(),
            early_tokens: [EARLY_TOKENS; 2],
            early_refilled_at: [std::time::Instant::now(); 2],
            last_collection_time: std::time::Duration::ZERO,
        }
    }

    /// Takes one early-collection token from `budget`. Tokens come back with time, one per
    /// `EARLY_COST_FACTOR` times the last collection's duration, so early collections take at
    /// most about a tenth of the run time however often they are asked for, while a program
    /// that asks for a few now and then always gets them.
    fn take_early_token(&mut self, budget: EarlyBudget) -> bool {
        if !self.early_token_available(budget) {
            return false;
        }
        self.early_tokens[budget as usize] -= 1;
        true
    }

    /// Tops up `budget`'s early-collection tokens; whether one is left.
    fn early_token_available(&mut self, budget: EarlyBudget) -> bool {
        let b = budget as usize;
        let now = std::time::Instant::now();
        let per_token = (self.last_collection_time * EARLY_COST_FACTOR)
            .max(std::time::Duration::from_micros(100));
        let elapsed = now.saturating_duration_since(self.early_refilled_at[b]);
        let earned = (elapsed.as_nanos() / per_token.as_nanos().max(1)).min(EARLY_TOKENS as u128);
        if earned > 0 {
            self.early_tokens[b] = (self.early_tokens[b] + earned as u32).min(EARLY_TOKENS);
            self.early_refilled_at[b] = now;
        }
        self.early_tokens[b] > 0
    }

    #[inline(always)]
    fn note_alloc(&mut self, bytes: usize) {
        self.allocated_since_gc += bytes;
        if self.allocated_since_gc >= self.limit {
            self.note_limit();
        }
    }

    /// The allocation count or volume reached what asks for a collection.
    #[cold]
    fn note_limit(&mut self) {
        if self.allocated_since_gc >= self.threshold {
            self.gc_requested = true;
            set_flag(true);
            if self.stress == 0 {
                self.limit = usize::MAX;
            }
        }
        if self.stress != 0 {
            self.alloc_count += 1;
            if self.alloc_count % self.stress == 0 {
                self.gc_requested = true;
                set_flag(true);
            }
        }
    }

    /// Allocates a cell of size class `class`: the class's free list, else its current block.
    #[inline(always)]
    fn alloc_small(&mut self, class: usize) -> *mut u8 {
        self.note_alloc(CLASSES[class]);
        let head = self.free[class];
        if head != 0 {
            // SAFETY: free cells are at least 24 bytes; their second word holds the next link.
            self.free[class] = unsafe { *((head + 8) as *const usize) };
            return head as *mut u8;
        }
        if let Some(bi) = self.current[class] {
            let b = &mut self.blocks[bi];
            if b.bump < b.ncells {
                let p = b.base + b.bump * b.cell;
                b.bump += 1;
                return p as *mut u8;
            }
        }
        self.alloc_in_new_block(class)
    }

    #[cold]
    fn alloc_in_new_block(&mut self, class: usize) -> *mut u8 {
        let bi = self.new_block(class);
        let b = &mut self.blocks[bi];
        b.bump = 1;
        b.base as *mut u8
    }

    fn new_block(&mut self, class: usize) -> usize {
        let layout = Layout::from_size_align(BLOCK, BLOCK)
            .unwrap_or_else(|_| std::alloc::handle_alloc_error(Layout::new::<u64>()));
        // SAFETY: non-zero size.
        let p = unsafe { raw_alloc(layout) };
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        let cell = CLASSES[class];
        let ncells = BLOCK / cell;
        let bi = self.blocks.len();
        self.blocks.push(Block {
            base: p as usize,
            class,
            cell,
            recip: (1u64 << 32).div_ceil(cell as u64),
            ncells,
            bump: 0,
            marks: vec![0; ncells.div_ceil(64)],
        });
        self.index_block(p as usize, bi);
        self.current[class] = Some(bi);
        bi
    }

    fn alloc_large(&mut self, size: usize) -> *mut u8 {
        let layout = Layout::from_size_align(size, 16)
            .unwrap_or_else(|_| std::alloc::handle_alloc_error(Layout::new::<u64>()));
        // SAFETY: non-zero size (a header is at least 24 bytes).
        let p = unsafe { raw_alloc(layout) };
        if p.is_null() {
            std::alloc::handle_alloc_error(layout);
        }
        self.note_alloc(size);
        self.large.push(Large {
            ptr: p as usize,
            layout,
            marked: false,
        });
        p
    }

    fn index_block(&mut self, base: usize, bi: usize) {
        let number = base / BLOCK;
        let (hi, lo) = (number / LEAF, number % LEAF);
        if hi >= LEAVES {
            self.block_index.insert(base, bi);
            return;
        }
        if self.block_leaves.len() <= hi {
            self.block_leaves.resize_with(hi + 1, || None);
        }
        let leaf = self.block_leaves[hi].get_or_insert_with(|| Box::new([0; LEAF]));
        leaf[lo] = bi as u32 + 1;
    }

    /// The index of the small-object block holding `addr`, if any.
    #[inline]
    fn block_of(&self, addr: usize) -> Option<usize> {
        let number = addr / BLOCK;
        let hi = number / LEAF;
        if hi >= LEAVES {
            return self.block_index.get(&(addr & !(BLOCK - 1))).copied();
        }
        match self.block_leaves.get(hi) {
            Some(Some(leaf)) => match leaf[number % LEAF] {
                0 => None,
                n => Some(n as usize - 1),
            },
            _ => None,
        }
    }

    /// Whether the object at `addr` is marked (unknown addresses count as live).
    fn is_marked(&self, addr: usize, large_index: &AddrMap) -> bool {
        if let Some(bi) = self.block_of(addr) {
            let b = &self.blocks[bi];
            let i = b.cell_index(addr);
            return b.marks[i / 64] & (1u64 << (i % 64)) != 0;
        }
        match large_index.get(&addr) {
            Some(&li) => self.large[li].marked,
            None => true,
        }
    }

    /// Sets the mark of the object at `addr`; true when it was newly marked.
    fn mark(&mut self, addr: usize, large_index: &AddrMap) -> bool {
        if let Some(bi) = self.block_of(addr) {
            let b = &mut self.blocks[bi];
            let i = b.cell_index(addr);
            if b.base + i * b.cell != addr {
                return false;
            }
            let (w, bit) = (i / 64, 1u64 << (i % 64));
            if b.marks[w] & bit != 0 {
                return false;
            }
            b.marks[w] |= bit;
            return true;
        }
        if let Some(&li) = large_index.get(&addr) {
            let l = &mut self.large[li];
            if l.marked {
                return false;
            }
            l.marked = true;
            return true;
        }
        // Not a heap object (never happens for values made by `alloc`).
        false
    }
}

/// `size` bytes for an object, of size class `class` when small. Out of line: `alloc` is
/// inlined at every allocation site (the eval loop has many), and only a call belongs there.
#[inline(never)]
fn alloc_raw(size: usize, class: usize) -> *mut u8 {
    with_heap(|h| {
        if size <= LARGE {
            h.alloc_small(class)
        } else {
            h.alloc_large(size)
        }
    })
}

/// Allocates an object of Python type `ty` holding `payload`.
#[inline]
pub fn alloc<T: Payload>(ty: Value, payload: T) -> Value {
    let size = std::mem::size_of::<Obj<T>>();
    debug_assert!(std::mem::align_of::<Obj<T>>() <= 8);
    // The size class, computed at compile time for each payload type.
    let class = const { class_for(std::mem::size_of::<Obj<T>>()) };
    let p = alloc_raw(size, class) as *mut Obj<T>;
    // SAFETY: the block returned is fresh (or a swept free cell), 8-aligned and at least
    // size_of::<Obj<T>>() bytes; nothing else references it.
    unsafe {
        p.write(Obj {
            header: ObjHeader {
                vt: T::VTABLE,
                ty: std::cell::Cell::new(ty),
                attrs: std::cell::Cell::new(Value::NULL),
            },
            payload,
        });
    }
    let v = Value::from_header(p as *const ObjHeader);
    if crate::types::typeobj::has_finalizer(ty) {
        register_finalizer(v);
    }
    v
}

/// Whether the allocator asked for a collection (polled at eval-loop safe points).
#[inline]
pub fn gc_requested() -> bool {
    GC_REQUESTED.with(|f| f.get())
}

thread_local! {
    /// Mirror of `Heap::gc_requested` in a const-initialised thread-local: the eval loop polls
    /// it on every call and backward jump, which must cost a load, not a lazy-init check.
    static GC_REQUESTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn set_flag(v: bool) {
    GC_REQUESTED.with(|f| f.set(v));
}

/// Whether the heap itself still wants a collection. Threads share a heap but each has its
/// own fast flag: a thread whose flag is set after another thread already collected just
/// clears it (`Vm::safe_point`).
pub fn collection_pending() -> bool {
    let pending = with_heap(|h| h.gc_requested);
    if !pending {
        set_flag(false);
    }
    pending
}

/// Asks for a collection at the next safe point because an object with a finalizer may have
/// just become garbage (`finalize::note_dropped`), unless early collections have used up
/// `budget` (see `take_early_token`). Returns whether it asked.
pub fn request_early_collection(budget: EarlyBudget) -> bool {
    let granted = with_heap(|h| {
        let ok = h.take_early_token(budget);
        if ok {
            h.gc_requested = true;
        }
        ok
    });
    if granted {
        set_flag(true);
    }
    granted
}

/// Whether `request_early_collection` would ask now (it still may refuse later).
pub fn early_collection_allowed(budget: EarlyBudget) -> bool {
    with_heap(|h| h.early_token_available(budget))
}

/// Asks for a collection at the next safe point.
pub fn request_collection() {
    with_heap(|h| h.gc_requested = true);
    set_flag(true);
}

/// Statistics: (collections so far, bytes live after the last one).
pub fn stats() -> (u64, usize) {
    with_heap(|h| (h.collections, h.live_after_gc))
}

/// Registers `v` as having a finalizer: the collection that finds it unreachable resurrects
/// it (with everything it references) and hands it back from [`collect`] to be finalized.
/// It is handed back once; afterwards it is an ordinary object.
pub fn register_finalizer(v: Value) {
    if v.is_ptr() {
        with_heap(|h| h.finalizable.push(v.bits() as usize));
        REGISTRATIONS.with(|c| c.set(c.get().wrapping_add(1)));
    }
}

thread_local! {
    /// Counts `register_finalizer` calls (wrapping): a frame that saw it change while it ran
    /// may hold an object with a finalizer in its locals (`FrameData::fin_mark`).
    static REGISTRATIONS: Cell<u32> = const { Cell::new(0) };
}

/// The `register_finalizer` count so far (see `REGISTRATIONS`).
#[inline(always)]
pub fn registrations() -> u32 {
    REGISTRATIONS.with(|c| c.get())
}

/// The objects registered with [`register_finalizer`] and not yet handed back, oldest first.
pub fn finalizable() -> Vec<Value> {
    with_heap(|h| {
        h.finalizable
            .iter()
            .map(|&a| Value::from_bits(a as u64))
            .collect()
    })
}

/// At exit, with objects still alive: takes every registered object, in the order to
/// finalize them: one that another registered object references comes after it (the
/// outermost first: a text file before its buffer before its raw file), registration order
/// otherwise, a cycle broken at its oldest member. Nothing is freed.
pub fn take_exit_order() -> Vec<Value> {
    with_heap(|h| {
        let regs = std::mem::take(&mut h.finalizable);
        if regs.is_empty() {
            return Vec::new();
        }
        let large_index = h.large_index();
        h.mark_barriers(&large_index);
        let edges = h.registered_edges(&regs, &large_index);
        h.clear_marks();
        // Kahn's topological sort, oldest first among the ready ones.
        let mut indegree = vec![0usize; regs.len()];
        for e in &edges {
            for &j in e {
                indegree[j] += 1;
            }
        }
        let mut done = vec![false; regs.len()];
        let mut ready: std::collections::BTreeSet<usize> =
            (0..regs.len()).filter(|&i| indegree[i] == 0).collect();
        let mut order = Vec::with_capacity(regs.len());
        while order.len() < regs.len() {
            let i = match ready.pop_first() {
                Some(i) => i,
                // A cycle: its oldest member goes first.
                None => match (0..regs.len()).find(|&i| !done[i]) {
                    Some(i) => i,
                    None => break,
                },
            };
            if done[i] {
                continue;
            }
            done[i] = true;
            order.push(Value::from_bits(regs[i] as u64));
            for &j in &edges[i] {
                indegree[j] = indegree[j].saturating_sub(1);
                if indegree[j] == 0 && !done[j] {
                    ready.insert(j);
                }
            }
        }
        order
    })
}

/// Whether `v` is registered for finalization (its finalizer has not run yet).
pub fn is_registered_finalizer(v: Value) -> bool {
    let addr = v.bits() as usize;
    v.is_ptr() && with_heap(|h| h.finalizable.contains(&addr))
}

/// Every object on the heap, including unreachable ones not yet swept (all of whose
/// references are still valid: nothing is freed between collections).
pub fn all_objects() -> Vec<Value> {
    with_heap(|h| {
        let mut out = Vec::new();
        h.for_each_object(|p| out.push(Value::from_header(p as *const ObjHeader)));
        out
    })
}

/// Counts the references to `target` held by the roots and by the objects reachable from
/// them (`sys.getrefcount`: unreachable garbage not yet swept does not count). Marks and
/// then clears the mark bits; frees nothing, so it is sound anywhere (at a point where Rust
/// locals hold references, those are just not counted).
pub fn count_references(roots: &dyn Fn(&mut dyn FnMut(Value)), target: Value) -> usize {
    with_heap(|h| {
        let large_index = h.large_index();
        let mut count = 0usize;
        let mut work: Vec<usize> = Vec::new();
        roots(&mut |v: Value| {
            count += (v == target) as usize;
            if v.is_ptr() && h.mark(v.bits() as usize, &large_index) {
                work.push(v.bits() as usize);
            }
        });
        while let Some(addr) = work.pop() {
            let hdr = addr as *const ObjHeader;
            // SAFETY: `addr` was marked, so it is an allocated object with a valid vtable.
            let vt: &'static VTable = unsafe { (*hdr).vt };
            let mut visit = |v: Value| {
                count += (v == target) as usize;
                if v.is_ptr() && h.mark(v.bits() as usize, &large_index) {
                    work.push(v.bits() as usize);
                }
            };
            // SAFETY: the vtable belongs to this object's payload type.
            unsafe { (vt.trace)(hdr, &mut visit) };
        }
        h.clear_marks();
        count
    })
}

/// Forgets the registration of `v` (its finalizer has been run some other way).
pub fn unregister_finalizer(v: Value) {
    let addr = v.bits() as usize;
    with_heap(|h| h.finalizable.retain(|&a| a != addr));
}

/// Collects garbage. Every live object must be reachable from `roots` (see the module doc for
/// when that holds). Between marking and sweeping, `weak` is called with two tests: whether an
/// object survives this collection, and whether it was reachable from the roots (not just
/// kept for a finalizer), so weak references to unreachable objects can be cleared (see
/// `types/weakref.rs`).
///
/// Returns the unreachable objects whose finalizers are due, oldest registration first. They
/// and everything they reference survive this collection. An unreachable finalizable object
/// that another unreachable finalizable object references waits for a later collection, so a
/// finalizer never sees an object whose own finalizer already ran (a buffered file's `__del__`
/// flushes into its raw file before that one closes); in a cycle of them, the oldest goes first.
///
/// `needs_finalizer` tells whether an unreachable registered object still has work to do
/// (a generator that already finished has none): if not, it is freed at once.
pub fn collect(
    roots: &dyn Fn(&mut dyn FnMut(Value)),
    weak: &mut dyn FnMut(&dyn Fn(Value) -> bool, &dyn Fn(Value) -> bool),
    needs_finalizer: &dyn Fn(Value) -> bool,
) -> Vec<Value> {
    with_heap(|h| {
        let started = std::time::Instant::now();
        h.gc_requested = false;
        set_flag(false);
        let large_index = h.large_index();
        let mut work: Vec<usize> = Vec::new();
        roots(&mut |v: Value| {
            if v.is_ptr() && h.mark(v.bits() as usize, &large_index) {
                work.push(v.bits() as usize);
            }
        });
        h.drain_marks(&mut work, &large_index);
        // What was reachable before finalizable objects were resurrected: weak references to
        // anything else are cleared now, before finalizers run, as CPython does, even though
        // the resurrected objects survive this collection.
        let reachable = h
            .finalizable
            .iter()
            .any(|&a| !h.is_marked(a, &large_index))
            .then(|| h.snapshot_marks());
        let due = h.resurrect_finalizable(&large_index, needs_finalizer);
        {
            let h: &Heap = h;
            let is_live = |v: Value| !v.is_ptr() || h.is_marked(v.bits() as usize, &large_index);
            let was_reachable = |v: Value| match &reachable {
                Some(s) => !v.is_ptr() || h.was_marked(s, v.bits() as usize, &large_index),
                None => is_live(v),
            };
            weak(&is_live, &was_reachable);
        }
        // Sweep small objects, rebuilding the free lists. Marked cells are not touched: a
        // mark word with all bits set skips 64 live cells at once.
        let mut live = 0usize;
        h.free = [0; CLASSES.len()];
        for b in h.blocks.iter_mut() {
            let mut free_head = h.free[b.class];
            for w in (0..b.bump.div_ceil(64)).rev() {
                let marks = b.marks[w];
                live += marks.count_ones() as usize * b.cell;
                if marks == u64::MAX {
                    continue;
                }
                let first = w * 64;
                let end = (first + 64).min(b.bump);
                for i in (first..end).rev() {
                    if marks & (1u64 << (i - first)) != 0 {
                        continue;
                    }
                    let p = b.base + i * b.cell;
                    // SAFETY: cells below `bump` were handed out; their first word is a
                    // vtable pointer (a dead object) or 0 (a free cell).
                    let vt_word = unsafe { *(p as *const usize) };
                    if vt_word != 0 {
                        let vt = vt_word as *const VTable;
                        // SAFETY: an unmarked allocated object is unreachable; drop its
                        // payload once and turn the cell into a free cell.
                        unsafe {
                            if (*vt).needs_drop {
                                ((*vt).drop)(p as *mut ObjHeader);
                            }
                            *(p as *mut usize) = 0;
                        }
                    }
                    // SAFETY: the cell is free; its second word holds the free-list link.
                    unsafe { *((p + 8) as *mut usize) = free_head };
                    free_head = p;
                }
            }
            b.marks.iter_mut().for_each(|m| *m = 0);
            h.free[b.class] = free_head;
        }
        // Sweep large objects.
        let mut kept = Vec::with_capacity(h.large.len());
        for mut l in std::mem::take(&mut h.large) {
            if l.marked {
                l.marked = false;
                live += l.layout.size();
                kept.push(l);
            } else {
                let hdr = l.ptr as *mut ObjHeader;
                // SAFETY: unreachable large object: drop its payload, then free its memory.
                unsafe {
                    ((*hdr).vt.drop)(hdr);
                    dealloc(l.ptr as *mut u8, l.layout);
                }
            }
        }
        h.large = kept;
        h.live_after_gc = live;
        h.allocated_since_gc = 0;
        h.threshold = MIN_THRESHOLD.max(live * 2);
        h.limit = if h.stress != 0 { 0 } else { h.threshold };
        h.collections += 1;
        h.last_collection_time = started.elapsed();
        due
    })
}

impl Heap {
    /// Traces from each of `regs` (registered objects), marking the unregistered objects
    /// reached; returns, for each, the indices of the other `regs` it reaches through
    /// unregistered objects. Registered objects are never marked or traversed here (their own
    /// turn traces them); a reference back to the object itself does not count. An object
    /// already marked is not traversed again, so a registered object reached only through
    /// one shared by two of `regs` is recorded for the first of them.
    fn registered_edges(&mut self, regs: &[usize], large_index: &AddrMap) -> Vec<Vec<usize>> {
        let index: AddrMap = regs.iter().enumerate().map(|(i, &a)| (a, i)).collect();
        let mut edges: Vec<Vec<usize>> = vec![Vec::new(); regs.len()];
        let mut work: Vec<usize> = Vec::new();
        for (i, &current) in regs.iter().enumerate() {
            work.push(current);
            while let Some(addr) = work.pop() {
                let hdr = addr as *const ObjHeader;
                // SAFETY: `addr` is an allocated object (registered, or marked just now).
                let vt: &'static VTable = unsafe { (*hdr).vt };
                let mut visit = |v: Value| {
                    if !v.is_ptr() {
                        return;
                    }
                    let a = v.bits() as usize;
                    if let Some(&j) = index.get(&a) {
                        if j != i {
                            edges[i].push(j);
                        }
                        return;
                    }
                    if self.mark(a, large_index) {
                        work.push(a);
                    }
                };
                // SAFETY: the vtable belongs to this object's payload type.
                unsafe { (vt.trace)(hdr, &mut visit) };
            }
        }
        edges
    }

    /// A copy of the mark bits (`was_marked` reads it).
    fn snapshot_marks(&self) -> MarkSnapshot {
        MarkSnapshot {
            blocks: self.blocks.iter().map(|b| b.marks.clone()).collect(),
            large: self.large.iter().map(|l| l.marked).collect(),
        }
    }

    /// Whether the object at `addr` was marked when `s` was taken.
    fn was_marked(&self, s: &MarkSnapshot, addr: usize, large_index: &AddrMap) -> bool {
        if let Some(bi) = self.block_of(addr) {
            let i = self.blocks[bi].cell_index(addr);
            return s.blocks[bi][i / 64] & (1u64 << (i % 64)) != 0;
        }
        match large_index.get(&addr) {
            Some(&li) => s.large[li],
            None => true,
        }
    }

    /// Large objects by address (the mark bits of large objects are found through it).
    fn large_index(&self) -> AddrMap {
        self.large
            .iter()
            .enumerate()
            .map(|(i, l)| (l.ptr, i))
            .collect()
    }

    /// Calls `f` with the address of every allocated object (live or not yet swept).
    fn for_each_object(&self, mut f: impl FnMut(usize)) {
        for b in &self.blocks {
            for i in 0..b.bump {
                let p = b.base + i * b.cell;
                // SAFETY: cells below `bump` were handed out: vtable word or 0 (free).
                if unsafe { *(p as *const usize) } != 0 {
                    f(p);
                }
            }
        }
        for l in &self.large {
            f(l.ptr);
        }
    }

    /// Marks the types, modules and module namespaces, without tracing them: through them
    /// everything reaches everything (a file's type leads to `sys.modules`, to `__main__`,
    /// to the file), so at exit they are not traversed.
    fn mark_barriers(&mut self, large_index: &AddrMap) {
        let mut barriers: Vec<usize> = Vec::new();
        let mut consider = |p: usize| {
            // SAFETY: `p` is an allocated cell; its first word is a vtable pointer.
            let vt = unsafe { &*(*(p as *const *const VTable)) };
            match vt.kind {
                crate::object::ObjKind::Type => barriers.push(p),
                crate::object::ObjKind::Module => {
                    barriers.push(p);
                    // SAFETY: as above; a module's namespace is its header's `attrs`.
                    let ns = unsafe { (*(p as *const ObjHeader)).attrs.get() };
                    if ns.is_ptr() {
                        barriers.push(ns.bits() as usize);
                    }
                }
                _ => {}
            }
        };
        self.for_each_object(&mut consider);
        for p in barriers {
            self.mark(p, large_index);
        }
    }

    fn clear_marks(&mut self) {
        for b in self.blocks.iter_mut() {
            b.marks.iter_mut().for_each(|m| *m = 0);
        }
        for l in self.large.iter_mut() {
            l.marked = false;
        }
    }

    /// Marks everything reachable from the objects on `work` (already marked themselves).
    fn drain_marks(&mut self, work: &mut Vec<usize>, large_index: &AddrMap) {
        while let Some(addr) = work.pop() {
            let hdr = addr as *const ObjHeader;
            // SAFETY: `addr` was marked, so it is an allocated object with a valid vtable.
            let vt: &'static VTable = unsafe { (*hdr).vt };
            let mut visit = |v: Value| {
                if v.is_ptr() && self.mark(v.bits() as usize, large_index) {
                    work.push(v.bits() as usize);
                }
            };
            // SAFETY: the vtable belongs to this object's payload type.
            unsafe { (vt.trace)(hdr, &mut visit) };
        }
    }

    /// After marking from the roots: picks the unreachable registered objects whose finalizers
    /// are due, and marks them and everything reachable from any unreachable registered object
    /// (all of that must survive until the finalizers have run).
    ///
    /// An unreachable registered object is due unless another one references it (directly
    /// or through unregistered objects); a reference to itself (a generator and its frame)
    /// does not count. When every one is referenced by another (a cycle), the oldest is due.
    fn resurrect_finalizable(
        &mut self,
        large_index: &AddrMap,
        needs_finalizer: &dyn Fn(Value) -> bool,
    ) -> Vec<Value> {
        let mut dead: Vec<usize> = self
            .finalizable
            .iter()
            .copied()
            .filter(|&a| !self.is_marked(a, large_index))
            .collect();
        if dead.is_empty() {
            return Vec::new();
        }
        let idle: std::collections::HashSet<usize> = dead
            .iter()
            .copied()
            .filter(|&a| !needs_finalizer(Value::from_bits(a as u64)))
            .collect();
        if !idle.is_empty() {
            dead.retain(|a| !idle.contains(a));
            self.finalizable.retain(|a| !idle.contains(a));
            if dead.is_empty() {
                return Vec::new();
            }
        }
        let referenced: std::collections::HashSet<usize> = self
            .registered_edges(&dead, large_index)
            .into_iter()
            .flatten()
            .map(|j| dead[j])
            .collect();
        let mut due: Vec<usize> = dead
            .iter()
            .copied()
            .filter(|a| !referenced.contains(a))
            .collect();
        if due.is_empty() {
            due.push(dead[0]);
        }
        for &a in &dead {
            self.mark(a, large_index);
        }
        // The rest stay registered, in their order.
        let due_set: std::collections::HashSet<usize> = due.iter().copied().collect();
        self.finalizable.retain(|a| !due_set.contains(a));
        due.into_iter()
            .map(|a| Value::from_bits(a as u64))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::object::{ObjKind, Trace};
    use std::cell::Cell;

    #[test]
    fn reciprocal_divides_every_block_offset() {
        for &cell in CLASSES.iter() {
            let recip = (1u64 << 32).div_ceil(cell as u64);
            for off in 0..BLOCK {
                assert_eq!(
                    ((off as u64 * recip) >> 32) as usize,
                    off / cell,
                    "{cell} {off}"
                );
            }
        }
    }

    #[test]
    fn block_table_finds_blocks_and_only_them() {
        let mut h = Heap::new();
        let a = h.new_block(0);
        let b = h.new_block(5);
        let (ba, bb) = (h.blocks[a].base, h.blocks[b].base);
        assert_eq!(h.block_of(ba), Some(a));
        assert_eq!(h.block_of(ba + BLOCK - 8), Some(a));
        assert_eq!(h.block_of(bb + 64), Some(b));
        let elsewhere = Box::new(0u64);
        assert_eq!(h.block_of(&*elsewhere as *const u64 as usize), None);
        assert_eq!(h.block_of(usize::MAX - 7), None);
        // A block beyond the table's reach goes to the fallback map.
        let far = LEAVES * LEAF * BLOCK;
        h.index_block(far, 7);
        assert_eq!(h.block_of(far + 24), Some(7));
    }

    struct Node {
        next: Cell<Value>,
        _buf: Vec<u8>,
    }
    impl Trace for Node {
        fn trace(&self, visit: &mut dyn FnMut(Value)) {
            self.next.trace(visit)
        }
    }
    impl Payload for Node {
        const KIND: ObjKind = ObjKind::NativeData;
    }

    #[test]
    fn collects_unreachable_and_keeps_reachable() {
        // A chain of 1000 nodes rooted at `root`, plus 100k garbage nodes.
        let mut root = Value::NONE;
        for _ in 0..1000 {
            root = alloc(
                Value::NONE,
                Node {
                    next: Cell::new(root),
                    _buf: vec![1; 16],
                },
            );
        }
        for _ in 0..100_000 {
            alloc(
                Value::NONE,
                Node {
                    next: Cell::new(Value::NONE),
                    _buf: vec![2; 16],
                },
            );
        }
        collect(&|visit| visit(root), &mut |_, _| {}, &|_| true);
        let (_, live) = stats();
        assert!(live < 1000 * 64 + 4096, "live bytes {live}");
        // The chain is intact.
        let mut n = 0;
        let mut v = root;
        while let Some(node) = v.downcast::<Node>() {
            n += 1;
            v = node.next.get();
        }
        assert_eq!(n, 1000);
        // Freed cells are reused: allocating again does not grow the block count much.
        let blocks_before = with_heap(|h| h.blocks.len());
        for _ in 0..100_000 {
            alloc(
                Value::NONE,
                Node {
                    next: Cell::new(Value::NONE),
                    _buf: vec![],
                },
            );
        }
        let blocks_after = with_heap(|h| h.blocks.len());
        assert!(
            blocks_after <= blocks_before + 1,
            "{blocks_before} -> {blocks_after}"
        );
    }

    #[test]
    fn cycles_are_collected() {
        for _ in 0..10 {
            for _ in 0..10_000 {
                let a = alloc(
                    Value::NONE,
                    Node {
                        next: Cell::new(Value::NONE),
                        _buf: vec![],
                    },
                );
                let b = alloc(
                    Value::NONE,
                    Node {
                        next: Cell::new(a),
                        _buf: vec![],
                    },
                );
                if let Some(n) = a.downcast::<Node>() {
                    n.next.set(b);
                }
            }
            collect(&|_visit| {}, &mut |_, _| {}, &|_| true);
        }
        let (_, live) = stats();
        assert_eq!(live, 0);
    }
}
