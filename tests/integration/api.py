#!/usr/bin/python3
"""The desk's HTTPS API (issue 14) through real daemons: a county hub with
two townships linked to it, and a township node, each with its own
accounts; requests over real sockets with Python's own HTTP client.

- Every command of the schema at a centre, by every staff role: allowed or
  403 as the schema's roles column says; scope (a department account on
  another department's complaint, a county account narrowed to HD on a
  complaint of LZ, list filters).
- Sessions: the cookie's flags, the temporary password changed first,
  CSRF missing or wrong, logout and logout everywhere, idle expiry and the
  absolute lifetime on the test clock, throttling with growing delays,
  lockout, a reset by the administrator ending every session.
- One complaint's whole workflow by five accounts, each step signed by its
  account and role, and the ledger's signature columns naming them.
- TLS with a test certificate (Secure cookie, HSTS); plain HTTP refused on
  an address that is not loopback; a key readable by others refused.
- The OpenAPI document lists every command with its method; security
  headers on every answer, refusals included; no password or token in the
  store's audit log or the daemon's log."""
import http.client
import json
import os
import shutil
import socket
import signal
import ssl
import subprocess
import sys
import tempfile
import time

os.environ.setdefault("YOUSU_TEST_PREFIX", "yousu-api.")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import desklib  # noqa: E402
from desklib import (BIN, SRC, T, LINK, Desk, account, check, config,  # noqa
                     ctl, free_port, key, ready, security_headers_ok, start)

# ----------------------------------------------------------------------------

