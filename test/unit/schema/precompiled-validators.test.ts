// The validators compiled at build time (scripts/gen-validators.mjs -> dist/kube-validators.js) report exactly what
// the engine's runtime-compiled ajv validators report: for every definition they export (every kind of the schema
// bundle, and ObjectMeta), on a generated valid object and on mutations of it (a wrong type at each path, unknown
// fields, missing required fields, null, Infinity and NaN). The engine takes either, so they must not differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { ValidateFunction } from 'ajv';
import { compileValidator, usePrecompiledValidators, type PrecompiledValidators } from '../../../server/src/engine/schema/validate';
import { lintText } from '../../../server/src/engine';

const ROOT = path.resolve(__dirname, '..', '..', '..');

type Schema = { $ref?: string; type?: string | string[]; properties?: Record<string, Schema>; additionalProperties?: boolean | Schema; items?: Schema; required?: string[]; anyOf?: Schema[] };
const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/kubernetes/bundle.json'), 'utf8')) as { kinds: Record<string, Record<string, string>>; definitions: Record<string, Schema> };

async function generated(): Promise<{ validators: PrecompiledValidators; definitions: string[] }> {
  const gen = (await import(pathToFileURL(path.join(ROOT, 'scripts/gen-validators.mjs')).href)) as { generateValidators(): string; exportedDefinitions(b: unknown): string[] };
  const file = gen.generateValidators();
  return { validators: createRequire(file)(file) as PrecompiledValidators, definitions: gen.exportedDefinitions(bundle) };
}

function deref(s: Schema): Schema {
  let cur = s;
  for (let i = 0; i < 8 && cur.$ref; i++) cur = bundle.definitions[cur.$ref.replace('#/definitions/', '')] ?? {};
  return cur;
}

/** A value the schema accepts: every property down to depth 3, then only the required ones. */
function sample(schema: Schema, depth: number): unknown {
  const s = deref(schema.anyOf?.[0] ?? schema);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties ?? {})) if (depth < 3 || s.required?.includes(k)) out[k] = sample(p, depth + 1);
      if (!s.properties && typeof s.additionalProperties === 'object') out.key = sample(s.additionalProperties, depth + 1);
      return out;
    }
    case 'array':
      return s.items ? [sample(s.items, depth + 1)] : [];
    case 'string':
      return 'x';
    case 'integer':
      return 3;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    default:
      return 'anything';
  }
}

type Path = (string | number)[];
function paths(value: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...at, k], out);
  return out;
}

function mutate(value: unknown, at: Path, f: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  const copy = structuredClone(value);
  if (at.length === 0) return copy;
  let parent = copy as Record<string | number, unknown>;
  for (const seg of at.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
  f(parent, at[at.length - 1]!);
  return copy;
}

const WRONG: unknown[] = ['a string', 7, 2.5, false, null, {}, [], { unexpected: 1 }, [1, 'two'], Infinity, NaN];

/** The valid sample and its mutations (deterministic; at most ~60 paths per definition). */
function objects(definition: string): unknown[] {
  const valid = sample({ $ref: `#/definitions/${definition}` }, 0);
  const all = paths(valid);
  const step = Math.max(1, Math.floor(all.length / 60));
  const out: unknown[] = [valid, 'not an object', null, [], {}];
  all.forEach((p, i) => {
    if (i % step !== 0) return;
    out.push(mutate(valid, p, (parent, key) => (parent[key] = WRONG[i % WRONG.length])));
    out.push(mutate(valid, p, (parent, key) => delete parent[key]));
    out.push(mutate(valid, p, (parent, key) => {
      const v = parent[key];
      if (v && typeof v === 'object' && !Array.isArray(v)) (v as Record<string, unknown>).runAsUsr = 1000;
      else parent[key] = { $patch: 'delete', nested: [null, { x: NaN }] };
    }));
  });
  return out;
}

test('the build-time validators report the same errors as runtime-compiled ajv, for every kind of the bundle', async () => {
  const { validators, definitions } = await generated();
  assert.ok(definitions.length > 200 && definitions.includes('apps.v1.Deployment') && definitions.includes('meta.v1.ObjectMeta'));
  let checked = 0;
  let invalid = 0;
  for (const definition of definitions) {
    const aot = validators[definition];
    const runtime = compileValidator(definition);
    assert.ok(aot && runtime, definition);
    for (const value of objects(definition)) {
      const a: boolean = aot(value) as boolean;
      const r: boolean = runtime(value) as boolean;
      assert.equal(a, r, `${definition}: ${JSON.stringify(value)}`);
      assert.deepStrictEqual(aot.errors ?? null, runtime.errors ?? null, definition);
      checked++;
      if (!r) invalid++;
    }
  }
  // Both kinds of input were there: a test whose objects were all valid (or all invalid) would prove little.
  assert.ok(checked > 10_000 && invalid > checked / 2 && invalid < checked, `${checked} objects, ${invalid} invalid`);
});

test('the engine uses the validators it is handed, loads them on the first schema check, and compiles when they are missing', async () => {
  const { validators } = await generated();
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: many\n  selector: {}\n  template:\n    spec:\n      containers:\n        - name: app\n          image: nginx:1.25\n          securityContext:\n            runAsUsr: 1000\n';
  const schemaFindings = () =>
    lintText(text, 'yaml')
      .filter((f) => f.ruleId.startsWith('schema'))
      .map((f) => `${f.ruleId} ${f.span.start} ${f.message}`);
  let loads = 0;
  const seen: string[] = [];
  usePrecompiledValidators(() => {
    loads++;
    return new Proxy(validators, { get: (t, k: string) => (seen.push(k), t[k]) }) as PrecompiledValidators;
  });
  assert.equal(loads, 0, 'not loaded before a schema check');
  const aot = schemaFindings();
  assert.equal(loads, 1);
  assert.ok(seen.includes('apps.v1.Deployment'));
  usePrecompiledValidators(() => undefined);
  const runtime = schemaFindings();
  assert.ok(aot.length >= 2, aot.join('\n'));
  assert.deepEqual(aot, runtime);
  // A module lacking a definition: that one is compiled.
  usePrecompiledValidators(() => ({}) as Record<string, ValidateFunction>);
  assert.deepEqual(schemaFindings(), runtime);
});
