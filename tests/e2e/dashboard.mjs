// End-to-end test of the `dyad serve` dashboard in a real browser.
//
//   DYAD_BIN=target/release/dyad node tests/e2e/dashboard.mjs
//
// Builds a small event store with `dyad ingest` (the seed article and a few
// synthetic AZE/ARM reports), serves it with `dyad serve`, drives the three
// views with Chromium through playwright-core, and writes screenshots.
// Fails on any assertion, console error, page error or failed request.
//
// Environment: DYAD_BIN (default target/release/dyad), DYAD_E2E_OUT (where
// screenshots go; default $TMPDIR/dyad-e2e-screenshots), CHROMIUM (default
// /usr/bin/chromium).

import { chromium } from "playwright-core";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = path.resolve(process.env.DYAD_BIN || path.join(repo, "target/release/dyad"));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dyad-e2e-"));
const OUT = path.resolve(process.env.DYAD_E2E_OUT || path.join(os.tmpdir(), "dyad-e2e-screenshots"));
const SEED = fs.readFileSync(path.join(repo, "examples/seed-article.txt"), "utf8");

/** Synthetic reports on other days, so the dyad chart has several points
 * and the last week's material conflict rises (an escalation alert). */
const SYNTHETIC = [
  ["2020-10-12", "Armenia accused Azerbaijan of violating the ceasefire. Azerbaijan's army attacked Armenian troops in Nagorno-Karabakh."],
  ["2020-10-15", "Armenia and Azerbaijan agreed to a humanitarian ceasefire."],
  ["2020-10-17", "Armenian artillery fired on Azerbaijani villages. Armenia threatened to retaliate against Azerbaijan."],
  ["2020-10-23", "Armenia offered humanitarian aid to Azerbaijan. Azerbaijan praised Armenia's decision to release prisoners."],
  ["2020-10-26", "Azerbaijani forces shelled Armenian positions near Stepanakert on Monday."],
  ["2020-10-28", "Azerbaijan's army attacked Armenian troops in Nagorno-Karabakh."],
  ["2020-10-30", "Azerbaijani drones struck Armenian air defence systems. Armenian artillery fired on Azerbaijani villages."],
];

const LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];

const log = (msg) => console.log("e2e: " + msg);

class Failure extends Error {}
function check(cond, msg) {
  if (!cond) throw new Failure(msg);
}

