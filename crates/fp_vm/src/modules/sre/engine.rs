//! The matching engine: a backtracking interpreter of the compiled [`Program`].
//!
//! It follows the semantics of CPython's `sre_lib.h` (which group spans, `lastindex` and
//! zero-width-repeat protection a match reports), but never recurses on the Rust stack: each
//! sub-match that may have to be retried is a [`Ctx`] frame on an explicit stack, and the frame
//! records which continuation (`Jump`) resumes its parent when it finishes. Saved capture marks
//! and repeat positions live on a separate data stack, as in CPython.

use super::chars::{self, Case};
use super::program::{MAXREPEAT, Op, Program, Quick, RepKind};

/// A text unit: a byte (bytes subjects and ASCII str) or a code point.
pub trait Ch: Copy {
    fn u(self) -> u32;
}
impl Ch for u8 {
    #[inline(always)]
    fn u(self) -> u32 {
        self as u32
    }
}
impl Ch for u32 {
    #[inline(always)]
    fn u(self) -> u32 {
        self
    }
}

/// Why a match was abandoned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abort {
    /// A signal arrived (the caller raises KeyboardInterrupt).
    Interrupted,
    /// Inconsistent program (an UNTIL outside any REPEAT).
    Internal,
}

const NONE: usize = usize::MAX;

/// Continuation of a parent frame when its child returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Jump {
    None,
    Branch,
    RepeatOneLit,
    RepeatOne,
    MinRepeatOne,
    Repeat,
    MaxUntil1,
    MaxUntil2,
    MaxUntil3,
    MinUntil1,
    MinUntil2,
    MinUntil3,
    Poss1,
    Poss2,
    Atomic,
    Assert,
    AssertNot,
}

#[derive(Clone, Copy, Debug)]
struct Ctx {
    pc: u32,
    ptr: usize,
    count: isize,
    lastmark: isize,
    lastindex: isize,
    /// Repeat index (UNTIL ops), alternative index (BRANCH) or literal (REPEAT_ONE).
    aux: u32,
    toplevel: bool,
    pushed: bool,
    jump: Jump,
}

impl Ctx {
    fn new(pc: u32, toplevel: bool) -> Ctx {
        Ctx {
            pc,
            ptr: 0,
            count: 0,
            lastmark: -1,
            lastindex: -1,
            aux: 0,
            toplevel,
            pushed: false,
            jump: Jump::None,
        }
    }
}

/// An active REPEAT (`state->repeat` in CPython).
#[derive(Clone, Copy, Debug)]
struct RepeatCtx {
    count: isize,
    /// The REPEAT op (its min, max and body).
    op: u32,
    prev: usize,
    last_ptr: usize,
}

/// Matching state over one subject.
pub struct State<'t, C: Ch> {
    pub text: &'t [C],
    pub start: usize,
    pub end: usize,
    pub ptr: usize,
    /// Capture marks (-1 = unset); pairs per group.
    pub marks: Vec<isize>,
    pub lastmark: isize,
    pub lastindex: isize,
    pub match_all: bool,
    pub must_advance: bool,
    repeat: usize,
    repeats: Vec<RepeatCtx>,
    data: Vec<isize>,
    ctxs: Vec<Ctx>,
    steps: u32,
}

enum Mode {
    Enter,
    Dispatch(u32, usize),
    Return(bool),
}

impl<'t, C: Ch> State<'t, C> {
    pub fn new(text: &'t [C], start: usize, end: usize, groups: usize) -> State<'t, C> {
        State {
            text,
            start,
            end,
            ptr: start,
            marks: vec![-1; 2 * groups + 2],
            lastmark: -1,
            lastindex: -1,
            match_all: false,
            must_advance: false,
            repeat: NONE,
            repeats: Vec::new(),
            data: Vec::new(),
            ctxs: Vec::new(),
            steps: 0,
        }
    }

    /// `state_reset`: forget captures before a new attempt.
    pub fn reset(&mut self) {
        self.lastmark = -1;
        self.lastindex = -1;
        self.repeat = NONE;
        self.repeats.clear();
        self.data.clear();
    }

    #[inline(always)]
    fn at(&self, i: usize) -> u32 {
        self.text[i].u()
    }

    fn mark_push(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.data.extend_from_slice(&self.marks[..n]);
        }
    }

