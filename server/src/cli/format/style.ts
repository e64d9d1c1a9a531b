/** Terminal styling for the text formats: colour decision and escaping of untrusted text. */

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  cyan(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

export const COLOR: Style = { red: wrap(31, 39), yellow: wrap(33, 39), cyan: wrap(36, 39), bold: wrap(1, 22), dim: wrap(2, 22), underline: wrap(4, 24) };
const id = (s: string) => s;
export const PLAIN: Style = { red: id, yellow: id, cyan: id, bold: id, dim: id, underline: id };

/**
 * Colour when writing to a terminal. FORCE_COLOR (anything but `0` or
 * `false`) forces it on and NO_COLOR (non-empty) turns it off; FORCE_COLOR
 * wins when both are set, as in Node.js.
 */
export function wantColor(env: Readonly<Record<string, string | undefined>>, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

// C0 and C1 controls, DEL, and bidirectional overrides: a manifest (a container
// name, a file name) must not be able to move the cursor, recolour or reorder
// what the terminal shows.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Make untrusted text safe to print on one terminal line: control characters become `\xNN` / `\uNNNN` escapes. */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A benchmark status tag in colour: FAIL red, PASS cyan, N/A, MANUAL and HOST-ONLY dim. */
export function statusColor(status: 'pass' | 'fail' | 'n/a' | 'manual' | 'host', tag: string): string {
  return status === 'fail' ? COLOR.red(tag) : status === 'pass' ? COLOR.cyan(tag) : COLOR.dim(tag);
}
