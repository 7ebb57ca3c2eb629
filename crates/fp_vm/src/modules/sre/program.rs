//! Compiling `re._compiler`'s code words into the engine's program, checking them on the way.
//!
//! The code list follows 3.11's opcode grammar (the same one CPython's `_validate` checks):
//! every jump is a forward skip relative to its own word and every nested block ends with a
//! fixed terminator (SUCCESS, JUMP, MAX_UNTIL/MIN_UNTIL). We walk that grammar once, produce
//! one [`Op`] per opcode with skips turned into op indices and sets turned into [`CharSet`]s,
//! and reject anything malformed with RuntimeError("invalid SRE code"), so the engine never
//! has to check the program's shape while matching.

use super::chars::{Case, CharSet, op};

pub const MAXREPEAT: u32 = u32::MAX;
pub const MAXGROUPS: u64 = (i32::MAX / 2) as u64;

/// Greedy (`REPEAT_ONE`), lazy (`MIN_REPEAT_ONE`) or possessive single-character repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepKind {
    Greedy,
    Lazy,
    Possessive,
}

/// One instruction. Fields named like `tail`/`body`/`next` are op indices.
#[derive(Clone, Debug)]
pub enum Op {
    Failure,
    Success,
    Any,
    AnyAll,
    At(u32),
    Lit {
        case: Case,
        neg: bool,
        ch: u32,
    },
    In {
        case: Case,
        set: u32,
    },
    Mark(u32),
    Jump(u32),
    /// Entered as a context's first op: fail if fewer than `min` characters remain; otherwise
    /// (and when reached by dispatch) continue at `next`.
    Info {
        min: u32,
        next: u32,
    },
    Branch(u32),
    RepeatOne {
        kind: RepKind,
        min: u32,
        max: u32,
        item: u32,
        tail: u32,
    },
    Repeat {
        min: u32,
        max: u32,
        body: u32,
        until: u32,
    },
    MaxUntil,
    MinUntil,
    PossRepeat {
        min: u32,
        max: u32,
        body: u32,
        tail: u32,
    },
    Atomic {
        body: u32,
        tail: u32,
    },
    GroupRef {
        g: u32,
        case: Case,
    },
    GroupRefExists {
        g: u32,
        no: u32,
    },
    Assert {
        neg: bool,
        back: u32,
        body: u32,
        next: u32,
    },
}

/// A quick test on an alternative's first character (BRANCH skips alternatives that start
/// with a LITERAL or IN the current character cannot match).
#[derive(Clone, Debug)]
pub enum Quick {
    None,
    Lit(u32),
    Set(u32),
}

#[derive(Clone, Debug)]
pub struct Alt {
    pub start: u32,
    pub quick: Quick,
}

/// What the top-level INFO block tells `search`.
#[derive(Clone, Debug, Default)]
pub struct SearchInfo {
    pub min: u32,
    pub prefix: Vec<u32>,
    /// How many leading LITERAL ops the prefix covers (matching starts after them).
    pub prefix_skip: u32,
    /// The whole pattern is the prefix.
    pub literal: bool,
    pub charset: Option<CharSet>,
}

#[derive(Clone, Debug)]
pub struct Program {
    pub ops: Vec<Op>,
    pub sets: Vec<CharSet>,
    pub branches: Vec<Vec<Alt>>,
    /// The top-level INFO block, if any, and the op after it.
    pub info: Option<SearchInfo>,
    pub body: u32,
}

struct Builder<'a> {
    code: &'a [u32],
    groups: u64,
    ops: Vec<Op>,
    /// Code position of each op (parallel to `ops`), to map skips to op indices.
    pos: Vec<usize>,
    sets: Vec<CharSet>,
    branches: Vec<Vec<(usize, Quick)>>,
}

type R<T> = Result<T, ()>;

impl<'a> Builder<'a> {
    fn word(&self, i: usize) -> R<u32> {
        self.code.get(i).copied().ok_or(())
    }

    fn push(&mut self, at: usize, o: Op) -> u32 {
        self.ops.push(o);
        self.pos.push(at);
        (self.ops.len() - 1) as u32
    }

