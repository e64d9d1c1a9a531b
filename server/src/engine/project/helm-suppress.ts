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
 *   as in any YAML file; a `{{/* *\/}}` comment there still counts.
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

/** A whole-line Go template comment holding a directive: indentation, `{{` (`{{- `), `/*`, the directive, `*\/`, `}}` (` -}}`). */
const TEMPLATE_DIRECTIVE = /^([ \t]*)(\{\{(?:-[ \t\r\n]+)?\/\*[ \t]*)(shipshape-disable(?:-next-line)?)((?:[ \t,][^\r\n]*?)?)([ \t]*\*\/(?:[ \t\r\n]+-)?\}\})[ \t]*$/;
/** One action that renders no text: a comment, a control keyword, or a variable declaration or assignment. */
const SILENT_ACTION = String.raw`\{\{-?[ \t]*(?:\/\*.*?\*\/|(?:if|else|end|range|with|define|break|continue)\b[^{}]*|\$[\w]*[ \t]*:?=[^{}]*)-?\}\}`;
const SILENT_LINE = new RegExp(String.raw`^[ \t]*(?:${SILENT_ACTION}[ \t]*)+$`);
/** A block scalar's header at the end of a line (`key: |`, `- >-`, `key: |2 # comment`). */
const BLOCK_HEADER = /(?:^|[:\-][ \t])[ \t]*[|>][1-9+-]{0,2}[ \t]*(?:#.*)?$/;

/**
 * The template as YAML-like text of the same length that the ordinary directive scanner reads: a directive in a
 * Go template comment becomes a `#` comment (same offsets for its rule ids), a line that renders no text becomes a
 * comment line; and the `#` comments of block scalars, which are text.
 */
export function templateCommentText(text: string): { text: string; exclude: Span[] } {
  const out: string[] = [];
  const exclude: Span[] = [];
  let block: number | undefined; // indentation of the key of the block scalar being read
  let offset = 0;
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const indent = /^[ \t]*/.exec(line)![0].length;
    const blank = line.trim() === '';
    if (block !== undefined && !blank && indent <= block) block = undefined;
    let mapped = line;
    const m = TEMPLATE_DIRECTIVE.exec(line);
    if (m) {
      mapped = `${m[1]}#${' '.repeat(m[2]!.length - 1)}${m[3]}${m[4]}${' '.repeat(m[5]!.length)}${line.slice(m[0].length)}`;
    } else if (!blank && SILENT_LINE.test(line)) {
      mapped = `${' '.repeat(indent)}#${' '.repeat(line.length - indent - 1)}`;
    } else if (block !== undefined && line.trimStart().startsWith('#')) {
      exclude.push({ start: offset + indent - 1, end: offset + indent + 1 });
    } else if (block === undefined && BLOCK_HEADER.test(line.replace(/\{\{.*?\}\}/g, 'x'))) {
      block = indent;
    }
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
  const scanned = template ? templateCommentText(text) : { text, exclude: [] };
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
  if (template) return [...own, ...passed];
  // A comment of a plain file is unused only when neither its own lint nor the chart's findings used it.
  const unusedHere = new Set(passed.filter((f) => f.ruleId === unusedId()).map(keyOf));
  const touched = new Set(chunks.map((_, i) => i).filter((i) => byChunk[i]!.length > 0));
  const ownKept = own.filter((f) => f.ruleId !== unusedId() || !touched.has(chunkIndexAt(chunks, f.span.start)) || unusedHere.has(keyOf(f)));
  return [...ownKept, ...passed.filter((f) => f.ruleId !== unusedId())];
}
