import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, podRuleTests, workload } from '../../helpers/rule-tester';

const D = 'sha256:' + 'ab'.repeat(32);

podRuleTests('image-not-pinned', {
  valid: [
    { name: 'a digest', podSpec: `containers:\n- name: web\n  image: nginx@${D}\n` },
    { name: 'a tag and a digest', podSpec: `containers:\n- name: web\n  image: registry.k8s.io/pause:3.10@${D}\n` },
    { name: 'a sha512 digest', podSpec: `containers:\n- name: web\n  image: ghcr.io/acme/web@sha512:${'cd'.repeat(64)}\n` },
    { name: 'an invalid reference is not judged', podSpec: `containers:\n- name: web\n  image: nginx@sha256:abc\n` },
    // Issue 20: image-latest-tag reports these tokens; the same token gets one finding.
    { name: ':latest is image-latest-tag\'s finding, not reported again', podSpec: `containers:\n- name: web\n  image: nginx:latest\n` },
    { name: 'no tag is image-latest-tag\'s finding, not reported again', podSpec: `containers:\n- name: web\n  image: 'ghcr.io/acme/web'\n` },
  ],
  invalid: [
    {
      name: 'a tag only',
      podSpec: `containers:\n- name: web\n  image: nginx:1.27.3\n`,
      errors: [{ at: 'nginx:1.27.3', message: ['Container "web"', '"nginx:1.27.3"', 'without a digest'] }],
    },
    {
      name: 'a latest image and a tagged one: only the tagged one is reported here',
      podSpec: `containers:\n- name: web\n  image: nginx:latest\n- name: sidecar\n  image: envoyproxy/envoy:v1.31.0\n`,
      errors: [{ at: 'envoyproxy/envoy:v1.31.0', message: 'Container "sidecar"' }],
    },
    {
      name: 'every kind of container, each reported once',
      podSpec: `initContainers:\n- name: setup\n  image: busybox:1.36\ncontainers:\n- name: web\n  image: nginx@${D}\n- name: sidecar\n  image: envoyproxy/envoy:v1.31.0\nephemeralContainers:\n- name: debug\n  image: busybox:1.36\n`,
      errors: [
        { at: 'busybox:1.36', message: 'Init container "setup"' },
        { at: 'envoyproxy/envoy:v1.31.0', message: 'Container "sidecar"' },
        { at: 'busybox:1.36', occurrence: 1, message: 'Ephemeral container "debug"' },
      ],
    },
  ],
});

test('issue 20: a :latest image gets one finding on its token (image-latest-tag), a pinned-less tag gets image-not-pinned', () => {
  const text = workload('Deployment', `containers:\n- name: web\n  image: nginx:latest\n- name: api\n  image: ghcr.io/acme/api\n- name: sidecar\n  image: envoyproxy/envoy:v1.31.0\n`);
  const on = (token: string) => {
    const start = text.indexOf(token);
    return ['image-latest-tag', 'image-not-pinned'].flatMap((id) => findingsOf(id, text).filter((f) => f.span.start === start).map((f) => f.ruleId));
  };
  assert.deepEqual(on('nginx:latest'), ['image-latest-tag']);
  assert.deepEqual(on('ghcr.io/acme/api'), ['image-latest-tag']);
  assert.deepEqual(on('envoyproxy/envoy:v1.31.0'), ['image-not-pinned']);
});
