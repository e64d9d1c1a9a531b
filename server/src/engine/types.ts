/**
 * Core types of the Shipshape engine. The engine is pure: nothing here (or
 * anywhere under engine/) imports `vscode` or `vscode-languageserver`.
 *
 * Offsets are UTF-16 code unit offsets into the file text (the unit of JS
 * strings, `yaml` node ranges and LSP). Adapters convert to line/column.
 */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

/** Rank for comparisons: info < warning < error. */
export function severityRank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : 1;
}

/** Half-open [start, end) range of UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

/** Replace text[start, end) with `text`. Offsets refer to the original text. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** `fix` is safe for fix-all; `suggestion` may change behaviour and is never applied in bulk. */
export type FixKind = 'fix' | 'suggestion';

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
}

/**
 * A finding's fixes, built only when something asks for them (a code action,
 * `codeAction/resolve`, `--fix`), as ESLint resolves a report's fix. The
 * function closes over the parsed document of the lint that reported it (the
 * views and nodes the rule saw), builds the edits on its first call and
 * returns the same array afterwards. Never throws.
 */
export type LazyFixes = () => readonly Fix[];

/** What a rule may pass as a report's fixes: the fixes, or (preferred) a function building them when asked. */
export type FixesDescriptor = Fix[] | (() => Fix[] | undefined);

/** The fixes of a finding (built now if they were not yet); none when it has none. */
export function findingFixes(f: Finding): readonly Fix[] {
  return f.fixes ? f.fixes() : [];
}

/** Another place that explains a finding (e.g. where a value merged with `<<` is written, the role a binding grants). */
export interface RelatedLocation {
  span: Span;
  message: string;
  /**
   * The project path (engine/project/: POSIX, absolute) of the file the span is in, when that is not
   * the finding's own file: the base value a patch overrides, the kustomization entry that applies it,
   * the role a binding grants (relation rules). Absent: the finding's file.
   */
  file?: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** One line: the offending value, the forbidden key, or the nearest existing parent key. */
  span: Span;
  /** Other places in the file that explain the finding (adapters: LSP relatedInformation, SARIF relatedLocations). */
  related?: RelatedLocation[];
  /** Its fixes, built on demand (see LazyFixes). */
  fixes?: LazyFixes;
  /** Kubernetes object the finding belongs to, if any (for grouping and exemptions). */
  object?: { kind: string; name?: string; namespace?: string };
  /** Container the finding concerns, if any. */
  container?: string;
  /**
   * For a finding in an object a build produced (engine/project/): the build
   * files (kustomization files, project paths) whose output has it, sorted.
   * The finding is reported where its value was written (a base, a patch).
   */
  builds?: string[];
  /**
   * For a finding in a rendered Helm chart (engine/project/helm-lint.ts): the chart's Chart.yaml and
   * the values files it was rendered with (project paths, in the order applied).
   */
  helm?: { chart: string; values: string[] };
  /** The benchmark items it concerns, when narrower than its rule's references (ReportDescriptor.benchmarkItems). */
  benchmarkItems?: BenchmarkItems;
}

export type PssLevel = 'baseline' | 'restricted';
export type Profile = PssLevel;

/** Rule categories, in the order the README and reports group them (schemas/shipshape-report.schema.json lists the same). */
export const RULE_CATEGORIES = [
  'pod-security-baseline',
  'pod-security-restricted',
  'hardening',
  'resources',
  'secrets',
  'supply-chain',
  'rbac',
  'service-accounts',
  'network',
  'relations',
  'pod-security-policy',
  'workloads',
  'kubeconfig',
  'cluster-config',
  'dockerfile',
  'docker-daemon',
  'abac',
  'schema',
  'syntax',
] as const;

export type RuleCategory = (typeof RULE_CATEGORIES)[number];

