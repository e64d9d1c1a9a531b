/**
 * The one table that knows where each workload kind keeps its pod template.
 * Rules never branch on kind: they receive a PodSpecView from here.
 * Kind names are typed from kubernetes-types, so a misspelt kind fails to compile.
 */
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';

type KindOf<T extends { kind?: string }> = NonNullable<T['kind']>;

export type WorkloadKind =
  | KindOf<Pod>
  | KindOf<Deployment>
  | KindOf<ReplicaSet>
  | KindOf<StatefulSet>
  | KindOf<DaemonSet>
  | KindOf<Job>
  | KindOf<CronJob>
  | KindOf<ReplicationController>;

/**
 * Path from the object root to its pod template (the map holding the pod's
 * `metadata` and `spec`). For a Pod the object itself is the template.
 */
export const POD_TEMPLATE_PATH: Readonly<Record<WorkloadKind, readonly string[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  ReplicationController: ['spec', 'template'],
};

export const WORKLOAD_KINDS = Object.keys(POD_TEMPLATE_PATH) as WorkloadKind[];

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.prototype.hasOwnProperty.call(POD_TEMPLATE_PATH, kind);
}
