#!/usr/bin/env python3
"""uclog-report's page, checked.

usage: check-report.py MODE ROOT REPORT DIAGNOSE FLOW [SCREENSHOT-DIR]

static   the page of the seed log and of a log of many calls: a Content-Security-Policy
         that allows nothing from outside, no src/href/url()/@import leaving the file, and
         its data: the verdicts uclog-diagnose --json gives, every message the index holds;
         the index's retransmissions and timings; two clients' logs (bob's first) paired.
secrets  the secrets of tests/data/redact/secrets.uccapilog masked by default and kept
         with --show-secrets.
browser  the page drawn by chromium (headless; skipped, exit 77, without it): as many
         verdicts and ladder arrows as uclog-diagnose and uclog-flow give, a filter from the
         address's fragment that narrows the list, no request but for the file itself (the
         browser's network log), and a screenshot kept in SCREENSHOT-DIR.
timing   tests/data/timing drawn by chromium: the two retransmissions the index tells
         marked on their arrows and rows and left out of the counts, the transaction's
         timings on its arrow and in its message.
both     the two clients' logs of tests/data/pair in one page drawn by chromium: one
         ladder of both sides with as many paired arrows as uclog-flow draws, its skew
         sentence, each client's verdicts on the call, and a screenshot.
keyboard chromium driven by key presses (cdp.py): Tab reaches every arrow in order and
         then the list's rows, Enter and Space open the message, Escape gives the focus back.
schemes  the page's colours in the light and the dark scheme: the background follows the
         scheme, and every text colour keeps a contrast of 4.5:1 or more on it.
print    printing: without the filters and pagers, every row of the list drawn (a log of
         more than a page of rows), and a PDF written (by the DevTools protocol and by
         --print-to-pdf).
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
TIMING = "tests/data/timing/retransmissions.uccapilog"
ALICE = "tests/data/pair/alice.uccapilog"
BOB = "tests/data/pair/bob.uccapilog"
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


    # Two clients' logs: each one's part, and their shared call paired as uclog-flow pairs it.
    data = page_data(report(prog, [BOB, ALICE], os.path.join(tmp, "page.html")))
    both = data.get("both", {})
    skew = both.get("skew", {})
    pairs = [p for c in both.get("calls", []) for p in c["pairs"]]
    if (data["client"]["uri"], data["other"]["client"]["uri"]) != ("sip:bob@litwareinc.com", "sip:alice@litwareinc.com") \
            or (skew.get("skew_ms"), skew.get("delay_ms"), skew.get("ab"), skew.get("ba")) != (-2500, 40, 3, 2) \
            or (len(pairs), sum(1 for p in pairs if None not in p[:2])) != (6, 5):
        fail("bob's and alice's logs: %r, skew %r, %d pairs" % ((data["client"], data.get("other", {}).get("client")),
                                                               skew, len(pairs)))
    # The index's retransmissions and timings (tests/data/timing/README.md) in the data.
    msgs = page_data(report(prog, [TIMING], os.path.join(tmp, "page.html")))["messages"]
    retx = {m["i"]: m["retx"] for m in msgs if "retx" in m}
    if retx != {1: 0, 5: 3}:
        fail("%s: retransmissions %r, {1: 0, 5: 3} expected" % (TIMING, retx))
    got = [(msgs[0].get("prov_ms"), msgs[0].get("final_ms"), msgs[0].get("retx_count")),
           (msgs[8].get("prov_ms"), msgs[8].get("final_ms")), msgs[2].get("since_ms"), msgs[6].get("since_ms")]
    if got != [(620, 3400, 2), (None, 80), 620, 3400]:
        fail("%s: timings %r" % (TIMING, got))


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
    browser = browser_or_skip()
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
        seed = os.path.join(tmp, "seed.html")
        report(prog, [SEED], seed)
        screenshot(browser, seed, os.path.join(shots, "report-seed.png"), tmp)
    print("chromium: %d verdicts, %d arrows, %d rows, %d after the filter" % (verdicts, arrows, rows, invites))


def browser_or_skip():
    browser = chromium()
    if not browser:
        print("SKIP: no chromium")
        sys.exit(77)
    return browser


def screenshot(browser, page, shot, tmp):
    os.makedirs(os.path.dirname(shot), exist_ok=True)
    subprocess.run([browser] + QUIET + ["--user-data-dir=" + os.path.join(tmp, "profile"), "--hide-scrollbars",
                    "--window-size=1300,1600", "--screenshot=" + shot, "file://" + page],
                   capture_output=True, timeout=120, check=True)
    if not os.path.getsize(shot):
        fail("empty screenshot")
    print("screenshot: " + shot)


def text_of(dom):
    """The text of a dumped DOM, tags and entities out, spaces folded."""
    t = re.sub(r"<[^>]*>", "", dom).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return re.sub(r"\s+", " ", t.replace("&#39;", "'").replace("&quot;", '"'))


def check_timing(root, prog, tmp):
    browser = browser_or_skip()
    page = os.path.join(tmp, "timing.html")
    report(prog, [TIMING], page)
    dom = dump_dom(browser, "file://" + page, tmp)
    marked = re.findall(r'<g class="arrow[^"]* retx"[^>]*data-msg="(\d+)"', dom)
    if marked != ["1", "5"]:
        fail("retransmitted arrows %r, messages 1 and 5 expected" % marked)
    rows = re.findall(r'<tr class="[^"]*retx" data-msg="(\d+)"', dom)
    if rows != ["1", "5"]:
        fail("retransmitted rows %r, messages 1 and 5 expected" % rows)
    text = text_of(dom)
    for want in ("8 SIP messages, 2 retransmissions, 1 calls", "— 8 messages, 2 retransmissions",
                 "1xx 0.620 s, final 3.400 s, 2 retx", "retransmission of #0", "retransmission of #3",
                 "3.400 s after request", "final 0.080 s"):
        if want not in text:
            fail("%r not in the drawn page" % want)
    # A message opened from the fragment: its transaction's timings, or what it retransmits.
    for frag, want in (("m0", "Its transaction: to the first provisional response 0.620 s, to the final response "
                               "3.400 s; 2 retransmissions."),
                       ("m5", "A retransmission: it is received again as message #3; not counted as a message of its own."),
                       ("m6", "3.400 s after its request was first sent.")):
        text = text_of(dump_dom(browser, "file://" + page + "#" + frag, tmp))
        if want not in text:
            fail("#%s: %r not in the message" % (frag, want))
    print("chromium: retransmissions 1 and 5 marked, timings shown")


def flow_pairs(flow):
    """uclog-flow's two-client ladder: its skew sentence, its arrows, those both logs hold."""
    out = target.text(subprocess.run(target.command([flow, ALICE, BOB]), capture_output=True, check=True).stdout)
    lines = out.splitlines()
    skew = " ".join(lines[1:3])
    arrows = [l for l in lines if re.search(r"\|[<-]-", l)]
    return skew, len(arrows), sum(1 for l in arrows if "only]" not in l)


