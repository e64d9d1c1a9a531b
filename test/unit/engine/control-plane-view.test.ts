// The control-plane view: how a component's flags are read from a static pod (both flag forms, command then args,
// boolean flags, repeats) and from a kubeadm ClusterConfiguration (kubeadm's defaults replaced by extraArgs), and
// that odd shapes read as absent rather than throwing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChunk } from '../../../server/src/engine/parse/yaml';
import { ResourceView } from '../../../server/src/engine/views/resource';
import { DocumentViews } from '../../../server/src/engine/views/view-set';
import { controlPlaneViews } from '../../../server/src/engine/views/control-plane';
import { lintYaml } from '../../../server/src/engine/lint';
import { kubeadmConfig, staticPod } from '../../helpers/cluster-config';

function views(text: string) {
  const doc = parseChunk(text).docs[0]!;
  const resource = ResourceView.from(doc)!;
  return controlPlaneViews(resource, new DocumentViews());
}

test('static pod: --flag=value and --flag value, command then args, last setting wins, list flags add up', () => {
  const [v] = views(staticPod('kube-apiserver', ['--secure-port', '6443', '--v=2', '--enable-admission-plugins=NodeRestriction'], { args: ['--v=4', '--enable-admission-plugins=PodSecurity', '--profiling'] }));
  assert.equal(v!.component, 'kube-apiserver');
  assert.equal(v!.flag('secure-port')?.value, '6443');
  assert.equal(v!.flag('v')?.value, '4');
  assert.deepEqual(v!.listItems('enable-admission-plugins').map((i) => i.item), ['NodeRestriction', 'PodSecurity']);
  assert.equal(v!.bool('profiling', false), true);
  assert.equal(v!.flag('missing'), undefined);
});

test('kubeadm: defaults apply until extraArgs name the flag; etcd only when local', () => {
  const [api, cm, sched, etcd] = views(kubeadmConfig('apiServer:\n  extraArgs:\n  - name: enable-admission-plugins\n    value: PodSecurity\n'));
  assert.deepEqual(api!.listItems('enable-admission-plugins').map((i) => i.item), ['PodSecurity']);
  assert.equal(api!.flag('authorization-mode')?.value, 'Node,RBAC');
  assert.equal(api!.flag('authorization-mode')?.span, undefined);
  assert.equal(cm!.flag('bind-address')?.value, '127.0.0.1');
  assert.equal(sched!.component, 'kube-scheduler');
  assert.equal(etcd!.bool('client-cert-auth', false), true);
  assert.equal(views(kubeadmConfig('etcd:\n  external:\n    endpoints: [https://e:2379]\n')).length, 3);
  assert.equal(views(kubeadmConfig('certificatesDir: /srv/pki\n'))[0]!.flag('client-ca-file')?.value, '/srv/pki/ca.crt');
});

test('odd shapes read as absent: nothing throws, no cluster-config finding is invented', () => {
  const odd = [
    'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: x\n    command: [{a: 1}, 7, null]\n',
    'apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: x\n    command: kube-apiserver\n',
    kubeadmConfig('apiServer:\n  extraArgs: "profiling=false"\n'),
    kubeadmConfig('apiServer:\n  extraArgs: [1, {name: 2}, {value: x}, {name: profiling}]\n'),
    kubeadmConfig('apiServer: [1]\netcd: 3\n', 'v1beta3'),
    'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication: [1]\nauthorization: x\nreadOnlyPort: "10255"\ntlsCipherSuites: {a: 1}\n',
    'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources: [1, {resources: x, providers: [1, [], {}]}]\n',
  ];
  for (const text of odd) assert.doesNotThrow(() => lintYaml(text), text);
  assert.equal(views(odd[0]!).length, 0);
});
