/**
 * The one home of "where does this object keep its pod template". Rules never
 * branch on kind: they receive a PodSpecView built from the path found here.
 *
 * Three tables, tried in order:
 * 1. Workload kinds of other projects, keyed by API group and kind (a kind
 *    name alone is ambiguous: Knative's `Service` is not the core Service).
 * 2. Built-in workload kinds, typed from kubernetes-types so a misspelt kind
 *    fails to compile. Matched by kind whatever the apiVersion, so older
 *    groups (`extensions/v1beta1` Deployments, `batch/v1beta1` CronJobs) stay
 *    linted.
 * Between 1 and 2, when the caller passes one (lint options `workloads`):
 * the workloads of the project's CustomResourceDefinitions, keyed by
 * apiVersion and kind (project/crd-workloads.ts reads them from the CRDs'
 * schemas; nothing here knows them).
 * 3. Any other object whose `spec.template.spec.containers` (or
 *    `spec.jobTemplate.spec.template.spec.containers`) is a list of
 *    containers, each a map with `image`: custom resources that embed a pod
 *    template (OpenKruise CloneSets, Argo Rollouts under another group, ...).
 */
import type { YAMLMap } from 'yaml';
import type { YamlDocument } from '../parse/yaml-document';
import type { Pod, ReplicationController } from 'kubernetes-types/core/v1';
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { asMap, getNode, getPath, seqItems } from './yaml-node';

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

const JOB_TEMPLATE = ['spec', 'jobTemplate', 'spec', 'template'] as const;
const TEMPLATE = ['spec', 'template'] as const;
/** The object is its own pod template: its `metadata` and its `spec`, the pod spec. */
const SELF: readonly string[] = [];

/**
 * Path from the object root to its pod template (the map holding the pod's
 * `metadata` and `spec`). For a Pod the object itself is the template.
 */
export const POD_TEMPLATE_PATH: Readonly<Record<WorkloadKind, readonly string[]>> = {
  Pod: SELF,
  Deployment: TEMPLATE,
  ReplicaSet: TEMPLATE,
  StatefulSet: TEMPLATE,
  DaemonSet: TEMPLATE,
  Job: TEMPLATE,
  CronJob: JOB_TEMPLATE,
  ReplicationController: TEMPLATE,
};

export const WORKLOAD_KINDS = Object.keys(POD_TEMPLATE_PATH) as WorkloadKind[];

export function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.prototype.hasOwnProperty.call(POD_TEMPLATE_PATH, kind);
}

/** Workload kinds of other projects, as `<API group>/<kind>` (`/<kind>` for the core group). */
export type KnownWorkload =
  /** OpenShift (apps.openshift.io/v1; OpenShift 3's legacy API served it as `apiVersion: v1`). */
  | 'apps.openshift.io/DeploymentConfig'
  | '/DeploymentConfig'
  /** Argo Rollouts (argoproj.io/v1alpha1); a Rollout with `spec.workloadRef` instead of a template has no pod spec of its own. */
  | 'argoproj.io/Rollout'
  /** Knative Serving (serving.knative.dev/v1): a Service's and a Configuration's template spec is a pod spec ... */
  | 'serving.knative.dev/Service'
  | 'serving.knative.dev/Configuration'
  /** ... and a Revision's spec is one. */
  | 'serving.knative.dev/Revision'
  /**
   * The core group's PodTemplate (v1): a pod template kept in the API for controllers and tools to create pods from
   * (kube-linter and Pod Security admission read its `template` as a workload's). It runs nothing itself, so the
   * relation rules that select running pods skip it (project/relations/project-workloads.ts).
   */
  | '/PodTemplate';

export const KNOWN_POD_TEMPLATE_PATH: Readonly<Record<KnownWorkload, readonly string[]>> = {
  'apps.openshift.io/DeploymentConfig': TEMPLATE,
  '/DeploymentConfig': TEMPLATE,
  'argoproj.io/Rollout': TEMPLATE,
  'serving.knative.dev/Service': TEMPLATE,
  'serving.knative.dev/Configuration': TEMPLATE,
  'serving.knative.dev/Revision': SELF,
  '/PodTemplate': ['template'],
};

/** Paths where an object of any other kind may hold a pod template (checked by content). */
const GENERIC_TEMPLATE_PATHS: readonly (readonly string[])[] = [TEMPLATE, JOB_TEMPLATE];

/**
 * Where a custom resource keeps its pod: the path to the map holding the
 * pod's `metadata` (when it has any) and its pod spec, under key `specKey`
 * (a PodTemplateSpec at `spec.template`: template `['spec', 'template']`,
 * key `spec`; a PodSpec at `spec.podSpec`: template `['spec']`, key `podSpec`).
 */
export interface CustomWorkload {
  readonly template: readonly string[];
  readonly specKey: string;
}

/** Custom workloads by `<apiVersion>/<kind>` (`example.com/v1/Widget`), with a key naming the table (for caches). */
export interface CustomWorkloads {
  readonly byType: ReadonlyMap<string, CustomWorkload>;
  readonly key: string;
}

/** Where an object keeps its pod: the template path (empty: the object itself) and the pod spec's key in it. */
export interface PodLocation {
  readonly template: readonly string[];
  readonly specKey: string;
}

/** The API group of an apiVersion: `""` for the core group (`v1`), else the part before `/`. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** True when `node` is a pod template whose spec's `containers` is a non-empty list of maps, each with `image`. */
function holdsContainers(node: unknown, doc: YamlDocument): boolean {
  const containers = seqItems(getNode(asMap(getNode(asMap(node, doc), 'spec'), doc), 'containers'), doc);
  return containers.length > 0 && containers.every((c) => getNode(asMap(c, doc), 'image') !== undefined);
}

/**
 * Where an object of this apiVersion and kind keeps its pod (see the tables
 * above; `custom`: the project's custom workloads), or undefined when it holds
 * no pod we know of.
 */
export function podLocation(apiVersion: string, kind: string, root: YAMLMap, doc: YamlDocument, custom?: CustomWorkloads): PodLocation | undefined {
  const known = `${apiGroup(apiVersion)}/${kind}`;
  if (Object.prototype.hasOwnProperty.call(KNOWN_POD_TEMPLATE_PATH, known)) return { template: KNOWN_POD_TEMPLATE_PATH[known as KnownWorkload], specKey: 'spec' };
  const own = custom?.byType.get(`${apiVersion}/${kind}`);
  if (own) return own;
  if (isWorkloadKind(kind)) return { template: POD_TEMPLATE_PATH[kind], specKey: 'spec' };
  const template = GENERIC_TEMPLATE_PATHS.find((path) => holdsContainers(getPath(root, path, doc), doc));
  return template && { template, specKey: 'spec' };
}