def check_both(root, prog, diagnose, flow, tmp, shots):
    browser = browser_or_skip()
    page = os.path.join(tmp, "both.html")
    report(prog, [ALICE, BOB], page)
    data = page_data(open(page, encoding="utf-8").read())
    if data["client"]["uri"] != "sip:alice@litwareinc.com" or data["other"]["client"]["uri"] != "sip:bob@litwareinc.com":
        fail("the two clients are not alice and bob: %r" % [data["client"], data.get("other", {}).get("client")])
    skew, arrows, pairs = flow_pairs(flow)
    dom = dump_dom(browser, "file://" + page, tmp)
    drawn = re.findall(r'<g class="arrow pair (paired|one-side)', dom)
    if (main_attr(dom, "data-both-arrows"), main_attr(dom, "data-paired")) != (arrows, pairs) or \
            (len(drawn), drawn.count("paired")) != (arrows, pairs) or (arrows, pairs) != (6, 5):
        fail("both sides: %d arrows, %d paired drawn; uclog-flow draws %d, %d paired" %
             (len(drawn), drawn.count("paired"), arrows, pairs))
    text = text_of(dom)
    if skew != "Clock of sip:bob@litwareinc.com is 2.500 s ahead of sip:alice@litwareinc.com's, " \
               "from 5 pairs (2 one way, 3 the other); one way takes 0.040 s" or skew not in text:
        fail("the skew %r not in the page" % skew)
    # Each client's diagnosis: its verdicts in full, and those on the call beside the ladder.
    verdicts = sum(len(json.loads(subprocess.run(target.command([diagnose, "--json", log]), capture_output=True,
                                                 text=True).stdout)
                       ["verdicts"]) for log in (ALICE, BOB))
    if main_attr(dom, "data-verdicts") != verdicts or dom.count('class="verdict ') != verdicts:
        fail("%d verdicts drawn, uclog-diagnose gives %d for the two logs" % (dom.count('class="verdict '), verdicts))
    for want in ("alice (caller): 210 NO_EDGE_CANDIDATE", "bob (callee): 230 EDGE_CANDIDATE_PRESENT",
                 "BYE [alice only]", "Verdicts of bob (3)"):
        if want not in text:
            fail("%r not in the page" % want)
    if shots:
        screenshot(browser, page, os.path.join(shots, "report-both.png"), tmp)
    print("chromium: %d arrows of both sides, %d paired; %s" % (arrows, pairs, skew))


