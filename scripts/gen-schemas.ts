/**
 * Generates the JSON Schemas of every built-in Kubernetes kind from the type
 * declarations of `kubernetes-models` (a devDependency; its .d.ts files are
 * generated from the Kubernetes OpenAPI document of the release in SOURCE) and
 * of `@kubernetes-models/apimachinery` (ObjectMeta, Quantity, ...), read with
 * the TypeScript compiler API (syntax only, no type checker).
 *
 * Output: schemas/kubernetes/bundle.json, one bundle with shared definitions
 * ("core.v1.Container", ...) and a `kinds` table keyed by apiVersion then kind
 * (the objects whose interface has literal `apiVersion` and `kind` fields).
 * The engine imports it, so it is bundled into dist/: nothing is read or
 * fetched at run time. To keep it small, descriptions are left out, aliases of
 * a primitive type (Time, IntOrString, Quantity, ...) are inlined, a kind's
 * `status` is not checked (see uncheckedStatus), and only definitions reachable
 * from a kind (or ObjectMeta) are kept.
 *
 *   npx tsx scripts/gen-schemas.ts           write the bundle
 *   npx tsx scripts/gen-schemas.ts --check   exit 1 if the committed bundle is stale
 *
 * Deterministic: files, definitions and properties are sorted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

type Json = Record<string, unknown>;

export interface SchemaBundle {
  /** Package and Kubernetes release the bundle was generated from. */
  source: string;
  /** apiVersion -> kind -> definition name. */
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, Json>;
}

const ROOT = path.resolve(__dirname, '..');
const NODE_MODULES = path.join(ROOT, 'node_modules');
export const OUTPUT = path.join(ROOT, 'schemas', 'kubernetes', 'bundle.json');

/**
 * The package the schemas come from and the Kubernetes release it was generated
 * from. kubernetes-models records the release only in its changelog (5.0.0:
 * "Update to Kubernetes v1.36.0"; 5.1.0 changed no schema), so the generator
 * refuses any other installed version: when upgrading, read the changelog and
 * update both numbers. Besides the release's own APIs, kubernetes-models keeps
 * the API versions that older releases served and later ones removed
 * (extensions/v1beta1, policy/v1beta1 PodSecurityPolicy, ...), each with its
 * last published schema.
 */
export const SOURCE = { package: 'kubernetes-models', version: '5.1.0', kubernetes: '1.36.0' } as const;

/** The package folders read, and how a file's folder becomes a definition-id prefix. */
const PACKAGES: { dir: string; module: (folder: string[]) => string }[] = [
  // v1/Pod.d.ts -> core.v1; apps/v1/Deployment.d.ts -> apps.v1; rbac.authorization.k8s.io/v1/Role.d.ts -> rbac.v1
  { dir: path.join(NODE_MODULES, SOURCE.package), module: (f) => (f.length === 1 ? `core.${f[0]}` : `${f[0]!.split('.')[0]}.${f.slice(1).join('.')}`) },
  // apis/meta/v1/ObjectMeta.d.ts -> meta.v1; api/resource/Quantity.d.ts -> api.resource
  { dir: path.join(NODE_MODULES, '@kubernetes-models', 'apimachinery'), module: (f) => (f[0] === 'apis' ? f.slice(1) : f).join('.') },
];
const APIMACHINERY_IMPORT = '@kubernetes-models/apimachinery/';

/** Definitions validated outside the `kinds` table (the metadata of custom resources). */
const EXTRA_ROOTS = ['meta.v1.ObjectMeta'];

/**
 * Fields newer than SOURCE.kubernetes, so valid manifests for a newer release
 * are not flagged as unknown fields. Each entry names the definition, the field
 * and its schema; new object types go in NEWER_DEFINITIONS. The generator fails
 * once the source has an entry itself (then remove it here).
 */
const NEWER_FIELDS: Record<string, Record<string, Json>> = {
  // Container cgroup mount options (in the Kubernetes documentation's examples, not in the 1.36 API).
  'core.v1.SecurityContext': { cgroupOptions: { $ref: '#/definitions/core.v1.CgroupOptions' } },
};

