import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podRuleTests, settingsWith } from '../../helpers/rule-tester';
import { DEFAULT_TRUSTED_REGISTRIES } from '../../../server/src/engine/config/settings';
import { parseImageRef } from '../../../server/src/engine/views/image-ref';
import { compileTrustEntry, globMatch, trustingEntry } from '../../../server/src/engine/rules/images/trust';

const D = 'sha256:' + 'ab'.repeat(32);
const one = (image: string) => `containers:\n- name: web\n  image: ${image}\n`;
const trusting = (...entries: string[]) => settingsWith({ trustedRegistries: entries });

podRuleTests('untrusted-registry', {
  valid: [
    { name: 'Docker Hub official images (nginx, wordpress)', podSpec: `containers:\n- name: a\n  image: nginx:1.27\n- name: b\n  image: wordpress:6.6\n- name: c\n  image: docker.io/library/redis@${D}\n` },
    { name: 'registry.k8s.io', podSpec: one('registry.k8s.io/ingress-nginx/controller:v1.11.2') },
    { name: 'gcr.io/distroless and its sub-repositories', podSpec: one('gcr.io/distroless/static-debian12:nonroot') },
    { name: 'mcr.microsoft.com, public.ecr.aws/docker/library, cgr.dev/chainguard', podSpec: `containers:\n- name: a\n  image: mcr.microsoft.com/dotnet/aspnet:8.0\n- name: b\n  image: public.ecr.aws/docker/library/nginx:1.27\n- name: c\n  image: cgr.dev/chainguard/static:latest\n` },
    { name: 'invalid references are not judged', podSpec: one('${REGISTRY}/app:1.0') },
    { name: 'a host entry trusts every repository on it', podSpec: one('registry.example.com/team/app:1.0'), settings: trusting('registry.example.com') },
    { name: 'host names compare case-insensitively', podSpec: one('Registry.Example.COM/app:1.0'), settings: trusting('registry.example.com') },
    { name: 'a path prefix trusts the repositories below it', podSpec: one('ghcr.io/my-org/app:1.0'), settings: trusting('ghcr.io/my-org/') },
    { name: 'a path prefix without the trailing slash', podSpec: one('ghcr.io/my-org/team/app:1.0'), settings: trusting('ghcr.io/my-org') },
    { name: 'an ECR glob', podSpec: one('123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:2.0'), settings: trusting('*.dkr.ecr.*.amazonaws.com') },
    { name: 'a Docker Hub namespace without a host', podSpec: one('bitnami/redis:7.2'), settings: trusting('bitnami') },
    { name: 'a host with a port', podSpec: one('localhost:5000/app:dev'), settings: trusting('localhost:5000') },
    { name: '"*" trusts everything', podSpec: one('etopian/alpine-php-wordpress:1.0'), settings: trusting('*') },
  ],
  invalid: [
    {
      name: 'a Docker Hub user image is not an official image',
      podSpec: one('etopian/alpine-php-wordpress'),
      errors: [{ at: 'etopian/alpine-php-wordpress', message: ['Container "web"', '"etopian/alpine-php-wordpress"', 'docker.io/etopian/alpine-php-wordpress', 'trustedRegistries'] }],
    },
    {
      name: 'quay.io and ghcr.io are not trusted by default',
      podSpec: `initContainers:\n- name: setup\n  image: quay.io/acme/setup:1.0\ncontainers:\n- name: web\n  image: "ghcr.io/acme/web:2.0"\n`,
      errors: [
        { at: 'quay.io/acme/setup:1.0', message: ['Init container "setup"', 'quay.io/acme/setup'] },
        { at: '"ghcr.io/acme/web:2.0"', message: 'ghcr.io/acme/web' },
      ],
    },
    {
      name: 'a prefix matches whole path segments only',
      podSpec: `containers:\n- name: a\n  image: gcr.io/distrolessevil/static:1\n- name: b\n  image: ghcr.io/my-orgevil/x:1\n`,
      settings: trusting('gcr.io/distroless', 'ghcr.io/my-org'),
      errors: [
        { at: 'gcr.io/distrolessevil/static:1', message: 'gcr.io/distrolessevil/static' },
        { at: 'ghcr.io/my-orgevil/x:1', message: 'ghcr.io/my-orgevil/x' },
      ],
    },
    {
      name: 'a configured list replaces the defaults; an empty list trusts nothing',
      podSpec: one('nginx:1.27'),
      settings: trusting(),
      errors: [{ at: 'nginx:1.27', message: 'docker.io/library/nginx' }],
    },
    {
      name: 'a host entry does not trust a lookalike host or another port',
      podSpec: `containers:\n- name: a\n  image: registry.example.com.evil.io/app:1\n- name: b\n  image: registry.example.com:5000/app:1\n- name: c\n  image: evilregistry.example.com/app:1\n`,
      settings: trusting('registry.example.com'),
      errors: [
        { at: 'registry.example.com.evil.io/app:1', message: 'Container "a"' },
        { at: 'registry.example.com:5000/app:1', message: 'Container "b"' },
        { at: 'evilregistry.example.com/app:1', message: 'Container "c"' },
      ],
    },
    {
      name: 'ECR globs do not cross path segments or match other hosts',
      podSpec: `containers:\n- name: a\n  image: 1234.dkr.ecr.us-east-1.amazonaws.com.evil.io/app:1\n- name: b\n  image: evil.io/x.dkr.ecr.y.amazonaws.com/app:1\n`,
      settings: trusting('*.dkr.ecr.*.amazonaws.com'),
      errors: [
        { at: '1234.dkr.ecr.us-east-1.amazonaws.com.evil.io/app:1', message: 'Container "a"' },
        { at: 'evil.io/x.dkr.ecr.y.amazonaws.com/app:1', message: 'Container "b"' },
      ],
    },
  ],
});

