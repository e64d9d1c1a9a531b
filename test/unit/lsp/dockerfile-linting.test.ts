// The language server lints Dockerfiles: language id `dockerfile` (or a Dockerfile name) reaches the Dockerfile rules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticConverter } from '../../../server/src/lsp/diagnostics';
import { DocumentLinter } from '../../../server/src/lsp/linting';
import { SettingsStore } from '../../../server/src/lsp/settings';

const TEXT = 'FROM alpine:3.20\r\nHEALTHCHECK NONE\r\nRUN apk add curl \\\r\n && sudo true\r\nUSER root\r\n';

async function publish(uri: string, languageId: string): Promise<PublishDiagnosticsParams[]> {
  const docs = new Map<string, TextDocument>([[uri, TextDocument.create(uri, languageId, 7, TEXT)]]);
  const published: PublishDiagnosticsParams[] = [];
  const settings = new SettingsStore({ fetch: () => Promise.resolve({ rules: { 'image-not-pinned': 'off' } }), warn: () => undefined });
  const linter = new DocumentLinter({ documents: docs, settings, converter: new DiagnosticConverter('/ext'), publish: (p) => published.push(p) });
  await linter.run(uri, { cancelled: false });
  return published;
}

test('a document with language id dockerfile gets Dockerfile diagnostics at exact ranges', async () => {
  const [p] = await publish('untitled:Untitled-1', 'dockerfile');
  assert.equal(p!.version, 7);
  assert.deepEqual(
    p!.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]),
    [
      ['dockerfile-sudo', 3, 4, 8],
      ['dockerfile-root-user', 4, 0, 9],
    ],
  );
});

test('a file named Containerfile is a Dockerfile whatever its language id', async () => {
  const [p] = await publish('file:///w/Containerfile', 'plaintext');
  assert.deepEqual(p!.diagnostics.map((d) => d.code), ['dockerfile-sudo', 'dockerfile-root-user']);
});