const NEWER_DEFINITIONS: Record<string, Json> = {
  'core.v1.CgroupOptions': { type: 'object', properties: { mountMode: { type: 'string' } }, additionalProperties: false },
};

function sortedObject<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
}

/** Adds NEWER_FIELDS and NEWER_DEFINITIONS; fails if the source already has one. */
function addNewerFields(definitions: Record<string, Json>): void {
  for (const [id, def] of Object.entries(NEWER_DEFINITIONS)) {
    if (definitions[id]) throw new Error(`${id} is in ${SOURCE.package} now: remove it from NEWER_DEFINITIONS`);
    definitions[id] = def;
  }
  for (const [id, fields] of Object.entries(NEWER_FIELDS)) {
    const d = definitions[id] as { properties?: Record<string, Json> } | undefined;
    if (!d?.properties) throw new Error(`NEWER_FIELDS: no object definition ${id}`);
    for (const name of Object.keys(fields)) if (name in d.properties) throw new Error(`${id}.${name} is in ${SOURCE.package} now: remove it from NEWER_FIELDS`);
    d.properties = sortedObject({ ...d.properties, ...fields });
  }
}

/** Fix-ups of the source's schemas. Each fails loudly when it no longer applies. */
function patchDefinitions(definitions: Record<string, Json>, kindIds: string[]): void {
  // CRD schemas may carry OpenAPI vendor extensions beyond the x-kubernetes-* fields the source lists.
  const props = definitions['apiextensions.v1.JSONSchemaProps'];
  if (!props) throw new Error('no apiextensions.v1.JSONSchemaProps');
  definitions['apiextensions.v1.JSONSchemaProps'] = { ...props, patternProperties: { '^x-': {} } };
  // The source makes `apiVersion` and `kind` required in every kind, and so in every object embedding one (the
  // items of a PodList). Only top-level objects are validated, and only when both are present: neither is required.
  for (const id of kindIds) {
    const d = definitions[id]!;
    const rest = ((d.required as string[] | undefined) ?? []).filter((r) => r !== 'apiVersion' && r !== 'kind');
    if (rest.length) d.required = rest;
    else delete d.required;
  }
}

function listDts(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('_') && entry.name !== 'node_modules') out.push(...listDts(path.join(dir, entry.name), rel));
    } else if (entry.name.endsWith('.d.ts') && entry.name !== 'index.d.ts' && base) out.push(rel);
  }
  return out;
}

/** One .d.ts file of the source: its definition id and syntax tree. */
interface SourceFile {
  id: string;
  file: string;
  sf: ts.SourceFile;
}

function readSources(): SourceFile[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(PACKAGES[0]!.dir, 'package.json'), 'utf8')) as { version: string };
  if (pkg.version !== SOURCE.version) {
    throw new Error(`${SOURCE.package}@${pkg.version} is installed, the generator expects ${SOURCE.version}: check which Kubernetes release it is generated from and update SOURCE`);
  }
  const out: SourceFile[] = [];
  const seen = new Map<string, string>();
  for (const { dir, module } of PACKAGES) {
    for (const rel of listDts(dir)) {
      const parts = rel.replace(/\.d\.ts$/, '').split('/');
      const id = `${module(parts.slice(0, -1))}.${parts[parts.length - 1]}`;
      const file = path.join(dir, rel);
      if (seen.has(id)) throw new Error(`definition id ${id} of ${file} is also that of ${seen.get(id)}`);
      seen.set(id, file);
      out.push({ id, file, sf: ts.createSourceFile(rel, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true) });
    }
  }
  return out;
}

