/**
 * The flags kubeadm (v1.31 and later, v1beta3 and v1beta4 alike) writes into
 * the static pod manifests it generates from a ClusterConfiguration before
 * `extraArgs` (which override them), as in kubeadm's
 * app/phases/controlplane/manifests.go and app/phases/etcd/local.go. Only the
 * flags the cluster-config rules read are listed; paths follow
 * `certificatesDir` (default /etc/kubernetes/pki). docs/rules/*.md of the
 * cluster-config rules name the defaults each rule relies on.
 */
import type { ResourceView } from './resource';
import { asMap, getNode, getPath, scalarValue, seqItems } from './yaml-node';

export const CONTROL_PLANE_COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'] as const;
export type ControlPlaneComponent = (typeof CONTROL_PLANE_COMPONENTS)[number];

export interface KubeadmComponent {
  readonly component: ControlPlaneComponent;
  /** Where the component's `extraArgs` live in a ClusterConfiguration. */
  readonly path: readonly string[];
}

export const KUBEADM_COMPONENTS: readonly KubeadmComponent[] = [
  { component: 'kube-apiserver', path: ['apiServer'] },
  { component: 'kube-controller-manager', path: ['controllerManager'] },
  { component: 'kube-scheduler', path: ['scheduler'] },
  { component: 'etcd', path: ['etcd', 'local'] },
];

/** The flags kubeadm sets for `component`, before extraArgs. */
export function kubeadmDefaults(component: ControlPlaneComponent, r: ResourceView): Array<[string, string]> {
  const dir = stringAt(r, ['certificatesDir']) ?? '/etc/kubernetes/pki';
  switch (component) {
    case 'kube-apiserver':
      return [
        ['authorization-mode', 'Node,RBAC'],
        ['enable-admission-plugins', 'NodeRestriction'],
        ['enable-bootstrap-token-auth', 'true'],
        ['client-ca-file', `${dir}/ca.crt`],
        ['tls-cert-file', `${dir}/apiserver.crt`],
        ['tls-private-key-file', `${dir}/apiserver.key`],
        ['kubelet-client-certificate', `${dir}/apiserver-kubelet-client.crt`],
        ['kubelet-client-key', `${dir}/apiserver-kubelet-client.key`],
        ['service-account-key-file', `${dir}/sa.pub`],
        ['service-account-signing-key-file', `${dir}/sa.key`],
        ['secure-port', '6443'],
        ...etcdClientFlags(r, dir),
      ];
    case 'kube-controller-manager':
      return [
        ['bind-address', '127.0.0.1'],
        ['leader-elect', 'true'],
        ['use-service-account-credentials', 'true'],
        ['root-ca-file', `${dir}/ca.crt`],
        ['service-account-private-key-file', `${dir}/sa.key`],
        ['client-ca-file', `${dir}/ca.crt`],
        ['cluster-signing-cert-file', `${dir}/ca.crt`],
        ['cluster-signing-key-file', `${dir}/ca.key`],
      ];
    case 'kube-scheduler':
      return [
        ['bind-address', '127.0.0.1'],
        ['leader-elect', 'true'],
      ];
    case 'etcd':
      return [
        ['cert-file', `${dir}/etcd/server.crt`],
        ['key-file', `${dir}/etcd/server.key`],
        ['trusted-ca-file', `${dir}/etcd/ca.crt`],
        ['client-cert-auth', 'true'],
        ['peer-cert-file', `${dir}/etcd/peer.crt`],
        ['peer-key-file', `${dir}/etcd/peer.key`],
        ['peer-trusted-ca-file', `${dir}/etcd/ca.crt`],
        ['peer-client-cert-auth', 'true'],
      ];
  }
}

/** The API server's etcd flags: kubeadm's certificates for local etcd; for external etcd only the files the config names. */
function etcdClientFlags(r: ResourceView, dir: string): Array<[string, string]> {
  const external = asMap(getPath(r.root, ['etcd', 'external'], r.doc), r.doc);
  if (!external) {
    return [
      ['etcd-servers', 'https://127.0.0.1:2379'],
      ['etcd-cafile', `${dir}/etcd/ca.crt`],
      ['etcd-certfile', `${dir}/apiserver-etcd-client.crt`],
      ['etcd-keyfile', `${dir}/apiserver-etcd-client.key`],
    ];
  }
  const out: Array<[string, string]> = [];
  const endpoints = seqItems(getNode(external, 'endpoints'), r.doc)
    .map((n) => scalarValue(n, r.doc))
    .filter((v): v is string => typeof v === 'string');
  if (endpoints.length > 0) out.push(['etcd-servers', endpoints.join(',')]);
  for (const [field, flag] of [['caFile', 'etcd-cafile'], ['certFile', 'etcd-certfile'], ['keyFile', 'etcd-keyfile']] as const) {
    const v = scalarValue(getNode(external, field), r.doc);
    if (typeof v === 'string' && v !== '') out.push([flag, v]);
  }
  return out;
}

function stringAt(r: ResourceView, path: readonly string[]): string | undefined {
  const v = scalarValue(getPath(r.root, path, r.doc), r.doc);
  return typeof v === 'string' && v !== '' ? v : undefined;
}
