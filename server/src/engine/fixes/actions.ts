/**
 * Generic per-finding actions, offered for every finding whatever its rule:
 *
 * - "Disable <rule> for this line": a `# shipshape-disable-next-line <id> -- <reason>`
 *   comment on its own line above the finding's line, at that line's
 *   indentation (in a Dockerfile, above the first line of the instruction,
 *   so a continuation line is never split).
 * - "Ignore <rule> for this object": an `ignore-check.shipshape.dev/<id>`
 *   annotation in the object's `metadata.annotations` (created when missing;
 *   in a List, the item's),
 *   through the shared YAML edit builders; not offered when the builders
 *   cannot edit the object safely (flow maps, aliases ...).
 *
 * In a Helm chart's template both are Go template comments (`{{- /* shipshape-disable-next-line <id> -- <reason> *\/}}`
 * above the line, `{{- /* shipshape-disable <id> ... *\/}}` at the top of the template document), which render to
 * nothing; in a values file the line's comment is the YAML one.
 *
 * Neither is offered in a JSON file (what kubectl reads as JSON): JSON has
 * no comments, and the builders write YAML.
 *
 * An exemption needs a reason, and a WorkspaceEdit cannot select text for
 * the user to type over, so both write the reason text
 * `REASON_PLACEHOLDER` ("justify this exemption"), which reads as an
 * instruction in review and is easy to search for.
 */
import { isMap, parseAllDocuments, type Document } from 'yaml';
import { YamlDocument } from '../parse/yaml-document';
import { isJsonKind, type FileKind } from '../file-kind';
import type { Finding, Fix, TextEdit } from '../types';
import { setMapEntry } from './yaml-edit';
import { documentObjects } from '../views/objects';
import type { ResourceView } from '../views/resource';
import { startsAsJson } from '../parse/json-manifest';

export const REASON_PLACEHOLDER = 'justify this exemption';
export const ANNOTATION_PREFIX = 'ignore-check.shipshape.dev/';

function lineStart(text: string, offset: number): number {
  let i = Math.min(Math.max(offset, 0), text.length);
  while (i > 0 && text[i - 1] !== '\n') i--;
  return i;
}

