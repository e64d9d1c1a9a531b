import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertFix, assertNoFix } from '../../helpers/fix-tester';
import { findingsOf } from '../../helpers/rule-tester';
import { expectFindings, kubeletConfig } from '../../helpers/cluster-config';

const ID = 'kubelet-hardening';

test(`${ID}: protectKernelDefaults and the iptables chains on, and a zero idle timeout (defaulted to 4h in a config file), are not reported`, () => {
  expectFindings(ID, kubeletConfig('protectKernelDefaults: true\nmakeIPTablesUtilChains: true\nstreamingConnectionIdleTimeout: 0s\n'), []);
});

test(`${ID}: protectKernelDefaults unset (kubeadm's config too) is info at kind, without a fix; false gets a suggestion`, () => {
  const text = kubeletConfig('rotateCertificates: true\n');
  const findings = findingsOf(ID, text);
  expectFindings(ID, text, [{ at: 'kind', message: 'protectKernelDefaults' }]);
  assert.equal(findings[0]!.severity, 'info');
  assertNoFix(text, ID);
  assertFix(kubeletConfig('protectKernelDefaults: false\n'), ID, { kind: 'suggestion', contains: ['protectKernelDefaults: true\n'] });
});

test(`${ID}: makeIPTablesUtilChains: false is reported on its pair, with a suggestion`, () => {
  const text = kubeletConfig('protectKernelDefaults: true\nmakeIPTablesUtilChains: false\n');
  expectFindings(ID, text, [{ at: 'makeIPTablesUtilChains: false' }]);
  assertFix(text, ID, { kind: 'suggestion', contains: ['makeIPTablesUtilChains: true\n'] });
});
