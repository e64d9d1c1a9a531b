/**
 * What the language server writes to the client's output channel besides
 * errors (issue 20: the "Shipshape" channel stayed empty for a whole
 * session): its version once, the settings and `.shipshape.yaml` in effect
 * for each open document (once per change, not per keystroke), and how long
 * linting a file took when that is more than `slowLintMs`.
 *
 * Nothing here quotes file contents; settings hold no secrets (registries,
 * rule ids, globs).
 */
import type { EngineSettings } from '../engine';

/** Lints slower than this (wall time, yields included) are logged. */
export const SLOW_LINT_MS = 100;

/** Why an open document is not linted, for the log. */
export type NotLinted = 'disabled' | 'ignored';

export interface LogSink {
  info(message: string): void;
}

/** The version line: the first line the server writes. `runtime`: what it runs on (host.ts ServerHost.runtime). */
export function versionLine(version: string, runtime = `Node ${process.version}, ${process.platform}`): string {
  return `Shipshape ${version} language server (${runtime})`;
}

/** The engine settings in effect as one line: what differs from what a user would otherwise assume, in full. */
export function settingsSummary(engine: EngineSettings, config: string | undefined): string {
  const rules = Object.entries(engine.rules);
  const parts = [
    `profile ${engine.profile}`,
    config ? `.shipshape.yaml ${config}` : 'no .shipshape.yaml',
    rules.length ? `rules ${rules.map(([id, s]) => `${id}: ${s}`).join(', ')}` : 'no rule overrides',
    `trusted registries ${engine.trustedRegistries.length ? engine.trustedRegistries.join(', ') : '(none)'}`,
    ...(engine.exemptions.length ? [`${engine.exemptions.length} exemption${engine.exemptions.length === 1 ? '' : 's'}`] : []),
    `schema validation ${engine.schemaValidation ? 'on' : 'off'}`,
    `annotation exemptions ${engine.allowAnnotationExemptions ? 'on' : 'off'}`,
    `inline suppressions ${engine.allowInlineSuppressions ? 'on' : 'off'}`,
  ];
  return parts.join('; ');
}

function kb(chars: number): string {
  return chars < 1024 ? `${chars} chars` : `${Math.round(chars / 1024).toLocaleString('en-US')} KB`;
}

export class ServerLog {
  /** Per open document, the last settings line written for it. */
  private readonly lastSettings = new Map<string, string>();

  constructor(
    private readonly sink: LogSink,
    /** How a document is named in the log (its path, for a file). */
    private readonly nameOf: (uri: string) => string = (uri) => uri,
    private readonly slowLintMs = SLOW_LINT_MS,
  ) {}

  version(version: string, runtime?: string): void {
    this.sink.info(versionLine(version, runtime));
  }

  /** The settings a document is linted with (or why it is not): written when they differ from the last written for it. */
  settings(uri: string, inEffect: { engine: EngineSettings; config?: string } | { notLinted: NotLinted; config?: string }): void {
    const line =
      'notLinted' in inEffect
        ? inEffect.notLinted === 'disabled'
          ? 'not linted: shipshape.enable is false'
          : `not linted: ignored by ${inEffect.config ?? '.shipshape.yaml'} (ignorePaths)`
        : settingsSummary(inEffect.engine, inEffect.config);
    if (this.lastSettings.get(uri) === line) return;
    this.lastSettings.set(uri, line);
    this.sink.info(`Settings for ${this.nameOf(uri)}: ${line}`);
  }

  /** A lint finished: written when it took longer than the threshold. */
  lintTook(uri: string, ms: number, chars: number, findings: number): void {
    if (ms <= this.slowLintMs) return;
    this.sink.info(`Linted ${this.nameOf(uri)} (${kb(chars)}, ${findings.toLocaleString('en-US')} findings) in ${Math.round(ms)} ms`);
  }

  /** The document closed: its settings are written again when it is opened again. */
  forget(uri: string): void {
    this.lastSettings.delete(uri);
  }
}
