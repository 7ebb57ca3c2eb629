from partial_a import other
thing = 1