def test_sessions(port):
    temp = account("hd", "zhang", "张三", "window")
    d = Desk(port)
    st, r = d.login("zhang", "wrong-password-123")
    check("a wrong password: 401 with one message for every cause",
          st == 401 and "登录名或密码错误" in r["error"], (st, r))
    st, r = d.login("zhang", temp)
    check("the throttle: a second try at once from the same address waits",
          st == 429 and "过多" in r["error"], (st, r))
    ctl("hd", "clock", "advance", "2s")
    st, r = d.login("zhang", temp)
    check("login with the temporary password", st == 200, r)
    sc = d.set_cookie
    check("the cookie: HttpOnly, SameSite=Strict, Path=/, not Secure on "
          "plain HTTP",
          "HttpOnly" in sc and "SameSite=Strict" in sc and "Path=/" in sc
          and "Secure" not in sc, sc)
    check("must change first", r["result"]["must_change"] is True, r)
    st, r = d.get("list")
    check("nothing but a password change before", st == 403
          and "请先修改临时密码" in r["error"], (st, r))
    check("security headers on a refusal too",
          security_headers_ok(d.last_headers), d.last_headers)
    st, r = d.post("password", {"old": temp, "new": "short"})
    check("a short new password is refused",
          st == 400 and "fewer than 10 characters" in r["error"], r)
    st, r = d.post("password", {"old": temp, "new": "zhang"})
    check("... and the login name", st == 400, r)
    st, r = d.post("password", {"old": "not-the-old-one", "new": "新的密码很长很长很长了"})
    check("a wrong old password", st == 401 and "原密码错误" in r["error"], r)
    st, r = d.post("password", {"old": temp, "new": "新的密码很长很长很长了"})
    check("the password changed", st == 200, r)
    st, r = d.get("list")
    check("then the desk works", st == 200, r)
    check("security headers", security_headers_ok(d.last_headers),
          d.last_headers)
    check("no caching of answers",
          d.last_headers.get("cache-control") == "no-store", d.last_headers)
    # CSRF
    st, r = d.post("intake", {"source": "window", "anonymous": True,
                              "content": "x"}, csrf=False)
    check("a change without the CSRF header: 403",
          st == 403 and "X-CSRF-Token" in r["error"], (st, r))
    saved, d.csrf = d.csrf, "x" * len(d.csrf)
    st, r = d.post("intake", {"source": "window", "anonymous": True,
                              "content": "x"})
    check("a wrong CSRF token: 403", st == 403, (st, r))
    d.csrf = saved
    # two sessions, logout everywhere
    e = Desk(port)
    st, _ = e.login("zhang", "新的密码很长很长很长了")
    check("a second session", st == 200)
    st, _ = e.post("logout")
    st2, _ = e.get("me")
    check("logout ends it", st == 200 and st2 == 401, (st, st2))
    e.login("zhang", "新的密码很长很长很长了")
    st, _ = d.post("logout-all")
    st1, _ = d.get("me")
    st2, _ = e.get("me")
    check("logout everywhere ends every session", st == 200 and st1 == 401
          and st2 == 401, (st, st1, st2))
    # idle expiry and absolute lifetime, on the test clock
    d = Desk(port)
    d.login("zhang", "新的密码很长很长很长了")
    ctl("hd", "clock", "advance", "29m")
    st1, _ = d.get("me")
    ctl("hd", "clock", "advance", "31m")
    st2, r = d.get("me")
    check("a session idle for 31 minutes ends (30 allowed)",
          st1 == 200 and st2 == 401 and "请先登录" in r["error"], (st1, st2))
    # a page refreshing itself does not keep an unattended desk logged in
    d = Desk(port)
    d.login("zhang", "新的密码很长很长很长了")
    bg = {"X-Yousu-Background": "1"}
    seen = []
    for _ in range(3):
        ctl("hd", "clock", "advance", "12m")
        seen.append(d.request("GET", "/api/v1/ping", headers=bg)[0])
    check("background refreshes (X-Yousu-Background) do not count as use: "
          "the session ends 30 minutes after the user's last request",
          seen == [200, 200, 401], seen)
    # kept busy, it still ends after its absolute lifetime (2 h here)
    d = Desk(port)
    d.login("zhang", "新的密码很长很长很长了")
    alive = []
    for _ in range(5):
        ctl("hd", "clock", "advance", "25m")
        alive.append(d.get("me")[0])
    check("a busy session still ends after its absolute lifetime (2 h)",
          alive[:4] == [200] * 4 and alive[4] == 401, alive)
    # lockout after lock_after (3) failures, throttled in between
    temp = account("hd", "wang", "王五", "visit")
    d = Desk(port)
    codes = []
    for i in range(3):
        ctl("hd", "clock", "advance", "10m")
        codes.append(d.login("wang", f"wrong-{i}-password")[0])
    ctl("hd", "clock", "advance", "10m")
    st, r = d.login("wang", temp)
    state = ctl("hd", "user", "show", "wang")["result"]["state"]
    check("three failures lock the account; the right password then fails",
          codes == [401] * 3 and st == 401 and state == "locked",
          (codes, st, state))
    audit = [a["what"] for a in ctl("hd", "audit", "--login", "wang")
             ["result"]]
    check("the audit log has the failures and the lockout",
          audit.count("login_failed") == 4 and "locked" in audit, audit)
    ctl("hd", "clock", "advance", "10m")
    temp = ctl("hd", "user", "passwd", "wang")["result"]["temporary_password"]
    d = Desk(port)
    st, r = d.login("wang", temp)
    check("a reset unlocks it and asks for a new password",
          st == 200 and r["result"]["must_change"] is True, (st, r))
    d.post("password", {"old": temp, "new": "王五的新密码好长好长啊"})
    st, _ = d.get("me")
    ctl("hd", "user", "passwd", "wang")
    st2, _ = d.get("me")
    check("a reset by the administrator ends the account's sessions",
          st == 200 and st2 == 401, (st, st2))
    ctl("hd", "user", "lock", "zhang")
    st, _ = Desk(port).login("zhang", "新的密码很长很长很长了")
    check("a locked account cannot log in", st == 401)
    ctl("hd", "user", "unlock", "zhang")
    ctl("hd", "clock", "advance", "10m")  # the address's delay
    st, _ = Desk(port).login("zhang", "新的密码很长很长很长了")
    check("unlocked, it can", st == 200)


def test_matrix(port, centre, at):
    """Every command here by every role: 403 for the roles the schema does
    not give it; any other answer (done, or refused for its fields or
    state) for those it does."""
    schema = json.loads(subprocess.run(
        [os.path.join(BIN, "yousuctl"), "schema"], capture_output=True,
        text=True, check=True).stdout)
    roles = ["window", "supervision", "duty", "dept", "visit", "leader",
             "stats", "admin"]
    desks = {}
    for r in roles:
        temp = account(centre, f"m-{r}", f"矩阵{r}", r,
                       depts="SCJ" if r == "dept" else None)
        desks[r] = ready(port, f"m-{r}", temp)
    wrong = []
    n = 0
    for c in schema:
        if at not in c["at"] or c["client"]:
            continue
        for r in roles:
            d = desks[r]
            if c["changes"]:
                st, ans = d.post(c["name"], {"id": "HD-20990101001"}
                                 if any(f["key"] == "id" for f in c["fields"])
                                 else {})
            else:
                st, ans = d.get(c["name"])
            refused = st == 403 and "角色不能执行" in ans.get("error", "")
            n += 1
            if refused == (r in c["roles"]):
                wrong.append((c["name"], r, st, ans.get("error")))
    check(f"{n} command x role pairs at {centre}: 403 exactly where the "
          "schema says", not wrong and n > 300, wrong[:6])
    return desks


