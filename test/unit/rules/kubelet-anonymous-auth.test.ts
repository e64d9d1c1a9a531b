import { test } from 'node:test';
import { assertFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeletConfig } from '../../helpers/cluster-config';

const ID = 'kubelet-anonymous-auth';

test(`${ID}: kubeadm's kubelet config, unset (the config file's default is false) and false are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, kubeletConfig('authentication:\n  webhook:\n    enabled: true\n'), []);
  expectFindings(ID, kubeletConfig('authentication:\n  anonymous:\n    enabled: "true"\n'), []);
  // Not a kubelet config: the same keys elsewhere are not judged.
  expectFindings(ID, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nauthentication:\n  anonymous:\n    enabled: true\n', []);
});

test(`${ID}: enabled: true is reported on its pair, with a suggestion`, () => {
  const text = kubeletConfig('authentication:\n  anonymous:\n    enabled: true\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\n');
  expectFindings(ID, text, [{ at: 'enabled: true', message: 'system:anonymous' }]);
  assertFix(text, ID, { kind: 'suggestion', contains: ['    enabled: false\n'] });
  expectFindings(ID, kubeletConfig('authentication: {anonymous: {enabled: true}}\n'), [{ at: 'enabled: true' }]);
});