/** Where a rule comes from and what other tools call the same check. */
export interface RuleReferences {
  /** Pod Security Standards control name, e.g. "Privileged Containers". */
  pss?: { level: PssLevel; control: string };
  /** CIS Kubernetes Benchmark item(s), e.g. "5.2.2". */
  cis?: string[];
  /** CIS Docker Benchmark item(s), e.g. "4.6" (Dockerfiles, compose files). */
  cisDocker?: string[];
  kubeLinter?: string[];
  polaris?: string[];
  checkov?: string[];
  trivy?: string[];
  /** Kubescape control ids, e.g. "C-0045". */
  kubescape?: string[];
  hadolint?: string[];
  /** Further reading (official docs). */
  urls?: string[];
}

/** The equivalent checks of other tools named in `refs`, tool by tool (for SARIF help and doc pages). */
export function equivalentChecks(refs: RuleReferences): Array<{ tool: string; ids: readonly string[] }> {
  const tools: Array<[string, string[] | undefined]> = [
    ['kube-linter', refs.kubeLinter],
    ['Polaris', refs.polaris],
    ['Checkov', refs.checkov],
    ['Trivy', refs.trivy],
    ['Kubescape', refs.kubescape],
    ['hadolint', refs.hadolint],
  ];
  return tools.filter((t): t is [string, string[]] => t[1] !== undefined && t[1].length > 0).map(([tool, ids]) => ({ tool, ids }));
}

export interface RuleMeta {
  /** Stable id, kebab-case. Docs, settings and suppressions refer to it. */
  id: string;
  title: string;
  /** One or two sentences: what it flags and why it matters. */
  description: string;
  defaultSeverity: Severity;
  /** Rules that are off unless a user turns them on. */
  enabledByDefault?: boolean;
  category: RuleCategory;
  /**
   * The profile that enables the rule. `restricted` rules are off under
   * `profile: baseline`; rules without a level run under both.
   */
  level?: PssLevel;
  fixable?: FixKind;
  /**
   * A rule whose `fixable` is `fix` that also offers a suggestion for some
   * findings (e.g. removing a setting the author wrote). Rule pages say so;
   * test/unit/engine/fix-kinds.test.ts checks that no rule offers a fix kind
   * its metadata does not declare.
   */
  suggestions?: boolean;
  /**
   * JSON Schema (draft-07, as ajv reads it) of the rule's `options` object,
   * for rules that take options. `.shipshape.yaml` and editor settings are
   * validated against it.
   */
  optionsSchema?: Record<string, unknown>;
  /** Message templates; `{{name}}` placeholders are filled from report data. */
  messages: Record<string, string>;
  references: RuleReferences;
}

/** Benchmark items a finding concerns (a subset of its rule's `references.cis` / `references.cisDocker`). */
export type BenchmarkItems = Pick<RuleReferences, 'cis' | 'cisDocker'>;

/** The items of a benchmark (`cis` or `cisDocker`) a finding concerns: its own narrowing, else all its rule names. */
export function findingBenchmarkItems(f: { benchmarkItems?: BenchmarkItems }, meta: RuleMeta | undefined, field: keyof BenchmarkItems): readonly string[] {
  return f.benchmarkItems?.[field] ?? meta?.references[field] ?? [];
}

/** Shape of a report from a rule. */
export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  /** What to underline, as offsets into the rule's text; clamped to the line it starts on (one line per finding). */
  at: Span;
  /** Prefer a function: its edits are built only if someone asks for the finding's fixes. */
  fixes?: FixesDescriptor;
  container?: string;
  /**
   * This finding's severity when the user has not set one for the rule (a
   * rule whose findings differ in weight, e.g. secret-in-manifest: warning,
   * error for a real-looking credential). A configured severity wins.
   */
  severity?: Severity;
  /**
   * For a rule naming several benchmark items: the ones this finding concerns
   * (sensitive-host-path: a Docker socket is CIS Docker 5.32, /etc is 5.6).
   */
  benchmarkItems?: BenchmarkItems;
}
