// "Trust <registry> in .shipshape.yaml": minimal edits of a config file that keep everything else byte-identical,
// produce a valid config, and make untrusted-registry accept the image.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText, DEFAULT_SETTINGS } from '../../../server/src/engine';
import { addTrustedRegistry, newConfigTrusting, trustEntryFor } from '../../../server/src/engine/config/config-edit';
import { applyConfig, parseConfig } from '../../../server/src/engine/config/config-file';
import type { TextEdit } from '../../../server/src/engine';

function apply(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: ghcr.io/acme/api:1.4.2
`;

function untrusted(configText: string): number {
  const parsed = parseConfig(configText);
  assert.deepEqual(parsed.problems, [], configText);
  const { settings } = applyConfig(DEFAULT_SETTINGS, parsed.config!, 'pod.yaml');
  return lintText(POD, 'yaml', { settings }).filter((f) => f.ruleId === 'untrusted-registry').length;
}

test('trustEntryFor: host plus organisation, or the host alone', () => {
  assert.equal(trustEntryFor('ghcr.io/acme/api:1.4.2'), 'ghcr.io/acme');
  assert.equal(trustEntryFor('quay.io/prometheus/node-exporter@sha256:' + 'a'.repeat(64)), 'quay.io/prometheus');
  assert.equal(trustEntryFor('registry.example.com:5000/api'), 'registry.example.com:5000');
  assert.equal(trustEntryFor('bitnami/redis:7'), 'docker.io/bitnami');
  assert.equal(trustEntryFor(''), undefined);
});

test('a new config trusts the registry on top of the defaults', () => {
  const text = newConfigTrusting('ghcr.io/acme');
  assert.equal(untrusted(text), 0);
  assert.equal(untrusted(''), 1, 'the pod is flagged without it');
  assert.ok(parseConfig(text).config!.trustedRegistries, 'extendDefaults keeps the default list');
  assert.deepEqual(parseConfig(text).config!.trustedRegistries, { extendDefaults: true, registries: ['ghcr.io/acme'] });
  assert.ok(newConfigTrusting('ghcr.io/acme', '\r\n').split('\n').slice(0, -1).every((l) => l.endsWith('\r')));
});

const CASES: { name: string; before: string; after: string }[] = [
  { name: 'empty file', before: '', after: 'trustedRegistries:\n  extendDefaults: true\n  registries:\n    - ghcr.io/acme\n' },
  { name: 'only comments', before: '# team config\n', after: '# team config\ntrustedRegistries:\n  extendDefaults: true\n  registries:\n    - ghcr.io/acme\n' },
  { name: 'no trustedRegistries, no final newline', before: 'profile: baseline', after: 'profile: baseline\ntrustedRegistries:\n  extendDefaults: true\n  registries:\n    - ghcr.io/acme\n' },
  {
    name: 'block list with comments, 4-space indentation',
    before: 'trustedRegistries:\n    - registry.k8s.io   # upstream\n    - quay.io/jetstack\n# rules below\nrules: {}\n',
    after: 'trustedRegistries:\n    - registry.k8s.io   # upstream\n    - quay.io/jetstack\n    - ghcr.io/acme\n# rules below\nrules: {}\n',
  },
  { name: 'flow list', before: 'trustedRegistries: [registry.k8s.io]\n', after: 'trustedRegistries: [registry.k8s.io, ghcr.io/acme]\n' },
  { name: 'empty flow list', before: 'trustedRegistries: []\n', after: 'trustedRegistries: [ghcr.io/acme]\n' },
  {
    name: 'object form',
    before: 'trustedRegistries:\n  registries:\n    - quay.io/jetstack\n  extendDefaults: true\n',
    after: 'trustedRegistries:\n  registries:\n    - quay.io/jetstack\n    - ghcr.io/acme\n  extendDefaults: true\n',
  },
  {
    name: 'object form without registries',
    before: 'trustedRegistries:\n  extendDefaults: true\nprofile: restricted\n',
    after: 'trustedRegistries:\n  registries:\n    - ghcr.io/acme\n  extendDefaults: true\nprofile: restricted\n',
  },
  { name: 'CRLF', before: 'trustedRegistries:\r\n  - quay.io/jetstack\r\n', after: 'trustedRegistries:\r\n  - quay.io/jetstack\r\n  - ghcr.io/acme\r\n' },
];

for (const c of CASES) {
  test(`addTrustedRegistry: ${c.name}`, () => {
    const edits = addTrustedRegistry(c.before, 'ghcr.io/acme');
    assert.ok(edits, 'an edit is offered');
    const after = apply(c.before, edits);
    assert.equal(after, c.after);
    assert.equal(untrusted(after), 0, 'the image is trusted afterwards');
  });
}

test('addTrustedRegistry offers nothing when the entry is there, or the file cannot be edited safely', () => {
  assert.equal(addTrustedRegistry('trustedRegistries: [ghcr.io/acme]\n', 'ghcr.io/acme'), undefined);
  assert.equal(addTrustedRegistry('trustedRegistries:\n  - ghcr.io/acme\n', 'ghcr.io/acme'), undefined);
  assert.equal(addTrustedRegistry('defaults: &d [a.io]\ntrustedRegistries: *d\n', 'ghcr.io/acme'), undefined, 'aliases');
  assert.equal(addTrustedRegistry('rules: [unclosed\n', 'ghcr.io/acme'), undefined, 'does not parse');
  assert.equal(addTrustedRegistry('{profile: baseline}\n', 'ghcr.io/acme'), undefined, 'flow map root');
  assert.equal(addTrustedRegistry('- a\n', 'ghcr.io/acme'), undefined, 'not a map');
});
