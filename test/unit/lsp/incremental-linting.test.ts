// The language server's incremental lint job: diagnostics after edits equal those of a fresh server,
// per-document diagnostics conversion equals whole-file conversion, a lint yields to incoming edits and
// stops when superseded (cancelled or the document changed), and a stale version is never published.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from '../../../server/src/engine';
import { lintYamlChunks } from '../../../server/src/engine/lint';
import { yamlLintFindings } from '../../../server/src/engine/yaml-lint-result';
import { splitYamlDocuments } from '../../../server/src/engine/parse/yaml';
import { DiagnosticConverter } from '../../../server/src/lsp/diagnostics';
import { DocumentLinter, type LintJobDeps } from '../../../server/src/lsp/linting';
import { Scheduler } from '../../../server/src/lsp/scheduler';
import { SettingsStore } from '../../../server/src/lsp/settings';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples', 'insecure');
const DOCS: string[] = readdirSync(EXAMPLES)
  .filter((n) => n.endsWith('.yaml'))
  .sort()
  .flatMap((n) => readFileSync(join(EXAMPLES, n), 'utf8').split(/^---[ \t]*\r?\n/m))
  .map((d) => (d.endsWith('\n') ? d : d + '\n'))
  .filter((d) => /^kind:/m.test(d));
const URI = 'file:///w/all.yaml';

function setup(extra: Partial<LintJobDeps> = {}) {
  const docs = new Map<string, TextDocument>();
  const published: PublishDiagnosticsParams[] = [];
  const caches: DocumentCache[] = [];
  const linter = new DocumentLinter({
    documents: docs,
    settings: new SettingsStore({ fetch: () => Promise.resolve({}), warn: () => undefined }),
    converter: new DiagnosticConverter('/ext'),
    publish: (p) => published.push(p),
    createCache: () => {
      caches.push(new DocumentCache());
      return caches[caches.length - 1]!;
    },
    ...extra,
  });
  const open = (version: number, text: string, uri = URI) => docs.set(uri, TextDocument.create(uri, 'yaml', version, text));
  return { docs, published, linter, open, caches };
}

const never = { cancelled: false };

/** The diagnostics a brand-new server publishes for `text`. */
async function fresh(text: string, version: number): Promise<Diagnostic[]> {
  const { open, linter, published } = setup();
  open(version, text);
  await linter.run(URI, never);
  assert.equal(published.length, 1);
  return published[0]!.diagnostics;
}

test('after every edit the published diagnostics equal those of a fresh server', async () => {
  const { open, linter, published, caches } = setup();
  const base = DOCS.join('---\n');
  const versions = [
    base,
    DOCS.map((d, i) => (i === 3 ? d.replace(/\n/, '\n# inserted\n# lines\n') : d)).join('---\n'), // lines shift after document 3
    [DOCS[0]!, DOCS[2]!, DOCS[1]!, ...DOCS.slice(3)].join('---\n'), // reordered
    [...DOCS.slice(0, 5), ...DOCS.slice(6)].join('---\n'), // removed
    [...DOCS.slice(0, 5), DOCS[9]!, ...DOCS.slice(5)].join('---\n'), // inserted (a duplicate)
    DOCS.map((d, i) => (i === 7 ? d.replace(/\n/g, '\r\n') : d)).join('---\n'), // CRLF in one document
    DOCS.join('...\n---\n'), // end markers everywhere
    base.replace(/name: /, 'name: é😀-'), // UTF-16 columns in the first document
    base,
  ];
  for (const [i, text] of versions.entries()) {
    open(i + 1, text);
    await linter.run(URI, never);
    const got = published[published.length - 1]!;
    assert.equal(got.version, i + 1);
    assert.deepStrictEqual(got.diagnostics, await fresh(text, i + 1), `version ${i + 1}`);
  }
  assert.equal(caches.length, 1);
  assert.ok(caches[0]!.hits > caches[0]!.misses, 'unchanged documents came from the cache');
});

