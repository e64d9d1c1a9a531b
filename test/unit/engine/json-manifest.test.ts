// JSON manifests (issue 16): which JSON texts hold Kubernetes objects (a cheap top-level-key sniff), how the editor
// decides, and that no fix or action ever turns a JSON manifest into invalid JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileKindOfText, getRule, lintText, type Finding } from '../../../server/src/engine';
import { disableForLineFix, ignoreForObjectFix } from '../../../server/src/engine/fixes/actions';
import { applyEdits, fixAll, hardenContainer } from '../../../server/src/engine/fixes/apply';
import { JSON_SNIFF_CHARS, sniffJsonManifest, startsAsJson } from '../../../server/src/engine/parse/json-manifest';
import { findingFixes } from '../../../server/src/engine/types';

const POD = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', annotations: { note: 'x' } },
  spec: { hostPID: true, containers: [{ name: 'app', image: 'nginx', securityContext: { privileged: true } }] },
};

test('a JSON object with a string apiVersion and a string kind (or an items array) is a manifest', () => {
  const yes = [
    JSON.stringify(POD),
    JSON.stringify(POD, null, '\t'),
    '\ufeff  \r\n' + JSON.stringify(POD, null, 2),
    JSON.stringify({ kind: 'Pod', apiVersion: 'v1' }),
    JSON.stringify({ metadata: { name: 'x' }, kind: 'ConfigMap', apiVersion: 'v1' }),
    JSON.stringify({ apiVersion: 'v1', items: [], kind: 'List' }),
    '{"apiVersion":"v1","items":[{"apiVersion":"v1","kind":"Pod"', // a List recognised before its items end
    JSON.stringify({ 'a\\"b': { apiVersion: 1 }, apiVersion: 'v1', kind: 'X' }),
  ];
  for (const text of yes) assert.equal(sniffJsonManifest(text, true), 'manifest', text.slice(0, 80));
  const no = [
    '',
    '[]',
    JSON.stringify([POD]),
    JSON.stringify({ name: 'x', version: '1.0.0' }),
    JSON.stringify({ apiVersion: 'v1' }),
    JSON.stringify({ kind: 'Pod' }),
    JSON.stringify({ apiVersion: 1, kind: 'Pod' }),
    JSON.stringify({ apiVersion: 'v1', kind: { x: 1 } }),
    JSON.stringify({ apiVersion: 'v1', items: {} }),
    JSON.stringify({ properties: { apiVersion: { type: 'string' }, kind: { type: 'string' } } }),
    'apiVersion: v1\nkind: Pod\n',
    '{apiVersion: v1, kind: Pod}',
    '{"apiVersion": "v1" "kind": "Pod"}',
    '// comment\n' + JSON.stringify(POD),
  ];
  for (const text of no) assert.equal(sniffJsonManifest(text, true), 'other', text.slice(0, 80));
});

test('a prefix of a file: the answer as soon as it is known, `more` while the rest decides', () => {
  assert.equal(sniffJsonManifest('{"apiVersion": "v1", "data": {"a": "', false), 'more');
  assert.equal(sniffJsonManifest('{"apiVersion": "v1", "data": {"a": "', true), 'other');
  assert.equal(sniffJsonManifest('{"apiVersion": "v1", "kind": "Po', false), 'manifest');
  assert.equal(sniffJsonManifest('  ', false), 'more');
  assert.equal(sniffJsonManifest('[', false), 'other');
});

test('a first key other than apiVersion or kind: only the first JSON_SNIFF_CHARS are looked at', () => {
  const filler = 'x'.repeat(JSON_SNIFF_CHARS);
  assert.equal(sniffJsonManifest(JSON.stringify({ data: filler, apiVersion: 'v1', kind: 'Pod' }), true), 'other');
  assert.equal(sniffJsonManifest(JSON.stringify({ data: filler, apiVersion: 'v1', kind: 'Pod' }), false), 'other', 'a prefix needs no more');
  assert.equal(sniffJsonManifest(JSON.stringify({ data: 'x', apiVersion: 'v1', kind: 'Pod' }), true), 'manifest');
  // kubectl's own output starts with apiVersion: any size is read through.
  assert.equal(sniffJsonManifest(JSON.stringify({ apiVersion: 'v1', data: { a: filler + filler }, kind: 'ConfigMap' }), true), 'manifest');
  // A large data file is rejected in bounded time.
  const data = JSON.stringify({ rows: Array.from({ length: 2_000_000 }, (_, i) => i) });
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) assert.equal(sniffJsonManifest(data, true), 'other');
  // 100 looks at 64 Ki characters take milliseconds; 100 reads of all 16 M would take seconds.
  assert.ok(performance.now() - t0 < 500, `${performance.now() - t0} ms for 100 rejections of ${data.length} characters`);
});

