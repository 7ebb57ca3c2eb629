# Constructors of builtin types with various inputs and errors.
print(list(), list("ab"), list(range(2)), list({"k": 1}), list({3, 1}), list(b"ab"), list((x for x in [1])))
print(tuple(), tuple([1]), tuple("ab"), dict(), dict(a=1), dict([("a", 1)]), dict({"a": 1}, b=2))
print(set(), set("aab") == {"a", "b"}, set([1, 1, 2]), frozenset([1, 2]) == {1, 2}, str(), str(123), str(b"x"))
print(int(), int("12"), int(" 7 "), int(3.9), int("11", 2), float(), float("1e3"), float(" -2.5 "), complex("2+3j"))
print(bool(), bool(5), bytes(), bytes(2), bytes([1, 2]), bytes("ab", "ascii"), bytearray(2), bytearray(b"x"))
print(range(3), slice(2), object().__class__.__name__, type(5).__name__, memoryview(b"a").tobytes())
for bad in [lambda: list(5), lambda: tuple(None), lambda: dict([1]), lambda: set(1), lambda: int("1.0"),
            lambda: float("1,0"), lambda: bytes("x"), lambda: complex("x"), lambda: bool(1, 2), lambda: str(1, 2),
            lambda: range(), lambda: range(1, 2, 3, 4), lambda: slice(), lambda: list(1, 2), lambda: frozenset(1),
            lambda: dict(1, 2), lambda: object(1), lambda: int(1, 2), lambda: float(1, 2), lambda: tuple(1, 2)]:
    try:
        print("ok", bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(type(list.__new__(list)).__name__, list.__new__(list), int.__new__(int, 5), str.__new__(str, "x"))
class L(list):
    pass
print(L([1, 2]), type(L()).__name__, L("ab") == ["a", "b"], isinstance(L(), list))
print(dict.fromkeys("ab", 0), list.__call__ if False else "skip", int.from_bytes(b"\x01\x00", "little"))
print(str(1.0), str(-0.0), str(1e-10), str(1e21), str(12345678901234567890.0), str(0.1 + 0.7))
print(float("nan") != float("nan"), float("-inf") < 0, int(float("1e18")), float(10 ** 18))