function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Start of the Dockerfile instruction holding `offset` (walks back over `\` continuation lines). */
function instructionStart(text: string, offset: number): number {
  let start = lineStart(text, offset);
  while (start > 0) {
    const prevStart = lineStart(text, start - 1);
    const prev = text.slice(prevStart, start).replace(/\r?\n$/, '');
    if (/\\[ \t]*$/.test(prev)) start = prevStart;
    else break;
  }
  return start;
}

/**
 * How a suppression comment is written: `yaml` (and Dockerfile) `# ...`; `template` (a Helm chart's template) a Go
 * template comment on its own line, `{{- /* ... *\/}}`: it renders to nothing wherever it stands (the `{{-` trims the
 * line break before it and its own line break takes that place), so it never changes the output, not even inside a
 * block scalar or a one-line helper, where a `#` line would be rendered as text.
 */
export type CommentForm = 'yaml' | 'template';

function directive(form: CommentForm, word: string, rules: readonly string[]): string {
  const body = `${word} ${rules.join(', ')} -- ${REASON_PLACEHOLDER}`;
  return form === 'template' ? `{{- /* ${body} */}}` : `# ${body}`;
}

/**
 * "Ignore <rule> for this object" in a Helm chart's template: a `shipshape-disable <rule>` template comment at the top
 * of the template document the finding is in (after its `---` line, if any), which covers the objects that document
 * renders. The object's annotations are not edited: in a template they are often rendered from values.
 */
export function ignoreInTemplateFix(text: string, finding: Finding): Fix | undefined {
  if (finding.span.start < 0 || finding.span.start > text.length) return undefined;
  let start = 0;
  const marker = /^---[ \t]*(?:#[^\n]*)?\r?\n/gm;
  for (let m = marker.exec(text); m && m.index <= finding.span.start; m = marker.exec(text)) {
    if (m.index + m[0].length <= finding.span.start) start = m.index + m[0].length;
  }
  const edit = { start, end: start, text: `${directive('template', 'shipshape-disable', [finding.ruleId])}${eolOf(text)}` };
  return { title: `Ignore ${finding.ruleId} for this object`, kind: 'suggestion', edits: [edit] };
}

/** "Disable <rule> for this line": a suppression comment above the finding's line. */
export function disableForLineFix(text: string, kind: FileKind, finding: Finding): Fix | undefined {
  return disableRulesForLineFix(text, kind, [finding]);
}

/**
 * "Disable <rules> for this line" for several findings at once: one comment
 * above each of their lines, naming the rules found on that line (in the
 * order given, each once). Undefined when there is nothing to disable or the
 * text takes no comments (JSON).
 */
export function disableRulesForLineFix(text: string, kind: FileKind, findings: readonly Finding[], form: CommentForm = 'yaml'): Fix | undefined {
  if (form === 'yaml' && ((kind === 'yaml' && startsAsJson(text)) || isJsonKind(kind))) return undefined;
  const lines = new Map<number, string[]>(); // line start -> rule ids
  for (const f of findings) {
    if (f.span.start < 0 || f.span.start > text.length) continue;
    const start = kind === 'dockerfile' ? instructionStart(text, f.span.start) : lineStart(text, f.span.start);
    const rules = lines.get(start) ?? [];
    if (!rules.includes(f.ruleId)) rules.push(f.ruleId);
    lines.set(start, rules);
  }
  if (lines.size === 0) return undefined;
  const edits: TextEdit[] = [...lines].sort(([a], [b]) => a - b).map(([start, rules]) => {
    const indent = /^[ \t]*/.exec(text.slice(start))![0];
    return { start, end: start, text: `${indent}${directive(form, 'shipshape-disable-next-line', rules)}${eolOf(text)}` };
  });
  const ids = [...new Set([...lines.values()].flat())];
  return { title: `Disable ${ids.join(', ')} for this line`, kind: 'suggestion', edits };
}

/**
 * The parsed document holding `offset`, when the text parses cleanly, and the
 * Kubernetes object there: the document's top-level object, or the item of a
 * List that holds `offset`.
 */
export function objectAt(text: string, offset: number): { doc: YamlDocument; object: ResourceView } | undefined {
  let docs: YamlDocument[];
  try {
    docs = (parseAllDocuments(text, { prettyErrors: false }) as Document.Parsed[]).map((d) => new YamlDocument(d));
  } catch {
    return undefined;
  }
  if (!Array.isArray(docs)) return undefined;
  for (const doc of docs) {
    const [s, , e] = (doc.yaml as Document.Parsed).range;
    if (offset < s || offset > e) continue;
    if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
    const object = documentObjects(doc)?.objects.find((o) => o.root.range && offset >= o.root.range[0] && offset <= o.root.range[1]);
    return object ? { doc, object } : undefined;
  }
  return undefined;
}

/** "Ignore <rule> for this object": an exemption annotation on the finding's Kubernetes object. */
export function ignoreForObjectFix(text: string, kind: FileKind, finding: Finding): Fix | undefined {
  if (kind !== 'yaml' || !finding.object || startsAsJson(text)) return undefined;
  const found = objectAt(text, finding.span.start);
  if (!found) return undefined;
  let edits: TextEdit[] | undefined;
  try {
    edits = setMapEntry(found.doc, text, found.object.root, ['metadata', 'annotations'], ANNOTATION_PREFIX + finding.ruleId, REASON_PLACEHOLDER, { keepExisting: true });
  } catch {
    edits = undefined;
  }
  if (!edits || edits.length === 0) return undefined;
  return { title: `Ignore ${finding.ruleId} for this object`, kind: 'suggestion', edits };
}
