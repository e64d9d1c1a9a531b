import { test } from 'node:test';
import { assertFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'controller-manager-credentials';
const FILES = ['--service-account-private-key-file=/pki/sa.key', '--root-ca-file=/pki/ca.crt'];

test(`${ID}: kubeadm's files and ClusterConfiguration are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('kube-controller-manager', [...FILES, '--use-service-account-credentials=true']), []);
});

test(`${ID}: shared credentials (a fix adds the flag; false gets a suggestion), no signing key, no root CA`, () => {
  const text = staticPod('kube-controller-manager', ['--leader-elect=true']);
  expectFindings(ID, text, [
    { at: 'command', message: '--use-service-account-credentials=true' },
    { at: 'command', message: '--service-account-private-key-file' },
    { at: 'command', message: '--root-ca-file' },
  ]);
  assertFix(text, ID, { kind: 'fix', index: 0, contains: ['    - --use-service-account-credentials=true\n'] });
  const off = staticPod('kube-controller-manager', [...FILES, '--use-service-account-credentials=false']);
  expectFindings(ID, off, [{ at: '--use-service-account-credentials=false' }]);
  assertFix(off, ID, { kind: 'suggestion', contains: ['    - --use-service-account-credentials=true\n'] });
  expectFindings(ID, kubeadmConfig('controllerManager:\n  extraArgs:\n  - name: use-service-account-credentials\n    value: "false"\n'), [{ at: 'value: "false"' }]);
});
