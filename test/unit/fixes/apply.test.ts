import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { applyEdits, fixAll, hardenContainer, minimalEdit, normalizeEdits, selectNonOverlapping } from '../../../server/src/engine/fixes/apply';
import { lintText } from '../../../server/src/engine/lint';
import type { Fix } from '../../../server/src/engine/types';
import { findingFixes } from '../../../server/src/engine/types';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: true
  containers:
    - name: app # the app
      image: nginx:1.25
      securityContext:
        privileged: true
    - name: sidecar
      image: busybox:1.36
      securityContext:
        privileged: true
`;

const ids = (text: string) => lintText(text, 'yaml').map((f) => f.ruleId);

describe('applyEdits', () => {
  it('applies edits in any order', () => {
    assert.equal(applyEdits('abcdef', [{ start: 4, end: 5, text: 'E' }, { start: 0, end: 1, text: 'A' }]), 'AbcdEf');
  });
  it('rejects overlapping, out of range and same-point insertions', () => {
    assert.equal(applyEdits('abcdef', [{ start: 0, end: 3, text: '' }, { start: 2, end: 4, text: '' }]), undefined);
    assert.equal(applyEdits('abc', [{ start: 2, end: 9, text: '' }]), undefined);
    assert.equal(applyEdits('abc', [{ start: 2, end: 1, text: '' }]), undefined);
    assert.equal(applyEdits('abc', [{ start: 1, end: 1, text: 'x' }, { start: 1, end: 1, text: 'y' }]), undefined);
    assert.equal(normalizeEdits('abc', [{ start: 1, end: 2, text: 'x' }, { start: 2, end: 3, text: 'y' }])?.length, 2);
  });
});

describe('selectNonOverlapping', () => {
  const fix = (start: number, end: number, title = `${start}-${end}`): Fix => ({ title, kind: 'fix', edits: [{ start, end, text: 'x' }] });
  it('keeps the first of conflicting fixes, drops duplicates, treats equal insertion points as conflicts', () => {
    const picked = selectNonOverlapping([fix(0, 2), fix(1, 3), fix(4, 4), fix(4, 4, 'again'), fix(5, 6), fix(6, 6)], 'abcdefgh');
    assert.deepEqual(picked.map((f) => f.title), ['0-2', '4-4', '5-6']);
  });
});

describe('minimalEdit', () => {
  it('trims the common prefix and suffix', () => {
    assert.deepEqual(minimalEdit('a: 1\nb: 2\n', 'a: 1\nb: 3\n'), { start: 8, end: 9, text: '3' });
    assert.equal(minimalEdit('same', 'same'), undefined);
    assert.deepEqual(minimalEdit('aaa', 'aaaa'), { start: 3, end: 3, text: 'a' });
  });
  it('never splits a surrogate pair', () => {
    const e = minimalEdit('x\u{1F600}', 'x\u{1F601}')!;
    assert.equal(applyEdits('x\u{1F600}', [e]), 'x\u{1F601}');
    assert.equal(e.start, 1);
  });
});

describe('fixAll', () => {
  it('applies every safe fix to a fixed point and never a suggestion', () => {
    const r = fixAll(POD, 'yaml');
    assert.ok(r.applied >= 2, `applied ${r.applied}`);
    assert.equal(parseAllDocuments(r.text).every((d) => d.errors.length === 0), true);
    const after = lintText(r.text, 'yaml');
    assert.ok(after.every((f) => !findingFixes(f).some((x) => x.kind === 'fix')), JSON.stringify(after.map((f) => f.ruleId)));
    for (const gone of ['capabilities-not-dropped', 'seccomp-profile-missing']) assert.ok(!ids(r.text).includes(gone), gone);
    // What the author wrote (privileged, hostNetwork) is a decision: fix-all leaves it, a suggestion offers the change.
    for (const kept of ['privileged-container', 'host-network']) assert.ok(ids(r.text).includes(kept), kept);
    assert.ok(r.text.includes('  hostNetwork: true\n') && r.text.split('privileged: true').length === 3, r.text);
    // suggestions stay suggestions: run-as-root is still reported
    assert.ok(ids(r.text).includes('run-as-root'));
    assert.ok(r.text.includes('- name: app # the app\n'), 'comments kept');
    assert.deepEqual(r.findings.map((f) => f.ruleId), ids(r.text));
  });
  it('is idempotent and deterministic', () => {
    const once = fixAll(POD, 'yaml');
    assert.equal(fixAll(POD, 'yaml').text, once.text);
    const twice = fixAll(once.text, 'yaml');
    assert.equal(twice.text, once.text);
    assert.equal(twice.applied, 0);
  });
  it('leaves a document without safe fixes untouched', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: "1"\n';
    assert.deepEqual(fixAll(text, 'yaml'), { text, applied: 0, rounds: 0, findings: lintText(text, 'yaml') });
  });
  it('stops after maxRounds', () => {
    assert.equal(fixAll(POD, 'yaml', {}, 0).text, POD);
  });
  it('fixes Dockerfiles', () => {
    const text = 'FROM alpine:3.20\nADD app.tar.gz.txt /app/\nUSER 10001\n';
    const before = ids(text);
    const r = fixAll(text, 'dockerfile');
    if (before.includes('dockerfile-add')) {
      assert.ok(r.text.includes('COPY app.tar.gz.txt /app/'), r.text);
      assert.ok(!ids(r.text).includes('dockerfile-add'));
    }
  });
});

describe('hardenContainer', () => {
  it('applies fixes and suggestions for one container as one edit, leaving other containers alone', () => {
    const h = hardenContainer(POD, 'yaml', {}, { containerName: 'app', position: POD.indexOf('name: app') });
    assert.ok(h.edit && h.applied >= 3);
    const out = applyEdits(POD, [h.edit])!;
    assert.equal(out, h.text);
    const left = lintText(out, 'yaml').filter((f) => f.container === 'app').map((f) => f.ruleId);
    for (const gone of ['privileged-container', 'capabilities-not-dropped', 'privilege-escalation-allowed', 'run-as-root']) assert.ok(!left.includes(gone), `${gone} left: ${left}`);
    // The sidecar is untouched.
    const sidecar = lintText(out, 'yaml').filter((f) => f.container === 'sidecar').map((f) => f.ruleId);
    assert.ok(sidecar.includes('privileged-container'));
    assert.ok(out.includes('    - name: sidecar\n      image: busybox:1.36\n      securityContext:\n        privileged: true\n'), out);
  });
  it('returns no edit for an unknown container', () => {
    const h = hardenContainer(POD, 'yaml', {}, { containerName: 'nope', position: 0 });
    assert.equal(h.edit, undefined);
    assert.equal(h.applied, 0);
  });
  it('in a List, only touches the item holding the position (other items may have a container of that name)', () => {
    const item = (name: string) => `- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: ${name}\n  spec:\n    containers:\n    - name: app\n      image: nginx:1.27\n      securityContext:\n        privileged: true\n`;
    const list = `apiVersion: v1\nkind: List\nitems:\n${item('one')}${item('two')}`;
    const h = hardenContainer(list, 'yaml', {}, { containerName: 'app', position: list.lastIndexOf('privileged: true') });
    assert.ok(h.edit && h.applied >= 3);
    const out = applyEdits(list, [h.edit])!;
    const privileged = lintText(out, 'yaml').filter((f) => f.ruleId === 'privileged-container').map((f) => f.object?.name);
    assert.deepEqual(privileged, ['one']);
    assert.ok(out.startsWith(`apiVersion: v1\nkind: List\nitems:\n${item('one')}`), out);
  });
  it('only touches the document holding the position', () => {
    const two = `${POD}---\n${POD}`;
    const h = hardenContainer(two, 'yaml', {}, { containerName: 'app', position: two.lastIndexOf('name: app') });
    assert.ok(h.edit && h.edit.start > POD.length, JSON.stringify(h.edit));
  });
});
