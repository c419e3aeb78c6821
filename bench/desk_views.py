#!/usr/bin/python3
"""bench/desk_views: the desk's views in headless Chromium at a county hub
holding N complaints (bench-desk N 0 --serve web/: the same store as the
API's benchmark). One department account, logged in once; then LOADS
full page loads of each view (a fresh navigation each time, the app
booting again: its account, the centre, the profile, the catalogue, then
the view's data): from navigation start to the mark the page sets when
its data is drawn (performance.mark 'yousu-drawn'). Printed: each view's
p50/p99 beside, in the same run, the same server's static page (about.html:
navigation start to its load event).

    desk_views.py [COMPLAINTS [LOADS]]        (1000000 50)"""
import os
import statistics
import subprocess
import sys
import tempfile

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("YOUSU_SRC", os.path.dirname(HERE))
sys.path.insert(0, os.path.join(SRC, "tests", "browser"))
from chromium import chromium  # noqa: E402
BIN = os.environ.get("YOUSU_BIN", os.path.join(SRC, "build", "bin"))
PASSWORD = "视图基准测试用的密码-2026"


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))]


def drawn_ms(d, url, view):
    """One full load of url: ms from navigation start to the view's
    data drawn."""
    d.get(url)
    WebDriverWait(d, 120).until(lambda d: d.execute_script(
        "return performance.getEntriesByName('yousu-drawn')"
        ".some(m => m.detail === arguments[0])", view))
    return d.execute_script(
        "return performance.getEntriesByName('yousu-drawn')"
        ".find(m => m.detail === arguments[0]).startTime", view)


def static_ms(d, url):
    d.get(url)
    WebDriverWait(d, 60).until(lambda d: d.execute_script(
        "const n = performance.getEntriesByType('navigation')[0];"
        "return n && n.loadEventEnd > 0"))
    return d.execute_script(
        "return performance.getEntriesByType('navigation')[0].loadEventEnd")


def main():
    complaints = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    loads = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    print(f"filling a hub store with {complaints} complaints...", flush=True)
    hub = subprocess.Popen([os.path.join(BIN, "bench-desk"), str(complaints),
                            "0", "--serve", os.path.join(SRC, "web")],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           text=True)
    info = {}
    for line in hub.stdout:
        if "=" in line:
            k, v = line.strip().split("=", 1)
            info[k] = v
        if "temp" in info:
            break
    if "temp" not in info:
        sys.exit("bench-desk did not start its hub")
    base = f"http://127.0.0.1:{info['port']}"
    tmp = tempfile.mkdtemp(prefix="yousu-views.")
    d = chromium(tmp)
    try:
        # log in once and set the password, as a new user does
        d.get(f"{base}/#/login")
        WebDriverWait(d, 30).until(EC.visibility_of_element_located(
            (By.ID, "login")))
        d.find_element(By.ID, "login").send_keys(info["login"])
        d.find_element(By.ID, "password").send_keys(info["temp"])
        d.find_element(By.ID, "login-button").click()
        WebDriverWait(d, 30).until(EC.visibility_of_element_located(
            (By.ID, "new-password")))
        d.find_element(By.ID, "old-password").send_keys(info["temp"])
        d.find_element(By.ID, "new-password").send_keys(PASSWORD)
        d.find_element(By.ID, "new-password2").send_keys(PASSWORD)
        d.find_element(By.ID, "password-button").click()
        WebDriverWait(d, 120).until(EC.presence_of_element_located(
            (By.CSS_SELECTOR, "section[data-section='queue-SCJ'] "
                              "tr[data-id]")))
        cid = d.find_element(By.CSS_SELECTOR,
                             "section[data-section='queue-SCJ'] tr[data-id]"
                             ).get_attribute("data-id")
        kinds = [("static page", None),
                 ("待办 (queue)", ("#/todo", "todo")),
                 ("诉求详情 (detail)", (f"#/c/{cid}", "complaint")),
                 ("台账 (ledger page)", ("#/ledger", "ledger"))]
        times = {k: [] for k, _ in kinds}
        for i in range(loads):  # interleaved: the same conditions for each
            for name, view in kinds:
                if view is None:
                    times[name].append(static_ms(
                        d, f"{base}/about.html?n={i}"))
                else:
                    # a query of its own: a new document each time, not
                    # a jump within the last one (a changed # alone)
                    times[name].append(drawn_ms(
                        d, f"{base}/?n={i}-{view[1]}{view[0]}", view[1]))
        print(f"\n{complaints} complaints at the hub; {loads} loads each; "
              "navigation start to data drawn")
        print(f"{'view':<22} {'p50 ms':>8} {'p99 ms':>8}")
        for name, _ in kinds:
            print(f"{name:<22} {statistics.median(times[name]):8.1f} "
                  f"{pct(times[name], 0.99):8.1f}")
        keys = {"static page": "static", "待办 (queue)": "queue",
                "诉求详情 (detail)": "detail", "台账 (ledger page)": "ledger"}
        print(f"complaints={complaints}\nloads={loads}")
        for name, _ in kinds:
            print(f"p99_ms_{keys[name]}={pct(times[name], 0.99):.1f}")
        worst = max(pct(times[n], 0.99) for n, v in kinds if v)
        print(f"views_worst_p99_ms={worst:.1f}")
    finally:
        d.quit()
        hub.stdin.close()
        hub.wait(60)


main()
