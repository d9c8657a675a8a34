// Drives the real yaml-language-server over stdio LSP, as VS Code's YAML extension does, and
// reports what an editor would show. Run by tests/schema.rs.
//
// Input on stdin (JSON):
//   { "modules": "<node_modules>", "root": "<workspace folder>",
//     "docs": [ { "path": "/abs/file.yaml", "text": "...",
//                 "hover": [[line, character], ...], "completion": [[line, character], ...] } ] }
// Lines and characters are 0-based (LSP). Each document names its schema itself with the
// `# yaml-language-server: $schema=...` modeline.
// Output on stdout (JSON): per document
//   { path, diagnostics: [LSP diagnostics], hover: [markdown | null], completion: [[{ label, insertText }]] }
"use strict";
const { spawn } = require("child_process");
const path = require("path");
const { pathToFileURL } = require("url");

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const server = spawn(process.execPath, [
  path.join(input.modules, "yaml-language-server", "bin", "yaml-language-server"), "--stdio",
], { stdio: ["pipe", "pipe", "inherit"] });

const settings = { yaml: { validate: true, hover: true, completion: true, format: { enable: false },
  schemaStore: { enable: false }, schemas: input.schemas || {} } };
let nextId = 1;
const pending = new Map();
const diagnostics = new Map();
const diagWaiters = new Map();

function send(msg) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...msg }), "utf8");
  server.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
  server.stdin.write(body);
}
function request(method, params) {
  const id = nextId++;
  send({ id, method, params });
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
function notify(method, params) { send({ method, params }); }

let buffer = Buffer.alloc(0);
server.stdout.on("data", (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const end = buffer.indexOf("\r\n\r\n");
    if (end < 0) return;
    const header = buffer.slice(0, end).toString("ascii");
    const m = /Content-Length: (\d+)/i.exec(header);
    if (!m) throw new Error("bad header " + header);
    const len = Number(m[1]);
    if (buffer.length < end + 4 + len) return;
    const msg = JSON.parse(buffer.slice(end + 4, end + 4 + len).toString("utf8"));
    buffer = buffer.slice(end + 4 + len);
    handle(msg);
  }
});

function handle(msg) {
  if (msg.id !== undefined && msg.method === undefined) {
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (p) msg.error ? p.reject(new Error(JSON.stringify(msg.error))) : p.resolve(msg.result);
    return;
  }
  if (msg.id !== undefined) {
    // A request from the server.
    let result = null;
    if (msg.method === "workspace/configuration") {
      result = (msg.params.items || []).map((item) => {
        if (!item.section) return settings;
        return item.section.split(".").reduce((o, k) => (o ? o[k] : undefined), settings) ?? null;
      });
    }
    send({ id: msg.id, result });
    return;
  }
  if (msg.method === "textDocument/publishDiagnostics") {
    diagnostics.set(msg.params.uri, msg.params.diagnostics);
    const w = diagWaiters.get(msg.params.uri);
    if (w) { diagWaiters.delete(msg.params.uri); w(); }
  }
}

function waitDiagnostics(uri) {
  return new Promise((resolve) => {
    diagWaiters.set(uri, resolve);
  });
}

const timer = setTimeout(() => { console.error("yaml-language-server did not answer in time"); process.exit(3); }, 60000);

(async () => {
  const root = pathToFileURL(input.root || process.cwd()).href;
  await request("initialize", {
    processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: "repo" }],
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        hover: { contentFormat: ["markdown", "plaintext"] },
        completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown"] } },
        publishDiagnostics: {},
      },
    },
    initializationOptions: {},
  });
  notify("initialized", {});
  notify("workspace/didChangeConfiguration", { settings });
  const out = [];
  for (const doc of input.docs) {
    const uri = pathToFileURL(doc.path).href;
    const diag = waitDiagnostics(uri);
    notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text: doc.text } });
    await diag;
    const result = { path: doc.path, diagnostics: diagnostics.get(uri) || [], hover: [], completion: [] };
    for (const [line, character] of doc.hover || []) {
      const h = await request("textDocument/hover", { textDocument: { uri }, position: { line, character } });
      result.hover.push(h && h.contents ? (h.contents.value ?? h.contents) : null);
    }
    for (const [line, character] of doc.completion || []) {
      const c = await request("textDocument/completion", { textDocument: { uri }, position: { line, character } });
      const items = Array.isArray(c) ? c : (c && c.items) || [];
      result.completion.push(items.map((i) => ({ label: i.label, insertText: i.insertText ?? i.textEdit?.newText ?? i.label, documentation: i.documentation?.value ?? i.documentation })));
    }
    out.push(result);
  }
  await request("shutdown", null);
  notify("exit", null);
  clearTimeout(timer);
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
})().catch((e) => { console.error(e); process.exit(2); });
