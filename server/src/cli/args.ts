/**
 * Command-line parsing: argv -> an Invocation, or a CliError (exit 2) with a
 * one-line message. Options are one table (OPTIONS) that drives both the
 * parser and the help text, so a new option (e.g. --config, --fix) is one
 * entry plus the field it fills.
 */
import { parseArgs } from 'node:util';
import { closestMatch, RULE_IDS, SEVERITY_SETTINGS, type Profile, type SeveritySetting } from '../engine';
import { CliError } from './errors';
import { docUrlBaseProblem } from './package-info';
import { BENCHMARKS, type BenchmarkId } from '../engine/benchmarks';
import { MAX_JOBS } from './pool/plan';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];
export const FAIL_ON = ['error', 'warning', 'info', 'none'] as const;
export type FailOn = (typeof FAIL_ON)[number];
export const PROFILES = ['baseline', 'restricted'] as const satisfies readonly Profile[];

/** Commands, in help order. */
export const COMMANDS = [
  { name: 'scan', summary: 'lint files and folders (default: the current folder)' },
  { name: 'kubeconfig', summary: 'list, switch and lint kubeconfig contexts (no kubectl needed)' },
  { name: 'init', summary: 'write a starting .shipshape.yaml here (profile, registries to review)' },
] as const;
export type CommandName = (typeof COMMANDS)[number]['name'];

export interface OptionSpec {
  long: string;
  short?: string;
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Allowed values of a string option. */
  values?: readonly string[];
  /** Placeholder in help, e.g. `<file>`. */
  placeholder?: string;
  default?: string;
  help: string;
  /** `global` options are valid everywhere; others only with the listed commands. */
  scope: 'global' | readonly CommandName[];
}

export const OPTIONS: readonly OptionSpec[] = [
  { long: 'format', short: 'f', type: 'string', values: FORMATS, default: 'text', help: 'output format', scope: ['scan', 'kubeconfig'] },
  { long: 'output', short: 'o', type: 'string', placeholder: '<file>', help: "write the report to <file> instead of stdout ('-' is stdout)", scope: ['scan'] },
  { long: 'profile', type: 'string', values: PROFILES, default: 'restricted', help: 'Pod Security Standards level; baseline turns the restricted rules off', scope: ['scan', 'init'] },
  { long: 'fail-on', type: 'string', values: FAIL_ON, default: 'warning', help: 'exit 1 when a finding is at or above this severity', scope: ['scan'] },
  { long: 'rule', type: 'string', multiple: true, placeholder: '<id>=<severity>', help: `set a rule's severity (${SEVERITY_SETTINGS.join(', ')}); repeatable`, scope: ['scan'] },
  { long: 'trusted-registry', type: 'string', multiple: true, placeholder: '<entry>', help: 'trust images from this registry, repository prefix or glob for untrusted-registry; replaces the default list; repeatable', scope: ['scan'] },
  { long: 'config', short: 'c', type: 'string', placeholder: '<file>', help: 'use this .shipshape.yaml for every file instead of the nearest one above each file', scope: ['scan'] },
  { long: 'no-config', type: 'boolean', help: 'ignore .shipshape.yaml files', scope: ['scan'] },
  { long: 'no-schema', type: 'boolean', help: 'turn schema validation (the schema-* rules) off, as schemaValidation: false', scope: ['scan'] },
  { long: 'no-kustomize', type: 'boolean', help: 'lint files as they are, without building the kustomizations under the paths', scope: ['scan'] },
  { long: 'no-helm', type: 'boolean', help: 'lint Helm chart files as they are, without rendering the charts under the paths', scope: ['scan'] },
  { long: 'helm-values', type: 'string', multiple: true, placeholder: '<file>', help: "a values file to render the charts with, after values.yaml (a file inside a chart's folder applies to that chart only); repeatable", scope: ['scan'] },
  { long: 'kube-version', type: 'string', placeholder: '<version>', help: 'the Kubernetes version Helm templates see in .Capabilities (default v1.35.0)', scope: ['scan'] },
  { long: 'jobs', short: 'j', type: 'string', placeholder: '<n>', help: 'lint on <n> threads, this one counted (default: one per core, for inputs of 32 MB or more; 1: in this thread only); inputs under 1 MB stay in this thread', scope: ['scan'] },
  { long: 'fix', type: 'boolean', help: 'apply safe fixes in place (atomic write; a file changed meanwhile is left alone), then report what remains', scope: ['scan'] },
  { long: 'fix-dry-run', type: 'boolean', help: 'print the safe fixes as a unified diff on stdout and change nothing', scope: ['scan'] },
  { long: 'doc-url-base', type: 'string', placeholder: '<url>', help: "sarif: each rule's helpUri is its page under this https URL: <url>/<rule-id>.md, or <url> with {ruleId} replaced (default: no helpUri; the rule's help text is in the log either way)", scope: ['scan'] },
  { long: 'stdin-filename', type: 'string', placeholder: '<name>', help: "with the path '-' (standard input): the file name reports show and the name that picks the file kind (Dockerfile, compose.yaml, kubeconfig) and the .shipshape.yaml that applies", scope: ['scan'] },
  { long: 'benchmark', type: 'string', values: BENCHMARKS.map((b) => b.id), placeholder: '<id>', help: 'report the files against each item of a benchmark (PASS, FAIL, N/A, MANUAL, HOST-ONLY), as kube-bench and Docker Bench report a host; --format text, json or sarif', scope: ['scan'] },
  { long: 'list-rules', type: 'boolean', help: 'list the rules (id, default severity, profile, title) and exit; honours --format text|json', scope: ['scan'] },
  { long: 'kubeconfig', type: 'string', placeholder: '<file>', help: 'kubeconfig file to use instead of KUBECONFIG or ~/.kube/config', scope: ['kubeconfig'] },
  { long: 'context', type: 'string', placeholder: '<name>', help: 'the context set-namespace changes (default: the current context)', scope: ['kubeconfig'] },
  { long: 'json', type: 'boolean', help: 'same as --format json', scope: ['kubeconfig'] },
  { long: 'force', type: 'boolean', help: 'init: overwrite an existing .shipshape.yaml', scope: ['init'] },
  { long: 'help', short: 'h', type: 'boolean', help: 'show this help', scope: 'global' },
  { long: 'version', short: 'v', type: 'boolean', help: 'print the version', scope: 'global' },
];

