# An uncaught ordinary exception yields exit status 1; output printed before is kept (flushed).
print("partial", end=" ")
print("output")
print("no newline at end", end="")
raise RuntimeError("stop here")
