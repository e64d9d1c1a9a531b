// Registry invariants: unique kebab-case ids, complete metadata, message templates, a doc page and tests per rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RULES, RULE_IDS, ruleDocPath } from '../../../server/src/engine/rules';

const ROOT = join(__dirname, '..', '..', '..');

test('rule ids are unique and kebab-case', () => {
  assert.equal(RULE_IDS.size, RULES.length);
  for (const r of RULES) assert.match(r.meta.id, /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, r.meta.id);
});

test('every rule has complete metadata', () => {
  for (const { meta } of RULES) {
    assert.ok(meta.title.length > 3, `${meta.id}: title`);
    assert.ok(meta.description.length > 20, `${meta.id}: description`);
    assert.ok(['error', 'warning', 'info'].includes(meta.defaultSeverity), `${meta.id}: severity`);
    assert.ok(Object.keys(meta.messages).length > 0, `${meta.id}: messages`);
    if (meta.category === 'pod-security-baseline') assert.equal(meta.level, 'baseline', meta.id);
    if (meta.category === 'pod-security-restricted') assert.equal(meta.level, 'restricted', meta.id);
    if (meta.level) assert.equal(meta.references.pss?.level, meta.level, `${meta.id}: PSS reference matches level`);
  }
});

test('every rule has a doc page and a test file', () => {
  for (const { meta } of RULES) {
    assert.ok(existsSync(join(ROOT, ruleDocPath(meta.id))), `${meta.id}: ${ruleDocPath(meta.id)} missing`);
    assert.ok(existsSync(join(ROOT, 'test', 'unit', 'rules', `${meta.id}.test.ts`)), `${meta.id}: test/unit/rules/${meta.id}.test.ts missing`);
  }
});

test('the pod security rule set of the foundation issue is complete', () => {
  const expected = [
    'privileged-container', 'host-network', 'host-pid', 'host-ipc', 'host-ports', 'host-path-volume', 'dangerous-capabilities',
    'seccomp-unconfined', 'selinux-options', 'apparmor-unconfined', 'unmasked-proc-mount', 'unsafe-sysctls', 'windows-host-process',
    'host-probe', 'restricted-volume-types', 'privilege-escalation-allowed', 'run-as-root', 'capabilities-not-dropped',
    'seccomp-profile-missing', 'writable-root-filesystem', 'root-group', 'sensitive-host-path', 'yaml-syntax', 'helm-template', 'binary-file',
  ];
  assert.deepEqual(expected.filter((id) => !RULE_IDS.has(id)), []);
});
