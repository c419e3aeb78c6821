#!/usr/bin/python3
"""The web desk (issue 15) in headless Chromium against real daemons: a
county hub SQ with two townships HD and LZ (Pingyi's profile), each with
its desk; every step by clicks and typing in the pages.

- One complaint's whole life at HD by seven accounts (window clerk,
  supervisor, the lead department, the co-handler, the duty leader, the
  return-visit staff): intake, classify, assign as proposed, accept,
  extension asked and approved, co-reply, reply, QC, visit, close; each
  step signed by its account in the timeline, and the ledger naming the
  one who replied (办结签字) and the duty leader (带班领导签字).
- Role limits: a department account sees only its own queue; a typed URL
  or an API call for another department's complaint gets the refusal.
- Hostile text (<script>, <img onerror>, a formula, RTL, emoji) shown as
  text in the detail and the print view; the CSV keeps the formula inert.
- The township keeps registering while the county is unreachable, with
  the banner saying so; the complaint reaches the county afterwards.
- The print views of the work order and the 交办单 with its stub.
Screenshots of every view at 1366x768 go to BUILD/desk-screenshots/."""
import os
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.environ["YOUSU_SRC"], "tests",
                                "integration"))
os.environ.setdefault("YOUSU_TEST_PREFIX", "yousu-browser.")
import desklib  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from chromium import chromium  # noqa: E402
from desklib import (BIN, SRC, T, LINK, Desk, account, check, config,  # noqa
                     ctl, free_port, key, ready, start)

from selenium.common.exceptions import (  # noqa: E402
    ElementClickInterceptedException, StaleElementReferenceException,
    TimeoutException)
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa

SHOTS = os.path.join(os.path.dirname(BIN), "desk-screenshots")
PROFILE = "pingyi"
PASSWORD = "桌面测试用的长密码-2026"
HOSTILE_NAME = '<script>window.__pwned=1</script>张"三\'&amp;'
FORMULA = "=HYPERLINK(\"http://x\",\"点我\")"
HOSTILE_TEXT = (FORMULA + '<img src=x onerror="window.__pwned=2">营业执照'
                '办不下来 \u202e倒序文字\u202c 😀')


def centre_config(name, code, port, extra=""):
    config(name, code, f"listen = 127.0.0.1:{port}\ndesk = {SRC}/web\n",
           extra)
    # Pingyi's profile and catalogue for every centre of this county
    path = f"{T}/{name}.ini"
    text = open(path).read().replace("shenqiu.ini", f"{PROFILE}.ini")
    open(path, "w").write(text)


class Browser:
    def __init__(self, base):
        self.d = chromium(tempfile.mkdtemp(dir=T), console=True)
        self.base = base

    def go(self, hash_):
        self.d.get(f"{self.base}/{hash_}")

    def wait(self, css, timeout=15):
        return WebDriverWait(self.d, timeout).until(
            EC.presence_of_element_located((By.CSS_SELECTOR, css)))

    def wait_text(self, css, text, timeout=15):
        WebDriverWait(self.d, timeout).until(
            EC.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))
        return self.d.find_element(By.CSS_SELECTOR, css)

    def visible(self, css, timeout=15):
        return WebDriverWait(self.d, timeout).until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, css)))

    def type(self, el_id, text):
        el = self.visible(f"#{el_id}")
        el.clear()
        if el.get_attribute("type") == "date":
            # the date picker's keys depend on the locale: as picked
            self.d.execute_script(
                "arguments[0].value = arguments[1];"
                "arguments[0].dispatchEvent(new Event('change'));", el, text)
        elif all(ord(c) < 0x10000 for c in text):
            el.send_keys(text)
        else:  # ChromeDriver types only the BMP: the rest as the IME would
            self.d.execute_script(
                "arguments[0].value = arguments[1];"
                "arguments[0].dispatchEvent(new Event('input'));", el, text)

    def set_date(self, el_id, value):
        """A date input's value (typing into one depends on the locale)."""
        self.d.execute_script("arguments[0].value = arguments[1]",
                              self.visible(f"#{el_id}"), value)

    def select(self, el_id, value):
        Select(self.visible(f"#{el_id}")).select_by_value(value)

    def click(self, css):
        """A user's click; when the page was still moving under the
        pointer (a list drawn meanwhile), once more after it settled."""
        for attempt in range(3):
            el = self.visible(css)
            self.d.execute_script(
                "arguments[0].scrollIntoView({block:'center', behavior:'instant'})",
                el)
            try:
                el.click()
                return
            except (ElementClickInterceptedException,
                    StaleElementReferenceException):
                if attempt == 2:
                    raise
                time.sleep(0.3)

    def shot(self, name):
        os.makedirs(SHOTS, exist_ok=True)
        self.d.save_screenshot(f"{SHOTS}/{name}.png")

    def login(self, login, password=PASSWORD):
        if self.d.find_elements(By.CSS_SELECTOR, "#logout"):
            try:
                self.click("#logout")
                self.wait("#login-button")
            except (TimeoutException, StaleElementReferenceException):
                # the page found its session expired meanwhile (a test
                # clock moved on) and logged itself out: nothing to end
                self.d.delete_all_cookies()
        # a page loaded afresh: nothing of the last session's refreshes
        self.d.get(f"{self.base}/?fresh={time.monotonic()}#/login")
        self.type("login", login)
        self.type("password", password)
        self.click("#login-button")

    def first_login(self, login, temp, name, shot=None):
        """A new account: the temporary password, then its own."""
        self.login(login, temp)
        self.visible("#new-password")
        if shot:
            self.shot(shot)
        self.type("old-password", temp)
        self.type("new-password", PASSWORD)
        self.type("new-password2", PASSWORD)
        self.click("#password-button")
        self.logged_in(name)

    def open_as(self, login, name, cid):
        """login's desk, then the complaint cid."""
        self.login(login)
        self.logged_in(name)
        self.go(f"#/c/{cid}")
        self.wait_text("#complaint-id", cid)

    def logged_in(self, name):
        """After a login: the name in the bar and the desk's 待办 shown."""
        self.wait("#todo")
        return self.wait_text("#user-name", name)

    def step(self, cmd, fill, shot=None, done="已完成"):
        """Takes step cmd on the open complaint: its button, its form,
        submit, and the page reloaded with the notice (done)."""
        self.click(f"button[data-action='{cmd}']")
        self.visible(f"form[data-cmd='{cmd}']")
        fill()
        if shot:
            self.shot(shot)
        self.click(f"form[data-cmd='{cmd}'] button[type=submit]")
        self.wait_text("main .alert-success", done)

    def errors(self):
        """Console errors other than the expected 401/403/404 answers."""
        # by the status Chromium names, not any "401" in the message (the
        # server's port may hold one)
        return [e for e in self.d.get_log("browser")
                if e["level"] == "SEVERE" and not re.search(
                    r"status of 40[134]\b|favicon", e["message"])]


