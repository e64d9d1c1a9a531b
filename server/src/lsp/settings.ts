/**
 * Editor settings for the language server. Raw `shipshape` configuration
 * (pulled per resource with workspace/configuration) is normalised here, at
 * one boundary, into `ServerSettings`; the engine part goes through the
 * engine's own `normalizeSettings`. Nothing outside this file reads raw
 * settings.
 *
 * Resolved settings are cached per document URI only until the next
 * workspace/didChangeConfiguration (or until the document closes). The
 * `.shipshape.yaml` layer is applied on top of these per document (config.ts).
 */
import { normalizeSettings, RULE_IDS, type EngineSettings } from '../engine';

export const SECTION = 'shipshape';
export const DEFAULT_DEBOUNCE_MS = 150;
export const MAX_DEBOUNCE_MS = 5000;
/**
 * Default for `maxDiagnosticsPerFile`: VS Code's extension host keeps at most
 * 1,000 diagnostics per file from an extension (errors first) and drops the
 * rest, so sending more only costs time and memory on both sides.
 */
export const DEFAULT_MAX_DIAGNOSTICS = 1000;

export interface ServerSettings {
  /** Lint at all. */
  enable: boolean;
  /** Quiet period after an edit before a document is linted again. */
  debounceMs: number;
  /**
   * Most diagnostics published for one file (one of them the notice that
   * more were found); those nearest the last edit are kept. 0: no limit.
   */
  maxDiagnosticsPerFile: number;
  engine: EngineSettings;
}

export interface ResolvedSettings {
  settings: ServerSettings;
  /** Human-readable problems with the raw input; each is logged once per configuration. */
  problems: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Turn a raw `shipshape` section (any shape, possibly null) into server settings. Never throws. The whole
 * section is validated by the engine's settings schema (the keys only the server reads too).
 */
export function resolveSettings(raw: unknown): ResolvedSettings {
  const input = isRecord(raw) ? raw : {};
  const { settings: engine, problems, invalid } = normalizeSettings(input, RULE_IDS);
  const valid = (key: 'enable' | 'debounceMs' | 'maxDiagnosticsPerFile'): boolean => input[key] !== undefined && input[key] !== null && !invalid(key);
  const enable = valid('enable') ? (input.enable as boolean) : true;
  const debounceMs = valid('debounceMs') ? Math.min(Math.round(input.debounceMs as number), MAX_DEBOUNCE_MS) : DEFAULT_DEBOUNCE_MS;
  const maxDiagnosticsPerFile = valid('maxDiagnosticsPerFile') ? (input.maxDiagnosticsPerFile as number) : DEFAULT_MAX_DIAGNOSTICS;
  return { settings: { enable, debounceMs, maxDiagnosticsPerFile, engine }, problems };
}

export interface SettingsSource {
  /** Pull the raw `shipshape` section for a resource; undefined when the client cannot be asked. */
  fetch(uri: string): Promise<unknown> | undefined;
  /** Log a warning (never document contents). */
  warn(message: string): void;
}

/**
 * Per-URI settings cache. A generation counter makes answers that arrive
 * after an invalidation land nowhere, so stale settings never re-enter the
 * cache.
 */
export class SettingsStore {
  private cache = new Map<string, Promise<ServerSettings>>();
  private resolved = new Map<string, ServerSettings>();
  private logged = new Set<string>();
  private generation = 0;
  /** Settings pushed with didChangeConfiguration, used when the client cannot be asked per resource. */
  private pushed: unknown = undefined;

  constructor(private readonly source: SettingsSource) {}

  /** Settings for a document, pulled once per configuration generation. */
  get(uri: string): Promise<ServerSettings> {
    const cached = this.cache.get(uri);
    if (cached) return cached;
    const generation = this.generation;
    const pending: Promise<ServerSettings> = this.load(uri).then(({ settings, ok }) => {
      if (generation === this.generation && this.cache.get(uri) === pending) {
        // A failed pull is not cached: the next lint asks again.
        if (ok) this.resolved.set(uri, settings);
        else this.cache.delete(uri);
      }
      return settings;
    });
    this.cache.set(uri, pending);
    return pending;
  }

  /** Already resolved settings for a document, if any (used for the debounce delay). */
  peek(uri: string): ServerSettings | undefined {
    return this.resolved.get(uri);
  }

  /** The configuration changed: forget everything; `pushed` is the notification's payload. */
  invalidate(pushed?: unknown): void {
    this.generation++;
    this.cache.clear();
    this.resolved.clear();
    this.logged.clear();
    if (isRecord(pushed)) this.pushed = pushed[SECTION];
  }

  /** A document closed. */
  forget(uri: string): void {
    this.cache.delete(uri);
    this.resolved.delete(uri);
  }

  private async load(uri: string): Promise<{ settings: ServerSettings; ok: boolean }> {
    let raw: unknown = this.pushed;
    let ok = true;
    try {
      const pulled = this.source.fetch(uri);
      if (pulled) raw = await pulled;
    } catch (e) {
      this.warnOnce(`could not read settings, using defaults: ${e instanceof Error ? e.message : String(e)}`);
      raw = undefined;
      ok = false;
    }
    const { settings, problems } = resolveSettings(raw);
    for (const p of problems) this.warnOnce(`settings: ${p}`);
    return { settings, ok };
  }

  private warnOnce(message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.source.warn(message);
  }
}
