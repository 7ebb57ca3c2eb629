//! The flow-graph pass over emitted code: resolves labels to instruction indices, drops
//! unreachable instructions, and computes the stack depth at every instruction — checking that
//! each one is reached with a single consistent (value-stack depth, handler-block stack), that
//! nothing pops below empty or below the depth recorded by the innermost SETUP_FINALLY, and that
//! control never falls off the end. [`verify`] reruns the same checks on a finished code object.

use fp_bytecode::{Const, Instr, Location, MakeFunctionFlags, Op};

/// The abstract state before an instruction: value-stack depth and the depths recorded by the
/// active SETUP_FINALLY blocks (innermost last).
#[derive(Clone, PartialEq, Eq, Debug)]
struct State {
    depth: i64,
    blocks: Vec<i64>,
}

/// (items the instruction needs on the stack, net effect) on the fall-through path.
fn effect(op: Op, arg: u32) -> (i64, i64) {
    let a = arg as i64;
    match op {
        Op::NOP
        | Op::JUMP
        | Op::JUMP_BACKWARD
        | Op::SETUP_FINALLY
        | Op::POP_BLOCK
        | Op::SETUP_ANNOTATIONS => (0, 0),
        Op::POP_TOP => (1, -1),
        Op::COPY => (a, 1),
        Op::SWAP => (a, 0),
        Op::LOAD_CONST | Op::PUSH_NULL => (0, 1),
        Op::LOAD_FAST
        | Op::LOAD_DEREF
        | Op::LOAD_CLOSURE
        | Op::LOAD_CLASSDEREF
        | Op::LOAD_NAME
        | Op::LOAD_GLOBAL => (0, 1),
        Op::STORE_FAST | Op::STORE_DEREF | Op::STORE_NAME | Op::STORE_GLOBAL => (1, -1),
        Op::DELETE_FAST | Op::DELETE_DEREF | Op::DELETE_NAME | Op::DELETE_GLOBAL => (0, 0),
        Op::LOAD_ATTR => (1, 0),
        Op::STORE_ATTR => (2, -2),
        Op::DELETE_ATTR => (1, -1),
        Op::LOAD_METHOD => (1, 1),
        Op::BINARY_SUBSCR => (2, -1),
        Op::STORE_SUBSCR => (3, -3),
        Op::DELETE_SUBSCR => (2, -2),
        Op::BUILD_SLICE => (a, 1 - a),
        Op::BINARY_OP | Op::COMPARE_OP | Op::IS_OP | Op::CONTAINS_OP => (2, -1),
        Op::UNARY_NEGATIVE | Op::UNARY_POSITIVE | Op::UNARY_NOT | Op::UNARY_INVERT => (1, 0),
        Op::BUILD_TUPLE | Op::BUILD_LIST | Op::BUILD_SET | Op::BUILD_STRING => (a, 1 - a),
        Op::BUILD_MAP => (2 * a, 1 - 2 * a),
        Op::BUILD_CONST_KEY_MAP => (a + 1, -a),
        Op::LIST_APPEND
        | Op::SET_ADD
        | Op::LIST_EXTEND
        | Op::SET_UPDATE
        | Op::DICT_UPDATE
        | Op::DICT_MERGE => (a + 1, -1),
        Op::MAP_ADD => (a + 2, -2),
        Op::LIST_TO_TUPLE => (1, 0),
        Op::UNPACK_SEQUENCE => (1, a - 1),
        Op::UNPACK_EX => (1, (a & 0xFF) + (a >> 8)),
        Op::FORMAT_VALUE => {
            if arg & 4 != 0 {
                (2, -1)
            } else {
                (1, 0)
            }
        }
        Op::POP_JUMP_IF_FALSE
        | Op::POP_JUMP_IF_TRUE
        | Op::POP_JUMP_IF_NONE
        | Op::POP_JUMP_IF_NOT_NONE => (1, -1),
        Op::JUMP_IF_FALSE_OR_POP | Op::JUMP_IF_TRUE_OR_POP => (1, -1),
        Op::GET_ITER => (1, 0),
        Op::FOR_ITER => (1, 1),
        Op::RETURN_VALUE => (1, -1),
        Op::CALL => (a + 1, -a),
        Op::CALL_KW => (a + 2, -a - 1),
        Op::CALL_METHOD => (a + 2, -a - 1),
        Op::CALL_METHOD_KW => (a + 3, -a - 2),
        Op::CALL_FUNCTION_EX => {
            let n = if arg & 1 != 0 { 3 } else { 2 };
            (n, 1 - n)
        }
        Op::MAKE_FUNCTION => {
            let n = (arg & 0xF).count_ones() as i64;
            let _ = MakeFunctionFlags::CLOSURE;
            (n + 1, -n)
        }
        Op::LOAD_BUILD_CLASS => (0, 1),
        Op::IMPORT_NAME => (2, -1),
        Op::IMPORT_FROM => (1, 1),
        Op::IMPORT_STAR => (1, -1),
        Op::RAISE_VARARGS => (a, -a),
        Op::RERAISE => (1, -1),
        Op::PUSH_EXC_INFO => (1, 1),
        Op::POP_EXCEPT => (1, -1),
        Op::CHECK_EXC_MATCH | Op::CHECK_EG_MATCH => (2, 0),
        Op::PREP_RERAISE_STAR => (2, -1),
        Op::LOAD_ASSERTION_ERROR => (0, 1),
        Op::BEFORE_WITH | Op::BEFORE_ASYNC_WITH => (1, 1),
        Op::WITH_EXCEPT_START => (3, 1),
        Op::YIELD_VALUE => (1, 0),
        Op::SEND => (2, 0),
        Op::GET_YIELD_FROM_ITER | Op::GET_AWAITABLE | Op::GET_AITER | Op::ASYNC_GEN_WRAP => (1, 0),
        Op::GET_ANEXT => (1, 1),
        Op::END_ASYNC_FOR => (2, -2),
        Op::GET_LEN | Op::MATCH_MAPPING | Op::MATCH_SEQUENCE => (1, 1),
        Op::MATCH_KEYS => (2, 1),
        Op::MATCH_CLASS => (3, -2),
        Op::PRINT_EXPR => (1, -1),
    }
}