def timeline_has(b, text, signer):
    items = b.d.find_elements(By.CSS_SELECTOR, "#timeline li")
    return any(text in li.text and signer in li.text for li in items)


def test_workflow(b, hd_port):
    # the clerk: first login with the temporary password, then intake
    temp = account("hd", "clerk", "王窗口", "window")
    b.first_login("clerk", temp, "王窗口", shot="01-password-change")
    check("a new account changes its temporary password in the page, "
          "then sees its desk", True)
    b.go("#/intake")
    b.visible("#intake-form")
    b.select("f-intake-source", "window")
    b.type("f-intake-name", "李四")
    b.type("f-intake-phone", "13900001111")
    b.type("f-intake-content",
           "办理企业年报时系统一直提示经营异常，窗口说找不到人处理，"
           "社保登记也卡住了")
    b.shot("02-intake")
    b.click("#intake-form button[type=submit]")
    cid = b.wait("#new-id").text
    check("the clerk registers a complaint in the page", cid.startswith(
        "HD-"), cid)
    b.select("f-classify-category", "not_accepted")
    b.click("form[data-cmd='classify'] button[type=submit]")
    prop = b.wait("#route-proposal").text
    check("... classifies it and sees the routing proposal",
          "市场监督管理局" in prop, prop)
    b.shot("03-intake-saved")

    # the supervisor: the classified list, the detail, assign as proposed
    ready(hd_port, "super", account("hd", "super", "赵督办", "supervision"),
          PASSWORD)
    b.login("super")
    b.logged_in("赵督办")
    b.wait(f"section[data-section='classified'] tr[data-id='{cid}']")
    b.shot("04-todo-supervisor")
    b.click(f"section[data-section='classified'] tr[data-id='{cid}'] a")
    b.wait_text("#complaint-id", cid)
    b.click("button[data-action='assign']")
    b.visible("form[data-cmd='assign']")
    lead = Select(b.d.find_element(By.ID, "f-assign-lead"))
    check("the assign form comes with the proposal's lead department",
          lead.first_selected_option.get_attribute("value") == "SCJ",
          lead.first_selected_option.text)
    co = Select(b.d.find_element(By.ID, "f-assign-co"))
    if "RSJ" not in [o.get_attribute("value")
                     for o in co.all_selected_options]:
        co.select_by_value("RSJ")
    b.shot("05-assign")
    b.click("form[data-cmd='assign'] button[type=submit]")
    b.wait_text("main .alert-success", "已完成")
    check("the supervisor assigns it as proposed, signed by them",
          timeline_has(b, "分办转办", "赵督办"))

    # the lead department: accept, ask for an extension
    ready(hd_port, "scj", account("hd", "scj", "钱市场", "dept",
                                  depts="SCJ"), PASSWORD)
    b.login("scj")
    b.logged_in("钱市场")
    b.wait(f"section[data-section='queue-SCJ'] tr[data-id='{cid}']")
    sections = [s.get_attribute("data-section") for s in
                b.d.find_elements(By.CSS_SELECTOR, "section[data-section]")]
    check("a department account's desk is its own queue only",
          sections == ["queue-SCJ"], sections)
    b.shot("06-todo-department")
    b.go(f"#/c/{cid}")
    b.wait_text("#complaint-id", cid)
    b.step("accept", lambda: None)
    check("the lead department signs for it (签收)",
          timeline_has(b, "签收", "钱市场"))
    # two departments under Pingyi's profile: the 问题处理说明 first
    b.click("button[data-action='reply']")
    b.visible("form[data-cmd='reply']")
    check("the page says a 问题处理说明 is needed before the reply",
          "问题处理说明" in b.wait("#explanation-needed").text)
    b.step("explain", lambda: (
        b.type("f-explain-problem", "企业年报异常标记需市局解除"),
        b.type("f-explain-consulted", "已请示市市场监管局；县人社局会商"),
        b.type("f-explain-proposal", "报市局解除标记后办理")))
    check("the lead department writes the 问题处理说明, signed",
          timeline_has(b, "问题处理说明", "钱市场"))
    check("... and the warning is gone",
          not b.d.find_elements(By.ID, "explanation-needed"))
    b.step("extend_request", lambda: (
        b.type("f-extend_request-days", "3"),
        b.type("f-extend_request-reason", "需要核实企业年报系统的记录")))

    # the duty leader approves
    ready(hd_port, "duty", account("hd", "duty", "孙带班", "duty"),
          PASSWORD)
    b.login("duty")
    b.logged_in("孙带班")
    b.wait(f"section[data-section='extensions'] tr[data-id='{cid}']")
    check("the duty leader's 待办 lists the extension request",
          len(b.d.find_elements(By.CSS_SELECTOR, "section[data-section="
                                "'extensions'] tr[data-id]")) == 1)
    b.go(f"#/c/{cid}")
    b.wait_text("#complaint-id", cid)
    b.step("extend", lambda: (
        b.type("f-extend-days", "3"),
        b.type("f-extend-reason", "同意延期")), shot="07-extend")
    check("the duty leader approves the extension, as the approver",
          timeline_has(b, "延期", "孙带班"))

    # the co-handler answers the lead
    ready(hd_port, "rsj", account("hd", "rsj", "周社保", "dept",
                                  depts="RSJ"), PASSWORD)
    b.open_as("rsj", "周社保", cid)
    b.step("co_reply", lambda: b.type(
        "f-co_reply-result", "社保登记已补录，企业可正常办理"))
    check("the co-handler answers (协办答复)",
          timeline_has(b, "协办答复", "周社保"))

    # the lead replies
    b.open_as("scj", "钱市场", cid)
    b.step("reply", lambda: (
        b.select("f-reply-kind", "done"),
        b.type("f-reply-result", "已解除经营异常标记，企业年报已提交")),
        shot="08-reply")
    check("the lead department replies", timeline_has(b, "答复", "钱市场"))

    # QC, visit, close
    b.login("super")
    b.logged_in("赵督办")
    b.wait(f"section[data-section='replied'] tr[data-id='{cid}']")
    b.go(f"#/c/{cid}")
    b.wait_text("#complaint-id", cid)
    b.step("qc", lambda: b.click("#f-qc-pass"))
    check("the supervisor passes the quality check",
          timeline_has(b, "质检", "赵督办"))
    ready(hd_port, "visitor", account("hd", "visitor", "吴回访", "visit"),
          PASSWORD)
    b.login("visitor")
    b.logged_in("吴回访")
    b.wait(f"section[data-section='checked'] tr[data-id='{cid}']")
    b.go(f"#/c/{cid}")
    b.wait_text("#complaint-id", cid)
    # the first call finds nobody: counted, the complaint still to visit
    b.step("visit", lambda: b.select("f-visit-outcome", "no_answer"))
    check("a call without an answer is recorded, signed",
          timeline_has(b, "未联系上（无人接听，第1次）", "吴回访"))
    b.step("visit", lambda: (
        b.select("f-visit-satisfaction", "satisfied"),
        b.select("f-visit-resolved", "true"),
        b.type("f-visit-note", "电话回访，企业表示满意")))
    check("the return-visit staff record the visit",
          timeline_has(b, "回访", "吴回访"))
    row = b.wait("#complaint-fields tr[data-field='satisfaction']").text
    check("the visit's row: satisfied, solved, and both calls",
          "满意，问题已解决" in row and "无人接听（吴回访）" in row and
          "联系上（吴回访）" in row, row)
    b.open_as("super", "赵督办", cid)
    b.step("close", lambda: None)
    status = b.wait("#complaint-status").text
    check("... and the supervisor closes it (清零销号)", "清零销号" in status,
          status)
    b.shot("09-detail-closed")

    # the ledger names who signed
    b.go("#/ledger")
    b.wait(f"#ledger a[href='#/c/{cid}']")
    row = b.d.find_element(
        By.XPATH, f"//div[@id='ledger']//tr[td/a[text()='{cid}']]").text
    check("the ledger shows the reply's signer (办结签字) and the duty "
          "leader (带班领导签字)", "钱市场" in row and "孙带班" in row, row)
    b.shot("10-ledger")
    return cid


