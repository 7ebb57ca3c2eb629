# Plain function calls (and recursion).
def add(a, b):
    return a + b

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

def main(n):
    s = 0
    for i in range(n):
        s = add(s, i)
    return s + fib(22)

print(main(1_500_000))