    fn mark_pop(&mut self, lastmark: isize, discard: bool) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            let Some(base) = self.data.len().checked_sub(n) else {
                return;
            };
            self.marks[..n].copy_from_slice(&self.data[base..base + n]);
            if discard {
                self.data.truncate(base);
            }
        }
    }

    fn mark_discard(&mut self, lastmark: isize) {
        if lastmark >= 0 {
            let n = lastmark as usize + 1;
            self.data.truncate(self.data.len().saturating_sub(n));
        }
    }

    fn at_code(&self, code: u32, ptr: usize) -> bool {
        let (beg, end) = (0usize, self.end);
        let word_at = |f: fn(u32) -> bool, p: usize| -> (bool, bool) {
            let before = p > beg && f(self.at(p - 1));
            let here = p < end && f(self.at(p));
            (before, here)
        };
        match code {
            0 | 2 => ptr == beg,
            1 => ptr == beg || self.at(ptr - 1) == 10,
            5 => (end == ptr + 1 && self.at(ptr) == 10) || ptr == end,
            6 => ptr == end || (ptr < end && self.at(ptr) == 10),
            7 => ptr == end,
            3 | 4 | 8 | 9 | 10 | 11 => {
                if beg == end {
                    return false;
                }
                let f: fn(u32) -> bool = match code {
                    3 | 4 => chars::is_word,
                    8 | 9 => chars::is_loc_word,
                    _ => chars::is_uni_word,
                };
                let (a, b) = word_at(f, ptr);
                if matches!(code, 3 | 8 | 10) {
                    a != b
                } else {
                    a == b
                }
            }
            _ => false,
        }
    }

    /// Whether the single-character op `o` matches `c`.
    #[inline(always)]
    fn unit(&self, prog: &Program, o: &Op, c: u32) -> bool {
        match o {
            Op::Lit { case, neg, ch } => chars::literal_eq(*case, *ch, c) != *neg,
            Op::In { case, set } => prog.sets[*set as usize].contains_case(*case, c),
            Op::Any => c != 10,
            Op::AnyAll => true,
            _ => false,
        }
    }

    /// `count()`: how many times the unit `item` matches from `ptr`, at most `max`.
    fn count(&self, prog: &Program, item: u32, ptr: usize, max: u32) -> usize {
        let mut end = self.end;
        if max != MAXREPEAT && (max as usize) < end - ptr {
            end = ptr + max as usize;
        }
        let o = &prog.ops[item as usize];
        let mut p = ptr;
        match o {
            Op::AnyAll => return end - ptr,
            Op::Lit {
                case: Case::Exact,
                neg: false,
                ch,
            } => {
                while p < end && self.at(p) == *ch {
                    p += 1;
                }
            }
            Op::Any => {
                while p < end && self.at(p) != 10 {
                    p += 1;
                }
            }
            _ => {
                while p < end && self.unit(prog, o, self.at(p)) {
                    p += 1;
                }
            }
        }
        p - ptr
    }

    fn groupref(&self, g: u32, case: Case, ptr: usize) -> Option<usize> {
        let gi = g as usize * 2;
        if gi as isize >= self.lastmark {
            return None;
        }
        let (p, e) = (self.marks[gi], self.marks[gi + 1]);
        if p < 0 || e < 0 || e < p {
            return None;
        }
        let (p, e) = (p as usize, e as usize);
        let n = e - p;
        if ptr > self.end || self.end - ptr < n {
            // Compare as far as possible first? CPython fails on the first short character,
            // which gives the same answer.
            return None;
        }
        for k in 0..n {
            if !chars::backref_eq(case, self.at(ptr + k), self.at(p + k)) {
                return None;
            }
        }
        Some(ptr + n)
    }

    fn group_exists(&self, g: u32) -> bool {
        let gi = g as usize * 2;
        if gi as isize >= self.lastmark {
            return false;
        }
        let (p, e) = (self.marks[gi], self.marks[gi + 1]);
        !(p < 0 || e < 0 || e < p)
    }

    fn top(&mut self) -> &mut Ctx {
        let n = self.ctxs.len() - 1;
        &mut self.ctxs[n]
    }

    /// Saves the parent's position and enters a child frame at `pc` (reading `self.ptr`).
    fn call(&mut self, jump: Jump, pc: u32, ptr: usize, child: u32, toplevel: bool) -> Mode {
        let t = self.top();
        t.jump = jump;
        t.pc = pc;
        t.ptr = ptr;
        self.ctxs.push(Ctx::new(child, toplevel));
        Mode::Enter
    }

    fn lastmark_save(&mut self) {
        let (lm, li) = (self.lastmark, self.lastindex);
        let t = self.top();
        t.lastmark = lm;
        t.lastindex = li;
    }

    fn lastmark_restore(&mut self) {
        let t = *self.top();
        self.lastmark = t.lastmark;
        self.lastindex = t.lastindex;
    }

    /// Runs the program from op `pc` at `self.ptr`. Ok(true) on a match (`self.ptr` is then
    /// its end).
    pub fn run(&mut self, prog: &Program, pc: u32, toplevel: bool) -> Result<bool, Abort> {
        self.ctxs.clear();
        self.ctxs.push(Ctx::new(pc, toplevel));
        let ops = &prog.ops[..];
        let mut mode = Mode::Enter;
        loop {
            mode = match mode {
                Mode::Enter => {
                    let ptr = self.ptr;
                    let pc = self.top().pc;
                    match ops[pc as usize] {
                        Op::Info { min, next } => {
                            if min != 0 && ptr <= self.end && self.end - ptr < min as usize {
                                Mode::Return(false)
                            } else {
                                Mode::Dispatch(next, ptr)
                            }
                        }
                        _ => Mode::Dispatch(pc, ptr),
                    }
                }
                Mode::Dispatch(pc, ptr) => self.dispatch(prog, pc, ptr)?,
                Mode::Return(ret) => {
                    self.ctxs.pop();
                    if self.ctxs.is_empty() {
                        return Ok(ret);
                    }
                    self.resume(prog, ret)?
                }
            }
        }
    }

    /// Executes ops of the top frame until it calls a child or returns.
    fn dispatch(&mut self, prog: &Program, mut pc: u32, mut ptr: usize) -> Result<Mode, Abort> {
        let ops = &prog.ops[..];
        let end = self.end;
        loop {
            self.steps = self.steps.wrapping_add(1);
            if self.steps & 0xfff == 0 && crate::modules::signals::pending() {
                return Err(Abort::Interrupted);
            }
            match &ops[pc as usize] {
                Op::Mark(i) => {
                    let i = *i as isize;
                    if i & 1 != 0 {
                        self.lastindex = i / 2 + 1;
                    }
                    if i > self.lastmark {
                        for j in (self.lastmark + 1)..i {
                            self.marks[j as usize] = -1;
                        }
                        self.lastmark = i;
                    }
                    self.marks[i as usize] = ptr as isize;
                    pc += 1;
                }
                Op::Lit { case, neg, ch } => {
                    if ptr >= end || chars::literal_eq(*case, *ch, self.at(ptr)) == *neg {
                        return Ok(Mode::Return(false));
                    }
                    pc += 1;
                    ptr += 1;
                }
                Op::Success => {
                    let toplevel = self.top().toplevel;
                    if toplevel
                        && ((self.match_all && ptr != end)
                            || (self.must_advance && ptr == self.start))
                    {
                        return Ok(Mode::Return(false));
                    }
                    self.ptr = ptr;
                    return Ok(Mode::Return(true));
                }
                Op::Failure => return Ok(Mode::Return(false)),
                Op::At(code) => {
                    if !self.at_code(*code, ptr) {
                        return Ok(Mode::Return(false));
                    }
                    pc += 1;
                }
                Op::Any => {
                    if ptr >= end || self.at(ptr) == 10 {
                        return Ok(Mode::Return(false));
                    }
                    pc += 1;
                    ptr += 1;
                }
                Op::AnyAll => {
                    if ptr >= end {
                        return Ok(Mode::Return(false));
                    }
                    pc += 1;
                    ptr += 1;
                }
                Op::In { case, set } => {
                    if ptr >= end || !prog.sets[*set as usize].contains_case(*case, self.at(ptr)) {
                        return Ok(Mode::Return(false));
                    }
                    pc += 1;
                    ptr += 1;
                }
                Op::Jump(t) | Op::Info { next: t, .. } => pc = *t,
                Op::Branch(_) => {
                    self.lastmark_save();
                    let pushed = self.repeat != NONE;
                    if pushed {
                        self.mark_push(self.lastmark);
                    }
                    let t = self.top();
                    t.pushed = pushed;
                    t.aux = 0;
                    t.pc = pc;
                    t.ptr = ptr;
                    return Ok(self.branch_next(prog));
                }
                Op::RepeatOne {
                    kind,
                    min,
                    max,
                    item,
                    tail,
                } => {
                    let (min, max) = (*min as usize, *max);
                    if ptr > end || min > end - ptr {
                        return Ok(Mode::Return(false));
                    }
                    self.ptr = ptr;
                    let toplevel = self.top().toplevel;
                    match kind {
                        RepKind::Greedy | RepKind::Possessive => {
                            let count = self.count(prog, *item, ptr, max);
                            ptr += count;
                            if count < min {
                                return Ok(Mode::Return(false));
                            }
                            let tail_success = matches!(ops[*tail as usize], Op::Success);
                            if tail_success
                                && ptr == end
                                && !(toplevel && self.must_advance && ptr == self.start)
                            {
                                self.ptr = ptr;
                                return Ok(Mode::Return(true));
                            }
                            if *kind == RepKind::Possessive {
                                pc = *tail;
                                continue;
                            }
                            self.lastmark_save();
                            let pushed = self.repeat != NONE;
                            if pushed {
                                self.mark_push(self.lastmark);
                            }
                            let lit = match ops[*tail as usize] {
                                Op::Lit {
                                    case: Case::Exact,
                                    neg: false,
                                    ch,
                                } => Some(ch),
                                _ => None,
                            };
                            let t = self.top();
                            t.pushed = pushed;
                            t.count = count as isize;
                            t.pc = pc;
                            t.ptr = ptr;
                            return Ok(match lit {
                                Some(ch) => {
                                    self.top().aux = ch;
                                    self.repeat_one_lit(prog)
                                }
                                None => self.repeat_one_try(prog),
                            });
                        }
                        RepKind::Lazy => {
                            let mut count = 0;
                            if min > 0 {
                                count = self.count(prog, *item, ptr, min as u32);
                                if count < min {
                                    return Ok(Mode::Return(false));
                                }
                                ptr += count;
                            }
                            let tail_success = matches!(ops[*tail as usize], Op::Success);
                            if tail_success
                                && !(toplevel
                                    && ((self.match_all && ptr != end)
                                        || (self.must_advance && ptr == self.start)))
                            {
                                self.ptr = ptr;
                                return Ok(Mode::Return(true));
                            }
                            self.lastmark_save();
                            let pushed = self.repeat != NONE;
                            if pushed {
                                self.mark_push(self.lastmark);
                            }
                            let t = self.top();
                            t.pushed = pushed;
                            t.count = count as isize;
                            t.pc = pc;
                            t.ptr = ptr;
                            return Ok(self.min_repeat_one_try(prog));
                        }
                    }
                }
                Op::Repeat { until, .. } => {
                    let prev = self.repeat;
                    self.repeats.push(RepeatCtx {
                        count: -1,
                        op: pc,
                        prev,
                        last_ptr: NONE,
                    });
                    self.repeat = self.repeats.len() - 1;
                    self.top().aux = self.repeat as u32;
                    self.ptr = ptr;
                    let tl = self.top().toplevel;
                    return Ok(self.call(Jump::Repeat, pc, ptr, *until, tl));
                }
                Op::MaxUntil | Op::MinUntil => {
                    let r = self.repeat;
                    if r == NONE {
                        return Err(Abort::Internal);
                    }
                    self.ptr = ptr;
                    let count = self.repeats[r].count + 1;
                    let (min, _max, body) = repeat_params(prog, self.repeats[r].op);
                    let t = self.top();
                    t.aux = r as u32;
                    t.count = count;
                    t.pc = pc;
                    t.ptr = ptr;
                    let tl = t.toplevel;
                    let lazy = matches!(ops[pc as usize], Op::MinUntil);
                    if count < min as isize {
                        self.repeats[r].count = count;
                        let j = if lazy {
                            Jump::MinUntil1
                        } else {
                            Jump::MaxUntil1
                        };
                        return Ok(self.call(j, pc, ptr, body, tl));
                    }
                    if lazy {
                        return Ok(self.min_until_tail(pc, ptr));
                    }
                    return Ok(self.max_until_more(prog));
                }
                Op::PossRepeat { .. } => {
                    self.ptr = ptr;
                    let t = self.top();
                    t.count = 0;
                    t.pc = pc;
                    t.ptr = ptr;
                    return Ok(self.poss_min(prog));
                }
                Op::Atomic { body, .. } => {
                    self.ptr = ptr;
                    return Ok(self.call(Jump::Atomic, pc, ptr, *body, false));
                }
                Op::GroupRef { g, case } => match self.groupref(*g, *case, ptr) {
                    Some(p) => {
                        ptr = p;
                        pc += 1;
                    }
                    None => return Ok(Mode::Return(false)),
                },
                Op::GroupRefExists { g, no } => {
                    if self.group_exists(*g) {
                        pc += 1;
                    } else {
                        pc = *no;
                    }
                }
                Op::Assert {
                    neg,
                    back,
                    body,
                    next,
                } => {
                    let back = *back as usize;
                    if !*neg {
                        if ptr < back {
                            return Ok(Mode::Return(false));
                        }
                        self.ptr = ptr - back;
                        return Ok(self.call(Jump::Assert, pc, ptr, *body, false));
                    }
                    if ptr >= back {
                        self.ptr = ptr - back;
                        self.lastmark_save();
                        let pushed = self.repeat != NONE;
                        if pushed {
                            self.mark_push(self.lastmark);
                        }
                        self.top().pushed = pushed;
                        return Ok(self.call(Jump::AssertNot, pc, ptr, *body, false));
                    }
                    pc = *next;
                }
            }
        }
    }

    /// BRANCH: tries the alternatives from `aux` on.
    fn branch_next(&mut self, prog: &Program) -> Mode {
        let t = *self.top();
        let Op::Branch(b) = prog.ops[t.pc as usize] else {
            return Mode::Return(false);
        };
        let alts = &prog.branches[b as usize];
        let ptr = t.ptr;
        let mut i = t.aux as usize;
        while i < alts.len() {
            let alt = &alts[i];
            i += 1;
            let ok = match alt.quick {
                Quick::None => true,
                Quick::Lit(c) => ptr < self.end && self.at(ptr) == c,
                Quick::Set(s) => ptr < self.end && prog.sets[s as usize].contains(self.at(ptr)),
            };
            if !ok {
                continue;
            }
            self.top().aux = i as u32;
            self.ptr = ptr;
            return self.call(Jump::Branch, t.pc, ptr, alt.start, t.toplevel);
        }
        if t.pushed {
            self.mark_discard(t.lastmark);
        }
        Mode::Return(false)
    }

    fn repeat_one_params(prog: &Program, pc: u32) -> (usize, u32, u32, u32) {
        match prog.ops[pc as usize] {
            Op::RepeatOne {
                min,
                max,
                item,
                tail,
                ..
            } => (min as usize, max, item, tail),
            _ => (0, 0, 0, 0),
        }
    }

    /// Greedy REPEAT_ONE whose tail starts with a literal: back off to positions where the
    /// literal matches before trying the tail.
    fn repeat_one_lit(&mut self, prog: &Program) -> Mode {
        let t = *self.top();
        let (min, _, _, tail) = Self::repeat_one_params(prog, t.pc);
        let (mut ptr, mut count) = (t.ptr, t.count);
        let ch = t.aux;
        loop {
            if count < min as isize {
                break;
            }
            if ptr < self.end && self.at(ptr) == ch {
                let c = self.top();
                c.ptr = ptr;
                c.count = count;
                self.ptr = ptr;
                return self.call(Jump::RepeatOneLit, t.pc, ptr, tail, t.toplevel);
            }
            if count == min as isize {
                break;
            }
            ptr -= 1;
            count -= 1;
        }
        if t.pushed {
            self.mark_discard(t.lastmark);
        }
        Mode::Return(false)
    }

    fn repeat_one_try(&mut self, prog: &Program) -> Mode {
        let t = *self.top();
        let (min, _, _, tail) = Self::repeat_one_params(prog, t.pc);
        if t.count >= min as isize {
            self.ptr = t.ptr;
            return self.call(Jump::RepeatOne, t.pc, t.ptr, tail, t.toplevel);
        }
        if t.pushed {
            self.mark_discard(t.lastmark);
        }
        Mode::Return(false)
    }

    fn min_repeat_one_try(&mut self, prog: &Program) -> Mode {
        let t = *self.top();
        let (_, max, _, tail) = Self::repeat_one_params(prog, t.pc);
        if max == MAXREPEAT || t.count <= max as isize {
            self.ptr = t.ptr;
            return self.call(Jump::MinRepeatOne, t.pc, t.ptr, tail, t.toplevel);
        }
        if t.pushed {
            self.mark_discard(t.lastmark);
        }
        Mode::Return(false)
    }

    /// MAX_UNTIL with at least `min` items: try one more item unless at `max` or the last
    /// item matched the empty string; otherwise go on to the tail.
    fn max_until_more(&mut self, prog: &Program) -> Mode {
        let t = *self.top();
        let r = t.aux as usize;
        let (_, max, body) = repeat_params(prog, self.repeats[r].op);
        if (t.count < max as isize || max == MAXREPEAT) && self.ptr != self.repeats[r].last_ptr {
            self.repeats[r].count = t.count;
            self.lastmark_save();
            self.mark_push(self.lastmark);
            let lp = self.repeats[r].last_ptr;
            self.data.push(lp as isize);
            self.repeats[r].last_ptr = self.ptr;
            return self.call(Jump::MaxUntil2, t.pc, t.ptr, body, t.toplevel);
        }
        self.max_until_tail()
    }

    fn max_until_tail(&mut self) -> Mode {
        let t = *self.top();
        let r = t.aux as usize;
        self.repeat = self.repeats[r].prev;
        self.call(Jump::MaxUntil3, t.pc, t.ptr, t.pc + 1, t.toplevel)
    }

    fn min_until_tail(&mut self, pc: u32, ptr: usize) -> Mode {
        let r = self.top().aux as usize;
        self.repeat = self.repeats[r].prev;
        self.lastmark_save();
        let pushed = self.repeat != NONE;
        if pushed {
            self.mark_push(self.lastmark);
        }
        let t = self.top();
        t.pushed = pushed;
        let tl = t.toplevel;
        self.call(Jump::MinUntil2, pc, ptr, pc + 1, tl)
    }

    fn poss_min(&mut self, prog: &Program) -> Mode {
        let t = *self.top();
        let (min, _, body) = repeat_params(prog, t.pc);
        if t.count < min as isize {
            return self.call(Jump::Poss1, t.pc, t.ptr, body, false);
        }
        self.top().ptr = NONE;
        self.poss_more(prog)
    }

    fn poss_more(&mut self, prog: &Program) -> Mode {
        let t = *self.top();
        let (_, max, body) = repeat_params(prog, t.pc);
        if (t.count < max as isize || max == MAXREPEAT) && self.ptr != t.ptr {
            self.lastmark_save();
            self.mark_push(self.lastmark);
            let sp = self.ptr;
            return self.call(Jump::Poss2, t.pc, sp, body, false);
        }
        self.poss_tail(prog)
    }

    fn poss_tail(&mut self, prog: &Program) -> Mode {
        let pc = self.top().pc;
        match prog.ops[pc as usize] {
            Op::PossRepeat { tail, .. } => Mode::Dispatch(tail, self.ptr),
            _ => Mode::Return(false),
        }
    }

    /// Continues the top frame after its child returned `ret`.
    fn resume(&mut self, prog: &Program, ret: bool) -> Result<Mode, Abort> {
        let t = *self.top();
        Ok(match t.jump {
            Jump::None => Mode::Return(ret),
            Jump::Branch => {
                if ret {
                    if t.pushed {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Return(true));
                }
                if t.pushed {
                    self.mark_pop(t.lastmark, false);
                }
                self.lastmark_restore();
                self.branch_next(prog)
            }
            Jump::RepeatOneLit | Jump::RepeatOne => {
                if ret {
                    if t.pushed {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Return(true));
                }
                if t.pushed {
                    self.mark_pop(t.lastmark, false);
                }
                self.lastmark_restore();
                let (min, ..) = Self::repeat_one_params(prog, t.pc);
                if t.count <= min as isize {
                    if t.pushed {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Return(false));
                }
                let c = self.top();
                c.ptr -= 1;
                c.count -= 1;
                if t.jump == Jump::RepeatOneLit {
                    self.repeat_one_lit(prog)
                } else {
                    self.repeat_one_try(prog)
                }
            }
            Jump::MinRepeatOne => {
                if ret {
                    if t.pushed {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Return(true));
                }
                if t.pushed {
                    self.mark_pop(t.lastmark, false);
                }
                self.lastmark_restore();
                self.ptr = t.ptr;
                let (_, _, item, _) = Self::repeat_one_params(prog, t.pc);
                if self.count(prog, item, t.ptr, 1) == 0 {
                    if t.pushed {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Return(false));
                }
                let c = self.top();
                c.ptr += 1;
                c.count += 1;
                self.min_repeat_one_try(prog)
            }
            Jump::Repeat => {
                let r = t.aux as usize;
                self.repeat = self.repeats[r].prev;
                self.repeats.truncate(r);
                Mode::Return(ret)
            }
            Jump::MaxUntil1 | Jump::MinUntil1 => {
                if ret {
                    return Ok(Mode::Return(true));
                }
                let r = t.aux as usize;
                self.repeats[r].count = t.count - 1;
                self.ptr = t.ptr;
                Mode::Return(false)
            }
            Jump::MaxUntil2 => {
                let r = t.aux as usize;
                let lp = self.data.pop().unwrap_or(-1);
                self.repeats[r].last_ptr = if lp < 0 { NONE } else { lp as usize };
                if ret {
                    self.mark_discard(t.lastmark);
                    return Ok(Mode::Return(true));
                }
                self.mark_pop(t.lastmark, true);
                self.lastmark_restore();
                self.repeats[r].count = t.count - 1;
                self.ptr = t.ptr;
                self.max_until_tail()
            }
            Jump::MaxUntil3 => {
                self.repeat = t.aux as usize;
                if ret {
                    return Ok(Mode::Return(true));
                }
                self.ptr = t.ptr;
                Mode::Return(false)
            }
            Jump::MinUntil2 => {
                let r = t.aux as usize;
                self.repeat = r;
                if ret {
                    if t.pushed {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Return(true));
                }
                if t.pushed {
                    self.mark_pop(t.lastmark, true);
                }
                self.lastmark_restore();
                self.ptr = t.ptr;
                let (_, max, body) = repeat_params(prog, self.repeats[r].op);
                if (t.count >= max as isize && max != MAXREPEAT)
                    || self.ptr == self.repeats[r].last_ptr
                {
                    return Ok(Mode::Return(false));
                }
                self.repeats[r].count = t.count;
                let lp = self.repeats[r].last_ptr;
                self.data.push(if lp == NONE { -1 } else { lp as isize });
                self.repeats[r].last_ptr = self.ptr;
                self.call(Jump::MinUntil3, t.pc, t.ptr, body, t.toplevel)
            }
            Jump::MinUntil3 => {
                let r = t.aux as usize;
                let lp = self.data.pop().unwrap_or(-1);
                self.repeats[r].last_ptr = if lp < 0 { NONE } else { lp as usize };
                if ret {
                    return Ok(Mode::Return(true));
                }
                self.repeats[r].count = t.count - 1;
                self.ptr = t.ptr;
                Mode::Return(false)
            }
            Jump::Poss1 => {
                if ret {
                    self.top().count += 1;
                    self.poss_min(prog)
                } else {
                    self.ptr = t.ptr;
                    Mode::Return(false)
                }
            }
            Jump::Poss2 => {
                if ret {
                    self.mark_discard(t.lastmark);
                    self.top().count += 1;
                    self.poss_more(prog)
                } else {
                    self.mark_pop(t.lastmark, true);
                    self.lastmark_restore();
                    self.ptr = t.ptr;
                    self.poss_tail(prog)
                }
            }
            Jump::Atomic => {
                if !ret {
                    self.ptr = t.ptr;
                    return Ok(Mode::Return(false));
                }
                match prog.ops[t.pc as usize] {
                    Op::Atomic { tail, .. } => Mode::Dispatch(tail, self.ptr),
                    _ => Mode::Return(false),
                }
            }
            Jump::Assert => {
                if !ret {
                    return Ok(Mode::Return(false));
                }
                match prog.ops[t.pc as usize] {
                    Op::Assert { next, .. } => Mode::Dispatch(next, t.ptr),
                    _ => Mode::Return(false),
                }
            }
            Jump::AssertNot => {
                if ret {
                    if t.pushed {
                        self.mark_discard(t.lastmark);
                    }
                    return Ok(Mode::Return(false));
                }
                if t.pushed {
                    self.mark_pop(t.lastmark, true);
                }
                self.lastmark_restore();
                match prog.ops[t.pc as usize] {
                    Op::Assert { next, .. } => Mode::Dispatch(next, t.ptr),
                    _ => Mode::Return(false),
                }
            }
        })
    }

    /// `SRE(search)`: the first match at or after `self.start`.
    pub fn search(&mut self, prog: &Program) -> Result<bool, Abort> {
        let mut ptr = self.start;
        let mut end = self.end;
        if ptr > end {
            return Ok(false);
        }
        let mut body = 0;
        let mut prefix: &[u32] = &[];
        let mut prefix_skip = 0usize;
        let mut literal = false;
        let mut charset = None;
        if let Some(info) = &prog.info {
            let min = info.min as usize;
            if min > 0 && end - ptr < min {
                return Ok(false);
            }
            if min > 1 {
                end -= min - 1;
                if end <= ptr {
                    end = ptr;
                }
            }
            body = prog.body;
            prefix = &info.prefix;
            prefix_skip = info.prefix_skip as usize;
            literal = info.literal;
            charset = info.charset.as_ref();
        }
        if !prefix.is_empty() {
            let n = prefix.len();
            let end = self.end;
            if n > end - ptr {
                return Ok(false);
            }
            self.must_advance = false;
            let first = prefix[0];
            let mut p = ptr;
            while p + n <= end {
                if self.at(p) != first || !(1..n).all(|k| self.at(p + k) == prefix[k]) {
                    p += 1;
                    continue;
                }
                self.start = p;
                self.ptr = p + prefix_skip;
                if literal {
                    return Ok(true);
                }
                if self.run(prog, body + prefix_skip as u32, false)? {
                    return Ok(true);
                }
                p += 1;
                self.lastmark = -1;
                self.lastindex = -1;
            }
            return Ok(false);
        }
        if let Some(set) = charset {
            let end = self.end;
            self.must_advance = false;
            loop {
                while ptr < end && !set.contains(self.at(ptr)) {
                    ptr += 1;
                }
                if ptr >= end {
                    return Ok(false);
                }
                self.start = ptr;
                self.ptr = ptr;
                if self.run(prog, body, false)? {
                    return Ok(true);
                }
                ptr += 1;
                self.lastmark = -1;
                self.lastindex = -1;
            }
        }
        self.start = ptr;
        self.ptr = ptr;
        let mut status = self.run(prog, body, true)?;
        self.must_advance = false;
        if !status && matches!(prog.ops.get(body as usize), Some(Op::At(0 | 2))) {
            self.start = end;
            self.ptr = end;
            return Ok(false);
        }
        // A position where the first op (a character test) fails cannot start a match:
        // skip it without entering the matcher.
        let first = match prog.ops.get(body as usize) {
            Some(o @ (Op::Lit { .. } | Op::In { .. })) => Some(o),
            _ => None,
        };
        while !status && ptr < end {
            ptr += 1;
            if let Some(o) = first
                && (ptr >= self.end || !self.unit(prog, o, self.at(ptr)))
            {
                continue;
            }
            self.lastmark = -1;
            self.lastindex = -1;
            self.start = ptr;
            self.ptr = ptr;
            status = self.run(prog, body, false)?;
        }
        Ok(status)
    }
}

