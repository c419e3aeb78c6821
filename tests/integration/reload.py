#!/usr/bin/python3
"""SIGHUP (and `yousuctl reload`) reads the configuration again without
dropping a link or a session: a department added to the catalogue is
assigned at once; a new HTTPS certificate is served from the next
handshake while the session logged in before goes on; keys a running
daemon cannot take are named and not taken; a broken file, catalogue or
certificate changes nothing and says why; the county's link to its
township stays up through the hub's reloads and carries a complaint
registered after them."""
import hashlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
os.environ.setdefault("YOUSU_TEST_PREFIX", "yousu-reload.")
import desklib  # noqa: E402
from desklib import (LINK, SRC, T, Desk, account, check, config, ctl,  # noqa
                     free_port, key, ready, start)


def make_cert(name):
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-keyout", f"{T}/{name}.key", "-out",
                    f"{T}/{name}.crt", "-days", "2", "-subj",
                    f"/CN={name}", "-addext",
                    "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    os.chmod(f"{T}/{name}.key", 0o600)


def served_cert(port):
    """The SHA-256 of the certificate a new handshake gets."""
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        with ctx.wrap_socket(s) as t:
            return hashlib.sha256(t.getpeercert(binary_form=True)).hexdigest()


def der_hash(name):
    der = ssl.PEM_cert_to_DER_cert(open(f"{T}/{name}.crt").read())
    return hashlib.sha256(der).hexdigest()


def hup(p, log, before):
    """SIGHUP, and the log's new lines once the daemon said it reloaded."""
    p.send_signal(signal.SIGHUP)
    for _ in range(100):
        text = open(log).read()[before:]
        if "reloaded" in text or "RELOAD " in text:
            return text
        time.sleep(0.05)
    return open(log).read()[before:]


