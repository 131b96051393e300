#!/usr/bin/env python3
"""uclog-report's page, checked.

usage: check-report.py MODE ROOT REPORT DIAGNOSE FLOW [SCREENSHOT-DIR]

static   the page of the seed log and of a log of many calls: a Content-Security-Policy
         that allows nothing from outside, no src/href/url()/@import leaving the file, and
         its data: the verdicts uclog-diagnose --json gives, every message the index holds.
secrets  the secrets of tests/data/redact/secrets.uccapilog masked by default and kept
         with --show-secrets.
browser  the page drawn by chromium (headless; skipped, exit 77, without it): as many
         verdicts and ladder arrows as uclog-diagnose and uclog-flow give, a filter from the
         address's fragment that narrows the list, no request but for the file itself (the
         browser's network log), and a screenshot kept in SCREENSHOT-DIR.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import target

SEED = "tests/data/seed.uccapilog"
MANY = "tests/data/diag/many-calls.uccapilog"
SECRETS = "tests/data/redact/secrets.uccapilog"
# A secret of each kind in SECRETS (an NTLM token, an ICE password).
SECRET_TEXTS = ["TlRMTVNTUAADAAAAGAAYAEgAAAAYABgAYAAAAA==", "mXJ0wWkxa9kyNIxUJrhFyQ4d"]


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def report(prog, args, out):
    r = subprocess.run(target.command([prog, "-o", out]) + args, capture_output=True, text=True)
    if r.returncode != 0:
        fail("%s %s: exit %d: %s" % (prog, " ".join(args), r.returncode, r.stderr))
    with open(out, "rb") as f:
        if b"\r" in f.read():
            fail("%s: the page holds CR bytes: it is written as bytes, LF line ends, on every system" % out)
    with open(out, encoding="utf-8") as f:
        return f.read()


def page_data(html):
    m = re.search(r'<script type="application/json" id="uclog-data">(.*?)</script>', html, re.S)
    if not m:
        fail("no data element in the page")
    return json.loads(m.group(1))


def library_counts(diagnose, flow, log):
    """(verdicts, arrows, messages) of log as uclog-diagnose and uclog-flow give them."""
    d = subprocess.run(target.command([diagnose, "--json", log]), capture_output=True, text=True)
    verdicts = len(json.loads(d.stdout)["verdicts"])
    f = subprocess.run(target.command([flow, log]), capture_output=True, text=True, check=True)
    arrows = sum(1 for line in f.stdout.splitlines() if re.search(r"\|[<-]-", line))
    return verdicts, arrows


def check_static(root, prog, diagnose, flow, tmp):
    for log in (SEED, MANY):
        html = report(prog, [log], os.path.join(tmp, "page.html"))
        csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"', html)
        if not csp or not csp.group(1).startswith("default-src 'none';"):
            fail("%s: no policy forbidding outside sources" % log)
        for pat in (r'(?:src|href|action)\s*=\s*["\']?\s*(?:[a-z][a-z0-9+.-]*:|//)',
                    r'url\(\s*["\']?\s*(?!data:)', r'@import', r'<link\b', r'<iframe\b', r'<img\b'):
            m = re.search(pat, html, re.I)
            if m:
                fail("%s: a reference out of the file: %r" % (log, html[max(0, m.start() - 40):m.end() + 40]))
        if html.count("</script>") != 2:
            fail("%s: %d </script> in the page, 2 expected (the data's '<' are escaped)"
                 % (log, html.count("</script>")))
        data = page_data(html)
        verdicts, arrows = library_counts(diagnose, flow, log)
        if len(data["verdicts"]) != verdicts:
            fail("%s: %d verdicts in the data, uclog-diagnose gives %d" % (log, len(data["verdicts"]), verdicts))
        in_calls = sum(len(c["messages"]) for c in data["calls"])
        if in_calls != arrows:
            fail("%s: %d messages in calls, uclog-flow draws %d arrows" % (log, in_calls, arrows))
        print("%s: %d verdicts, %d calls, %d messages" % (log, verdicts, len(data["calls"]), len(data["messages"])))
    # A log's text cannot end the data's element nor open a comment or a script: the seed with
    # its User-Agent, same length (the framing's byte counts stay true), holding markup.
    agent = b"UCCAPI/3.5.6874.0 OC/3.5.6874.0 (Microsoft Office Communicator 2007 R2 (RC))"
    markup = b"</script><!--<script>document.title='x'</script>"
    markup += b"-" * (len(agent) - len(markup))
    hostile = os.path.join(tmp, "markup.uccapilog")
    with open(SEED, "rb") as f, open(hostile, "wb") as g:
        g.write(f.read().replace(agent, markup))
    html = report(prog, [hostile], os.path.join(tmp, "page.html"))
    if html.count("</script>") != 2 or "<!--" in html:
        fail("markup from the log reached the page as markup")
    if not any(markup.decode() in m["text"] for m in page_data(html)["messages"]):
        fail("the markup of the log is not in the page's data as text")
    # The seed's MRAS_OK cites the provisioning SUBSCRIBE (line 2) and its answer (line 25).
    data = page_data(report(prog, [SEED], os.path.join(tmp, "page.html")))
    mras = [v for v in data["verdicts"] if v["code"] == 170][0]
    cited = [(e["line"], data["messages"][e["message"]]["line"]) for e in mras["evidence"] if "message" in e]
    if not cited or cited[0][0] != 2 or not data["messages"][mras["evidence"][0]["message"]]["text"].startswith("SUBSCRIBE "):
        fail("MRAS_OK's first evidence is not linked to the SUBSCRIBE at line 2: %r" % cited)


def check_secrets(root, prog, tmp):
    html = report(prog, [SECRETS], os.path.join(tmp, "page.html"))
    for s in SECRET_TEXTS:
        if s in html:
            fail("secret %s in the page without --show-secrets" % s)
    if "a=ice-pwd:" + "*" * len(SECRET_TEXTS[1]) not in html:
        fail("the ICE password is not masked with * of its length")
    html = report(prog, ["--show-secrets", SECRETS], os.path.join(tmp, "page.html"))
    for s in SECRET_TEXTS:
        if s not in html:
            fail("secret %s not in the page with --show-secrets" % s)


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


# The browser's own traffic (updates, sign-in, dictionaries) off: what is left in its network
# log is the page's.
QUIET = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
         "--disable-client-side-phishing-detection", "--disable-domain-reliability", "--no-pings",
         "--disable-spell-checking", "--disable-features=Translate,OptimizationHints,MediaRouter"]


def dump_dom(browser, url, tmp, extra=()):
    args = [browser] + QUIET + ["--user-data-dir=" + os.path.join(tmp, "profile"),
                                "--virtual-time-budget=5000"] + list(extra)
    r = subprocess.run(args + ["--dump-dom", url], capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        fail("chromium: exit %d: %s" % (r.returncode, r.stderr[-2000:]))
    return r.stdout


def page_requests(netlog):
    """The URLs a page asked for, in chromium's network log: the requests started for a
    file:// page (its network isolation key), not the browser's own (initiator "not an
    origin": updates, sign-in, dictionaries)."""
    with open(netlog, encoding="utf-8") as f:
        log = json.load(f)
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = set()
    for e in log["events"]:
        p = e.get("params", {})
        if e["type"] == start and "url" in p and (p.get("initiator") != "not an origin" or "file://" in p.get("network_isolation_key", "")):
            urls.add(p.get("url"))
    return sorted(urls)


