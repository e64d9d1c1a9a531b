// lintYamlDocumentsAt (issue 21): the documents holding the given spans are linted ahead of the whole file, through the
// file's cache, with the results the whole lint gives them; the whole lint then finds them there (nothing linted twice).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentCache } from '../../../server/src/engine';
import { lintYamlChunks } from '../../../server/src/engine/lint';
import { lintYamlDocumentsAt } from '../../../server/src/engine/lint-first';
import { manyDocuments } from '../../helpers/many-documents';

const TEXT = manyDocuments(40);
const at = (n: number) => TEXT.indexOf(`name: app-${n}\n`);

test('the documents touching the spans, with the whole lint results, and no document linted twice', () => {
  const whole = lintYamlChunks(TEXT);
  const cache = new DocumentCache();
  const ahead = lintYamlDocumentsAt(TEXT, { cache }, [{ start: at(9), end: at(9) + 3 }, { start: at(21), end: at(22) }], Infinity)!;
  assert.equal(ahead.misses, 40, 'counted before linting');
  assert.deepEqual(
    ahead.chunks.map((c) => c.offset),
    [9, 21, 22].map((i) => whole.chunks[i]!.offset),
  );
  for (const c of ahead.chunks) assert.deepEqual(c.result.findings.map((f) => [f.ruleId, f.span]), whole.chunks.find((w) => w.offset === c.offset)!.result.findings.map((f) => [f.ruleId, f.span]));
  assert.equal(cache.misses, 0, 'a look-ahead is not a lookup');
  lintYamlChunks(TEXT, { cache });
  assert.equal(cache.misses, 37);
  assert.equal(cache.hits, 3);
  assert.equal(lintYamlDocumentsAt(TEXT, { cache }, [{ start: 0, end: 1 }], 5)!.misses, 0);
});

test('counting stops at countUpTo; no look-ahead without a cache, without spans, or for a possible Helm template', () => {
  assert.equal(lintYamlDocumentsAt(TEXT, { cache: new DocumentCache() }, [{ start: 0, end: 1 }], 3)!.misses, 3);
  assert.equal(lintYamlDocumentsAt(TEXT, {}, [{ start: 0, end: 1 }]), undefined);
  assert.equal(lintYamlDocumentsAt(TEXT, { cache: new DocumentCache() }, []), undefined);
  assert.equal(lintYamlDocumentsAt(TEXT + '---\nkind: {{ .Values.kind }}\n', { cache: new DocumentCache() }, [{ start: 0, end: 1 }]), undefined);
});
