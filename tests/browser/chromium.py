"""Debian's Chromium under Selenium, as the desk's tests and benchmark
run it: headless, no sandbox (root), no network of its own (the machines
have none), a fresh profile in profile_dir, 1366x768."""
from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def chromium(profile_dir, console=False):
    o = webdriver.ChromeOptions()
    o.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox",
              "--disable-background-networking",
              "--disable-component-update", "--disable-sync",
              "--disable-gpu", "--window-size=1366,768",
              f"--user-data-dir={profile_dir}"):
        o.add_argument(a)
    if console:
        o.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"),
                            options=o)
