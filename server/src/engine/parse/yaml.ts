/**
 * Multi-document YAML parsing with source ranges.
 *
 * A file is split into document chunks at `---` marker lines before parsing.
 * In YAML a `---` at the start of a line followed by white space or the end
 * of the line always starts a new document (it cannot occur inside a
 * scalar), so the split is exact and cheap. Each chunk is parsed on its own,
 * which lets results be cached per document: an edit re-parses only the
 * chunks whose text changed.
 */
import { parseAllDocuments, visit } from 'yaml';
import type { Document } from 'yaml';

export interface YamlChunk {
  /** Offset of the chunk in the file. */
  offset: number;
  text: string;
}

const MARKER = /^---(?=[ \t\r\n]|$)/gm;

/**
 * True when a chunk is only a prolog for the next document: every non-blank
 * line is a comment or a directive (`%YAML`, `%TAG`), and it holds a
 * directive or a `shipshape-disable` comment (which belongs to the document
 * that follows, as comments before `---` do in YAML).
 */
function onlyProlog(text: string): boolean {
  let sawProlog = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const t = line.trim();
    if (!t) continue;
    if (t.startsWith('#')) {
      if (t.includes('shipshape-disable')) sawProlog = true;
      continue;
    }
    if (t.startsWith('%')) sawProlog = true;
    else return false;
  }
  return sawProlog;
}

export function splitYamlDocuments(text: string): YamlChunk[] {
  const starts: number[] = [0];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m; m = MARKER.exec(text)) {
    if (m.index !== 0) starts.push(m.index);
  }
  const chunks: YamlChunk[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    chunks.push({ offset: start, text: text.slice(start, end) });
  }
  // Directives (and suppression comments before a `---`) belong to the document that follows them.
  for (let i = chunks.length - 2; i >= 0; i--) {
    if (onlyProlog(chunks[i]!.text)) {
      chunks[i] = { offset: chunks[i]!.offset, text: chunks[i]!.text + chunks[i + 1]!.text };
      chunks.splice(i + 1, 1);
    }
  }
  return chunks;
}

export interface ParsedChunk {
  docs: Document.Parsed[];
  /** A parser crash (e.g. extreme nesting) turned into data; never thrown. */
  crash?: string;
}

export function parseChunk(text: string): ParsedChunk {
  try {
    return { docs: parseAllDocuments(text, { prettyErrors: false, keepSourceTokens: false }) as Document.Parsed[] };
  } catch (e) {
    const message = e instanceof RangeError ? 'the document is nested too deeply to parse' : `the YAML parser failed (${e instanceof Error ? e.message : String(e)})`;
    return { docs: [], crash: message };
  }
}

/**
 * Go template markers in structural positions: at the start of a line
 * (control structures, includes) or as an unquoted value (`key: {{ x }}`,
 * `- {{ x }}`). Quoted `"{{ }}"` does not match.
 */
const TEMPLATE_MARKER = /^[ \t]*(?:-[ \t]+)?\{\{|:[ \t]+\{\{/gm;

/** Offsets of structural template markers in `text` (at most `limit`). */
export function templateMarkers(text: string, limit = 64): number[] {
  if (!text.includes('{{')) return [];
  const out: number[] = [];
  TEMPLATE_MARKER.lastIndex = 0;
  for (let m = TEMPLATE_MARKER.exec(text); m && out.length < limit; m = TEMPLATE_MARKER.exec(text)) {
    out.push(m.index + m[0].indexOf('{{'));
  }
  return out;
}

const STRING_SCALAR_TYPES = new Set(['BLOCK_LITERAL', 'BLOCK_FOLDED', 'QUOTE_DOUBLE', 'QUOTE_SINGLE']);

/**
 * True when a chunk is a Go/Helm template rather than YAML: some structural
 * marker lies outside every block or quoted string scalar (so `{{ }}` inside
 * an alerting template in a ConfigMap block scalar does not count).
 */
export function isTemplated(text: string, docs: readonly Document.Parsed[]): boolean {
  const markers = templateMarkers(text);
  if (markers.length === 0) return false;
  const strings: Array<[number, number]> = [];
  for (const doc of docs) {
    visit(doc, {
      Scalar(_key, node) {
        if (node.range && STRING_SCALAR_TYPES.has(String(node.type))) strings.push([node.range[0], node.range[1]]);
      },
    });
  }
  return markers.some((m) => !strings.some(([s, e]) => m >= s && m < e));
}

/** Binary content: NUL bytes or many replacement characters (invalid UTF-8) near the start. */
export function looksBinary(text: string): boolean {
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if (head.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
  }
  return head.length > 0 && bad / head.length > 0.1;
}