/// Net effect on the jump path of a conditional/branching instruction.
fn jump_effect(op: Op) -> i64 {
    match op {
        Op::JUMP_IF_FALSE_OR_POP | Op::JUMP_IF_TRUE_OR_POP => 0,
        Op::FOR_ITER => -1,
        Op::SEND => -1,
        Op::POP_JUMP_IF_FALSE
        | Op::POP_JUMP_IF_TRUE
        | Op::POP_JUMP_IF_NONE
        | Op::POP_JUMP_IF_NOT_NONE => -1,
        _ => 0,
    }
}

fn is_terminator(op: Op) -> bool {
    matches!(
        op,
        Op::RETURN_VALUE | Op::RERAISE | Op::RAISE_VARARGS | Op::JUMP | Op::JUMP_BACKWARD
    )
}

/// Walks every path from instruction 0; returns the state before each reachable instruction
/// and the maximum depth seen.
fn analyze(instrs: &[Instr]) -> Result<(Vec<Option<State>>, u32), String> {
    let n = instrs.len();
    let mut states: Vec<Option<State>> = vec![None; n];
    let mut work: Vec<(usize, State)> = vec![(
        0,
        State {
            depth: 0,
            blocks: Vec::new(),
        },
    )];
    let mut max = 0i64;
    if n == 0 {
        return Err("empty code".into());
    }
    while let Some((pc, st)) = work.pop() {
        if pc >= n {
            return Err(format!(
                "control falls off the end of the code (from depth {})",
                st.depth
            ));
        }
        match &states[pc] {
            Some(old) => {
                if *old != st {
                    return Err(format!(
                        "inconsistent state at {pc} ({}): {:?} vs {:?}",
                        instrs[pc].op.name(),
                        old,
                        st
                    ));
                }
                continue;
            }
            None => states[pc] = Some(st.clone()),
        }
        let ins = instrs[pc];
        let (need, delta) = effect(ins.op, ins.arg);
        if st.depth < need {
            return Err(format!(
                "stack underflow at {pc} ({} {}): depth {}",
                ins.op.name(),
                ins.arg,
                st.depth
            ));
        }
        // Leaving fewer items than the innermost handler recorded would break its depth cut.
        let floor = st.blocks.last().copied().unwrap_or(0);
        let after = st.depth + delta;
        if after < floor
            && !matches!(
                ins.op,
                Op::RERAISE | Op::RAISE_VARARGS | Op::RETURN_VALUE | Op::POP_BLOCK
            )
        {
            return Err(format!(
                "{} at {pc} leaves depth {after} below the depth {floor} recorded by the active handler",
                ins.op.name()
            ));
        }
        max = max.max(st.depth).max(after);
        if ins.op == Op::RETURN_VALUE && !st.blocks.is_empty() {
            return Err(format!(
                "RETURN_VALUE at {pc} with {} active handler blocks",
                st.blocks.len()
            ));
        }
        if ins.op.is_jump() {
            let target = ins.arg as usize;
            if target >= n {
                return Err(format!("jump target {target} out of range at {pc}"));
            }
            if ins.op == Op::SETUP_FINALLY {
                let h = State {
                    depth: st.depth + 1,
                    blocks: st.blocks.clone(),
                };
                max = max.max(h.depth);
                work.push((target, h));
                let mut b = st.blocks.clone();
                b.push(st.depth);
                if b.len() > 64 {
                    return Err("block stack too deep".into());
                }
                work.push((
                    pc + 1,
                    State {
                        depth: st.depth,
                        blocks: b,
                    },
                ));
                continue;
            }
            let jd = st.depth + jump_effect(ins.op);
            if jd < floor {
                return Err(format!(
                    "{} at {pc} jumps with depth {jd} below the handler depth {floor}",
                    ins.op.name()
                ));
            }
            work.push((
                target,
                State {
                    depth: jd,
                    blocks: st.blocks.clone(),
                },
            ));
            if matches!(ins.op, Op::JUMP | Op::JUMP_BACKWARD) {
                continue;
            }
        }
        if ins.op == Op::POP_BLOCK {
            let mut b = st.blocks.clone();
            if b.pop().is_none() {
                return Err(format!("POP_BLOCK without a block at {pc}"));
            }
            work.push((
                pc + 1,
                State {
                    depth: after,
                    blocks: b,
                },
            ));
            continue;
        }
        if is_terminator(ins.op) {
            continue;
        }
        work.push((
            pc + 1,
            State {
                depth: after,
                blocks: st.blocks.clone(),
            },
        ));
    }
    Ok((states, max.max(0) as u32))
}

