# Generator pipelines and coroutine-style consumers with priming, plus generator-based state machines.
def source(n):
    for i in range(n):
        yield i
def square(it):
    for v in it:
        yield v * v
def only_odd(it):
    for v in it:
        if v % 2:
            yield v
print(list(only_odd(square(source(10)))))
def printer(prefix):
    while True:
        item = yield
        print(prefix, item)
def broadcaster(targets):
    while True:
        item = yield
        for t in targets:
            t.send(item)
p1, p2 = printer("p1:"), printer("p2:")
for p in (p1, p2):
    next(p)
b = broadcaster([p1, p2])
next(b)
for word in ["alpha", "beta"]:
    b.send(word)
def running_avg():
    total = count = 0
    avg = None
    while True:
        v = yield avg
        total += v
        count += 1
        avg = total / count
ra = running_avg()
next(ra)
print([ra.send(v) for v in (10, 20, 30, 40)])
def traffic_light():
    while True:
        yield "green"
        yield "yellow"
        yield "red"
tl = traffic_light()
print([next(tl) for _ in range(7)])
def chunked(it, size):
    chunk = []
    for v in it:
        chunk.append(v)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
print(list(chunked(range(10), 3)))
def windows(seq, n):
    for i in range(len(seq) - n + 1):
        yield tuple(seq[i:i + n])
print(list(windows("abcde", 3)))
def tokens(text):
    word = ""
    for ch in text:
        if ch.isalnum():
            word += ch
        else:
            if word:
                yield ("WORD", word)
                word = ""
            if not ch.isspace():
                yield ("SYM", ch)
    if word:
        yield ("WORD", word)
print(list(tokens("x = foo(1, bar) + 42;")))
big = sum(x for x in range(200000) if x % 7 == 3)
print(big)
