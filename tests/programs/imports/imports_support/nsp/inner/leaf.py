Z = "namespace"