def test_scope(port, desks):
    w, sv = desks["window"], desks["supervision"]
    ok = []
    ids = {}
    for lead in ("SCJ", "RSJ"):
        st, r = w.post("intake", {"source": "window", "anonymous": True,
                                  "content": f"{lead} 的诉求"})
        i = r["result"]["id"]
        ok.append(w.post("classify", {"id": i, "category": "blocked"})[0])
        ok.append(sv.post("assign", {"id": i, "lead": lead})[0])
        ids[lead] = i
    check("two complaints taken, classified and assigned through the API",
          ok == [200] * 4, ok)
    dp = desks["dept"]
    st, r = dp.post("accept", {"id": ids["RSJ"]})
    check("a department account on another department's complaint: 403",
          st == 403 and "不是你的部门牵头或协办的诉求" in r["error"], (st, r))
    st, r = dp.post("accept", {"id": ids["SCJ"]})
    check("on its own: signed for, as its department",
          st == 200 and r["result"]["accepted"].get("SCJ"), (st, r))
    st, r = dp.post("accept", {"id": ids["SCJ"], "dept": "RSJ"})
    check("it cannot act as another department",
          st == 403 and "你只能代表本部门" in r["error"], (st, r))
    st, r = dp.get("show", id=ids["RSJ"])
    check("nor read another department's complaint", st == 403, (st, r))
    st, r = dp.get("list")
    check("its list is its department's",
          st == 200 and [x["id"] for x in r["result"]] == [ids["SCJ"]], r)
    st, r = dp.get("list", dept="RSJ")
    check("a list of another department's: 403", st == 403, (st, r))
    st, r = dp.get("queue")
    check("its queue needs no department: its own",
          st == 200 and len(r["result"]) == 1, (st, r))
    audit = ctl("hd", "audit", "--login", "m-dept")["result"]
    check("refusals are audited",
          sum(a["what"] == "refused" for a in audit) >= 3, audit[:3])


def test_workflow(port):
    """One complaint, five accounts: each step signed by its account."""
    users = {"li": ("李娜", "window", None), "zhao": ("赵督办", "supervision",
             None), "sun": ("孙市监", "dept", "SCJ"),
             "qian": ("钱回访", "visit", None), "zhou": ("周带班", "duty", None)}
    d = {}
    for login, (name, role, depts) in users.items():
        d[login] = ready(port, login, account("hd", login, name, role, depts))
    st, r = d["li"].post("intake", {
        "source": "window", "name": "王建国", "phone": "13903940001",
        "content": "营业执照变更材料齐全，窗口不予办理"})
    i = r["result"]["id"]
    # a step at the daemon's machine: yousuctl, on behalf of the actor
    ctl("hd", "contact", i, "--note", "电话已联系")
    steps = [("li", "classify", {"category": "blocked"}),
             ("zhao", "assign", {"lead": "SCJ"}),
             ("sun", "accept", {}),
             ("zhou", "extend", {"days": 2, "approver": "周带班",
                                 "reason": "材料需补正"}),
             ("sun", "reply", {"kind": "done", "result": "已办理"}),
             ("zhao", "qc", {"pass": True}),
             ("qian", "visit", {"satisfaction": "satisfied"}),
             ("zhao", "close", {})]
    codes = []
    for who, cmd, body in steps:
        body = dict(body, id=i)
        st, r = d[who].post(cmd, body)
        codes.append((cmd, st, r.get("error")))
    check("the whole workflow through the API by five accounts",
          all(c[1] == 200 for c in codes), codes)
    st, r = d["zhao"].get("show", id=i)
    log = r["result"]["log"]
    signed = [(e["type"], e["actor"], e["data"].get("signer", {})
               .get("login"), e["data"].get("signer", {}).get("role"))
              for e in log if e["data"].get("signer", {}).get("via") ==
              "desk"]
    by_ctl = [e for e in log if e["type"] == "contact"]
    want = [("intake", "李娜", "li", "window"),
            ("classify", "李娜", "li", "window"),
            ("assign", "赵督办", "zhao", "supervision"),
            ("accept", "孙市监", "sun", "dept"),
            ("extend", "周带班", "zhou", "duty"),
            ("reply", "孙市监", "sun", "dept"),
            ("qc", "赵督办", "zhao", "supervision"),
            ("visit", "钱回访", "qian", "visit"),
            ("close", "赵督办", "zhao", "supervision")]
    check("each step signed by its account and the role it acted in",
          signed == want, signed)
    # a township on Pingyi's profile keeps signature columns in its ledger
    # (承办窗口（科室）办结签字, 带班领导签字): they name the accounts
    doc = r["result"]
    check("the projection keeps who signed each step",
          doc.get("signed", {}).get("reply", {}).get("name") == "孙市监" and
          doc["signed"]["extend"]["role"] == "duty", doc.get("signed"))
    check("a step by yousuctl is recorded as both: yousuctl and the name "
          "given", len(by_ctl) == 1 and by_ctl[0]["actor"] == "测试管理员" and
          by_ctl[0]["data"].get("signer") == {"via": "yousuctl",
                                              "on_behalf_of": "测试管理员"},
          by_ctl)


