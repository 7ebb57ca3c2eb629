# Ends with an exception carrying __notes__: the last stderr line is the last note.
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        e.add_note(f"while parsing {s!r}")
        e.add_note("hint: use digits only")
        raise
print(parse("12"))
parse("twelve")
