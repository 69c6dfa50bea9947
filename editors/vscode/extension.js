// Starts `journeymap lsp` for YAML files. Everything else (diagnostics, completion, hover,
// navigation, rename, quick fixes and the journeymap.preview command) comes from the server.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate() {
  const command = vscode.workspace.getConfiguration("journeymap").get("path") || "journeymap";
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  const documents = { documentSelector: [{ scheme: "file", language: "yaml" }] };
  client = new LanguageClient("journeymap", "journeymap", server, documents);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
