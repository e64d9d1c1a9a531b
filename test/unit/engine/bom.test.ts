// A text that starts with a byte-order mark (U+FEFF), as a client that does not strip it sends it (issue 16): the
// same findings as without it, one character further, in YAML, compose files and Dockerfiles; comments, directives
// and template markers on the first line read as without the mark; fixes keep the mark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentCache, LineIndex, lintText, type FileKind } from '../../../server/src/engine';
import { lintYamlChunks } from '../../../server/src/engine/lint';
import { yamlFindingsAt, yamlLintFindings } from '../../../server/src/engine/yaml-lint-result';
import { allResolved, type ResolvedFinding } from '../../helpers/resolved-fixes';
import { fixAll } from '../../../server/src/engine/fixes/apply';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: a
spec:
  containers:
  - name: a
    image: nginx:1.2
    securityContext:
      privileged: true
`;

const CASES: Array<{ name: string; kind: FileKind; text: string; fileName?: string }> = [
  { name: 'a directive on the first line', kind: 'yaml', text: `# shipshape-disable privileged-container -- test\n${POD}---\n${POD.replace('name: a\nspec', 'name: b\nspec:\n  hostPID: true\nx')}` },
  { name: 'a stale directive on the first line', kind: 'yaml', text: `# shipshape-disable-next-line host-pid -- test\n${POD}` },
  { name: 'a document marker on the first line', kind: 'yaml', text: `---\n${POD}---\n${POD}` },
  { name: 'a compose file', kind: 'yaml', text: 'services:\n  web:\n    image: nginx\n    privileged: true\n', fileName: 'docker-compose.yml' },
  { name: 'a kubeconfig', kind: 'yaml', text: 'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://x\n    insecure-skip-tls-verify: true\nusers: []\ncontexts: []\n', fileName: 'kubeconfig' },
  { name: 'a Helm template', kind: 'yaml', text: '{{ if .Values.x }}\napiVersion: v1\n{{ end }}\n' },
  { name: 'a broken document', kind: 'yaml', text: 'a: [\n' },
  { name: 'a Dockerfile directive on the first line', kind: 'dockerfile', text: '# shipshape-disable-next-line dockerfile-root-user -- x\nFROM ubuntu:22.04\nUSER root\n' },
  { name: 'a Dockerfile parser directive', kind: 'dockerfile', text: '# syntax=docker/dockerfile:1\nFROM ubuntu:latest\nRUN sudo ls\n' },
];

const moved = (findings: readonly ResolvedFinding[], by: number) => findings.map((f) => ({ ...f, span: { start: f.span.start + by, end: f.span.end + by }, ...(f.fixes ? { fixes: f.fixes.map((x) => ({ ...x, edits: x.edits.map((e) => ({ ...e, start: e.start + by, end: e.end + by })) })) } : {}) }));

test('the findings of a text with a byte-order mark are those without it, one character further', () => {
  for (const c of CASES) {
    const plain = allResolved(lintText(c.text, c.kind, { fileName: c.fileName }));
    assert.ok(plain.length > 0, c.name);
    assert.deepEqual(allResolved(lintText('\ufeff' + c.text, c.kind, { fileName: c.fileName })), moved(plain, 1), c.name);
  }
});

test('the language server path: per-document chunks whose texts and offsets give the same positions, cached', () => {
  const text = '\ufeff' + CASES[0]!.text;
  const cache = new DocumentCache();
  for (let round = 0; round < 2; round++) {
    const lint = lintYamlChunks(text, { cache });
    assert.equal(lint.chunks.map((c) => c.text).join(''), text, 'the chunks cover the text, the mark in the first');
    const full = new LineIndex(text);
    for (const chunk of lint.chunks) {
      const local = new LineIndex(chunk.text);
      const firstLine = full.position(chunk.offset).line;
      for (const f of chunk.result.findings) {
        const a = local.position(f.span.start);
        const b = full.position(chunk.offset + f.span.start);
        assert.deepEqual({ line: firstLine + a.line, character: a.character }, b, f.ruleId);
      }
    }
    assert.deepEqual(allResolved(yamlLintFindings(lint)), allResolved(lintText(text, 'yaml')));
  }
  const hostPid = lintText(text, 'yaml').find((f) => f.ruleId === 'host-pid')!;
  assert.equal(text.slice(hostPid.span.start, hostPid.span.end), 'hostPID: true');
});

test('code actions: the findings of the document at an offset of a text with a byte-order mark, with fixes', () => {
  const text = '\ufeff' + POD + '---\n' + POD;
  const all = allResolved(lintText(text, 'yaml'));
  const lint = lintYamlChunks(text);
  const second = all.filter((f) => f.span.start > text.indexOf('---'));
  assert.ok(second.some((f) => f.fixes));
  assert.deepEqual(allResolved(yamlFindingsAt(lint, second[0]!.span.start)), second);
  assert.deepEqual(allResolved(yamlFindingsAt(lint, 0)), all.filter((f) => f.span.start < text.indexOf('---')));
});

test('fix-all keeps the byte-order mark and fixes what it fixes without it', () => {
  for (const kind of ['yaml', 'dockerfile'] as const) {
    const text = kind === 'yaml' ? POD : 'FROM ubuntu:22.04\nRUN apt-get install -y curl\n';
    const plain = fixAll(text, kind);
    const marked = fixAll('\ufeff' + text, kind);
    assert.equal(marked.text, '\ufeff' + plain.text, kind);
    assert.equal(marked.applied, plain.applied, kind);
    if (kind === 'yaml') assert.ok(plain.applied > 0);
  }
});
