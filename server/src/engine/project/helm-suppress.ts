/**
 * Suppression of a rendered chart's findings where they are reported (docs/helm.md, "Suppressing a finding").
 *
 * - In a template: `# shipshape-disable-next-line <rule>` (and `# shipshape-disable <rule>` at the top of a template
 *   document), or the same as a Go template comment, `{{/* shipshape-disable-next-line <rule> *\/}}` or
 *   `{{- /* ... *\/ -}}`, which renders to nothing. Lines are counted in the template as written, never in the
 *   rendered output: trim markers (`{{-`, `-}}`) do not move what a comment covers. "The next line" is the next line
 *   that is not blank, a comment, or only actions that render no text (`{{- if ... }}`, `{{- end }}`,
 *   `{{- $x := ... }}`, `{{- with ... }}`, `{{- range ... }}`, `{{- else }}`, comments); the top of a template
 *   document is every such line before its first line of text. A `#` line inside a block scalar (`key: |`) is text,
 *   as in any YAML file; a `{{/* *\/}}` comment there still counts. In a template that failed to render, unused
 *   comments are not reported (nothing was judged).
 * - In a values file (or any plain YAML file a finding is reported in): the file's own comments, as for any YAML file.
 *   The file's own lint already ran its suppression comments; a comment is reported unused only when both its own
 *   lint and the chart's findings left it unused.
 * - `.shipshape.yaml`: the reported file's settings apply: a rule that is off there is dropped, its severity is the
 *   one configured there, and its `exemptions` (by `paths` too) apply.
 */
import { effectiveSeverity, type EngineSettings } from '../config/settings';
import { chunkIndexAt, shifted } from '../yaml-lint-result';
import { splitYamlDocuments } from '../parse/yaml';
import { getRule, SYNTAX_RULES } from '../rules';
import { suppress } from '../suppress/apply';
import { yamlTopEnd } from '../suppress/directives';
import type { Finding, Span } from '../types';
import { parseAllDocuments, visit } from 'yaml';

/** The opening of a Go template comment holding a directive: `{{` (`{{- `), `/*`, the directive word. Anchored: linear. */
const TEMPLATE_DIRECTIVE = /^\{\{(?:-[ \t]+)?\/\*[ \t]*(shipshape-disable(?:-next-line)?)(?=[ \t,*]|$)/;
/** What may follow a template comment's `*\/` on its line. */
const COMMENT_CLOSE = /^\*\/(?:[ \t]+-)?\}\}[ \t]*$/;
/** An action that renders no text, by its first word: a control keyword, or a variable declaration or assignment. */
const SILENT_WORD = /^(?:(?:if|else|end|range|with|define|break|continue)(?![\w.])|\$\w*[ \t]*:?=)/;

/** The line with a directive in a Go template comment written as a `#` comment (same length, same offsets), or undefined. */
function templateDirective(line: string): string | undefined {
  const indent = line.length - line.trimStart().length;
  const m = TEMPLATE_DIRECTIVE.exec(line.slice(indent));
  if (!m) return undefined;
  const wordEnd = indent + m[0].length;
  const close = line.indexOf('*/', wordEnd);
  if (close < 0 || !COMMENT_CLOSE.test(line.slice(close))) return undefined;
  const word = m[1]!;
  return `${line.slice(0, indent)}#${' '.repeat(m[0].length - word.length - 1)}${word}${line.slice(wordEnd, close)}${' '.repeat(line.length - close)}`;
}

/** Whether a line holds only actions that render no text (comments, control keywords, variable assignments). */
function isSilentLine(line: string): boolean {
  let i = 0;
  let actions = 0;
  for (;;) {
    while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
    if (i >= line.length) return actions > 0;
    if (!line.startsWith('{{', i)) return false;
    let body = i + 2;
    if (line[body] === '-' && (line[body + 1] === ' ' || line[body + 1] === '\t')) body += 2;
    while (line[body] === ' ' || line[body] === '\t') body++;
    let end: number;
    if (line.startsWith('/*', body)) {
      const close = line.indexOf('*/', body + 2);
      if (close < 0) return false;
      end = close + 2;
      while (line[end] === ' ' || line[end] === '\t' || line[end] === '-') end++;
      if (!line.startsWith('}}', end)) return false;
    } else {
      end = line.indexOf('}}', body);
      if (end < 0 || !SILENT_WORD.test(line.slice(body, Math.min(end, body + 64)))) return false;
    }
    i = end + 2;
    actions++;
  }
}

/** Whether a line ends with a block scalar header (`key: |`, `- >-`, `key: |2`). */
function isBlockHeader(line: string): boolean {
  const t = line.trimEnd();
  const m = /[|>][1-9+-]{0,2}$/.exec(t);
  if (!m) return false;
  const before = t.slice(0, m.index);
  if (before.length === 0 || !(before.endsWith(' ') || before.endsWith('\t'))) return false;
  const head = before.trimEnd();
  return head.endsWith(':') || head === '-' || head.endsWith(' -');
}

/**
 * The template as YAML-like text of the same length that the ordinary directive scanner reads: a directive in a
 * Go template comment becomes a `#` comment (same offsets for its rule ids), a line that renders no text becomes a
 * comment line; and the `#` comments of block scalars, which are text.
 */