test('per-document conversion equals converting the whole file at once', () => {
  const conv = new DiagnosticConverter('/ext');
  const texts = [
    DOCS.slice(0, 6).join('---\n'),
    DOCS.slice(0, 6).join('---\n').replace(/\n/g, '\r\n'),
    DOCS.slice(0, 6).join('---\n').replace(/\n/g, '\r'), // lone CR line breaks
    DOCS.slice(0, 6).join('...\n'),
    `# é😀\n${DOCS.slice(0, 3).join('---\n# 日本\n')}`,
  ];
  const key = (d: Diagnostic) => `${d.range.start.line}:${d.range.start.character}:${d.code}:${d.message}`;
  for (const [i, text] of texts.entries()) {
    const lint = lintYamlChunks(text);
    const perDocument = conv.convertYaml(lint, text, 4);
    const whole = conv.convert(yamlLintFindings(lint), text, 4);
    assert.ok(perDocument.length > 0, `text ${i} has diagnostics`);
    assert.deepStrictEqual([...perDocument].sort((a, b) => key(a).localeCompare(key(b))), [...whole].sort((a, b) => key(a).localeCompare(key(b))), `text ${i}`);
  }
});

test('a lint stops at its next yield when the document changed, keeps what it linted, and does not publish', async () => {
  const text = DOCS.join('---\n');
  let yields = 0;
  const ctx = setup({
    sliceMs: 0,
    yieldToEvents: async () => {
      yields++;
      if (yields === 3) ctx.open(2, text.replace('kind:', 'kind: ')); // an edit arrives while linting
    },
  });
  ctx.open(1, text);
  await ctx.linter.run(URI, never);
  assert.equal(ctx.published.length, 0, 'nothing published for the superseded version');
  assert.equal(yields, 3, 'the lint stopped at the yield after the edit');
  assert.equal(ctx.caches[0]!.misses, 3, 'three documents were linted, the rest abandoned');
  const total = splitYamlDocuments(ctx.docs.get(URI)!.getText()).length;
  await ctx.linter.run(URI, never);
  assert.equal(ctx.published.length, 1);
  assert.equal(ctx.published[0]!.version, 2);
  assert.equal(ctx.caches[0]!.misses, 3 + total - 2, 'the next run reused the two unchanged documents linted before the edit');
});

test('a cancelled lint stops at its next yield and does not publish', async () => {
  const token = { cancelled: false };
  let yields = 0;
  const ctx = setup({
    sliceMs: 0,
    yieldToEvents: async () => {
      if (++yields === 2) token.cancelled = true;
    },
  });
  ctx.open(1, DOCS.join('---\n'));
  await ctx.linter.run(URI, token);
  assert.deepEqual(ctx.published, []);
  assert.equal(yields, 2);
  assert.equal(ctx.caches[0]!.misses, 2);
});

test('with the scheduler: an edit during a lint cancels it and only the new version is published', async () => {
  let release!: () => void;
  let firstYield!: () => void;
  const reachedYield = new Promise<void>((r) => (firstYield = r));
  let held = false;
  let done!: (p: PublishDiagnosticsParams) => void;
  const publishedP = new Promise<PublishDiagnosticsParams>((r) => (done = r));
  const ctx = setup({
    sliceMs: 0,
    yieldToEvents: () => {
      if (held) return Promise.resolve();
      held = true;
      firstYield();
      return new Promise<void>((r) => (release = r)); // the first lint waits here until the test lets it go
    },
    publish: (p) => {
      ctx.published.push(p);
      done(p);
    },
  });
  const errors: unknown[] = [];
  const scheduler = new Scheduler(ctx.linter.run, (_uri, e) => errors.push(e));
  const text = DOCS.join('---\n');
  ctx.open(1, text);
  scheduler.schedule(URI, 0);
  await reachedYield;
  // didChange: the document changes and is scheduled again, which cancels the running lint.
  ctx.open(2, text.replace(/name: (\S+)/, 'name: $1-renamed'));
  scheduler.schedule(URI, 0);
  const p = await publishedP;
  release();
  assert.equal(p.version, 2);
  // Let the cancelled run finish its last step: it must not publish.
  await new Promise<void>((r) => setImmediate(r));
  assert.deepEqual(
    ctx.published.map((x) => x.version),
    [2],
  );
  assert.deepEqual(errors, []);
  assert.deepStrictEqual(p.diagnostics, await fresh(ctx.docs.get(URI)!.getText(), 2));
  scheduler.dispose();
});

test('a Dockerfile and an empty YAML file go through the same job', async () => {
  const ctx = setup();
  ctx.docs.set('file:///w/Dockerfile', TextDocument.create('file:///w/Dockerfile', 'dockerfile', 1, 'FROM nginx:latest\nUSER root\n'));
  await ctx.linter.run('file:///w/Dockerfile', never);
  assert.ok(ctx.published[0]!.diagnostics.some((d) => d.code === 'image-latest-tag'));
  ctx.open(1, '');
  await ctx.linter.run(URI, never);
  assert.deepEqual(ctx.published[1]!.diagnostics, []);
});
