# Dedent to a level that matches no outer block.
print("never printed")
if True:
        a = 1
    b = 2
