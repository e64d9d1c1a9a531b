/**
 * Reading the value syntaxes of a compose file the way Docker Compose
 * (compose-go) reads them: short volume specs (`src:dst[:mode]`, Windows
 * drive letters included), `security_opt` entries (`seccomp=unconfined` and
 * the legacy `seccomp:unconfined`) and booleans. Merge keys (`<<: *defaults`)
 * are expanded before the views read the file (parse/yaml-merge.ts). Total:
 * anything unexpected reads as "absent".
 */
import type { Node } from 'yaml';
import type { Span } from '../types';
import { nodeSpan } from './yaml-node';

/**
 * Compose booleans as compose-go reads them: YAML `true`, or a string (quoted
 * or not, after interpolation) that its `toBoolean` cast takes for true,
 * in any case: `true`, and, with a deprecation warning, `y`, `yes`, `on`.
 */
export function composeTrue(value: unknown): boolean {
  if (value === true) return true;
  if (typeof value !== 'string') return false;
  const v = value.trim().toLowerCase();
  return v === 'true' || v === 'y' || v === 'yes' || v === 'on';
}

/**
 * Span of `value.slice(from, to)` in the file, when the scalar's source
 * spells its value out literally (plain, or quoted without escapes); else
 * the span of the whole scalar.
 */
export function partSpan(node: Node, text: string, value: string, from: number, to: number): Span | undefined {
  const whole = nodeSpan(node);
  if (!whole) return undefined;
  const raw = text.slice(whole.start, whole.end);
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0];
  const offset = raw === value ? whole.start : quoted && raw.slice(1, -1) === value ? whole.start + 1 : undefined;
  if (offset === undefined || to <= from) return whole;
  return { start: offset + from, end: offset + to };
}

/** A volume of a service, short or long syntax. */
export interface ComposeVolume {
  /** `bind` (a host path), `volume`, `tmpfs`, `npipe`, ... as Compose decides it. */
  type: string | undefined;
  /** Host path (bind) or volume name, as written (after trimming). */
  source?: string;
  target?: string;
  readOnly: boolean;
  /** Where findings about the source go: the source part of a short spec, or the long syntax's `source` value. */
  sourceSpan?: Span;
  syntax: 'short' | 'long';
}

const isLetter = (c: string | undefined): boolean => c !== undefined && c.toLowerCase() !== c.toUpperCase();

/** compose-go `isFilePath`: `.`, `/`, `~`, a Windows UNC path or drive letter starts a host path. */
export function isHostPathSource(source: string): boolean {
  if (source === '') return false;
  if (source[0] === '.' || source[0] === '/' || source[0] === '~') return true;
  if (source.startsWith('\\\\')) return true;
  return isLetter(source[0]) && source[1] === ':';
}

/** The parts of a short volume spec, with their offsets in the spec (compose-go `ParseVolume`). */
export function parseShortVolume(spec: string): { source?: { text: string; at: number }; target?: string; options: string[] } | undefined {
  if (spec.length === 0) return undefined;
  if (spec.length <= 2) return { target: spec, options: [] };
  const fields: Array<{ text: string; at: number }> = [];
  let start = 0;
  for (let i = 0; i < spec.length; i++) {
    if (spec[i] !== ':') continue;
    // A single letter before the colon is a Windows drive (`C:\data`), not a separator.
    if (i - start === 1 && isLetter(spec[start])) continue;
    fields.push({ text: spec.slice(start, i), at: start });
    start = i + 1;
  }
  fields.push({ text: spec.slice(start), at: start });
  if (fields.some((f) => f.text === '') || fields.length > 3) return undefined;
  if (fields.length === 1) return { target: fields[0]!.text, options: [] };
  return { source: fields[0], target: fields[1]!.text, options: fields[2]?.text.split(',') ?? [] };
}

/** A `security_opt` entry split like the Docker CLI does: `key=value`, else the legacy `key:value`. */
export function parseSecurityOpt(option: string): { key: string; value: string | undefined } {
  const eq = option.indexOf('=');
  if (eq >= 0) return { key: option.slice(0, eq), value: option.slice(eq + 1) };
  if (option === 'no-new-privileges') return { key: option, value: undefined };
  const colon = option.indexOf(':');
  return colon >= 0 ? { key: option.slice(0, colon), value: option.slice(colon + 1) } : { key: option, value: undefined };
}

/**
 * A limit value that Docker treats as "no limit": 0 (or a negative number)
 * in any unit (`0`, `"0"`, `0.0`, `0m`, `-1`). Values are short; longer text is not a number.
 */
export function isNoLimit(value: unknown): boolean {
  if (typeof value === 'number') return value <= 0;
  if (typeof value !== 'string' || value.length > 64) return false;
  const m = /^\s*(-?[0-9]*\.?[0-9]*)\s*[a-z]*\s*$/i.exec(value);
  if (!m || !/[0-9]/.test(m[1]!)) return false;
  return Number(m[1]) <= 0;
}