def main():
    try:
        make_cert("one")
        make_cert("two")
        shutil.copy(f"{SRC}/configs/departments/shenqiu.ini",
                    f"{T}/depts.ini")
        port = free_port()
        https = (f"listen = 127.0.0.1:{port}\ntls_cert = {T}/desk.crt\n"
                 f"tls_key = {T}/desk.key\n")
        for ext in ("crt", "key"):
            shutil.copy(f"{T}/one.{ext}", f"{T}/desk.{ext}")
        os.chmod(f"{T}/desk.key", 0o600)
        children = f"[listen]\nuplink = ipc://{T}/up.sock\n" \
            f"downlink = ipc://{T}/down.sock\n[children]\nHD = {key('HD')}\n"
        config("hub", "SQ", https, children + LINK)

        text = open(f"{T}/hub.ini").read().replace(
            f"{SRC}/configs/departments/shenqiu.ini", f"{T}/depts.ini")
        open(f"{T}/hub.ini", "w").write(text)
        hub = start("hub", "hub")
        config("hd", "HD", None,
               f"[parent]\ncode = SQ\nuplink = ipc://{T}/up.sock\n"
               f"downlink = ipc://{T}/down.sock\nkey = {key('HD')}\n" + LINK)
        start("node", "hd")
        log = f"{T}/hub.log"
        ctx = ssl.create_default_context(cafile=f"{T}/one.crt")
        temp = account("hub", "boss", "督办甲", "supervision")
        desk = ready(port, "boss", temp, tls=ctx)
        check("the first certificate is served", served_cert(port) == der_hash("one"))

        for _ in range(100):
            if ctl("hd", "status")["result"]["parent"]["peers"][0]["online"]:
                break
            time.sleep(0.1)
        redials = ctl("hd", "status")["result"]["parent"]["redials"]

        # a department the catalogue does not have yet
        cid = ctl("hub", "--actor", "窗口", "intake", "--source", "window",
                  "--name", "甲", "--phone", "13900000001", "--content",
                  "重载测试")["result"]["id"]
        ctl("hub", "classify", cid, "--category", "blocked")
        r = ctl("hub", "--actor", "督办", "assign", cid, "--lead", "XJB",
                ok=False)
        check("before: an unknown department is refused",
              not r.get("ok") and "XJB" in r.get("error", ""), r)
        with open(f"{T}/depts.ini", "a") as f:
            f.write("\n[dept XJB]\nname = 县新建局\nlevel = county\n")
        for ext in ("crt", "key"):
            shutil.copy(f"{T}/two.{ext}", f"{T}/desk.{ext}")
        text = open(f"{T}/hub.ini").read()
        text = text.replace("interval_s = 3600", "interval_s = 600")
        open(f"{T}/hub.ini", "w").write(text)
        size = os.path.getsize(log)
        said = hup(hub, log, size)
        check("SIGHUP reloads the configuration", "reloaded" in said, said)
        r = ctl("hub", "--actor", "督办", "assign", cid, "--lead", "XJB",
                ok=False)
        check("after: the new department is assigned, no restart",
              r.get("ok") and r["result"]["lead"] == "XJB", r)
        check("the new certificate is served from the next handshake",
              served_cert(port) == der_hash("two"))
        desk2 = Desk(port, ssl.create_default_context(cafile=f"{T}/two.crt"))
        desk2.cookie, desk2.csrf = desk.cookie, desk.csrf
        st, r = desk2.request("GET", "/api/v1/me")
        check("the session made before the reload still works", st == 200,
              (st, r))

        # keys a running daemon cannot take: named, not taken
        text = open(f"{T}/hub.ini").read().replace(
            "heartbeat_ms = 200", "heartbeat_ms = 300")
        open(f"{T}/hub.ini", "w").write(text)
        r = ctl("hub", "reload")
        check("yousuctl reload names what needs a restart",
              "[link] heartbeat_ms" in r["result"]["restart"], r)
        out = subprocess.run([os.path.join(desklib.BIN, "yousuctl"), "-s",
                              f"ipc://{T}/hub.sock", "reload"],
                             capture_output=True, text=True).stdout
        check("... in Chinese", "需重启才生效：[link] heartbeat_ms" in out, out)

        # refused: nothing changes
        good = open(f"{T}/hub.ini").read()
        open(f"{T}/hub.ini", "w").write(
            good.replace("interval_s = 600", "interval_s = 600\nnonsense = 1"))
        r = ctl("hub", "reload", ok=False)
        check("a bad key is refused with its line, nothing changed",
              not r.get("ok") and "nonsense" in r.get("error", "") and
              "nothing changed" in r.get("error", ""), r)
        open(f"{T}/hub.ini", "w").write(good)
        shutil.copy(f"{T}/one.key", f"{T}/desk.key")  # two's cert, one's key
        os.chmod(f"{T}/desk.key", 0o600)
        r = ctl("hub", "reload", ok=False)
        check("a key that does not go with the certificate is refused",
              not r.get("ok") and "do not go together" in r.get("error", ""),
              r)
        check("... and the certificate in use stays",
              served_cert(port) == der_hash("two"))
        os.chmod(f"{T}/desk.key", 0o644)
        r = ctl("hub", "reload", ok=False)
        check("a key readable by others is refused",
              not r.get("ok") and "readable by others" in r.get("error", ""),
              r)
        shutil.copy(f"{T}/two.key", f"{T}/desk.key")
        os.chmod(f"{T}/desk.key", 0o600)
        with open(f"{T}/depts.ini", "a") as f:
            f.write("\n[dept BAD]\nlevel = county\n")
        r = ctl("hub", "reload", ok=False)
        check("a broken catalogue is refused, naming it",
              not r.get("ok") and "depts.ini" in r.get("error", ""), r)

        # the link stayed up through all of it
        check("the township's link was never redialed",
              ctl("hd", "status")["result"]["parent"]["redials"] == redials)
        hid = ctl("hd", "--actor", "窗口", "intake", "--source", "window",
                  "--name", "乙", "--phone", "13900000002", "--content",
                  "重载后受理")["result"]["id"]
        got = False
        for _ in range(100):
            r = ctl("hub", "show", hid, ok=False)
            if r.get("ok"):
                got = True
                break
            time.sleep(0.1)
        check("a complaint registered after the reloads reaches the county",
              got, hid)
    except Exception as e:  # a failure to run is a failure
        check(f"the test ran to the end ({type(e).__name__}: {e})", False)
    desklib.finish()


main()
