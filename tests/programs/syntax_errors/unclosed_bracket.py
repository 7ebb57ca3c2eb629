# Unclosed bracket reaching end of file.
print("never printed")
items = [1, 2,
    3
