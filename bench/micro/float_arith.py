# Float arithmetic in a loop (boxed floats in the interpreter).
def main(n):
    x = 0.0
    y = 1.5
    for i in range(n):
        x = x * 0.999 + y / (i + 1.0)
    return x

print(round(main(2_000_000), 6))