const trusts = (image: string, entries: readonly string[]) => trustingEntry(parseImageRef(image)!, entries) !== undefined;

test('the default list: official images and the curated vendor registries', () => {
  for (const image of ['nginx', 'wordpress:6', 'library/busybox', 'index.docker.io/library/alpine:3', 'registry.k8s.io/pause:3.10', 'gcr.io/distroless/base', 'mcr.microsoft.com/oss/nginx/nginx:1', 'public.ecr.aws/docker/library/redis:7', 'cgr.dev/chainguard/nginx']) {
    assert.equal(trusts(image, DEFAULT_TRUSTED_REGISTRIES), true, image);
  }
  for (const image of ['etopian/alpine-php-wordpress', 'docker.io/bitnami/redis', 'library-fake/nginx', 'gcr.io/google-samples/hello-app:2.0', 'k8s.gcr.io/pause:3.1', 'public.ecr.aws/bitnami/redis', 'cgr.dev/chainguardevil/x', 'quay.io/prometheus/prometheus']) {
    assert.equal(trusts(image, DEFAULT_TRUSTED_REGISTRIES), false, image);
  }
});

test('globMatch: "*" is any run of characters, literals match exactly', () => {
  const cases: Array<[string, string, boolean]> = [
    ['*', '', true],
    ['*', 'anything', true],
    ['a*', 'abc', true],
    ['*c', 'abc', true],
    ['a*c', 'ac', true],
    ['a*c', 'abbbc', true],
    ['a*b*c', 'axxbyyc', true],
    ['a*b*c', 'acb', false],
    ['ab*ba', 'aba', false],
    ['*.example.com', 'x.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'x.example.com.evil', false],
    ['a**b', 'ab', true],
    ['exact', 'exact', true],
    ['exact', 'exactly', false],
    ['a.c', 'abc', false],
    ['(x+)+', 'xxxx', false],
  ];
  for (const [pattern, text, expected] of cases) assert.equal(globMatch(pattern, text), expected, `${pattern} vs ${text}`);
});

test('globMatch answers hostile patterns (a backtracking matcher would not return)', () => {
  const text = 'a'.repeat(20000);
  assert.equal(globMatch('*a'.repeat(2000) + 'b', text), false);
  assert.equal(globMatch('*' + 'a*'.repeat(2000), text), true);
});

test('compileTrustEntry: hosts, Docker Hub paths, trailing slashes, unusable entries', () => {
  assert.deepEqual(compileTrustEntry('registry.k8s.io'), { source: 'registry.k8s.io', host: 'registry.k8s.io', path: [] });
  assert.deepEqual(compileTrustEntry('GHCR.io/My-Org/'), { source: 'GHCR.io/My-Org/', host: 'ghcr.io', path: ['my-org'] });
  assert.deepEqual(compileTrustEntry('bitnami'), { source: 'bitnami', host: 'docker.io', path: ['bitnami'] });
  assert.deepEqual(compileTrustEntry('library/nginx'), { source: 'library/nginx', host: 'docker.io', path: ['library', 'nginx'] });
  assert.deepEqual(compileTrustEntry('index.docker.io/library'), { source: 'index.docker.io/library', host: 'docker.io', path: ['library'] });
  assert.deepEqual(compileTrustEntry('localhost'), { source: 'localhost', host: 'localhost', path: [] });
  assert.deepEqual(compileTrustEntry('*.azurecr.io'), { source: '*.azurecr.io', host: '*.azurecr.io', path: [] });
  for (const unusable of ['', '   ', '/', 'ghcr.io//x']) assert.equal(compileTrustEntry(unusable), undefined, JSON.stringify(unusable));
});

test('entries match path segments, not string prefixes', () => {
  assert.equal(trusts('ghcr.io/my-org', ['ghcr.io/my-org']), true);
  assert.equal(trusts('ghcr.io/my-org/a/b/c:1', ['ghcr.io/my-org']), true);
  assert.equal(trusts('ghcr.io/my-orgevil/x', ['ghcr.io/my-org']), false);
  assert.equal(trusts('ghcr.io/my', ['ghcr.io/my-org']), false);
  assert.equal(trusts('docker.io/library/nginx', ['docker.io/library/*']), true);
  assert.equal(trusts('docker.io/libraryx/nginx', ['docker.io/library/*']), false);
  assert.equal(trusts('ghcr.io/team-a/app', ['ghcr.io/team-*']), true);
  assert.equal(trusts('ghcr.io/team/app', ['ghcr.io/team-*']), false);
  assert.equal(trusts('ghcr.io/app', ['ghcr.io/*/app']), false, 'a glob segment needs a segment to match');
});