export interface ScanArgs {
  paths: string[];
  format: Format;
  output?: string;
  /** --profile; undefined when not given (a config file or the default decides). */
  profile?: Profile;
  failOn: FailOn;
  /** Per-rule severity overrides from --rule, in the shape of settings.rules. */
  rules: Record<string, SeveritySetting>;
  /** --trusted-registry entries; when given they replace the default trusted registries. */
  trustedRegistries?: string[];
  /** --config: one config file for every file (path as given, relative to the cwd). */
  config?: string;
  /** --no-config: ignore config files. */
  noConfig?: boolean;
  /** --no-schema: schemaValidation off (wins over a config file). */
  noSchema?: boolean;
  /** --no-kustomize: lint files as they are (no kustomize builds). */
  noKustomize?: boolean;
  /** --no-helm: lint chart files as they are (no rendering). */
  noHelm?: boolean;
  /** --helm-values files (as given, relative to the cwd). */
  helmValues?: string[];
  /** --kube-version: .Capabilities.KubeVersion for Helm charts. */
  kubeVersion?: string;
  /** --fix: apply safe fixes in place; --fix-dry-run: print them as a unified diff. */
  fix?: 'write' | 'dry-run';
  /** --doc-url-base: where the rules' documentation pages are published (SARIF helpUri). */
  docUrlBase?: string;
  /** --stdin-filename: the name standard input (the path `-`) goes by. */
  stdinFilename?: string;
  /** --benchmark: the catalog (engine/benchmarks) to report the files against. */
  benchmark?: BenchmarkId;
  /** --jobs: threads that lint, the main thread counted (1: the main thread only); undefined: one per core. */
  jobs?: number;
}

export type Invocation =
  | { command: 'help'; topic?: CommandName }
  | { command: 'version' }
  | { command: 'list-rules'; args: ScanArgs }
  | { command: 'scan'; args: ScanArgs }
  | { command: 'kubeconfig'; args: KubeconfigArgs }
  | { command: 'init'; args: InitArgs };

export interface InitArgs {
  profile: Profile;
  /** --force: overwrite an existing config file. */
  force: boolean;
}

