/**
 * Kustomize patches (`patches`, `patchesStrategicMerge`, `patchesJson6902`), applied in process
 * as kustomize v5 applies them. Work in progress: the signature is final.
 */
import type { Scalar } from 'yaml';
import type { Span } from '../../types';
import type { BuiltObject, ProjectHost, ProjectPath, ProjectProblem } from '../types';

export interface TargetSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface PatchSpec {
  field: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902';
  /** The patch file (already resolved against the kustomization's directory), or undefined for an inline patch. */
  path?: ProjectPath;
  /** Inline patch text: the scalar node in the kustomization document (block or quoted scalar). */
  inline?: Scalar;
  /** The kustomization file. */
  kustomization: ProjectPath;
  /** The list entry's range in the kustomization (problems are reported there). */
  entry: Span;
  target?: TargetSelector;
  options?: { allowNameChange?: boolean; allowKindChange?: boolean };
}

export function applyPatches(
  objects: BuiltObject[],
  patches: readonly PatchSpec[],
  host: ProjectHost,
  out: { problems: ProjectProblem[]; inputs: Set<ProjectPath>; patches: Set<ProjectPath> },
): BuiltObject[] {
  void host;
  void out;
  void patches;
  return objects;
}
