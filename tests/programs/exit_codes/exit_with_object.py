# sys.exit with a non-int, non-None object: str(obj) goes to stderr and the status is 1.
import sys
print("about to exit with a list")
sys.exit(["error", 2])