def test_download(port, desks):
    """The ledger as CSV, made page by page (500 rows a page) while it is
    sent: byte for byte what yousuctl writes, 序号 going on across pages."""
    lines = "".join(json.dumps({"cmd": "intake", "args": {
        "source": "window", "anonymous": True,
        "content": f"批量诉求第{k}件"}}) + "\n" for k in range(1203))
    p = subprocess.run([os.path.join(BIN, "yousuctl"), "-s",
                        f"ipc://{T}/hd.sock", "batch"], input=lines,
                       capture_output=True, text=True)
    check("1203 complaints in one batch", p.returncode == 0, p.stderr[-300:])
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", "/api/v1/ledger.csv?with_id=true",
              headers={"Cookie": desks["leader"].cookie})
    r = c.getresponse()
    body = r.read(8 << 20)  # a broken stream could go on for ever
    c.close()
    subprocess.run([os.path.join(BIN, "yousuctl"), "-s",
                    f"ipc://{T}/hd.sock", "ledger", "--with-id", "--format",
                    "csv", "-o", f"{T}/ledger.csv"], check=True,
                   capture_output=True)
    want = open(f"{T}/ledger.csv", "rb").read()
    check("the download is a CSV attachment, not held whole (chunked)",
          r.status == 200 and r.getheader("Content-Type", "")
          .startswith("text/csv") and r.getheader("Content-Length") is None
          and "attachment" in r.getheader("Content-Disposition", ""),
          (r.status, r.getheaders()))
    rows = body.decode("utf-8-sig").splitlines()
    check("byte for byte the ledger yousuctl writes, 序号 1..N across pages",
          body == want and len(rows) == 1206 and rows[-1].startswith(
              f"{len(rows) - 1},"), (len(body), len(want), rows[-1][:40]))
    st, _ = desks["stats"].request("GET", "/api/v1/ledger.csv")
    check("a statistics account may not download the ledger", st == 403, st)
    # the same as XLSX: written in constant memory a page a run of the
    # loop, put together on a thread, sent from a file already unlinked
    import io
    import zipfile
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    c.request("GET", "/api/v1/ledger.xlsx?with_id=true",
              headers={"Cookie": desks["leader"].cookie})
    r = c.getresponse()
    body = r.read(64 << 20)
    c.close()
    subprocess.run([os.path.join(BIN, "yousuctl"), "-s",
                    f"ipc://{T}/hd.sock", "ledger", "--with-id", "--format",
                    "xlsx", "-o", f"{T}/ledger.xlsx"], check=True,
                   capture_output=True)
    sheet = "xl/worksheets/sheet1.xml"
    try:
        got = zipfile.ZipFile(io.BytesIO(body)).read(sheet)
    except (zipfile.BadZipFile, KeyError) as e:
        got = repr(e).encode()
    want = zipfile.ZipFile(f"{T}/ledger.xlsx").read(sheet)
    check("ledger.xlsx: a workbook whose sheet is yousuctl's, cell for cell",
          r.status == 200 and "spreadsheetml" in r.getheader(
              "Content-Type", "") and got == want and
          got.count(b"<row ") == 1207, (r.status, len(got), len(want)))
    left = [f for f in os.listdir(T) if f.startswith(".yousu-ledger-")]
    check("... and no file of it is left beside the store", left == [], left)
    st, _ = desks["stats"].request("GET", "/api/v1/ledger.xlsx")
    check("a statistics account may not download it either", st == 403, st)
    # statistics are counted 500 complaints a page, in turns: the
    # answer is yousuctl's, made at once
    for args in ({}, {"source": "window"}, {"status": "registered"}):
        st, r = desks["leader"].get("stats", **args)
        want = ctl("hd", "stats", *[x for k, v in args.items()
                                    for x in (f"--{k}", v)])
        check(f"stats {args} counted page by page over the API equal "
              "yousuctl's", st == 200 and r["result"] == want["result"] and
              r["result"]["total"] >= 1203, (st, r.get("error")))
    # whole days: from the days' figures the daemon keeps (stats_days),
    # the same answer counting, then kept, then after a change that day
    import sqlite3
    first = ctl("hd", "list", "--limit", "1")["result"][0]["id"]
    day = f"{first[3:7]}-{first[7:9]}-{first[9:11]}"
    for when in ("counted", "kept", "after a change"):
        if when == "after a change":
            ctl("hd", "intake", "--source", "window", "--anonymous",
                "--content", "同一天又来一件")
        args = {"from": day, "to": day}
        st, r = desks["leader"].get("stats", **args)
        want = ctl("hd", "stats", "--from", day, "--to", day)
        check(f"stats of a whole day ({when}) over the API equal yousuctl's",
              st == 200 and r["result"] == want["result"] and
              r["result"]["total"] >= 1203, (st, r.get("error")))
        db = sqlite3.connect(f"file:{T}/hd.db?mode=ro", uri=True)
        kept = db.execute("select count(*) from stats_days").fetchone()[0]
        db.close()
        check(f"... and the day's figures are kept ({when})", kept >= 1,
              kept)
    st, r = desks["leader"].get("ledger")
    check("a ledger over the API is a page: 100 rows unless limit says",
          st == 200 and len(r["result"]["rows"]) == 100, st)
    st, r = desks["leader"].get("ledger", limit=1000, offset=1000)
    check("... at most 1000 (limit, offset: the next page)",
          st == 200 and 200 <= len(r["result"]["rows"]) < 1000, st)
    st, r = desks["leader"].get("list", limit=1001)
    check("... more is refused, naming the download",
          st == 422 and "ledger.csv" in r["error"], (st, r))
    dp = desks["dept"]
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", "/api/v1/ledger.csv", headers={"Cookie": dp.cookie})
    rows = c.getresponse().read().decode("utf-8-sig").splitlines()
    c.close()
    check("a department account downloads its department's rows only",
          len(rows) == 2 and "SCJ 的诉求" in rows[1], rows[:3])