/** Converts one file's declaration (interface `I<Name>` or type alias) to a JSON Schema. */
function convertFile({ id, file, sf }: SourceFile, idOfFile: Map<string, string>): { schema: Json; apiVersion?: string; kind?: string } {
  // Names in scope -> definition ids: the file's own declarations and its imports.
  const scope = new Map<string, string>();
  let decl: ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined;
  for (const st of sf.statements) {
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name.text.startsWith('I')) {
      decl ??= st;
      scope.set(st.name.text, id);
    } else if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      const spec = st.moduleSpecifier.text;
      let target: string | undefined;
      if (spec.startsWith('.')) target = path.resolve(path.dirname(file), spec.replace(/\.js$/, '.d.ts'));
      else if (spec.startsWith(APIMACHINERY_IMPORT)) target = path.join(PACKAGES[1]!.dir, `${spec.slice(APIMACHINERY_IMPORT.length)}.d.ts`);
      if (!target) continue; // @kubernetes-models/base: Model, ModelData, TypeMeta
      const targetId = idOfFile.get(target);
      if (!targetId) throw new Error(`${file}: import of ${spec} names no definition`);
      for (const el of st.importClause.namedBindings.elements) scope.set(el.name.text, targetId);
    }
  }
  if (!decl) throw new Error(`${file}: no interface or type alias`);

  const convert = (node: ts.TypeNode): Json => {
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { type: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { type: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { type: 'boolean' };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
      case ts.SyntaxKind.ObjectKeyword:
        return {};
    }
    if (ts.isParenthesizedTypeNode(node)) return convert(node.type);
    if (ts.isLiteralTypeNode(node)) {
      // Enums (`"Always" | "Never"`) are checked as strings: the OpenAPI enums are informative, not a validation rule.
      if (ts.isStringLiteral(node.literal)) return { type: 'string' };
      if (ts.isNumericLiteral(node.literal)) return { type: 'number' };
      if (node.literal.kind === ts.SyntaxKind.TrueKeyword || node.literal.kind === ts.SyntaxKind.FalseKeyword) return { type: 'boolean' };
      return {};
    }
    if (ts.isArrayTypeNode(node)) return { type: 'array', items: convert(node.elementType) };
    if (ts.isTypeReferenceNode(node)) {
      const name = node.typeName.getText(sf);
      if ((name === 'Array' || name === 'ReadonlyArray') && node.typeArguments?.[0]) return { type: 'array', items: convert(node.typeArguments[0]) };
      if (name === 'Record' && node.typeArguments?.[1]) return { type: 'object', additionalProperties: convert(node.typeArguments[1]) };
      const ref = scope.get(name);
      if (!ref) throw new Error(`${file}: unresolved type ${name}`);
      return { $ref: `#/definitions/${ref}` };
    }
    if (ts.isUnionTypeNode(node)) {
      const parts = node.types.map(convert);
      // `number | string` (IntOrString, Quantity), enums and other unions of primitive types: a type list.
      if (parts.every((p) => Object.keys(p).length === 1 && typeof p.type === 'string')) {
        const types = [...new Set(parts.map((p) => p.type as string))].sort();
        return { type: types.length === 1 ? types[0] : types };
      }
      return { anyOf: parts };
    }
    if (ts.isTypeLiteralNode(node)) return objectSchema(node.members);
    throw new Error(`${file}: unsupported type node ${ts.SyntaxKind[node.kind]} (${node.getText(sf)})`);
  };

  const objectSchema = (members: ts.NodeArray<ts.TypeElement>): Json => {
    const properties: Record<string, Json> = {};
    const required: string[] = [];
    let additional: Json | undefined;
    for (const m of members) {
      if (ts.isPropertySignature(m) && m.type) {
        const name = ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText(sf);
        properties[name] = convert(m.type);
        if (!m.questionToken) required.push(name);
      } else if (ts.isIndexSignatureDeclaration(m) && m.type) {
        additional = convert(m.type);
      }
    }
    // An interface with no members (RawExtension, FieldsV1, apiextensions JSON) holds any JSON value.
    if (Object.keys(properties).length === 0 && !additional) return {};
    const schema: Json = { type: 'object' };
    if (Object.keys(properties).length) schema.properties = sortedObject(properties);
    if (required.length) schema.required = required.sort();
    schema.additionalProperties = additional ?? false;
    return schema;
  };

  if (ts.isTypeAliasDeclaration(decl)) return { schema: convert(decl.type) };
  const literal = (field: string): string | undefined => {
    for (const m of decl.members) {
      if (ts.isPropertySignature(m) && (ts.isStringLiteral(m.name) || ts.isIdentifier(m.name)) && m.name.text === field && m.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal)) return m.type.literal.text;
    }
    return undefined;
  };
  return { schema: objectSchema(decl.members), apiVersion: literal('apiVersion'), kind: literal('kind') };
}

