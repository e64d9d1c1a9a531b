// Hovers name the benchmark items (ids and titles) of the findings under the cursor, from the kept lint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintText } from '../../../server/src/engine';
import { DEFAULT_SETTINGS } from '../../../server/src/engine/config/settings';
import { benchmarkHover, shipshapeHover } from '../../../server/src/lsp/hover';
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
  assert.match(value!, /`host-pid`: CIS Kubernetes Benchmark v1\.10\.0: 5\.2\.3 .*; CIS Docker Benchmark v1\.7\.0: 5\.16 Ensure that the host's process namespace is not shared/);
});

test('a finding that narrows its items shows those only (the Docker socket: 5.32)', async () => {
  const value = await hoverAt(5, 10);
  assert.match(value!, /`sensitive-host-path`: .*CIS Docker Benchmark v1\.7\.0: 5\.32 Ensure that the Docker socket is not mounted inside any containers/);
  assert.doesNotMatch(value!, /5\.6 /);
});

test('nothing where no finding is, or when the lint is of another version', async () => {
  assert.equal(await hoverAt(0, 2), undefined);
  assert.equal(await hoverAt(3, 6, 2), undefined);
});

test('the server\'s hover: the image link and the benchmark items, each when it applies, the link first', async () => {
  const doc = TextDocument.create(URI, 'yaml', 1, TEXT);
  const lint: DocumentLint = { uri: URI, version: 1, kind: 'yaml', settings: DEFAULT_SETTINGS, findings: lintText(TEXT, 'yaml', { fileName: 'compose.yaml' }) };
  const asked: number[] = [];
  // A stand-in for the workspace judgement: the image link over line 3 (`pid: host`) and line 2 (`image:`).
  const imageHover = (_uri: string, offset: number) => (asked.push(offset), offset >= TEXT.indexOf('image:') && offset < TEXT.indexOf('volumes:') ? { text: 'Built from web/Dockerfile (compose.yaml service "web")' } : undefined);
  const at = async (line: number, character: number) => {
    const h = await shipshapeHover({ textDocument: { uri: URI }, position: { line, character } }, { lintOf: async () => lint, document: () => doc, imageHover });
    return h ? (h.contents as { value: string }).value : undefined;
  };
  const both = await at(3, 6);
  assert.match(both!, /^\*\*Shipshape\*\* Built from web\/Dockerfile \(compose\.yaml service "web"\)\n\n\*\*Shipshape\*\* `host-pid`: /);
  assert.equal(await at(2, 12), '**Shipshape** Built from web/Dockerfile (compose.yaml service "web")');
  assert.match((await at(5, 10))!, /^\*\*Shipshape\*\* `sensitive-host-path`/);
  assert.equal(await at(0, 2), undefined);
  assert.equal(asked[0], doc.offsetAt({ line: 3, character: 6 }));
});
