import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitYamlDocuments } from '../../../server/src/engine/parse/yaml';
import { DocumentCache, fileKindOf, lintYaml } from '../../../server/src/engine/lint';
import { LineIndex } from '../../../server/src/engine/text';
import { allResolved } from '../../helpers/resolved-fixes';

const POD = (name: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n${extra}  containers:\n  - name: c\n    securityContext:\n      privileged: true\n`;

test('split: chunks cover the file exactly and start at --- markers', () => {
  const text = `# lead comment\n${POD('a')}---\n${POD('b')}--- # trailing\n${POD('c')}---\n`;
  const chunks = splitYamlDocuments(text);
  assert.equal(chunks.map((c) => c.text).join(''), text);
  assert.equal(chunks.length, 4);
  assert.ok(chunks.slice(1).every((c) => c.text.startsWith('---')));
});

test('split: --- inside a line or a longer marker is not a boundary; directives stay with their document', () => {
  const text = `a: "x --- y"\nb: ----\nc: |\n  text\n  --- not a marker\n`;
  const chunks = splitYamlDocuments(text);
  assert.equal(chunks.length, 1);
  const directive = `%YAML 1.2\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: d\nspec:\n  hostIPC: true\n`;
  assert.equal(splitYamlDocuments(directive).length, 1);
  assert.deepEqual(lintYaml(directive).filter((f) => f.ruleId === 'yaml-syntax'), []);
});

test('findings in later documents carry file offsets', () => {
  const text = `${POD('a')}---\n${POD('b')}`;
  const findings = lintYaml(text).filter((f) => f.ruleId === 'privileged-container');
  assert.equal(findings.length, 2);
  const idx = new LineIndex(text);
  assert.deepEqual(findings.map((f) => idx.position(f.span.start).line), [8, 18]);
  assert.ok(findings.every((f) => text.slice(f.span.start, f.span.end) === 'privileged: true'));
  assert.deepEqual(findings.map((f) => f.object?.name), ['a', 'b']);
});

test('non-Kubernetes YAML, empty files and comments stay quiet', () => {
  for (const text of ['', '\n', '# only a comment\n', '---\n---\n', 'name: CI\non: [push]\njobs:\n  build:\n    runs-on: ubuntu-latest\n', 'kind: Pod\nspec:\n  hostPID: true\n', 'apiVersion: 3\nkind: Pod\n', '- a\n- b\n', 'just a string\n']) {
    assert.deepEqual(lintYaml(text), [], JSON.stringify(text));
  }
});

test('the document cache reuses unchanged documents and shifts their offsets', () => {
  const cache = new DocumentCache();
  const docs = Array.from({ length: 5 }, (_, i) => POD(`p${i}`));
  const before = docs.join('---\n');
  const first = lintYaml(before, { cache });
  assert.equal(cache.misses, 5);
  const edited = [POD('p0', '  hostPID: true\n'), ...docs.slice(1)].join('---\n');
  const second = lintYaml(edited, { cache });
  assert.equal(cache.misses, 6, 'only the edited document is linted again');
  assert.equal(cache.hits, 4);
  const uncached = lintYaml(edited);
  assert.deepEqual(allResolved(second), allResolved(uncached));
  assert.equal(second.length, first.length + 1);
});

test('CRLF files get spans on one line', () => {
  const text = POD('crlf').replace(/\n/g, '\r\n');
  const f = lintYaml(text).find((x) => x.ruleId === 'privileged-container')!;
  assert.equal(text.slice(f.span.start, f.span.end), 'privileged: true');
});

test('fileKindOf recognises YAML and Dockerfile names and language ids', () => {
  assert.equal(fileKindOf('/a/b/deploy.yaml'), 'yaml');
  assert.equal(fileKindOf('x.YML'), 'yaml');
  assert.equal(fileKindOf('Dockerfile'), 'dockerfile');
  assert.equal(fileKindOf('Dockerfile.alpine'), 'dockerfile');
  assert.equal(fileKindOf('Dockerfile-chroot'), 'dockerfile');
  assert.equal(fileKindOf('api.Dockerfile'), 'dockerfile');
  assert.equal(fileKindOf('Containerfile'), 'dockerfile');
  assert.equal(fileKindOf('notes.txt'), undefined);
  assert.equal(fileKindOf('untitled:1', 'yaml'), 'yaml');
  assert.equal(fileKindOf('/w/docker-compose.prod.yml', 'dockercompose'), 'yaml');
});

