import { podRuleTests } from '../../helpers/rule-tester';

const D = 'sha256:' + 'ab'.repeat(32);

podRuleTests('image-latest-tag', {
  valid: [
    { name: 'a version tag', podSpec: `containers:\n- name: web\n  image: nginx:1.27.3\n` },
    { name: 'a digest without a tag', podSpec: `containers:\n- name: web\n  image: nginx@${D}\n` },
    { name: 'latest with a digest: the digest decides what is pulled', podSpec: `containers:\n- name: web\n  image: nginx:latest@${D}\n` },
    { name: 'a tag that only looks like latest (tags are case-sensitive)', podSpec: `containers:\n- name: web\n  image: nginx:LATEST\n` },
    { name: 'a registry port is not a tag', podSpec: `containers:\n- name: web\n  image: localhost:5000/app:1.0\n` },
    { name: 'no image, an empty image, a non-string image', podSpec: `containers:\n- name: a\n- name: b\n  image: ""\n- name: c\n  image: 42\n` },
    { name: 'placeholders that are not references stay quiet', podSpec: `containers:\n- name: a\n  image: \${IMAGE}\n- name: b\n  image: <your-image>\n` },
  ],
  invalid: [
    {
      name: 'no tag',
      podSpec: `containers:\n- name: web\n  image: nginx\n`,
      errors: [{ at: 'nginx', occurrence: 0, message: ['Container "web"', '"nginx"', 'without a tag or digest'] }],
    },
    {
      name: 'the latest tag, on another registry, quoted',
      podSpec: `containers:\n- name: web\n  image: "ghcr.io/acme/web:latest"\n`,
      errors: [{ at: '"ghcr.io/acme/web:latest"', message: ['"ghcr.io/acme/web:latest"', 'mutable latest tag'] }],
    },
    {
      name: 'a registry with a port and no tag',
      podSpec: `containers:\n- name: web\n  image: localhost:5000/web  # dev\n`,
      errors: [{ at: 'localhost:5000/web', message: 'without a tag' }],
    },
    {
      name: 'init and ephemeral containers',
      podSpec: `initContainers:\n- name: setup\n  image: busybox:latest\ncontainers:\n- name: web\n  image: nginx:1.27\nephemeralContainers:\n- name: debug\n  image: busybox\n`,
      errors: [
        { at: 'busybox:latest', message: 'Init container "setup"' },
        { at: 'busybox', occurrence: 1, message: ['Ephemeral container "debug"', 'without a tag'] },
      ],
    },
  ],
});
