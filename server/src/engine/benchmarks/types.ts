/**
 * Benchmark catalogs (CIS Kubernetes, CIS Docker): every item of a benchmark
 * with how it can be judged from files. Rules name the items they check in
 * their metadata (`references.cis`, `references.cisDocker`); a report joins
 * the two (which items pass, fail, do not apply, or cannot be checked here).
 */

/** How an item can be judged from the files of a repository. */
export type BenchmarkCheck =
  /** Rules check it from files: at least one rule's metadata names the item. */
  | 'files'
  /** The benchmark marks it manual (a review by a person), or it needs organisation knowledge. */
  | 'manual'
  /** It needs the running host (file permissions, running processes, the live cluster). */
  | 'host';

/**
 * What a file must hold for an item to apply: the report says "does not
 * apply" when no scanned file holds such a subject.
 */
export type BenchmarkSubject =
  | 'kube-apiserver'
  | 'kube-controller-manager'
  | 'kube-scheduler'
  | 'etcd'
  | 'kubeadm'
  | 'kubelet-config'
  | 'encryption-config'
  | 'abac-policy'
  | 'workload'
  /** A PodSecurityPolicy or an OpenShift SecurityContextConstraints: the pod admission policies the 5.2.x items name. */
  | 'pod-security-policy'
  | 'rbac'
  | 'service-account'
  | 'network-policy'
  | 'namespace'
  | 'secret'
  | 'dockerfile'
  | 'compose'
  | 'docker-daemon';

export interface BenchmarkItem {
  /** The benchmark's own id, e.g. "1.2.1" or "5.25". */
  readonly id: string;
  /** The benchmark's title for the item. */
  readonly title: string;
  readonly check: BenchmarkCheck;
  /** For `files` items: the subjects that make the item apply. */
  readonly subjects?: readonly BenchmarkSubject[];
  /** For `manual`/`host` items, or a note on a `files` item: why, in one sentence. */
  readonly note?: string;
}

export interface BenchmarkSection {
  readonly id: string;
  readonly title: string;
  readonly items: readonly BenchmarkItem[];
}

export interface Benchmark {
  /** The `--benchmark` value: `cis-kubernetes` or `cis-docker`. */
  readonly id: 'cis-kubernetes' | 'cis-docker';
  /** e.g. "CIS Kubernetes Benchmark". */
  readonly name: string;
  /** e.g. "v1.10.0". */
  readonly version: string;
  /** Which rule metadata field names this benchmark's items. */
  readonly referenceField: 'cis' | 'cisDocker';
  readonly sections: readonly BenchmarkSection[];
}
