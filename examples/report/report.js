/*
 * uclog-report's script: draws the page from the data uclog-report wrote
 * into #uclog-data (verdicts, calls, messages; with two clients' logs the
 * second client's as "other" and their shared calls paired as "both"). No
 * library, no request: every element is made here. The message list shows
 * one page of rows at a time, so that a log of 100 000 messages does not
 * become 100 000 rows; printing draws them all (up to PRINT_ROWS).
 *
 * The fragment of the address sets the list's filter (#filter=method:INVITE;
 * status:4xx;dir:sent;call:2;text:word) or opens a message (#m12); the second
 * client's are #b-filter=... and #b-m12. The counts drawn are on <main>:
 * data-verdicts, data-arrows (those of the clients' ladders), data-rows (those
 * that match), data-both-arrows and data-paired (the arrows of the both-sides
 * ladders, and those of them that both logs hold), data-print-rows (the rows
 * drawn for the last print); and the time the page took to draw and to
 * filter last: data-draw-ms, data-filter-ms.
 */
(function () {
  "use strict";

  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("uclog-data").textContent);
  var main = document.getElementById("report");
  var SVGNS = "http:" + "//www.w3.org/2000/svg"; /* a name, never fetched */
  var PAGE = 100; /* rows of the message list at a time */
  var VERDICTS = 200; /* verdicts drawn at a time */
  var EAGER = 2000; /* up to this many messages every ladder is drawn at once */
  var PRINT_ROWS = 10000; /* rows of the list a print draws */

  /* The clients: the data itself, and the second client's with two logs. Each
   * side's element ids and fragments start with its key. */
  var sides = [D].concat(D.other ? [D.other] : []);
  sides.forEach(function (S, k) {
    S.key = k ? "b-" : "";
    S.name = userName(S.client.uri) || (k ? "second client" : "first client");
    S.retransmissions = S.messages.filter(function (m) { return m.retx !== undefined; }).length;
    S.verdictsDrawn = 0;
    S.list = { filter: emptyFilter(), matches: [], page: 0 };
  });

  /* ---- elements ---- */

  function el(tag, attrs, kids) {
    var e = document.createElement(tag);
    setAttrs(e, attrs);
    append(e, kids);
    return e;
  }

  function svg(tag, attrs, kids) {
    var e = document.createElementNS(SVGNS, tag);
    setAttrs(e, attrs);
    append(e, kids);
    return e;
  }

  function setAttrs(e, attrs) {
    for (var k in attrs || {}) {
      if (attrs[k] !== null && attrs[k] !== undefined) e.setAttribute(k, attrs[k]);
    }
  }

  function append(e, kids) {
    if (kids === null || kids === undefined) return;
    if (!Array.isArray(kids)) kids = [kids];
    kids.forEach(function (k) {
      if (k === null || k === undefined) return;
      e.appendChild(typeof k === "string" ? document.createTextNode(k) : k);
    });
  }

  /* ---- what a message is ---- */

  function userName(uri) {
    if (!uri) return "";
    var u = uri.replace(/^sips?:/, "");
    return u.slice(0, u.search(/[@;]|$/));
  }

  function secs(ms) { return (ms / 1000).toFixed(3) + " s"; }

  /* The index's timings and retransmissions of a message, in a few words. */
  function timing(m) {
    if (m.retx !== undefined) return "retransmission of #" + m.retx;
    if (m.since_ms !== undefined) return secs(m.since_ms) + " after request";
    var t = [];
    if (m.prov_ms !== undefined) t.push("1xx " + secs(m.prov_ms));
    if (m.final_ms !== undefined) t.push("final " + secs(m.final_ms));
    if (m.retx_count) t.push(m.retx_count + " retx");
    return t.join(", ");
  }

  /* Messages less the retransmissions, as the page counts them. */
  function counted(n, retx, what) {
    return (n - retx) + " " + (what || "messages") + (retx ? ", " + retx + " retransmission" + (retx > 1 ? "s" : "") : "");
  }

  function what(m) {
    var s = m.method !== undefined ? m.method : m.status + (m.reason ? " " + m.reason : "");
    return m.sdp ? s + " (SDP)" : s;
  }

  function failed(m) { return m.status !== undefined && m.status >= 400; }

  function hostOf(addr) {
    if (!addr) return "";
    if (addr.charAt(0) === "[") return addr.slice(1, addr.indexOf("]"));
    var i = addr.lastIndexOf(":");
    return i > 0 ? addr.slice(0, i) : addr;
  }

  function isEdge(ip) { return D.edge_ips.indexOf(ip) >= 0; }

  function laneName(addr) {
    if (!addr) return "server (address not logged)";
    return isEdge(hostOf(addr)) ? "Edge " + addr : addr;
  }

  function delta(ms, prev) {
    if (ms === undefined || prev === undefined) return "";
    var d = (ms - prev) / 1000;
    return "+" + d.toFixed(3) + " s";
  }

  /* ---- verdicts ---- */

  function messageLink(S, i, text) {
    var a = el("a", { href: "#" + S.key + "m" + i }, text);
    a.addEventListener("click", function (ev) { ev.preventDefault(); openMessage(S, i, a); });
    return a;
  }

  /* "Verdicts", or "Verdicts of alice" with two clients. */
  function heading(S, what) { return what + (D.other ? " of " + S.name : ""); }

  function sum(field) {
    return sides.reduce(function (t, S) { return t + S[field]; }, 0);
  }

  function drawVerdicts(S) {
    var sec = el("section", { id: S.key + "verdicts", "aria-labelledby": S.key + "h-verdicts" },
      el("h2", { id: S.key + "h-verdicts" }, heading(S, "Verdicts") + " (" + S.verdicts.length + ")"));
    if (!S.verdicts.length) sec.appendChild(el("p", null, "The diagnosis gave no verdict."));
    function drawVerdict(v) {
      var art = el("article", { "class": "verdict " + v.severity, "data-code": v.code }, [
        el("h3", null, [el("span", { "class": "sev" }, v.severity), " " + v.code + " " + v.name + " ",
          el("span", { "class": "muted" }, "(" + v.step + (v.certainty === "certain" ? "" : ", " + v.certainty) + ")")]),
        el("p", null, v.summary),
        v.call_id ? el("p", { "class": "meta" }, "Call-ID " + v.call_id) : null,
        v.reason ? el("p", null, (v.certainty === "unreadable" ? "Unreadable: " : "Inferred: ") + v.reason) : null
      ]);
      if (v.evidence.length) {
        var ul = el("ul", { "class": "evidence" });
        v.evidence.forEach(function (e) {
          var head = (e.file ? e.file + ":" + e.line : "") + (e.time ? " " + e.time : "");
          ul.appendChild(el("li", null, e.message !== undefined
            ? [messageLink(S, e.message, head.trim() || "message"), " " + e.detail]
            : [head ? el("span", { "class": "mono" }, head + " ") : null, e.detail]));
        });
        art.appendChild(el("h4", null, "Evidence"));
        art.appendChild(ul);
      }
      if (v.checklist.length) {
        var ol = el("ol");
        v.checklist.forEach(function (c) { ol.appendChild(el("li", null, c)); });
        art.appendChild(el("h4", null, v.severity === "warning" || v.severity === "failure" ? "Check" : "Next"));
        art.appendChild(ol);
      }
      return art;
    }
    /* A log of thousands of calls has thousands of verdicts: VERDICTS at a time. */
    var more = el("button", { type: "button", "class": "more" });
    function drawMore(all) {
      var end = all === true ? S.verdicts.length : Math.min(S.verdicts.length, S.verdictsDrawn + VERDICTS);
      for (; S.verdictsDrawn < end; S.verdictsDrawn++) sec.insertBefore(drawVerdict(S.verdicts[S.verdictsDrawn]), more);
      more.textContent = "show " + Math.min(VERDICTS, S.verdicts.length - S.verdictsDrawn) + " more verdicts of " +
        (S.verdicts.length - S.verdictsDrawn);
      more.hidden = S.verdictsDrawn === S.verdicts.length;
      main.dataset.verdicts = sum("verdictsDrawn");
    }
    more.addEventListener("click", drawMore);
    sec.appendChild(more);
    drawMore();
    S.allVerdicts = function () { drawMore(true); };
    return sec;
  }

  /* ---- ladders ---- */

  var arrowsDrawn = 0;

  /* One arrow: the time and the delta at the left, the label over a line
   * from x1 to x2 (a head at x2 unless the direction is unknown), the
   * index's timing at the right, the ms-diagnostics under it. Activating it
   * (click, Enter, Space) opens message m of side S. */
  function arrow(S, m, o) {
    var ry = o.y + 14, cls = "arrow" + (o.cls || "") + (failed(m) ? " fail" : "") + (m.diag.length ? " diag" : "") +
      (m.retx !== undefined ? " retx" : "");
    var a = svg("g", { "class": cls, tabindex: 0, role: "button", "data-msg": m.i,
      "aria-label": what(m) + " " + (m.dir === "received" ? "from " : "to ") + (m.remote || "server") + " at " + (m.time || "") +
        (m.retx !== undefined ? ", a retransmission" : "") });
    a.appendChild(svg("rect", { "class": "hit", x: 0, y: o.y - 4, width: o.width, height: 26 }));
    a.appendChild(svg("text", { x: 4, y: ry - 2 }, o.time));
    a.appendChild(svg("text", { x: 4, y: ry + 11, "class": "muted" }, o.delta));
    if (o.time2 !== undefined) a.appendChild(svg("text", { x: o.right, y: ry - 2 }, o.time2));
    a.appendChild(svg("text", { x: (o.x1 + o.x2) / 2, y: ry - 4, "text-anchor": "middle" }, what(m) + (o.note || "")));
    a.appendChild(svg("line", { x1: o.x1, y1: ry, x2: o.x2, y2: ry, "stroke-width": 1.5 }));
    if (o.head) a.appendChild(svg("path", { d: "M" + o.x2 + " " + ry + " l" + 9 * (o.x2 > o.x1 ? -1 : 1) + " -4 v8 z" }));
    a.appendChild(svg("text", { x: o.right, y: ry + (o.time2 !== undefined ? 11 : 4), "class": "timing" }, timing(m)));
    m.diag.forEach(function (d, j) {
      a.appendChild(svg("text", { x: o.notes, y: ry + 16 + 15 * j, "class": "note" },
        d.kind + ": " + (d.id !== undefined ? d.id + " " : "") + d.text));
    });
    a.addEventListener("click", function () { openMessage(S, m.i, a); });
    a.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openMessage(S, m.i, a); }
    });
    return a;
  }

  /* Where each message's arrow goes down the ladder: its notes make room. */
  function rowsOf(msgs, top) {
    var y = top, rows = [];
    msgs.forEach(function (m) { rows.push(y); y += 36 + 15 * m.diag.length; });
    rows.end = y + 10;
    return rows;
  }

  function drawLadder(S, call) {
    var msgs = call.messages.map(function (i) { return S.messages[i]; });
    var lanes = [], lane = {};
    msgs.forEach(function (m) {
      var r = m.remote || "";
      if (!(r in lane)) { lane[r] = lanes.length + 1; lanes.push(r); }
    });
    var left = 150, gap = 300, right = left + gap * Math.max(1, lanes.length) + 12, width = right + 270;
    var rows = rowsOf(msgs, 50), height = rows.end;
    var g = svg("svg", { "class": "ladder", viewBox: "0 0 " + width + " " + height, width: width, height: height,
      role: "group", "aria-label": "Ladder of call " + call.id });
    var names = ["client " + (msgs.length && msgs[0].local ? msgs[0].local : "")].concat(lanes.map(laneName));
    names.forEach(function (n, k) {
      var x = left + gap * k;
      g.appendChild(svg("text", { x: x, y: 16, "text-anchor": k ? "middle" : "start", "class": "lane-name" }, n));
      g.appendChild(svg("line", { x1: x, y1: 26, x2: x, y2: height, "class": "lane" }));
    });
    var prev;
    msgs.forEach(function (m, k) {
      var xr = left + gap * lane[m.remote || ""], received = m.dir === "received";
      g.appendChild(arrow(S, m, { y: rows[k], width: width, right: right, notes: left + 8, time: m.time || "",
        delta: delta(m.ms, prev), x1: received ? xr : left, x2: received ? left : xr, head: m.dir !== "unknown" }));
      arrowsDrawn++;
      if (m.ms !== undefined) prev = m.ms;
    });
    main.dataset.arrows = arrowsDrawn;
    return g;
  }

  /* A call, its ladder drawn by draw() when it is opened (at once for a small log). */
  function callDetails(id, summary, draw) {
    var det = el("details", { "class": "call", id: id }, el("summary", null, summary)), drawn = false;
    function open() { if (!drawn) { drawn = true; det.appendChild(draw()); } }
    if (eager) { det.open = true; open(); }
    det.addEventListener("toggle", function () { if (det.open) open(); });
    return det;
  }

  var eager = sides.reduce(function (n, S) { return n + S.messages.length; }, 0) <= EAGER;

  function drawCalls(S) {
    var sec = el("section", { id: S.key + "calls", "aria-labelledby": S.key + "h-calls" },
      el("h2", { id: S.key + "h-calls" }, heading(S, "Calls") + " (" + S.calls.length + ")"));
    if (!eager) sec.appendChild(el("p", { "class": "muted" }, "A ladder is drawn when its call is opened."));
    S.calls.forEach(function (c, k) {
      var retx = c.messages.filter(function (i) { return S.messages[i].retx !== undefined; }).length;
      sec.appendChild(callDetails(S.key + "call" + k, [el("code", null, c.id), " — " + counted(c.messages.length, retx) +
        (c.outcome ? ", " + c.outcome : "") + (c.peer ? ", with " + c.peer : "")], function () { return drawLadder(S, c); }));
    });
    main.dataset.arrows = arrowsDrawn;
    return sec;
  }

  /* ---- both sides of a call ---- */

  var bothArrows = 0, paired = 0;

  function skewText() {
    var sk = D.both.skew, a = D.client.uri, b = D.other.client.uri, n = sk.ab + sk.ba;
    if (sk.known) {
      return "Clock of " + b + " is " + secs(Math.abs(sk.skew_ms)) + (sk.skew_ms < 0 ? " behind " : " ahead of ") + a +
        "'s, from " + n + " pairs (" + sk.ab + " one way, " + sk.ba + " the other); one way takes " + secs(sk.delay_ms);
    }
    if (n) return "Clock of " + b + ": " + (sk.skew_ms < 0 ? "" : "+") + secs(sk.skew_ms) + " from " + a +
      "'s, delay included, from " + n + " pairs all one way";
    return "Clock skew unknown: no message of one log is in the other";
  }

  /* Each side's verdicts on the call, as uclog-diagnose gives them per side. */
  function sideVerdicts(ids) {
    var ul = el("ul", { "class": "sides" });
    sides.forEach(function (S, k) {
      var c = S.calls[ids[k]], got = [];
      S.verdicts.forEach(function (v) {
        if (v.call_id === c.id) got.push(verdictLink(S, v));
      });
      var li = el("li", null, S.name + (c.role ? " (" + c.role + ")" : "") + ": ");
      if (!got.length) li.appendChild(document.createTextNode("no verdict"));
      got.forEach(function (x, j) { append(li, [j ? ", " : "", x]); });
      ul.appendChild(li);
    });
    return ul;
  }

  /* A verdict's code and name, a link to the first message it cites. */
  function verdictLink(S, v) {
    var t = v.code + " " + v.name, e = v.evidence.filter(function (x) { return x.message !== undefined; })[0];
    return el("span", { "class": "sev-" + v.severity }, e ? messageLink(S, e.message, t) : t);
  }

  /* One call as both clients saw it: A's lane, B's lane, each message once,
   * with A's time at the left and B's (less the skew) at the right. */
  function drawPairLadder(pc) {
    var A = sides[0], B = sides[1], left = 150, gap = 420, xa = left, xb = left + gap, mid = (xa + xb) / 2;
    var right = xb + 12, width = right + 270, skew = D.both.skew.skew_ms;
    var msgs = pc.pairs.map(function (p) { return p[0] !== null ? A.messages[p[0]] : B.messages[p[1]]; });
    var rows = rowsOf(msgs, 50), height = rows.end;
    var g = svg("svg", { "class": "ladder both", viewBox: "0 0 " + width + " " + height, width: width, height: height,
      role: "group", "aria-label": "Both sides of call " + A.calls[pc.a].id });
    [A.name, B.name].forEach(function (n, k) {
      var x = k ? xb : xa;
      g.appendChild(svg("text", { x: x, y: 16, "text-anchor": "middle", "class": "lane-name" }, n));
      g.appendChild(svg("line", { x1: x, y1: 26, x2: x, y2: height, "class": "lane" }));
    });
    var prev;
    pc.pairs.forEach(function (p, k) {
      var m = msgs[k], S = p[0] !== null ? A : B, a = p[0] !== null ? A.messages[p[0]] : null;
      var b = p[1] !== null ? B.messages[p[1]] : null, both = a && b, from = p[2] === 0 ? xb : xa;
      var to = both ? (from === xa ? xb : xa) : mid, ms = a ? a.ms : b.ms !== undefined ? b.ms - skew : undefined;
      if (!both && p[2] !== -1) { from = a ? xa : xb; to = mid; }
      g.appendChild(arrow(S, m, { y: rows[k], width: width, right: right, notes: xa + 8, time: a ? a.time || "" : "",
        time2: b && b.ms !== undefined ? clock(b.ms - skew) : "", delta: delta(ms, prev),
        x1: from, x2: to, head: p[2] !== -1, cls: " pair" + (both ? " paired" : " one-side"),
        note: both ? "" : " [" + S.name + " only]" }));
      bothArrows++;
      if (both) paired++;
      if (ms !== undefined) prev = ms;
    });
    main.dataset.bothArrows = bothArrows;
    main.dataset.paired = paired;
    return g;
  }

  /* hh:mm:ss.mmm of ms since 1970 (UTC, as the log's times are written). */
  function clock(ms) { return new Date(ms).toISOString().slice(11, 23); }

  function drawBoth() {
    var A = sides[0], B = sides[1];
    D.both.calls.forEach(function (pc) {
      pc.pairs.forEach(function (p) {
        if (p[0] !== null && p[1] !== null) { A.messages[p[0]].twin = p[1]; B.messages[p[1]].twin = p[0]; }
      });
    });
    var sec = el("section", { id: "both", "aria-labelledby": "h-both" }, [
      el("h2", { id: "h-both" }, "Both sides of the calls (" + D.both.calls.length + ")"),
      el("p", { "class": "skew" }, skewText()),
      el("p", { "class": "muted" }, "Times: " + A.name + "'s clock at the left, " + B.name +
        "'s less the skew at the right; an arrow is a message both logs hold, what one sent and the other received.")]);
    if (!D.both.calls.length) sec.appendChild(el("p", null, "No call is in both clients' logs."));
    D.both.calls.forEach(function (pc, k) {
      var c = A.calls[pc.a];
      sec.appendChild(callDetails("both" + k, [el("code", null, c.id), " — " + pc.pairs.length + " messages, " +
        pc.pairs.filter(function (p) { return p[0] !== null && p[1] !== null; }).length + " in both logs"],
        function () { return el("div", null, [sideVerdicts([pc.a, pc.b]), drawPairLadder(pc)]); }));
    });
    return sec;
  }

  /* ---- one message, in full ---- */

  var PRIVATE = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./, /^127\./, /^f[cd]/i, /^fe80:/i];

  function whose(ip, m) {
    if (isEdge(ip)) return "the A/V Edge (--edge-ip)";
    if (m.local && hostOf(m.local) === ip) return "the client (the address it logs as its own)";
    for (var k = 0; k < PRIVATE.length; k++) if (PRIVATE[k].test(ip)) return "a private address (inside a network)";
    return "a public address";
  }

  /* The candidates of the SDP in text: standard (foundation component
   * transport priority address port typ TYPE) and the older form Lync offers
   * too (user component password transport priority address port). */
  function candidates(text, m) {
    var out = [], re = /^a=(x-)?candidate:(.*)$/gm, r;
    while ((r = re.exec(text)) !== null) {
      var t = r[2].trim().split(/\s+/), typ = t.indexOf("typ"), c;
      if (typ >= 2) c = { type: t[typ + 1] || "?", address: t[typ - 2], port: t[typ - 1], transport: t[2] || "" };
      else if (t.length >= 7) c = { type: "(draft form)", address: t[5], port: t[6], transport: t[3] };
      else continue;
      c.component = t[1];
      c.whose = whose(c.address, m);
      out.push(c);
    }
    return out;
  }

  /* One element a line, indented by depth; an element holding only text on one line. */
  function prettyXml(xml) {
    var toks = [], out = [], depth = 0, re = /(<[^>]*>)|([^<]+)/g, r, k;
    while ((r = re.exec(xml)) !== null) {
      if (r[1] !== undefined) toks.push(r[1]);
      else if (r[2].trim()) toks.push(r[2].trim());
    }
    for (k = 0; k < toks.length; k++) {
      var t = toks[k], pad = "  ".repeat(depth);
      if (t.charAt(0) !== "<") { out.push(pad + t); continue; }
      if (/^<\//.test(t)) { depth = Math.max(0, depth - 1); out.push("  ".repeat(depth) + t); continue; }
      if (/^<[?!]/.test(t) || /\/>$/.test(t)) { out.push(pad + t); continue; }
      if (k + 2 < toks.length && toks[k + 1].charAt(0) !== "<" && /^<\//.test(toks[k + 2])) {
        out.push(pad + t + toks[k + 1] + toks[k + 2]);
        k += 2;
        continue;
      }
      out.push(pad + t);
      depth++;
    }
    return out.join("\n");
  }

  /* The XML documents of a body (MRAS, provisioning, a multipart's parts). */
  function xmlParts(body) {
    var out = [], re = /<\?xml[\s\S]*?(?=\r?\n--|$)|^<[A-Za-z][\s\S]*$/g, r;
    if (!/<[A-Za-z?]/.test(body) || /^v=0/m.test(body) && !/<\?xml/.test(body)) return out;
    while ((r = re.exec(body)) !== null) {
      if (!r[0]) { re.lastIndex++; continue; }
      var s = r[0], end = s.lastIndexOf(">");
      if (end > 0) out.push(prettyXml(s.slice(0, end + 1)));
    }
    return out;
  }

  var dialog, opener;

  /* What the index says of a message's transaction, in a sentence. */
  function timingSentence(S, m) {
    if (m.retx !== undefined) {
      return ["A retransmission: it " + (m.dir === "received" ? "is received again as " : "sends again ") + "message ",
        messageLink(S, m.retx, "#" + m.retx), "; not counted as a message of its own."];
    }
    if (m.since_ms !== undefined) return [secs(m.since_ms) + " after its request was first sent."];
    var t = [];
    if (m.prov_ms !== undefined) t.push("to the first provisional response " + secs(m.prov_ms));
    if (m.final_ms !== undefined) t.push("to the final response " + secs(m.final_ms));
    if (m.method === undefined || (!t.length && !m.retx_count)) return null;
    return ["Its transaction: " + (t.length ? t.join(", ") : "no response in the log") +
      (m.retx_count ? "; " + m.retx_count + " retransmission" + (m.retx_count > 1 ? "s" : "") : "") + "."];
  }

  function closeMessage() {
    dialog.close();
    if (opener && opener.focus) opener.focus();
  }

  function openMessage(S, i, from) {
    var m = S.messages[i];
    if (!m) return;
    opener = from || null;
    if (!dialog) {
      dialog = el("dialog", { id: "detail", "aria-labelledby": "detail-title" });
      /* Escape closes it here, not by the browser's default, so that the focus is back on
       * what opened it before the next key is read. */
      dialog.addEventListener("cancel", function (ev) { ev.preventDefault(); closeMessage(); });
      document.body.appendChild(dialog);
    }
    dialog.textContent = "";
    var close = el("button", { type: "button" }, "Close");
    close.addEventListener("click", closeMessage);
    var text = m.text.replace(/\r\n/g, "\n"), cut = text.indexOf("\n\n");
    var body = cut >= 0 ? text.slice(cut + 2) : "";
    append(dialog, [
      el("h2", { id: "detail-title" }, "Message " + m.i + ": " + what(m)),
      el("p", { "class": "meta" }, [(m.date ? m.date + " " + m.time + ", " : "") + m.dir +
        (m.local ? ", client " + m.local + (m.dir === "received" ? " from " : " to ") + laneName(m.remote) : "") +
        (m.file !== undefined ? ", " + (S.files[m.file] || "file " + m.file) + ":" + m.line : "") +
        (D.other ? ", in " + S.name + "'s log" : "")]),
      m.call !== null ? el("p", { "class": "meta" }, "Call-ID " + S.calls[m.call].id) : null
    ]);
    var when = timingSentence(S, m);
    if (when) append(dialog, el("p", { "class": "timing" }, when));
    if (m.twin !== undefined) {
      var O = sides[1 - sides.indexOf(S)];
      append(dialog, el("p", null, ["The same message in " + O.name + "'s log: ", messageLink(O, m.twin, "#" + m.twin)]));
    }
    if (m.diag.length) {
      var ul = el("ul");
      m.diag.forEach(function (d) {
        ul.appendChild(el("li", { "class": "diag-note" }, d.kind + ": " + (d.id !== undefined ? d.id + " " : "") + d.text));
      });
      append(dialog, [el("h3", null, "Diagnostics"), ul]);
    }
    var cands = candidates(body, m);
    if (cands.length) {
      var tb = el("tbody");
      cands.forEach(function (c) {
        tb.appendChild(el("tr", null, [c.type, c.address, c.port, c.transport, c.component, c.whose].map(function (x) {
          return el("td", null, String(x));
        })));
      });
      append(dialog, [el("h3", null, "ICE candidates (offered by " + (m.dir === "sent" ? "the client" : m.dir === "received" ? "the other side" : "its sender") + ")"),
        el("table", null, [el("thead", null, el("tr", null, ["type", "address", "port", "transport", "component", "whose address"].map(function (h) {
          return el("th", { scope: "col" }, h);
        }))), tb])]);
    }
    xmlParts(body).forEach(function (x) { append(dialog, [el("h3", null, "XML body"), el("pre", null, x)]); });
    append(dialog, [el("h3", null, "The message"), el("pre", { "class": "mono" }, text), close]);
    if (dialog.open) dialog.close();
    dialog.showModal();
    close.focus();
  }

  /* ---- the message list ---- */

  function emptyFilter() { return { call: "", method: "", status: "", dir: "", text: "" }; }

  function statusMatches(want, st) {
    if (!want) return true;
    if (st === undefined) return false;
    var s = String(st);
    return /^\dxx$/i.test(want) ? s.charAt(0) === want.charAt(0) : s === want;
  }

  function applyFilter(S) {
    var t = performance.now(), list = S.list, filter = list.filter, matches = list.matches = [];
    var method = filter.method.toUpperCase(), text = filter.text.toLowerCase();
    var call = filter.call === "" ? null : Number(filter.call);
    S.messages.forEach(function (m) {
      if (call !== null && m.call !== call) return;
      if (method && (m.method !== undefined ? m.method : m.cseq || "").toUpperCase() !== method) return;
      if (filter.status && !statusMatches(filter.status, m.status)) return;
      if (filter.dir && m.dir !== filter.dir) return;
      if (text && m.text.toLowerCase().indexOf(text) < 0) return;
      matches.push(m.i);
    });
    list.page = 0;
    list.section.dataset.rows = matches.length;
    main.dataset.rows = sides.reduce(function (n, X) { return n + X.list.matches.length; }, 0);
    drawRows(S);
    main.dataset.filterMs = Math.round(performance.now() - t);
  }

  function row(S, m) {
    var open = el("button", { type: "button", "aria-label": "open message " + m.i }, String(m.i));
    open.addEventListener("click", openMessage.bind(null, S, m.i, open));
    return el("tr", { "class": (failed(m) ? "fail" : "") + (m.diag.length ? " diag" : "") +
      (m.retx !== undefined ? " retx" : ""), "data-msg": m.i }, [
      el("td", null, open), el("td", { "class": "mono" }, m.time || ""), el("td", null, m.dir),
      el("td", { "class": "what" }, what(m)), el("td", { "class": "timing" }, timing(m)),
      el("td", { "class": "mono" }, m.local ? (m.dir === "received" ? m.remote + " → " + m.local : m.local + " → " + m.remote) : ""),
      el("td", null, m.call !== null ? el("a", { href: "#" + S.key + "call" + m.call }, "call " + m.call) : "")
    ]);
  }

  /* The page of rows in view; count rows from the first (printing: all, up to PRINT_ROWS). */
  function drawRows(S, count) {
    var list = S.list, matches = list.matches, tb = list.body;
    var first = count ? 0 : list.page * PAGE, last = Math.min(matches.length, first + (count || PAGE));
    tb.textContent = "";
    for (var k = first; k < last; k++) tb.appendChild(row(S, S.messages[matches[k]]));
    list.status.textContent = matches.length ? "messages " + (first + 1) + "–" + last + " of " + matches.length +
      " (" + S.messages.length + " in the log)" : "no message matches (" + S.messages.length + " in the log)";
    list.printed.textContent = "Printed: " + (last - first) + " of the " + matches.length + " messages" +
      (describe(list.filter) ? " that match " + describe(list.filter) : "") + " (" + S.messages.length + " in the log).";
    list.prev.disabled = list.page === 0;
    list.next.disabled = last >= matches.length;
    main.dataset.shown = last - first;
    return last - first;
  }

  function describe(filter) {
    var t = [];
    for (var k in filter) if (filter[k]) t.push(k + " " + filter[k]);
    return t.join(", ");
  }

  function readFragment() {
    var h = decodeURIComponent(location.hash.slice(1)), r, S = sides[0];
    if (D.other && h.indexOf("b-") === 0) { S = sides[1]; h = h.slice(2); }
    if ((r = /^m(\d+)$/.exec(h)) !== null) { openMessage(S, Number(r[1])); return; }
    if (h.indexOf("filter=") !== 0) return;
    var filter = S.list.filter = emptyFilter();
    h.slice(7).split(";").forEach(function (kv) {
      var c = kv.indexOf(":");
      if (c > 0 && kv.slice(0, c) in filter) filter[kv.slice(0, c)] = kv.slice(c + 1);
    });
    for (var k in filter) if (S.list.inputs[k]) S.list.inputs[k].value = filter[k];
    applyFilter(S);
  }

  function drawList(S) {
    var list = S.list;
    var sec = list.section = el("section", { id: S.key + "messages", "aria-labelledby": S.key + "h-messages" },
      el("h2", { id: S.key + "h-messages" }, heading(S, "Messages") + " (" + counted(S.messages.length, S.retransmissions) + ")"));
    var callSel = el("select", { name: "call" }, el("option", { value: "" }, "every call"));
    S.calls.forEach(function (c, k) { callSel.appendChild(el("option", { value: k }, k + ": " + c.id.slice(0, 40))); });
    var dirSel = el("select", { name: "dir" }, [el("option", { value: "" }, "both"),
      el("option", { value: "sent" }, "sent"), el("option", { value: "received" }, "received")]);
    list.inputs = {
      call: callSel,
      method: el("input", { name: "method", size: 10, placeholder: "INVITE" }),
      status: el("input", { name: "status", size: 5, placeholder: "4xx" }),
      dir: dirSel,
      text: el("input", { name: "text", type: "search", size: 24, placeholder: "any text" })
    };
    var form = el("form", { "class": "filters", role: "search" }, [
      el("label", null, ["Call", callSel]), el("label", null, ["Method", list.inputs.method]),
      el("label", null, ["Status", list.inputs.status]), el("label", null, ["Direction", dirSel]),
      el("label", null, ["Text", list.inputs.text])]);
    var timer = null;
    form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        for (var k in list.inputs) list.filter[k] = list.inputs[k].value.trim();
        applyFilter(S);
      }, 200);
    });
    list.prev = el("button", { type: "button" }, "← previous");
    list.next = el("button", { type: "button" }, "next →");
    list.status = el("span", { role: "status" });
    list.prev.addEventListener("click", function () { list.page--; drawRows(S); });
    list.next.addEventListener("click", function () { list.page++; drawRows(S); });
    list.body = el("tbody");
    list.printed = el("p", { "class": "print-only" });
    append(sec, [form, el("div", { "class": "pager" }, [list.prev, list.status, list.next]), list.printed,
      el("table", { "class": "messages" }, [el("thead", null, el("tr", null, ["#", "time", "direction", "message", "timing", "addresses", "call"].map(function (h) {
        return el("th", { scope: "col" }, h);
      }))), list.body])]);
    return sec;
  }

  /* ---- printing: every verdict, and the list's rows that match all drawn (up
   * to PRINT_ROWS); the ladders printed are those drawn (every one of a small log) ---- */

  window.addEventListener("beforeprint", function () {
    var n = 0;
    sides.forEach(function (S) { S.allVerdicts(); n += drawRows(S, PRINT_ROWS); });
    main.dataset.printRows = n;
  });
  window.addEventListener("afterprint", function () { sides.forEach(function (S) { drawRows(S); }); });

  /* ---- the page ---- */

  function about(S) {
    var c = S.client;
    return el("p", { "class": "meta" }, [S.files.join(", ") + " — " + counted(S.messages.length, S.retransmissions, "SIP messages") +
      ", " + S.calls.length + " calls" + (c.uri ? "; client " + c.uri : "") + (c.location ? " (" + c.location + ")" : "")]);
  }

  var nav = el("nav", { "class": "toc", "aria-label": "sections" }, D.other ? el("a", { href: "#both" }, "Both sides") : null);
  sides.forEach(function (S) {
    append(nav, ["verdicts", "calls", "messages"].map(function (s) {
      return el("a", { href: "#" + S.key + s }, heading(S, s.charAt(0).toUpperCase() + s.slice(1)));
    }));
  });
  append(main, [el("h1", null, "uclog report")].concat(sides.map(about), [
    el("p", { "class": "meta" }, (D.show_secrets ? "Secrets shown" : "Secrets masked") + "; uclog " + D.version), nav,
    D.other ? drawBoth() : null]));
  sides.forEach(function (S) {
    append(main, D.other ? el("h2", { "class": "client" }, S.name + " — " + S.client.uri) : null);
    append(main, [drawVerdicts(S), drawCalls(S), drawList(S)]);
    applyFilter(S);
  });
  main.dataset.drawMs = Math.round(performance.now() - t0);
  readFragment();
  window.addEventListener("hashchange", readFragment);
})();
