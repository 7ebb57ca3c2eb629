# Allocate 2 million short-lived tuples (plus some lists); memory must be reclaimed as we go. Prints checksums.
checksum = 0
for i in range(2_000_000):
    t = (i, i * 2, i & 0xFF)
    checksum = (checksum + t[0] ^ t[1] + t[2]) & 0xFFFFFFFF
print("tuples", checksum)
total = 0
for i in range(300_000):
    lst = [i, i + 1, i + 2, i + 3]
    total += lst[-1] - lst[0]
print("lists", total)
acc = 0
for i in range(200_000):
    d = {"a": i, "b": i + 1}
    acc += d["b"] - d["a"]
print("dicts", acc)
