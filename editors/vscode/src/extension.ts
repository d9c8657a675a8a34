// The ordnat extension: starts `ordnat lsp` (the language server of the ordnat binary) for
// the case files of the workspace and for its ordnat.toml, and restarts it when its settings
// change. Everything it shows (findings, hover texts, completion, quick fixes, the phase on
// the id: line) comes from the server; this file only starts it.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

function settings(): { command: string; cases: string } {
  const config = vscode.workspace.getConfiguration("ordnat");
  return {
    command: config.get<string>("path") || "ordnat",
    cases: config.get<string>("cases") || "**/cases/**/*.{yaml,yml}",
  };
}

async function start(): Promise<void> {
  const { command, cases } = settings();
  const serverOptions: ServerOptions = { command, args: ["lsp"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "yaml", pattern: cases },
      { scheme: "file", pattern: "**/ordnat.toml" },
    ],
    synchronize: {
      // Files changed outside the editor (git pull, ordnat record) are read again.
      fileEvents: vscode.workspace.createFileSystemWatcher(
        "**/{ordnat.toml,*.yaml,*.yml}",
      ),
    },
  };
  client = new LanguageClient("ordnat", "ordnat", serverOptions, clientOptions);
  try {
    await client.start();
  } catch (err) {
    client = undefined;
    vscode.window.showErrorMessage(
      `ordnat lsp kunde inte startas (${command}): ${err}. Ställ in sökvägen under inställningen ordnat.path.`,
    );
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running) {
    await running.stop();
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("ordnat.restart", async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("ordnat")) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

export function deactivate(): Promise<void> {
  return stop();
}
