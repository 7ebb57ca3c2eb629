# Ends with an uncaught custom exception defined in __main__ with a message.
class ConfigError(Exception):
    pass
class DetailedError(ConfigError):
    def __init__(self, field, problem):
        super().__init__(f"field {field!r}: {problem}")
        self.field = field
def load(cfg):
    if "port" not in cfg:
        raise DetailedError("port", "missing required setting")
    return cfg["port"]
print(load({"port": 80}))
load({})
