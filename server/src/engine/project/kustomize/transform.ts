import type { ProjectHost } from '../types';
import type { Kustomization } from './load';
import type { BuildState, Res } from './model';
export function runTransformers(k: Kustomization, ra: Res[], host: ProjectHost, state: BuildState): Res[] {
  void k, host, state;
  return ra;
}