def test_static(port):
    d = Desk(port)
    st, r = d.request("GET", "/")
    check("the desk's page at /, with its headers",
          st == 200 and "有诉即办" in r.get("raw", "") and
          d.last_headers.get("content-type", "").startswith("text/html") and
          security_headers_ok(d.last_headers), (st, d.last_headers))
    st, r = d.request("GET", "/js/app.js")
    check("a module of it, as JavaScript",
          st == 200 and d.last_headers.get("content-type", "")
          .startswith("text/javascript"), (st, d.last_headers))
    bad = []
    for path in ("/../secret.txt", "/js/../../secret.txt", "/%2e%2e/secret.txt",
                 "/link.js", "/.hidden.js", "/nothing.html", "/index.txt"):
        st, r = d.request("GET", path)
        if st != 404 or "not for the web" in r.get("raw", "") + str(r):
            bad.append((path, st))
    check("nothing outside the desk's folder, no link, no hidden or "
          "unknown file", not bad, bad)
    st, r = d.request("GET", "/javascript/lib/lib.min.js")
    check("Debian's libraries through their links within share/",
          st == 200 and "lib = 2" in r.get("raw", ""), (st, r))
    st, r = d.request("GET", "/javascript/lib/out.js")
    check("... but not a link out of it",
          st == 404 and "not for the web" not in str(r), (st, r))


