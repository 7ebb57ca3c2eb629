# Many short-lived strings from concatenation, formatting, slicing, joins, and splits.
h = 0
for i in range(300_000):
    s = "item-" + str(i)
    t = f"{s}:{i * 3}"
    h = (h * 131 + len(t) + ord(t[-1])) % 4_294_967_291
print("concat/format", h)
words = []
for i in range(100_000):
    words.append("w%d" % i)
    if len(words) == 1000:
        line = " ".join(words)
        h = (h + len(line.split())) % 4_294_967_291
        words = []
print("joins", h)
for i in range(100_000):
    u = ("é" * (i % 10)) + "日本" + str(i)
    h = (h + len(u) + len(u.encode("utf-8"))) % 4_294_967_291
print("unicode", h)
base = "abcdefghij" * 10
for i in range(200_000):
    piece = base[i % 50:i % 50 + 25]
    h = (h + len(piece.upper())) % 4_294_967_291
print("slices", h)
