// Renders Markdown with markdown-it as VS Code's preview does (HTML allowed, linkify on).
// Run by tests/markdown.rs.
//
// Input on stdin (JSON): { "modules": "<node_modules>", "documents": ["markdown", ...] }
// Output on stdout (JSON): ["html", ...], one per document.
"use strict";
const fs = require("fs");
const path = require("path");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const MarkdownIt = require(path.join(input.modules, "markdown-it"));
const md = new MarkdownIt({ html: true, linkify: true });
process.stdout.write(JSON.stringify(input.documents.map((d) => md.render(d))) + "\n");
