/**
 * The values suggestions insert. Its own module, importing nothing, so that
 * rule.ts (which every rule imports) does not import config/settings.ts: the
 * settings validate rule options against the rule registry, and
 * settings -> rule-options -> rules -> every rule -> rule.ts -> settings
 * was an import cycle.
 */

/** Values that suggestions insert (resource requests and limits of the missing-* rules). */
export interface FixDefaults {
  /** Kubernetes quantities for `resources.requests` / `resources.limits`. */
  resources: Readonly<{ cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string }>;
}

export const DEFAULT_FIX_DEFAULTS: FixDefaults = Object.freeze({
  resources: Object.freeze({ cpuRequest: '100m', cpuLimit: '500m', memoryRequest: '128Mi', memoryLimit: '256Mi' }),
});
