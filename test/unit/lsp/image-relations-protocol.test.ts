// Protocol test of the image relation rules in the editor (issue 19, "Will it start?"; server/src/lsp/project-images.ts):
// the bundled server over stdio on a workspace written to a temporary folder, the skaffold fixture of
// test/fixtures/project/relations/images-skaffold: a skaffold.yaml at the root whose artifact builds `orders-api` from
// services/orders/build/Dockerfile, and k8s/deploy.yaml whose Deployment sets `runAsNonRoot: true` and runs
// ghcr.io/acme/orders-api:1.2. An unsaved edit of the open Dockerfile re-publishes the Deployment's file; a hover on
// the image value shows the link. Build first (`npm run build`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { RULE_IDS } from '../../../server/src/engine';
import { assertServerBuilt, type LspServer } from './lsp-harness';
import { codes, startIndexed, WorkspaceDocs, writeWorkspace } from './workspace-docs';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'project', 'relations', 'images-skaffold');
const read = (rel: string) => readFileSync(join(FIXTURE, rel), 'utf8');

const DEPLOY = 'k8s/deploy.yaml';
const DOCKERFILE = 'services/orders/build/Dockerfile';
/** The fixture's Dockerfile (`FROM scratch`, no USER) with a numeric user: the kubelet starts it. */
const NON_ROOT = read(DOCKERFILE).replace('ENTRYPOINT', 'USER 10001\nENTRYPOINT');
const ROOT = NON_ROOT.replace('USER 10001', 'USER root');
/** 0-based lines: `runAsNonRoot: true` in the Deployment, `USER` in the Dockerfile, the container's `image:`. */
const RUN_AS_NON_ROOT_LINE = 12;
const USER_LINE = 9;
const IMAGE_LINE = 15;

/** The image rules and the Dockerfile's own root-user rule, so expectations do not move as rules are added. */
function settings() {
  const rules = Object.fromEntries([...RULE_IDS].map((id) => [id, 'off']));
  return { rules: { ...rules, 'run-as-non-root-image-root': 'error', 'run-as-non-root-image-user-name': 'error', 'dockerfile-root-user': 'warning' } };
}

describe('language server: image relation rules over the workspace', () => {
  let server: LspServer;
  let root: string;
  const docs = new WorkspaceDocs(() => server, () => root);
  const uri = (rel: string) => docs.uri(rel);

  before(async () => {
    assertServerBuilt();
    root = writeWorkspace('shipshape-images-', { 'skaffold.yaml': read('skaffold.yaml'), [DEPLOY]: read(DEPLOY), [DOCKERFILE]: NON_ROOT });
    server = await startIndexed(root, settings());
  });

  after(() => {
    server?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('editing the open Dockerfile (unsaved) to USER root re-publishes the Deployment with run-as-non-root-image-root, related to the USER line; reverting clears it', async () => {
    await docs.open(DEPLOY, read(DEPLOY));
    assert.deepEqual(codes(await server.published(uri(DEPLOY), 'deployment opened')), []);
    await docs.open(DOCKERFILE, NON_ROOT, 'dockerfile');
    assert.deepEqual(codes(await server.published(uri(DOCKERFILE), 'Dockerfile opened')), []);

    await docs.edit(DOCKERFILE, ROOT);
    const p = await docs.until(DEPLOY, 'deployment after the Dockerfile edit', (x) => x.diagnostics.length > 0);
    assert.deepEqual(codes(p), ['run-as-non-root-image-root']);
    const d = p.diagnostics[0]!;
    assert.equal(d.range.start.line, RUN_AS_NON_ROOT_LINE);
    assert.match(d.message, /CreateContainerConfigError/);
    const related = (d.relatedInformation ?? []).map((r) => [r.location.uri, r.location.range.start.line]);
    assert.deepEqual(related[0], [uri(DOCKERFILE), USER_LINE], JSON.stringify(related));
    assert.ok(related.some(([u, line]) => u === uri('skaffold.yaml') && line === 6), JSON.stringify(related));
    // The Dockerfile's own findings are its per-file ones: the relation finding is reported in the manifest only.
    assert.deepEqual(codes(await docs.until(DOCKERFILE, 'Dockerfile edited', (x) => x.version === 2)), ['dockerfile-root-user']);

    await docs.edit(DOCKERFILE, NON_ROOT);
    assert.deepEqual(codes(await docs.until(DEPLOY, 'deployment after the revert', (x) => x.diagnostics.length === 0)), []);
  });

  it('a hover on the container\'s image value shows the Dockerfile and the skaffold artifact that build it', async () => {
    const line = read(DEPLOY).split('\n')[IMAGE_LINE]!;
    const hover = await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uri(DEPLOY) }, position: { line: IMAGE_LINE, character: line.indexOf('orders-api') } });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(value, /Built from services\/orders\/build\/Dockerfile \(skaffold\.yaml artifact\)/);
    const elsewhere = await server.conn.sendRequest(HoverRequest.type, { textDocument: { uri: uri(DEPLOY) }, position: { line: 3, character: 8 } });
    assert.equal(elsewhere, null);
  });
});