/// (min, max, body) of the REPEAT or POSSESSIVE_REPEAT op at `pc`.
fn repeat_params(prog: &Program, pc: u32) -> (u32, u32, u32) {
    match prog.ops[pc as usize] {
        Op::Repeat { min, max, body, .. } | Op::PossRepeat { min, max, body, .. } => {
            (min, max, body)
        }
        _ => (0, 0, pc),
    }
}

#[cfg(test)]
mod tests {
    use super::super::program::build;
    use super::*;

    /// Code words python3.11's `re._compiler` emits for `a(b+)c`.
    const A_BPLUS_C: &[u32] = &[
        14, 8, 1, 3, 4294967295, 1, 1, 97, 0, 16, 97, 17, 0, 24, 6, 1, 4294967295, 16, 98, 1, 17,
        1, 16, 99, 1,
    ];

    fn search(code: &[u32], groups: usize, text: &str) -> Option<Vec<isize>> {
        let prog = build(code, groups as u64).expect("valid code");
        let t = text.as_bytes();
        let mut st = State::new(t, 0, t.len(), groups);
        if !st.search(&prog).expect("no abort") {
            return None;
        }
        let mut spans = vec![st.start as isize, st.ptr as isize];
        spans.extend_from_slice(&st.marks[..2 * groups]);
        Some(spans)
    }