    /// A skip word at `i` (within `end`), returned with `i + skip`, the position it points to.
    fn skip(&self, i: usize, end: usize, adj: usize) -> R<(usize, usize)> {
        if i >= end {
            return Err(());
        }
        let s = self.word(i)? as usize;
        if s.wrapping_sub(adj) > end - i {
            return Err(());
        }
        Ok((s, i + s))
    }

    fn charset(&mut self, from: usize, to_incl: usize) -> R<u32> {
        let words = self.code.get(from..=to_incl).ok_or(())?;
        let set = CharSet::parse(words).ok_or(())?;
        self.sets.push(set);
        Ok((self.sets.len() - 1) as u32)
    }

    /// Translates the ops in `code[start..end]`; Ok(true) if the block ends with a JUMP.
    fn block(&mut self, start: usize, end: usize) -> R<bool> {
        if start > end || end > self.code.len() {
            return Err(());
        }
        let mut p = start;
        while p < end {
            let o = self.word(p)?;
            match o {
                op::MARK => {
                    let a = self.arg(p + 1, end)?;
                    if a as u64 > 2 * self.groups + 1 {
                        return Err(());
                    }
                    self.push(p, Op::Mark(a));
                    p += 2;
                }
                op::LITERAL
                | op::NOT_LITERAL
                | op::LITERAL_IGNORE
                | op::NOT_LITERAL_IGNORE
                | op::LITERAL_UNI_IGNORE
                | op::NOT_LITERAL_UNI_IGNORE
                | op::LITERAL_LOC_IGNORE
                | op::NOT_LITERAL_LOC_IGNORE => {
                    let ch = self.arg(p + 1, end)?;
                    let (case, neg) = match o {
                        op::LITERAL => (Case::Exact, false),
                        op::NOT_LITERAL => (Case::Exact, true),
                        op::LITERAL_IGNORE => (Case::Ascii, false),
                        op::NOT_LITERAL_IGNORE => (Case::Ascii, true),
                        op::LITERAL_UNI_IGNORE => (Case::Uni, false),
                        op::NOT_LITERAL_UNI_IGNORE => (Case::Uni, true),
                        op::LITERAL_LOC_IGNORE => (Case::Loc, false),
                        _ => (Case::Loc, true),
                    };
                    self.push(p, Op::Lit { case, neg, ch });
                    p += 2;
                }
                op::SUCCESS => {
                    self.push(p, Op::Success);
                    p += 1;
                }
                op::FAILURE => {
                    self.push(p, Op::Failure);
                    p += 1;
                }
                op::AT => {
                    let a = self.arg(p + 1, end)?;
                    if a > 11 {
                        return Err(());
                    }
                    self.push(p, Op::At(a));
                    p += 2;
                }
                op::ANY => {
                    self.push(p, Op::Any);
                    p += 1;
                }
                op::ANY_ALL => {
                    self.push(p, Op::AnyAll);
                    p += 1;
                }
                op::IN | op::IN_IGNORE | op::IN_UNI_IGNORE | op::IN_LOC_IGNORE => {
                    let (s, _) = self.skip(p + 1, end, 0)?;
                    if s < 2 {
                        return Err(());
                    }
                    let set = self.charset(p + 2, p + s)?;
                    let case = match o {
                        op::IN => Case::Exact,
                        op::IN_IGNORE => Case::Ascii,
                        op::IN_UNI_IGNORE => Case::Uni,
                        _ => Case::Loc,
                    };
                    self.push(p, Op::In { case, set });
                    p = p + 1 + s;
                }
                op::INFO => {
                    let (min, next) = self.info(p, end)?;
                    self.push(
                        p,
                        Op::Info {
                            min,
                            next: next as u32,
                        },
                    );
                    p = next;
                }
                op::BRANCH => {
                    let me = self.push(p, Op::Branch(0));
                    let mut alts = Vec::new();
                    let mut target: Option<usize> = None;
                    let mut q = p + 1;
                    loop {
                        let (s, _) = self.skip(q, end, 0)?;
                        if s == 0 {
                            q += 1;
                            break;
                        }
                        if s < 3 {
                            return Err(());
                        }
                        let body = q + 1;
                        let quick = match (self.word(body)?, self.code.get(body + 1)) {
                            (op::LITERAL, Some(&c)) => Quick::Lit(c),
                            _ => Quick::None,
                        };
                        let first_set = self.sets.len() as u32;
                        let is_in = self.word(body)? == op::IN;
                        self.inner(body, q + s - 2)?;
                        let quick = if is_in { Quick::Set(first_set) } else { quick };
                        if self.word(q + s - 2)? != op::JUMP {
                            return Err(());
                        }
                        let (_, t) = self.skip(q + s - 1, end, 0)?;
                        match target {
                            None => target = Some(t),
                            Some(t0) if t0 != t => return Err(()),
                            _ => {}
                        }
                        self.push(q + s - 2, Op::Jump(t as u32));
                        alts.push((body, quick));
                        q += s;
                    }
                    if target != Some(q) {
                        return Err(());
                    }
                    self.branches.push(alts);
                    self.ops[me as usize] = Op::Branch((self.branches.len() - 1) as u32);
                    p = q;
                }
                op::REPEAT_ONE | op::MIN_REPEAT_ONE | op::POSSESSIVE_REPEAT_ONE => {
                    let (s, tail) = self.skip(p + 1, end, 0)?;
                    let min = self.arg(p + 2, end)?;
                    let max = self.arg(p + 3, end)?;
                    if min > max || s < 4 {
                        return Err(());
                    }
                    let me = self.push(p, Op::Failure);
                    let item = self.ops.len() as u32;
                    self.inner(p + 4, p + s)?;
                    // The engine counts single-character items only (all the compiler emits).
                    if self.ops.len() as u32 != item + 1 || !is_unit(&self.ops[item as usize]) {
                        return Err(());
                    }
                    if self.word(p + s)? != op::SUCCESS || p + s >= end {
                        return Err(());
                    }
                    self.push(p + s, Op::Success);
                    let kind = match o {
                        op::REPEAT_ONE => RepKind::Greedy,
                        op::MIN_REPEAT_ONE => RepKind::Lazy,
                        _ => RepKind::Possessive,
                    };
                    self.ops[me as usize] = Op::RepeatOne {
                        kind,
                        min,
                        max,
                        item,
                        tail: tail as u32,
                    };
                    p = tail;
                }
                op::REPEAT | op::POSSESSIVE_REPEAT => {
                    let (s, until) = self.skip(p + 1, end, 0)?;
                    let min = self.arg(p + 2, end)?;
                    let max = self.arg(p + 3, end)?;
                    if min > max || s < 3 || until + 1 > end {
                        return Err(());
                    }
                    let me = self.push(p, Op::Failure);
                    self.inner(p + 4, until)?;
                    let term = self.word(until)?;
                    if o == op::POSSESSIVE_REPEAT {
                        if term != op::SUCCESS {
                            return Err(());
                        }
                        self.push(until, Op::Success);
                        self.ops[me as usize] = Op::PossRepeat {
                            min,
                            max,
                            body: (p + 4) as u32,
                            tail: (until + 1) as u32,
                        };
                    } else {
                        let u = match term {
                            op::MAX_UNTIL => Op::MaxUntil,
                            op::MIN_UNTIL => Op::MinUntil,
                            _ => return Err(()),
                        };
                        self.push(until, u);
                        self.ops[me as usize] = Op::Repeat {
                            min,
                            max,
                            body: (p + 4) as u32,
                            until: until as u32,
                        };
                    }
                    p = until + 1;
                }
                op::ATOMIC_GROUP => {
                    let (s, tail) = self.skip(p + 1, end, 0)?;
                    if s < 2 || tail > end {
                        return Err(());
                    }
                    let me = self.push(p, Op::Failure);
                    self.inner(p + 2, p + s)?;
                    if self.word(p + s)? != op::SUCCESS {
                        return Err(());
                    }
                    self.push(p + s, Op::Success);
                    self.ops[me as usize] = Op::Atomic {
                        body: (p + 2) as u32,
                        tail: tail as u32,
                    };
                    p = tail;
                }
                op::GROUPREF
                | op::GROUPREF_IGNORE
                | op::GROUPREF_UNI_IGNORE
                | op::GROUPREF_LOC_IGNORE => {
                    let g = self.arg(p + 1, end)?;
                    if g as u64 >= self.groups {
                        return Err(());
                    }
                    let case = match o {
                        op::GROUPREF => Case::Exact,
                        op::GROUPREF_IGNORE => Case::Ascii,
                        op::GROUPREF_UNI_IGNORE => Case::Uni,
                        _ => Case::Loc,
                    };
                    self.push(p, Op::GroupRef { g, case });
                    p += 2;
                }
                op::GROUPREF_EXISTS => {
                    let g = self.arg(p + 1, end)?;
                    if g as u64 >= self.groups {
                        return Err(());
                    }
                    let (s, no) = self.skip(p + 2, end, 1)?;
                    // `no` is relative to the group word: p + 1 + s.
                    let no = no - 1;
                    if s < 2 || no > end {
                        return Err(());
                    }
                    let me = self.push(p, Op::Failure);
                    let jumps = self.block(p + 3, no)?;
                    let after = if jumps {
                        // The yes-branch ends with JUMP <skip> at no-2, no-1: the else part
                        // runs from `no` to the JUMP's target.
                        let (s2, t) = self.skip(no - 1, end, 0)?;
                        if s2 < 1 {
                            return Err(());
                        }
                        if self.block(no, t)? {
                            return Err(());
                        }
                        t
                    } else {
                        no
                    };
                    self.ops[me as usize] = Op::GroupRefExists { g, no: no as u32 };
                    p = after;
                }
                op::ASSERT | op::ASSERT_NOT => {
                    let (s, next) = self.skip(p + 1, end, 0)?;
                    let back = self.arg(p + 2, end)?;
                    if s < 3 || next > end {
                        return Err(());
                    }
                    let me = self.push(p, Op::Failure);
                    self.inner(p + 3, p + s)?;
                    if self.word(p + s)? != op::SUCCESS {
                        return Err(());
                    }
                    self.push(p + s, Op::Success);
                    self.ops[me as usize] = Op::Assert {
                        neg: o == op::ASSERT_NOT,
                        back,
                        body: (p + 3) as u32,
                        next: next as u32,
                    };
                    p = next;
                }
                op::JUMP => {
                    if p + 2 != end {
                        return Err(());
                    }
                    let (_, t) = self.skip(p + 1, self.code.len(), 0)?;
                    self.push(p, Op::Jump(t as u32));
                    return Ok(true);
                }
                _ => return Err(()),
            }
        }
        if p != end {
            return Err(());
        }
        Ok(false)
    }

