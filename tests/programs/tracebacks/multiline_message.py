# Exception message containing newlines: only the last line of stderr is compared.
def validate(items):
    problems = [f"item {i} is negative" for i, v in enumerate(items) if v < 0]
    if problems:
        raise ValueError("validation failed:\n" + "\n".join(problems))
validate([1, 2, 3])
print("first batch ok")
validate([1, -2, -3])
