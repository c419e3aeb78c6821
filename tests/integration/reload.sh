#!/usr/bin/env bash
# Reloading the configuration on SIGHUP and with yousuctl reload (reload.py).
exec /usr/bin/python3 "$YOUSU_SRC/tests/integration/reload.py"
