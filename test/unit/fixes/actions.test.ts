import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { disableForLineFix, disableRulesForLineFix, ignoreForObjectFix, REASON_PLACEHOLDER } from '../../../server/src/engine/fixes/actions';
import { applyEdits } from '../../../server/src/engine/fixes/apply';
import { lintText } from '../../../server/src/engine/lint';
import type { Finding } from '../../../server/src/engine/types';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.25
      securityContext:
        privileged: true
`;

function finding(text: string, kind: 'yaml' | 'dockerfile', ruleId: string): Finding {
  const f = lintText(text, kind).find((x) => x.ruleId === ruleId);
  assert.ok(f, `${ruleId} not reported`);
  return f;
}

function applyFix(text: string, edits: { start: number; end: number; text: string }[]): string {
  const out = applyEdits(text, edits);
  assert.ok(out !== undefined);
  return out;
}

describe('Disable <rule> for this line', () => {
  it('inserts a suppression comment at the line indentation and silences the finding', () => {
    const fix = disableForLineFix(POD, 'yaml', finding(POD, 'yaml', 'privileged-container'))!;
    assert.equal(fix.title, 'Disable privileged-container for this line');
    const out = applyFix(POD, fix.edits);
    assert.ok(out.includes(`      securityContext:\n        # shipshape-disable-next-line privileged-container -- ${REASON_PLACEHOLDER}\n        privileged: true\n`), out);
    const ids = lintText(out, 'yaml').map((f) => f.ruleId);
    assert.ok(!ids.includes('privileged-container'));
    assert.ok(!ids.includes('unused-suppression'));
  });
  it('keeps CRLF line endings', () => {
    const crlf = POD.replace(/\n/g, '\r\n');
    const out = applyFix(crlf, disableForLineFix(crlf, 'yaml', finding(crlf, 'yaml', 'privileged-container'))!.edits);
    assert.ok(!/[^\r]\n/.test(out), 'a bare LF was written');
    assert.ok(!lintText(out, 'yaml').some((f) => f.ruleId === 'privileged-container'));
  });
  it('goes above the first line of a continued Dockerfile instruction', () => {
    const text = 'FROM alpine:3.20\nADD a.txt \\\n    /app/\nUSER 10001\n';
    const f = lintText(text, 'dockerfile').find((x) => x.ruleId === 'dockerfile-add');
    assert.ok(f, 'dockerfile-add not reported');
    const shifted: Finding = { ...f, span: { start: text.indexOf('/app/'), end: text.indexOf('/app/') + 5 } };
    const out = applyFix(text, disableForLineFix(text, 'dockerfile', shifted)!.edits);
    assert.ok(out.startsWith('FROM alpine:3.20\n# shipshape-disable-next-line dockerfile-add -- '), out);
    assert.ok(!lintText(out, 'dockerfile').some((x) => x.ruleId === 'dockerfile-add'));
  });
});

describe('Disable <rules> for this line (several findings at once)', () => {
  it('writes one comment per line naming each rule once, and silences them all', () => {
    const text = POD.replace('      securityContext:\n        privileged: true\n', '      securityContext:\n        privileged: false\n');
    const here = lintText(text, 'yaml').filter((f) => text.slice(f.span.start).startsWith('securityContext'));
    assert.ok(here.length >= 3, here.map((f) => f.ruleId).join(','));
    const named = lintText(text, 'yaml').find((f) => f.ruleId === 'missing-cpu-limit');
    assert.ok(named);
    const fix = disableRulesForLineFix(text, 'yaml', [...here, here[0]!, named])!;
    const ids = [...new Set(here.map((f) => f.ruleId))];
    assert.equal(fix.title, `Disable ${[...ids, 'missing-cpu-limit'].join(', ')} for this line`);
    assert.equal(fix.edits.length, 2, 'two lines');
    const out = applyFix(text, fix.edits);
    assert.ok(out.includes(`      # shipshape-disable-next-line ${ids.join(', ')} -- ${REASON_PLACEHOLDER}\n      securityContext:\n`), out);
    const left = lintText(out, 'yaml').map((f) => f.ruleId);
    for (const id of [...ids, 'missing-cpu-limit', 'unused-suppression']) assert.ok(!left.includes(id), id);
  });
  it('offers nothing without findings, or in JSON', () => {
    assert.equal(disableRulesForLineFix(POD, 'yaml', []), undefined);
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'x' }, spec: { containers: [{ name: 'a', image: 'nginx:1.25', securityContext: { privileged: true } }] } }, null, 2);
    const f = lintText(json, 'yaml').find((x) => x.ruleId === 'privileged-container');
    assert.ok(f);
    assert.equal(disableRulesForLineFix(json, 'yaml', [f]), undefined);
  });
});

describe('Ignore <rule> for this object', () => {
  it('adds an exemption annotation, creating metadata.annotations', () => {
    const fix = ignoreForObjectFix(POD, 'yaml', finding(POD, 'yaml', 'privileged-container'))!;
    assert.equal(fix.title, 'Ignore privileged-container for this object');
    const out = applyFix(POD, fix.edits);
    assert.ok(parseAllDocuments(out).every((d) => d.errors.length === 0));
    assert.match(out, /metadata:\n  name: web\n  annotations:\n    ignore-check\.shipshape\.dev\/privileged-container: .*justify this exemption/);
    assert.ok(!lintText(out, 'yaml').some((f) => f.ruleId === 'privileged-container'));
    // Lines outside the edit are unchanged.
    assert.ok(out.endsWith(POD.slice(POD.indexOf('spec:'))));
  });
  it('adds to an existing annotations map', () => {
    const text = POD.replace('  name: web\n', '  name: web\n  annotations:\n    team: a\n');
    const out = applyFix(text, ignoreForObjectFix(text, 'yaml', finding(text, 'yaml', 'privileged-container'))!.edits);
    assert.match(out, /annotations:\n    team: a\n    ignore-check\.shipshape\.dev\/privileged-container: /);
  });
  it('in a List, annotates the item holding the finding, not the list', () => {
    const list = `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Pod
  metadata:
    name: first
  spec:
    containers:
    - name: web
      image: nginx:1.27
- apiVersion: v1
  kind: Pod
  metadata:
    name: second
  spec:
    containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: true
`;
    const out = applyFix(list, ignoreForObjectFix(list, 'yaml', finding(list, 'yaml', 'privileged-container'))!.edits);
    assert.ok(out.includes('  metadata:\n    name: second\n    annotations:\n      ignore-check.shipshape.dev/privileged-container: '), out);
    assert.ok(!lintText(out, 'yaml').some((f) => f.ruleId === 'privileged-container' || f.ruleId === 'unused-suppression'));
  });
  it('is not offered for a flow-style metadata map it cannot edit safely, nor for Dockerfiles', () => {
    const flow = POD.replace('metadata:\n  name: web\n', 'metadata: {name: web, annotations: &a {x: y}}\n');
    const f = lintText(flow, 'yaml').find((x) => x.ruleId === 'privileged-container');
    if (f) {
      const fix = ignoreForObjectFix(flow, 'yaml', f);
      if (fix) {
        const out = applyFix(flow, fix.edits);
        assert.ok(parseAllDocuments(out).every((d) => d.errors.length === 0), out);
      }
    }
    const df = 'FROM alpine:3.20\nADD a.txt /app/\n';
    const d = lintText(df, 'dockerfile').find((x) => x.ruleId === 'dockerfile-add');
    if (d) assert.equal(ignoreForObjectFix(df, 'dockerfile', d), undefined);
  });
});
