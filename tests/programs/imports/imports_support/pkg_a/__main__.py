print("main of pkg_a:", __name__, __package__)