/// The state before each instruction of finished code: (value-stack depth, the depths recorded
/// by the active handler blocks, innermost last); None for unreachable ones or broken code.
/// The debugger's jumps (`frame.f_lineno = n`) check their target against it.
pub fn stack_states(instrs: &[Instr]) -> Option<Vec<Option<(i64, Vec<i64>)>>> {
    let (states, _) = analyze(instrs).ok()?;
    Some(
        states
            .into_iter()
            .map(|s| s.map(|s| (s.depth, s.blocks)))
            .collect(),
    )
}

/// Resolves labels, removes unreachable code and computes `max_stack`.
pub fn assemble(
    mut instrs: Vec<Instr>,
    mut locs: Vec<Location>,
    labels: &[u32],
) -> Result<(Vec<Instr>, Vec<Location>, u32), String> {
    for ins in instrs.iter_mut() {
        if ins.op.is_jump() {
            let t = *labels.get(ins.arg as usize).ok_or("unknown label")?;
            if t == u32::MAX {
                return Err("jump to an unbound label".into());
            }
            ins.arg = t;
        }
    }
    let (states, _) = analyze(&instrs)?;
    if states.iter().any(|s| s.is_none()) {
        let mut map = vec![u32::MAX; instrs.len() + 1];
        let mut out = Vec::with_capacity(instrs.len());
        let mut out_locs = Vec::with_capacity(instrs.len());
        for (i, ins) in instrs.iter().enumerate() {
            map[i] = out.len() as u32;
            if states[i].is_some() {
                out.push(*ins);
                out_locs.push(locs[i]);
            }
        }
        for ins in out.iter_mut() {
            if ins.op.is_jump() {
                ins.arg = map[ins.arg as usize];
            }
        }
        instrs = out;
        locs = out_locs;
    }
    let (_, max) = analyze(&instrs)?;
    Ok((instrs, locs, max))
}

/// Checks a finished code object (and the code objects among its constants): every
/// instruction reachable with one consistent state, no underflow, `max_stack` large enough.
pub fn verify(code: &fp_bytecode::CodeObject) -> Result<(), String> {
    let (states, max) = analyze(&code.instrs).map_err(|e| format!("{}: {e}", code.qualname))?;
    if let Some(i) = states.iter().position(|s| s.is_none()) {
        return Err(format!("{}: instruction {i} is unreachable", code.qualname));
    }
    if max > code.max_stack {
        return Err(format!(
            "{}: max_stack {} below computed {max}",
            code.qualname, code.max_stack
        ));
    }
    if code.locations.len() != code.instrs.len() {
        return Err(format!(
            "{}: locations and instructions differ in length",
            code.qualname
        ));
    }
    for c in &code.consts {
        if let Const::Code(inner) = c {
            verify(inner)?;
        }
    }
    Ok(())
}
