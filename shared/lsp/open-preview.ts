/**
 * The client's `shipshape/openPreview` request (protocol.ts): which lines of a
 * large document opening to send ahead of its didOpen, and the hold of that
 * didOpen until the answer. Pure (no `vscode` import): the VS Code client
 * passes its TextDocument through `PreviewSource`, the bench a string, so both
 * send the same.
 *
 * The window runs from the third `---` line at or above the first shown line
 * to just before the third `---` line below the last one (or the file's
 * start and end): the shown documents and at least one more on each side,
 * which the server drops as possibly cut. A window reaches at most
 * PREVIEW_REACH_LINES beyond the shown lines each way and PREVIEW_MAX_CHARS in
 * all; past that (a huge document) no preview is sent.
 */
import type { OpenPreviewParams, VisibleRangesParams } from './protocol';

// The host's timers (Node, a browser worker, VS Code's extension host): shared/ is compiled without their types.
declare const setTimeout: (fn: () => void, ms: number) => unknown;
declare const clearTimeout: (handle: unknown) => void;

/** The longest the didOpen waits for the preview's answer (a busy server lints the preview within a slice or two; one that does not know the request answers at once). */
export const PREVIEW_WAIT_MS = 200;
/** Files shorter than this get no preview: their didOpen costs little more to send and read than the preview. */
export const PREVIEW_MIN_FILE_CHARS = 512 * 1024;
/** Lines of the first screen: what an editor shows of a document it opens at the top. */
export const FIRST_SCREEN_LINES = 60;
/** How far the window looks for document markers beyond the shown lines, each way. */
export const PREVIEW_REACH_LINES = 2000;
/** The longest preview text; a longer window is not sent (the didOpen alone is not much slower then). */
export const PREVIEW_MAX_CHARS = 512 * 1024;
/** Shown lines longer than this (several editors far apart): only the first range is previewed. */
const MAX_SHOWN_LINES = 1000;
/** Markers looked for on each side (see the module comment). */
const MARKERS = 3;

export interface PreviewSource {
  readonly uri: string;
  readonly languageId: string;
  readonly version: number;
  readonly lineCount: number;
  /** Line `line`'s text without its line break. */
  lineText(line: number): string;
  /** Where line `line` starts (UTF-16 offset); `lineCount`: the text's length. */
  offsetOfLine(line: number): number;
  /** The text between two offsets. */
  slice(from: number, to: number): string;
}

type Ranges = VisibleRangesParams['ranges'];

/** A YAML document marker line: `---` alone or followed by a space, a tab or a carriage return. */
export function isMarkerLine(text: string): boolean {
  if (!text.startsWith('---')) return false;
  const c = text.charCodeAt(3);
  return Number.isNaN(c) || c === 32 || c === 9 || c === 13;
}

/** The first screen of a document, as the ranges an editor opened at the top shows. */
export function firstScreen(lineCount: number): Ranges {
  return [{ start: { line: 0, character: 0 }, end: { line: Math.max(0, Math.min(lineCount, FIRST_SCREEN_LINES) - 1), character: 0 } }];
}

/**
 * The preview of a YAML document opening with `ranges` shown (none: the first screen), or undefined (not YAML,
 * shorter than `minLength`, no room).
 */
