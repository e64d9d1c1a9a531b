import type { ProjectHost } from '../types';
import type { Kustomization } from './load';
import type { BuildState, Res } from './model';
export function runGenerators(k: Kustomization, ra: Res[], host: ProjectHost, state: BuildState): void {
  void k, ra, host, state;
}
