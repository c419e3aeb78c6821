"""What the desk's tests share (tests/integration/api.py, the browser
tests in tests/browser/): real daemons in a temporary folder, yousuctl,
accounts, an HTTP client with the session's cookie and CSRF token, and
TAP-style checks."""
import http.client
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time

BIN = os.environ["YOUSU_BIN"]
SRC = os.environ["YOUSU_SRC"]
T = tempfile.mkdtemp(prefix=os.environ.get("YOUSU_TEST_PREFIX", "yousu-desk."))
PROCS = []
FAILS = 0
NOT_OK = []
PASSES = 0


def check(what, ok, detail=""):
    global FAILS, PASSES
    if ok:
        PASSES += 1
        print("ok - " + what)
    else:
        FAILS += 1
        NOT_OK.append(what)
        print("not ok - " + what + (": " + str(detail) if detail else ""))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ctl(name, *args, json_out=True, ok=True):
    cmd = [os.path.join(BIN, "yousuctl"), "-s", f"ipc://{T}/{name}.sock",
           "--actor", "测试管理员"] + (["--json"] if json_out else []) + \
        list(args)
    p = subprocess.run(cmd, capture_output=True, text=True)
    if ok and p.returncode != 0:
        raise RuntimeError(f"yousuctl {' '.join(args)}: {p.stderr}")
    return json.loads(p.stdout) if json_out and p.stdout else p


def config(name, code, http=None, extra=""):
    text = f"""[centre]
code = {code}
name = 测试{name}中心
[store]
path = {T}/{name}.db
[control]
listen = ipc://{T}/{name}.sock
[policy]
profile = {SRC}/configs/profiles/shenqiu.ini
calendar = {SRC}/configs/calendars/cn.ini
departments = {SRC}/configs/departments/shenqiu.ini
[scheduler]
interval_s = 3600
"""
    if http:
        text += "[http]\n" + http
    text += extra
    with open(f"{T}/{name}.ini", "w") as f:
        f.write(text)


def start(prog, name, clock="2026-09-24T09:00", folder=None):
    folder = folder or T
    log = open(f"{T}/{name}.log", "a")
    p = subprocess.Popen([os.path.join(BIN, f"yousu-{prog}"), "-c",
                          f"{folder}/{name}.ini", f"--test-clock={clock}"],
                         stderr=log)
    PROCS.append(p)
    for _ in range(200):
        if subprocess.run([os.path.join(BIN, "yousuctl"), "-s",
                           f"ipc://{folder}/{name}.sock", "ping"],
                          capture_output=True).returncode == 0:
            return p
        if p.poll() is not None:
            raise RuntimeError(f"yousu-{prog} {name} exited: " +
                               open(f"{T}/{name}.log").read()[-500:])
        time.sleep(0.05)
    raise RuntimeError(f"{name} does not answer")


def key(code):
    os.makedirs(f"{T}/keys", exist_ok=True)
    path = f"{T}/keys/{code}.key"
    if not os.path.exists(path):
        subprocess.run([os.path.join(BIN, "yousuctl"), "keygen", path],
                       check=True, capture_output=True)
    return path


LINK = """[link]
heartbeat_ms = 200
resend_ms = 300
resend_max_ms = 1500
offline_after_ms = 1500
reconnect_min_ms = 50
reconnect_max_ms = 400
"""


class Desk:
    """One browser: its cookie and CSRF token."""

    def __init__(self, port, tls=None, host="127.0.0.1"):
        self.port, self.tls, self.host = port, tls, host
        self.cookie = None
        self.csrf = None
        self.last_headers = {}

    def request(self, method, path, body=None, csrf=True, headers=None):
        if self.tls:
            c = http.client.HTTPSConnection(self.host, self.port,
                                            context=self.tls, timeout=30)
        else:
            c = http.client.HTTPConnection(self.host, self.port, timeout=30)
        h = dict(headers or {})
        if self.cookie:
            h["Cookie"] = self.cookie
        if method == "POST" and csrf and self.csrf:
            h["X-CSRF-Token"] = self.csrf
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        raw = r.read()
        self.last_headers = {k.lower(): v for k, v in r.getheaders()}
        setc = self.last_headers.get("set-cookie")
        if setc:
            self.set_cookie = setc
            val = setc.split(";")[0]
            self.cookie = None if val.endswith("=") else val
        c.close()
        try:
            return r.status, json.loads(raw)
        except ValueError:
            return r.status, {"raw": raw.decode(errors="replace")}

    def login(self, login, password):
        st, r = self.request("POST", "/api/v1/login",
                             {"login": login, "password": password})
        if st == 200:
            self.csrf = r["result"]["csrf"]
        return st, r

    def get(self, cmd, **q):
        from urllib.parse import urlencode
        return self.request("GET", f"/api/v1/{cmd}" +
                            (("?" + urlencode(q)) if q else ""))

    def post(self, cmd, body=None, **kw):
        return self.request("POST", f"/api/v1/{cmd}", body or {}, **kw)


def account(centre, login, name, roles, depts=None, centres=None,
            password=None):
    """An account, logged in once to set its own password; returns it."""
    args = ["user", "add", login, "--name", name, "--roles", roles]
    if depts:
        args += ["--depts", depts]
    if centres:
        args += ["--centres", centres]
    temp = ctl(centre, *args)["result"]["temporary_password"]
    return temp


def ready(port, login, temp, password="一个很长的好密码-2026", tls=None):
    d = Desk(port, tls)
    st, r = d.login(login, temp)
    assert st == 200, (login, st, r)
    st, r = d.post("password", {"old": temp, "new": password})
    assert st == 200, (login, st, r)
    return d


def security_headers_ok(h):
    csp = h.get("content-security-policy", "")
    return ("script-src 'self'" in csp and "frame-ancestors 'none'" in csp
            and "unsafe-inline" not in csp
            and h.get("x-content-type-options") == "nosniff"
            and h.get("referrer-policy") == "no-referrer")




def finish():
    """Stops the daemons, reports, keeps the folder when something failed;
    exits with the result."""
    import sys
    for p in PROCS:
        if p.poll() is None:
            p.terminate()
    for p in PROCS:
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
    print(f"# {PASSES} passed, {FAILS} failed")
    if FAILS:
        for root, _, files in sorted(os.walk(T)):
            for f in sorted(files):
                if f.endswith(".log"):
                    print(f"# --- tail of {os.path.relpath(root, T)}/{f}")
                    for line in open(f"{root}/{f}", errors="replace") \
                            .read().splitlines()[-12:]:
                        print("# " + line)
        # again at the end, where a CI log cut in the middle still shows it
        for what in NOT_OK:
            print("# failed: " + what)
        print("kept " + T)
    else:
        shutil.rmtree(T, ignore_errors=True)
    sys.exit(1 if FAILS else 0)
