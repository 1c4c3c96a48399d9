// The dyad dashboard: three views over the JSON API (see /api/openapi.json).
// Plain DOM code, no build step; charts by uPlot (window.uPlot).
"use strict";
(() => {
  const $ = (sel, root = document) => root.querySelector(sel);

  /** Builds an element: h("td", {class: "num"}, "4.0", child, …). */
  function h(tag, attrs = {}, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null || v === false) continue;
      if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const k of kids.flat(Infinity)) {
      if (k != null && k !== false) e.append(k instanceof Node ? k : String(k));
    }
    return e;
  }

  /** Calls the API; throws an Error carrying the server's message. */
  async function api(path, opts) {
    let r;
    try {
      r = await fetch(path, opts);
    } catch (e) {
      throw new Error("cannot reach the server (" + e.message + ")");
    }
    let body = null;
    try {
      body = await r.json();
    } catch {
      // not JSON: reported below by status
    }
    if (!r.ok) throw new Error((body && body.error) || "HTTP " + r.status);
    return body;
  }

  function setStatus(el, msg, kind) {
    el.textContent = msg || "";
    el.className = "status" + (kind ? " " + kind : "");
  }

  const QUADS = ["", "Verbal coop.", "Material coop.", "Verbal conflict", "Material conflict"];
  const QUAD_TITLES = ["", "Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"];
  const signed = (x, d = 1) => (x == null || Number.isNaN(x) ? "–" : (x > 0 ? "+" : "") + x.toFixed(d));
  const pad2 = (n) => String(n).padStart(2, "0");
  const isoDate = (d) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const enc = new TextEncoder();
  const dec = new TextDecoder();

  function quadChip(q) {
    return h("span", { class: "quad q" + q, title: QUAD_TITLES[q] }, QUADS[q] || "–");
  }

  function actorCodes(e) {
    return [h("code", {}, e.source.code), " → ", e.target ? h("code", {}, e.target.code) : h("span", { class: "muted" }, "no target")];
  }

  function cameoCell(e) {
    const tags = [];
    if (e.polarity && e.polarity !== "affirmed") tags.push(e.polarity);
    if (e.modality && e.modality !== "asserted") tags.push(e.modality);
    if (e.attributed_to) tags.push("attributed");
    return h("td", {}, h("code", {}, e.cameo), " ", e.cameo_name,
      tags.map((t) => [" ", h("span", { class: "tag" }, t)]));
  }

  /** A sentence with its trigger in a mark; spans are UTF-8 byte offsets into the document. */
  function evidenceSentence(e) {
    const ev = e.evidence || {};
    const s = ev.sentence_text || "";
    const b = enc.encode(s);
    let at = null;
    if (ev.sentence_span && ev.trigger_span) {
      const a = ev.trigger_span[0] - ev.sentence_span[0];
      const z = ev.trigger_span[1] - ev.sentence_span[0];
      if (a >= 0 && z <= b.length && dec.decode(b.subarray(a, z)) === ev.trigger) {
        at = [dec.decode(b.subarray(0, a)), dec.decode(b.subarray(z))];
      }
    }
    if (!at && ev.trigger && s.includes(ev.trigger)) {
      const i = s.indexOf(ev.trigger);
      at = [s.slice(0, i), s.slice(i + ev.trigger.length)];
    }
    if (!at) return h("q", { class: "sentence" }, s);
    return h("q", { class: "sentence" }, at[0], h("mark", { class: "trg", title: "event trigger" }, ev.trigger), at[1]);
  }

  function docLink(e) {
    const title = e.title || e.doc_id || "document";
    const safe = typeof e.url === "string" && /^https?:\/\//i.test(e.url);
    return h("td", { class: "doc-cell" },
      safe ? h("a", { href: e.url, rel: "noopener noreferrer", target: "_blank" }, title) : title,
      e.publisher ? h("div", { class: "sub" }, e.publisher) : null);
  }

  // ---------------------------------------------------------------- health

  let health = { store: false };
  const ready = api("/api/health").then(
    (j) => {
      health = j;
      const parts = ["dyad " + j.version, "KB " + j.kb_version, j.store ? "event store" : "no event store"];
      $("#server").textContent = parts.join(" · ");
    },
    (e) => {
      $("#server").textContent = "server unreachable";
      $("#server").title = e.message;
    },
  );

  // ---------------------------------------------------------------- routing

  const VIEWS = ["code", "dyad", "escalation"];
  const TITLES = { code: "Code an article", dyad: "Dyad trend", escalation: "Escalation" };
  const shown = {};
  let current = null;

  function route(focus) {
    let v = location.hash.slice(1);
    if (!VIEWS.includes(v)) {
      if (current) return; // another in-page anchor, such as #main
      v = "code";
    }
    current = v;
    for (const name of VIEWS) {
      $("#view-" + name).hidden = name !== v;
      const a = $(`nav a[data-view="${name}"]`);
      if (name === v) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
    document.title = TITLES[v] + " · dyad";
    if (focus) $("#h-" + v).focus();
    if (v === "dyad") {
      if (!shown.dyad) ready.then(loadTrend);
      else resizeCharts();
    }
    if (v === "escalation" && !shown.escalation) ready.then(loadEscalation);
    shown[v] = true;
  }

  // ---------------------------------------------------------------- code view

  const ROLES = ["sent", "src", "tgt", "trg", "loc"];
  const ROLE_NAMES = { src: "source actor", tgt: "target actor", trg: "trigger", loc: "location" };
  const reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  let code = null; // {events, index: [{role: [elements]}], rows, active}

  /** Renders `text` with every span of every event; returns, per event and role, its elements. */
  function renderDoc(text, events, root) {
    const bytes = enc.encode(text);
    const n = bytes.length;
    const clamp = (x) => Math.max(0, Math.min(n, x | 0));
    const spans = [];
    events.forEach((e, ev) => {
      const add = (sp, role) => {
        if (Array.isArray(sp) && sp.length === 2 && clamp(sp[1]) > clamp(sp[0])) {
          spans.push({ s: clamp(sp[0]), e: clamp(sp[1]), role, ev });
        }
      };
      add(e.evidence && e.evidence.sentence_span, "sent");
      add(e.source && e.source.span, "src");
      add(e.target && e.target.span, "tgt");
      add(e.evidence && e.evidence.trigger_span, "trg");
      add(e.location && e.location.span, "loc");
    });
    // Every span start and end is a boundary; each segment between two
    // boundaries is wrapped with the classes of all spans covering it.
    const bounds = [...new Set([0, n, ...spans.flatMap((s) => [s.s, s.e])])].sort((a, b) => a - b);
    spans.sort((a, b) => a.s - b.s);
    const index = events.map(() => Object.fromEntries(ROLES.map((r) => [r, []])));
    const out = [];
    let active = [];
    let next = 0;
    for (let k = 0; k + 1 < bounds.length; k++) {
      const [from, to] = [bounds[k], bounds[k + 1]];
      active = active.filter((s) => s.e > from);
      while (next < spans.length && spans[next].s <= from) active.push(spans[next++]);
      const str = dec.decode(bytes.subarray(from, to));
      if (!active.length) {
        out.push(document.createTextNode(str));
        continue;
      }
      const roles = new Set(active.map((s) => s.role));
      const marked = [...roles].some((r) => r !== "sent");
      const el = h(marked ? "mark" : "span", { class: ROLES.filter((r) => roles.has(r)).join(" ") }, str);
      if (marked) {
        const described = [];
        const evs = new Set();
        for (const r of ["trg", "src", "tgt", "loc"]) {
          const ids = [...new Set(active.filter((s) => s.role === r).map((s) => s.ev))];
          if (ids.length) described.push(`${ROLE_NAMES[r]} of event ${ids.map((i) => i + 1).join(", ")}`);
          ids.forEach((i) => evs.add(i));
        }
        el.title = described.join("; ");
        el.dataset.events = [...evs].join(" ");
      }
      for (const s of active) index[s.ev][s.role].push(el);
      out.push(el);
    }
    root.replaceChildren(...out);
    return index;
  }

  function eventRow(e, i) {
    const loc = e.location;
    const p = e.plover;
    const tr = h("tr", { tabindex: 0, "data-ev": i, "data-source": e.source.code, "data-target": e.target ? e.target.code : "", "data-cameo": e.cameo },
      h("td", { class: "num muted" }, i + 1),
      h("td", { class: "actors" }, h("div", { class: "dyad" }, actorCodes(e)),
        h("div", { class: "sub" }, e.source.name || e.source.text, e.target ? " → " + (e.target.name || e.target.text) : "")),
      cameoCell(e),
      h("td", {}, quadChip(e.quad_class), h("div", { class: "sub num-inline" }, "Goldstein ", h("b", {}, signed(e.goldstein)))),
      h("td", {}, p ? [p.event, p.mode ? " · " + p.mode : "", p.context ? h("div", { class: "sub" }, p.context) : null] : "–"),
      h("td", {}, h("div", { class: "nowrap" }, e.date || "–"),
        loc ? h("div", { class: "sub", title: [loc.name, loc.admin1, loc.country].filter(Boolean).join(", ") }, loc.name, loc.country ? ` (${loc.country})` : "") : null),
      h("td", { class: "num" }, e.confidence == null ? "–" : e.confidence.toFixed(2)),
    );
    tr.cells[2].append(h("div", { class: "sub" }, "“" + (e.evidence && e.evidence.trigger) + "”"));
    tr.addEventListener("mouseenter", () => activate(i, true));
    tr.addEventListener("focus", () => activate(i, true));
    tr.addEventListener("keydown", (ev) => {
      const to = ev.key === "ArrowDown" ? tr.nextElementSibling : ev.key === "ArrowUp" ? tr.previousElementSibling : null;
      if (to) {
        ev.preventDefault();
        to.focus();
      }
    });
    return tr;
  }

  /** Highlights event `i`'s sentence, trigger and actors, and scrolls the text to it. */
  function activate(i, scroll) {
    if (!code || code.active === i) return;
    const doc = $("#code-doc");
    if (code.active != null) {
      for (const el of doc.querySelectorAll(".active")) {
        el.classList.remove("active", ...ROLES.map((r) => "on-" + r));
        el.removeAttribute("aria-current");
      }
      code.rows[code.active].classList.remove("active");
      code.rows[code.active].removeAttribute("aria-current");
    }
    code.active = i;
    code.rows[i].classList.add("active");
    code.rows[i].setAttribute("aria-current", "true");
    doc.classList.add("has-active");
    const idx = code.index[i];
    for (const r of ROLES) {
      for (const el of idx[r]) {
        el.classList.add("active", "on-" + r);
        if (r !== "sent") el.setAttribute("aria-current", "true");
      }
    }
    const first = idx.trg[0] || idx.sent[0];
    if (scroll && first) {
      // Scroll the text panel only, never the page.
      const top = first.offsetTop;
      if (top < doc.scrollTop + 16 || top > doc.scrollTop + doc.clientHeight - 48) {
        doc.scrollTo({ top: Math.max(0, top - doc.clientHeight / 3), behavior: reduceMotion ? "auto" : "smooth" });
      }
    }
  }

  function renderCode(text, j) {
    const events = j.events || [];
    const doc = $("#code-doc");
    doc.classList.remove("has-active");
    const index = renderDoc(text, events, doc);
    const rows = events.map(eventRow);
    $("#code-table tbody").replaceChildren(...rows);
    if (!rows.length) {
      $("#code-table tbody").append(h("tr", {}, h("td", { colspan: 7, class: "empty" }, "No events were coded in this text.")));
    }
    code = { events, index, rows, active: null };
    $("#code-results").hidden = false;
  }

  $("#code-doc").addEventListener("click", (ev) => {
    const m = ev.target.closest("mark[data-events]");
    if (!m || !code) return;
    const i = Number(m.dataset.events.split(" ")[0]);
    activate(i, false);
    code.rows[i].scrollIntoView({ block: "nearest", behavior: reduceMotion ? "auto" : "smooth" });
  });

  $("#code-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = $("#code-text").value;
    const status = $("#code-status");
    if (!text.trim()) return setStatus(status, "Paste or open an article first.", "error");
    const body = { text };
    if ($("#code-date").value) body.date = $("#code-date").value;
    const button = ev.submitter || $("#code-form button");
    button.disabled = true;
    setStatus(status, "Coding…", "busy");
    try {
      const j = await api("/api/code", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      renderCode(text, j);
      const n = j.events.length;
      setStatus(status, `${n} event${n === 1 ? "" : "s"} in ${j.sentences} sentence${j.sentences === 1 ? "" : "s"}.`);
    } catch (e) {
      setStatus(status, "Could not code the text: " + e.message, "error");
    } finally {
      button.disabled = false;
    }
  });

  /** The text of an HTML page: blocks become lines, scripts and chrome dropped. */
  function htmlText(html) {
    const page = new DOMParser().parseFromString(html, "text/html");
    const meta = page.querySelector('meta[property="article:published_time"], meta[itemprop="datePublished"], meta[name="date"]');
    const date = meta && /^\d{4}-\d{2}-\d{2}/.test(meta.content) ? meta.content.slice(0, 10) : null;
    page.querySelectorAll("script, style, noscript, template, nav, header, footer, aside, form, iframe").forEach((n) => n.remove());
    const root = page.querySelector("article") || page.body;
    const block = /^(P|DIV|H[1-6]|LI|BR|TR|SECTION|ARTICLE|BLOCKQUOTE|PRE|TABLE|FIGCAPTION|MAIN)$/;
    const out = [];
    (function walk(node) {
      for (const c of node.childNodes) {
        if (c.nodeType === Node.TEXT_NODE) out.push(c.data.replace(/\s+/g, " "));
        else if (c.nodeType === Node.ELEMENT_NODE) {
          const b = block.test(c.tagName);
          if (b) out.push("\n");
          walk(c);
          if (b) out.push("\n");
        }
      }
    })(root || page);
    const text = out.join("").split("\n").map((s) => s.trim()).filter(Boolean).join("\n");
    return { text, date };
  }

  $("#code-file").addEventListener("change", async (ev) => {
    const f = ev.target.files[0];
    if (!f) return;
    const status = $("#code-status");
    try {
      let text = await f.text();
      if (/\.html?$/i.test(f.name) || f.type === "text/html") {
        const page = htmlText(text);
        text = page.text;
        if (page.date) $("#code-date").value = page.date;
      }
      $("#code-text").value = text.trim();
      setStatus(status, `Read ${f.name}. Press “Code events” to code it.`);
    } catch (e) {
      setStatus(status, `Could not read ${f.name}: ${e.message}`, "error");
    }
  });

  // ---------------------------------------------------------------- dyad view

  let trend = null; // {a, b, by, from, to, rows}
  let charts = [];
  let eventsRequest = 0;

  const QUAD_SERIES = [
    // Drawn in this order: each bar covers the ones below it in the stack.
    { key: "material_conflict", label: "Material conflict", color: "#c92a2a" },
    { key: "verbal_conflict", label: "Verbal conflict", color: "#f59f00" },
    { key: "material_coop", label: "Material coop.", color: "#1971c2" },
    { key: "verbal_coop", label: "Verbal coop.", color: "#74c0fc" },
  ];

  /** First and last day (YYYY-MM-DD) of the period labelled `label`. */
  function periodRange(label, by) {
    if (by === "month") {
      const [y, m] = label.split("-").map(Number);
      return [`${label}-01`, `${label}-${pad2(new Date(Date.UTC(y, m, 0)).getUTCDate())}`];
    }
    if (by === "week") {
      const d = new Date(label + "T00:00:00Z");
      d.setUTCDate(d.getUTCDate() + 6);
      return [label, isoDate(d)];
    }
    return [label, label];
  }

  function periodName(label, by) {
    if (by === "week") return "week of " + label;
    if (by === "month") {
      const [y, m] = label.split("-").map(Number);
      return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en", { month: "long", year: "numeric", timeZone: "UTC" });
    }
    return label;
  }

  /** Seconds since the epoch of a period label's first day, local midnight (as uPlot shows it). */
  function labelTime(label) {
    const [y, m, d] = label.split("-").map(Number);
    return new Date(y, m - 1, d || 1).getTime() / 1000;
  }

  function chartWidth(el) {
    return Math.max(280, Math.floor(el.clientWidth));
  }

  function resizeCharts() {
    for (const c of charts) {
      const w = chartWidth(c.root.parentElement);
      if (w !== c.width) c.setSize({ width: w, height: c.height });
    }
  }

  function drawCharts(rows, by) {
    for (const c of charts) c.destroy();
    charts = [];
    const xs = rows.map((r) => labelTime(r.period));
    const step = xs.length > 1 ? (xs[xs.length - 1] - xs[0]) / (xs.length - 1) : { day: 86400, week: 604800, month: 2629800 }[by];
    const xRange = () => [xs[0] - step / 2, xs[xs.length - 1] + step / 2];
    const hint = $("#dyad-hint");
    const base = {
      height: 250,
      cursor: {
        sync: { key: "dyad" },
        drag: { x: false, y: false, setScale: false },
        y: false,
      },
      scales: { x: { time: true, range: xRange } },
      hooks: {
        setCursor: [(u) => {
          const i = u.cursor.idx;
          if (i == null) return;
          const r = rows[i];
          hint.textContent = `${periodName(r.period, by)}: ${r.total} event${r.total === 1 ? "" : "s"}` +
            (r.goldstein_mean == null ? "" : `, mean Goldstein ${signed(r.goldstein_mean, 2)}`) + ". Click to list them.";
        }],
        ready: [(u) => {
          u.over.addEventListener("click", () => {
            if (u.cursor.idx != null) showPeriod(u.cursor.idx);
          });
        }],
      },
    };
    const axisFont = { font: "12px system-ui, sans-serif", stroke: "#4a5563" };
    const grid = { stroke: "#e5e8ec", width: 1 };
    const xAxis = { ...axisFont, grid, ticks: { show: false } };

    const g = $("#chart-goldstein");
    charts.push(new uPlot({
      ...base,
      width: chartWidth(g),
      scales: { ...base.scales, y: { range: [-10, 10] } },
      axes: [xAxis, { ...axisFont, grid, ticks: { show: false }, splits: () => [-10, -5, 0, 5, 10], values: (u, vs) => vs.map((v) => signed(v, 0)) }],
      series: [
        { label: "Period", value: (u, v, si, i) => (i == null ? "–" : periodName(rows[i].period, by)) },
        {
          label: "Mean Goldstein",
          stroke: "#3b5bdb",
          width: 2,
          spanGaps: true, // the points are the periods with events
          points: { show: true, size: 7, fill: "#3b5bdb" },
          value: (u, v) => signed(v, 2),
        },
      ],
    }, [xs, rows.map((r) => r.goldstein_mean)], g));

    const q = $("#chart-quads");
    const cum = [0, 0, 0, 0].map(() => []);
    for (const r of rows) {
      let s = 0;
      [r.verbal_coop, r.material_coop, r.verbal_conflict, r.material_conflict].forEach((v, k) => {
        s += v;
        cum[k].push(s);
      });
    }
    // Series in drawing order; cum[3] is material conflict on top.
    const stacked = [cum[3], cum[2], cum[1], cum[0]];
    const bars = uPlot.paths.bars({ size: [0.7, 56], gap: 0 });
    charts.push(new uPlot({
      ...base,
      cursor: { ...base.cursor, points: { show: false } },
      width: chartWidth(q),
      scales: { ...base.scales, y: { range: (u, mn, mx) => [0, Math.max(2, Math.ceil(mx * 1.1))] } },
      axes: [xAxis, { ...axisFont, grid, ticks: { show: false }, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] }],
      series: [
        { label: "Period", value: (u, v, si, i) => (i == null ? "–" : periodName(rows[i].period, by)) },
        ...QUAD_SERIES.map((s) => ({
          label: s.label,
          fill: s.color,
          stroke: s.color,
          width: 0,
          paths: bars,
          points: { show: false },
          value: (u, v, si, i) => (i == null ? "–" : String(rows[i][s.key])),
        })),
      ],
    }, [xs, ...stacked], q));
  }

  function renderTrendTable(rows, by) {
    $("#dyad-table tbody").replaceChildren(...rows.map((r, i) => h("tr", {},
      h("th", { scope: "row", class: "nowrap" }, periodName(r.period, by)),
      [r.verbal_coop, r.material_coop, r.verbal_conflict, r.material_conflict, r.total].map((v) => h("td", { class: "num" }, v)),
      h("td", { class: "num" }, signed(r.goldstein_mean, 2)),
      h("td", {}, h("button", { type: "button", class: "link", onclick: () => showPeriod(i) }, "List events")),
    )));
  }

  async function loadTrend() {
    const status = $("#dyad-status");
    if (!health.store) {
      $("#dyad-nostore").hidden = false;
      $("#dyad-form").querySelectorAll("input, select, button").forEach((e) => (e.disabled = true));
      setStatus(status, "");
      return;
    }
    const a = $("#dyad-a").value.trim().toUpperCase();
    const b = $("#dyad-b").value.trim().toUpperCase();
    const by = $("#dyad-by").value;
    const from = $("#dyad-from").value;
    const to = $("#dyad-to").value;
    if (!/^[A-Z0-9]+$/.test(a) || !/^[A-Z0-9]+$/.test(b)) {
      return setStatus(status, "Give two actor codes such as AZE and ARM.", "error");
    }
    if (from && to && from > to) return setStatus(status, "“From” is after “To”.", "error");
    const q = new URLSearchParams({ dyad: `${a},${b}`, by });
    if (from) q.set("from", from);
    if (to) q.set("to", to);
    setStatus(status, "Loading…", "busy");
    $("#dyad-events").hidden = true;
    try {
      const j = await api("/api/trend?" + q);
      const rows = j.rows || [];
      const total = rows.reduce((s, r) => s + r.total, 0);
      trend = { a, b, by, from, to, rows };
      if (!total) {
        for (const c of charts) c.destroy();
        charts = [];
        $("#dyad-charts").hidden = true;
        return setStatus(status, `No events between ${a} and ${b} in the store${from || to ? " for these dates" : ""}.`, "empty");
      }
      $("#dyad-charts").hidden = false;
      const span = rows.length > 1 ? `${periodName(rows[0].period, by)} to ${periodName(rows[rows.length - 1].period, by)}` : periodName(rows[0].period, by);
      setStatus(status, `${a}–${b}: ${total} event${total === 1 ? "" : "s"}, ${span} (both directions; affirmed events, deduplicated).`);
      drawCharts(rows, by);
      renderTrendTable(rows, by);
      $("#dyad-hint").textContent = "Click a period in either chart, or a row of the data table, to list its events.";
    } catch (e) {
      setStatus(status, "Could not load the trend: " + e.message, "error");
    }
  }

  async function showPeriod(i) {
    if (!trend || !trend.rows[i]) return;
    const { a, b, by, rows } = trend;
    const r = rows[i];
    let [from, to] = periodRange(r.period, by);
    if (trend.from && trend.from > from) from = trend.from;
    if (trend.to && trend.to < to) to = trend.to;
    const section = $("#dyad-events");
    const status = $("#dyad-events-status");
    const tbody = $("tbody", section);
    section.hidden = false;
    $("#h-dyad-events").textContent = `Events ${a}–${b}, ${periodName(r.period, by)}`;
    setStatus(status, "Loading…", "busy");
    tbody.replaceChildren();
    const limit = 200;
    const q = new URLSearchParams({ dyad: `${a},${b}`, from, to, limit });
    const req = ++eventsRequest;
    try {
      const j = await api("/api/events?" + q);
      if (req !== eventsRequest) return;
      const evs = j.events || [];
      if (!evs.length) setStatus(status, "No events in this period.", "empty");
      else setStatus(status, `${evs.length}${j.next_cursor ? "+" : ""} event${evs.length === 1 ? "" : "s"} (deduplicated)${j.next_cursor ? `; showing the first ${limit}` : ""}.`);
      tbody.replaceChildren(...evs.map((e) => h("tr", {},
        h("td", { class: "nowrap" }, e.date || "–"),
        h("td", { class: "actors" }, h("div", { class: "dyad" }, actorCodes(e))),
        cameoCell(e),
        h("td", { class: "num" }, signed(e.goldstein)),
        h("td", { class: "num", title: `${e.num_mentions} mention(s) in ${e.num_articles} article(s) from ${e.num_sources} source(s)` }, e.num_mentions),
        h("td", { class: "evidence" }, evidenceSentence(e)),
        docLink(e),
      )));
      section.scrollIntoView({ block: "nearest", behavior: reduceMotion ? "auto" : "smooth" });
    } catch (e) {
      if (req === eventsRequest) setStatus(status, "Could not load the events: " + e.message, "error");
    }
  }

  $("#dyad-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    loadTrend();
  });
  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => current === "dyad" && resizeCharts(), 100);
  });

  // ---------------------------------------------------------------- escalation view

  async function loadEscalation() {
    const status = $("#esc-status");
    const table = $("#esc-table");
    if (!health.store) {
      $("#esc-nostore").hidden = false;
      $("#esc-form").querySelectorAll("input, select, button").forEach((e) => (e.disabled = true));
      return;
    }
    const window_ = $("#esc-window").value;
    const q = new URLSearchParams({ window: window_, evidence: 3 });
    if ($("#esc-z").value) q.set("z", $("#esc-z").value);
    if ($("#esc-min").value) q.set("min_count", $("#esc-min").value);
    if ($("#esc-asof").value) q.set("as_of", $("#esc-asof").value);
    setStatus(status, "Loading…", "busy");
    try {
      const j = await api("/api/escalation?" + q);
      const alerts = j.alerts || [];
      if (!alerts.length) {
        table.hidden = true;
        return setStatus(status, `No alerts: no dyad's material conflict in the latest ${window_} reached z ≥ ${q.get("z")} with at least ${q.get("min_count")} events.`, "empty");
      }
      setStatus(status, `${alerts.length} alert${alerts.length === 1 ? "" : "s"}.`);
      $("tbody", table).replaceChildren(...alerts.map((al) => h("tr", {},
        h("th", { scope: "row" }, h("div", { class: "dyad" }, h("code", {}, al.dyad[0]), " – ", h("code", {}, al.dyad[1])),
          h("button", { type: "button", class: "link", onclick: () => openTrend(al.dyad, window_) }, "Show trend")),
        h("td", { class: "nowrap" }, periodName(al.period, window_)),
        h("td", { class: "num strong" }, al.count),
        h("td", { class: "baseline" }, sparkline(al.baseline, al.count)),
        h("td", { class: "num nowrap" }, `${al.mean.toFixed(2)} ± ${al.sd.toFixed(2)}`),
        h("td", { class: "num strong" }, al.z.toFixed(2)),
        h("td", {}, h("ul", { class: "evidence-list" }, al.evidence.map((e) => h("li", {},
          evidenceSentence(e),
          h("div", { class: "sub" }, e.date, " · ", h("code", {}, e.source.code), " → ", e.target ? h("code", {}, e.target.code) : "–",
            " · ", e.cameo, " ", e.cameo_name, " · ",
            /^https?:\/\//i.test(e.url || "") ? h("a", { href: e.url, rel: "noopener noreferrer", target: "_blank" }, e.title || e.url) : e.title || e.doc_id),
        )))),
      )));
      table.hidden = false;
    } catch (e) {
      table.hidden = true;
      setStatus(status, "Could not load the alerts: " + e.message, "error");
    }
  }

  /** Baseline counts and the latest count as small bars, with the numbers for screen readers and on hover. */
  function sparkline(values, latest) {
    const max = Math.max(1, latest, ...values);
    const text = `${values.join(", ")}; latest ${latest}`;
    const box = h("span", { class: "spark", title: text, "aria-hidden": "true" });
    [...values, latest].forEach((v, i) => {
      const bar = h("span", { class: i === values.length ? "latest" : null });
      bar.style.height = Math.max(1, Math.round((v / max) * 20)) + "px";
      box.append(bar);
    });
    return [box, h("span", { class: "sr-only" }, text)];
  }

  function openTrend(dyad, by) {
    $("#dyad-a").value = dyad[0];
    $("#dyad-b").value = dyad[1];
    $("#dyad-by").value = by;
    shown.dyad = true;
    location.hash = "#dyad";
    loadTrend();
  }

  $("#esc-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    loadEscalation();
  });

  window.addEventListener("hashchange", () => route(true));
  route(false);
})();
