/*
 * uclog-report's script: draws the page from the data uclog-report wrote
 * into #uclog-data (verdicts, calls, messages). No library, no request: every
 * element is made here. The message list shows one page of rows at a time,
 * so that a log of 100 000 messages does not become 100 000 rows.
 *
 * The fragment of the address sets the list's filter (#filter=method:INVITE;
 * status:4xx;dir:sent;call:2;text:word) or opens a message (#m12). The counts
 * drawn are on <main>: data-verdicts, data-arrows (those drawn), data-rows (those that match); and the time the page
 * took to draw and to filter last: data-draw-ms, data-filter-ms.
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

  function messageLink(i, text) {
    var a = el("a", { href: "#m" + i }, text);
    a.addEventListener("click", function (ev) { ev.preventDefault(); openMessage(i, a); });
    return a;
  }

  function drawVerdicts() {
    var sec = el("section", { id: "verdicts", "aria-labelledby": "h-verdicts" },
      el("h2", { id: "h-verdicts" }, "Verdicts (" + D.verdicts.length + ")"));
    if (!D.verdicts.length) sec.appendChild(el("p", null, "The diagnosis gave no verdict."));
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
            ? [messageLink(e.message, head.trim() || "message"), " " + e.detail]
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
    var drawn = 0, more = el("button", { type: "button" });
    function drawMore() {
      var end = Math.min(D.verdicts.length, drawn + VERDICTS);
      for (; drawn < end; drawn++) sec.insertBefore(drawVerdict(D.verdicts[drawn]), more);
      more.textContent = "show " + Math.min(VERDICTS, D.verdicts.length - drawn) + " more verdicts of " +
        (D.verdicts.length - drawn);
      more.hidden = drawn === D.verdicts.length;
      main.dataset.verdicts = drawn;
    }
    more.addEventListener("click", drawMore);
    sec.appendChild(more);
    drawMore();
    return sec;
  }

  /* ---- ladders ---- */

  var arrowsDrawn = 0;

  function drawLadder(call) {
    var msgs = call.messages.map(function (i) { return D.messages[i]; });
    var lanes = [], lane = {};
    msgs.forEach(function (m) {
      var r = m.remote || "";
      if (!(r in lane)) { lane[r] = lanes.length + 1; lanes.push(r); }
    });
    var left = 150, gap = 300, top = 50, width = left + gap * Math.max(1, lanes.length) + 160;
    var y = top, rows = [];
    msgs.forEach(function (m) { rows.push(y); y += 36 + 15 * m.diag.length; });
    var height = y + 10;
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
      var ry = rows[k] + 14, xr = left + gap * lane[m.remote || ""], xs, xe;
      if (m.dir === "received") { xs = xr; xe = left; } else { xs = left; xe = xr; }
      var cls = "arrow" + (failed(m) ? " fail" : "") + (m.diag.length ? " diag" : "");
      var a = svg("g", { "class": cls, tabindex: 0, role: "button", "data-msg": m.i,
        "aria-label": what(m) + " " + (m.dir === "received" ? "from " : "to ") + (m.remote || "server") + " at " + (m.time || "") });
      a.appendChild(svg("rect", { "class": "hit", x: 0, y: rows[k] - 4, width: width, height: 26 }));
      a.appendChild(svg("text", { x: 4, y: ry - 2 }, m.time || ""));
      a.appendChild(svg("text", { x: 4, y: ry + 11, "class": "muted" }, delta(m.ms, prev)));
      a.appendChild(svg("text", { x: (xs + xe) / 2, y: ry - 4, "text-anchor": "middle" }, what(m)));
      a.appendChild(svg("line", { x1: xs, y1: ry, x2: xe, y2: ry, "stroke-width": 1.5 }));
      if (m.dir !== "unknown") {
        var s = xe > xs ? -1 : 1;
        a.appendChild(svg("path", { d: "M" + xe + " " + ry + " l" + 9 * s + " -4 v8 z" }));
      }
      m.diag.forEach(function (d, j) {
        a.appendChild(svg("text", { x: left + 8, y: ry + 16 + 15 * j, "class": "note" },
          d.kind + ": " + (d.id !== undefined ? d.id + " " : "") + d.text));
      });
      a.addEventListener("click", function () { openMessage(m.i, a); });
      a.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); openMessage(m.i, a); }
      });
      g.appendChild(a);
      arrowsDrawn++;
      if (m.ms !== undefined) prev = m.ms;
    });
    main.dataset.arrows = arrowsDrawn;
    return g;
  }

  function drawCalls() {
    var sec = el("section", { id: "calls", "aria-labelledby": "h-calls" },
      el("h2", { id: "h-calls" }, "Calls (" + D.calls.length + ")"));
    var eager = D.messages.length <= EAGER;
    if (!eager) sec.appendChild(el("p", { "class": "muted" }, "A ladder is drawn when its call is opened."));
    D.calls.forEach(function (c, k) {
      var sum = el("summary", null, [el("code", null, c.id), " — " + c.messages.length + " messages" +
        (c.outcome ? ", " + c.outcome : "") + (c.peer ? ", with " + c.peer : "")]);
      var det = el("details", { "class": "call", id: "call" + k }, sum);
      var drawn = false;
      function draw() { if (!drawn) { drawn = true; det.appendChild(drawLadder(c)); } }
      if (eager) { det.open = true; draw(); }
      det.addEventListener("toggle", function () { if (det.open) draw(); });
      sec.appendChild(det);
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

  function openMessage(i, from) {
    var m = D.messages[i];
    if (!m) return;
    opener = from || null;
    if (!dialog) {
      dialog = el("dialog", { id: "detail", "aria-labelledby": "detail-title" });
      dialog.addEventListener("close", function () { if (opener && opener.focus) opener.focus(); });
      document.body.appendChild(dialog);
    }
    dialog.textContent = "";
    var close = el("button", { type: "button" }, "Close");
    close.addEventListener("click", function () { dialog.close(); });
    var text = m.text.replace(/\r\n/g, "\n"), cut = text.indexOf("\n\n");
    var body = cut >= 0 ? text.slice(cut + 2) : "";
    append(dialog, [
      el("h2", { id: "detail-title" }, "Message " + m.i + ": " + what(m)),
      el("p", { "class": "meta" }, [(m.date ? m.date + " " + m.time + ", " : "") + m.dir +
        (m.local ? ", client " + m.local + (m.dir === "received" ? " from " : " to ") + laneName(m.remote) : "") +
        (m.file !== undefined ? ", " + (D.files[m.file] || "file " + m.file) + ":" + m.line : "")]),
      m.call !== null ? el("p", { "class": "meta" }, "Call-ID " + D.calls[m.call].id) : null
    ]);
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

  var filter = { call: "", method: "", status: "", dir: "", text: "" }, matches = [], page = 0, list = {};

  function statusMatches(want, st) {
    if (!want) return true;
    if (st === undefined) return false;
    var s = String(st);
    return /^\dxx$/i.test(want) ? s.charAt(0) === want.charAt(0) : s === want;
  }

  function applyFilter() {
    var t = performance.now();
    var method = filter.method.toUpperCase(), text = filter.text.toLowerCase();
    var call = filter.call === "" ? null : Number(filter.call);
    matches = [];
    D.messages.forEach(function (m) {
      if (call !== null && m.call !== call) return;
      if (method && (m.method !== undefined ? m.method : m.cseq || "").toUpperCase() !== method) return;
      if (filter.status && !statusMatches(filter.status, m.status)) return;
      if (filter.dir && m.dir !== filter.dir) return;
      if (text && m.text.toLowerCase().indexOf(text) < 0) return;
      matches.push(m.i);
    });
    page = 0;
    main.dataset.rows = matches.length;
    drawRows();
    main.dataset.filterMs = Math.round(performance.now() - t);
  }

  function drawRows() {
    var tb = list.body, first = page * PAGE, last = Math.min(matches.length, first + PAGE);
    tb.textContent = "";
    for (var k = first; k < last; k++) {
      var m = D.messages[matches[k]];
      var open = el("button", { type: "button", "aria-label": "open message " + m.i }, String(m.i));
      open.addEventListener("click", openMessage.bind(null, m.i, open));
      tb.appendChild(el("tr", { "class": (failed(m) ? "fail" : "") + (m.diag.length ? " diag" : ""), "data-msg": m.i }, [
        el("td", null, open), el("td", { "class": "mono" }, m.time || ""), el("td", null, m.dir),
        el("td", { "class": "what" }, what(m)),
        el("td", { "class": "mono" }, m.local ? (m.dir === "received" ? m.remote + " → " + m.local : m.local + " → " + m.remote) : ""),
        el("td", null, m.call !== null ? el("a", { href: "#call" + m.call }, "call " + m.call) : "")
      ]));
    }
    list.status.textContent = matches.length ? "messages " + (first + 1) + "–" + last + " of " + matches.length +
      " (" + D.messages.length + " in the log)" : "no message matches (" + D.messages.length + " in the log)";
    list.prev.disabled = page === 0;
    list.next.disabled = last >= matches.length;
    main.dataset.shown = last - first;
  }

  function readFragment() {
    var h = decodeURIComponent(location.hash.slice(1)), r;
    if ((r = /^m(\d+)$/.exec(h)) !== null) { openMessage(Number(r[1])); return; }
    if (h.indexOf("filter=") !== 0) return;
    filter = { call: "", method: "", status: "", dir: "", text: "" };
    h.slice(7).split(";").forEach(function (kv) {
      var c = kv.indexOf(":");
      if (c > 0 && kv.slice(0, c) in filter) filter[kv.slice(0, c)] = kv.slice(c + 1);
    });
    for (var k in filter) if (list.inputs[k]) list.inputs[k].value = filter[k];
    applyFilter();
  }

  function drawList() {
    var sec = el("section", { id: "messages", "aria-labelledby": "h-messages" },
      el("h2", { id: "h-messages" }, "Messages (" + D.messages.length + ")"));
    var callSel = el("select", { name: "call" }, el("option", { value: "" }, "every call"));
    D.calls.forEach(function (c, k) { callSel.appendChild(el("option", { value: k }, k + ": " + c.id.slice(0, 40))); });
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
        for (var k in list.inputs) filter[k] = list.inputs[k].value.trim();
        applyFilter();
      }, 200);
    });
    list.prev = el("button", { type: "button" }, "← previous");
    list.next = el("button", { type: "button" }, "next →");
    list.status = el("span", { role: "status" });
    list.prev.addEventListener("click", function () { page--; drawRows(); });
    list.next.addEventListener("click", function () { page++; drawRows(); });
    list.body = el("tbody");
    append(sec, [form, el("div", { "class": "pager" }, [list.prev, list.status, list.next]),
      el("table", { "class": "messages" }, [el("thead", null, el("tr", null, ["#", "time", "direction", "message", "addresses", "call"].map(function (h) {
        return el("th", { scope: "col" }, h);
      }))), list.body])]);
    return sec;
  }

  /* ---- the page ---- */

  var c = D.client;
  append(main, [
    el("h1", null, "uclog report"),
    el("p", { "class": "meta" }, [D.files.join(", ") + " — " + D.messages.length + " SIP messages, " + D.calls.length + " calls" +
      (c.uri ? "; client " + c.uri : "") + (c.location ? " (" + c.location + ")" : "") +
      (D.show_secrets ? "; secrets shown" : "; secrets masked") + "; uclog " + D.version]),
    el("nav", { "class": "toc", "aria-label": "sections" }, [el("a", { href: "#verdicts" }, "Verdicts"),
      el("a", { href: "#calls" }, "Calls"), el("a", { href: "#messages" }, "Messages")]),
    drawVerdicts(), drawCalls(), drawList()
  ]);
  applyFilter();
  main.dataset.drawMs = Math.round(performance.now() - t0);
  readFragment();
  window.addEventListener("hashchange", readFragment);
})();