def test_print(b, cid):
    b.go(f"#/print/workorder/{cid}")
    b.wait(".sheet[data-form='workorder'] table")
    labels = [th.text for th in b.d.find_elements(
        By.CSS_SELECTOR, ".sheet[data-form='workorder'] th")]
    profile = ctl("hd", "profile")["result"]["workorder"]
    check("the work order's print view has the profile's fields in order",
          labels == [f["label"] for f in profile], (labels, profile))
    att = b.wait(".attachment[data-kind='explanation']").text
    check("the 问题处理说明 prints after the form, a page of its own",
          "问题处理说明" in att and "企业年报异常标记需市局解除" in att and
          "已请示市市场监管局" in att, att)
    b.shot("11-print-workorder")
    b.go(f"#/print/handover/{cid}")
    b.wait(".sheet[data-form='handover'] .sheet-stub")
    stub = b.d.find_element(By.CSS_SELECTOR, ".sheet-stub").text
    check("the 交办单 has its stub with the number and the lead department",
          cid in stub and "市场监督管理局" in stub, stub)
    b.shot("12-print-handover")


def test_cases(b, hub_port, cid):
    """The closed complaint proposed as a guidance case at HD, reviewed
    and published at the county, then found by its words."""
    b.open_as("super", "赵督办", cid)
    b.step("case.propose", lambda: (
        b.type("f-case-propose-method", "核实年报系统记录，解除经营异常标记"),
        b.type("f-case-propose-conclusion", "企业年报异常可当场核实解除")))
    ready(hub_port, "county-super", account("sq", "county-super",
                                            "县督查股", "supervision"),
          PASSWORD)
    hb = Browser(f"http://127.0.0.1:{hub_port}")
    try:
        hb.login("county-super")
        hb.logged_in("县督查股")
        found = False
        for _ in range(40):  # the case travels up the link
            hb.go("#/cases")
            hb.wait("section[data-section='proposed']")
            if hb.d.find_elements(
                    By.CSS_SELECTOR,
                    "section[data-section='proposed'] tr[data-case] a"):
                found = True
                break
            time.sleep(0.5)
        check("the proposed case reaches the county's 指导案例", found)
        hb.click("section[data-section='proposed'] tr[data-case] a")
        hb.visible("form[data-cmd='case.review']")
        hb.shot("20-case-review")
        hb.click("#f-case-review-publish")
        hb.click("form[data-cmd='case.review'] button[type=submit]")
        hb.wait("section[data-section='published'] tr[data-case]")
        hb.type("case-text", "经营异常")
        hb.click("#case-search button[type=submit]")
        res = hb.wait_text("#case-results", "年报").text
        check("... is published there and found by its words",
              "企业年报异常可当场核实解除" in res, res)
        hb.shot("21-cases")
    finally:
        hb.d.quit()


