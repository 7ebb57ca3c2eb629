//! `_opcode`: `stack_effect` for CPython 3.11's instruction set (the numbering `opcode.py`
//! and `dis` describe; ferropy's own bytecode is different) and `get_specialization_stats`.

use crate::native;
use crate::native::NativeDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

static FUNCS: &[NativeDef] = &[
    native!(
        "stack_effect",
        "($module, opcode, oparg=None, /, *, jump=None)",
        stack_effect
    ),
    native!(
        "get_specialization_stats",
        "($module, /)",
        get_specialization_stats
    ),
];

pub fn init(vm: &mut Vm) -> PyResult {
    Ok(crate::modules::module_with_functions(vm, "_opcode", FUNCS))
}

/// Opcodes from here on take an argument (`opcode.HAVE_ARGUMENT`).
const HAVE_ARGUMENT: i64 = 90;

/// The linear stack effects: (effect without the jump, per-oparg factor, effect when jumping
/// if it differs). Generated from python3.11's `_opcode.stack_effect`.
fn linear(op: i64) -> Option<(i64, i64, Option<i64>)> {
    Some(match op {
        0 => (0, 0, None),       // CACHE
        1 => (-1, 0, None),      // POP_TOP
        2 => (1, 0, None),       // PUSH_NULL
        9 => (0, 0, None),       // NOP
        10 => (0, 0, None),      // UNARY_POSITIVE
        11 => (0, 0, None),      // UNARY_NEGATIVE
        12 => (0, 0, None),      // UNARY_NOT
        15 => (0, 0, None),      // UNARY_INVERT
        25 => (-1, 0, None),     // BINARY_SUBSCR
        30 => (1, 0, None),      // GET_LEN
        31 => (1, 0, None),      // MATCH_MAPPING
        32 => (1, 0, None),      // MATCH_SEQUENCE
        33 => (1, 0, None),      // MATCH_KEYS
        35 => (1, 0, None),      // PUSH_EXC_INFO
        36 => (0, 0, None),      // CHECK_EXC_MATCH
        37 => (0, 0, None),      // CHECK_EG_MATCH
        49 => (1, 0, None),      // WITH_EXCEPT_START
        50 => (0, 0, None),      // GET_AITER
        51 => (1, 0, None),      // GET_ANEXT
        52 => (1, 0, None),      // BEFORE_ASYNC_WITH
        53 => (1, 0, None),      // BEFORE_WITH
        54 => (-2, 0, None),     // END_ASYNC_FOR
        60 => (-3, 0, None),     // STORE_SUBSCR
        61 => (-2, 0, None),     // DELETE_SUBSCR
        68 => (0, 0, None),      // GET_ITER
        69 => (0, 0, None),      // GET_YIELD_FROM_ITER
        70 => (-1, 0, None),     // PRINT_EXPR
        71 => (1, 0, None),      // LOAD_BUILD_CLASS
        74 => (1, 0, None),      // LOAD_ASSERTION_ERROR
        75 => (0, 0, None),      // RETURN_GENERATOR
        82 => (0, 0, None),      // LIST_TO_TUPLE
        83 => (-1, 0, None),     // RETURN_VALUE
        84 => (-1, 0, None),     // IMPORT_STAR
        85 => (0, 0, None),      // SETUP_ANNOTATIONS
        86 => (0, 0, None),      // YIELD_VALUE
        87 => (0, 0, None),      // ASYNC_GEN_WRAP
        88 => (-1, 0, None),     // PREP_RERAISE_STAR
        89 => (-1, 0, None),     // POP_EXCEPT
        90 => (-1, 0, None),     // STORE_NAME
        91 => (0, 0, None),      // DELETE_NAME
        92 => (-1, 1, None),     // UNPACK_SEQUENCE
        93 => (1, 0, Some(-1)),  // FOR_ITER
        95 => (-2, 0, None),     // STORE_ATTR
        96 => (-1, 0, None),     // DELETE_ATTR
        97 => (-1, 0, None),     // STORE_GLOBAL
        98 => (0, 0, None),      // DELETE_GLOBAL
        99 => (0, 0, None),      // SWAP
        100 => (1, 0, None),     // LOAD_CONST
        101 => (1, 0, None),     // LOAD_NAME
        102 => (1, -1, None),    // BUILD_TUPLE
        103 => (1, -1, None),    // BUILD_LIST
        104 => (1, -1, None),    // BUILD_SET
        105 => (1, -2, None),    // BUILD_MAP
        106 => (0, 0, None),     // LOAD_ATTR
        107 => (-1, 0, None),    // COMPARE_OP
        108 => (-1, 0, None),    // IMPORT_NAME
        109 => (1, 0, None),     // IMPORT_FROM
        110 => (0, 0, None),     // JUMP_FORWARD
        111 => (-1, 0, Some(0)), // JUMP_IF_FALSE_OR_POP
        112 => (-1, 0, Some(0)), // JUMP_IF_TRUE_OR_POP
        114 => (-1, 0, None),    // POP_JUMP_FORWARD_IF_FALSE
        115 => (-1, 0, None),    // POP_JUMP_FORWARD_IF_TRUE
        117 => (-1, 0, None),    // IS_OP
        118 => (-1, 0, None),    // CONTAINS_OP
        119 => (-1, 0, None),    // RERAISE
        120 => (1, 0, None),     // COPY
        122 => (-1, 0, None),    // BINARY_OP
        123 => (0, 0, Some(-1)), // SEND
        124 => (1, 0, None),     // LOAD_FAST
        125 => (-1, 0, None),    // STORE_FAST
        126 => (0, 0, None),     // DELETE_FAST
        128 => (-1, 0, None),    // POP_JUMP_FORWARD_IF_NOT_NONE
        129 => (-1, 0, None),    // POP_JUMP_FORWARD_IF_NONE
        130 => (0, -1, None),    // RAISE_VARARGS
        131 => (0, 0, None),     // GET_AWAITABLE
        134 => (0, 0, None),     // JUMP_BACKWARD_NO_INTERRUPT
        135 => (0, 0, None),     // MAKE_CELL
        136 => (1, 0, None),     // LOAD_CLOSURE
        137 => (1, 0, None),     // LOAD_DEREF
        138 => (-1, 0, None),    // STORE_DEREF
        139 => (0, 0, None),     // DELETE_DEREF
        140 => (0, 0, None),     // JUMP_BACKWARD
        144 => (0, 0, None),     // EXTENDED_ARG
        145 => (-1, 0, None),    // LIST_APPEND
        146 => (-1, 0, None),    // SET_ADD
        147 => (-2, 0, None),    // MAP_ADD
        148 => (1, 0, None),     // LOAD_CLASSDEREF
        149 => (0, 0, None),     // COPY_FREE_VARS
        151 => (0, 0, None),     // RESUME
        152 => (-2, 0, None),    // MATCH_CLASS
        156 => (0, -1, None),    // BUILD_CONST_KEY_MAP
        157 => (1, -1, None),    // BUILD_STRING
        160 => (1, 0, None),     // LOAD_METHOD
        162 => (-1, 0, None),    // LIST_EXTEND
        163 => (-1, 0, None),    // SET_UPDATE
        164 => (-1, 0, None),    // DICT_MERGE
        165 => (-1, 0, None),    // DICT_UPDATE
        166 => (0, -1, None),    // PRECALL
        171 => (-1, 0, None),    // CALL
        172 => (0, 0, None),     // KW_NAMES
        173 => (-1, 0, None),    // POP_JUMP_BACKWARD_IF_NOT_NONE
        174 => (-1, 0, None),    // POP_JUMP_BACKWARD_IF_NONE
        175 => (-1, 0, None),    // POP_JUMP_BACKWARD_IF_FALSE
        176 => (-1, 0, None),    // POP_JUMP_BACKWARD_IF_TRUE
        _ => return None,
    })
}