def main_attr(dom, name):
    m = re.search(r'<main id="report"[^>]*\b%s="(\d+)"' % name, dom)
    if not m:
        fail("no %s on <main> in the drawn page" % name)
    return int(m.group(1))


def check_browser(root, prog, diagnose, flow, tmp, shots):
    browser = chromium()
    if not browser:
        print("SKIP: no chromium")
        sys.exit(77)
    page = os.path.join(tmp, "many-calls.html")
    report(prog, [MANY], page)
    data = page_data(open(page, encoding="utf-8").read())
    verdicts, arrows = library_counts(diagnose, flow, MANY)
    netlog = os.path.join(tmp, "net.json")
    dom = dump_dom(browser, "file://" + page, tmp, ["--log-net-log=" + netlog])
    if main_attr(dom, "data-verdicts") != verdicts or dom.count('class="verdict ') != verdicts:
        fail("%d verdicts drawn, uclog-diagnose gives %d" % (dom.count('class="verdict '), verdicts))
    drawn = len(re.findall(r'<g class="arrow[^"]*"', dom))
    if main_attr(dom, "data-arrows") != arrows or drawn != arrows:
        fail("%d arrows drawn, uclog-flow draws %d" % (drawn, arrows))
    rows = main_attr(dom, "data-rows")
    if rows != len(data["messages"]):
        fail("the unfiltered list holds %d messages of %d" % (rows, len(data["messages"])))
    # The requests and the responses to them (by their CSeq).
    invites = sum(1 for m in data["messages"] if m.get("method", m.get("cseq")) == "INVITE")
    fdom = dump_dom(browser, "file://" + page + "#filter=method:INVITE", tmp)
    if main_attr(fdom, "data-rows") != invites or not 0 < invites < rows:
        fail("#filter=method:INVITE: %d rows, %d INVITEs among %d" % (main_attr(fdom, "data-rows"), invites, rows))
    shown = len(re.findall(r'<tr class="[^"]*" data-msg="', fdom))
    if shown != invites:
        fail("#filter=method:INVITE: %d rows in the table, %d expected" % (shown, invites))
    outside = page_requests(netlog)
    if outside:
        fail("the page asked for %r" % outside)
    # The same check sees a page that does ask (an image and a fetch out of the file).
    bad = os.path.join(tmp, "asks.html")
    with open(bad, "w", encoding="utf-8") as f:
        f.write('<img src="https://example.invalid/x.png"><script>fetch("http://example.invalid/y")</script>')
    dump_dom(browser, "file://" + bad, tmp, ["--log-net-log=" + netlog])
    if len(page_requests(netlog)) != 2:
        fail("the network log check does not see a page's requests: %r" % page_requests(netlog))
    if shots:
        os.makedirs(shots, exist_ok=True)
        shot = os.path.join(shots, "report-seed.png")
        seed = os.path.join(tmp, "seed.html")
        report(prog, [SEED], seed)
        subprocess.run([browser] + QUIET + ["--user-data-dir=" + os.path.join(tmp, "profile"), "--hide-scrollbars",
                        "--window-size=1200,2000", "--screenshot=" + shot, "file://" + seed],
                       capture_output=True, timeout=120, check=True)
        if not os.path.getsize(shot):
            fail("empty screenshot")
        print("screenshot: " + shot)
    print("chromium: %d verdicts, %d arrows, %d rows, %d after the filter" % (verdicts, arrows, rows, invites))


def main():
    mode, root = sys.argv[1:3]
    prog, diagnose, flow = (os.path.abspath(p) for p in sys.argv[3:6])
    shots = sys.argv[6] if len(sys.argv) > 6 else None
    os.chdir(root)
    with tempfile.TemporaryDirectory() as tmp:
        if mode == "static":
            check_static(root, prog, diagnose, flow, tmp)
        elif mode == "secrets":
            check_secrets(root, prog, tmp)
        else:
            check_browser(root, prog, diagnose, flow, tmp, shots)
    print("ok")


if __name__ == "__main__":
    main()
