/** `shipshape scan`: settings from flags, files from paths, findings from the engine. */
import { basename } from 'node:path';
import { lintText, normalizeSettings, RULE_IDS, type EngineSettings } from '../engine';
import type { ScanArgs } from './args';
import { CliError } from './errors';
import { discoverFiles, readSource } from './files';
import { locateFindings, summarize, type ReportFinding, type ScanReport } from './report';

/** Engine settings from the command line (profile, --rule overrides, --trusted-registry). Throws CliError on a problem. */
export function settingsFromArgs(args: Pick<ScanArgs, 'profile' | 'rules' | 'trustedRegistries'>): EngineSettings {
  const { settings, problems } = normalizeSettings({ profile: args.profile, rules: args.rules, trustedRegistries: args.trustedRegistries }, RULE_IDS);
  if (problems.length > 0) throw new CliError(problems[0]!);
  return settings;
}

export function scan(args: ScanArgs, cwd: string): ScanReport {
  const settings = settingsFromArgs(args);
  const files = discoverFiles(args.paths, cwd);
  const findings: ReportFinding[] = [];
  for (const file of files) {
    const source = readSource(file);
    findings.push(...locateFindings(file, source.text, lintText(source.text, source.kind, { settings, fileName: basename(file.path) })));
  }
  return { settings, files, findings, summary: summarize(findings) };
}