/// The stack effect of `op` with `oparg`; `jump` None means the larger of both branches.
fn effect(op: i64, oparg: i64, jump: Option<bool>) -> Option<i64> {
    let v = match op {
        94 => (oparg & 0xFF) + (oparg >> 8),         // UNPACK_EX
        116 => (oparg & 1) + 1,                      // LOAD_GLOBAL
        132 => -((oparg & 0xF).count_ones() as i64), // MAKE_FUNCTION
        133 => {
            if oparg == 3 {
                -2
            } else {
                -1
            }
        } // BUILD_SLICE
        142 => -2 - (oparg & 1),                     // CALL_FUNCTION_EX
        155 => {
            if oparg & 0x04 == 0x04 {
                -1
            } else {
                0
            }
        } // FORMAT_VALUE
        _ => {
            let (base, per, jumped) = linear(op)?;
            let plain = base + per * oparg;
            let jumped = jumped.map(|j| j + per * oparg).unwrap_or(plain);
            match jump {
                Some(true) => jumped,
                Some(false) => plain,
                None => plain.max(jumped),
            }
        }
    };
    Some(v)
}

fn stack_effect(vm: &mut Vm, a: &[Value]) -> PyResult {
    let op = crate::ops::number::index_i64(vm, a[1])?;
    let oparg = if a[2].is_null() || a[2].is_none() {
        if op >= HAVE_ARGUMENT {
            return Err(
                vm.value_error("stack_effect: opcode requires oparg but oparg was not specified")
            );
        }
        0
    } else {
        if op < HAVE_ARGUMENT {
            return Err(vm.value_error(
                "stack_effect: opcode does not permit oparg but oparg was specified",
            ));
        }
        crate::ops::number::index_i64(vm, a[2])?
    };
    let jump = if a[3].is_null() || a[3].is_none() {
        None
    } else if a[3] == Value::TRUE {
        Some(true)
    } else if a[3] == Value::FALSE {
        Some(false)
    } else {
        return Err(vm.value_error("stack_effect: jump must be False, True or None"));
    };
    match effect(op, oparg, jump) {
        Some(e) => Ok(crate::types::int::from_i64(vm, e)),
        None => Err(vm.value_error("invalid opcode or oparg")),
    }
}

fn get_specialization_stats(_vm: &mut Vm, _a: &[Value]) -> PyResult {
    Ok(Value::NONE)
}
