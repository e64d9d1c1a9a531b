import { podRuleTests } from '../../helpers/rule-tester';

const D = 'sha256:' + 'ab'.repeat(32);

podRuleTests('image-not-pinned', {
  valid: [
    { name: 'a digest', podSpec: `containers:\n- name: web\n  image: nginx@${D}\n` },
    { name: 'a tag and a digest', podSpec: `containers:\n- name: web\n  image: registry.k8s.io/pause:3.10@${D}\n` },
    { name: 'a sha512 digest', podSpec: `containers:\n- name: web\n  image: ghcr.io/acme/web@sha512:${'cd'.repeat(64)}\n` },
    { name: 'an invalid reference is not judged', podSpec: `containers:\n- name: web\n  image: nginx@sha256:abc\n` },
  ],
  invalid: [
    {
      name: 'a tag only',
      podSpec: `containers:\n- name: web\n  image: nginx:1.27.3\n`,
      errors: [{ at: 'nginx:1.27.3', message: ['Container "web"', '"nginx:1.27.3"', 'without a digest'] }],
    },
    {
      name: 'no tag at all (also image-latest-tag)',
      podSpec: `containers:\n- name: web\n  image: 'ghcr.io/acme/web'\n`,
      errors: [{ at: `'ghcr.io/acme/web'`, message: '"ghcr.io/acme/web"' }],
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
