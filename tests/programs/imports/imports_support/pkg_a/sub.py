X = 41
def helper():
    return __name__, __package__