    #[test]
    fn prefix_search_and_groups() {
        assert_eq!(search(A_BPLUS_C, 1, "xxabbbcx"), Some(vec![2, 7, 3, 6]));
        assert_eq!(search(A_BPLUS_C, 1, "xxacx"), None);
    }

    #[test]
    fn conditional_and_charset_repeat() {
        let cond = [
            14, 8, 1, 2, 2, 1, 0, 97, 0, 17, 0, 16, 97, 17, 1, 12, 0, 6, 16, 98, 15, 3, 16, 99, 1,
        ];
        assert_eq!(search(&cond, 1, "zab"), Some(vec![1, 3, 1, 2]));
        let star = [
            14, 4, 0, 1, 4294967295, 24, 10, 0, 4294967295, 13, 5, 22, 120, 121, 0, 1, 16, 122, 1,
        ];
        assert_eq!(search(&star, 0, "axyxz"), Some(vec![1, 5]));
    }

    #[test]
    fn malformed_code_is_rejected() {
        assert!(build(&[], 0).is_err());
        assert!(build(&[0], 0).is_err());
        assert!(build(&[17, 5, 1], 1).is_err());
        assert!(build(&[15, 2, 1], 0).is_err());
        assert!(build(&A_BPLUS_C[..A_BPLUS_C.len() - 3], 1).is_err());
        // Every truncation of valid code is either rejected or still well-formed.
        for n in 0..A_BPLUS_C.len() {
            let mut c = A_BPLUS_C[..n].to_vec();
            c.push(1);
            if let Ok(p) = build(&c, 1) {
                let mut st = State::new(b"abbc", 0, 4, 1);
                let _ = st.search(&p);
            }
        }
    }

