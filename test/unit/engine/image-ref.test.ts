// Image references parsed like Docker's distribution/reference ParseNormalizedNamed:
// implicit docker.io and library/, registry host detection, ports, tags and digests, and
// everything Docker rejects rejected too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeRegistryHost, parseImageRef, type ImageRef } from '../../../server/src/engine/views/image-ref';

const SHA256 = 'sha256:' + '0123456789abcdef'.repeat(4);
const SHA512 = 'sha512:' + '0123456789abcdef'.repeat(8);

type Expected = Omit<ImageRef, 'name'>;

const valid: Array<[string, Expected]> = [
  // Docker Hub official images: implicit docker.io and library/.
  ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
  ['nginx:1.27.3', { registry: 'docker.io', repository: 'library/nginx', tag: '1.27.3' }],
  ['nginx:latest', { registry: 'docker.io', repository: 'library/nginx', tag: 'latest' }],
  ['docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
  ['docker.io/library/nginx:1', { registry: 'docker.io', repository: 'library/nginx', tag: '1' }],
  ['index.docker.io/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
  ['index.docker.io/bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' }],
  ['library/nginx', { registry: 'docker.io', repository: 'library/nginx' }],
  // Docker Hub user images: no library/ prefix.
  ['etopian/alpine-php-wordpress', { registry: 'docker.io', repository: 'etopian/alpine-php-wordpress' }],
  ['bitnami/redis:7.2', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7.2' }],
  ['a/b/c/d', { registry: 'docker.io', repository: 'a/b/c/d' }],
  // Registry hosts: a dot, a port, localhost, upper case, IP addresses.
  ['registry.k8s.io/pause:3.10', { registry: 'registry.k8s.io', repository: 'pause', tag: '3.10' }],
  ['ghcr.io/my-org/app', { registry: 'ghcr.io', repository: 'my-org/app' }],
  ['gcr.io/distroless/static-debian12:nonroot', { registry: 'gcr.io', repository: 'distroless/static-debian12', tag: 'nonroot' }],
  ['123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:2.0', { registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', repository: 'team/api', tag: '2.0' }],
  ['localhost/app', { registry: 'localhost', repository: 'app' }],
  ['localhost:5000/app:dev', { registry: 'localhost:5000', repository: 'app', tag: 'dev' }],
  ['myregistry:5000/team/app', { registry: 'myregistry:5000', repository: 'team/app' }],
  ['Registry.Example.com/app', { registry: 'Registry.Example.com', repository: 'app' }],
  ['MyHost/app', { registry: 'MyHost', repository: 'app' }],
  ['127.0.0.1:5000/app', { registry: '127.0.0.1:5000', repository: 'app' }],
  ['[::1]:5000/app:1', { registry: '[::1]:5000', repository: 'app', tag: '1' }],
  ['[2001:db8::1]/app', { registry: '[2001:db8::1]', repository: 'app' }],
  // A single element is never a host: `localhost:5000` is the image `localhost` tagged 5000 (as in Docker).
  ['localhost:5000', { registry: 'docker.io', repository: 'library/localhost', tag: '5000' }],
  ['example.com', { registry: 'docker.io', repository: 'library/example.com' }],
  // Digests, alone or with a tag.
  [`nginx@${SHA256}`, { registry: 'docker.io', repository: 'library/nginx', digest: SHA256 }],
  [`nginx:1.27@${SHA256}`, { registry: 'docker.io', repository: 'library/nginx', tag: '1.27', digest: SHA256 }],
  [`nginx:latest@${SHA256}`, { registry: 'docker.io', repository: 'library/nginx', tag: 'latest', digest: SHA256 }],
  [`localhost:5000/app@${SHA256}`, { registry: 'localhost:5000', repository: 'app', digest: SHA256 }],
  [`registry.k8s.io/pause@${SHA512}`, { registry: 'registry.k8s.io', repository: 'pause', digest: SHA512 }],
  [`x@sha384:${'ab'.repeat(48)}`, { registry: 'docker.io', repository: 'library/x', digest: `sha384:${'ab'.repeat(48)}` }],
  // Path component separators: '.', '_', '__', runs of '-'.
  ['my.org/my_app__x--y', { registry: 'my.org', repository: 'my_app__x--y' }],
  ['org/a.b_c-d', { registry: 'docker.io', repository: 'org/a.b_c-d' }],
  // Tags: word characters, '.', '-', up to 128 characters, case-sensitive.
  ['app:V1_2-rc.3', { registry: 'docker.io', repository: 'library/app', tag: 'V1_2-rc.3' }],
  ['app:LATEST', { registry: 'docker.io', repository: 'library/app', tag: 'LATEST' }],
  [`app:${'t'.repeat(128)}`, { registry: 'docker.io', repository: 'library/app', tag: 't'.repeat(128) }],
  ['app:_x', { registry: 'docker.io', repository: 'library/app', tag: '_x' }],
];

for (const [input, expected] of valid) {
  test(`parseImageRef(${JSON.stringify(input.length > 60 ? input.slice(0, 60) + '…' : input)})`, () => {
    const ref = parseImageRef(input);
    assert.ok(ref, `${input} should parse`);
    assert.deepEqual(ref, { ...expected, name: `${expected.registry}/${expected.repository}` });
  });
}

const invalid: Array<[string, string]> = [
  ['', 'empty'],
  ['NGINX', 'upper-case repository on Docker Hub'],
  ['nginx/App', 'upper-case path component'],
  ['ghcr.io/My-Org/app', 'upper-case path on another registry'],
  ['nginx:', 'empty tag'],
  [':1.0', 'no name'],
  ['nginx:-bad', 'tag starting with a dash'],
  ['nginx:.bad', 'tag starting with a dot'],
  [`app:${'t'.repeat(129)}`, 'tag longer than 128 characters'],
  ['nginx:1.0:2.0', 'two tags'],
  ['nginx@', 'empty digest'],
  ['nginx@sha256:abc', 'short digest'],
  [`nginx@sha256:${'A'.repeat(64)}`, 'upper-case digest hex'],
  [`nginx@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
  [`nginx@sha256:${'a'.repeat(128)}`, 'sha256 with the length of sha512'],
  [`nginx@${SHA256}@${SHA256}`, 'two digests'],
  [`@${SHA256}`, 'digest without a name'],
  ['0123456789abcdef'.repeat(4), 'a bare 64-hex image id'],
  ['${IMAGE}', 'shell variable'],
  ['$(IMAGE):1', 'make-style variable'],
  ['{{ .Values.image }}', 'Go template'],
  ['<your-image>', 'placeholder'],
  ['gcr.io/<project>/app', 'placeholder in the path'],
  ['nginx 1.27', 'space'],
  ['/nginx', 'leading slash'],
  ['nginx/', 'trailing slash'],
  ['a//b', 'empty path component'],
  ['-a/b', 'path component starting with a dash'],
  ['a_/b', 'path component ending with a separator'],
  ['a___b', 'three underscores'],
  ['a..b', 'two dots'],
  ['my_host.com/app', 'underscore in the registry host'],
  ['-host.com/app', 'host label starting with a dash'],
  ['host.com:port/app', 'non-numeric port'],
  ['host.com:/app', 'empty port'],
  ['[::1/app', 'unclosed IPv6 bracket'],
  ['[::g]/app', 'invalid IPv6 address'],
  [`${'a'.repeat(256)}`, 'repository path over 255 characters (with library/)'],
  [`x.io/${'a/'.repeat(127)}ab`, 'path over 255 characters'],
];

for (const [input, why] of invalid) {
  test(`parseImageRef rejects ${why}`, () => {
    assert.equal(parseImageRef(input), undefined, JSON.stringify(input));
  });
}

test('the path length limit counts the implicit library/ prefix', () => {
  assert.ok(parseImageRef('a'.repeat(247)), '8 + 247 = 255 characters');
  assert.equal(parseImageRef('a'.repeat(248)), undefined);
  assert.ok(parseImageRef(`x.io/${'a'.repeat(255)}`));
});

test('results are shared and frozen, and repeated parses give the same answer', () => {
  const a = parseImageRef('ghcr.io/acme/app:1.0');
  assert.ok(a && Object.isFrozen(a));
  assert.equal(parseImageRef('ghcr.io/acme/app:1.0'), a);
  assert.equal(parseImageRef('${IMAGE}'), undefined);
  assert.equal(parseImageRef('${IMAGE}'), undefined, 'invalid references are remembered as invalid');
  for (let i = 0; i < 2000; i++) parseImageRef(`app:${i}`); // overflow the cache
  assert.deepEqual(parseImageRef('ghcr.io/acme/app:1.0'), a);
});

test('registry host detection follows Docker', () => {
  for (const host of ['localhost', 'a.b', 'host:5000', '[::1]', 'Upper']) assert.equal(looksLikeRegistryHost(host), true, host);
  for (const path of ['library', 'my-org', 'bitnami', 'a_b']) assert.equal(looksLikeRegistryHost(path), false, path);
});

test('long hostile input is answered (no backtracking blow-up)', () => {
  // Just under the length limit, so every check runs on them.
  const hostile = [
    'a' + '-'.repeat(1000) + '!',
    'a/' + 'a-'.repeat(500) + '!',
    'a.'.repeat(500) + '!/x',
    'a_'.repeat(500),
    `host.com/${'a-'.repeat(500)}`,
    `${'a'.repeat(1000)}.com:${'9'.repeat(10)}x/app`,
    `app:${'a'.repeat(1000)}`,
    `app@sha256:${'a'.repeat(1000)}`,
    '['.repeat(1000) + '/a',
    ':'.repeat(1000),
  ];
  for (const h of hostile) assert.ok(h.length <= 1024, `${h.length}`);
  // Distinct inputs (suffixes), so that no result comes from the parser's cache of recent references.
  for (let i = 0; i < 200; i++) for (const h of hostile) assert.equal(parseImageRef(h.slice(i)), undefined, h.slice(i, i + 40));
  assert.equal(parseImageRef(`x.io/${'a'.repeat(2000)}`), undefined, 'over the length limit');
});
