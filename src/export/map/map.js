(function () {
  "use strict";
  var body = document.body;
  function fail(message) {
    var old = body.getAttribute("data-error");
    body.setAttribute("data-error", (old ? old + "; " : "") + message);
  }
  window.addEventListener("error", function (ev) { fail("error: " + ev.message); });
  document.addEventListener("securitypolicyviolation", function (ev) {
    fail("blocked by the content security policy: " + ev.violatedDirective + " " + ev.blockedURI);
  });
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function option(select, value, text) {
    var o = el("option", text);
    o.value = value;
    select.appendChild(o);
  }

  var D = JSON.parse($("map-data").textContent);
  var nA = D.actors.length, nP = D.projects.length, N = nA + nP;
  var PRINT = D.theme === "print";
  var FLAG = { noAcademia: 1, cut: 2, broker: 4, candidate: 8 };
  var FINDS = { "no-academia": FLAG.noAcademia, "cut": FLAG.cut, "broker": FLAG.broker, "candidate": FLAG.candidate };
  var GRID = D.grid || null;
  // The analysis's communities (numbered from 1, the largest first), when there are any.
  var COMM = D.communities && D.communities.list && D.communities.list.length ? D.communities : null;

  // ---- graph structure (built once) ----
  function csr(pairs, stride, offsetB) {
    var deg = new Int32Array(N + 1), i, a, b;
    for (i = 0; i < pairs.length; i += stride) {
      a = pairs[i]; b = pairs[i + 1] + offsetB;
      deg[a + 1]++; deg[b + 1]++;
    }
    for (i = 1; i <= N; i++) { deg[i] += deg[i - 1]; }
    var fill = deg.slice(0), list = new Int32Array(deg[N]);
    for (i = 0; i < pairs.length; i += stride) {
      a = pairs[i]; b = pairs[i + 1] + offsetB;
      list[fill[a]++] = b; list[fill[b]++] = a;
    }
    return { start: deg, list: list };
  }
  var linkAdj = csr(D.links, 4, nA);
  var tieAdj = csr(D.ties, 2, 0);
  var projAdj = csr(D.projection, 3, 0);
  function each(adj, v, f) {
    for (var i = adj.start[v]; i < adj.start[v + 1]; i++) { f(adj.list[i]); }
  }
  var roleBits = new Int32Array(nA);
  for (var li = 0; li < D.links.length; li += 4) { roleBits[D.links[li]] |= D.links[li + 2]; }
  var radius = new Float32Array(N);
  for (var v0 = 0; v0 < N; v0++) {
    var dg = linkAdj.start[v0 + 1] - linkAdj.start[v0];
    radius[v0] = 0.16 + 0.05 * Math.sqrt(dg);
  }
  function posX(v) { return S.view === "grid" ? GRID.pos[2 * v] : D.pos[2 * v]; }
  function posY(v) { return S.view === "grid" ? GRID.pos[2 * v + 1] : D.pos[2 * v + 1]; }
  function isActor(v) { return v < nA; }
  function item(v) { return v < nA ? D.actors[v] : D.projects[v - nA]; }
  function key(v) { return (v < nA ? "a:" : "p:") + item(v).id; }
  var byKey = {};
  for (var v1 = 0; v1 < N; v1++) { byKey[key(v1)] = v1; }
  var years = [];
  D.projects.forEach(function (p) { if (p.year !== undefined && years.indexOf(p.year) < 0) { years.push(p.year); } });
  years.sort(function (a, b) { return a - b; });

  // ---- state, the URL fragment ----
  var S = { view: "two", sector: "", kind: "", role: "", dim: "", community: "", from: "", to: "", find: "", focus: -1, depth: 1 };
  // Inside another page (the report) the fragment is the map's only when it holds a map
  // view; the page's own anchors (#summary, #metrics) are left alone.
  var EMBED = !!D.embedded;
  function isMapHash(h) { return /(^|&)(view|sector|kind|role|dim|community|year|find|focus|depth)=/.test(h); }
  function readHash() {
    var h = window.location.hash.replace(/^#/, "");
    if (EMBED && !isMapHash(h)) { h = ""; }
    var q = new URLSearchParams(h);
    S.view = q.get("view") || "two";
    if (S.view !== "two" && S.view !== "actors" && !(S.view === "grid" && GRID)) { S.view = "two"; }
    S.sector = q.get("sector") || "";
    S.kind = q.get("kind") || "";
    S.role = q.get("role") || "";
    S.dim = q.get("dim") || "";
    var c = q.get("community") || "";
    S.community = COMM && /^[1-9][0-9]*$/.test(c) && +c <= COMM.list.length ? c : "";
    var y = (q.get("year") || "").split("-");
    S.from = y[0] || ""; S.to = y[1] || "";
    S.find = FINDS[q.get("find")] ? q.get("find") : "";
    var f = q.get("focus");
    S.focus = f !== null && byKey[f] !== undefined ? byKey[f] : -1;
    S.depth = q.get("depth") === "2" ? 2 : 1;
  }
  function writeHash() {
    var q = new URLSearchParams();
    if (S.view !== "two") { q.set("view", S.view); }
    ["sector", "kind", "role", "dim", "community"].forEach(function (k) { if (S[k] !== "") { q.set(k, S[k]); } });
    if (S.from !== "" || S.to !== "") { q.set("year", S.from + "-" + S.to); }
    if (S.find) { q.set("find", S.find); }
    if (S.focus >= 0) { q.set("focus", key(S.focus)); q.set("depth", String(S.depth)); }
    var h = q.toString();
    if (EMBED && h === "" && !isMapHash(window.location.hash.replace(/^#/, ""))) { body.setAttribute("data-hash", h); return; }
    var url = window.location.href.split("#")[0] + (h ? "#" + h : "");
    try { window.history.replaceState(null, "", url); } catch (e) { /* file: URLs in some browsers */ }
    body.setAttribute("data-hash", h);
  }

  // ---- controls ----
  var cView = $("f-view"), cSector = $("f-sector"), cKind = $("f-kind"), cRole = $("f-role"),
    cDim = $("f-dim"), cComm = $("f-community"), cFrom = $("f-from"), cTo = $("f-to"), cFind = $("f-find"), cDepth = $("f-depth"),
    cQ = $("f-q"), results = $("results"), status = $("status"), panel = $("panel");
  option(cView, "two", "Actors and projects");
  option(cView, "actors", "Actor projection");
  if (GRID) { option(cView, "grid", "Power\u2013interest grid"); }
  option(cSector, "", "all sectors");
  D.sectors.forEach(function (s) { option(cSector, s.name, s.name); });
  option(cKind, "", "all kinds");
  D.kinds.forEach(function (k) { if (k !== "") { option(cKind, k, k); } });
  option(cRole, "", "any role");
  D.roles.forEach(function (r) { option(cRole, r, r); });
  option(cDim, "", "all dimensions");
  D.dimensions.forEach(function (d) { option(cDim, d, d); });
  option(cComm, "", "all communities");
  if (COMM) {
    COMM.list.forEach(function (c, i) {
      option(cComm, String(i + 1), "community " + (i + 1) + " \u00b7 " + c.actors + (c.actors === 1 ? " actor, " : " actors, ") + c.projects + (c.projects === 1 ? " project" : " projects"));
    });
  } else {
    $("community-filter").hidden = true;
  }
  if (years.length) {
    option(cFrom, "", "first"); option(cTo, "", "last");
    years.forEach(function (y) { option(cFrom, String(y), String(y)); option(cTo, String(y), String(y)); });
  } else {
    $("year-filter").hidden = true;
  }
  option(cFind, "", "everything");
  option(cFind, "no-academia", "projects without academia");
  option(cFind, "cut", "cut points");
  option(cFind, "broker", "brokers");
  option(cFind, "candidate", "proposed candidates");
  function syncControls() {
    cView.value = S.view; cSector.value = S.sector; cKind.value = S.kind; cRole.value = S.role;
    cDim.value = S.dim; cComm.value = S.community; cFrom.value = S.from; cTo.value = S.to; cFind.value = S.find;
    cDepth.value = String(S.depth);
  }
  function bind(control, field) {
    control.addEventListener("change", function () {
      S[field] = field === "depth" ? (control.value === "2" ? 2 : 1) : control.value;
      update(field === "view" || S.focus >= 0);
    });
  }
  bind(cView, "view"); bind(cSector, "sector"); bind(cKind, "kind"); bind(cRole, "role");
  bind(cDim, "dim"); bind(cComm, "community"); bind(cFrom, "from"); bind(cTo, "to"); bind(cFind, "find"); bind(cDepth, "depth");

  // ---- visibility ----
  var visible = new Uint8Array(N);
  var inEgo = new Int8Array(N);
  var counts = { actors: 0, projects: 0 };
  function passes(v) {
    var x = item(v);
    if (S.community !== "" && x.c !== +S.community) { return false; }
    if (isActor(v)) {
      if (S.view === "grid" && !(GRID.pos[2 * v] === GRID.pos[2 * v] && GRID.pos[2 * v] !== null)) { return false; }
      if (S.sector !== "" && D.sectors[x.s].name !== S.sector) { return false; }
      if (S.kind !== "" && D.kinds[x.k] !== S.kind) { return false; }
      if (S.role !== "" && !(roleBits[v] & (1 << D.roles.indexOf(S.role)))) { return false; }
      if (S.find !== "" && S.find !== "no-academia" && !(x.f & FINDS[S.find])) { return false; }
      return true;
    }
    if (S.view !== "two") { return false; }
    if (S.dim !== "" && x.d.indexOf(D.dimensions.indexOf(S.dim)) < 0) { return false; }
    if (S.from !== "" || S.to !== "") {
      if (x.year === undefined) { return false; }
      if (S.from !== "" && x.year < +S.from) { return false; }
      if (S.to !== "" && x.year > +S.to) { return false; }
    }
    if (S.find === "no-academia" && !(x.f & FLAG.noAcademia)) { return false; }
    return true;
  }
  function neighbours(v, f) {
    if (S.view === "two") { each(linkAdj, v, f); each(tieAdj, v, f); } else { each(projAdj, v, f); }
  }
  function computeVisible() {
    var v;
    inEgo.fill(-1);
    if (S.focus >= 0) {
      var queue = [], head = 0;
      if (!isActor(S.focus) && S.view !== "two") {
        each(linkAdj, S.focus, function (a) { if (inEgo[a] < 0) { inEgo[a] = 1; queue.push(a); } });
      } else {
        inEgo[S.focus] = 0; queue.push(S.focus);
      }
      while (head < queue.length) {
        v = queue[head++];
        if (inEgo[v] >= S.depth) { continue; }
        neighbours(v, function (u) {
          if (inEgo[u] < 0) { inEgo[u] = inEgo[v] + 1; queue.push(u); }
        });
      }
    }
    counts.actors = 0; counts.projects = 0;
    for (v = 0; v < N; v++) {
      var on = passes(v) && (S.focus < 0 || inEgo[v] >= 0);
      if (v === S.focus && (S.view === "two" || isActor(v) && posX(v) !== null)) { on = true; }
      visible[v] = on ? 1 : 0;
      if (on) { if (isActor(v)) { counts.actors++; } else { counts.projects++; } }
    }
  }

  // ---- drawing ----
  var canvas = $("map"), ctx = canvas.getContext("2d");
  var T = { scale: 1, tx: 0, ty: 0 }, W = 0, H = 0, ratio = 1;
  function resize() {
    var r = canvas.parentNode.getBoundingClientRect();
    ratio = window.devicePixelRatio || 1;
    W = Math.max(200, Math.floor(r.width)); H = Math.max(200, Math.floor(r.height));
    canvas.width = Math.floor(W * ratio); canvas.height = Math.floor(H * ratio);
    canvas.style.width = W + "px"; canvas.style.height = H + "px";
  }
  function fit(onlyEgo) {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, any = false;
    for (var v = 0; v < N; v++) {
      if (!visible[v] || (onlyEgo && inEgo[v] < 0 && v !== S.focus)) { continue; }
      var x = posX(v), y = posY(v);
      if (x === null || y === null) { continue; }
      any = true;
      if (x < x0) { x0 = x; } if (x > x1) { x1 = x; } if (y < y0) { y0 = y; } if (y > y1) { y1 = y; }
    }
    if (!any) { x0 = 0; y0 = 0; x1 = 1; y1 = 1; }
    if (S.view === "grid" && !onlyEgo) { x0 = GRID.x0; y0 = GRID.y0; x1 = GRID.x1; y1 = GRID.y1 + 3; }
    var w = Math.max(x1 - x0, 1), h = Math.max(y1 - y0, 1), m = 60;
    T.scale = Math.min((W - 2 * m) / w, (H - 2 * m) / h, 60);
    T.tx = W / 2 - (x0 + x1) / 2 * T.scale;
    T.ty = H / 2 - (y0 + y1) / 2 * T.scale;
  }
  function sx(v) { return posX(v) * T.scale + T.tx; }
  function sy(v) { return posY(v) * T.scale + T.ty; }
  function rad(v) { return Math.max(S.view === "grid" ? 4.5 : 1.5, Math.min(18, radius[v] * T.scale)); }
  function polygon(x, y, r, sides, turn) {
    ctx.beginPath();
    for (var i = 0; i < sides; i++) {
      var a = turn + i * 2 * Math.PI / sides;
      if (i === 0) { ctx.moveTo(x + r * Math.cos(a), y + r * Math.sin(a)); } else { ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a)); }
    }
    ctx.closePath();
  }
  function shape(v, x, y, r) {
    if (!isActor(v)) { ctx.beginPath(); ctx.rect(x - r, y - r, 2 * r, 2 * r); return; }
    var s = D.sectors[item(v).s].name;
    if (PRINT && s === "industry") { polygon(x, y, r * 1.1, 6, 0); return; }
    if (PRINT && s === "civil") { polygon(x, y, r * 1.1, 8, Math.PI / 8); return; }
    ctx.beginPath(); ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
  var drawn = 0;
  function drawGrid() {
    var cells = GRID.cells;
    ctx.strokeStyle = "#8a93a0"; ctx.lineWidth = 1; ctx.setLineDash([]);
    ctx.fillStyle = "#5b6472"; ctx.font = "13px Helvetica, Arial, sans-serif";
    ctx.textAlign = "center";
    GRID.quadrants.forEach(function (q) {
      var x0 = q.x0 * T.scale + T.tx, y0 = q.y0 * T.scale + T.ty;
      var x1 = q.x1 * T.scale + T.tx, y1 = q.y1 * T.scale + T.ty;
      ctx.strokeRect(x0, y0, x1 - x0, y1 - y0);
      ctx.fillText(q.label, (x0 + x1) / 2, y0 + 16);
    });
    ctx.fillText(GRID.xLabel, (GRID.x0 + GRID.x1) / 2 * T.scale + T.tx, GRID.y1 * T.scale + T.ty + 22);
    ctx.save();
    ctx.translate(GRID.x0 * T.scale + T.tx - 16, (GRID.y0 + GRID.y1) / 2 * T.scale + T.ty);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText(GRID.yLabel, 0, 0);
    ctx.restore();
    ctx.textAlign = "start";
    return cells;
  }
  function draw() {
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, W, H);
    if (S.view === "grid") { drawGrid(); }
    var i, a, b, v;
    // Edges, batched by colour.
    ctx.lineWidth = 1; ctx.setLineDash([]);
    if (S.view === "two") {
      for (var s = 0; s < D.sectors.length; s++) {
        ctx.beginPath();
        for (i = 0; i < D.links.length; i += 4) {
          a = D.links[i]; b = D.links[i + 1] + nA;
          if (visible[a] && visible[b] && D.actors[a].s === s) { ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b)); }
        }
        ctx.strokeStyle = PRINT ? "rgba(0,0,0,0.35)" : D.sectors[s].line;
        ctx.globalAlpha = PRINT ? 1 : 0.45;
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
      ctx.beginPath();
      for (i = 0; i < D.ties.length; i += 2) {
        a = D.ties[i]; b = D.ties[i + 1];
        if (visible[a] && visible[b]) { ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b)); }
      }
      ctx.setLineDash([4, 3]); ctx.strokeStyle = "#555555"; ctx.stroke(); ctx.setLineDash([]);
    } else if (S.view === "actors") {
      ctx.beginPath();
      for (i = 0; i < D.projection.length; i += 3) {
        a = D.projection[i]; b = D.projection[i + 1];
        if (visible[a] && visible[b]) { ctx.moveTo(sx(a), sy(a)); ctx.lineTo(sx(b), sy(b)); }
      }
      ctx.strokeStyle = "#7a8494"; ctx.globalAlpha = 0.35; ctx.stroke(); ctx.globalAlpha = 1;
    }
    // Nodes.
    drawn = 0;
    var labels = [];
    for (v = 0; v < N; v++) {
      if (!visible[v]) { continue; }
      var x = sx(v), y = sy(v), r = rad(v), it = item(v);
      if (x < -20 || y < -20 || x > W + 20 || y > H + 20) { continue; }
      drawn++;
      shape(v, x, y, r);
      ctx.fillStyle = isActor(v) ? D.sectors[it.s].fill : "#ffffff";
      ctx.fill();
      var flagged = it.f & (FLAG.noAcademia | FLAG.cut);
      ctx.lineWidth = it.f & FLAG.cut ? 3 : 1;
      ctx.strokeStyle = !isActor(v) && (it.f & FLAG.noAcademia) ? D.finding : (isActor(v) && !PRINT ? D.sectors[it.s].line : "#333333");
      if (!isActor(v) && flagged) { ctx.setLineDash([3, 2]); }
      ctx.stroke(); ctx.setLineDash([]);
      if (isActor(v) && PRINT && D.sectors[it.s].name === "academia") {
        ctx.beginPath(); ctx.arc(x, y, r + 2.5, 0, 2 * Math.PI); ctx.lineWidth = 1; ctx.stroke();
      }
      if (it.f & FLAG.candidate) {
        ctx.beginPath(); ctx.arc(x, y, r + 4, 0, 2 * Math.PI); ctx.setLineDash([2, 2]);
        ctx.strokeStyle = D.finding; ctx.lineWidth = 1.5; ctx.stroke(); ctx.setLineDash([]);
      }
      if (v === S.focus) {
        ctx.beginPath(); ctx.arc(x, y, r + 7, 0, 2 * Math.PI);
        ctx.strokeStyle = "#1d2330"; ctx.lineWidth = 2.5; ctx.stroke();
      }
      if (S.focus >= 0 && inEgo[v] >= 0 || v === S.focus || T.scale > 40 || (counts.actors + counts.projects <= 120 && S.view !== "grid")) { labels.push(v); }
    }
    ctx.font = "12px Helvetica, Arial, sans-serif";
    ctx.fillStyle = "#1d2330";
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.85)";
    labels.slice(0, 400).forEach(function (v) {
      var it = item(v), text = (it.f & FLAG.broker ? "\u2605 " : "") + it.name;
      if (text.length > 40) { text = text.slice(0, 39) + "\u2026"; }
      var x = sx(v) + rad(v) + 3, y = sy(v) + 4;
      ctx.strokeText(text, x, y); ctx.fillText(text, x, y);
    });
    status.textContent = counts.actors + " actors and " + counts.projects + " projects shown" +
      (S.focus >= 0 ? " around " + item(S.focus).name + " (" + S.depth + (S.depth === 1 ? " step)" : " steps)") : "");
    body.setAttribute("data-visible-actors", String(counts.actors));
    body.setAttribute("data-visible-projects", String(counts.projects));
    body.setAttribute("data-visible", String(counts.actors + counts.projects));
    body.setAttribute("data-drawn", String(drawn));
    body.setAttribute("data-view", S.view);
    body.setAttribute("data-focus", S.focus >= 0 ? key(S.focus) : "");
  }
  var pending = false;
  function redraw() {
    if (pending) { return; }
    pending = true;
    window.requestAnimationFrame(function () { pending = false; draw(); });
  }

  // ---- side panel ----
  function section(title) {
    var s = el("section"); s.appendChild(el("h3", title)); panel.appendChild(s); return s;
  }
  function nodeButton(v, text) {
    var b = el("button", text, "node");
    b.type = "button";
    b.setAttribute("data-key", key(v));
    b.addEventListener("click", function () { setFocus(v, true); });
    return b;
  }
  function facts(dl, k, v) {
    dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v));
  }
  function fmt(x) {
    if (x === null || x === undefined) { return "\u2013"; }
    if (Math.abs(x - Math.round(x)) < 1e-12) { return String(Math.round(x)); }
    return Number(x).toPrecision(4);
  }
  function roleNames(bits) {
    return D.roles.filter(function (r, i) { return bits & (1 << i); }).join(", ");
  }
  function legend() {
    var s = section("Legend");
    var ul = el("ul", null, "legend");
    D.sectors.forEach(function (sec) {
      var li = el("li"), sw = el("span", null, "swatch");
      sw.style.background = sec.fill; sw.style.borderColor = PRINT ? "#333333" : sec.line;
      li.appendChild(sw); li.appendChild(document.createTextNode(" " + sec.name));
      ul.appendChild(li);
    });
    [["square", "project"], ["square finding", "project without academia (dashed)"],
     ["ring", "cut point (thick outline)"], ["star", "\u2605 broker"], ["ring candidate", "proposed candidate (dotted ring)"]]
      .forEach(function (p) {
        var li = el("li"); li.appendChild(el("span", null, "swatch " + p[0]));
        if (p[0].indexOf("finding") >= 0 || p[0].indexOf("candidate") >= 0) { li.lastChild.style.borderColor = D.finding; }
        li.appendChild(document.createTextNode(" " + p[1])); ul.appendChild(li);
      });
    s.appendChild(ul);
  }
  function overview() {
    panel.textContent = "";
    panel.appendChild(el("h2", D.title));
    panel.appendChild(el("p", nA + " actors, " + nP + " projects. Click a node, or search a name, to see its neighbourhood; the address of this page keeps the view, so it can be sent as a link.", "muted"));
    var general = D.findings.filter(function (f) { return f.n < 0; });
    if (general.length) {
      var s = section("Findings");
      var ul = el("ul");
      general.forEach(function (f) { ul.appendChild(el("li", f.message)); });
      s.appendChild(ul);
    }
    if (GRID && GRID.summary) {
      var g = section("Power and interest");
      GRID.summary.forEach(function (line) { g.appendChild(el("p", line)); });
    }
    if (COMM) {
      var cs = section("Communities");
      cs.appendChild(el("p", COMM.list.length + (COMM.list.length === 1 ? " community" : " communities") +
        " found by the analysis (Leiden, " + (COMM.null === "barber" ? "Barber's bipartite" : "Newman's") +
        " modularity " + fmt(COMM.modularity) + "); the Community filter shows one of them.", "muted"));
    }
    legend();
    var k = section("Keyboard");
    k.appendChild(el("p", "On the map: arrows pan, + and \u2212 zoom, 0 fits, n and p step through the nodes shown, Escape leaves the focus.", "muted"));
  }
  function details(v) {
    panel.textContent = "";
    var it = item(v);
    panel.appendChild(el("h2", it.name));
    var what = isActor(v)
      ? "Actor \u00b7 " + D.sectors[it.s].name + (D.kinds[it.k] ? " \u00b7 " + D.kinds[it.k] : "")
      : "Project \u00b7 " + it.d.map(function (d) { return D.dimensions[d]; }).join(", ") + (it.year !== undefined ? " \u00b7 " + it.year : "");
    panel.appendChild(el("p", what, "muted"));
    var back = el("button", "Back to the overview", "link"); back.type = "button";
    back.addEventListener("click", function () { setFocus(-1, false); });
    panel.appendChild(back);
    var a = section("Attributes"), dl = el("dl");
    facts(dl, "id", it.id);
    if (COMM && it.c !== undefined) {
      var cm = COMM.list[it.c - 1];
      facts(dl, "community", it.c + " of " + COMM.list.length + " (" + cm.actors + " actors, " + cm.projects + " projects)");
    }
    if (it.a) { Object.keys(it.a).forEach(function (k) { facts(dl, k, it.a[k]); }); }
    if (it.source) { facts(dl, "source", it.source); }
    if (it.assumption) { facts(dl, "assumption", it.assumption); }
    a.appendChild(dl);
    if (COMM && it.c !== undefined && S.community !== String(it.c)) {
      var only = el("button", "Show only community " + it.c, "link"); only.type = "button";
      only.id = "b-community";
      only.addEventListener("click", function () { S.community = String(it.c); update(false); });
      a.appendChild(only);
    }
    if (isActor(v) && GRID && GRID.actors[v]) {
      var st = GRID.actors[v], sg = section("Stakeholder"), sd = el("dl");
      Object.keys(st).forEach(function (k) { facts(sd, k, st[k]); });
      sg.appendChild(sd);
    }
    var m = section("Metrics"), md = el("dl");
    if (isActor(v)) {
      D.metrics.forEach(function (name, i) { facts(md, name + " (actor projection)", fmt(it.m[i])); });
    }
    facts(md, "betweenness (actors and projects)", fmt(it.b));
    facts(md, isActor(v) ? "projects" : "actors", String(linkAdj.start[v + 1] - linkAdj.start[v]));
    m.appendChild(md);
    var r = section(isActor(v) ? "Projects and roles" : "Actors and roles"), ul = el("ul");
    for (var i = 0; i < D.links.length; i += 4) {
      var av = D.links[i], pv = D.links[i + 1] + nA;
      if (av !== v && pv !== v) { continue; }
      var other = av === v ? pv : av, li = el("li");
      li.appendChild(nodeButton(other, item(other).name + (isActor(other) ? " (" + D.sectors[item(other).s].name + ")" : "")));
      li.appendChild(document.createTextNode(" " + roleNames(D.links[i + 2]) + ", weight " + fmt(D.links[i + 3])));
      ul.appendChild(li);
    }
    r.appendChild(ul);
    if (isActor(v)) {
      var tl = el("ul");
      for (var t = 0; t < D.ties.length; t += 2) {
        if (D.ties[t] === v || D.ties[t + 1] === v) {
          var o = D.ties[t] === v ? D.ties[t + 1] : D.ties[t], tli = el("li");
          tli.appendChild(nodeButton(o, item(o).name)); tl.appendChild(tli);
        }
      }
      if (tl.childNodes.length) { section("Direct ties").appendChild(tl); }
    }
    var fs = D.findings.filter(function (f) { return f.n === v; });
    var recs = D.recommend.filter(function (rec) {
      return isActor(v) ? rec.c.some(function (c) { return c[0] === v; }) : rec.p + nA === v;
    });
    if (fs.length || recs.length || it.f) {
      var f = section("Findings"), fl = el("ul");
      if (it.f & FLAG.noAcademia) { fl.appendChild(el("li", "No academic actor takes part in this project.")); }
      if (it.f & FLAG.cut) { fl.appendChild(el("li", "A cut point: without it, some projects lose their link to the rest.")); }
      if (it.f & FLAG.broker) { fl.appendChild(el("li", "One of the top structural brokers.")); }
      fs.forEach(function (x) { fl.appendChild(el("li", x.message)); });
      recs.forEach(function (rec) {
        rec.c.forEach(function (c) {
          if (isActor(v) && c[0] !== v) { return; }
          var li = el("li");
          li.appendChild(document.createTextNode(isActor(v) ? "Proposed to bring " + D.sectors[rec.sector].name + " into " : "Candidate (" + D.sectors[rec.sector].name + "): "));
          li.appendChild(nodeButton(isActor(v) ? rec.p + nA : c[0], item(isActor(v) ? rec.p + nA : c[0]).name));
          var why = c[2].map(function (z) { return item(z).name; });
          li.appendChild(document.createTextNode(why.length
            ? ": it already works with " + why.join(", ") + " (score " + fmt(c[1]) + ")."
            : " (score " + fmt(c[1]) + ")."));
          fl.appendChild(li);
        });
      });
      f.appendChild(fl);
    }
  }

  // ---- search ----
  function search() {
    var q = cQ.value.trim().toLowerCase();
    results.textContent = "";
    if (!q) { results.hidden = true; return; }
    var found = 0;
    for (var v = 0; v < N && found < 30; v++) {
      var it = item(v);
      if (it.name.toLowerCase().indexOf(q) >= 0 || it.id.toLowerCase().indexOf(q) >= 0) {
        var li = el("li");
        li.appendChild(nodeButton(v, it.name + (isActor(v) ? " \u00b7 " + D.sectors[it.s].name : " \u00b7 project")));
        results.appendChild(li);
        found++;
      }
    }
    if (!found) { results.appendChild(el("li", "No actor or project matches.")); }
    results.hidden = false;
    body.setAttribute("data-results", String(found));
  }
  cQ.addEventListener("input", search);
  cQ.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var first = results.querySelector("button.node");
      if (first) { first.click(); }
      ev.preventDefault();
    }
  });

  // ---- focus and update ----
  function setFocus(v, zoom) {
    S.focus = v;
    results.hidden = true;
    if (v >= 0 && S.view === "grid" && !isActor(v)) { S.view = "two"; }
    update(zoom);
  }
  function update(refit) {
    computeVisible();
    syncControls();
    writeHash();
    if (refit) { fit(S.focus >= 0); }
    if (S.focus >= 0) { details(S.focus); } else { overview(); }
    redraw();
  }

  // ---- pan, zoom, click, keys ----
  var drag = null;
  canvas.addEventListener("pointerdown", function (ev) {
    drag = { x: ev.clientX, y: ev.clientY, tx: T.tx, ty: T.ty, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; }
    T.tx = drag.tx + dx; T.ty = drag.ty + dy; redraw();
  });
  function hit(px, py) {
    var best = -1, bd = Infinity;
    for (var v = 0; v < N; v++) {
      if (!visible[v]) { continue; }
      var dx = sx(v) - px, dy = sy(v) - py, d = dx * dx + dy * dy, r = Math.max(rad(v), 6) + 2;
      if (d <= r * r && d < bd) { bd = d; best = v; }
    }
    return best;
  }
  canvas.addEventListener("pointerup", function (ev) {
    if (drag && !drag.moved) {
      var r = canvas.getBoundingClientRect();
      var v = hit(ev.clientX - r.left, ev.clientY - r.top);
      if (v >= 0) { setFocus(v, true); }
    }
    drag = null;
  });
  function zoom(factor, cx, cy) {
    T.tx = cx - (cx - T.tx) * factor; T.ty = cy - (cy - T.ty) * factor; T.scale *= factor; redraw();
  }
  canvas.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = canvas.getBoundingClientRect();
    zoom(ev.deltaY < 0 ? 1.2 : 1 / 1.2, ev.clientX - r.left, ev.clientY - r.top);
  }, { passive: false });
  function step(dir) {
    var v = S.focus;
    for (var i = 0; i < N; i++) {
      v = (v + dir + N) % N;
      if (visible[v] && v !== S.focus) { setFocus(v, false); return; }
    }
  }
  canvas.addEventListener("keydown", function (ev) {
    var k = ev.key, used = true;
    if (k === "ArrowLeft") { T.tx += 60; redraw(); } else if (k === "ArrowRight") { T.tx -= 60; redraw(); }
    else if (k === "ArrowUp") { T.ty += 60; redraw(); } else if (k === "ArrowDown") { T.ty -= 60; redraw(); }
    else if (k === "+" || k === "=") { zoom(1.25, W / 2, H / 2); } else if (k === "-") { zoom(0.8, W / 2, H / 2); }
    else if (k === "0") { fit(false); redraw(); } else if (k === "Escape") { setFocus(-1, true); }
    else if (k === "n") { step(1); } else if (k === "p") { step(-1); }
    else { used = false; }
    if (used) { ev.preventDefault(); }
  });
  $("b-fit").addEventListener("click", function () { fit(false); redraw(); });
  $("b-clear").addEventListener("click", function () { setFocus(-1, true); });
  $("b-link").addEventListener("click", function () {
    var done = function () { status.textContent = "The link of this view is in the address bar: " + window.location.href; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(window.location.href).then(function () { status.textContent = "Link copied."; }, done);
    } else { done(); }
  });
  window.addEventListener("hashchange", function () {
    var now = window.location.hash.replace(/^#/, "");
    if (now === body.getAttribute("data-hash") || EMBED && !isMapHash(now)) { return; }
    readHash(); update(true);
  });
  window.addEventListener("resize", function () { resize(); redraw(); });

  // For tests and scripts: where a node is on screen (CSS pixels in the page), or null.
  window.helixMap = {
    screenOf: function (k) {
      var v = byKey[k];
      if (v === undefined || !visible[v]) { return null; }
      var r = canvas.getBoundingClientRect();
      return [r.left + sx(v), r.top + sy(v)];
    }
  };

  try {
    readHash();
    resize();
    computeVisible();
    fit(S.focus >= 0);
    update(false);
    draw();
    body.setAttribute("data-first-paint", String(Math.round(window.performance.now())));
    body.setAttribute("data-ok", "1");
  } catch (e) {
    fail("exception: " + (e && e.message ? e.message : String(e)));
  }
})();
