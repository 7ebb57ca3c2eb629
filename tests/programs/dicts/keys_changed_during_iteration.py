# Deleting a key and adding one back while iterating keeps the size but is detected, as in
# CPython ("dictionary keys changed during iteration"); a changed size is detected too;
# popitem() after deletions still pops the last live item.
def attempt(label, body):
    try:
        body()
        print(label, "no error")
    except RuntimeError as e:
        print(label, "RuntimeError:", e)


def same_key():
    d = {0: 0}
    for i in d:
        del d[0]
        d[0] = 0


def other_keys():
    d = {0: 0, 1: 1}
    for i in d:
        del d[i]
        d[i + 10] = 0


def over_values():
    d = {0: 0}
    for v in d.values():
        del d[0]
        d[0] = 0


def over_items():
    d = {0: 0}
    for k, v in d.items():
        del d[0]
        d[0] = 0


def grow():
    d = {0: 0}
    for i in d:
        d[i + 1] = 1


def pop_then_add():
    d = {0: 0, 1: 1}
    for i in d:
        d.popitem()
        d[5] = 5


for label, body in [("same key", same_key), ("other keys", other_keys), ("values", over_values),
                    ("items", over_items), ("grow", grow), ("popitem", pop_then_add)]:
    attempt(label, body)

d = {1: 1, 2: 2, 3: 3}
del d[3]
print(d.popitem(), d.popitem(), d)
d = {}
for i in range(1000):
    d[i] = i
    del d[i]
d["x"] = 1
print(d, len(d), list(d.items()))
