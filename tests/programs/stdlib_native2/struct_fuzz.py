# Pseudo-random formats: calcsize, pack and unpack round trips against CPython.
import _struct as s

state = 4242


def rnd():
    global state
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    return state >> 8


codes = "xcbB?hHiIlLqQnNefdsPp"
for i in range(150):
    order = "@=<>!"[rnd() % 5]
    fmt = order
    vals = []
    for _ in range(1 + rnd() % 5):
        c = codes[rnd() % len(codes)]
        if order != "@" and c in "nNP":
            c = "i"
        n = rnd() % 4
        if c == "p" and n == 0:
            n = 1  # CPython 3.11 fails unpacking "0p" with a SystemError
        fmt += (str(n) if n != 1 else "") + c
        k = 1 if c in "sp" else (0 if c == "x" else n)
        for _ in range(k):
            if c in "sp":
                vals.append(bytes(rnd() % 256 for _ in range(rnd() % 6)))
            elif c == "c":
                vals.append(bytes([rnd() % 256]))
            elif c == "?":
                vals.append(rnd() % 3)
            elif c in "efd":
                vals.append((rnd() % 20000 - 10000) / 64)
            elif c in "bhilqn":
                bits = {"b": 8, "h": 16, "i": 32, "l": 32 if order != "@" else 64, "q": 64, "n": 64}[c]
                vals.append(rnd() % (1 << (bits - 1)) * (-1 if rnd() % 2 else 1))
            else:
                bits = {"B": 8, "H": 16, "I": 32, "L": 32 if order != "@" else 64, "Q": 64, "N": 64, "P": 64}[c]
                vals.append(rnd() % (1 << min(bits, 31)))
    try:
        packed = s.pack(fmt, *vals)
        back = s.unpack(fmt, packed)
        print(fmt, s.calcsize(fmt), packed.hex(), back)
    except Exception as e:
        print(fmt, s.calcsize(fmt), type(e).__name__, e)