export function openPreviewParams(doc: PreviewSource, ranges: Ranges = [], settings?: unknown, minLength = PREVIEW_MIN_FILE_CHARS): OpenPreviewParams | undefined {
  if (doc.languageId !== 'yaml' || doc.lineCount === 0 || doc.offsetOfLine(doc.lineCount) < minLength) return undefined;
  const inFile = ranges.filter((r) => r.start.line < doc.lineCount && r.end.line >= r.start.line);
  let shown = inFile.length > 0 ? inFile : firstScreen(doc.lineCount);
  let first = Math.min(...shown.map((r) => r.start.line));
  let last = Math.min(doc.lineCount - 1, Math.max(...shown.map((r) => r.end.line)));
  if (last - first > MAX_SHOWN_LINES) {
    shown = [shown[0]!];
    first = shown[0]!.start.line;
    last = Math.min(doc.lineCount - 1, shown[0]!.end.line, first + MAX_SHOWN_LINES);
  }
  let start = first;
  for (let seen = 0; start > 0; start--) {
    if (isMarkerLine(doc.lineText(start)) && ++seen === MARKERS) break;
    if (first - start >= PREVIEW_REACH_LINES) return undefined;
  }
  let end = last + 1;
  for (let seen = 0; end < doc.lineCount; end++) {
    if (isMarkerLine(doc.lineText(end)) && ++seen === MARKERS) break;
    if (end - last >= PREVIEW_REACH_LINES) return undefined;
  }
  const offset = doc.offsetOfLine(start);
  const to = doc.offsetOfLine(end);
  if (to - offset > PREVIEW_MAX_CHARS) return undefined;
  return {
    textDocument: { uri: doc.uri, languageId: doc.languageId, version: doc.version },
    offset,
    line: start,
    text: doc.slice(offset, to),
    length: doc.offsetOfLine(doc.lineCount),
    ranges: shown.map((r) => ({ start: { line: r.start.line, character: 0 }, end: { line: Math.min(r.end.line, doc.lineCount - 1), character: 0 } })),
    ...(settings !== undefined ? { settings } : {}),
  };
}

/** A PreviewSource over a string (the bench, tests): its line starts are computed once. */
export function stringPreviewSource(uri: string, languageId: string, version: number, text: string): PreviewSource {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineCount = starts.length;
  return {
    uri,
    languageId,
    version,
    lineCount,
    lineText: (line) => {
      const end = line + 1 < lineCount ? starts[line + 1]! - 1 : text.length;
      return text.slice(starts[line]!, end > starts[line]! && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    },
    offsetOfLine: (line) => (line >= lineCount ? text.length : starts[line]!),
    slice: (from, to) => text.slice(from, to),
  };
}

/** Resolves when `answer` settles or after `ms`, whichever comes first (never rejects). */
export function answeredOrTimeout(answer: Promise<unknown>, ms = PREVIEW_WAIT_MS): Promise<void> {
  let timer: unknown;
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  const settled = answer.then(
    () => undefined,
    () => undefined,
  );
  return Promise.race([settled, late]).finally(() => clearTimeout(timer));
}

/**
 * The didOpens a client holds until their preview is answered, and the
 * document's other messages, which wait for its didOpen to go out. The held
 * didOpen carries the text as it is when it goes out: an edit made meanwhile
 * is in it, so that edit's didChange is not sent (it would apply twice).
 */
export class OpenHolds {
  private readonly pending = new Map<string, { gone: Promise<void>; version?: number }>();

  /**
   * Send `open` (the didOpen, which reads the document's text and `version()` as it sends) once `answer` settled
   * or `waitMs` passed; resolves when it went out.
   */
  hold(uri: string, answer: Promise<unknown>, open: () => Promise<void>, version: () => number, waitMs = PREVIEW_WAIT_MS): Promise<void> {
    const entry: { gone: Promise<void>; version?: number } = { gone: Promise.resolve() };
    const sent = answeredOrTimeout(answer, waitMs).then(() => {
      entry.version = version();
      return open();
    });
    entry.gone = sent.then(
      () => undefined,
      () => undefined,
    );
    this.pending.set(uri, entry);
    void entry.gone.then(() => {
      if (this.pending.get(uri) === entry) this.pending.delete(uri);
    });
    return sent;
  }

  /** While `uri`'s didOpen is held: a promise of its going out (then send the message); else undefined (send it now). */
  held(uri: string): Promise<void> | undefined {
    return this.pending.get(uri)?.gone;
  }

  /**
   * A didChange of `uri` that made its `version`: undefined when no didOpen is held (send it now), else a promise,
   * once the didOpen went out, of whether to send it (false: the didOpen's text has the change).
   */
  changeHeld(uri: string, version: number): Promise<boolean> | undefined {
    const entry = this.pending.get(uri);
    return entry?.gone.then(() => entry.version === undefined || version > entry.version);
  }
}
