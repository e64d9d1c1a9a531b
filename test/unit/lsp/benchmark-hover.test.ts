// Hovers name the benchmark items (ids and titles) of the findings under the cursor, from the kept lint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/config/settings';
import { benchmarkHover } from '../../../server/src/lsp/hover';
import type { DocumentLint } from '../../../server/src/lsp/linting';

const URI = 'file:///work/compose.yaml';
const TEXT = 'services:\n  web:\n    image: nginx:1.27\n    pid: host\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n';

async function hoverAt(line: number, character: number, version = 1): Promise<string | undefined> {
  const doc = TextDocument.create(URI, 'yaml', 1, TEXT);
  const lint: DocumentLint = { uri: URI, version, kind: 'yaml', settings: DEFAULT_SETTINGS, findings: lintText(TEXT, 'yaml', { fileName: 'compose.yaml' }) };
  const h = await benchmarkHover({ textDocument: { uri: URI }, position: { line, character } }, { lintOf: async () => lint, document: () => doc });
  return h ? (h.contents as { value: string }).value : undefined;
}

test('on a finding: its rule\'s items with titles, per benchmark', async () => {
  const value = await hoverAt(3, 6);
  assert.match(value!, /`host-pid`: CIS Kubernetes Benchmark v1\.10\.0: 5\.2\.3 .*; CIS Docker Benchmark v1\.7\.0: 5\.15 Ensure that the host's process namespace is not shared/);
});

test('a finding that narrows its items shows those only (the Docker socket: 5.31)', async () => {
  const value = await hoverAt(5, 10);
  assert.match(value!, /`sensitive-host-path`: .*CIS Docker Benchmark v1\.7\.0: 5\.31 Ensure that the Docker socket is not mounted inside any containers/);
  assert.doesNotMatch(value!, /5\.5 /);
});

test('nothing where no finding is, or when the lint is of another version', async () => {
  assert.equal(await hoverAt(0, 2), undefined);
  assert.equal(await hoverAt(3, 6, 2), undefined);
});
