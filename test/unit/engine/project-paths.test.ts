// Project paths (POSIX, no node:path in the engine) and provenance copies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument, isMap, isScalar, type YAMLMap, type Scalar } from 'yaml';
import { basenameOf, dirnameOf, joinPath, normalizePath, relativePath } from '../../../server/src/engine/project/paths';
import { Provenance, type KustomizeBuild, type ProjectHost } from '../../../server/src/engine/project/types';

test('paths: normalize, join, dirname, basename, relative', () => {
  assert.equal(normalizePath('/a//b/./c/../d'), '/a/b/d');
  assert.equal(normalizePath('a/../../b'), '../b');
  assert.equal(normalizePath('/..'), '/');
  assert.equal(joinPath('/repo/overlays/prod', '../../base', 'deployment.yaml'), '/repo/base/deployment.yaml');
  assert.equal(joinPath('/repo/a', '/abs/b'), '/abs/b');
  assert.equal(dirnameOf('/repo/kustomization.yaml'), '/repo');
  assert.equal(dirnameOf('/k.yaml'), '/');
  assert.equal(dirnameOf('k.yaml'), '.');
  assert.equal(basenameOf('/repo/base/'), 'base');
  assert.equal(relativePath('/repo/overlays/prod', '/repo/base/d.yaml'), '../../base/d.yaml');
  assert.equal(relativePath('/repo', '/repo'), '.');
});

test('provenance: a copy keeps every node\'s origin, and changing the copy leaves the source alone', () => {
  const doc = parseDocument('spec:\n  a: 1\n  list: [x, y]\n');
  const prov = new Provenance();
  const root = doc.contents as YAMLMap;
  const spec = root.get('spec', true) as unknown as YAMLMap;
  const a = spec.get('a', true) as Scalar;
  prov.set(spec, { file: '/f.yaml', span: { start: 8, end: 30 } });
  prov.set(a, { file: '/f.yaml', span: { start: 11, end: 12 }, keySpan: { start: 8, end: 9 } });
  const copy = prov.copy(spec);
  const ca = copy.get('a', true);
  assert.ok(isScalar(ca) && ca !== a);
  assert.deepEqual(prov.get(ca), { file: '/f.yaml', span: { start: 11, end: 12 }, keySpan: { start: 8, end: 9 } });
  assert.equal(prov.get(copy)?.file, '/f.yaml');
  copy.set('a', 2);
  assert.equal(a.value, 1);
  assert.ok(isMap(copy));
  // The host and build types are the contract of the project layer's adapters.
  const host: ProjectHost = { readFile: () => undefined, readDirectory: () => undefined };
  const build: KustomizeBuild = { file: '/k.yaml', objects: [], problems: [], inputs: new Set(), patches: new Set(), resources: new Set(), kustomizations: new Set() };
  assert.equal(host.readFile(build.file), undefined);
});
