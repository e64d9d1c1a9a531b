// Pieces of the in-process kustomize build: the content hash, Secret encoding, images, name
// references, label field specs, provenance of transformer-set values, and problems at their lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { isScalar, type Node } from 'yaml';
import { buildKustomization, isKustomizationFile } from '../../../server/src/engine/project/kustomize/build';
import { contentHash, goJson, sha256Hex } from '../../../server/src/engine/project/kustomize/hash';
import { secretValue } from '../../../server/src/engine/project/kustomize/generators';
import { imageMatches, splitImage, updateImage } from '../../../server/src/engine/project/kustomize/images';
import { goYamlDate, goYamlNumber } from '../../../server/src/engine/project/kustomize/scalars';
import { splitFieldPath } from '../../../server/src/engine/project/kustomize/replacements';
import { serializeObjects } from '../../../server/src/engine/project/kustomize/serialize';
import type { BuiltObject, KustomizeBuild } from '../../../server/src/engine/project/types';
import { memoryHost } from '../../helpers/kustomize-host';

function object(build: KustomizeBuild, kind: string, name: string): BuiltObject {
  const found = build.objects.find((o) => o.node.get('kind') === kind && (o.node.getIn(['metadata', 'name']) as string) === name);
  assert.ok(found, `${kind}/${name} in ${build.objects.map((o) => `${o.node.get('kind')}/${o.node.getIn(['metadata', 'name'])}`).join(', ')}`);
  return found;
}

/** The text an origin points at. */
function at(files: Record<string, string>, build: BuiltObject, path: (string | number)[]): { file: string; text: string; via?: string; key?: string } {
  const node = build.node.getIn(path, true) as Node;
  const origin = build.provenance.get(node);
  assert.ok(origin, `no origin for ${path.join('.')}`);
  const text = files[origin.file]!;
  return { file: origin.file, text: text.slice(origin.span.start, origin.span.end), via: origin.via, key: origin.keySpan ? text.slice(origin.keySpan.start, origin.keySpan.end) : undefined };
}

test('isKustomizationFile: the three names kustomize reads', () => {
  for (const name of ['/r/kustomization.yaml', '/r/kustomization.yml', '/r/Kustomization']) assert.equal(isKustomizationFile(name), true, name);
  for (const name of ['/r/kustomization.json', '/r/my-kustomization.yaml', '/r/Kustomization.yaml', '/r/kustomization.yaml/x']) assert.equal(isKustomizationFile(name), false, name);
});

test('sha256 agrees with node:crypto (padding boundaries, multi-byte UTF-8)', () => {
  for (const s of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(63), 'a'.repeat(64), 'a'.repeat(1000), 'héllo ✓ 😀 \u2028']) {
    assert.equal(sha256Hex(s), createHash('sha256').update(s, 'utf8').digest('hex'), JSON.stringify(s).slice(0, 20));
  }
});

test('content hash: as kubectl names generated objects (values from the golden output)', () => {
  // secretGenerator with no data: kubectl named it empty-secret-46f8b28mk5 (fixtures/kustomize/generators).
  assert.equal(contentHash({ kind: 'Secret', type: 'Opaque', data: {}, metadata: { name: 'empty-secret' } }), '46f8b28mk5');
  // The name does not enter the hash (kustomize looks it up as the field "metadata/name").
  assert.equal(contentHash({ kind: 'Secret', type: 'Opaque', data: {}, metadata: { name: 'other' } }), '46f8b28mk5');
  // Go's encoding/json: sorted keys, HTML characters escaped.
  assert.equal(goJson({ b: '<&>', a: 1 }), '{"a":1,"b":"\\u003c\\u0026\\u003e"}');
  const hash = contentHash({ kind: 'ConfigMap', data: { a: 'b' } });
  assert.match(hash, /^[^013ae]{10}$/);
  assert.notEqual(contentHash({ kind: 'ConfigMap', data: { a: 'c' } }), hash);
});

test('Secret values: base64, in lines of 70 each ending in a newline once longer than one line', () => {
  assert.equal(secretValue('admin'), 'YWRtaW4=');
  assert.equal(secretValue(''), '');
  const long = secretValue('x'.repeat(60));
  assert.deepEqual(long.split('\n').map((l) => l.length), [70, 10, 0]);
  assert.equal(Buffer.from(long.replace(/\n/g, ''), 'base64').toString(), 'x'.repeat(60));
});

