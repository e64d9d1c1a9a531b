import type { BuildState, Res } from './model';
export function addHashSuffixes(ra: Res[], state: BuildState): void {
  void ra, state;
}
