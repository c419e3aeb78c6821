#!/usr/bin/env bash
# The README's command table is checked against the command schema.
exec /usr/bin/python3 "$YOUSU_SRC/tests/integration/readme_commands.py"
