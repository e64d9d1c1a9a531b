/**
 * Which objects have no namespace: cluster-scoped kinds, and files that look
 * like objects (apiVersion + kind) but are tool configuration, never sent to
 * the API server. `default-namespace` skips both.
 *
 * Built-in kinds are typed from kubernetes-types (a misspelling fails to
 * compile); kinds newer than those types and common custom resources are
 * listed as strings.
 */
import type { ComponentStatus, Namespace, Node, PersistentVolume } from 'kubernetes-types/core/v1';
import type { ClusterRole, ClusterRoleBinding } from 'kubernetes-types/rbac/v1';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1';
import type {
  MutatingWebhookConfiguration,
  ValidatingAdmissionPolicy,
  ValidatingAdmissionPolicyBinding,
  ValidatingWebhookConfiguration,
} from 'kubernetes-types/admissionregistration/v1';
import type { CSIDriver, CSINode, StorageClass, VolumeAttachment } from 'kubernetes-types/storage/v1';
import type { VolumeAttributesClass } from 'kubernetes-types/storage/v1alpha1';
import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import type { RuntimeClass } from 'kubernetes-types/node/v1';
import type { IngressClass } from 'kubernetes-types/networking/v1';
import type { IPAddress, ServiceCIDR } from 'kubernetes-types/networking/v1alpha1';
import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import type { ClusterTrustBundle } from 'kubernetes-types/certificates/v1alpha1';
import type { FlowSchema, PriorityLevelConfiguration } from 'kubernetes-types/flowcontrol/v1';
import type { StorageVersion } from 'kubernetes-types/apiserverinternal/v1alpha1';
import type { StorageVersionMigration } from 'kubernetes-types/storagemigration/v1alpha1';
import type { SelfSubjectReview, TokenReview } from 'kubernetes-types/authentication/v1';
import type { SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview } from 'kubernetes-types/authorization/v1';
import type { ResourceSlice } from 'kubernetes-types/resource/v1alpha2';
import type { ResourceView } from '../../views/resource';

type KindOf<T extends { kind?: string }> = NonNullable<T['kind']>;

type BuiltinClusterKind = KindOf<
  | Namespace
  | Node
  | PersistentVolume
  | ComponentStatus
  | ClusterRole
  | ClusterRoleBinding
  | CustomResourceDefinition
  | MutatingWebhookConfiguration
  | ValidatingWebhookConfiguration
  | ValidatingAdmissionPolicy
  | ValidatingAdmissionPolicyBinding
  | StorageClass
  | CSIDriver
  | CSINode
  | VolumeAttachment
  | VolumeAttributesClass
  | PriorityClass
  | RuntimeClass
  | IngressClass
  | IPAddress
  | ServiceCIDR
  | CertificateSigningRequest
  | ClusterTrustBundle
  | FlowSchema
  | PriorityLevelConfiguration
  | StorageVersion
  | StorageVersionMigration
  | TokenReview
  | SelfSubjectReview
  | SubjectAccessReview
  | SelfSubjectAccessReview
  | SelfSubjectRulesReview
  | ResourceSlice
>;

const BUILTIN: readonly BuiltinClusterKind[] = [
  'Namespace', 'Node', 'PersistentVolume', 'ComponentStatus', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass', 'PriorityClass', 'RuntimeClass', 'IngressClass',
  'IPAddress', 'ServiceCIDR', 'CertificateSigningRequest', 'ClusterTrustBundle', 'FlowSchema', 'PriorityLevelConfiguration',
  'StorageVersion', 'StorageVersionMigration', 'TokenReview', 'SelfSubjectReview', 'SubjectAccessReview', 'SelfSubjectAccessReview',
  'SelfSubjectRulesReview', 'ResourceSlice',
];

/** Cluster-scoped kinds missing from kubernetes-types 1.30 (removed, newer or aggregated APIs) and unambiguous custom resources. */
const OTHER: readonly string[] = [
  // Kubernetes: PodSecurityPolicy (removed in 1.25), kube-aggregator, newer admission and DRA kinds.
  'PodSecurityPolicy', 'APIService', 'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'DeviceClass', 'DeviceTaintRule', 'ResourceClass',
  'InitializerConfiguration',
  // Gateway API, Gatekeeper, Crossplane, Karpenter, Calico, Cilium.
  'GatewayClass', 'ConstraintTemplate', 'CompositeResourceDefinition', 'EC2NodeClass', 'GlobalNetworkPolicy', 'GlobalNetworkSet',
  'CiliumClusterwideNetworkPolicy', 'CiliumNode', 'CiliumIdentity',
];

/** Custom kinds whose names other projects also use for namespaced kinds: `group/Kind`. */
const QUALIFIED: ReadonlySet<string> = new Set([
  'pkg.crossplane.io/Provider', 'pkg.crossplane.io/Function', 'pkg.crossplane.io/Configuration', 'apiextensions.crossplane.io/Composition',
  'karpenter.sh/NodePool', 'crd.projectcalico.org/IPPool', 'projectcalico.org/IPPool',
]);

/** Groups whose every kind is cluster-scoped (Gatekeeper constraints). */
const CLUSTER_GROUPS: ReadonlySet<string> = new Set(['constraints.gatekeeper.sh']);

/** Kinds named Cluster<Something> are cluster-scoped by convention (ClusterIssuer, ClusterPolicy, ClusterSecretStore, ...). */
const CLUSTER_PREFIX = /^Cluster[A-Z]/;
/** ... except these namespaced ones. */
const NAMESPACED_CLUSTER_KINDS: ReadonlySet<string> = new Set(['ClusterServiceVersion']);

const CLUSTER_SCOPED: ReadonlySet<string> = new Set<string>([...BUILTIN, ...OTHER]);

/** API groups of configuration files for tools (kustomize, kubeadm, kubelet, kind, skaffold...): never sent to the API server. */
const CONFIG_GROUPS: ReadonlySet<string> = new Set([
  'kustomize.config.k8s.io', 'kubeadm.k8s.io', 'kubelet.config.k8s.io', 'kubeproxy.config.k8s.io', 'kubescheduler.config.k8s.io',
  'apiserver.config.k8s.io', 'apiserver.k8s.io', 'audit.k8s.io', 'client.authentication.k8s.io', 'kind.x-k8s.io', 'k3d.io', 'skaffold',
  'ctlptl.dev',
]);
/** Core-group kinds that are files, not objects: kubeconfig (`kind: Config`) and lists (`kind: List`). */
const CORE_CONFIG_KINDS: ReadonlySet<string> = new Set(['Config', 'List']);

/** True when the object has no namespace: cluster-scoped, a list, or a tool's configuration file. */
export function hasNoNamespace(resource: ResourceView): boolean {
  const { kind, apiVersion } = resource;
  const slash = apiVersion.indexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  if (CONFIG_GROUPS.has(group)) return true;
  if (group === '' && CORE_CONFIG_KINDS.has(kind)) return true;
  if (kind.endsWith('List') && kind.length > 4) return true; // PodList, ConfigMapList...: containers of objects
  if (CLUSTER_SCOPED.has(kind) || CLUSTER_GROUPS.has(group) || QUALIFIED.has(`${group}/${kind}`)) return true;
  return CLUSTER_PREFIX.test(kind) && !NAMESPACED_CLUSTER_KINDS.has(kind);
}