test('images: split, match and update as kustomize does', () => {
  assert.deepEqual(splitImage('registry:5000/team/app:1.0@sha256:abc'), { name: 'registry:5000/team/app', tag: '1.0', digest: 'sha256:abc' });
  assert.deepEqual(splitImage('nginx'), { name: 'nginx', tag: '', digest: '' });
  assert.deepEqual(splitImage('nginx@sha256:abc'), { name: 'nginx', tag: '', digest: 'sha256:abc' });
  assert.equal(imageMatches('nginx:1.25', 'nginx'), true);
  assert.equal(imageMatches('nginx-extra:1.25', 'nginx'), false);
  assert.equal(imageMatches('docker.io/nginx', 'nginx'), false);
  assert.equal(updateImage('nginx:1.25', { name: 'nginx', newTag: '1.27' }), 'nginx:1.27');
  assert.equal(updateImage('nginx:1.25', { name: 'nginx', digest: 'sha256:ff' }), 'nginx@sha256:ff');
  assert.equal(updateImage('nginx:1.25', { name: 'nginx', newName: 'mirror/nginx' }), 'mirror/nginx:1.25');
  assert.equal(updateImage('nginx:1.25', { name: 'nginx', tagSuffix: '-debug' }), 'nginx:1.25-debug');
  assert.equal(updateImage('redis:7', { name: 'nginx', newTag: 'x' }), 'redis:7');
});

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      serviceAccountName: web
      containers:
      - name: web
        image: nginx:1.25
        envFrom:
        - configMapRef:
            name: settings
      volumes:
      - name: s
        secret:
          secretName: creds
