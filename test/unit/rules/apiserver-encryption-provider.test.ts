import { test } from 'node:test';
import { assertNoFix } from '../../helpers/fix-tester';
import { expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'apiserver-encryption-provider';

test(`${ID}: an encryption provider config is not reported`, () => {
  expectFindings(ID, staticPod('kube-apiserver', ['--encryption-provider-config=/etc/kubernetes/enc/enc.yaml']), []);
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n  - name: encryption-provider-config\n    value: /etc/kubernetes/enc/enc.yaml\n'), []);
});

test(`${ID}: none (kubeadm sets none either) is reported at the command or extraArgs line, without a fix`, () => {
  const text = staticPod('kube-apiserver', ['--secure-port=6443']);
  expectFindings(ID, text, [{ at: 'command', message: 'unencrypted' }]);
  assertNoFix(text, ID);
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n  - name: profiling\n    value: "false"\n'), [{ at: 'extraArgs' }]);
});
