#!/usr/bin/env bash
# systemd's notifications and watchdog, and the unit files (notify.py).
exec /usr/bin/python3 "$YOUSU_SRC/tests/integration/notify.py"
