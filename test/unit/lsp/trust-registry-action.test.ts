// "Trust <registry> in .shipshape.yaml" for untrusted-registry findings: edits the config that applies
// to the document (minimally, through a versioned edit when it is open), creates one at the workspace
// root when there is none, and is not offered in untrusted workspaces or for a config it cannot edit.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, LineIndex, lintText } from '../../../server/src/engine';
import { parseConfig } from '../../../server/src/engine/config/config-file';
import { CodeActionProvider } from '../../../server/src/lsp/code-actions';
import { ConfigResolver } from '../../../server/src/lsp/config';
import { DIAGNOSTIC_SOURCE } from '../../../server/src/lsp/diagnostics';
import { SettingsStore } from '../../../server/src/lsp/settings';
import { DiagnosticConverter } from '../../../server/src/lsp/diagnostics';
import { DocumentLinter } from '../../../server/src/lsp/linting';

const root = mkdtempSync(join(tmpdir(), 'shipshape-trust-'));
after(() => rmSync(root, { recursive: true, force: true }));

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: "ghcr.io/acme/web:1.4.2"
`;

function setup(files: Record<string, string>, open: TextDocument[] = [], options: { trusted?: boolean; canCreateFiles?: boolean } = {}) {
  const dir = mkdtempSync(join(root, 'ws-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const docs = new Map<string, TextDocument>();
  const documents = { get: (uri: string) => docs.get(uri) };
  const configs = new ConfigResolver((uri) => docs.get(uri)?.getText());
  configs.setWorkspaceFolders([pathToFileURL(dir).href]);
  configs.trusted = options.trusted ?? true;
  const settings = new SettingsStore({ fetch: () => Promise.resolve({}), warn: () => {} });
  const linter = new DocumentLinter({ documents, settings, configs, converter: new DiagnosticConverter('/ext'), publish: () => undefined });
  const provider = new CodeActionProvider({ documents, lintOf: (uri) => linter.lintOf(uri), configs, canCreateFiles: options.canCreateFiles ?? true });
  const add = (name: string, text: string, version = 1): TextDocument => {
    const doc = TextDocument.create(pathToFileURL(join(dir, name)).href, 'yaml', version, text);
    docs.set(doc.uri, doc);
    return doc;
  };
  for (const d of open) docs.set(d.uri, d);
  return { dir, provider, add, uriOf: (name: string) => pathToFileURL(join(dir, name)).href };
}

async function trustActions(provider: CodeActionProvider, doc: TextDocument): Promise<CodeAction[]> {
  const text = doc.getText();
  const findings = lintText(text, 'yaml', {}).filter((f) => f.ruleId === 'untrusted-registry');
  assert.equal(findings.length, 1, 'the pod has one untrusted-registry finding');
  const f = findings[0]!;
  const index = new LineIndex(text);
  const diagnostic: Diagnostic = {
    range: { start: index.position(f.span.start), end: index.position(f.span.end) },
    message: f.message,
    source: DIAGNOSTIC_SOURCE,
    data: { ruleId: f.ruleId, span: f.span, version: doc.version },
  };
  const actions = await provider.provide({ textDocument: { uri: doc.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
  return actions.filter((a) => a.title.startsWith('Trust '));
}

function applyTo(text: string, change: TextDocumentEdit): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'yaml', 1, text), change.edits);
}

test('an existing config gains the registry with a minimal edit that keeps its comments', async () => {
  const config = '# team policy\nprofile: restricted\ntrustedRegistries:\n  - registry.k8s.io   # upstream\n  - quay.io/prometheus\n';
  const ws = setup({ '.shipshape.yaml': config });
  const doc = ws.add('apps/pod.yaml', POD);
  const [action, ...rest] = await trustActions(ws.provider, doc);
  assert.equal(rest.length, 0);
  assert.equal(action!.title, 'Trust ghcr.io/acme in .shipshape.yaml');
  assert.notEqual(action!.isPreferred, true, 'a suggestion, never the preferred fix');
  const change = action!.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.uri, ws.uriOf('.shipshape.yaml'));
  assert.equal(change.textDocument.version, null, 'the config is not open: an unversioned edit');
  const after = applyTo(config, change);
  assert.equal(after, config + '  - ghcr.io/acme\n');
  const parsed = parseConfig(after);
  assert.deepEqual(parsed.problems, []);
  // With the edited config, the finding is gone.
  const settings = { ...DEFAULT_SETTINGS, trustedRegistries: ['registry.k8s.io', 'quay.io/prometheus', 'ghcr.io/acme'] };
  assert.deepEqual(lintText(POD, 'yaml', { settings }).filter((f) => f.ruleId === 'untrusted-registry'), []);
});

test('an open config is edited at its editor version, from its unsaved text', async () => {
  const onDisk = 'trustedRegistries:\n  extendDefaults: true\n  registries: [registry.example.com]\n';
  const ws = setup({ '.shipshape.yaml': onDisk });
  const unsaved = 'trustedRegistries:\n  extendDefaults: true\n  registries: [registry.example.com, quay.io/jetstack]\n';
  ws.add('.shipshape.yaml', unsaved, 7);
  const doc = ws.add('pod.yaml', POD);
  const [action] = await trustActions(ws.provider, doc);
  const change = action!.edit!.documentChanges![0] as TextDocumentEdit;
  assert.equal(change.textDocument.version, 7);
  assert.equal(applyTo(unsaved, change), 'trustedRegistries:\n  extendDefaults: true\n  registries: [registry.example.com, quay.io/jetstack, ghcr.io/acme]\n');
});

test('without a config, one is created at the workspace root extending the defaults', async () => {
  const ws = setup({});
  const doc = ws.add('deploy/k8s/pod.yaml', POD);
  const [action] = await trustActions(ws.provider, doc);
  const [create, edit] = action!.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
  assert.equal(create.kind, 'create');
  assert.equal(create.uri, ws.uriOf('.shipshape.yaml'));
  assert.equal(create.options?.ignoreIfExists, true);
  assert.equal(edit.textDocument.uri, create.uri);
  const created = applyTo('', edit);
  const parsed = parseConfig(created);
  assert.deepEqual(parsed.problems, []);
  assert.match(created, /extendDefaults: true/);
  assert.match(created, /- ghcr\.io\/acme/);
});

test('not offered where it cannot act: untrusted workspace, no file creation, a broken config', async () => {
  const untrusted = setup({}, [], { trusted: false });
  assert.deepEqual(await trustActions(untrusted.provider, untrusted.add('pod.yaml', POD)), []);
  const noCreate = setup({}, [], { canCreateFiles: false });
  assert.deepEqual(await trustActions(noCreate.provider, noCreate.add('pod.yaml', POD)), []);
  const broken = setup({ '.shipshape.yaml': 'trustedRegistries: [unclosed\n' });
  assert.deepEqual(await trustActions(broken.provider, broken.add('pod.yaml', POD)), []);
  const aliases = setup({ '.shipshape.yaml': 'base: &r [quay.io/x]\ntrustedRegistries: *r\n' });
  assert.deepEqual(await trustActions(aliases.provider, aliases.add('pod.yaml', POD)), []);
});
