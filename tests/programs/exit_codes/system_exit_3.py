# raise SystemExit(3): exit status 3, nothing on stderr.
print("before exit")
def finish():
    try:
        raise SystemExit(3)
    finally:
        print("finally still runs")
finish()
print("not printed")
