import circ_a
B = getattr(circ_a, "A", "missing")
