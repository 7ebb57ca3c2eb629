# 3.11 adds "Did you mean" suggestions to AttributeError messages in tracebacks (not in str(e)).
class Config:
    def __init__(self):
        self.timeout = 30
        self.retries = 3
c = Config()
try:
    c.timout
except AttributeError as e:
    print("str(e) has no suggestion:", e)
print(c.timeout)
print(c.retrys)