def drive(browser, tmp):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import cdp
    return cdp.Page(browser, QUIET + ["--window-size=1300,1000"], os.path.join(tmp, "cdp-profile"))


READY = "(function (m) { return m !== null && m.dataset.drawMs !== undefined; })(document.getElementById('report'))"
FOCUSED = ("(function (e) { return e.tagName.toLowerCase() + ' ' + (e.getAttribute('class') || '') + ' ' + "
           "(e.getAttribute('data-msg') || e.getAttribute('aria-label') || ''); })(document.activeElement)")
DIALOG = "(function (d) { return d && d.open ? d.querySelector('h2').textContent : null; })(document.getElementById('detail'))"


def open_and_close(p, focused, title):
    """Enter, then Space, on the focused element: the message opens with the focus on its
    Close button; Escape closes it and gives the focus back."""
    for key in ("Enter", "Space"):
        p.press(key)
        if not (p.eval(DIALOG) or "").startswith(title):
            fail("%s on %s: %r open, %r expected" % (key, focused, p.eval(DIALOG), title))
        if p.eval("document.activeElement.textContent") != "Close":
            fail("%s on %s: the focus is not on the message's Close button" % (key, focused))
        p.press("Escape")
        if p.eval(DIALOG) is not None or p.eval(FOCUSED) != focused:
            fail("Escape after %s: the message still open, or the focus on %s, not %s" % (key, p.eval(FOCUSED), focused))


def check_keyboard(root, prog, tmp):
    browser = browser_or_skip()
    page = os.path.join(tmp, "seed.html")
    report(prog, [SEED], page)
    with drive(browser, tmp) as p:
        p.open("file://" + page, READY)
        arrows = p.eval("Array.prototype.map.call(document.querySelectorAll('g.arrow'), function (a) { return a.getAttribute('data-msg'); })")
        # Tab from the top: every arrow in the ladders' order (the last one opened), then a row of the list.
        seen = []
        for _ in range(200):
            p.press("Tab")
            f = p.eval(FOCUSED)
            if f.startswith("g arrow"):
                seen.append(f.split()[-1])
                if seen[-1] == arrows[-1]:
                    open_and_close(p, f, "Message %s: INVITE" % arrows[-1])
            if f.startswith("button  open message"):
                break
        if seen != arrows or len(arrows) != 5:
            fail("Tab reached the arrows %r, the ladders hold %r" % (seen, arrows))
        if not f.startswith("button  open message"):
            fail("Tab did not reach a row of the list (last: %s)" % f)
        row = f.split()[-1]
        open_and_close(p, f, "Message %s: " % row)
    print("keyboard: Tab reached arrows %s and row %s; Enter and Space opened them" % (",".join(seen), row))


