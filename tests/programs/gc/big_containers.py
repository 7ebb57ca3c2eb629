# Repeatedly build large containers and drop them; only peak memory for one round should be needed.
result = 0
for r in range(12):
    big = [[j] * 8 for j in range(60_000)]
    result += sum(len(x) for x in big[::1000]) + big[-1][0]
    big = None
print("lists", result)
for r in range(8):
    d = {i: str(i) for i in range(60_000)}
    result += len(d) + len(d[59_999])
    d.clear()
print("dicts", result)
for r in range(8):
    s = set(range(r, 100_000 + r))
    result += len(s) + min(s)
    del s
print("sets", result)
for r in range(6):
    text = "".join(chr(97 + (i % 26)) for i in range(200_000))
    result += text.count("a") + len(text)
    del text
print("strings", result)
for r in range(6):
    blob = bytearray(1_000_000)
    blob[r] = 255
    result += sum(blob[:10]) + len(blob)
    del blob
print("bytearrays", result)