def test_five_forms(b):
    """Each of the five profiles' work order, printed from the desk, has
    the document's fields in the profile's order (the engine's own form,
    that of the text work order, where a profile lists none)."""
    for i, prof in enumerate(("shenqiu", "anyang-gxq", "anyang-city",
                              "pingyi", "neixiang")):
        name, code, port = f"form{i}", f"F{i}", free_port()
        config(name, code, f"listen = 127.0.0.1:{port}\n"
               f"desk = {SRC}/web\n")
        path = f"{T}/{name}.ini"
        text = open(path).read().replace("shenqiu.ini", f"{prof}.ini")
        open(path, "w").write(text)
        daemon = start("node", name)
        try:
            d = ready(port, "clerk", account(name, "clerk", "窗口", "window"),
                      PASSWORD)
            st, r = d.post("intake", {"source": "window", "name": "某群众",
                                      "phone": "13900005555",
                                      "content": "五个文件的工作单"})
            cid = r["result"]["id"]
            fields = ctl(name, "profile")["result"]["workorder"]
            if fields:
                want = [f["label"] for f in fields]
            else:  # the text work order's "标签：值" pairs, in order
                wo = ctl(name, "show", cid)["result"]["workorder"]
                want = [part.split("：")[0]
                        for line in wo.splitlines()[2:]
                        for part in line.split("    ") if "：" in part]
            pb = Browser(f"http://127.0.0.1:{port}")
            try:
                pb.login("clerk")
                pb.logged_in("窗口")
                pb.go(f"#/print/workorder/{cid}")
                pb.wait(".sheet[data-form='workorder'] table")
                got = [th.text for th in pb.d.find_elements(
                    By.CSS_SELECTOR, ".sheet th")]
                title = pb.d.find_element(By.CSS_SELECTOR, ".sheet h1").text
                pb.shot(f"22-print-{prof}")
            finally:
                pb.d.quit()
            check(f"{prof}: the printed work order's fields are the "
                  "document's, in order", got == want and st == 200 and
                  title == ctl(name, "profile")["result"]["title"],
                  (got, want, title))
        finally:
            daemon.terminate()
            daemon.wait(10)


def test_hotline(b):
    """The city bridge's 12345 view: a form the spool refused, with the
    reason it was refused."""
    port = free_port()
    os.makedirs(f"{T}/12345-in", exist_ok=True)
    os.makedirs(f"{T}/12345-out", exist_ok=True)
    centre_config("zk", "ZK", port,
                  f"[listen]\nuplink = ipc://{T}/zk-up.sock\n"
                  f"downlink = ipc://{T}/zk-down.sock\n[children]\n"
                  f"SQ = {key('SQ')}\n[hotline]\ninbound = {T}/12345-in\n"
                  f"outbound = {T}/12345-out\n"
                  f"areas = {SRC}/configs/hotline/areas.ini\n" + LINK)
    bridge = start("bridge", "zk")
    try:
        with open(f"{T}/12345-in/bad-form.json", "w") as f:
            f.write('{"schema": "yousu.hotline.form/1", "item_no": "<b>X"}')
        ctl("zk", "hotline", "scan")
        ready(port, "city-leader", account("zk", "city-leader", "市领导",
                                           "leader"), PASSWORD)
        cb = Browser(f"http://127.0.0.1:{port}")
        try:
            cb.login("city-leader")
            cb.wait_text("#user-name", "市领导")
            cb.go("#/hotline")
            row = cb.wait("#hotline-rejected tr[data-file='bad-form.json']")
            text = row.text
            reason = ctl("zk", "hotline", "rejected")["result"][0]["error"]
            check("the bridge's 12345 view lists a refused form with its "
                  "reason", reason and reason[:40] in text, (text, reason))
            cb.shot("23-hotline")
        finally:
            cb.d.quit()
    finally:
        bridge.terminate()
        bridge.wait(10)


def test_role_limits(b, hd_port):
    """RSJ's account on a complaint only SCJ handles."""
    sup = ready(hd_port, "super2", account("hd", "super2", "督办二",
                                           "supervision,window"), PASSWORD)
    st, r = sup.post("intake", {"source": "window", "name": "某企业",
                                "phone": "13900002222",
                                "content": "食品安全许可证办理慢"})
    other = r["result"]["id"]
    sup.post("classify", {"id": other, "category": "not_accepted"})
    st, r = sup.post("assign", {"id": other, "lead": "SCJ"})
    b.login("rsj")
    b.logged_in("周社保")
    b.wait("section[data-section='queue-RSJ']")
    ids = [tr.get_attribute("data-id") for tr in b.d.find_elements(
        By.CSS_SELECTOR, "section tr[data-id]")]
    check("RSJ's queue does not list SCJ's complaint", other not in ids and
          st == 200, (ids, st))
    b.go(f"#/c/{other}")
    refusal = b.wait_text(".refused", "无权查看或办理").text
    check("a typed URL for SCJ's complaint gets the refusal page",
          "不是你的部门牵头或协办的诉求" in refusal, refusal)
    b.shot("13-refused")
    status = b.d.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/api/v1/show?id=' + arguments[0]).then(r => done(r.status))",
        other)
    check("... and so does an API call from the page's session",
          status == 403, status)