def luminance(rgb):
    def lin(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(float(x)) for x in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


# The colours read on the page: each text that is drawn, on the page's background.
COLOURS = """(function () {
  function c(sel, prop) {
    var e = document.querySelector(sel);
    return e ? getComputedStyle(e)[prop].match(/[\d.]+/g).slice(0, 3) : null;
  }
  return { background: c("body", "backgroundColor"), text: c("body", "color"), muted: c(".meta", "color"),
    link: c("a", "color"), failure: c(".failure .sev", "color"), ok: c(".ok .sev", "color"),
    ladder: c(".ladder text", "fill"), note: c(".ladder .arrow.diag text.note", "fill"),
    timing: c(".ladder text.timing", "fill"), panel: c(".verdict", "backgroundColor") };
})()"""


def check_schemes(root, prog, tmp):
    browser = browser_or_skip()
    page = os.path.join(tmp, "many.html")
    report(prog, [MANY], page)
    with drive(browser, tmp) as p:
        p.open("file://" + page, READY)
        for scheme in ("light", "dark"):
            p.media(features=[("prefers-color-scheme", scheme)])
            col = p.eval(COLOURS)
            missing = [k for k, v in col.items() if v is None]
            if missing:
                fail("%s: no element for %r" % (scheme, missing))
            bg = luminance(col["background"])
            if (scheme == "dark") != (bg < 0.05) or (scheme == "light" and bg < 0.9):
                fail("%s scheme: background %r" % (scheme, col["background"]))
            for name in ("text", "muted", "link", "failure", "ok", "ladder", "note", "timing"):
                for under in ("background", "panel"):
                    r = contrast(col[name], col[under])
                    if r < 4.5:
                        fail("%s scheme: %s %r on %s %r: contrast %.2f, under 4.5" %
                             (scheme, name, col[name], under, col[under], r))
            print("%s scheme: background %s, text %s" % (scheme, col["background"], col["text"]))


def check_print(root, prog, diagnose, tmp):
    browser = browser_or_skip()
    log = os.path.join(tmp, "big.uccapilog")
    subprocess.run([sys.executable, "bench/gen-log.py", "--size", "400k", "-o", log], check=True)
    page = os.path.join(tmp, "big.html")
    data = page_data(report(prog, [log], page))
    rows = len(data["messages"])
    if rows <= 100:
        fail("the log holds %d messages: not more than a page" % rows)
    with drive(browser, tmp) as p:
        p.open("file://" + page, READY)
        p.media(media="print")
        hidden = p.eval("['form.filters', '.pager', 'nav.toc', 'button.more'].filter(function (s) {"
                        " var e = document.querySelector(s); return e && getComputedStyle(e).display !== 'none'; })")
        if hidden:
            fail("printed: %r" % hidden)
        pdf = p.pdf()
        if not pdf.startswith(b"%PDF-") or len(pdf) < 10000:
            fail("Page.printToPDF: %d bytes, not a PDF" % len(pdf))
        # beforeprint drew every row for the print; afterprint gives the page of 100 back
        printed = int(p.eval("document.getElementById('report').dataset.printRows || 0"))
        if printed != rows:
            fail("printed %d rows of %d" % (printed, rows))
        p.wait("document.querySelectorAll('table.messages tbody tr').length === 100")
        verdicts = len(data["verdicts"])
        if p.eval("document.querySelectorAll('article.verdict').length") != verdicts:
            fail("not every verdict drawn for the print")
    out = os.path.join(tmp, "page.pdf")
    subprocess.run([browser] + QUIET + ["--user-data-dir=" + os.path.join(tmp, "profile"),
                    "--no-pdf-header-footer", "--print-to-pdf=" + out, "file://" + page],
                   capture_output=True, timeout=120, check=True)
    with open(out, "rb") as f:
        head = f.read(5)
    if head != b"%PDF-" or os.path.getsize(out) < 10000:
        fail("--print-to-pdf: %d bytes, not a PDF" % os.path.getsize(out))
    print("print: %d rows and %d verdicts drawn, PDF of %d bytes" % (printed, verdicts, len(pdf)))


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
        elif mode == "timing":
            check_timing(root, prog, tmp)
        elif mode == "both":
            check_both(root, prog, diagnose, flow, tmp, shots)
        elif mode == "keyboard":
            check_keyboard(root, prog, tmp)
        elif mode == "schemes":
            check_schemes(root, prog, tmp)
        elif mode == "print":
            check_print(root, prog, diagnose, tmp)
        else:
            check_browser(root, prog, diagnose, flow, tmp, shots)
    print("ok")


if __name__ == "__main__":
    main()
