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
import { parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';

export interface YamlChunk {
  /** Offset of the chunk in the file. */
  offset: number;
  text: string;
}

const MARKER = /^---(?=[ \t\r\n]|$)/gm;

/** True when every non-blank, non-comment line is a directive (`%YAML`, `%TAG`). */
function onlyDirectives(text: string): boolean {
  let sawDirective = false;
  for (const line of text.split(/\r\n|\r|\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    if (t.startsWith('%')) sawDirective = true;
    else return false;
  }
  return sawDirective;
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
  // Directives belong to the document that follows them.
  for (let i = chunks.length - 2; i >= 0; i--) {
    if (onlyDirectives(chunks[i]!.text)) {
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

/** A Helm/Go template marker at the start of a line (control structures, includes). */
const TEMPLATE_LINE = /^[ \t]*(?:-[ \t]+)?\{\{/m;
const TEMPLATE_ANY = /\{\{/;

/**
 * Go template syntax that makes the file a template rather than YAML. Quoted
 * `{{ }}` inside valid YAML values (Argo workflows, alert annotations) does
 * not count unless the text also fails to parse.
 */
export function templateMarkerOffset(text: string, hasParseErrors: boolean): number | undefined {
  const line = TEMPLATE_LINE.exec(text);
  if (line) return line.index + line[0].indexOf('{{');
  if (hasParseErrors) {
    const any = TEMPLATE_ANY.exec(text);
    if (any) return any.index;
  }
  return undefined;
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