def test_plan(b):
    """002 第八条 in the page: a plan with its steps and committed date
    leaves the complaint open; its result then says whether it was kept."""
    r = ctl("hd", "intake", "--source", "window", "--name", "某物流公司",
            "--phone", "13900003333", "--content", "道路运输许可迟迟办不下来")
    cid = r["result"]["id"]
    ctl("hd", "classify", cid, "--category", "not_accepted")
    ctl("hd", "assign", cid, "--lead", "SCJ")
    b.open_as("scj", "钱市场", cid)
    b.click("button[data-action='reply']")
    b.visible("form[data-cmd='reply']")
    steps = b.d.find_element(By.ID, "f-reply-steps")
    check("the plan's fields are hidden until the reply is a plan",
          not steps.is_displayed())
    b.select("f-reply-kind", "plan")
    check("... and shown for a plan (a 否定答复's reason hidden)",
          steps.is_displayed() and not b.d.find_element(
              By.ID, "f-reply-reason").is_displayed())
    b.type("f-reply-result", "与交通运输局联合核查后办理")
    b.type("f-reply-steps", "1.联合核查；2.补正材料；3.发证")
    b.click("form[data-cmd='reply'] button[type=submit]")
    msg = b.wait("form[data-cmd='reply'] .alert-danger").text
    check("a plan without its committed date is refused, saying so",
          "committed" in msg, msg)
    # the refusal's 400 is expected: the console's errors so far (reading
    # the log empties it) must be that one only
    logged = b.errors()
    check("... as the daemon's answer (400), nothing else in the console",
          len(logged) == 1 and "/api/v1/reply" in logged[0]["message"] and
          "400" in logged[0]["message"], logged)
    b.set_date("f-reply-committed", "2026-09-30")
    b.shot("16-plan")
    b.click("form[data-cmd='reply'] button[type=submit]")
    b.wait_text("main .alert-success", "已完成")
    plan = b.wait("#complaint-fields tr[data-field='plan']").text
    status = b.wait("#complaint-status").text
    check("the plan is shown with its committed date, the complaint "
          "still 办理中", "承诺 2026-09-30 前出具办理结果" in plan and
          "待兑现" in plan and "办理中" in status, (plan, status))
    b.click("button[data-action='reply']")
    b.visible("form[data-cmd='reply']")
    kinds = [o.get_attribute("value") for o in Select(
        b.d.find_element(By.ID, "f-reply-kind")).options]
    check("once planned, the reply is its result (no second plan)",
          "plan" not in kinds and "done" in kinds, kinds)
    b.select("f-reply-kind", "done")
    b.type("f-reply-result", "道路运输许可证已发放")
    b.click("form[data-cmd='reply'] button[type=submit]")
    b.wait_text("main .alert-success", "已完成")
    plan = b.wait("#complaint-fields tr[data-field='plan']").text
    check("the result by the committed date: the plan kept (按期兑现)",
          "已按期兑现" in plan, plan)


def test_decide(b):
    """The leading group's decision on a referred complaint, recorded by
    the supervisor in the page; printed after the work order."""
    r = ctl("hd", "intake", "--source", "window", "--name", "某餐饮店",
            "--phone", "13900004444", "--content", "食品经营许可变更两个月未办")
    cid = r["result"]["id"]
    ctl("hd", "classify", cid, "--category", "not_accepted")
    ctl("hd", "assign", cid, "--lead", "SCJ")
    ctl("hd", "refer", cid, "--reason", "部门之间意见不一")
    b.open_as("super", "赵督办", cid)
    b.step("decide", lambda: (
        check("the decision's form comes with the departments handling it",
              Select(b.d.find_element(By.ID, "f-decide-lead"))
              .first_selected_option.get_attribute("value") == "SCJ"),
        b.type("f-decide-participants", "审批局局长、县市场监管局、县卫健局"),
        b.type("f-decide-decision", "由县市场监管局牵头，县卫健局配合，联合现场核查"),
        b.select("f-decide-lead", "SCJ"),
        b.set_date("f-decide-due", "2026-09-30")), shot="17-decide")
    row = b.wait("#complaint-fields tr[data-field='decision']").text
    check("the group's decision is shown with its date and departments",
          "联合现场核查" in row and "2026-09-30 前办结" in row, row)
    check("... signed by the supervisor who recorded it",
          timeline_has(b, "领导小组研究决定", "赵督办"))
    b.go(f"#/print/workorder/{cid}")
    att = b.wait(".attachment[data-kind='decision']").text
    check("the decision prints after the work order",
          "审批局局长、县市场监管局、县卫健局" in att and "2026-09-30" in att,
          att)


def test_rounds(b, cid):
    """004 第六条 in the page: the supervisor makes a visit round of the
    day's closed complaints; the visitor visits one from its page."""
    b.login("super")
    b.logged_in("赵督办")
    b.go("#/rounds")
    b.visible("form[data-cmd='round.new']")
    b.set_date("f-round-new-from", "2026-09-24")
    b.set_date("f-round-new-to", "2026-09-24")
    b.type("f-round-new-seed", "7")
    b.click("form[data-cmd='round.new'] button[type=submit]")
    box = b.wait("#round-detail")
    rid = box.get_attribute("data-round")
    members = [tr.get_attribute("data-id") for tr in b.d.find_elements(
        By.CSS_SELECTOR, "#round-detail tr[data-id]")]
    check("a round of the day's closed complaints (all: the profile sets "
          "no sample), the closed complaint in it",
          rid.startswith("HD-回访-2026-") and cid in members, (rid, members))
    b.shot("18-round")
    b.open_as("visitor", "吴回访", cid)
    b.step("revisit", lambda: (
        b.click("#f-revisit-reached"),
        b.select("f-revisit-satisfaction", "unsatisfied"),
        b.type("f-revisit-opinion", "回访时反映年报问题又出现了")))
    row = b.wait("#complaint-fields tr[data-field='revisits']").text
    check("the visitor records the round's visit on the complaint",
          rid in row and "不满意" in row, row)
    check("... signed by them", timeline_has(b, "批次回访", "吴回访"))
    check("... and the button is gone (one visit per round)",
          not b.d.find_elements(By.CSS_SELECTOR,
                                "button[data-action='revisit']"))
    b.login("super")
    b.logged_in("赵督办")
    b.go(f"#/round/{rid}")
    res = b.wait("#round-results").text
    check("the round's results count the visit",
          f"已回访 1 / {len(members)} 件" in res and "不满意 1" in res, res)


