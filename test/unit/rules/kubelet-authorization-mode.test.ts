import { test } from 'node:test';
import { assertFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeletConfig } from '../../helpers/cluster-config';

const ID = 'kubelet-authorization-mode';

test(`${ID}: kubeadm's kubelet config, Webhook and unset (the config file's default is Webhook) are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, kubeletConfig('authorization:\n  mode: Webhook\n'), []);
  expectFindings(ID, kubeletConfig('readOnlyPort: 0\n'), []);
});

test(`${ID}: AlwaysAllow is reported on its pair, with a suggestion`, () => {
  const text = kubeletConfig('authorization:\n  mode: AlwaysAllow\n');
  expectFindings(ID, text, [{ at: 'mode: AlwaysAllow', message: 'exec' }]);
  assertFix(text, ID, { kind: 'suggestion', contains: ['  mode: Webhook\n'] });
});
