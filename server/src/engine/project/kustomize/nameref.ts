import type { BuildState, Res } from './model';
export function fixNameReferences(ra: Res[], state: BuildState): void {
  void ra, state;
}
