import { test } from 'node:test';
import { assertFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeletConfig } from '../../helpers/cluster-config';

const ID = 'kubelet-read-only-port';

test(`${ID}: kubeadm's kubelet config, 0 and unset (the config file's default is 0, off) are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, kubeletConfig('readOnlyPort: 0\n'), []);
  expectFindings(ID, kubeletConfig('port: 10250\n'), []);
});

test(`${ID}: an open read-only port is reported on its pair, with a suggestion`, () => {
  const text = kubeletConfig('readOnlyPort: 10255\n');
  expectFindings(ID, text, [{ at: 'readOnlyPort: 10255', message: 'readOnlyPort: 10255' }]);
  assertFix(text, ID, { kind: 'suggestion', contains: ['readOnlyPort: 0\n'] });
});