/** A port the OS says is free. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts `dyad serve` and waits for /api/health. */
async function startServer(args) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc = spawn(BIN, ["serve", "--addr", `127.0.0.1:${port}`, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  proc.stdout.on("data", (d) => (output += d));
  proc.stderr.on("data", (d) => (output += d));
  let exited = null;
  proc.on("exit", (code, sig) => (exited = sig || code));
  const server = { base, proc, output: () => output };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Failure(`dyad serve exited (${exited}) before answering:\n${output}`);
    try {
      const r = await fetch(base + "/api/health");
      if (r.ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      proc.kill();
      throw new Failure(`dyad serve did not answer /api/health within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A page that records console errors, page errors and failed requests to `base`. */
async function watchedPage(browser, base) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, reducedMotion: "reduce" });
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (r.url().startsWith(base)) problems.push(`request failed: ${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.url().startsWith(base) && r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  page.assertClean = (step) => check(!problems.length, `${step}:\n  ${problems.join("\n  ")}`);
  return page;
}

/** Pixels of the canvases under `sel` close to one of `colors` (hex). */
function countColored(page, sel, colors) {
  return page.evaluate(([sel, colors]) => {
    const want = colors.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
    let n = 0;
    for (const cv of document.querySelectorAll(sel)) {
      if (!cv.width || !cv.height) continue;
      const d = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] > 200 && want.some((w) => Math.abs(w[0] - d[i]) + Math.abs(w[1] - d[i + 1]) + Math.abs(w[2] - d[i + 2]) < 30)) n++;
      }
    }
    return n;
  }, [sel, colors]);
}

async function codeView(page, base) {
  await page.goto(base + "/#code");
  // An HTML file is read as text in the page: paragraphs, no scripts, its date.
  await page.setInputFiles("#code-file", {
    name: "story.html",
    mimeType: "text/html",
    buffer: Buffer.from('<html><head><meta property="article:published_time" content="2020-10-21T09:00:00Z">' +
      "<script>alert(1)</script></head><body><nav>Home</nav><article><h1>Talks</h1>" +
      "<p>Armenia accused   Azerbaijan of shelling.</p><p>Russia urged calm.</p></article></body></html>"),
  });
  await page.waitForFunction(() => document.querySelector("#code-text").value !== "");
  const fromFile = await page.inputValue("#code-text");
  check(fromFile === "Talks\nArmenia accused Azerbaijan of shelling.\nRussia urged calm.", `code view: HTML file read as ${JSON.stringify(fromFile)}`);
  check(await page.inputValue("#code-date") === "2020-10-21", "code view: the HTML file's date was not taken");
  await page.setInputFiles("#code-file", []);

  await page.fill("#code-text", SEED);
  await page.fill("#code-date", "2020-10-20");
  await page.click("#code-form button[type=submit]");
  await page.waitForSelector("#code-table tbody tr[data-ev]");
  const rows = page.locator("#code-table tbody tr[data-ev]");
  const n = await rows.count();
  check(n >= 7, `code view: expected at least 7 event rows, got ${n}`);
  const usa = page.locator('#code-table tbody tr[data-source="USAGOV"][data-target="AZEGOV"][data-cameo="036"]').first();
  check(await usa.count() === 1, "code view: no USAGOV → AZEGOV 036 row");
  const usaText = await usa.innerText();
  check(usaText.includes("USAGOV → AZEGOV") && usaText.includes("036"), `code view: the USAGOV row reads ${JSON.stringify(usaText)}`);
  const triggers = await page.locator("#code-doc mark.trg").count();
  check(triggers >= 1, "code view: no trigger highlight in the text");
  check(await page.locator("#code-doc mark.src").count() >= 1, "code view: no source actor highlight");
  check(await page.locator("#code-doc mark.tgt").count() >= 1, "code view: no target actor highlight");
  check(await page.locator(".legend mark").count() === 4, "code view: no legend");
  log(`code view: ${n} events, ${triggers} trigger marks`);

  // Hovering a row highlights that event's trigger, actors and sentence.
  await usa.hover();
  await page.waitForSelector("#code-doc mark.active.on-trg");
  const on = (cls) => page.$$eval(`#code-doc .${cls}`, (els) => els.map((e) => e.textContent).join(""));
  const trig = await on("on-trg");
  check(trig === "has invited", `code view: hovering the USAGOV row highlights the trigger ${JSON.stringify(trig)}`);
  check((await on("on-src")) === "The Trump administration", "code view: hovering does not highlight the source actor");
  check((await on("on-tgt")).includes("foreign minister"), "code view: hovering does not highlight the target actor");
  check((await on("on-sent")).startsWith("The Trump administration has invited"), "code view: hovering does not highlight the sentence");
  check(await usa.evaluate((tr) => tr.classList.contains("active")), "code view: the hovered row is not marked active");

  // Keyboard focus moves the highlight too (the pointer out of the way, as
  // scrolling the table under it would hover another row).
  await page.mouse.move(0, 0);
  const other = rows.nth(n - 1);
  await other.focus();
  const otherTrig = await other.evaluate((tr) => tr.cells[2].querySelector(".sub").textContent.slice(1, -1));
  const focusedTrig = await on("on-trg");
  check(focusedTrig === otherTrig, `code view: focusing the last row highlights ${JSON.stringify(focusedTrig)}, not its trigger ${JSON.stringify(otherTrig)}`);
  await page.keyboard.press("ArrowUp");
  check(await rows.nth(n - 2).evaluate((tr) => tr === document.activeElement && tr.classList.contains("active")), "code view: ArrowUp does not move to the previous row");

  // The picture: the page and the textarea at their tops, the first row hovered.
  await page.evaluate(() => {
    const t = document.querySelector("#code-text");
    t.setSelectionRange(0, 0);
    t.scrollTop = 0;
    window.scrollTo(0, 0);
  });
  await usa.hover();
  page.assertClean("code view");
  await page.screenshot({ path: path.join(OUT, "dashboard-code.png") });
}

async function dyadView(page) {
  await page.click('nav a[data-view="dyad"]');
  await page.waitForSelector("#view-dyad:not([hidden])");
  check(await page.locator("#view-code").isHidden(), "dyad view: the code view is still shown");
  // The default (AZE–ARM by week) loads on first show.
  await page.waitForSelector("#chart-quads canvas");

  // A dyad without events says so.
  await page.fill("#dyad-a", "USA");
  await page.fill("#dyad-b", "CHN");
  await page.click("#dyad-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#dyad-status").textContent.startsWith("No events between USA and CHN"));
  check(await page.locator("#dyad-charts").isHidden(), "dyad view: charts shown for a dyad without events");

  await page.fill("#dyad-a", "AZE");
  await page.fill("#dyad-b", "ARM");
  await page.selectOption("#dyad-by", "day");
  await page.click("#dyad-form button[type=submit]");
  await page.waitForFunction(() => /events?, 2020-10-12 to 2020-10-30/.test(document.querySelector("#dyad-status").textContent));
  const canvases = await page.locator("#dyad-charts canvas").count();
  check(canvases >= 2, `dyad view: expected two chart canvases, got ${canvases}`);
  const line = await countColored(page, "#chart-goldstein canvas", ["#3b5bdb"]);
  const bars = await countColored(page, "#chart-quads canvas", ["#c92a2a", "#f59f00", "#1971c2", "#74c0fc"]);
  check(line > 50, `dyad view: the Goldstein line is not drawn (${line} pixels)`);
  check(bars > 200, `dyad view: the quad-class bars are not drawn (${bars} pixels)`);
  log(`dyad view: ${canvases} canvases, ${line} line pixels, ${bars} bar pixels`);

  // The data table lists a period's events too (the keyboard path).
  await page.click("details.data summary");
  await page.locator("#dyad-table tbody tr", { hasText: "2020-10-17" }).locator("button").click();
  await page.waitForFunction(() => document.querySelector("#h-dyad-events").textContent.includes("2020-10-17")
    && document.querySelectorAll("#dyad-events tbody tr").length > 0);
  await page.click("details.data summary");

  // Move over the bars until the hint names 2020-10-20 with events; click there.
  const over = await page.locator("#chart-quads .u-over").boundingBox();
  check(over, "dyad view: no plot area");
  const y = over.y + over.height * 0.85;
  let clicked = null;
  let at = 0;
  for (let x = over.x + 3; x < over.x + over.width && !clicked; x += 5) {
    await page.mouse.move(x, y);
    const hint = await page.textContent("#dyad-hint");
    if (/^2020-10-20: [1-9]\d* events?/.test(hint)) {
      await page.mouse.click(x, y);
      clicked = hint;
      at = x - over.x;
    }
  }
  check(clicked, "dyad view: no point of 2020-10-20 with events found under the cursor");
  await page.waitForFunction(() => document.querySelector("#h-dyad-events").textContent.includes("2020-10-20")
    && document.querySelectorAll("#dyad-events tbody tr").length > 0);
  const listed = await page.locator("#dyad-events tbody tr").count();
  const sentences = await page.locator("#dyad-events tbody q.sentence mark.trg").count();
  check(sentences >= 1, `dyad view: ${listed} events listed, ${sentences} with a highlighted trigger`);
  const docs = await page.locator("#dyad-events tbody td.doc-cell").allInnerTexts();
  check(docs.some((t) => t.includes("The Hill")), `dyad view: no source document named: ${docs.join(" | ")}`);
  log(`dyad view: clicked "${clicked}", ${listed} events listed`);
  page.assertClean("dyad view");
  // The picture: the pointer on the clicked period, its values in the legends.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.hover("#chart-quads .u-over", { position: { x: at, y: over.height * 0.85 } });
  await page.screenshot({ path: path.join(OUT, "dashboard-dyad.png"), fullPage: true });
}

async function escalationView(page) {
  await page.click('nav a[data-view="escalation"]');
  await page.waitForFunction(() => {
    const s = document.querySelector("#esc-status");
    return s.textContent && !s.classList.contains("busy");
  });
  const rows = await page.locator("#esc-table:not([hidden]) tbody tr").count();
  const status = await page.textContent("#esc-status");
  check(rows > 0 || status.startsWith("No alerts"), `escalation view: neither alerts nor a "no alerts" message: ${status}`);
  if (rows) {
    const dyad = await page.locator("#esc-table tbody tr").first().locator("th .dyad").innerText();
    check(dyad.includes("ARM") && dyad.includes("AZE"), `escalation view: first alert is ${dyad}`);
    check(await page.locator("#esc-table tbody q.sentence").count() > 0, "escalation view: alerts without evidence sentences");
  }
  log(`escalation view: ${rows} alert(s); ${status}`);
  page.assertClean("escalation view");
  await page.screenshot({ path: path.join(OUT, "dashboard-escalation.png") });
}

/** Without --db the store views say so, without errors. */
async function noStore(browser) {
  const server = await startServer([]);
  try {
    const page = await watchedPage(browser, server.base);
    await page.goto(server.base + "/#dyad");
    await page.waitForSelector("#dyad-nostore:not([hidden])");
    await page.click('nav a[data-view="escalation"]');
    await page.waitForSelector("#esc-nostore:not([hidden])");
    await page.click('nav a[data-view="code"]');
    await page.waitForSelector("#view-code:not([hidden])");
    page.assertClean("no store");
    await page.close();
    log("no store: the dyad and escalation views say so");
  } finally {
    server.proc.kill();
  }
}

async function main() {
  check(fs.existsSync(BIN), `no dyad binary at ${BIN} (set DYAD_BIN)`);
  fs.mkdirSync(OUT, { recursive: true });
  const db = path.join(tmp, "events.db");
  const input = path.join(tmp, "docs.jsonl");
  const docs = [{ id: "seed", text: SEED, date: "2020-10-20", title: "Seed article (The Hill, 2020-10-20)", source: "The Hill" }];
  SYNTHETIC.forEach(([date, text], i) => docs.push({
    id: `synthetic-${i + 1}`, text, date, title: `Synthetic report ${i + 1}`,
    url: `https://example.org/dyad-e2e/${date}`, source: "example.org",
  }));
  fs.writeFileSync(input, docs.map((d) => JSON.stringify(d)).join("\n") + "\n");
  execFileSync(BIN, ["ingest", "--db", db, "--quiet", input], { stdio: ["ignore", "inherit", "inherit"] });
  log(`ingested ${docs.length} documents into ${db}`);

  const server = await startServer(["--db", db]);
  let browser = null;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
    const page = await watchedPage(browser, server.base);
    await codeView(page, server.base);
    await dyadView(page);
    await escalationView(page);
    await page.close();
    await noStore(browser);
  } catch (e) {
    if (!(e instanceof Failure)) e.message += `\n(server output: ${server.output() || "none"})`;
    throw e;
  } finally {
    if (browser) await browser.close();
    server.proc.kill();
  }
  log(`passed; screenshots in ${OUT}`);
}

try {
  await main();
  fs.rmSync(tmp, { recursive: true, force: true });
} catch (e) {
  console.error(`e2e: FAILED: ${e instanceof Failure ? e.message : e.stack || e}`);
  console.error(`e2e: files kept in ${tmp}`);
  process.exitCode = 1;
}
