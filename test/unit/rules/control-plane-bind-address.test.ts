import { test } from 'node:test';
import { assertFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'control-plane-bind-address';

test(`${ID}: kubeadm's files and ClusterConfiguration (kubeadm binds to 127.0.0.1) are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('kube-scheduler', ['--bind-address=127.0.0.1']), []);
  expectFindings(ID, staticPod('kube-apiserver', ['--bind-address=0.0.0.0']), []);
});

test(`${ID}: unset (0.0.0.0) or a non-loopback address on the controller manager and scheduler; suggestions only`, () => {
  const text = staticPod('kube-controller-manager', ['--leader-elect=true']);
  expectFindings(ID, text, [{ at: 'command', message: '0.0.0.0' }]);
  assertFix(text, ID, { kind: 'suggestion', contains: ['    - --bind-address=127.0.0.1\n'] });
  expectFindings(ID, staticPod('kube-scheduler', ['--bind-address', '0.0.0.0']), [{ at: '--bind-address', message: '--bind-address=0.0.0.0' }]);
  assertFix(staticPod('kube-scheduler', ['--bind-address', '0.0.0.0']), ID, { kind: 'suggestion', contains: ['    - --bind-address\n    - 127.0.0.1\n'] });
  expectFindings(ID, kubeadmConfig('scheduler:\n  extraArgs:\n    bind-address: 0.0.0.0\n', 'v1beta3'), [{ at: 'bind-address: 0.0.0.0' }]);
});

test(`${ID}: the API server's removed insecure port`, () => {
  expectFindings(ID, staticPod('kube-apiserver', ['--insecure-port=8080', '--insecure-bind-address=0.0.0.0']), [
    { at: '--insecure-port=8080', message: 'without authentication' },
    { at: '--insecure-bind-address=0.0.0.0', message: '--insecure-bind-address' },
  ]);
  expectFindings(ID, staticPod('kube-apiserver', ['--insecure-port=0']), []);
});
