#!/usr/bin/python3
"""systemd's side of a daemon, without systemd: NOTIFY_SOCKET bound here
(a datagram socket, as systemd binds it) and WATCHDOG_USEC set; a node
says READY=1 once it serves, WATCHDOG=1 at half the period from its
loop, RELOADING=1 then READY=1 on SIGHUP, STOPPING=1 on SIGTERM; without
NOTIFY_SOCKET it runs as before. The unit files of packaging/ pass
`systemd-analyze verify` but for their binaries, not installed here."""
import os
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("YOUSU_TEST_PREFIX", "yousu-notify.")
import desklib  # noqa: E402
from desklib import BIN, SRC, T, check, config, ctl  # noqa: E402


def messages(sock, until, want):
    """What the daemon said until `want` was among it, or the deadline."""
    got = []
    end = time.monotonic() + until
    while time.monotonic() < end:
        sock.settimeout(max(0.01, end - time.monotonic()))
        try:
            got += sock.recv(4096).decode().split("\n")
        except socket.timeout:
            break
        if want in got:
            break
    return got


def main():
    try:
        path = f"{T}/notify.sock"
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.bind(path)
        config("hd", "HD")
        log = open(f"{T}/hd.log", "a")
        st = os.fstat(log.fileno())
        env = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="400000",
                   JOURNAL_STREAM=f"{st.st_dev}:{st.st_ino}")
        env.pop("WATCHDOG_PID", None)
        p = subprocess.Popen([os.path.join(BIN, "yousu-node"), "-c",
                              f"{T}/hd.ini", "--test-clock=2026-09-24T09:00"],
                             stderr=log, env=env)
        desklib.PROCS.append(p)
        got = messages(sock, 20, "READY=1")
        check("READY=1 once the node serves", "READY=1" in got, got)
        check("... with its status", any(m.startswith("STATUS=node HD")
                                          for m in got), got)
        check("... and its control socket answers by then",
              ctl("hd", "ping")["ok"])
        t0 = time.monotonic()
        got = [m for m in messages(sock, 1.2, "never") if m == "WATCHDOG=1"]
        check("WATCHDOG=1 at half of WATCHDOG_USEC (0.4 s) from the loop",
              2 <= len(got) <= 12, (len(got), time.monotonic() - t0))
        p.send_signal(signal.SIGHUP)
        got = messages(sock, 10, "READY=1")
        check("SIGHUP: RELOADING=1, then READY=1 again",
              "RELOADING=1" in got and "READY=1" in got and
              got.index("RELOADING=1") < got.index("READY=1"), got)
        ctl("hd", "show", "HD-NOSUCH", ok=False)
        lines = open(f"{T}/hd.log").read().splitlines()
        check("stderr is the journal's (JOURNAL_STREAM): lines carry their "
              "priority, no time stamp",
              any(x.startswith("<6>node[HD]: started") for x in lines) and
              not any(x[:1].isdigit() for x in lines), lines[:3])
        check("... a refusal is a warning",
              any(x.startswith("<4>") and "REFUSED" in x for x in lines),
              lines[-3:])
        p.send_signal(signal.SIGTERM)
        got = messages(sock, 10, "STOPPING=1")
        check("SIGTERM: STOPPING=1", "STOPPING=1" in got, got)
        p.wait(10)
        check("... and it stops cleanly", p.returncode == 0, p.returncode)
        # without systemd: as before
        q = subprocess.run([os.path.join(BIN, "yousu-node"), "-c",
                            f"{T}/hd.ini", "--check"], capture_output=True,
                           text=True, env={k: v for k, v in os.environ.items()
                                           if k != "NOTIFY_SOCKET"})
        check("without NOTIFY_SOCKET the daemon needs nothing of systemd",
              q.returncode == 0, q.stderr)
        analyze = "/usr/bin/systemd-analyze"
        if os.path.exists(analyze):
            for role in ("node", "hub", "bridge"):
                r = subprocess.run([analyze, "verify",
                                    f"{SRC}/packaging/yousu-{role}.service"],
                                   capture_output=True, text=True)
                other = [line for line in (r.stdout + r.stderr).splitlines()
                         if line.strip() and "is not executable" not in line]
                check(f"packaging/yousu-{role}.service passes systemd-analyze "
                      "verify (but for its binary, not installed here)",
                      not other, other)
        else:
            print("# skip: systemd-analyze is not on this machine "
                  "(the unit files were not verified)")
    except Exception as e:
        check("the test ran to its end", False, repr(e))
    finally:
        desklib.finish()


main()
