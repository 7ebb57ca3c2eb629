# Mixed tabs and spaces in indentation.
print("never printed")
if True:
        x = 1
	y = 2
