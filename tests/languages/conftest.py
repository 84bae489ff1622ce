"""The walking helpers of the diagnostic and learning tests, shared with the language tests."""
import os
import sys

HERE = os.path.dirname(__file__)
for area in ("diagnostic", "learning"):
    folder = os.path.join(HERE, os.pardir, area)
    if folder not in sys.path:
        sys.path.insert(0, os.path.abspath(folder))
