# Ends with KeyError('k'); last stderr line is: KeyError: 'k'
d = {"a": 1}
print(d["a"])
def lookup(key):
    return d[key]
print(lookup("a"))
lookup("k")
