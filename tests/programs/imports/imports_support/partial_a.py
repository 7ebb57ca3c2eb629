from partial_b import thing
