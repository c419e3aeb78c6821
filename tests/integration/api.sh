#!/usr/bin/env bash
# The desk's HTTPS API through real daemons (tests/integration/api.py).
exec /usr/bin/python3 "$YOUSU_SRC/tests/integration/api.py"
