/**
 * Engine settings, normalised at one boundary. The language server and the
 * CLI both turn their raw input (workspace/configuration, CLI flags) into
 * this shape through `normalizeSettings`; rules never see raw settings.
 */
import type { Profile, RuleMeta, SeveritySetting } from '../types';
import { checkSettings } from './settings-schema';
import { compareQuantities, parseQuantity } from '../views/quantity';
import { DEFAULT_FIX_DEFAULTS, type FixDefaults } from './fix-defaults';

export { DEFAULT_FIX_DEFAULTS, type FixDefaults };

export interface EngineSettings {
  /** Pod Security Standards level: `restricted` (default) runs every rule, `baseline` turns restricted-only rules off. */
  profile: Profile;
  /** Per-rule severity overrides: `off`, `info`, `warning`, `error`. */
  rules: Readonly<Record<string, SeveritySetting>>;
  /** Per-rule options. */
  ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Registries (and repository path prefixes or globs) whose images are
   * trusted by `untrusted-registry`. Setting it replaces the default list.
   */
  trustedRegistries: readonly string[];
  /** Validate Kubernetes objects against the built-in kinds' schemas (the `schema` rules). */
  schemaValidation: boolean;
  /** Honour exemption annotations on objects (`ignore-check.shipshape.dev/<rule>` and the kube-linter and Polaris equivalents). */
  allowAnnotationExemptions: boolean;
  /** Honour `# shipshape-disable` comments in files. */
  allowInlineSuppressions: boolean;
  /**
   * Exemptions from a `.shipshape.yaml` that apply to the file being linted
   * (entries whose `paths` did not match it were dropped when the settings
   * for the file were resolved).
   */
  exemptions: readonly Exemption[];
  /** Values quick fixes write (`fixes.defaultResources` in the raw settings). */
  fixDefaults: FixDefaults;
  /** Helm charts (`helm` in `.shipshape.yaml`): values files relative to each chart's folder, and the Kubernetes version of .Capabilities. */
  helm?: HelmSettings;
}

export interface HelmSettings {
  /** Render charts (default true); false: templates are linted as they are (a "not checked" note). */
  enabled?: boolean;
  /**
   * Values files applied after values.yaml, where the chart has them, relative to the chart's folder (e.g.
   * `ci/prod-values.yaml`): for every chart, or (editor settings only) by chart: the first key, a glob on the chart's
   * folder relative to the workspace folder (`charts/api`, `charts/*`), that matches the chart.
   */
  valuesFiles?: readonly string[] | Readonly<Record<string, readonly string[]>>;
  kubeVersion?: string;
}


/** A configured exemption: these rules do not apply to objects and containers matching every given glob. */
export interface Exemption {
  /** Rule ids, or `*` for every rule. */
  rules: readonly string[];
  kind?: string;
  name?: string;
  namespace?: string;
  container?: string;
  reason: string;
}

/** Trusted by default: Docker Hub official images and vendor registries with curated images. */
export const DEFAULT_TRUSTED_REGISTRIES: readonly string[] = Object.freeze([
  'docker.io/library/*',
  'registry.k8s.io',
  'gcr.io/distroless',
  'mcr.microsoft.com',
  'public.ecr.aws/docker/library',
  'cgr.dev/chainguard',
]);

export const DEFAULT_SETTINGS: EngineSettings = Object.freeze({
  profile: 'restricted',
  rules: Object.freeze({}),
  ruleOptions: Object.freeze({}),
  trustedRegistries: DEFAULT_TRUSTED_REGISTRIES,
  schemaValidation: true,
  allowAnnotationExemptions: true,
  allowInlineSuppressions: true,
  exemptions: Object.freeze([]),
  fixDefaults: DEFAULT_FIX_DEFAULTS,
});

export interface NormalizeResult {
  settings: EngineSettings;
  /** Human-readable problems with the raw input (unknown rule ids, bad values). */
  problems: string[];
  /** Whether the raw value at a key path (or anything in it) had a problem, so it was not used (see checkSettings). */
  invalid(...path: string[]): boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `null` (and `undefined`) mean "not set" in raw settings: those keys are dropped before validation. */
function withoutNulls(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined) out[k] = v;
  if (isRecord(out.fixes) && (out.fixes.defaultResources === null || out.fixes.defaultResources === undefined)) delete out.fixes;
  return out;
}

/**
 * Accepts a raw settings section (`{ profile, rules, ... }`, the editor's, or the CLI's flags) from any
 * source, validated against the settings schema (settings-schema.ts, the same definitions as
 * `.shipshape.yaml`'s): keeps what is valid and describes what is not. Never throws.
 */