def test_county_round(b, hub_port, cid):
    """004 第六条 at the county: the county's office makes a round at the
    hub, which takes HD's closed complaint; visited from the county's
    desk, the visit is sent to HD (its owner), written there, and comes
    back up."""
    ready(hub_port, "county-visit",
          account("sq", "county-visit", "县回访员", "supervision,visit"),
          PASSWORD)
    hb = Browser(f"http://127.0.0.1:{hub_port}")
    try:
        hb.login("county-visit")
        hb.logged_in("县回访员")
        hb.go("#/rounds")
        hb.visible("form[data-cmd='round.new']")
        hb.set_date("f-round-new-from", "2026-09-24")
        hb.set_date("f-round-new-to", "2026-09-24")
        hb.click("form[data-cmd='round.new'] button[type=submit]")
        box = hb.wait("#round-detail")
        rid = box.get_attribute("data-round")
        members = [tr.get_attribute("data-id") for tr in hb.d.find_elements(
            By.CSS_SELECTOR, "#round-detail tr[data-id]")]
        check("the county's round takes the township's closed complaint",
              rid.startswith("SQ-回访-2026-") and cid in members,
              (rid, members))
        hb.go(f"#/c/{cid}")
        hb.wait_text("#complaint-id", cid)
        hb.step("revisit", lambda: (
            hb.click("#f-revisit-reached"),
            hb.select("f-revisit-satisfaction", "basic"),
            hb.type("f-revisit-opinion", "县里回访：基本满意")),
            done="已发往HD")
        row = ""
        for _ in range(40):  # written at HD, then up the link
            hb.d.get(f"{hb.base}/?fresh={time.monotonic()}#/c/{cid}")
            hb.wait_text("#complaint-id", cid)
            rows = hb.d.find_elements(
                By.CSS_SELECTOR, "#complaint-fields tr[data-field='revisits']")
            row = rows[0].text if rows else ""
            if rid in row:
                break
            time.sleep(0.5)
        check("HD writes the county's visit and it comes back to the hub",
              rid in row and "基本满意" in row, row)
        check("... signed by the county's visitor",
              timeline_has(hb, "批次回访", "县回访员"))
        hb.shot("18b-county-round")
    finally:
        hb.d.quit()


def test_duty(b):
    """003 三(四) in the page: the supervisor imports the roster file; the
    duty leader records a visit to the window; the 督办台 names the
    half-day with none."""
    path = os.path.join(T, "roster.csv")
    with open(path, "w", encoding="utf-8") as f:
        f.write("日期,时段,带班领导\n2026-09-23,上午,孙带班\n"
                "2026-09-24,上午,孙带班\n2026-09-24,下午,孙带班\n")
    b.login("super")
    b.logged_in("赵督办")
    b.go("#/duty")
    b.visible("#duty-file").send_keys(path)
    b.click("#duty-import button[type=submit]")
    b.wait_text("main .alert-success", "3 个半天")
    missed = b.wait("#duty-board tr[data-half='2026-09-23am']").text
    check("the roster imported from its file; a past half-day with no "
          "visit is marked", "未到窗口现场办公" in missed, missed)
    r = ctl("hd", "intake", "--source", "window", "--name", "某个体户",
            "--phone", "13900005555", "--content", "个体户注销办不了")
    check("... and the morning's intake names its 带班领导 from the roster",
          ctl("hd", "show", r["result"]["id"])["result"].get(
              "duty_leader") == "孙带班")
    b.login("duty")
    b.logged_in("孙带班")
    b.go("#/duty")
    b.visible("form[data-cmd='duty.visit']")
    b.type("f-duty-visit-note", "窗口现场协调个体户注销")
    b.click("form[data-cmd='duty.visit'] button[type=submit]")
    b.wait_text("main .alert-success", "已记录")
    row = b.wait("#duty-board tr[data-half='2026-09-24am']").text
    check("the duty leader records a visit to the window",
          "已到窗口 1 次" in row and "窗口现场协调个体户注销" in row, row)
    b.shot("20-duty")
    b.login("super")
    b.logged_in("赵督办")
    b.go("#/board")
    li = b.wait("section[data-section='duty-missed'] li").text
    check("the 督办台 lists the half-day with no visit",
          "2026-09-23 上午 孙带班" in li, li)


def test_rectify(b, cid):
    """000 一(二) in the page: the day's 整改情况报告, archived with its
    hash, then found unchanged."""
    b.login("super")
    b.logged_in("赵督办")
    b.go("#/rectify")
    b.visible("form[data-cmd='rectify.report']")
    b.set_date("f-rectify-report-from", "2026-09-24")
    b.set_date("f-rectify-report-to", "2026-09-24")
    b.click("form[data-cmd='rectify.report'] button[type=submit]")
    row = b.wait(f"#rectify-sheet tr[data-id='{cid}']").text
    check("the day's report lists the closed complaint as rectified",
          "已整改到位" in row, row)
    sha = b.wait("#rectify-sheet").get_attribute("data-sha256")
    b.click("#rectify-archive")
    done = b.wait_text("main .alert-success", "已存档").text
    check("... archived with its number and SHA-256",
          "HD-整改-2026-" in done and sha in done, done)
    b.shot("21-rectify")
    b.click("#rectify-archived tr[data-report] a")
    check("the archived report, checked against the log: unchanged",
          "存档后未变更" in b.wait_text("main .alert-success",
                                      "存档后").text)


def test_repeat(b, cid):
    """重复件 at the window: the same caller's number shows the earlier
    complaint while typing; the clerk registers the new one as its
    repeat."""
    b.login("clerk")
    b.logged_in("王窗口")
    b.go("#/intake")
    b.visible("#intake-form")
    b.type("f-intake-name", "李四")
    b.type("f-intake-phone", "13900001111")
    b.type("f-intake-content", "企业年报经营异常的问题又出现了")
    item = b.wait(f"#repeats li[data-id='{cid}']")
    check("the earlier complaint of the same number is offered",
          "同一电话" in item.text, item.text)
    b.shot("02b-repeats")
    item.find_element(By.CSS_SELECTOR, ".repeat-link").click()
    b.click("#intake-form button[type=submit]")
    new = b.wait("#new-id").text
    got = ctl("hd", "show", new)["result"].get("repeat_of")
    check("... and the new complaint is registered as its repeat",
          got == cid, (new, got))


