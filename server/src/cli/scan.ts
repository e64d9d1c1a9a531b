/** `shipshape scan`: settings from flags and config files, files from paths, findings from the engine. */
import { basename, resolve } from 'node:path';
import { DEFAULT_SETTINGS, normalizeSettings, RULE_IDS, type EngineSettings, type RuleHooks } from '../engine';
import { ConfigLoader, isConfigFile, type LoadedConfig } from '../io/config-loader';
import { LineIndex } from '../engine/text';
import type { ScanArgs } from './args';
import { CliError } from './errors';
import { discoverFiles, displayPath, readSource, type InputFile, type StdinSource } from './files';
import { lintSource } from './lint-source';
import { locateFindings, summarize, type ReportFinding, type ScanReport } from './report';
import { scanProject } from './project-scan';
import { DEFAULT_POOL_TUNING, DEFAULT_TUNING, poolWorkers, worthStarting, type PoolTuning } from './pool/plan';
import { LintPool, type PoolOptions } from './pool/pool';

/** How `scan` may start lint workers (see pool/pool.ts); the pool size comes from --jobs. */
/** The pool's options but its size (from --jobs); `tuning`: the test seam's overrides of the scan's defaults. */
export type WorkerOptions = Omit<PoolOptions, 'size' | 'tuning'> & { tuning?: Partial<PoolTuning> };

type SettingArgs = Pick<ScanArgs, 'profile' | 'rules' | 'trustedRegistries' | 'noSchema'>;

/** Engine settings from the command line alone (profile, --rule overrides, --trusted-registry). Throws CliError on a problem. */
export function settingsFromArgs(args: SettingArgs): EngineSettings {
  const { settings, problems } = normalizeSettings({ profile: args.profile, rules: args.rules, trustedRegistries: args.trustedRegistries, ...(args.noSchema ? { schemaValidation: false } : {}) }, RULE_IDS);
  if (problems.length > 0) throw new CliError(problems[0]!);
  return settings;
}

/** Flags given on the command line win over a config file. */
function withFlags(settings: EngineSettings, args: SettingArgs, fromFlags: EngineSettings): EngineSettings {
  return {
    ...settings,
    ...(args.profile !== undefined ? { profile: args.profile } : {}),
    rules: { ...settings.rules, ...args.rules },
    ...(args.trustedRegistries !== undefined ? { trustedRegistries: fromFlags.trustedRegistries } : {}),
    ...(args.noSchema ? { schemaValidation: false } : {}),
  };
}

/** An invalid config stops the scan: `shipshape: .shipshape.yaml:3:5: rules: unknown rule id "x"`. */
export function configError(config: LoadedConfig, cwd: string): CliError {
  const [first, ...rest] = config.parsed.problems;
  const at = new LineIndex(config.text).position(first?.span.start ?? 0);
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  return new CliError(`${displayPath(config.path, cwd)}:${at.line + 1}:${at.character + 1}: ${first?.message ?? 'invalid configuration'}${more}`);
}

export interface ScanContext {
  /** Settings for one file (config file applied), or undefined when the config ignores the file. Throws CliError for an invalid config. */
  settingsFor(file: InputFile): EngineSettings | undefined;
  files: InputFile[];
  /** The command line's settings (reported in JSON output). */
  settings: EngineSettings;
}

/** Reads standard input (the path `-`); the CLI's is in CliIo. */
export type ReadStdin = () => Uint8Array;

/** Files to scan and how to get each one's settings; shared by `scan` and `scan --fix`. */
export function scanContext(args: ScanArgs, cwd: string, readStdin?: ReadStdin): ScanContext {
  const fromFlags = settingsFromArgs(args);
  const loader = new ConfigLoader();
  const explicit = args.config !== undefined ? resolve(cwd, args.config) : undefined;
  if (explicit !== undefined) {
    const config = loader.load(explicit);
    if (!config) throw new CliError(`cannot read '${args.config}': no such file or directory`);
    if (!config.parsed.config) throw configError(config, cwd);
  }
  const settingsFor = (file: InputFile): EngineSettings | undefined => {
    if (args.noConfig) return fromFlags;
    const r = loader.settingsFor(file.path, DEFAULT_SETTINGS, explicit !== undefined ? { explicit } : {});
    if (r.config && !r.config.parsed.config) throw configError(r.config, cwd);
    if (r.ignored) return undefined;
    return r.config ? withFlags(r.settings, args, fromFlags) : fromFlags;
  };
  const stdin: StdinSource | undefined = readStdin && { read: readStdin, ...(args.stdinFilename !== undefined ? { name: args.stdinFilename } : {}) };
  // Config files configure; they are not manifests (standard input is what it was given to be).
  const files = discoverFiles(args.paths, cwd, stdin).filter((f) => f.stdin !== undefined || !isConfigFile(f.path));
  return { settingsFor, files, settings: fromFlags };
}

/**
 * `hooks`: the run's rule hooks (see RuleHooks); `readStdin` reads the path `-`;
 * `workers`: lint on worker threads (--jobs; without it, or with --jobs 1, in this thread).
 */
export function scan(args: ScanArgs, cwd: string, hooks: RuleHooks = {}, readStdin?: ReadStdin, workers?: WorkerOptions): ScanReport {
  // --jobs 1: this thread only; --jobs N: N threads lint, this one counted; without --jobs, one thread per core.
  const size = poolWorkers(args.jobs);
  const tuning = { ...(args.jobs === undefined ? DEFAULT_POOL_TUNING : DEFAULT_TUNING), ...workers?.tuning };
  const started = workers && size > 0 && worthStarting(args.paths, cwd, tuning.minBytes) ? new LintPool({ ...workers, size, tuning }) : undefined;
  try {
    const ctx = scanContext(args, cwd, readStdin);
    const pool = started?.assign(ctx.files, ctx.settingsFor) ? started : undefined;
    if (usesProject(args)) {
      const project = scanProject(ctx, cwd, hooks, args, pool);
      return { settings: ctx.settings, ...project, summary: summarize(project.findings) };
    }
    const findings: ReportFinding[] = [];
    const files: InputFile[] = [];
    for (const file of ctx.files) {
      const settings = ctx.settingsFor(file);
      if (!settings) continue;
      files.push(file);
      const source = readSource(file);
      // No report format shows fixes (`--fix` builds its own): they stay unbuilt (see LazyFixes).
      const fileFindings = pool?.take(file, () => source, settings, hooks) ?? lintSource(source, { ...hooks, settings, fileName: basename(file.path) });
      // Not push(...list): a list of a million findings exceeds the argument limit (RangeError).
      for (const f of locateFindings(file, source.text, fileFindings)) findings.push(f);
    }
    return { settings: ctx.settings, files, findings, summary: summarize(findings) };
  } finally {
    started?.close();
  }
}

/** Whether the scan lints a project (kustomize builds or Helm charts), not each file alone. */
export function usesProject(args: ScanArgs): boolean {
  return !args.noKustomize || !args.noHelm;
}
