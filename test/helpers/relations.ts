// Linting a fixture project of test/fixtures/project/relations/ for the relation rules' tests.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DEFAULT_SETTINGS, fileKindOf, lintText, type Finding } from '../../server/src/engine';
import { lintProject } from '../../server/src/engine/project/lint-project';
import type { Span } from '../../server/src/engine/types';
import { LineIndex } from '../../server/src/engine/text';
import { diskHost } from './kustomize-host';

const FIXTURES = join(__dirname, '..', 'fixtures', 'project', 'relations');

/** The Dockerfiles under `dir`, recursively, sorted (a scan lints them with the YAML files: the images the project builds). */
function dockerfilesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => fileKindOf(p) === 'dockerfile').sort().map((p) => join(dir, p));
}

/** The YAML files under `dir`, recursively, in name order. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

export interface LintedFixture {
  path(rel: string): string;
  findings(file: string): readonly Finding[];
  /** `rule@line` (1-based) of a file's findings. */
  at(file: string): string[];
  line(file: string, span: Span): number;
  slice(file: string, span: Span): string;
  /** `rule@line` of the file linted alone (no project). */
  alone(file: string): string[];
}

export function lintFixture(dir: string): LintedFixture {
  const root = join(FIXTURES, dir);
  const host = diskHost();
  const result = lintProject(host, [...yamlFiles(root), ...dockerfilesIn(root)], { settingsFor: () => DEFAULT_SETTINGS, root });
  const text = (file: string) => host.readFile(file) ?? '';
  const line = (file: string, span: Span) => new LineIndex(text(file)).position(span.start).line + 1;
  const tag = (file: string, list: readonly Finding[]) => list.map((f) => `${f.ruleId}@${line(file, f.span)}`);
  return {
    path: (rel) => join(root, rel),
    findings: (file) => result.files.get(file) ?? [],
    at: (file) => tag(file, result.files.get(file) ?? []),
    line,
    slice: (file, span) => text(file).slice(span.start, span.end),
    alone: (file) => tag(file, lintText(text(file), 'yaml', { settings: DEFAULT_SETTINGS })),
  };
}

/** A finding's related places as `file@line` (files relative to the fixture; the finding's own file as `.`). */
export function relatedAt(p: LintedFixture, file: string, f: Finding): string[] {
  return (f.related ?? []).map((r) => `${r.file === undefined ? '.' : relative(p.path('.'), r.file).split(sep).join('/')}@${p.line(r.file ?? file, r.span)}`);
}

/** The `rule@line` entries of the given rules. */
export function only(tags: readonly string[], rules: readonly string[]): string[] {
  return tags.filter((t) => rules.includes(t.slice(0, t.indexOf('@'))));
}