def test_hostile(b, hd_port):
    b.login("clerk")
    b.logged_in("王窗口")
    b.go("#/intake")
    b.visible("#intake-form")
    b.type("f-intake-name", HOSTILE_NAME)
    b.type("f-intake-phone", "13900003333")
    b.type("f-intake-address", "<b>地址</b>")
    b.type("f-intake-content", HOSTILE_TEXT)
    b.click("#intake-form button[type=submit]")
    cid = b.wait("#new-id").text
    b.go(f"#/c/{cid}")
    b.wait_text("#complaint-id", cid)
    name = b.d.find_element(
        By.CSS_SELECTOR, "[data-field='name'] td").text
    content = b.d.find_element(
        By.CSS_SELECTOR, "[data-field='content'] td").text
    pwned = b.d.execute_script("return window.__pwned === undefined")
    imgs = b.d.find_elements(By.CSS_SELECTOR, "main img, main script")
    check("hostile text is shown as text in the detail",
          name == HOSTILE_NAME and "<img src=x onerror=" in content and
          "😀" in content and "\u202e" in content, (name, content))
    check("... and nothing of it ran or became an element",
          pwned and not imgs, (pwned, imgs))
    b.shot("14-hostile-detail")
    b.go(f"#/print/workorder/{cid}")
    b.wait(".sheet table")
    sheet = b.d.find_element(By.CSS_SELECTOR, ".sheet").text
    check("... and in the print view (Pingyi's 交办单: its content)",
          HOSTILE_TEXT.split("😀")[0] in sheet and
          not b.d.find_elements(By.CSS_SELECTOR, ".sheet img") and
          b.d.execute_script("return window.__pwned === undefined"),
          sheet[:300])
    d = Desk(hd_port)
    d.login("super", PASSWORD)
    st, r = d.request("GET", f"/api/v1/ledger.csv?with_id=true")
    raw = r.get("raw", "")
    check("... and in the CSV download, the formula inert",
          st == 200 and "<script>window.__pwned=1</script>" in raw and
          "'=HYPERLINK" in raw, raw[-400:])


def test_board_stats(b):
    """Three weeks later (HD's test clock): the complaint SCJ holds is
    overdue, on the board with the scheduler's 催办/督办; the statistics
    count what HD took, with their charts."""
    ctl("hd", "clock", "advance", "21d")
    b.login("super")
    b.logged_in("赵督办")
    b.go("#/board")
    row = b.wait("section[data-section='overdue'] tr[data-id]")
    text = row.text
    check("the 督办台 lists the overdue complaint with its 催办 and 督办",
          "超期" in text and "催办" in text and "督办" in text, text)
    centres = b.d.find_element(By.ID, "overdue-by-centre").text
    check("... counted by township and by department",
          "HD" in centres and "市场监督管理局" in b.d.find_element(
              By.ID, "overdue-by-dept").text, centres)
    b.shot("16-board")
    b.go("#/stats")
    b.wait("#stats-figures")
    b.type("st-from", "2026-01-01")
    b.click("#st-apply")
    WebDriverWait(b.d, 15).until(lambda d: d.find_element(
        By.CSS_SELECTOR, "#stats-figures tr[data-key='total'] td").text
        not in ("", "—", "0"))
    total = b.d.find_element(
        By.CSS_SELECTOR, "#stats-figures tr[data-key='total'] td").text
    want = ctl("hd", "stats", "--from", "2026-01-01")["result"]["total"]
    check("统计 shows the period's figures as the daemon counts them",
          total == str(want), (total, want))
    got = ctl("hd", "stats", "--from", "2026-01-01")["result"]
    for key in ("response_rate_pct", "resolution_rate_pct",
                "satisfaction_rate_pct"):
        cell = b.d.find_element(
            By.CSS_SELECTOR, f"#stats-figures tr[data-key='{key}'] td").text
        want = "—" if got[key] is None else f"{got[key]:g}"
        check(f"... the rate {key} as the daemon counts it", cell == want,
              (cell, want))
    WebDriverWait(b.d, 15).until(lambda d: len(d.find_elements(
        By.CSS_SELECTOR, "#stats-charts canvas")) >= 3)
    b.wait("#trend-table tbody tr")
    check("... with its charts (Chart.js from Debian) and the 12 months' "
          "trend", len(b.d.find_elements(
              By.CSS_SELECTOR, "#trend-table tbody tr")) == 12)
    b.shot("17-stats")
    b.go("#/ranking")
    b.wait("#ranking-table")
    b.type("f-ranking-month", "2026-09")
    b.click("form[data-cmd='ranking'] button[type=submit]")
    b.wait("#ranking-table[data-month='2026-09']")
    want = ctl("hd", "ranking", "--month", "2026-09")["result"]["ranking"]
    got = [tr.get_attribute("data-code") for tr in b.d.find_elements(
        By.CSS_SELECTOR, "#ranking-table tbody tr")]
    check("考核排名 lists the month's departments in the daemon's order",
          got == [x["code"] for x in want] and len(got) > 0, (got, want))
    b.shot("17b-ranking")
    b.go("#/hotspots")
    b.wait("#hotspots-head")
    b.type("f-hotspots-month", "2026-09")
    b.click("form[data-cmd='hotspots'] button[type=submit]")
    b.wait("#hotspots-head[data-month='2026-09']")
    want = [t["key"] for t in ctl("hd", "hotspots", "--month", "2026-09")[
        "result"]["categories"]]
    got = [tr.get_attribute("data-key") for tr in b.d.find_elements(
        By.CSS_SELECTOR, "#hot-categories tbody tr")]
    check("热点 lists the month's growing categories as the daemon does",
          got == want, (got, want))