export function normalizeSettings(raw: unknown, knownRuleIds: ReadonlySet<string>): NormalizeResult {
  const input = withoutNulls(isRecord(raw) ? raw : {});
  const check = checkSettings(input, knownRuleIds);
  const problems = [...check.problems];
  const ok = (...path: string[]): boolean => !check.invalid(...path);
  const profile: Profile = input.profile !== undefined && ok('profile') ? (input.profile as Profile) : DEFAULT_SETTINGS.profile;
  const rules: Record<string, SeveritySetting> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  if (isRecord(input.rules)) {
    for (const [id, value] of Object.entries(input.rules)) {
      if (!knownRuleIds.has(id)) continue; // reported by the schema
      if (isRecord(value)) {
        // An object entry keeps its valid parts (a valid severity next to invalid options).
        if (value.options !== undefined && ok('rules', id, 'options')) ruleOptions[id] = { ...(value.options as Record<string, unknown>) };
        if (value.severity !== undefined && ok('rules', id, 'severity')) rules[id] = value.severity as SeveritySetting;
      } else if (typeof value === 'string' && ok('rules', id)) rules[id] = value as SeveritySetting;
    }
  }
  const trustedRegistries: readonly string[] =
    Array.isArray(input.trustedRegistries) && ok('trustedRegistries') ? (input.trustedRegistries as string[]).map((x) => x.trim()) : DEFAULT_TRUSTED_REGISTRIES;
  const booleanSetting = (key: 'schemaValidation' | 'allowAnnotationExemptions' | 'allowInlineSuppressions'): boolean =>
    typeof input[key] === 'boolean' && ok(key) ? (input[key] as boolean) : DEFAULT_SETTINGS[key];
  return {
    settings: {
      profile,
      rules,
      ruleOptions,
      trustedRegistries,
      schemaValidation: booleanSetting('schemaValidation'),
      allowAnnotationExemptions: booleanSetting('allowAnnotationExemptions'),
      allowInlineSuppressions: booleanSetting('allowInlineSuppressions'),
      exemptions: DEFAULT_SETTINGS.exemptions,
      fixDefaults: fixDefaultsSetting(input.fixes, ok, problems),
      ...helmSetting(input.helm, ok),
    },
    problems,
    invalid: check.invalid,
  };
}

/** The editor's `helm` settings (their shape checked by the schema): the valid keys, none when nothing is set. */
function helmSetting(raw: unknown, ok: (...path: string[]) => boolean): { helm?: HelmSettings } {
  if (!isRecord(raw)) return {};
  const helm: { -readonly [K in keyof HelmSettings]: HelmSettings[K] } = {};
  if (typeof raw.enabled === 'boolean' && ok('helm', 'enabled')) helm.enabled = raw.enabled;
  if (typeof raw.kubeVersion === 'string' && raw.kubeVersion !== '' && ok('helm', 'kubeVersion')) helm.kubeVersion = raw.kubeVersion;
  const files = raw.valuesFiles;
  if (files !== undefined && files !== null && ok('helm', 'valuesFiles')) {
    if (Array.isArray(files)) {
      if (files.length > 0) helm.valuesFiles = files.map((f) => String(f).trim());
    } else if (isRecord(files) && Object.keys(files).length > 0) {
      helm.valuesFiles = Object.fromEntries(Object.entries(files).map(([k, v]) => [k.trim(), (v as string[]).map((f) => f.trim())]));
    }
  }
  return Object.keys(helm).length > 0 ? { helm } : {};
}

const RESOURCE_DEFAULT_KEYS = ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit'] as const;

/**
 * `fixes: { defaultResources: { cpuRequest, cpuLimit, memoryRequest, memoryLimit } }` (its shape checked by the
 * schema): each a Kubernetes quantity (a limit not below its request); missing or invalid ones keep their defaults.
 */
function fixDefaultsSetting(raw: unknown, ok: (...path: string[]) => boolean, problems: string[]): FixDefaults {
  const res = isRecord(raw) ? raw.defaultResources : undefined;
  if (!isRecord(res)) return DEFAULT_FIX_DEFAULTS;
  const out: Record<(typeof RESOURCE_DEFAULT_KEYS)[number], string> = { ...DEFAULT_FIX_DEFAULTS.resources };
  for (const key of RESOURCE_DEFAULT_KEYS) {
    const value = res[key];
    if (value === undefined || value === null || !ok('fixes', 'defaultResources', key)) continue;
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
    const q = text === undefined ? undefined : parseQuantity(text);
    if (text === undefined || !q || q.nanos <= 0n) {
      problems.push(`fixes.defaultResources.${key}: must be a positive Kubernetes quantity (e.g. 100m, 256Mi), got ${JSON.stringify(value)}`);
      continue;
    }
    out[key] = text;
  }
  for (const [req, lim] of [['cpuRequest', 'cpuLimit'], ['memoryRequest', 'memoryLimit']] as const) {
    if (compareQuantities(parseQuantity(out[lim])!, parseQuantity(out[req])!) < 0) {
      problems.push(`fixes.defaultResources.${lim} (${out[lim]}) is lower than ${req} (${out[req]}); using the defaults for both`);
      out[req] = DEFAULT_FIX_DEFAULTS.resources[req];
      out[lim] = DEFAULT_FIX_DEFAULTS.resources[lim];
    }
  }
  return { resources: Object.freeze(out) };
}

/** The severity a rule runs at under the given settings, or `off`. */
export function effectiveSeverity(meta: RuleMeta, settings: EngineSettings): SeveritySetting {
  const override = settings.rules[meta.id];
  if (override !== undefined) return override;
  if (meta.level === 'restricted' && settings.profile === 'baseline') return 'off';
  if (meta.enabledByDefault === false) return 'off';
  return meta.defaultSeverity;
}

/** A stable key for caches: equal settings give equal keys. */
export function settingsKey(settings: EngineSettings): string {
  const rules = Object.keys(settings.rules).sort().map((k) => `${k}=${settings.rules[k]}`);
  const opts = Object.keys(settings.ruleOptions).sort().map((k) => `${k}=${JSON.stringify(settings.ruleOptions[k])}`);
  const flags = `${+settings.schemaValidation}${+settings.allowAnnotationExemptions}${+settings.allowInlineSuppressions}`;
  const exemptions = settings.exemptions.length ? JSON.stringify(settings.exemptions) : '';
  const r = settings.fixDefaults.resources;
  const fixDefaults = `${r.cpuRequest},${r.cpuLimit},${r.memoryRequest},${r.memoryLimit}`;
  const helm = settings.helm ? `|helm=${JSON.stringify(settings.helm)}` : '';
  return `${settings.profile}|${rules.join(',')}|${opts.join(',')}|${settings.trustedRegistries.join(',')}|${flags}|${exemptions}|${fixDefaults}${helm}`;
}
