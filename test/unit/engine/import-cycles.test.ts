// The engine's modules form no import cycle (issue 17: config/settings -> rule-options -> rules/index ->
// every rule -> rule.ts -> settings was one). Imports are read with the TypeScript parser; an edge is
// "type" when the import or export brings in types only (erased at run time).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ENGINE = resolve(__dirname, '..', '..', '..', 'server', 'src', 'engine');

interface Edge {
  to: string;
  typeOnly: boolean;
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

function typeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (!clause) return false; // import './x' runs x
    if (clause.isTypeOnly) return true;
    const named = clause.namedBindings;
    return !clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
  }
  if (node.isTypeOnly) return true;
  const named = node.exportClause;
  return !!named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
}

/** The relative imports of a module inside `root`, resolved to files. */
function edges(file: string, text: string): Edge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out: Edge[] = [];
  for (const node of source.statements) {
    if (!(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) || !node.moduleSpecifier || !ts.isStringLiteral(node.moduleSpecifier)) continue;
    const spec = node.moduleSpecifier.text;
    if (!spec.startsWith('.')) continue;
    const base = resolve(dirname(file), spec);
    const to = [`${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (to) out.push({ to, typeOnly: typeOnly(node) });
  }
  return out;
}

/** Strongly connected components of more than one module (or a module importing itself). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.map((f) => relative(ENGINE, f)).sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

function graphOf(sources: Map<string, string>, withTypes: boolean): Map<string, string[]> {
  return new Map([...sources].map(([f, text]) => [f, edges(f, text).filter((e) => withTypes || !e.typeOnly).map((e) => e.to)]));
}

const sources = new Map(files(ENGINE).map((f) => [f, readFileSync(f, 'utf8')]));

test('no import cycle among the engine modules at run time', () => {
  assert.deepEqual(cycles(graphOf(sources, false)), []);
});

test('counting type imports, only the known pairs of type-only mutual references remain', () => {
  // Each side names the other's types only; neither loads the other. Do not add to this list.
  assert.deepEqual(cycles(graphOf(sources, true)), [
    ['lint-dockerfile.ts', 'lint.ts'],
    ['views/resource.ts', 'views/values.ts'],
  ]);
});

test('the cycle of issue 17 stays broken: rule.ts does not reach config/settings.ts', () => {
  const graph = graphOf(sources, true);
  const seen = new Set<string>();
  const walk = (f: string): void => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const t of graph.get(f) ?? []) walk(t);
  };
  walk(join(ENGINE, 'rule.ts'));
  assert.ok(!seen.has(join(ENGINE, 'config', 'settings.ts')), [...seen].map((f) => relative(ENGINE, f)).join(', '));
});

test('the cycle finder finds a cycle, through type imports only when asked', () => {
  const a = join(ENGINE, 'a.ts');
  const b = join(ENGINE, 'b.ts');
  const c = join(ENGINE, 'c.ts');
  const g = new Map([
    [a, [b]],
    [b, [c]],
    [c, [a]],
  ]);
  assert.deepEqual(cycles(g), [['a.ts', 'b.ts', 'c.ts']]);
  const types = new Map([[join(ENGINE, 'rule.ts'), `import type { X } from './types';\nimport { type Y, type Z } from './text';\nimport { q } from './lint';\nexport type { W } from './run-rule';\nimport './suggest';\n`]]);
  assert.deepEqual(edges(join(ENGINE, 'rule.ts'), types.get(join(ENGINE, 'rule.ts'))!).map((e) => [relative(ENGINE, e.to), e.typeOnly]), [
    ['types.ts', true],
    ['text.ts', true],
    ['lint.ts', false],
    ['run-rule.ts', true],
    ['suggest.ts', false],
  ]);
});