export function templateCommentText(text: string): { text: string; exclude: Span[] } {
  const out: string[] = [];
  const exclude: Span[] = [];
  let block: number | undefined; // indentation of the line that opened the block scalar being read
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const indent = line.length - line.trimStart().length;
    const blank = indent === line.length;
    if (block !== undefined && !blank && indent <= block) block = undefined;
    let mapped = line;
    const directive = blank ? undefined : templateDirective(line);
    if (directive !== undefined) mapped = directive;
    else if (!blank && isSilentLine(line)) mapped = `${line.slice(0, indent)}#${' '.repeat(line.length - indent - 1)}`;
    else if (block !== undefined && line[indent] === '#') exclude.push({ start: offset + indent - 1, end: offset + indent + 1 });
    else if (block === undefined && isBlockHeader(line)) block = indent;
    out.push(mapped + (raw.length > line.length ? '\r' : ''));
    offset += raw.length + 1;
  }
  return { text: out.join('\n'), exclude };
}

/** A chart finding with the reported file's severity, or undefined when its rule is off there. */
function withSettingsOf(f: Finding, settings: EngineSettings): Finding | undefined {
  const meta = getRule(f.ruleId)?.meta;
  if (!meta) return f;
  const severity = effectiveSeverity(meta, settings);
  if (severity === 'off') return undefined;
  // An info problem of a render (an unvendored dependency) stays info.
  if (f.ruleId === SYNTAX_RULES.helmRender.meta.id && f.severity === 'info') return f;
  return f.severity === severity ? f : { ...f, severity };
}

/** Ranges of a plain YAML text's scalars that span lines: a `# ...` line inside one is text, not a comment. */
function multilineScalars(text: string): Span[] {
  const out: Span[] = [];
  try {
    for (const doc of parseAllDocuments(text, { version: '1.1', uniqueKeys: false }) as Iterable<Parameters<typeof visit>[0]>) {
      visit(doc, {
        Scalar(_, node) {
          const r = node.range;
          const nl = r ? text.indexOf('\n', r[0]) : -1;
          if (r && nl >= 0 && nl < r[1]) out.push({ start: r[0], end: r[1] });
        },
      });
    }
  } catch {
    // Unparsable text: every `#` line is read as a comment.
  }
  return out;
}

const unusedId = (): string => SYNTAX_RULES.unusedSuppression.meta.id;
const keyOf = (f: Finding): string => `${f.span.start}\u0000${f.span.end}\u0000${f.message}`;

/**
 * A file's findings with the chart's findings reported in it: `own` is the file's own findings (its own suppression
 * comments already applied), `charts` the chart's findings in it. `template`: the file is a chart template.
 */
export function suppressChartFindings(text: string, own: readonly Finding[], charts: readonly Finding[], settings: EngineSettings, template: boolean): Finding[] {
  const kept = charts.flatMap((f) => withSettingsOf(f, settings) ?? []);
  const commented = text.includes('shipshape-disable');
  if (kept.length === 0 && !(template && commented)) return [...own];
  const scanned = template && commented ? templateCommentText(text) : { text, exclude: [] };
  const split = splitYamlDocuments(scanned.text);
  const chunks = split.length > 0 ? split : [{ offset: 0, text: scanned.text }];
  const byChunk: Finding[][] = chunks.map(() => []);
  for (const f of kept) byChunk[chunkIndexAt(chunks, f.span.start)]!.push(f);
  const passed: Finding[] = [];
  chunks.forEach(({ offset, text: chunk }, i) => {
    // A template is scanned whole (its comments are judged only here); a plain file only where the chart reports.
    if (!template && byChunk[i]!.length === 0) return;
    const exclude = (): Span[] =>
      template ? scanned.exclude.filter((s) => s.start >= offset && s.start < offset + chunk.length).map((s) => ({ start: s.start - offset, end: s.end - offset })) : multilineScalars(chunk);
    const scope = { scopeWord: 'document' as const, scan: () => ({ topEnd: yamlTopEnd(chunk), exclude: exclude() }) };
    for (const f of suppress(byChunk[i]!.map((x) => shifted(x, -offset)), chunk, settings, new Set(), scope)) passed.push(shifted(f, offset));
  });
  if (template) {
    // A template that failed to render reported nothing else: its comments cannot be judged.
    const broken = kept.some((f) => f.ruleId === SYNTAX_RULES.helmRender.meta.id && f.severity !== 'info');
    return [...own, ...(broken ? passed.filter((f) => f.ruleId !== unusedId()) : passed)];
  }
  // A comment of a plain file is unused only when neither its own lint nor the chart's findings used it.
  const unusedHere = new Set(passed.filter((f) => f.ruleId === unusedId()).map(keyOf));
  const touched = new Set(chunks.map((_, i) => i).filter((i) => byChunk[i]!.length > 0));
  const ownKept = own.filter((f) => f.ruleId !== unusedId() || !touched.has(chunkIndexAt(chunks, f.span.start)) || unusedHere.has(keyOf(f)));
  return [...ownKept, ...passed.filter((f) => f.ruleId !== unusedId())];
}
