# sys.exit("message") prints the message to stderr and exits with status 1.
import sys
print("doing work")
try:
    sys.exit("caught first")
except SystemExit as e:
    print("caught SystemExit, code =", repr(e.code))
sys.exit("fatal: configuration missing")
