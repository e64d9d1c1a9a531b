import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintYaml } from '../../../server/src/engine/lint';
import { findingsOf } from '../../helpers/rule-tester';
import { INSECURE_FIXTURES, expectFindings } from '../../helpers/cluster-config';

const ID = 'encryption-config-weak-provider';
const config = (entries: string): string => `apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n${entries}`;
const KEY = 'dGhpcnR5LXR3by1ieXRlLWxvbmctdGVzdC1rZXktMDE=';

test(`${ID}: kms v2 or secretbox first, identity last, and entries without Secrets are not reported`, () => {
  expectFindings(ID, config(`- resources: [secrets]\n  providers:\n  - kms:\n      apiVersion: v2\n      name: vault\n      endpoint: unix:///var/run/kms.sock\n  - identity: {}\n`), []);
  expectFindings(ID, config(`- resources: [secrets]\n  providers:\n  - secretbox:\n      keys:\n      - name: k\n        secret: ${KEY}\n  - identity: {}\n`), []);
  expectFindings(ID, config('- resources: [events]\n  providers:\n  - identity: {}\n'), []);
});

test(`${ID}: identity first (error), aescbc first, kms v1 (info), on the provider's key; messages hold no key`, () => {
  const fixture = readFileSync(join(INSECURE_FIXTURES, 'encryption-config.yaml'), 'utf8');
  expectFindings(ID, fixture, [
    { at: 'identity', occurrence: 1, message: ['secrets', 'unencrypted'] },
    { at: 'aescbc', occurrence: 2, message: ['configmaps, *.', 'aescbc'] },
  ]);
  assert.equal(findingsOf(ID, fixture)[0]!.severity, 'error');
  const kms = config('- resources: [secrets]\n  providers:\n  - kms:\n      name: old\n      endpoint: unix:///k.sock\n');
  expectFindings(ID, kms, [{ at: 'kms', message: 'kms v1' }]);
  // No rule's message carries key material.
  for (const f of lintYaml(fixture)) {
    for (const key of ['c2VjcmV0IGlzIHNlY3VyZSwgb3IgaXMgaXQ/Pz8/Pz8=', KEY]) assert.ok(!JSON.stringify(f).includes(key), `${f.ruleId} shows key material: ${f.message}`);
  }
});
