# Unexpected indent on a statement.
print("never printed")
    y = 2