def test_openapi(port):
    st, r = Desk(port).request("GET", "/api/v1/openapi.json")
    paths = r.get("paths", {})
    schema = json.loads(subprocess.run(
        [os.path.join(BIN, "yousuctl"), "schema"], capture_output=True,
        text=True, check=True).stdout)
    missing = [c["name"] for c in schema
               if "node" in c["at"] and not c["client"] and
               ("post" if c["changes"] else "get") not in
               paths.get("/api/v1/" + c["name"], {})]
    check("OpenAPI 3 lists every command of this centre with its method",
          st == 200 and r.get("openapi", "").startswith("3.") and
          not missing and "/api/v1/login" in paths, missing)
    intake = paths.get("/api/v1/intake", {}).get("post", {})
    req = intake.get("requestBody", {}).get("content", {}) \
        .get("application/json", {}).get("schema", {})
    check("a command's fields, types and required ones come from the schema",
          "source" in req.get("required", []) and
          req["properties"]["contact_within_hours"]["maximum"] == 720, req)


def test_tls():
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048",
                    "-nodes", "-keyout", f"{T}/desk.key", "-out",
                    f"{T}/desk.crt", "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    os.chmod(f"{T}/desk.key", 0o600)
    port = free_port()
    config("tls", "TL", f"listen = 127.0.0.1:{port}\n"
           f"tls_cert = {T}/desk.crt\ntls_key = {T}/desk.key\n")
    start("node", "tls")
    ctx = ssl.create_default_context(cafile=f"{T}/desk.crt")
    temp = account("tls", "admin", "管理员", "admin")
    d = Desk(port, ctx)
    st, r = d.login("admin", temp)
    check("the API over HTTPS with a test certificate", st == 200, r)
    check("... the cookie is Secure there", "Secure" in d.set_cookie,
          d.set_cookie)
    check("... and HSTS is sent",
          "max-age" in d.last_headers.get("strict-transport-security", ""),
          d.last_headers)
    plain = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        plain.request("GET", "/api/v1/me")
        r = plain.getresponse()
        bad = r.status == 200
    except Exception:
        bad = False
    check("plain HTTP is not answered on the TLS port", not bad)
    # plain HTTP on an address that is not loopback: refused at start
    config("open", "OP", f"listen = 0.0.0.0:{free_port()}\n")
    p = subprocess.run([os.path.join(BIN, "yousu-node"), "-c",
                        f"{T}/open.ini"], capture_output=True, text=True,
                       timeout=20)
    check("plain HTTP on a non-loopback address does not start",
          p.returncode != 0 and "plain HTTP only on a loopback address"
          in p.stderr, p.stderr)
    os.chmod(f"{T}/desk.key", 0o644)
    config("loose", "LO", f"listen = 127.0.0.1:{free_port()}\n"
           f"tls_cert = {T}/desk.crt\ntls_key = {T}/desk.key\n")
    p = subprocess.run([os.path.join(BIN, "yousu-node"), "-c",
                        f"{T}/loose.ini"], capture_output=True, text=True,
                       timeout=20)
    check("a TLS key readable by others is refused",
          p.returncode != 0 and "readable by others" in p.stderr, p.stderr)


def children(pid, comm):
    """The pids of pid's children named comm (an error if /proc cannot be
    read: "none" must not mean "could not look")."""
    out = []
    for e in os.listdir("/proc"):
        if not e.isdigit():
            continue
        try:
            with open(f"/proc/{e}/stat") as f:
                st = f.read()
        except FileNotFoundError:
            continue  # ended while we looked
        name = st[st.index("(") + 1:st.rindex(")")]
        ppid = int(st[st.rindex(")") + 2:].split()[1])
        if ppid == pid and name == comm:
            out.append(int(e))
    return out


