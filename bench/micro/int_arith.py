# Integer arithmetic in a loop (small ints).
def main(n):
    total = 0
    i = 0
    while i < n:
        total += (i * 3 + 7) % 11 - (i >> 2)
        i += 1
    return total

print(main(3_000_000))
