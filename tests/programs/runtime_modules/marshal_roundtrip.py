# marshal: round trips of every marshallable builtin type; CPython-written data loads; errors.
import marshal
values = [0, 1, -5, 2**31, -2**40, 2**100, -(3**90), 1.5, -0.0, 3j, "abc", "héllo" * 100,
          b"xy", (1, (2, "a")), [1, [2]], {"a": 1, 2: (3,)}, {1, 2}, frozenset({3}),
          None, True, False, ..., StopIteration, (), "", b""]
for v in values:
    back = marshal.loads(marshal.dumps(v))
    print(repr(v)[:40], back == v, type(back).__name__)
# Bytes produced by CPython 3.11's marshal.dumps (with reference flags).
for hexdata in ["e903000000", "a902e901000000a902e902000000da0161",
                "fbda0161e901000000e902000000a901e90300000030",
                "ec070000000000000000000000000000000004", "f9000000000000000000000000000000084"[:-1] + "0"]:
    try:
        print(marshal.loads(bytes.fromhex(hexdata)))
    except Exception as e:
        print(type(e).__name__, e)
for bad in [b"", b"i\x01", b"\xff", b"(\x02\x00\x00\x00i\x01\x00\x00\x00"]:
    try:
        marshal.loads(bad)
    except (EOFError, ValueError) as e:
        print(type(e).__name__, e)
try:
    marshal.dumps(object())
except ValueError as e:
    print("ValueError", e)
code = compile("def f(x):\n    return x * 2\nr = f(21)", "<m>", "exec")
ns = {}
exec(marshal.loads(marshal.dumps(code)), ns)
print(ns["r"], marshal.version)