    /// A nested block that must not end with a JUMP.
    fn inner(&mut self, start: usize, end: usize) -> R<()> {
        if self.block(start, end)? {
            return Err(());
        }
        Ok(())
    }

    fn arg(&self, i: usize, end: usize) -> R<u32> {
        if i >= end {
            return Err(());
        }
        self.word(i)
    }

    /// Checks an INFO block at `p`; returns its min and the position after it.
    fn info(&mut self, p: usize, end: usize) -> R<(u32, usize)> {
        let (_, newcode) = self.skip(p + 1, end, 0)?;
        if newcode > end || newcode < p + 5 {
            return Err(());
        }
        let flags = self.arg(p + 2, newcode)?;
        let min = self.arg(p + 3, newcode)?;
        self.arg(p + 4, newcode)?;
        if flags & !7 != 0
            || (flags & 1 != 0 && flags & 4 != 0)
            || (flags & 2 != 0 && flags & 1 == 0)
        {
            return Err(());
        }
        let mut c = p + 5;
        if flags & 1 != 0 {
            let len = self.arg(c, newcode)? as usize;
            self.arg(c + 1, newcode)?;
            c += 2;
            if len > newcode - c.min(newcode) {
                return Err(());
            }
            c += len;
            if len > newcode - c {
                return Err(());
            }
            for k in 0..len {
                if self.word(c + k)? as usize >= len {
                    return Err(());
                }
            }
            c += len;
        }
        if flags & 4 != 0 {
            if newcode < c + 1 {
                return Err(());
            }
            CharSet::parse(self.code.get(c..newcode).ok_or(())?).ok_or(())?;
        } else if c != newcode {
            return Err(());
        }
        Ok((min, newcode))
    }
}