export const KUBECONFIG_SUBCOMMANDS = [
  { name: 'contexts', usage: 'contexts', summary: 'list the contexts (like kubectl config get-contexts)' },
  { name: 'use-context', usage: 'use-context <name>', summary: 'make <name> the current context (like kubectl config use-context)' },
  { name: 'set-namespace', usage: 'set-namespace [--context <name>] <namespace>', summary: "set a context's namespace (like kubectl config set-context --namespace)" },
  { name: 'lint', usage: 'lint', summary: 'check the kubeconfig with the kubeconfig rules' },
] as const;
export type KubeconfigSubcommand = (typeof KUBECONFIG_SUBCOMMANDS)[number]['name'];

export interface KubeconfigArgs {
  subcommand: KubeconfigSubcommand;
  format: 'text' | 'json';
  /** --kubeconfig */
  kubeconfig?: string;
  /** use-context: the context; set-namespace: --context. */
  context?: string;
  /** set-namespace: the namespace. */
  namespace?: string;
}

type Values = Map<string, string[]>;

const usage = (message: string): CliError => new CliError(`${message} (see 'shipshape --help')`);

/** Parse argv (without node and the script). Throws CliError on a usage error. */
export function parseCommandLine(argv: readonly string[]): Invocation {
  const { tokens } = parseArgs({
    args: [...argv],
    options: Object.fromEntries(OPTIONS.map((o) => [o.long, { type: o.type, multiple: true, ...(o.short ? { short: o.short } : {}) }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  const positionals = tokens.flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
  const [first, ...rest] = positionals;
  if (first === 'help') {
    if (rest.length > 1) throw usage(`'help' takes at most one command`);
    const topic = rest[0];
    if (topic !== undefined && !isCommand(topic)) throw unknownCommand(topic);
    return { command: 'help', ...(topic !== undefined ? { topic } : {}) };
  }
  const command = first === undefined ? undefined : isCommand(first) ? first : undefined;
  if (first !== undefined && command === undefined) throw unknownCommand(first);

  // --help and --version win over any other mistake on the line.
  const has = (name: string) => tokens.some((t) => t.kind === 'option' && t.name === name);
  if (has('help')) return { command: 'help', ...(command ? { topic: command } : {}) };
  if (has('version')) return { command: 'version' };

  const values: Values = new Map();
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const spec = OPTIONS.find((o) => o.long === t.name);
    if (!spec) throw usage(`unknown option '${t.rawName}'${suggest(t.name, OPTIONS.map((o) => o.long), '--')}`);
    const shown = `--${spec.long}`;
    if (spec.type === 'boolean') {
      if (t.value !== undefined) throw usage(`option ${shown} does not take a value`);
      values.set(spec.long, ['true']);
      continue;
    }
    // A value taken from the next argument that looks like an option is almost always a forgotten value.
    if (t.value === undefined || (!t.inlineValue && t.value.startsWith('-') && t.value !== '-')) {
      throw usage(`option ${shown} needs a value${spec.values ? ` (${spec.values.join(', ')})` : spec.placeholder ? ` ${spec.placeholder}` : ''}`);
    }
    if (spec.values && !spec.values.includes(t.value)) {
      throw usage(`invalid value '${t.value}' for ${shown} (expected ${spec.values.join(', ')})`);
    }
    const list = values.get(spec.long) ?? [];
    if (spec.multiple) list.push(t.value);
    else list.splice(0, list.length, t.value); // the last one wins
    values.set(spec.long, list);
  }

  // Without a command, scan options are accepted only around --list-rules (`shipshape --list-rules`).
  const listRules = values.has('list-rules');
  if (command === undefined && !listRules) {
    const stray = OPTIONS.find((o) => o.scope !== 'global' && values.has(o.long));
    if (stray) throw usage(`option --${stray.long} needs a command, e.g. 'shipshape scan --${stray.long} ...'`);
    throw usage('missing command');
  }
  for (const o of OPTIONS) {
    if (o.scope !== 'global' && command !== undefined && !o.scope.includes(command) && values.has(o.long)) {
      throw usage(`option --${o.long} is not valid for '${command}'`);
    }
  }

  if (command === 'kubeconfig') {
    if (listRules) throw usage(`option --list-rules is not valid for 'kubeconfig'`);
    return { command: 'kubeconfig', args: kubeconfigArgs(rest, values) };
  }
  if (command === 'init') {
    if (rest.length > 0) throw usage(`'init' takes no paths: it writes .shipshape.yaml in the current folder (run it there)`);
    return { command: 'init', args: { profile: (values.get('profile')?.[0] ?? 'restricted') as Profile, force: values.has('force') } };
  }
  const args = scanArgs(rest, values);
  if (listRules) {
    if (args.paths.length > 0) throw usage('--list-rules takes no paths');
    if (args.format !== 'text' && args.format !== 'json') throw usage('--list-rules supports --format text or json');
    return { command: 'list-rules', args };
  }
  if (args.paths.length === 0) args.paths.push('.');
  checkStdinArgs(args);
  return { command: 'scan', args };
}

function scanArgs(paths: string[], values: Values): ScanArgs {
  const one = (name: string): string | undefined => values.get(name)?.[0];
  const output = one('output');
  if (output === '') throw usage('option --output needs a file name');
  const args: ScanArgs = {
    paths: [...paths],
    format: (one('format') ?? 'text') as Format,
    failOn: (one('fail-on') ?? 'warning') as FailOn,
    rules: parseRuleOverrides(values.get('rule') ?? []),
  };
  if (output !== undefined && output !== '-') args.output = output;
  const profile = one('profile');
  if (profile !== undefined) args.profile = profile as Profile;
  const config = one('config');
  if (config === '') throw usage('option --config needs a file name');
  if (config !== undefined) args.config = config;
  if (values.has('no-config')) {
    if (config !== undefined) throw usage('--config and --no-config cannot be used together');
    args.noConfig = true;
  }
  if (values.has('fix') && values.has('fix-dry-run')) throw usage('--fix and --fix-dry-run cannot be used together');
  if (values.has('fix')) args.fix = 'write';
  if (values.has('fix-dry-run')) args.fix = 'dry-run';
  const trusted = values.get('trusted-registry');
  if (trusted) {
    if (trusted.some((t) => t.trim() === '')) throw usage('option --trusted-registry needs a registry, repository prefix or glob');
    args.trustedRegistries = [...trusted];
  }
  if (values.has('no-schema')) args.noSchema = true;
  const benchmark = one('benchmark');
  if (benchmark !== undefined) {
    if (args.format !== 'text' && args.format !== 'json' && args.format !== 'sarif') throw usage('--benchmark supports --format text, json or sarif');
    if (args.fix !== undefined) throw usage('--benchmark cannot be used with --fix or --fix-dry-run');
    args.benchmark = benchmark as BenchmarkId;
  }
  if (values.has('no-kustomize')) args.noKustomize = true;
  if (values.has('no-helm')) args.noHelm = true;
  const helmValues = values.get('helm-values');
  if (helmValues) {
    if (helmValues.some((v) => v.trim() === '')) throw usage('option --helm-values needs a file name');
    if (args.noHelm) throw usage('--helm-values and --no-helm cannot be used together');
    args.helmValues = [...helmValues];
  }
  const kubeVersion = one('kube-version');
  if (kubeVersion !== undefined) {
    if (!/^v?\d+\.\d+(\.\d+)?$/.test(kubeVersion)) throw usage(`invalid value '${kubeVersion}' for --kube-version: expected a version such as v1.30.0`);
    args.kubeVersion = kubeVersion.startsWith('v') ? kubeVersion : `v${kubeVersion}`;
  }
  const jobs = one('jobs');
  if (jobs !== undefined) args.jobs = parseJobs(jobs);
  const docUrlBase = one('doc-url-base');
  if (docUrlBase !== undefined) {
    const problem = docUrlBaseProblem(docUrlBase);
    if (problem) throw usage(`invalid value '${docUrlBase}' for --doc-url-base: ${problem}`);
    args.docUrlBase = docUrlBase;
  }
  const stdinFilename = one('stdin-filename');
  if (stdinFilename !== undefined) {
    if (stdinFilename.trim() === '') throw usage('option --stdin-filename needs a file name');
    args.stdinFilename = stdinFilename;
  }
  return args;
}

/** --jobs <n>: a whole number from 1 to MAX_JOBS. */
function parseJobs(value: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(n >= 1 && n <= MAX_JOBS)) throw usage(`invalid value '${value}' for --jobs: expected a number of threads from 1 to ${MAX_JOBS} (1 lints in this thread only)`);
  return n;
}

/**
 * The path `-` is standard input: at most once, and not with --fix (there is
 * no file to write back to; --fix-dry-run prints the fixes as a diff).
 */
function checkStdinArgs(args: ScanArgs): void {
  const stdin = args.paths.filter((p) => p === STDIN_PATH).length;
  if (stdin > 1) throw usage(`standard input ('-') can be scanned only once`);
  if (stdin === 0 && args.stdinFilename !== undefined) throw usage(`--stdin-filename names standard input: add the path '-'`);
  if (stdin === 1 && args.fix === 'write') throw usage(`--fix cannot write back to standard input; use --fix-dry-run to print the fixes as a diff`);
}

/** The path that stands for standard input. */
export const STDIN_PATH = '-';

function kubeconfigArgs(positionals: string[], values: Values): KubeconfigArgs {
  const [sub, ...rest] = positionals;
  const names = KUBECONFIG_SUBCOMMANDS.map((c) => c.name);
  if (sub === undefined) throw usage(`'kubeconfig' needs a subcommand: ${names.join(', ')}`);
  const spec = KUBECONFIG_SUBCOMMANDS.find((c) => c.name === sub);
  if (!spec) throw usage(`unknown kubeconfig subcommand '${sub}'${suggest(sub, names, '')}; subcommands: ${names.join(', ')}`);
  const one = (name: string): string | undefined => values.get(name)?.[0];
  const format = values.has('json') ? 'json' : one('format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw usage(`'kubeconfig ${sub}' supports --format text or json`);
  const args: KubeconfigArgs = { subcommand: spec.name, format };
  const file = one('kubeconfig');
  if (file === '') throw usage('option --kubeconfig needs a file name');
  if (file !== undefined) args.kubeconfig = file;
  const context = one('context');
  if (context !== undefined && spec.name !== 'set-namespace') throw usage(`option --context is only valid for 'kubeconfig set-namespace'`);
  const expect = (n: number, what: string): void => {
    if (rest.length !== n) throw usage(`'kubeconfig ${spec.usage}' ${n === 0 ? 'takes no arguments' : `needs ${what}`}`);
  };
  switch (spec.name) {
    case 'contexts':
    case 'lint':
      expect(0, '');
      break;
    case 'use-context':
      expect(1, 'one context name');
      args.context = rest[0]!;
      break;
    case 'set-namespace':
      expect(1, 'one namespace');
      args.namespace = rest[0]!;
      if (context !== undefined) args.context = context;
      break;
  }
  return args;
}

/** `--rule <id>=<severity>`, repeatable; the last setting of a rule wins. */
export function parseRuleOverrides(items: readonly string[]): Record<string, SeveritySetting> {
  const rules: Record<string, SeveritySetting> = {};
  for (const item of items) {
    const eq = item.lastIndexOf('=');
    const id = eq < 0 ? item.trim() : item.slice(0, eq).trim();
    const sev = eq < 0 ? '' : item.slice(eq + 1).trim();
    if (eq <= 0 || sev === '') throw usage(`invalid --rule '${item}' (expected <rule-id>=<${SEVERITY_SETTINGS.join('|')}>)`);
    if (!RULE_IDS.has(id)) throw new CliError(`unknown rule id '${id}' in --rule${suggest(id, [...RULE_IDS], '')} (see 'shipshape --list-rules')`);
    if (!(SEVERITY_SETTINGS as readonly string[]).includes(sev)) {
      throw usage(`invalid severity '${sev}' for rule '${id}' (expected ${SEVERITY_SETTINGS.join(', ')})`);
    }
    rules[id] = sev as SeveritySetting;
  }
  return rules;
}

function isCommand(name: string): name is CommandName {
  return COMMANDS.some((c) => c.name === name);
}

function unknownCommand(name: string): CliError {
  const hint = name.includes('.') || name.includes('/') || name.includes('\\') ? ` (to check files: 'shipshape scan ${name}')` : suggest(name, COMMANDS.map((c) => c.name), '');
  return new CliError(`unknown command '${name}'${hint}; commands: ${COMMANDS.map((c) => c.name).join(', ')}`);
}

/** `; did you mean '--x'?` when one candidate is within a small edit distance. */
function suggest(input: string, candidates: readonly string[], prefix: string): string {
  const best = closestMatch(input, candidates);
  return best !== undefined ? `; did you mean '${prefix}${best}'?` : '';
}
