// Protocol test of the workspace project index (server/src/lsp/project-index.ts, project-watch.ts):
// the bundled server over stdio, on a kustomize workspace written to a temporary folder
// (base + 2 overlays, a patch adding privileged: true). Build first (`npm run build`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  WorkDoneProgress,
  WorkDoneProgressCreateRequest,
  type PublishDiagnosticsParams,
  type RegistrationParams,
} from 'vscode-languageserver-protocol/node';
import { RULE_IDS } from '../../../server/src/engine';
import { assertServerBuilt, LspServer } from './lsp-harness';
import { codes, WorkspaceDocs, writeWorkspace } from './workspace-docs';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;
const PATCH = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          securityContext:
            privileged: true
`;
/** The `privileged: true` line of PATCH. */
const PATCH_LINE = 10;
const overlay = (patch: boolean) => `resources:\n  - ../../base\n${patch ? 'patches:\n  - path: privileged.yaml\n' : ''}`;

const FILES: Record<string, string> = {
  'base/kustomization.yaml': 'resources:\n  - deployment.yaml\n',
  'base/deployment.yaml': DEPLOYMENT,
  'overlays/prod/kustomization.yaml': overlay(true),
  'overlays/prod/privileged.yaml': PATCH,
  'overlays/staging/kustomization.yaml': overlay(false),
  // Not indexed: ignored by .shipshape.yaml, excluded by files.exclude.
  '.shipshape.yaml': 'ignorePaths:\n  - "ignored/**"\n',
  'ignored/kustomization.yaml': 'resources:\n  - ../base\n',
  'excluded/kustomization.yaml': 'resources:\n  - ../base\n',
};

/** privileged-container and the schema rules only, so expectations do not move as rules are added. */
function settings() {
  const rules = Object.fromEntries([...RULE_IDS].map((id) => [id, 'off']));
  return { schemaValidation: true, rules: { ...rules, 'privileged-container': 'error', 'schema-required': 'error', 'schema-unknown-field': 'error', 'schema-type': 'error' } };
}

describe('language server: workspace project index', () => {
  let server: LspServer;
  let root: string;
  const progress: { kind: string }[] = [];
  const registrations: RegistrationParams[] = [];
  let ended: Promise<void>;
  const docs = new WorkspaceDocs(() => server, () => root);
  const uri = (rel: string) => docs.uri(rel);
  const open = (rel: string, text: string) => docs.open(rel, text);
  const edit = (rel: string, text: string) => docs.edit(rel, text);
  const until = (rel: string, label: string, ok: (p: PublishDiagnosticsParams) => boolean) => docs.until(rel, label, ok);
  const message = (p: PublishDiagnosticsParams) => p.diagnostics[0]?.message ?? '';

  before(async () => {
    assertServerBuilt();
    root = writeWorkspace('shipshape-project-', FILES);
    server = new LspServer();
    server.settings = settings();
    server.sections['files.exclude'] = { '**/excluded': true, '**/.git': true };
    server.conn.onRequest(RegistrationRequest.type, (p) => void registrations.push(p));
    ended = new Promise((resolve) =>
      server.conn.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
        server.conn.onProgress(WorkDoneProgress.type, token, (value) => {
          progress.push(value);
          if (value.kind === 'end') resolve();
        });
        return null;
      }),
    );
    await server.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(root).href,
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'workspace' }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { dataSupport: true } },
      },
    });
    await server.conn.sendNotification(InitializedNotification.type, {});
  });

  after(() => {
    server?.kill();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('indexes the workspace with progress, without ignored or excluded folders', async () => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no progress end within 15 s: ${JSON.stringify(progress)}`)), 15_000)));
    await Promise.race([ended, late]).finally(() => clearTimeout(timer));
    assert.deepEqual(
      progress.map((p) => p.kind).filter((k, i, all) => k !== 'report' || all[i - 1] !== 'report'),
      progress.some((p) => p.kind === 'report') ? ['begin', 'report', 'end'] : ['begin', 'end'],
    );
    const line = server.logs.map((l) => l.message).find((m) => m.startsWith('project index:'));
    assert.match(line ?? '', /^project index: 3 kustomization files/);
    const globs = registrations.flatMap((r) => r.registrations).flatMap((r) => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern));
    assert.ok(globs.includes('**/*.{yaml,yml,json}'), JSON.stringify(globs));
  });

  it('shows privileged-container on the patch line, naming the overlay, and no schema findings in the patch', async () => {
    await open('overlays/prod/privileged.yaml', PATCH);
    const p = await server.published(uri('overlays/prod/privileged.yaml'), 'patch opened');
    assert.deepEqual(codes(p), ['privileged-container']);
    assert.equal(p.diagnostics[0]!.range.start.line, PATCH_LINE);
    assert.match(p.diagnostics[0]!.message, /\(in kustomization overlays\/prod\)$/);
    // Related information in another file: the overlay's entry that applies the patch (line 3: `- path: privileged.yaml`).
    const related = p.diagnostics[0]!.relatedInformation ?? [];
    const applied = related.find((r) => r.location.uri === uri('overlays/prod/kustomization.yaml'));
    assert.ok(applied, JSON.stringify(related));
    assert.equal(applied.location.range.start.line, 3);
  });

  it('offers the finding\'s own fix in the patch (its lazy fixes from the project lint)', async () => {
    const p = server.allPublished.filter((x) => x.uri === uri('overlays/prod/privileged.yaml')).at(-1)!;
    const diagnostic = p.diagnostics[0]!;
    const actions = await server.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri: p.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
    const fix = (actions ?? []).find((a) => 'title' in a && a.title.includes('Set privileged: false'));
    assert.ok(fix && 'edit' in fix, JSON.stringify(actions?.map((a) => a.title)));
    const edits = fix.edit!.changes?.[p.uri] ?? fix.edit!.documentChanges?.flatMap((c) => ('edits' in c ? c.edits : [])) ?? [];
    assert.deepEqual(
      edits.map((e) => [e.range.start.line, e.newText]),
      [[PATCH_LINE, 'false']],
    );
  });

  it('a plain file outside every build keeps the per-document lint (schema findings of a partial object)', async () => {
    await open('plain.yaml', PATCH);
    const p = await server.published(uri('plain.yaml'), 'plain file opened');
    assert.ok(codes(p).includes('schema-required'), JSON.stringify(codes(p)));
  });

  it('editing the patch (unsaved) re-lints it; editing the base re-lints the overlays that use it', async () => {
    await open('base/deployment.yaml', DEPLOYMENT);
    assert.deepEqual(codes(await server.published(uri('base/deployment.yaml'), 'base opened')), []);
    await edit('overlays/prod/privileged.yaml', PATCH.replace('privileged: true', 'privileged: false'));
    assert.deepEqual(codes(await server.published(uri('overlays/prod/privileged.yaml'), 'patch edited')), []);
    const hardened = DEPLOYMENT.replace('image: nginx:1.27', 'image: nginx:1.27\n          securityContext:\n            privileged: true');
    await edit('base/deployment.yaml', hardened);
    const base = await until('base/deployment.yaml', 'base edited', (p) => p.version === 2);
    assert.deepEqual(codes(base), ['privileged-container']);
    // The prod overlay's build reads the patch's unsaved text, which sets privileged to false: only staging has the finding.
    assert.match(base.diagnostics[0]!.message, /\(in kustomization overlays\/staging\)$/);
    // The patch is re-linted with the base's unsaved text (the build sets privileged to false there: nothing to report).
    const patch = await server.published(uri('overlays/prod/privileged.yaml'), 'patch re-linted after the base edit');
    assert.deepEqual(codes(patch), []);
  });

  it('a created or deleted kustomization updates the builds', async () => {
    await edit('overlays/prod/privileged.yaml', PATCH);
    await server.published(uri('overlays/prod/privileged.yaml'), 'patch restored');
    mkdirSync(join(root, 'overlays/dev'), { recursive: true });
    writeFileSync(join(root, 'overlays/dev/kustomization.yaml'), 'resources:\n  - ../../base\n');
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('overlays/dev/kustomization.yaml'), type: FileChangeType.Created }] });
    let base = await until('base/deployment.yaml', 'base naming the new overlay', (p) => /overlays\/dev/.test(message(p)));
    // The restored patch writes the value the base (unsaved) already has: the finding stays on the base's line for prod too.
    assert.match(base.diagnostics[0]!.message, /\(in kustomizations overlays\/dev, overlays\/prod, overlays\/staging\)$/);
    unlinkSync(join(root, 'overlays/dev/kustomization.yaml'));
    await server.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('overlays/dev/kustomization.yaml'), type: FileChangeType.Deleted }] });
    base = await until('base/deployment.yaml', 'base after delete', (p) => !/overlays\/dev/.test(message(p)));
    assert.match(base.diagnostics[0]!.message, /\(in kustomizations overlays\/prod, overlays\/staging\)$/);
  });
});