`;

test('name references follow prefixes and hashes; the new value points at the line that renamed it', () => {
  const files: Record<string, string> = {
    '/r/base/kustomization.yaml': 'resources:\n- deploy.yaml\n- sa.yaml\nconfigMapGenerator:\n- name: settings\n  literals:\n  - A=1\n',
    '/r/base/deploy.yaml': DEPLOYMENT,
    '/r/base/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: web\n',
    '/r/app/kustomization.yaml': 'resources:\n- ../base\nnamePrefix: prod-\nnamespace: prod\n',
  };
  const build = buildKustomization('/r/app', memoryHost(files));
  assert.deepEqual(build.problems, []);
  const deploy = object(build, 'Deployment', 'prod-web');
  const spec = ['spec', 'template', 'spec'];
  assert.equal(deploy.node.getIn([...spec, 'serviceAccountName']), 'prod-web');
  const cm = build.objects.find((o) => o.node.get('kind') === 'ConfigMap')!;
  const cmName = cm.node.getIn(['metadata', 'name']) as string;
  assert.match(cmName, /^prod-settings-[a-z0-9]{10}$/);
  assert.equal(deploy.node.getIn([...spec, 'containers', 0, 'envFrom', 0, 'configMapRef', 'name']), cmName);
  // A reference to an object not in the build is left alone.
  assert.equal(deploy.node.getIn([...spec, 'volumes', 0, 'secret', 'secretName']), 'creds');
  // Where the values come from.
  assert.deepEqual(at(files, deploy, ['metadata', 'name']), { file: '/r/app/kustomization.yaml', text: 'prod-', via: 'namePrefix', key: 'namePrefix' });
  assert.equal(at(files, deploy, ['metadata', 'namespace']).text, 'prod');
  assert.equal(at(files, deploy, [...spec, 'serviceAccountName']).via, 'namePrefix');
  assert.deepEqual(at(files, deploy, [...spec, 'containers', 0, 'image']), { file: '/r/base/deploy.yaml', text: 'nginx:1.25', via: undefined, key: 'image' });
  assert.deepEqual(at(files, cm, ['data', 'A']), { file: '/r/base/kustomization.yaml', text: 'A=1', via: 'configMapGenerator', key: undefined });
  // The generated name was last changed by the prefix (the hash keeps the name's origin).
  assert.equal(at(files, cm, ['metadata', 'name']).text, 'prod-');
  assert.deepEqual([...build.kustomizations], ['/r/base/kustomization.yaml']);
  assert.deepEqual([...build.resources].sort(), ['/r/base/deploy.yaml', '/r/base/sa.yaml']);
  assert.deepEqual([...build.inputs].sort(), ['/r/app/kustomization.yaml', '/r/base/deploy.yaml', '/r/base/kustomization.yaml', '/r/base/sa.yaml']);
});

test('commonLabels reach selectors and pod template labels (kustomize field specs); labels without includeSelectors do not', () => {
  const files: Record<string, string> = {
    '/r/kustomization.yaml': 'resources:\n- d.yaml\n- svc.yaml\ncommonLabels:\n  team: a\nlabels:\n- pairs:\n    env: dev\nimages:\n- name: nginx\n  newTag: "1.27"\n',
    '/r/d.yaml': DEPLOYMENT,
    '/r/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n',
  };
  const build = buildKustomization('/r', memoryHost(files));
  const deploy = object(build, 'Deployment', 'web');
  const json = deploy.node.toJSON() as { metadata: { labels: unknown }; spec: { selector: unknown; template: { metadata: { labels: unknown } } } };
  assert.deepEqual(json.spec.selector, { matchLabels: { team: 'a' } });
  assert.deepEqual(json.spec.template.metadata.labels, { team: 'a' });
  assert.deepEqual(json.metadata.labels, { env: 'dev', team: 'a' });
  assert.deepEqual((object(build, 'Service', 'web').node.toJSON() as { spec: unknown }).spec, { selector: { team: 'a' } });
  assert.deepEqual(at(files, deploy, ['spec', 'template', 'metadata', 'labels', 'team']), { file: '/r/kustomization.yaml', text: 'a', via: 'commonLabels', key: 'team' });
  assert.deepEqual(at(files, deploy, ['spec', 'template', 'spec', 'containers', 0, 'image']), { file: '/r/kustomization.yaml', text: '"1.27"', via: 'images', key: 'newTag' });
  assert.deepEqual(build.problems, []);
});

test('problems: at the offending line, and the rest is built', () => {
  const files: Record<string, string> = {
    '/r/kustomization.yaml': [
      'resources:',
      '- cm.yaml',
      '- missing.yaml',
      '- github.com/example/repo//deploy?ref=v1',
      '- https://example.com/manifests.yaml',
      '- ../loop',
      'components:',
      '- https://github.com/example/components//tls?ref=main',
      'helmCharts:',
      '- name: redis',
      'namePrefx: x-',
      '',
    ].join('\n'),
    '/r/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n',
    '/loop/kustomization.yaml': 'resources:\n- ../r\n',
  };
  const build = buildKustomization('/r', memoryHost(files));
  const text = files['/r/kustomization.yaml']!;
  const problems = build.problems.map((p) => ({ file: p.file, at: (files[p.file] ?? '').slice(p.span.start, p.span.end), severity: p.severity }));
  assert.deepEqual(problems.filter((p) => p.file === '/r/kustomization.yaml').sort((a, b) => text.indexOf(a.at) - text.indexOf(b.at)), [
    { file: '/r/kustomization.yaml', at: 'missing.yaml', severity: 'error' },
    { file: '/r/kustomization.yaml', at: 'github.com/example/repo//deploy?ref=v1', severity: 'info' },
    { file: '/r/kustomization.yaml', at: 'https://example.com/manifests.yaml', severity: 'info' },
    { file: '/r/kustomization.yaml', at: 'https://github.com/example/components//tls?ref=main', severity: 'info' },
    { file: '/r/kustomization.yaml', at: '- name: redis\n', severity: 'info' },
    { file: '/r/kustomization.yaml', at: 'namePrefx', severity: 'error' },
  ]);
  assert.ok(build.problems.find((p) => p.message.includes('namePrefx'))!.message.includes('unknown field'));
  assert.ok(build.problems.find((p) => p.severity === 'info' && p.message.includes('github.com'))!.message.includes('not fetched'));
  // The cycle is reported where it closes (the loop's entry back to /r).
  assert.ok(problems.some((p) => p.file === '/loop/kustomization.yaml' && p.at === '../r' && p.severity === 'error'));
  assert.deepEqual(build.objects.map((o) => o.node.getIn(['metadata', 'name'])), ['cm']);
});

test('problems: invalid kustomization YAML at the error; a resource without kind; no kustomization', () => {
  const files: Record<string, string> = {
    '/a/kustomization.yaml': 'resources:\n  - a.yaml\n  b: [\n',
    '/b/kustomization.yaml': 'resources:\n- x.yaml\n',
    '/b/x.yaml': 'apiVersion: v1\nmetadata:\n  name: nokind\n',
    '/c/readme.md': 'hi',
  };
  const host = memoryHost(files);
  const a = buildKustomization('/a', host);
  assert.equal(a.problems.length, 1);
  assert.equal(a.problems[0]!.severity, 'error');
  assert.ok(a.problems[0]!.span.start > 0);
  const b = buildKustomization('/b', host);
  assert.equal(b.problems[0]!.file, '/b/x.yaml');
  assert.deepEqual(b.objects, []);
  const c = buildKustomization('/c', host);
  assert.equal(c.problems.length, 1);
  assert.match(c.problems[0]!.message, /no kustomization/);
});

test('nothing throws out of the build on odd input', () => {
  const odd = ['', 'null', '[1, 2]', 'resources: 3', 'resources:\n- {a: 1}', 'namespace: [x]', 'commonLabels: [a]', 'images: {}', 'replicas:\n- name: x', 'labels:\n- 3', 'configMapGenerator: 1', 'configMapGenerator:\n- literals: [a=b]', 'secretGenerator:\n- name: s\n  literals: [=b]', 'patches:\n- 1', 'components: [1]', 'kind: Other'];
  for (const text of odd) {
    const build = buildKustomization('/o', memoryHost({ '/o/kustomization.yaml': text }));
    assert.ok(Array.isArray(build.objects), text);
  }
});

test('serializeObjects: one YAML document per object, reading back as the same data, YAML 1.1 strings quoted', () => {
  const files: Record<string, string> = {
    '/r/kustomization.yaml': 'resources:\n- d.yaml\nsecretGenerator:\n- name: s\n  literals:\n  - k=v\nconfigMapGenerator:\n- name: c\n  literals:\n  - flag=yes\n  - other=on\n',
    '/r/d.yaml': DEPLOYMENT,
  };
  const build = buildKustomization('/r', memoryHost(files));
  const text = serializeObjects(build.objects);
  assert.equal(text.split(/^---$/m).length, 3);
  assert.match(text, /^apiVersion: v1\nkind: ConfigMap\n/);
  assert.match(text, /flag: "yes"\n/);
  assert.match(text, /other: "on"\n/);
  const name = build.objects[1]!.node.getIn(['metadata', 'name'], true);
  assert.ok(isScalar(name) && (name.value as string).startsWith('s-'));
});

test('resource scalars as go-yaml reads them: octal, underscores, prefixes, dates', () => {
  const cases: [string, number | undefined][] = [['014', 12], ['-014', -12], ['08', 8], ['0b101', 5], ['0B11', 3], ['0O17', 15], ['0X1f', 31], ['1_000', 1000], ['0x_1F', 31], ['.5', 0.5], ['1e3', 1000], ['+12', 12], ['0', 0], ['1:20', undefined], ['yes', undefined], ['1.2.3', undefined], ['0x', undefined]];
  for (const [text, value] of cases) assert.equal(goYamlNumber(text), value, text);
  assert.equal(goYamlDate('2001-12-14'), '2001-12-14T00:00:00Z');
  assert.equal(goYamlDate('2001-2-3'), '2001-02-03T00:00:00Z');
  assert.equal(goYamlDate('2001-02-30'), undefined);
  assert.equal(goYamlDate('12:30:00'), undefined);
});

test('a kustomization with no field but apiVersion and kind is empty, as kubectl says', () => {
  const build = buildKustomization('/e', memoryHost({ '/e/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n' }));
  assert.equal(build.problems.length, 1);
  assert.match(build.problems[0]!.message, /is empty/);
});

test('replacement field paths split on dots outside list selectors', () => {
  assert.deepEqual(splitFieldPath('spec.template.spec.containers.[name=app.v1].env.[name=A].value'), ['spec', 'template', 'spec', 'containers', '[name=app.v1]', 'env', '[name=A]', 'value']);
  assert.deepEqual(splitFieldPath('metadata.name'), ['metadata', 'name']);
});

test('hostile resources: an alias bomb or extreme nesting is a problem on the file, quickly', () => {
  const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: b}', 'data:', '  a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 12; i++) bomb.push(`  l${i}: &l${i + 1} [${Array(10).fill(i === 0 ? '*a' : `*l${i}`).join(',')}]`);
  const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
  const started = Date.now();
  for (const text of [bomb.join('\n') + '\n', deep]) {
    const build = buildKustomization('/h', memoryHost({ '/h/kustomization.yaml': 'resources:\n- r.yaml\n', '/h/r.yaml': text }));
    assert.ok(build.problems.some((p) => p.severity === 'error' && p.file === '/h/r.yaml'), text.slice(0, 40));
    assert.deepEqual(build.objects, []);
  }
  assert.ok(Date.now() - started < 5000);
});