fn is_unit(o: &Op) -> bool {
    matches!(o, Op::Any | Op::AnyAll | Op::Lit { .. } | Op::In { .. })
}

/// Builds the program for `code` (from `_sre.compile`) with `groups` capture groups; Err for
/// code that does not follow the grammar.
pub fn build(code: &[u32], groups: u64) -> Result<Program, ()> {
    if groups > MAXGROUPS || code.last() != Some(&op::SUCCESS) {
        return Err(());
    }
    let mut b = Builder {
        code,
        groups,
        ops: Vec::new(),
        pos: Vec::new(),
        sets: Vec::new(),
        branches: Vec::new(),
    };
    b.inner(0, code.len() - 1)?;
    b.push(code.len() - 1, Op::Success);
    // Map code positions to op indices.
    let mut at = vec![u32::MAX; code.len() + 1];
    for (i, &p) in b.pos.iter().enumerate() {
        at[p] = i as u32;
    }
    let fix = |p: u32| -> R<u32> {
        match at.get(p as usize) {
            Some(&i) if i != u32::MAX => Ok(i),
            _ => Err(()),
        }
    };
    let mut ops = b.ops.clone();
    for o in ops.iter_mut() {
        match o {
            Op::Jump(t) => *t = fix(*t)?,
            Op::Info { next, .. } => *next = fix(*next)?,
            Op::RepeatOne { tail, .. } => *tail = fix(*tail)?,
            Op::Repeat { body, until, .. } => {
                *body = fix(*body)?;
                *until = fix(*until)?;
            }
            Op::PossRepeat { body, tail, .. } => {
                *body = fix(*body)?;
                *tail = fix(*tail)?;
            }
            Op::Atomic { body, tail } => {
                *body = fix(*body)?;
                *tail = fix(*tail)?;
            }
            Op::GroupRefExists { no, .. } => *no = fix(*no)?,
            Op::Assert { body, next, .. } => {
                *body = fix(*body)?;
                *next = fix(*next)?;
            }
            _ => {}
        }
    }
    let mut branches = Vec::with_capacity(b.branches.len());
    for alts in &b.branches {
        let mut v = Vec::with_capacity(alts.len());
        for (start, quick) in alts {
            v.push(Alt {
                start: fix(*start as u32)?,
                quick: quick.clone(),
            });
        }
        branches.push(v);
    }
    let mut info = None;
    let mut body = 0;
    if let Some(Op::Info { min, next }) = ops.first() {
        body = *next;
        let mut si = SearchInfo {
            min: *min,
            ..Default::default()
        };
        let flags = code[2];
        if flags & 1 != 0 {
            let len = code[5] as usize;
            si.prefix = code.get(7..7 + len).ok_or(())?.to_vec();
            si.literal = flags & 2 != 0;
            // Matching resumes after `prefix_skip` LITERAL ops; anything else in code that
            // did not come from the compiler falls back to matching from the prefix start.
            let skip = code[6] as usize;
            let lits = ops[body as usize..]
                .iter()
                .take(skip)
                .filter(|o| {
                    matches!(
                        o,
                        Op::Lit {
                            case: Case::Exact,
                            neg: false,
                            ..
                        }
                    )
                })
                .count();
            si.prefix_skip = if lits == skip && skip <= len {
                skip as u32
            } else {
                si.literal = false;
                0
            };
        } else if flags & 4 != 0 {
            let skip = code[1] as usize;
            si.charset = CharSet::parse(code.get(5..1 + skip).ok_or(())?);
        }
        info = Some(si);
    }
    Ok(Program {
        ops,
        sets: b.sets,
        branches,
        info,
        body,
    })
}