def test_accounts(b, hd_port):
    """The administrator makes an account in the page; its owner logs in
    with the temporary password shown and must change it."""
    ready(hd_port, "admin", account("hd", "admin", "郑管理", "admin"),
          PASSWORD)
    b.login("admin")
    b.wait_text("#user-name", "郑管理")
    b.go("#/accounts")
    b.wait("#accounts tr[data-login='clerk']")
    b.type("f-user-add-login", "newclerk")
    b.type("f-user-add-name", "冯新人")
    Select(b.d.find_element(By.ID, "f-user-add-roles")).select_by_value(
        "window")
    b.click("#user-add-form button[type=submit]")
    temp = b.wait("#temporary-password").text
    check("the administrator makes an account and sees its temporary "
          "password once", len(temp) >= 10, temp)
    b.wait("#accounts tr[data-login='newclerk']")
    b.shot("18-accounts")
    try:
        row = b.wait_text("#audit tbody tr:first-child", "新建账号").text
    except TimeoutException:
        row = b.d.find_element(By.ID, "audit").text[:300]
    check("... the audit log shows it, made by the administrator at the "
          "desk", "newclerk" in row and "by admin (郑管理) at the desk" in
          row and "127.0.0.1" in row, row)
    b.first_login("newclerk", temp, "冯新人")
    check("... and its owner logs in with it, changing it first", True)


def test_links(hub_port):
    """The hub's 链路: LZ stopped shows offline, HD online."""
    lz = [p for p in desklib.PROCS if "lz.ini" in " ".join(p.args)][0]
    lz.terminate()
    lz.wait(10)
    ready(hub_port, "county", account("sq", "county", "县管理员",
                                      "admin,leader"), PASSWORD)
    hb = Browser(f"http://127.0.0.1:{hub_port}")
    try:
        hb.login("county")
        hb.logged_in("县管理员")
        hb.go("#/links")
        hb.wait("#links tr[data-peer='HD']")
        # the table is drawn again every few seconds: an element read
        # while it is replaced is looked up again
        WebDriverWait(hb.d, 20, ignored_exceptions=(
            StaleElementReferenceException,)).until(
            lambda d: "离线" in d.find_element(
            By.CSS_SELECTOR, "#links tr[data-peer='LZ']").text)
        hd = WebDriverWait(hb.d, 10, ignored_exceptions=(
            StaleElementReferenceException,)).until(
            lambda d: d.find_element(
                By.CSS_SELECTOR, "#links tr[data-peer='HD']").text)
        check("the hub's 链路 shows a stopped township offline and the "
              "other online", "在线" in hd, hd)
        hb.shot("19-links")
        start("node", "lz")
        WebDriverWait(hb.d, 30, ignored_exceptions=(
            StaleElementReferenceException,)).until(
            lambda d: "在线" in d.find_element(
            By.CSS_SELECTOR, "#links tr[data-peer='LZ']").text)
        check("... and online again when it is back", True)
    finally:
        hb.d.quit()


def test_offline(b, hd_port, hub):
    """The county goes away: the township keeps working, says so."""
    hub.terminate()
    hub.wait(10)
    b.login("clerk")
    b.logged_in("王窗口")
    banner = b.wait_text("#banner", "连接已中断", timeout=30)
    check("with the county down, the township's desk says so",
          banner.is_displayed(), banner.text)
    b.go("#/intake")
    b.visible("#intake-form")
    b.type("f-intake-name", "断网时的群众")
    b.type("f-intake-phone", "13900004444")
    b.type("f-intake-content", "县中心断网期间在乡镇窗口反映的问题")
    b.click("#intake-form button[type=submit]")
    cid = b.wait("#new-id").text
    check("... and keeps registering", cid.startswith("HD-"), cid)
    b.shot("15-offline-banner")
    hub2 = start("hub", "sq")
    try:
        WebDriverWait(b.d, 40).until(
            lambda d: not d.find_element(By.ID, "banner").is_displayed())
        back = True
    except TimeoutException:
        back = False
    check("when the county is back, the banner goes", back)
    found = False
    for _ in range(100):
        r = ctl("sq", "show", cid, ok=False, json_out=False)
        if r.returncode == 0:
            found = True
            break
        time.sleep(0.2)
    check("... and the complaint taken meanwhile reaches the county", found)
    return hub2


def main():
    b = None
    shutil.rmtree(SHOTS, ignore_errors=True)  # this run's only
    try:
        hub_port, hd_port, lz_port = free_port(), free_port(), free_port()
        centre_config("sq", "SQ", hub_port,
                      f"[listen]\nuplink = ipc://{T}/sq-up.sock\n"
                      f"downlink = ipc://{T}/sq-down.sock\n[children]\n"
                      f"HD = {key('HD')}\nLZ = {key('LZ')}\n" + LINK)
        for name, code, port in (("hd", "HD", hd_port),
                                 ("lz", "LZ", lz_port)):
            centre_config(name, code, port,
                          f"[parent]\ncode = SQ\nuplink = ipc://{T}/sq-up.sock"
                          f"\ndownlink = ipc://{T}/sq-down.sock\n"
                          f"key = {key(code)}\n" + LINK)
        hub = start("hub", "sq")
        start("node", "hd")
        start("node", "lz")
        b = Browser(f"http://127.0.0.1:{hd_port}")
        cid = test_workflow(b, hd_port)
        test_print(b, cid)
        test_repeat(b, cid)
        test_cases(b, hub_port, cid)
        test_five_forms(b)
        test_hotline(b)
        test_role_limits(b, hd_port)
        test_plan(b)
        test_decide(b)
        test_rounds(b, cid)
        test_county_round(b, hub_port, cid)
        test_duty(b)
        test_rectify(b, cid)
        test_hostile(b, hd_port)
        test_board_stats(b)
        test_accounts(b, hd_port)
        test_links(hub_port)
        test_offline(b, hd_port, hub)
        errs = b.errors()
        check("no script error in the browser's console", not errs, errs)
    except Exception as e:  # a broken step is a failure, not a crash
        import traceback
        traceback.print_exc()
        check("the test ran to its end", False, repr(e))
        if b is not None:
            b.shot("99-failure")
    finally:
        if b is not None:
            b.d.quit()
        desklib.finish()


main()
