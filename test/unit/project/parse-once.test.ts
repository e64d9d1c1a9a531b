// A project lint parses a plain YAML file's documents once (engine/parsed-chunks.ts): the project index parses them
// for its objects, and the file's own lint takes those parses instead of parsing the same text again. The findings
// (and every fix they offer) are the same as when each lint parses afresh, for fixture projects and for documents
// that stress what a parse carries: anchors and merge keys, a broken document, a template, the same document twice,
// a List, a custom workload kind, JSON, a byte-order mark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, findingFixes, lintText, type Finding } from '../../../server/src/engine';
import { fileKindOf } from '../../../server/src/engine/file-kind';
import { lintProject, type ProjectLintOptions } from '../../../server/src/engine/project/lint-project';
import { basenameOf } from '../../../server/src/engine/project/paths';
import type { ProjectHost } from '../../../server/src/engine/project/types';
import { splitYamlDocuments } from '../../../server/src/engine/parse/yaml';
import { diskHost, memoryHost } from '../../helpers/kustomize-host';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else out.push(p.split('\\').join('/'));
  }
  return out;
}

/** Findings with their fixes resolved, comparable as JSON. */
function resolved(result: Map<string, Finding[]>): unknown {
  return [...result].map(([file, list]) => [file, list.map((f) => ({ ...f, fixes: findingFixes(f).map((x) => ({ title: x.title, kind: x.kind, edits: x.edits })) }))]);
}

/** The project's findings as lintProject gives them, and as it gives them when every file's lint parses afresh. */
function both(host: ProjectHost, paths: string[], root: string): { shared: unknown; fresh: unknown; taken: number } {
  const base: ProjectLintOptions = { settingsFor: () => DEFAULT_SETTINGS, root };
  let taken = 0;
  const shared = lintProject(host, paths, {
    ...base,
    lintAlone: (path, text, settings, workloads, parsed) => {
      const findings = lintText(text, fileKindOf(path) ?? 'yaml', { settings, fileName: basenameOf(path), ...(workloads ? { workloads } : {}), ...(parsed ? { parsed } : {}) });
      // The lint took the index's parses: none is left for the file's documents.
      if (parsed) {
        for (const chunk of splitYamlDocuments(text.replace(/^\uFEFF/, ''))) assert.equal(parsed.take(chunk.text), undefined, `${path}: a parse left over`);
        taken++;
      }
      return findings;
    },
  });
  const fresh = lintProject(host, paths, { ...base, lintAlone: (path, text, settings, workloads) => lintText(text, fileKindOf(path) ?? 'yaml', { settings, fileName: basenameOf(path), ...(workloads ? { workloads } : {}) }) });
  return { shared: resolved(shared.files), fresh: resolved(fresh.files), taken };
}

test('the default lint of a project takes the index parses and finds what a fresh parse finds', () => {
  const root = join(FIXTURES, 'cli-jobs').split('\\').join('/');
  const paths = files(root);
  const host = diskHost();
  const defaults = lintProject(host, paths, { settingsFor: () => DEFAULT_SETTINGS, root });
  const { shared, fresh, taken } = both(host, paths, root);
  assert.ok(taken > 10, `the index's parses reached ${taken} lints`);
  assert.deepEqual(shared, fresh);
  assert.deepEqual(resolved(defaults.files), fresh);
});

for (const dir of ['project/relations', 'project/crd-workloads', 'project/broken', 'project/unhardened', 'project/argo']) {
  test(`${dir}: the same findings and fixes with the index parses as with fresh ones`, () => {
    const root = join(FIXTURES, dir).split('\\').join('/');
    const { shared, fresh } = both(diskHost(), files(root).filter((f) => /\.ya?ml$/.test(f)), root);
    assert.deepEqual(shared, fresh);
  });
}

test('documents that stress what a parse carries: the same findings and fixes', () => {
  const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n`;
  const host = memoryHost({
    '/p/anchors.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n        - &c\n          name: a\n          image: nginx\n          securityContext: &sc\n            privileged: true\n        - <<: *c\n          name: b\n          securityContext:\n            <<: *sc\n            runAsUser: 0\n`,
    '/p/many.yaml': `${pod('a')}---\n${pod('a')}---\nkind: Pod\nmetadata: {name: broken\n---\n${pod('b')}`,
    '/p/templated.yaml': `${pod('t')}---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Values.name }}\n`,
    '/p/list.yaml': `apiVersion: v1\nkind: List\nitems:\n  - ${pod('in-list').split('\n').join('\n    ')}`,
    '/p/json.yaml': JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'j' }, spec: { containers: [{ name: 'a', image: 'nginx' }] } }),
    '/p/bom.yaml': `\uFEFF${pod('bom')}`,
    '/p/crd.yaml': `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: runners.example.com}\nspec:\n  group: example.com\n  names: {kind: Runner, plural: runners}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                template:\n                  $ref: "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"\n`,
    '/p/runner.yaml': `apiVersion: example.com/v1\nkind: Runner\nmetadata: {name: r}\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: nginx\n          securityContext: {privileged: true}\n`,
  });
  const paths = ['/p/anchors.yaml', '/p/bom.yaml', '/p/crd.yaml', '/p/json.yaml', '/p/list.yaml', '/p/many.yaml', '/p/runner.yaml', '/p/templated.yaml'];
  const { shared, fresh, taken } = both(host, paths, '/p');
  assert.equal(taken, paths.length);
  assert.deepEqual(shared, fresh);
  const all = JSON.stringify(fresh);
  for (const rule of ['privileged-container', 'yaml-syntax', 'helm-template', 'image-latest-tag']) assert.ok(all.includes(`"ruleId":"${rule}"`), rule);
});
