import { test } from 'node:test';
import { assertNoFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeletConfig } from '../../helpers/cluster-config';

const ID = 'kubelet-client-ca';

test(`${ID}: kubeadm's kubelet config and a client CA file are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, kubeletConfig('authentication:\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n'), []);
});

test(`${ID}: no client CA is reported at the nearest existing key, without a fix`, () => {
  const none = kubeletConfig('readOnlyPort: 0\n');
  expectFindings(ID, none, [{ at: 'kind', message: 'clientCAFile' }]);
  assertNoFix(none, ID);
  expectFindings(ID, kubeletConfig('authentication:\n  webhook:\n    enabled: true\n'), [{ at: 'authentication' }]);
  expectFindings(ID, kubeletConfig('authentication:\n  x509:\n    clientCAFile: ""\n'), [{ at: 'clientCAFile' }]);
});
