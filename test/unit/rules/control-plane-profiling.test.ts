import { test } from 'node:test';
import { assertFix } from '../../helpers/fix-tester';
import { expectFindings, kubeadmConfig, staticPod } from '../../helpers/cluster-config';

const ID = 'control-plane-profiling';

test(`${ID}: --profiling=false, and etcd (not a subject of the item), are not reported`, () => {
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) expectFindings(ID, staticPod(c, ['--profiling=false']), []);
  expectFindings(ID, staticPod('etcd', []), []);
  expectFindings(ID, staticPod('nginx', ['--profiling=true']), []);
});

test(`${ID}: unset (profiling is on by default; kubeadm leaves it on: kube-bench 1.2.15, 1.3.2, 1.4.1 fail) gets a fix adding --profiling=false`, () => {
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    const text = staticPod(c, ['--leader-elect=true']);
    expectFindings(ID, text, [{ at: 'command', message: [`${c} (container "${c}")`, '--profiling=false'] }]);
    assertFix(text, ID, { kind: 'fix', expectedOutput: staticPod(c, ['--leader-elect=true', '--profiling=false']) });
  }
});

test(`${ID}: a component recognised by its path, by args, or by its image when there is no command`, () => {
  expectFindings(ID, staticPod('kube-scheduler', [], { program: '/usr/local/bin/kube-scheduler' }), [{ at: 'command' }]);
  const byImage = 'apiVersion: v1\nkind: Pod\nmetadata: {name: s}\nspec:\n  containers:\n  - name: s\n    image: registry.k8s.io/kube-scheduler:v1.31.0@sha256:abc\n    args: ["--v=2"]\n';
  expectFindings(ID, byImage, [{ at: 'args' }]);
  const shell = 'apiVersion: v1\nkind: Pod\nmetadata: {name: s}\nspec:\n  containers:\n  - name: s\n    image: registry.k8s.io/kube-scheduler:v1.31.0\n    command: ["sh", "-c", "kube-scheduler --v=2"]\n';
  expectFindings(ID, shell, []);
});

test(`${ID}: --profiling=true is reported on its line with a suggestion`, () => {
  const text = staticPod('kube-apiserver', ['--profiling=true']);
  expectFindings(ID, text, [{ at: '--profiling=true' }]);
  assertFix(text, ID, { kind: 'suggestion', contains: ['    - --profiling=false\n'] });
});

test(`${ID}: kubeadm ClusterConfiguration: one finding per component, fixes add extraArgs (map, list, created)`, () => {
  const text = kubeadmConfig('apiServer:\n  extraArgs:\n  - name: profiling\n    value: "false"\ncontrollerManager:\n  extraArgs: []\n');
  expectFindings(ID, text, [{ at: 'extraArgs', occurrence: 1, message: 'kube-controller-manager' }, { at: 'kind', message: 'kube-scheduler' }]);
  assertFix(kubeadmConfig('scheduler:\n  extraArgs:\n    v: "2"\ncontrollerManager:\n  extraArgs:\n    profiling: "false"\napiServer:\n  extraArgs:\n    profiling: "false"\n', 'v1beta3'), ID, {
    kind: 'fix',
    contains: ['scheduler:\n  extraArgs:\n    v: "2"\n    profiling: "false"\n'],
  });
  assertFix(kubeadmConfig('apiServer:\n  extraArgs:\n  - name: profiling\n    value: "false"\ncontrollerManager:\n  extraArgs:\n  - name: profiling\n    value: "false"\nscheduler:\n  certSANs: []\n'), ID, {
    kind: 'fix',
    contains: ['scheduler:\n  certSANs: []\n  extraArgs:\n  - name: profiling\n    value: "false"\n'],
  });
});