    #[test]
    fn mutated_code_never_panics() {
        // Python code can pass any code list to `_sre.compile`: every single-word mutation
        // of valid programs must be rejected or run without panicking.
        let cond: &[u32] = &[
            14, 8, 1, 2, 2, 1, 0, 97, 0, 17, 0, 16, 97, 17, 1, 12, 0, 6, 16, 98, 15, 3, 16, 99, 1,
        ];
        for base in [A_BPLUS_C, cond] {
            for i in 0..base.len() {
                for v in [
                    0,
                    1,
                    2,
                    3,
                    5,
                    7,
                    12,
                    13,
                    14,
                    15,
                    17,
                    18,
                    23,
                    24,
                    100,
                    u32::MAX,
                ] {
                    let mut c = base.to_vec();
                    c[i] = v;
                    for groups in 0..3 {
                        if let Ok(p) = build(&c, groups) {
                            for text in [&b"abbbc"[..], b"", b"zab"] {
                                let mut st = State::new(text, 0, text.len(), groups as usize);
                                let _ = st.search(&p);
                                let mut st = State::new(text, 0, text.len(), groups as usize);
                                let _ = st.run(&p, 0, true);
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn long_repeat() {
        let star = [
            14, 4, 0, 1, 4294967295, 24, 10, 0, 4294967295, 13, 5, 22, 120, 121, 0, 1, 16, 122, 1,
        ];
        let mut s = "xy".repeat(100_000);
        s.push('z');
        assert_eq!(search(&star, 0, &s), Some(vec![0, 200_001]));
    }
}
