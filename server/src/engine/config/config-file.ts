/**
 * `.shipshape.yaml`: parse, validate against the configuration schema (ajv),
 * and describe every problem with the place in the file it concerns. Pure
 * and total: text in, a config or problems out, never a throw.
 */
import { yamlErrorMessage } from '../parse/yaml-message';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isNode, isPair, isScalar, isSeq, parseDocument, type Document, type Node } from 'yaml';
import { ruleMetas } from '../rules';
import { globMatcher, globProblem } from '../suppress/glob';
import type { Finding, SeveritySetting, Span } from '../types';
import { SYNTAX_RULES } from '../rules';
import { engineFinding } from '../run-rule';
import { buildConfigSchema } from './config-schema';
import { displayPath, pointerSegments, schemaErrorMessage, specificErrors } from './schema-messages';
import { DEFAULT_SETTINGS, DEFAULT_TRUSTED_REGISTRIES, type EngineSettings, type Exemption } from './settings';

export interface ConfigExemption extends Exemption {
  paths?: string[];
}

/** A valid `.shipshape.yaml`, as written (defaults are applied by `applyConfig`). */
export interface ShipshapeConfig {
  profile?: 'baseline' | 'restricted';
  rules?: Record<string, SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown> }>;
  trustedRegistries?: string[] | { registries: string[]; extendDefaults?: boolean };
  exemptions?: ConfigExemption[];
  ignorePaths?: string[];
  allowAnnotationExemptions?: boolean;
  allowInlineSuppressions?: boolean;
  schemaValidation?: boolean;
  helm?: { enabled?: boolean; valuesFiles?: string[]; kubeVersion?: string };
}

export interface ConfigProblem {
  /** One line, naming the key path, e.g. `exemptions[0]: an exemption needs a "reason"`. */
  message: string;
  /** Where in the config file. */
  span: Span;
}

export interface ParsedConfig {
  /** Present only when there are no problems: an invalid config is never half applied. */
  config?: ShipshapeConfig;
  problems: ConfigProblem[];
}

let validator: ValidateFunction | undefined;

function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    ajv.addVocabulary(['markdownDescription', 'defaultSnippets']);
    validator = ajv.compile(buildConfigSchema(ruleMetas()));
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

function nodeAt(doc: Document, segments: readonly string[]): { node?: Node; keySpan?: Span } {
  let node: unknown = doc.contents;
  let keySpan: Span | undefined;
  for (const s of segments) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === s);
      if (!pair) return { keySpan };
      keySpan = rangeOf(pair.key);
      node = pair.value;
    } else if (isSeq(node)) {
      node = node.items[Number(s)];
      keySpan = rangeOf(node);
    } else return { keySpan };
  }
  return { node: isNode(node) ? node : undefined, keySpan };
}

function rangeOf(node: unknown): Span | undefined {
  const r = isNode(node) ? node.range : undefined;
  // An empty value (`reason:` with nothing after it) has an empty range: callers fall back to the key.
  return r && r[1] > r[0] ? { start: r[0], end: r[1] } : undefined;
}

function keyOf(map: Node | undefined, key: string): Span | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
  return pair ? rangeOf(pair.key) : undefined;
}

/** One readable problem per ajv error that is worth showing. */
/** Most problems of one configuration file that are listed. */
const MAX_PROBLEMS = 50;

