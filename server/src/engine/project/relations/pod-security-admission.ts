/**
 * Pod Security admission over plain data, following
 * kubernetes/pod-security-admission (api/helpers.go `PolicyToEvaluate`,
 * `ParseLevel`, `ParseVersion`; policy/check_*.go for the versions checks
 * apply from). See docs/rules/pod-security-admission-rejects.md for what is
 * and is not modelled.
 *
 * - A mode's level comes from `pod-security.kubernetes.io/<mode>`, its version
 *   from `pod-security.kubernetes.io/<mode>-version`; an absent label keeps the
 *   cluster default, assumed here to be `privileged:latest` (the API server's
 *   default when no AdmissionConfiguration sets one).
 * - An invalid enforce level evaluates as `restricted` (the upstream code
 *   fails closed for enforce); invalid warn and audit levels as `privileged`
 *   (fail open). An invalid version evaluates as `latest`.
 * - Warn defaults to the enforce level (and version) when enforce is set to a
 *   stricter level than warn and warn is not labelled.
 */

export type PsaLevel = 'privileged' | 'baseline' | 'restricted';

/** `latest`, or `v1.<minor>`. */
export type PsaVersion = { latest: true } | { latest: false; minor: number };

export interface LevelVersion {
  level: PsaLevel;
  version: PsaVersion;
}

export interface PsaPolicy {
  enforce: LevelVersion;
  warn: LevelVersion;
  audit: LevelVersion;
  /** Labels whose values the API server would not accept, as `label: reason`. */
  errors: string[];
}

export const PSA_LABEL_PREFIX = 'pod-security.kubernetes.io/';
const LEVELS: readonly PsaLevel[] = ['privileged', 'baseline', 'restricted'];
const LATEST: PsaVersion = { latest: true };

export function parseLevel(value: string): PsaLevel | undefined {
  return (LEVELS as readonly string[]).includes(value) ? (value as PsaLevel) : undefined;
}

/** `latest` or `v1.x` (upstream `^v1\.(0|[1-9][0-9]*)$`); anything else: undefined. */
export function parseVersion(value: string): PsaVersion | undefined {
  if (value === 'latest') return LATEST;
  const m = /^v1\.(0|[1-9][0-9]*)$/.exec(value);
  return m ? { latest: false, minor: Number(m[1]) } : undefined;
}

export function formatLevelVersion(lv: LevelVersion): string {
  return `${lv.level}:${lv.version.latest ? 'latest' : `v1.${lv.version.minor}`}`;
}

const strictness = (l: PsaLevel): number => LEVELS.indexOf(l);

/** The policy a namespace's labels (string values only) resolve to. */
export function policyFromLabels(labels: ReadonlyMap<string, string>): PsaPolicy {
  const p: PsaPolicy = {
    enforce: { level: 'privileged', version: LATEST },
    warn: { level: 'privileged', version: LATEST },
    audit: { level: 'privileged', version: LATEST },
    errors: [],
  };
  let hasEnforceLevel = false;
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    const levelLabel = `${PSA_LABEL_PREFIX}${mode}`;
    const level = labels.get(levelLabel);
    if (level !== undefined) {
      const parsed = parseLevel(level);
      if (!parsed) p.errors.push(`${levelLabel}: must be one of privileged, baseline, restricted`);
      p[mode].level = parsed ?? (mode === 'enforce' ? 'restricted' : 'privileged');
      if (mode === 'enforce') hasEnforceLevel = parsed !== undefined;
    }
    const versionLabel = `${levelLabel}-version`;
    const version = labels.get(versionLabel);
    if (version !== undefined) {
      const parsed = parseVersion(version);
      if (!parsed) p.errors.push(`${versionLabel}: must be "latest" or "v1.x"`);
      p[mode].version = parsed ?? LATEST;
    }
  }
  const warnLabel = `${PSA_LABEL_PREFIX}warn`;
  if (!labels.has(warnLabel) && hasEnforceLevel && strictness(p.enforce.level) > strictness(p.warn.level)) {
    p.warn.level = p.enforce.level;
    if (!labels.has(`${warnLabel}-version`)) p.warn.version = p.enforce.version;
  }
  return p;
}

/** A Pod Security control a rule implements (rule metadata `references.pss`). */
export interface PssControl {
  level: 'baseline' | 'restricted';
  /** The control's name; a `(v1.N+)` in it is the first policy version that checks it. */
  control: string;
}

/** The first policy version (minor) a control is checked from: the `(v1.N+)` in its name, else 0. */
export function controlSinceMinor(control: string): number {
  const m = /\(v1\.(\d+)\+\)/.exec(control);
  return m ? Number(m[1]) : 0;
}

/** Whether a policy level and version checks the control (restricted includes baseline; version gates as upstream). */
export function policyChecks(policy: LevelVersion, control: PssControl): boolean {
  if (strictness(policy.level) < strictness(control.level)) return false;
  return policy.version.latest || policy.version.minor >= controlSinceMinor(control.control);
}