/**
 * The `status` of a kind holds any value. Controllers write it, manifests do not: apply ignores it, and a status
 * copied from `kubectl get -o yaml` of a newer cluster would otherwise get unknown-field errors. Leaving the status
 * types out also makes the bundle about a fifth smaller.
 */
function uncheckedStatus(definitions: Record<string, Json>, kindIds: string[]): void {
  for (const id of kindIds) {
    const properties = definitions[id]!.properties as Record<string, Json> | undefined;
    if (properties?.status) properties.status = {};
  }
}

/** Replaces references to definitions that are only a type (`Time` is a string) by that type. */
function inlineTrivial(definitions: Record<string, Json>): void {
  const trivial = new Map<string, Json>();
  for (const [id, d] of Object.entries(definitions)) {
    if (Object.keys(d).every((k) => k === 'type')) trivial.set(`#/definitions/${id}`, d);
  }
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const ref = (node as Json).$ref;
    if (typeof ref === 'string' && trivial.has(ref)) return trivial.get(ref);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
  };
  for (const id of Object.keys(definitions)) definitions[id] = walk(definitions[id]) as Json;
}

/** Keeps only the definitions reachable from `roots`. */
function reachable(definitions: Record<string, Json>, roots: string[]): Record<string, Json> {
  const keep = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') {
          const id = v.replace('#/definitions/', '');
          if (!definitions[id]) throw new Error(`dangling reference ${v}`);
          if (!keep.has(id)) {
            keep.add(id);
            visit(definitions[id]);
          }
        } else visit(v);
      }
    }
  };
  visit(roots.map((id) => ({ $ref: `#/definitions/${id}` })));
  return Object.fromEntries([...keep].map((id) => [id, definitions[id]!]));
}

export function generate(): SchemaBundle {
  const sources = readSources();
  const idOfFile = new Map(sources.map((s) => [s.file, s.id]));
  let definitions: Record<string, Json> = {};
  const kinds: Record<string, Record<string, string>> = {};
  for (const source of sources) {
    const { schema, apiVersion, kind } = convertFile(source, idOfFile);
    definitions[source.id] = schema;
    if (apiVersion && kind) {
      const byKind = (kinds[apiVersion] ??= {});
      if (byKind[kind]) throw new Error(`${apiVersion} ${kind}: both ${byKind[kind]} and ${source.id}`);
      byKind[kind] = source.id;
    }
  }
  const kindIds = Object.values(kinds).flatMap((k) => Object.values(k));
  patchDefinitions(definitions, kindIds);
  addNewerFields(definitions);
  uncheckedStatus(definitions, kindIds);
  inlineTrivial(definitions);
  definitions = reachable(definitions, [...kindIds, ...EXTRA_ROOTS]);
  return {
    source: `${SOURCE.package}@${SOURCE.version} (Kubernetes ${SOURCE.kubernetes}) with NEWER_FIELDS`,
    kinds: sortedObject(Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, sortedObject(v)]))),
    definitions: sortedObject(definitions),
  };
}

export function serialise(bundle: SchemaBundle): string {
  return JSON.stringify(bundle) + '\n';
}

/** Runs the generator as `npm run schemas [-- --check]`; returns the exit status. */
export function main(argv: string[], output = OUTPUT, log: (line: string) => void = console.log, error: (line: string) => void = console.error): number {
  const out = serialise(generate());
  const shown = path.relative(ROOT, output);
  if (argv.includes('--check')) {
    const current = fs.existsSync(output) ? fs.readFileSync(output, 'utf8') : '';
    if (current !== out) {
      error(`${shown} is out of date: run \`npm run schemas\`.`);
      return 1;
    }
    log(`${shown} is up to date.`);
    return 0;
  }
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, out);
  const b = JSON.parse(out) as SchemaBundle;
  const n = Object.values(b.kinds).reduce((s, k) => s + Object.keys(k).length, 0);
  log(`Wrote ${shown}: ${n} kinds, ${Object.keys(b.definitions).length} definitions, ${out.length} bytes.`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