def test_password_process():
    """Argon2id runs in a process of its own that holds nothing of the
    daemon's, ends with it, and is not needed for a login to work."""
    port = free_port()
    config("pw", "PW", f"listen = 127.0.0.1:{port}\n")
    daemon = start("node", "pw")
    kids = children(daemon.pid, "yousu-password")
    check("the daemon has one password process", len(kids) == 1, kids)
    if len(kids) != 1:
        return
    fds = sorted(int(f) for f in os.listdir(f"/proc/{kids[0]}/fd"))
    targets = [os.readlink(f"/proc/{kids[0]}/fd/{f}") for f in fds]
    check("... holding nothing of the daemon's but stdio and its socket",
          fds == [0, 1, 2, 3] and targets[3].startswith("socket:") and
          not any("pw.db" in t for t in targets), targets)
    temp = account("pw", "admin", "管理员", "admin")
    d = Desk(port)
    st, r = d.login("admin", temp)
    check("a login is checked by it", st == 200, r)
    os.kill(kids[0], signal.SIGKILL)
    time.sleep(0.2)
    st, r = d.post("password", {"old": temp, "new": "口令进程已经不在了-2026"})
    check("without it (killed), a password is still changed", st == 200, r)
    st, r = Desk(port).login("admin", "口令进程已经不在了-2026")
    check("... and checked", st == 200, r)
    daemon.terminate()
    daemon.wait(10)
    config("pw", "PW", f"listen = 127.0.0.1:{port}\n")
    daemon = start("node", "pw")
    kids = children(daemon.pid, "yousu-password")
    daemon.kill()
    daemon.wait(10)
    gone = False
    for _ in range(100):
        if kids and not os.path.exists(f"/proc/{kids[0]}"):
            gone = True
            break
        try:
            with open(f"/proc/{kids[0]}/stat") as f:
                if f.read().split(") ")[1].startswith("Z"):
                    gone = True  # dead, waiting for init to reap it
                    break
        except (FileNotFoundError, IndexError):
            gone = True
            break
        time.sleep(0.05)
    check("the password process ends when its daemon is killed (-9)",
          len(kids) == 1 and gone, kids)


def test_county_scope():
    """A county hub with HD and LZ: an account narrowed to HD."""
    port = free_port()
    config("sq", "SQ", f"listen = 127.0.0.1:{port}\n",
           f"[listen]\nuplink = ipc://{T}/sq-up.sock\n"
           f"downlink = ipc://{T}/sq-down.sock\n[children]\n"
           f"HD = {key('HD')}\nLZ = {key('LZ')}\n" + LINK)
    start("hub", "sq")
    temp = account("sq", "hd-staff", "槐店督办", "supervision",
                   centres="HD")
    d = ready(port, "hd-staff", temp)
    sup = ready(port, "county", account("sq", "county", "县窗口",
                                        "window"))
    st, r = sup.post("intake", {"source": "window", "anonymous": True,
                                "content": "县中心直接受理"})
    sq_id = r["result"]["id"]
    st, r = d.get("show", id=sq_id)
    check("a county account narrowed to HD: a complaint taken at SQ is "
          "refused", st == 403 and "不是你负责的乡镇的诉求" in r["error"],
          (st, r))
    st, r = d.get("list")
    check("... its list is HD's (given as the filter)",
          st == 200 and r["result"] == [], (st, r))
    st, r = d.get("list", origin="LZ")
    check("... and asking for LZ's is refused", st == 403, (st, r))


