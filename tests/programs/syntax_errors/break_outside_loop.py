# break outside of a loop.
print("never printed")
break
