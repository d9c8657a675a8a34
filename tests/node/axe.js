// Runs axe-core in headless Chromium, driven by puppeteer-core, on HTML pages and prints what
// it found. Run by tests/browser.rs.
//
// Input on stdin (JSON):
//   { "modules": "<node_modules>", "browser": "<chromium>", "profile": "<empty folder>",
//     "tags": ["wcag2a", ...], "pages": ["/absolute/page.html", ...] }
// Output on stdout (JSON), one entry a page, in order:
//   [{ "page": "...", "rules": <number of rules run>,
//      "violations": [{ "id", "impact", "help", "nodes": [{ "target", "html", "summary" }] }] }]
//
// The report's Content-Security-Policy forbids every script, axe's too: the browser is told to
// bypass it for the test (the page itself stays without script).
"use strict";
const fs = require("fs");
const path = require("path");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const puppeteer = require(path.join(input.modules, "puppeteer-core"));
const axeSource = fs.readFileSync(path.join(input.modules, "axe-core", "axe.min.js"), "utf8");

(async () => {
  const browser = await puppeteer.launch({
    executablePath: input.browser,
    headless: true,
    userDataDir: input.profile,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--no-first-run",
    ],
  });
  try {
    const results = [];
    for (const file of input.pages) {
      const page = await browser.newPage();
      await page.setBypassCSP(true);
      await page.setViewport({ width: 1280, height: 900 });
      await page.goto("file://" + file, { waitUntil: "load" });
      await page.addScriptTag({ content: axeSource });
      const found = await page.evaluate(
        (tags) => axe.run(document, { runOnly: { type: "tag", values: tags } }),
        input.tags,
      );
      const rules = new Set(
        [found.passes, found.violations, found.incomplete, found.inapplicable]
          .flat()
          .map((r) => r.id),
      );
      results.push({
        page: file,
        rules: rules.size,
        violations: found.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
        })),
      });
      await page.close();
    }
    process.stdout.write(JSON.stringify(results) + "\n");
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e && e.stack ? e.stack : String(e));
  process.exit(1);
});