def test_bridge_privacy():
    """After the demo, the city bridge's API: no answer to any account
    holds a complainant's name or phone, or a phone number at all."""
    import re
    import sqlite3
    demo = f"{T}/demo"
    p = subprocess.run(["bash", f"{SRC}/scripts/demo.sh", "--dir", demo],
                       capture_output=True, text=True,
                       env=dict(os.environ, YOUSU_BIN=BIN))
    check("the demo runs", p.returncode == 0,
          f"exit {p.returncode}: {p.stdout[-400:]} {p.stderr[-1200:]}")
    names, phones = set(), set()
    for db in os.listdir(demo):
        if db.endswith(".db") and db != "city.db":
            con = sqlite3.connect(f"{demo}/{db}")
            for n, ph in con.execute("SELECT json_extract(doc, '$.name'),"
                                     " json_extract(doc, '$.phone')"
                                     " FROM complaints"):
                if n and n != "匿名":
                    names.add(n)
                if ph:
                    phones.add(ph)
            con.close()
    check("the demo's townships hold named complainants", len(names) >= 3,
          names)
    con = sqlite3.connect(f"{demo}/city.db")
    ids = [r[0] for r in con.execute("SELECT id FROM complaints")]
    con.close()
    # the demo's bridge has its desk; on a port free now
    port = free_port()
    ini = open(f"{demo}/city.ini").read()
    ini, n = re.subn(r"^listen = 127\.0\.0\.1:\d+$",
                     f"listen = 127.0.0.1:{port}", ini, flags=re.M)
    check("the demo's bridge serves a desk", n == 1, ini)
    with open(f"{demo}/city.ini", "w") as f:
        f.write(ini)
    # the demo's clock went on; the bridge keeps it in its store
    start("bridge", "city", folder=demo)
    sock = f"ipc://{demo}/city.sock"
    desks = {}
    for role in ("stats", "leader", "admin"):
        temp = json.loads(subprocess.run(
            [os.path.join(BIN, "yousuctl"), "-s", sock, "--json", "user",
             "add", f"c-{role}", "--name", f"市{role}", "--roles", role],
            capture_output=True, text=True, check=True).stdout)
        desks[role] = ready(port, f"c-{role}",
                            temp["result"]["temporary_password"])
    schema = json.loads(subprocess.run(
        [os.path.join(BIN, "yousuctl"), "schema"], capture_output=True,
        text=True, check=True).stdout)
    answers = []
    for c in schema:
        if "bridge" not in c["at"] or c["client"] or c["changes"]:
            continue
        has_id = any(f["key"] == "id" for f in c["fields"])
        for d in desks.values():
            for q in ([{"id": i} for i in ids] if has_id else [{}]):
                st, r = d.get(c["name"], **q)
                answers.append((c["name"], st, json.dumps(r,
                                                          ensure_ascii=False)))
    ok = sum(1 for a in answers if a[1] == 200)
    leaks = [(a[0], n) for a in answers for n in names | phones if n in a[2]]
    # a mobile number standing alone (not digits inside a hex key such
    # as the store's incarnation)
    numbers = [(a[0], m) for a in answers
               for m in re.findall(r"(?<![0-9A-Za-z])1[3-9]\d{9}"
                                   r"(?![0-9A-Za-z])", a[2])]
    check(f"the bridge answered {ok} reads of {len(answers)} (every read "
          f"command, every account, the {len(ids)} complaint(s) it holds)",
          ok >= 20, (ok, len(ids)))
    check("no answer at the bridge names a complainant or has their phone",
          not leaks, leaks[:5])
    check("... nor any mobile number at all", not numbers, numbers[:5])


def main():
    try:
        port = free_port()
        os.makedirs(f"{T}/desk/js")
        with open(f"{T}/desk/index.html", "w") as f:
            f.write("<!doctype html><title>有诉即办</title>")
        with open(f"{T}/desk/js/app.js", "w") as f:
            f.write("export const x = 1;\n")
        with open(f"{T}/secret.txt", "w") as f:
            f.write("not for the web")
        os.symlink(f"{T}/secret.txt", f"{T}/desk/link.js")
        # Debian's libjs layout: links from share/javascript/NAME to
        # share/NAME-html; one link out of share/ must not be followed
        os.makedirs(f"{T}/share/javascript/lib")
        os.makedirs(f"{T}/share/lib-html")
        with open(f"{T}/share/lib-html/lib.min.js", "w") as f:
            f.write("export const lib = 2;\n")
        os.symlink("../../lib-html/lib.min.js",
                   f"{T}/share/javascript/lib/lib.min.js")
        os.symlink(f"{T}/secret.txt", f"{T}/share/javascript/lib/out.js")
        config("hd", "HD", f"listen = 127.0.0.1:{port}\n"
               "session_max_hours = 2\nlock_after = 3\n"
               f"desk = {T}/desk\njavascript = {T}/share/javascript\n")
        start("node", "hd")
        test_sessions(port)
        desks = test_matrix(port, "hd", "node")
        test_scope(port, desks)
        test_download(port, desks)
        test_workflow(port)
        test_openapi(port)
        test_static(port)
        test_tls()
        test_password_process()
        test_county_scope()
        test_bridge_privacy()
        logs = "".join(open(f"{T}/{f}", errors="replace").read()
                       for f in os.listdir(T) if f.endswith(".log"))
        check("no password in any daemon's log",
              "新的密码很长很长很长了" not in logs and "一个很长的好密码" not in logs)
        dump = subprocess.run(["sqlite3", f"{T}/hd.db",
                               "SELECT * FROM audit"], capture_output=True,
                              text=True).stdout
        check("nor in the audit log", "新的密码很长很长很长了" not in dump and
              "一个很长的好密码" not in dump and "yousu_session" not in dump)
    except Exception as e:  # a broken step is a failure, not a crash
        check("the test ran to its end", False, repr(e))
    finally:
        desklib.finish()

main()
