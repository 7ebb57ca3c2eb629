# Mixed formatting helpers: str.format_map, ljust tables, number-to-string conversions.
class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"
print("{a} {b}".format_map(Default(a="A")), "{x}".format_map({"x": 1}))
rows = [("apple", 3, 1.25), ("banana", 12, 0.5), ("kiwi", 100, 12.0)]
for name, qty, price in rows:
    print(f"{name:<10}|{qty:>5}|{price:>8.2f}|{qty * price:>10,.2f}")
print("%-10s|%5d|%8.2f" % rows[0])
print("{:-^30}".format(" centered "))
table = [[1, 22, 333], [4444, 5, 66]]
for r in table:
    print(" ".join("{:>5}".format(c) for c in r))
print(str(12345.6789), repr(12345.6789), "%.3f" % 12345.6789, "{:.3f}".format(12345.6789), f"{12345.6789:.3f}")
print("%s" % 1e16, "%r" % 1e16, "{}".format(1e16), "{!s}".format(1e-5), "%.3s" % 1e-5)
print("{:>10}".format(-0.0), "{:.1f}".format(-0.04), "{:z.1f}".format(-0.04), "%+.0f" % -0.4)
print(format(1234567.891, ",.2f").replace(",", "X").replace(".", ",").replace("X", "."))
print(hex(255)[2:].zfill(4), format(255, "04x"), "%04x" % 255, "{:04X}".format(255))
print(bin(10)[2:].rjust(8, "0"), format(10, "08b"), f"{10:#010b}")
print("{:.2e}".format(0), "{:g}".format(0), "{:%}".format(0), "{:.0%}".format(0.005), "{:.0%}".format(0.015))
print("{:10.4}|{:<10.4}|".format("truncate", 3.14159))
print(round(2.675, 2), "%.2f" % 2.675, "{:.2f}".format(2.675), "%.1f" % 0.25, "%.1f" % 0.35)