test('the editor: json documents by content, never jsonc; other kinds by name and language id as before', () => {
  const pod = JSON.stringify(POD, null, 2);
  assert.equal(fileKindOfText('/w/pod.json', pod, 'json'), 'yaml');
  assert.equal(fileKindOfText('/w/pod.json', pod), 'yaml', 'without a language id the .json name counts');
  assert.equal(fileKindOfText('/w/package.json', '{"name": "x"}', 'json'), undefined);
  assert.equal(fileKindOfText('/w/x.json', pod, 'jsonc'), undefined);
  assert.equal(fileKindOfText('/w/notes.txt', pod), undefined);
  assert.equal(fileKindOfText('/w/pod.yaml', '{"name": "x"}'), 'yaml');
  assert.equal(fileKindOfText('/w/Dockerfile', 'FROM x'), 'dockerfile');
});

/** Every fix the lint offers, applied alone, and every generic action, on a JSON text. */
function assertNoFixBreaksJson(text: string, linted = true): void {
  const findings = lintText(text, 'yaml');
  if (linted) {
    assert.ok(findings.some((f) => f.ruleId === 'privileged-container'), 'the JSON is linted');
    assert.ok(findings.some((f) => getRule(f.ruleId)?.meta.fixable !== undefined), 'rules that have fixes fire');
  }
  const offered = findings.flatMap((f: Finding) => findingFixes(f));
  for (const fix of offered) JSON.parse(applyEdits(text, fix.edits)!);
  assert.deepEqual(offered, [], 'no fix: the edit builders write YAML');
  for (const f of findings) {
    assert.equal(disableForLineFix(text, 'yaml', f), undefined, `no disable comment for ${f.ruleId}: JSON has no comments`);
    assert.equal(ignoreForObjectFix(text, 'yaml', f), undefined, `no annotation for ${f.ruleId}`);
  }
  const all = fixAll(text, 'yaml');
  assert.equal(all.text, text);
  assert.equal(all.applied, 0);
  assert.equal(hardenContainer(text, 'yaml', {}, { containerName: 'app', position: text.indexOf('"app"') }).applied, 0);
}

test('JSON manifests get no fix that could break them (one line, indented, with a byte-order mark)', () => {
  assertNoFixBreaksJson(JSON.stringify(POD));
  assertNoFixBreaksJson(JSON.stringify(POD, null, 2));
  assertNoFixBreaksJson('\ufeff' + JSON.stringify(POD, null, 2));
  // Lists are linted item by item once that item of issue 16 lands; no fix either way.
  assertNoFixBreaksJson(JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [POD, POD] }), false);
  assert.ok(startsAsJson(' \n{') && !startsAsJson('# c\n{') && !startsAsJson('a: {}'));
});

test('a YAML flow map that is not what kubectl reads as JSON keeps its fixes', () => {
  const text = `# a YAML file\n${JSON.stringify(POD)}\n`;
  assert.ok(lintText(text, 'yaml').some((f) => findingFixes(f).length > 0));
});

test('a prefix of exactly JSON_SNIFF_CHARS characters (128 KiB of UTF-16) decides without the rest', () => {
  const prefix = JSON.stringify({ rows: 'x'.repeat(2 * JSON_SNIFF_CHARS) }).slice(0, JSON_SNIFF_CHARS);
  assert.equal(sniffJsonManifest(prefix, false), 'other');
  assert.equal(sniffJsonManifest(prefix.slice(0, 1000), false), 'more', 'a shorter prefix has not seen the whole window');
});
