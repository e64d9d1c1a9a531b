// The web bundle's stand-ins for Node (scripts/build.mjs): node:path and node:url as Node computes them on POSIX,
// and the engine's one use of Buffer (base64 and base64url decoding) as Node's Buffer decodes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import * as url from 'node:url';
import fc from 'fast-check';
import * as webPath from '../../../server/src/web/node/path';
import * as webUrl from '../../../server/src/web/node/url';
import * as unavailable from '../../../server/src/web/node/unavailable';
import { Buffer as WebBuffer } from '../../../server/src/web/globals';

const PATHS = ['/', '/a', '/a/', '/a/b/c.yaml', '/a//b/./c/../d.yml', 'a/b', './a', '../a/b', '', '.', '..', '/a/b/..', '/.shipshape.yaml', '/a/b.tar.gz', '/a/.git', '/x y/ü#%?.yaml'];

test('path: join, dirname, basename, extname, isAbsolute, normalize, resolve and relative as node:path.posix', () => {
  for (const p of PATHS) {
    assert.equal(webPath.dirname(p), posix.dirname(p), `dirname(${p})`);
    assert.equal(webPath.basename(p), posix.basename(p), `basename(${p})`);
    assert.equal(webPath.extname(p), posix.extname(p), `extname(${p})`);
    assert.equal(webPath.isAbsolute(p), posix.isAbsolute(p), `isAbsolute(${p})`);
    assert.equal(webPath.normalize(p), posix.normalize(p).replace(/(.)\/$/, '$1'), `normalize(${p})`);
    if (p.startsWith('/')) assert.equal(webPath.resolve(p), posix.resolve(p), `resolve(${p})`);
    for (const q of PATHS) {
      assert.equal(webPath.join(p, q), posix.join(p, q).replace(/(.)\/$/, '$1'), `join(${p}, ${q})`);
      if (p.startsWith('/') && q.startsWith('/')) assert.equal(webPath.relative(p, q), posix.relative(p, q), `relative(${p}, ${q})`);
    }
  }
  assert.equal(webPath.basename('/a/b.yaml', '.yaml'), 'b');
  assert.equal(webPath.sep, '/');
});

test('url: pathToFileURL and fileURLToPath as node:url for POSIX paths', () => {
  for (const p of PATHS.filter((x) => x.startsWith('/')).concat(['/a b/c', '/%41', '/a\\b', '/tab\there', '/é/日本.yaml'])) {
    assert.equal(webUrl.pathToFileURL(p).href, url.pathToFileURL(p).href, p);
    assert.equal(webUrl.fileURLToPath(url.pathToFileURL(p).href), url.fileURLToPath(url.pathToFileURL(p).href), p);
  }
  assert.throws(() => webUrl.fileURLToPath('vscode-vfs://github/a/b.yaml'));
  assert.throws(() => webUrl.fileURLToPath('file:///a%2Fb'));
});

test('Buffer.from base64 and base64url decodes as Node', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), fc.boolean(), (bytes, urlSafe, padded) => {
      let text = Buffer.from(bytes).toString(urlSafe ? 'base64url' : 'base64');
      if (!padded) text = text.replace(/=+$/, '');
      assert.deepEqual([...WebBuffer.from(text, urlSafe ? 'base64url' : 'base64')], [...Buffer.from(text, urlSafe ? 'base64url' : 'base64')]);
    }),
  );
  for (const odd of ['', 'a', 'ab', 'abc', 'ab=c', 'a b\nc d', '*ab*cd', 'YQ', 'YQ==YQ==']) {
    assert.deepEqual([...WebBuffer.from(odd, 'base64')], [...Buffer.from(odd, 'base64')], JSON.stringify(odd));
  }
});

test('the file system and V8 stand-ins refuse (only the Node host would call them)', () => {
  for (const f of [unavailable.readFileSync, unavailable.readdirSync, unavailable.statSync, unavailable.setFlagsFromString, unavailable.runInNewContext]) {
    assert.throws(f, /not available in the browser/);
  }
  assert.equal(unavailable.existsSync(), false);
  return assert.rejects(unavailable.readdir(), /not available in the browser/);
});
