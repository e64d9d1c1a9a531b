/** The CLI's lint of one file alone (the scan's, its lint workers' and `init`'s). */
import { lintText, type EngineSettings, type Finding, type LintOptions } from '../engine';
import { encodingFinding } from '../engine/encoding';
import type { SourceFile } from './files';

/** A file's findings: the engine's, after a file-encoding finding when its bytes did not decode cleanly. */
export function lintSource(source: SourceFile, options: LintOptions & { settings: EngineSettings }): Finding[] {
  const findings = lintText(source.text, source.kind, options);
  const problem = source.problem && encodingFinding(source.problem, source.text, options.settings);
  return problem ? [problem, ...findings] : findings;
}
