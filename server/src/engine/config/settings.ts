/**
 * Engine settings, normalised at one boundary. The language server and the
 * CLI both turn their raw input (workspace/configuration, CLI flags) into
 * this shape through `normalizeSettings`; rules never see raw settings.
 */
import type { Profile, RuleMeta, SeveritySetting } from '../types';
import { SEVERITY_SETTINGS } from '../types';
import { ruleOptionsProblem } from './rule-options';
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
}

/**
 * Accepts `{ profile, rules }` from any source, keeping what is valid and
 * describing what is not. Never throws.
 */
export function normalizeSettings(raw: unknown, knownRuleIds: ReadonlySet<string>): NormalizeResult {
  const problems: string[] = [];
  const input = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  let profile: Profile = DEFAULT_SETTINGS.profile;
  if (input.profile !== undefined) {
    if (input.profile === 'baseline' || input.profile === 'restricted') profile = input.profile;
    else problems.push(`profile must be "baseline" or "restricted", got ${JSON.stringify(input.profile)}`);
  }
  const rules: Record<string, SeveritySetting> = {};
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  if (input.rules !== undefined && input.rules !== null) {
    if (typeof input.rules !== 'object' || Array.isArray(input.rules)) {
      problems.push('rules must be a map of rule id to severity');
    } else {
      for (const [id, value] of Object.entries(input.rules as Record<string, unknown>)) {
        if (!knownRuleIds.has(id)) {
          problems.push(`unknown rule id "${id}"`);
          continue;
        }
        let sev: unknown = value;
        if (value && typeof value === 'object' && !Array.isArray(value)) {
          sev = (value as Record<string, unknown>).severity;
          const opts = (value as Record<string, unknown>).options;
          if (opts !== undefined) {
            const problem = ruleOptionsProblem(id, opts);
            if (problem) problems.push(problem);
            else ruleOptions[id] = { ...(opts as Record<string, unknown>) };
          }
          if (sev === undefined) continue;
        }
        if (typeof sev === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(sev)) rules[id] = sev as SeveritySetting;
        else problems.push(`rule "${id}": severity must be one of ${SEVERITY_SETTINGS.join(', ')}, got ${JSON.stringify(sev)}`);
      }
    }
  }
  let trustedRegistries: readonly string[] = DEFAULT_TRUSTED_REGISTRIES;
  if (input.trustedRegistries !== undefined && input.trustedRegistries !== null) {
    const list = input.trustedRegistries;
    if (!Array.isArray(list) || list.some((x) => typeof x !== 'string' || !x.trim())) {
      problems.push('trustedRegistries must be a list of non-empty strings (hosts, host/path prefixes or globs)');
    } else {
      trustedRegistries = list.map((x: string) => x.trim());
    }
  }
  return {
    settings: {
      profile,
      rules,
      ruleOptions,
      trustedRegistries,
      schemaValidation: booleanSetting(input, 'schemaValidation', problems),
      allowAnnotationExemptions: booleanSetting(input, 'allowAnnotationExemptions', problems),
      allowInlineSuppressions: booleanSetting(input, 'allowInlineSuppressions', problems),
      exemptions: DEFAULT_SETTINGS.exemptions,
      fixDefaults: fixDefaultsSetting(input.fixes, problems),
    },
    problems,
  };
}

/** A boolean setting that defaults to DEFAULT_SETTINGS' value. */
function booleanSetting(input: Record<string, unknown>, key: 'schemaValidation' | 'allowAnnotationExemptions' | 'allowInlineSuppressions', problems: string[]): boolean {
  const v = input[key];
  if (v === undefined || v === null) return DEFAULT_SETTINGS[key];
  if (typeof v === 'boolean') return v;
  problems.push(`${key} must be true or false, got ${JSON.stringify(v)}`);
  return DEFAULT_SETTINGS[key];
}

const RESOURCE_DEFAULT_KEYS = ['cpuRequest', 'cpuLimit', 'memoryRequest', 'memoryLimit'] as const;

/**
 * `fixes: { defaultResources: { cpuRequest, cpuLimit, memoryRequest, memoryLimit } }`:
 * each a Kubernetes quantity (a limit not below its request); missing ones keep their defaults.
 */
function fixDefaultsSetting(raw: unknown, problems: string[]): FixDefaults {
  if (raw === undefined || raw === null) return DEFAULT_FIX_DEFAULTS;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('fixes must be an object ({ defaultResources: { cpuRequest, cpuLimit, memoryRequest, memoryLimit } })');
    return DEFAULT_FIX_DEFAULTS;
  }
  const res = (raw as Record<string, unknown>).defaultResources;
  if (res === undefined || res === null) return DEFAULT_FIX_DEFAULTS;
  if (typeof res !== 'object' || Array.isArray(res)) {
    problems.push('fixes.defaultResources must be an object with cpuRequest, cpuLimit, memoryRequest and memoryLimit quantities');
    return DEFAULT_FIX_DEFAULTS;
  }
  const out: Record<(typeof RESOURCE_DEFAULT_KEYS)[number], string> = { ...DEFAULT_FIX_DEFAULTS.resources };
  for (const [key, value] of Object.entries(res as Record<string, unknown>)) {
    if (!(RESOURCE_DEFAULT_KEYS as readonly string[]).includes(key)) {
      problems.push(`fixes.defaultResources: unknown key "${key}" (expected ${RESOURCE_DEFAULT_KEYS.join(', ')})`);
      continue;
    }
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : undefined;
    const q = text === undefined ? undefined : parseQuantity(text);
    if (text === undefined || !q || q.nanos <= 0n) {
      problems.push(`fixes.defaultResources.${key} must be a positive Kubernetes quantity (e.g. 100m, 256Mi), got ${JSON.stringify(value)}`);
      continue;
    }
    out[key as (typeof RESOURCE_DEFAULT_KEYS)[number]] = text;
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
  return `${settings.profile}|${rules.join(',')}|${opts.join(',')}|${settings.trustedRegistries.join(',')}|${flags}|${exemptions}|${fixDefaults}`;
}
