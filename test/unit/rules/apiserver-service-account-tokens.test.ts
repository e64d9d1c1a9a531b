import { test } from 'node:test';
import { assertFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, staticPod } from '../../helpers/cluster-config';

const ID = 'apiserver-service-account-tokens';

test(`${ID}: kubeadm's files and lookup left at its default are not reported`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('kube-apiserver', ['--service-account-key-file=/pki/sa.pub', '--service-account-lookup=true']), []);
});

test(`${ID}: lookup off on its line (suggestion: true); no key file at the command line`, () => {
  const text = staticPod('kube-apiserver', ['--service-account-lookup=false']);
  expectFindings(ID, text, [
    { at: 'command', message: '--service-account-key-file' },
    { at: '--service-account-lookup=false', message: 'deleted service accounts' },
  ]);
  assertFix(text, ID, { kind: 'suggestion', index: 1, contains: ['    - --service-account-lookup=true\n'] });
});
