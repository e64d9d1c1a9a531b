// Fixes are lazy (ESLint-style): a finding carries a function that builds its fixes when asked. They are
// built once, from the parsed document of the lint that reported them, also for findings a cache kept and
// moved; and yamlFindingsAt gives a code action the findings, fixes included, of just the document it needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkIndexAt, DocumentCache, findingFixes, lintText, type FileKind, type Finding } from '../../../server/src/engine';
import { lintYamlChunks } from '../../../server/src/engine/lint';
import { yamlFindingsAt, yamlLintFindings } from '../../../server/src/engine/yaml-lint-result';
import { lintCount } from '../../../server/src/engine/lint-count';
import { splitYamlDocuments } from '../../../server/src/engine/parse/yaml';
import { allResolved } from '../../helpers/resolved-fixes';

const EXAMPLES = join(__dirname, '..', '..', '..', 'examples');

/** Every example file (YAML manifests, compose files, Dockerfiles) with its kind. */
const FILES: Array<{ name: string; kind: FileKind; text: string }> = readdirSync(EXAMPLES, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => join(e.parentPath ?? e.path, e.name))
  .sort()
  .flatMap((path) => {
    const kind: FileKind | undefined = /\.ya?ml$/.test(path) ? 'yaml' : /Dockerfile/.test(path) ? 'dockerfile' : undefined;
    return kind ? [{ name: path.slice(EXAMPLES.length + 1), kind, text: readFileSync(path, 'utf8') }] : [];
  });

const fixCount = (findings: readonly Finding[]) => findings.reduce((n, f) => n + findingFixes(f).length, 0);

test('a finding builds its fixes once, on the first call', () => {
  let fixes = 0;
  for (const { kind, text } of FILES) {
    for (const f of lintText(text, kind)) {
      if (!f.fixes) continue;
      const first = findingFixes(f);
      assert.equal(findingFixes(f), first, `${f.ruleId}: the same array on the second call`);
      fixes += first.length;
    }
  }
  // Not vacuous: the examples have fixes.
  assert.ok(fixes > 100, `${fixes} fixes`);
});

test('findings a cache kept, moved by an edit above them, build the fixes a fresh lint builds', () => {
  const text = readFileSync(join(EXAMPLES, 'insecure', 'deployment.yaml'), 'utf8');
  const two = `${text.replace(/\n*$/, '\n')}---\n${text}`;
  const cache = new DocumentCache();
  lintText(two, 'yaml', { cache });
  const edited = `# a comment\n${two}`;
  const misses = cache.misses;
  const cached = lintText(edited, 'yaml', { cache });
  assert.equal(cache.misses, misses + 1, 'only the edited document was linted again');
  assert.ok(fixCount(cached) > 0);
  assert.deepEqual(allResolved(cached), allResolved(lintText(edited, 'yaml')));
});

test('the cache keeps the parsed documents of the documents it linted last; fixes of the others come from a lint of that document again', () => {
  const text = readFileSync(join(EXAMPLES, 'insecure', 'deployment.yaml'), 'utf8').replace(/\n*$/, '\n');
  const three = [1, 2, 3].map((i) => text.replace(/name: (\S+)/, `name: app-${i}`)).join('---\n');
  const lint = lintYamlChunks(three, { cache: new DocumentCache(20000, 1) });
  assert.equal(lint.chunks.length, 3);
  const inChunk = (i: number) => lint.chunks[i]!.result.findings.filter((f) => f.fixes);
  assert.ok(inChunk(0).length > 1 && inChunk(2).length > 0);
  const linted = (fn: () => void): number => {
    const before = lintCount.documents;
    fn();
    return lintCount.documents - before;
  };
  assert.equal(linted(() => findingFixes(inChunk(2)[0]!)), 0, 'the last document linted kept its parsed document');
  assert.equal(linted(() => findingFixes(inChunk(0)[0]!)), 1, 'the first document is linted again for its fixes');
  assert.equal(linted(() => findingFixes(inChunk(0)[1]!)), 0, '... once');
  assert.deepEqual(allResolved(yamlLintFindings(lint)), allResolved(lintText(three, 'yaml')));
});

test('a JSON manifest gets no fixes: its findings carry no fixes function at all', () => {
  const text = '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "a", "image": "nginx:1.27", "securityContext": {"privileged": true}}]}}\n';
  const findings = lintText(text, 'yaml');
  assert.ok(findings.some((f) => f.ruleId === 'privileged-container'));
  assert.ok(findings.every((f) => f.fixes === undefined));
});

test('yamlFindingsAt: the findings, with fixes, of the document holding an offset', () => {
  const text = FILES.filter((f) => f.kind === 'yaml' && f.name.startsWith('insecure'))
    .map((f) => f.text.replace(/\n*$/, '\n'))
    .join('---\n');
  const chunks = splitYamlDocuments(text);
  assert.ok(chunks.length > 20, `${chunks.length}`);
  const full = allResolved(lintText(text, 'yaml'));
  const lint = lintYamlChunks(text);
  const inChunk = (i: number) => (f: { span: { start: number } }) => f.span.start >= chunks[i]!.offset && (i + 1 === chunks.length || f.span.start < chunks[i + 1]!.offset);
  let checked = 0;
  for (let i = 0; i < chunks.length; i++) {
    const expected = full.filter(inChunk(i));
    if (expected.length === 0) continue;
    checked++;
    // Any offset inside the document selects it: its first finding's, and its last character's.
    const last = (i + 1 === chunks.length ? text.length : chunks[i + 1]!.offset) - 1;
    assert.deepEqual(allResolved(yamlFindingsAt(lint, expected[0]!.span.start)), expected, `document ${i}`);
    assert.deepEqual(allResolved(yamlFindingsAt(lint, last)), expected, `document ${i} (its last character)`);
    assert.equal(chunkIndexAt(chunks, last), i);
  }
  assert.ok(checked > 20, `${checked}`);
  assert.ok(full.some((f) => f.fixes));
  assert.deepEqual(yamlFindingsAt(lintYamlChunks('\u0000\u0001\u0002binary\u0000'), 0).map((f) => f.ruleId), ['binary-file']);
});

test('chunkIndexAt: the chunk whose range holds the offset', () => {
  const chunks = [{ offset: 0 }, { offset: 10 }, { offset: 25 }];
  const at = (n: number) => chunkIndexAt(chunks, n);
  assert.deepEqual([0, 9, 10, 24, 25, 1000, -1].map(at), [0, 0, 1, 1, 2, 2, 0]);
  assert.equal(chunkIndexAt([{ offset: 0 }], 5), 0);
});