test('split: a ... document end marker ends its chunk; the next document starts after it, with or without ---', () => {
  const text = `${POD('a')}...\n${POD('b')}... # end\n---\n${POD('c')}...\n`;
  const chunks = splitYamlDocuments(text);
  assert.equal(chunks.map((c) => c.text).join(''), text);
  assert.deepEqual(
    chunks.map((c) => c.text.split('\n').find((l) => l.includes('name: ') && !l.includes('- name'))?.trim()),
    ['name: a', 'name: b', 'name: c'],
  );
  assert.ok(chunks[0]!.text.endsWith('...\n') && chunks[1]!.text.endsWith('... # end\n') && chunks[2]!.text.startsWith('---\n'));
  // `...` inside a line, longer runs of dots and indented dots are not markers.
  assert.equal(splitYamlDocuments(`a: "x ... y"\nb: ....\nc: |\n  ...\n`).length, 1);
  // CRLF and a lone CR end a marker line too.
  assert.equal(splitYamlDocuments(`a: 1\r\n...\r\nb: 2\r\n`).length, 2);
  assert.equal(splitYamlDocuments(`a: 1\r...\rb: 2\r`).length, 2);
});

test('a shipshape-disable at the top of a document does not leak past its ... end marker into the next document', () => {
  const text = `# shipshape-disable privileged-container -- node agent\n${POD('a')}...\n${POD('b')}`;
  const findings = lintYaml(text).filter((f) => f.ruleId === 'privileged-container' || f.ruleId === 'unused-suppression');
  assert.deepEqual(
    findings.map((f) => [f.ruleId, f.object?.name]),
    [['privileged-container', 'b']],
  );
  // A shipshape-disable after the ... marker (before the next document) covers that next document only.
  const after = `${POD('a')}...\n# shipshape-disable privileged-container -- node agent\n${POD('b')}`;
  assert.deepEqual(
    lintYaml(after)
      .filter((f) => f.ruleId === 'privileged-container' || f.ruleId === 'unused-suppression')
      .map((f) => [f.ruleId, f.object?.name]),
    [['privileged-container', 'a']],
  );
  // The same with a --- marker after the `...` and the comment before it.
  const before = `${POD('a')}...\n# shipshape-disable privileged-container -- node agent\n---\n${POD('b')}`;
  assert.deepEqual(
    lintYaml(before)
      .filter((f) => f.ruleId === 'privileged-container' || f.ruleId === 'unused-suppression')
      .map((f) => [f.ruleId, f.object?.name]),
    [['privileged-container', 'a']],
  );
});

/** Chunk starts by the YAML rule, line by line: a line starting with `---`, or the line after one starting with `...`, each followed by a blank, a break or the end. */
function referenceStarts(text: string): number[] {
  const lines: Array<{ start: number; next: number }> = [];
  for (let i = 0; i < text.length; ) {
    let end = i;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const next = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end < text.length ? end + 1 : end;
    lines.push({ start: i, next });
    i = next;
  }
  const marker = (at: number, m: string) => text.startsWith(m, at) && (at + 3 === text.length || ' \t\n\r'.includes(text[at + 3]!));
  const starts = new Set<number>();
  for (const { start, next } of lines) {
    if (marker(start, '---')) starts.add(start);
    if (marker(start, '...')) starts.add(next);
  }
  return [0, ...[...starts].filter((s) => s > 0 && s < text.length).sort((a, b) => a - b)];
}

test('split: chunk starts equal a line-by-line reading of the markers on 3,000 random texts (LF, CRLF, lone CR)', () => {
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pieces = ['---', '...', '-', '.', '\n', '\r\n', '\r', ' ', '\t', 'a: 1', '----', '....', '- x'];
  let boundaries = 0;
  for (let n = 0; n < 3000; n++) {
    let text = '';
    const len = 1 + Math.floor(random() * 30);
    for (let k = 0; k < len; k++) text += pieces[Math.floor(random() * pieces.length)];
    const chunks = splitYamlDocuments(text);
    assert.equal(chunks.map((c) => c.text).join(''), text, JSON.stringify(text));
    assert.deepEqual(
      chunks.map((c) => c.offset),
      referenceStarts(text),
      JSON.stringify(text),
    );
    boundaries += chunks.length - 1;
  }
  assert.ok(boundaries > 500, `${boundaries} boundaries`);
});