function describe(doc: Document, errors: ErrorObject[]): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const seen = new Set<string>();
  const { specific, anyOfPaths } = specificErrors(errors);
  for (const [index, e] of specific.entries()) {
    const segments = pointerSegments(e.instancePath);
    if (out.length === MAX_PROBLEMS) {
      // Each problem is located by walking the file: a config with 40,000 bad keys would take minutes.
      const at = nodeAt(doc, segments);
      const extra = e.keyword === 'additionalProperties' ? keyOf(at.node, String((e.params as { additionalProperty: string }).additionalProperty)) : undefined;
      const span = extra ?? at.keySpan ?? rangeOf(doc.contents) ?? { start: 0, end: 0 };
      out.push({ message: `${(specific.length - index).toLocaleString('en-US')} more problems are not listed: fix these first`, span });
      break;
    }
    const at = nodeAt(doc, segments);
    const where = (s: Span | undefined): Span => s ?? at.keySpan ?? rangeOf(doc.contents) ?? { start: 0, end: 0 };
    const span =
      e.keyword === 'additionalProperties'
        ? where(keyOf(at.node, String((e.params as { additionalProperty: string }).additionalProperty)))
        : e.keyword === 'required'
          ? where(at.keySpan ?? rangeOf(at.node))
          : where(rangeOf(at.node));
    const message = schemaErrorMessage(e, anyOfPaths, 'the file');
    const key = `${span.start}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ message, span });
  }
  return out;
}

/** Globs that cannot mean what their author wants (see globProblem). */
function globProblems(doc: Document, config: ShipshapeConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const check = (glob: string, segments: string[], kind: 'path' | 'name'): void => {
    const problem = globProblem(glob, kind);
    if (problem === undefined) return;
    const at = nodeAt(doc, segments);
    out.push({ message: `${displayPath(segments)}: the glob ${shortQuote(glob)} ${problem}`, span: rangeOf(at.node) ?? at.keySpan ?? { start: 0, end: 0 } });
  };
  config.ignorePaths?.forEach((g, i) => check(g, ['ignorePaths', String(i)], 'path'));
  config.exemptions?.forEach((e, i) => {
    for (const k of ['kind', 'name', 'namespace', 'container'] as const) if (e[k] !== undefined) check(e[k]!, ['exemptions', String(i), k], 'name');
    e.paths?.forEach((g, j) => check(g, ['exemptions', String(i), 'paths', String(j)], 'path'));
  });
  return out;
}

/** A value quoted for a one-line message, cut to 60 characters. */
function shortQuote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

/** The span of the first key that repeats an earlier scalar key of its map, if any (a walk with its own stack). */
function duplicateKey(doc: Document): Span | undefined {
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key)) {
          const name = `${typeof key.value}:${String(key.value)}`;
          if (seen.has(name) && key.range) return { start: key.range[0], end: key.range[1] };
          seen.add(name);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    }
  }
  return undefined;
}

/** Parse and validate the text of a `.shipshape.yaml`. */
export function parseConfig(text: string): ParsedConfig {
  try {
    // The library's duplicate-key check compares every pair of keys of a map: duplicateKey is linear.
    const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false });
    const duplicate = doc.errors.length === 0 ? duplicateKey(doc) : undefined;
    if (duplicate) return { problems: [{ message: 'Map keys must be unique', span: duplicate }] };
    if (doc.errors.length > 0) {
      return {
        problems: doc.errors.slice(0, 10).map((e) => {
          // An error at the end of the text (an unclosed quote) has its position there: keep the span inside the text.
          const start = Math.min(e.pos[0], text.length);
          return {
            message: yamlErrorMessage(e.message),
            span: { start, end: Math.min(Math.max(e.pos[1], start + 1), text.length) },
          };
        }),
      };
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
    const errors = validate(value);
    if (errors.length > 0) return { problems: describe(doc, errors) };
    const config = value as ShipshapeConfig;
    const problems = globProblems(doc, config);
    return problems.length > 0 ? { problems } : { config, problems: [] };
  } catch (e) {
    return { problems: [{ message: `cannot read the configuration: ${e instanceof Error ? e.message.split(/\r\n?|\n/)[0] : String(e)}`, span: { start: 0, end: Math.min(1, text.length) } }] };
  }
}

/** Problems of a config file as findings (rule `invalid-config`), for the editor. */
export function configFindings(text: string, settings: EngineSettings = DEFAULT_SETTINGS): Finding[] {
  const out: Finding[] = [];
  for (const p of parseConfig(text).problems) {
    const f = engineFinding(SYNTAX_RULES.invalidConfig.meta, settings, 'invalid', { message: p.message }, text, p.span.start, p.span.end);
    if (f) out.push(f);
  }
  return out;
}

export interface AppliedConfig {
  settings: EngineSettings;
  /** The file is under one of `ignorePaths`: not checked at all. */
  ignored: boolean;
}

/**
 * Settings for one file under a config: the config wins over `base` (editor
 * settings or CLI defaults) for everything it sets. `relPath` is the file's
 * path relative to the config file's folder, with `/` separators.
 */
export function applyConfig(base: EngineSettings, config: ShipshapeConfig, relPath: string): AppliedConfig {
  const ignored = config.ignorePaths !== undefined && config.ignorePaths.length > 0 && globMatcher(config.ignorePaths)(relPath);
  const rules: Record<string, SeveritySetting> = { ...base.rules };
  const ruleOptions: Record<string, Readonly<Record<string, unknown>>> = { ...base.ruleOptions };
  for (const [id, entry] of Object.entries(config.rules ?? {})) {
    if (typeof entry === 'string') rules[id] = entry;
    else {
      if (entry.severity !== undefined) rules[id] = entry.severity;
      if (entry.options !== undefined) ruleOptions[id] = entry.options;
    }
  }
  let trustedRegistries = base.trustedRegistries;
  const tr = config.trustedRegistries;
  if (Array.isArray(tr)) trustedRegistries = tr.map((x) => x.trim());
  else if (tr) trustedRegistries = [...(tr.extendDefaults === true ? DEFAULT_TRUSTED_REGISTRIES : []), ...tr.registries.map((x) => x.trim())];
  const exemptions: Exemption[] = [...base.exemptions];
  for (const e of config.exemptions ?? []) {
    if (e.paths && !globMatcher(e.paths)(relPath)) continue;
    const { paths: _paths, ...rest } = e;
    exemptions.push(rest);
  }
  return {
    ignored,
    settings: {
      profile: config.profile ?? base.profile,
      rules,
      ruleOptions,
      trustedRegistries,
      schemaValidation: config.schemaValidation ?? base.schemaValidation,
      allowAnnotationExemptions: config.allowAnnotationExemptions ?? base.allowAnnotationExemptions,
      allowInlineSuppressions: config.allowInlineSuppressions ?? base.allowInlineSuppressions,
      exemptions,
      fixDefaults: base.fixDefaults,
      // Key by key: a key the config file sets wins over the editor's, the others keep the editor's value.
      ...(config.helm ?? base.helm ? { helm: { ...base.helm, ...config.helm } } : {}),
    },
  };
}
