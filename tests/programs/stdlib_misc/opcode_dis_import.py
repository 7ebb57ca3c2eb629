import _opcode
import opcode
import dis

print(opcode.HAVE_ARGUMENT, opcode.opmap["LOAD_CONST"], opcode.opname[100])
print("stack_effect" in opcode.__all__, dis.stack_effect is _opcode.stack_effect)
for name, op in sorted(opcode.opmap.items(), key=lambda x: x[1]):
    if op < opcode.HAVE_ARGUMENT:
        print(name, dis.stack_effect(op))
    else:
        print(name, [dis.stack_effect(op, a, jump=j) for a in (0, 1, 3, 4, 7, 258, 1000) for j in (None, True, False)])
for args, kw in [((1, 1), {}), ((100,), {}), ((3,), {}), ((300,), {}), ((100, 1), {"jump": 1})]:
    try:
        print(_opcode.stack_effect(*args, **kw))
    except ValueError as e:
        print("ValueError", e)
print(_opcode.get_specialization_stats())
print(dis.COMPILER_FLAG_NAMES[1], dis.pretty_flags(3))
print(len(dis.cmp_op), dis.hasconst, dis.hasjrel[:3])
