/**
 * Fix-all over a project (`shipshape scan --fix` with kustomize builds): the
 * safe fixes of every file's project findings (see lint-project.ts: a finding
 * a build reports in a patch or base carries that file's own fix), applied
 * in memory round by round, re-linting the project after each round, until
 * nothing is left to fix. A file whose round would add a syntax finding
 * keeps its text. The caller writes the changed texts.
 */
import { applyEdits, MAX_FIX_ROUNDS, selectNonOverlapping } from '../fixes/apply';
import { findingFixes, type Finding, type Fix } from '../types';
import { lintProject, type ProjectLint, type ProjectLintOptions } from './lint-project';
import type { ProjectHost, ProjectPath } from './types';

export interface ProjectFixOptions extends ProjectLintOptions {
  /** Whether a file may be edited (default: every file). */
  canFix?(path: ProjectPath): boolean;
}

export interface ProjectFixResult {
  /** The new text of each file that changed. */
  texts: Map<ProjectPath, string>;
  /** Fixes applied per changed file. */
  applied: Map<ProjectPath, number>;
  /** The project's lint after the last round (on the new texts). */
  lint: ProjectLint;
}

const PARSE_RULES = new Set(['yaml-syntax', 'dockerfile-syntax', 'helm-template', 'helm-render']);
const parseErrors = (findings: readonly Finding[] | undefined): number => (findings ?? []).filter((f) => PARSE_RULES.has(f.ruleId)).length;

/** The safe fixes of a file's findings, in file order, that do not overlap. */
function safeFixes(findings: readonly Finding[], text: string): Fix[] {
  const candidates = findings
    .slice()
    .sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId))
    .flatMap((f) => findingFixes(f).filter((x) => x.kind === 'fix' && x.edits.length > 0));
  return selectNonOverlapping(candidates, text);
}

/** Apply the project's safe fixes to a fixed point (at most `maxRounds` rounds). Never throws. */
export function fixProject(host: ProjectHost, files: readonly ProjectPath[], options: ProjectFixOptions, maxRounds = MAX_FIX_ROUNDS): ProjectFixResult {
  const texts = new Map<ProjectPath, string>();
  const applied = new Map<ProjectPath, number>();
  const edited: ProjectHost = {
    readFile: (path) => texts.get(path) ?? host.readFile(path),
    readDirectory: (path) => host.readDirectory(path),
    ...(host.gunzip ? { gunzip: (path: ProjectPath) => host.gunzip!(path) } : {}),
  };
  let lint = lintProject(edited, files, options);
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    for (const [path, findings] of lint.files) {
      if (options.canFix && !options.canFix(path)) continue;
      const text = edited.readFile(path);
      if (text === undefined) continue;
      const picked = safeFixes(findings, text);
      if (picked.length === 0) continue;
      const next = applyEdits(
        text,
        picked.flatMap((f) => f.edits),
      );
      if (next === undefined || next === text) continue;
      texts.set(path, next);
      applied.set(path, (applied.get(path) ?? 0) + picked.length);
      changed = true;
    }
    if (!changed) break;
    const next = lintProject(edited, files, options);
    // A file whose fixes broke its parsing keeps its original text, and fixing stops.
    let reverted = false;
    for (const [path, findings] of next.files) {
      if (texts.has(path) && parseErrors(findings) > parseErrors(lint.files.get(path))) {
        reverted = true;
        texts.delete(path);
        applied.delete(path);
      }
    }
    lint = reverted ? lintProject(edited, files, options) : next;
    if (reverted) break;
  }
  return { texts, applied, lint };
}
