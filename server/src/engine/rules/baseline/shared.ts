/**
 * Small helpers shared by the baseline rules: who a finding is about, and
 * the pod-level / container-level pairs of one securityContext field.
 */
import type { Node, Pair } from 'yaml';
import type { ContainerView, PodSpecView } from '../../views/resource';

/** `Container "web"`, `Init container "setup"`, `Ephemeral container "debug"`. */
export function subjectOf(c: ContainerView): string {
  return `${c.label} "${c.name}"`;
}

export interface SecurityContextSetting {
  /** "Pod" or `Container "web"`, for messages. */
  subject: string;
  /** The container the finding concerns, if it is a container-level setting. */
  container?: string;
  value: unknown;
  pair: Pair<Node, Node>;
}

/** A field under `spec.securityContext`, when set. */
export function podSetting(pod: PodSpecView, path: readonly string[]): SecurityContextSetting | undefined {
  const full = ['securityContext', ...path];
  const pair = pod.pair(full);
  return pair ? { subject: 'Pod', value: pod.value(full), pair } : undefined;
}

/** A field under a container's `securityContext`, when set. */
export function containerSetting(c: ContainerView, path: readonly string[]): SecurityContextSetting | undefined {
  const full = ['securityContext', ...path];
  const pair = c.pair(full);
  return pair ? { subject: subjectOf(c), container: c.name, value: c.value(full), pair } : undefined;
}
