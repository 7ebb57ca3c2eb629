# Complex number basics.
z = 3 + 4j
print(z, repr(z), z.real, z.imag, abs(z), z.conjugate(), type(z).__name__)
print(1j * 1j, (1 + 2j) * (3 - 1j), (1 + 2j) / (3 - 1j), (1 + 2j) - 1, 2 * (1 + 1j))
print(complex(1, 2), complex(), complex("1+2j"), complex(" 3j "), complex("-1.5-2.5j"), complex(5), complex(1.5))
print(1j, -1j, 0j, -0j, complex(0, -0.0), complex(-0.0, 0), 1 + 0j, complex(1e300, 1e-300))
print((1 + 2j) == (1 + 2j), (1 + 0j) == 1, 1j != 1, hash(1 + 0j) == hash(1), hash(2j) == hash(complex(0, 2)))
print(z ** 2, (1j) ** 2, pow(1j, 2), (2 + 0j) ** 0.5 if False else "skip")
print(complex(float("inf"), float("nan")), complex(float("nan"), 1))
for bad in ["1+", "j1", "1+2i", ""]:
    try:
        complex(bad)
    except ValueError as e:
        print("ValueError", e)
try:
    (1 + 2j) < (2 + 1j)
except TypeError as e:
    print("TypeError", e)
try:
    (1 + 2j) // 2
except TypeError as e:
    print("TypeError", e)
try:
    (1 + 2j) / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
try:
    int(1j)
except TypeError as e:
    print("TypeError", e)
print(bool(0j), bool(1j), bool(complex(0, 0)))
print(f"{z}", str(2.5j), repr(complex(1, -0.0)), repr(-(1 + 1j)))
