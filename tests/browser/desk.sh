#!/usr/bin/env bash
# The web desk in headless Chromium against real daemons (tests/browser/desk.py).
exec /usr/bin/python3 "$YOUSU_SRC/tests/browser/desk.py"
