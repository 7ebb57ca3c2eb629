# Missing indented block after if.
print("never printed")
if True:
print("not indented")
