# Uncaught ExceptionGroup: the last stderr line is the closing box line of the group rendering.
def task(i):
    if i % 2:
        raise ValueError(f"task {i} failed")
    return i
errors = []
for i in range(4):
    try:
        task(i)
    except ValueError as e:
        errors.append(e)
print("collected", len(errors))
raise ExceptionGroup("tasks failed", errors)
