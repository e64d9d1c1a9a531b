import { test } from 'node:test';
import { assertFix } from '../../helpers/fix-tester';
import { assertKubeadmClean, expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'apiserver-anonymous-auth';

test(`${ID}: kubeadm's files, unset and false are not reported; other components are not judged`, () => {
  assertKubeadmClean(ID);
  expectFindings(ID, staticPod('kube-apiserver', ['--anonymous-auth=false']), []);
  expectFindings(ID, staticPod('kube-apiserver', ['--secure-port=6443']), []);
  expectFindings(ID, staticPod('kube-scheduler', ['--anonymous-auth=true']), []);
});

test(`${ID}: --anonymous-auth=true in command or args, and a bare boolean flag, are reported on the flag's line`, () => {
  expectFindings(ID, staticPod('kube-apiserver', ['--authorization-mode=Node,RBAC', '--anonymous-auth=true']), [{ at: '--anonymous-auth=true', message: ['kube-apiserver (container "kube-apiserver")', 'system:anonymous'] }]);
  expectFindings(ID, staticPod('kube-apiserver', [], { args: ['--anonymous-auth=True'] }), [{ at: '--anonymous-auth=True' }]);
  // pflag reads a bare boolean flag as true and never takes the next item as its value.
  expectFindings(ID, staticPod('kube-apiserver', ['--anonymous-auth', 'false']), [{ at: '--anonymous-auth' }]);
});

test(`${ID}: kubeadm extraArgs, v1beta3 map and v1beta4 list`, () => {
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n    anonymous-auth: "true"\n', 'v1beta3'), [{ at: 'anonymous-auth: "true"', message: 'kube-apiserver (kubeadm apiServer)' }]);
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n  - name: anonymous-auth\n    value: "true"\n'), [{ at: 'value: "true"' }]);
  expectFindings(ID, kubeadmConfig('apiServer:\n  extraArgs:\n  - name: anonymous-auth\n    value: "false"\n'), []);
});

test(`${ID}: the suggestion writes false in place`, () => {
  assertFix(staticPod('kube-apiserver', ['--anonymous-auth=true']), ID, { kind: 'suggestion', contains: ['    - --anonymous-auth=false\n'] });
  assertFix(kubeadmConfig('apiServer:\n  extraArgs:\n    anonymous-auth: "true"\n', 'v1beta3'), ID, { kind: 'suggestion', contains: ['anonymous-auth: "false"'] });
});
