/**
 * Generates JSON Schemas for every built-in Kubernetes kind from the type
 * definitions of `kubernetes-types` (node_modules/kubernetes-types/**\/*.d.ts),
 * read with the TypeScript compiler API (syntax only, no type checker).
 *
 * Output: schemas/kubernetes/bundle.json, one bundle with shared definitions
 * ("core.v1.Container", ...) and a `kinds` table keyed by apiVersion then kind
 * (the objects whose interface has literal `apiVersion` and `kind` fields).
 * Descriptions are left out to keep the bundle (and dist/) small.
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
  /** kubernetes-types version the bundle was generated from. */
  source: string;
  /** apiVersion -> kind -> definition name. */
  kinds: Record<string, Record<string, string>>;
  definitions: Record<string, Json>;
}

const ROOT = path.resolve(__dirname, '..');
export const TYPES_DIR = path.join(ROOT, 'node_modules', 'kubernetes-types');
export const OUTPUT = path.join(ROOT, 'schemas', 'kubernetes', 'bundle.json');

/** Aliases whose wire form is wider than their TypeScript type. */
const SPECIAL: Record<string, Json> = {
  // Quantity is `string` in kubernetes-types, but `cpu: 1` and `memory: 1e9` are valid YAML quantities.
  'api.resource.Quantity': { type: ['string', 'number'] },
};

/**
 * Fields Kubernetes added after the kubernetes-types release we generate from
 * (1.30, the newest on npm). Without them, valid manifests for 1.31+ would get
 * schema-unknown-field errors. Each entry names the definition, the field and
 * its schema; new object types go in NEWER_DEFINITIONS. Sources: the
 * Kubernetes API reference of the release that added each field.
 */
const NEWER_FIELDS: Record<string, Record<string, Json>> = {
  // 1.31 (beta 1.33): supplementalGroupsPolicy; 1.32 (beta 1.33): seLinuxChangePolicy.
  'core.v1.PodSecurityContext': { seLinuxChangePolicy: { type: 'string' }, supplementalGroupsPolicy: { type: 'string' } },
  // 1.32 pod-level resources (beta 1.34); 1.34 hostnameOverride.
  'core.v1.PodSpec': { hostnameOverride: { type: 'string' }, resources: { $ref: '#/definitions/core.v1.ResourceRequirements' } },
  // 1.31 image volumes.
  'core.v1.Volume': { image: { $ref: '#/definitions/core.v1.ImageVolumeSource' } },
  // 1.33 container stop signals.
  'core.v1.Lifecycle': { stopSignal: { type: 'string' } },
  // 1.34 container restart rules.
  'core.v1.Container': { restartPolicyRules: { type: 'array', items: { $ref: '#/definitions/core.v1.ContainerRestartRule' } } },
  // 1.34 pod certificates.
  'core.v1.VolumeProjection': { podCertificate: { $ref: '#/definitions/core.v1.PodCertificateProjection' } },
  // 1.34 environment variables from files.
  'core.v1.EnvVarSource': { fileKeyRef: { $ref: '#/definitions/core.v1.FileKeySelector' } },
  // 1.35 cgroup mount options.
  'core.v1.SecurityContext': { cgroupOptions: { $ref: '#/definitions/core.v1.CgroupOptions' } },
};

const NEWER_DEFINITIONS: Record<string, Json> = {
  'core.v1.CgroupOptions': { type: 'object', properties: { mountMode: { type: 'string' } }, additionalProperties: false },
  'core.v1.ContainerRestartRule': {
    type: 'object',
    properties: { action: { type: 'string' }, exitCodes: { $ref: '#/definitions/core.v1.ContainerRestartRuleOnExitCodes' } },
    required: ['action'],
    additionalProperties: false,
  },
  'core.v1.ContainerRestartRuleOnExitCodes': {
    type: 'object',
    properties: { operator: { type: 'string' }, values: { type: 'array', items: { type: 'number' } } },
    required: ['operator'],
    additionalProperties: false,
  },
  'core.v1.FileKeySelector': {
    type: 'object',
    properties: { key: { type: 'string' }, optional: { type: 'boolean' }, path: { type: 'string' }, volumeName: { type: 'string' } },
    required: ['key', 'path', 'volumeName'],
    additionalProperties: false,
  },
  'core.v1.ImageVolumeSource': { type: 'object', properties: { pullPolicy: { type: 'string' }, reference: { type: 'string' } }, additionalProperties: false },
  'core.v1.PodCertificateProjection': {
    type: 'object',
    properties: {
      certificateChainPath: { type: 'string' },
      credentialBundlePath: { type: 'string' },
      keyPath: { type: 'string' },
      keyType: { type: 'string' },
      maxExpirationSeconds: { type: 'number' },
      signerName: { type: 'string' },
      userAnnotations: { type: 'object', additionalProperties: { type: 'string' } },
    },
    required: ['keyType', 'signerName'],
    additionalProperties: false,
  },
};

/** Adds NEWER_FIELDS and NEWER_DEFINITIONS; fails if kubernetes-types already has one (then it should go). */
function addNewerFields(definitions: Record<string, Json>): void {
  for (const [id, def] of Object.entries(NEWER_DEFINITIONS)) {
    if (definitions[id]) throw new Error(`${id} is in kubernetes-types now: remove it from NEWER_DEFINITIONS`);
    definitions[id] = def;
  }
  for (const [id, fields] of Object.entries(NEWER_FIELDS)) {
    const d = definitions[id] as { properties?: Record<string, Json> } | undefined;
    if (!d?.properties) throw new Error(`NEWER_FIELDS: no object definition ${id}`);
    for (const name of Object.keys(fields)) if (name in d.properties) throw new Error(`${id}.${name} is in kubernetes-types now: remove it from NEWER_FIELDS`);
    d.properties = Object.fromEntries(Object.entries({ ...d.properties, ...fields }).sort(([x], [y]) => (x < y ? -1 : 1)));
  }
}

function listDts(dir: string, base = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = base ? `${base}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listDts(path.join(dir, entry.name), rel));
    else if (entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** `core/v1.d.ts` -> `core.v1` */
function moduleId(rel: string): string {
  return rel.replace(/\.d\.ts$/, '').split('/').join('.');
}

export function generate(typesDir = TYPES_DIR): SchemaBundle {
  const definitions: Record<string, Json> = {};
  const kinds: Record<string, Record<string, string>> = {};
  const files = listDts(typesDir);

  for (const rel of files) {
    const mod = moduleId(rel);
    const text = fs.readFileSync(path.join(typesDir, rel), 'utf8');
    const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.ES2022, true);
    // Name -> definition id for this file's own and imported names.
    const scope = new Map<string, string>();
    for (const st of sf.statements) {
      if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name) scope.set(st.name.text, `${mod}.${st.name.text}`);
      if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
        const target = path.posix.join(path.posix.dirname(rel), st.moduleSpecifier.text);
        const targetMod = target.split('/').join('.');
        for (const el of st.importClause.namedBindings.elements) scope.set(el.name.text, `${targetMod}.${(el.propertyName ?? el.name).text}`);
      }
    }

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
        const id = scope.get(name);
        if (!id) throw new Error(`${rel}: unresolved type ${name}`);
        return { $ref: `#/definitions/${id}` };
      }
      if (ts.isUnionTypeNode(node)) {
        const parts = node.types.map(convert);
        // `number | string` (IntOrString) and other unions of primitive types: a type list.
        if (parts.every((p) => Object.keys(p).length === 1 && typeof p.type === 'string')) {
          const types = [...new Set(parts.map((p) => p.type as string))].sort();
          return { type: types.length === 1 ? types[0] : types };
        }
        return { anyOf: parts };
      }
      if (ts.isTypeLiteralNode(node)) return objectSchema(node.members);
      throw new Error(`${rel}: unsupported type node ${ts.SyntaxKind[node.kind]} (${node.getText(sf)})`);
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
      // An interface with no members (RawExtension, apiextensions JSON) holds any JSON value.
      if (Object.keys(properties).length === 0 && !additional) return {};
      const schema: Json = { type: 'object' };
      const names = Object.keys(properties).sort();
      if (names.length) schema.properties = Object.fromEntries(names.map((n) => [n, properties[n]]));
      if (required.length) schema.required = required.sort();
      schema.additionalProperties = additional ?? false;
      return schema;
    };

    for (const st of sf.statements) {
      if (ts.isInterfaceDeclaration(st)) {
        const id = `${mod}.${st.name.text}`;
        definitions[id] = SPECIAL[id] ?? objectSchema(st.members);
        // kubernetes-types drops the fields of the inlined Go struct `Rule` (resources, scope) from (Named)RuleWithOperations.
        if (/^admissionregistration\.\w+\.(Named)?RuleWithOperations$/.test(id)) {
          const d = definitions[id] as { properties?: Record<string, Json> };
          d.properties = Object.fromEntries(
            Object.entries({ ...d.properties, resources: { type: 'array', items: { type: 'string' } }, scope: { type: 'string' } }).sort(([x], [y]) => (x < y ? -1 : 1)),
          );
        }
        // OpenAPI vendor extensions newer than kubernetes-types (x-kubernetes-list-type, x-kubernetes-map-type, ...).
        if (id === 'apiextensions.v1.JSONSchemaProps') definitions[id] = { ...definitions[id], patternProperties: { '^x-': {} } };
        const literal = (field: string): string | undefined => {
          for (const m of st.members) {
            if (ts.isPropertySignature(m) && ts.isIdentifier(m.name) && m.name.text === field && m.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal)) return m.type.literal.text;
          }
          return undefined;
        };
        const apiVersion = literal('apiVersion');
        const kind = literal('kind');
        if (apiVersion && kind) (kinds[apiVersion] ??= {})[kind] = id;
      } else if (ts.isTypeAliasDeclaration(st)) {
        const id = `${mod}.${st.name.text}`;
        definitions[id] = SPECIAL[id] ?? convert(st.type);
      }
    }
  }

  addNewerFields(definitions);
  const version = (JSON.parse(fs.readFileSync(path.join(typesDir, 'package.json'), 'utf8')) as { version: string }).version;
  const sortKeys = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]!]));
  return {
    source: `kubernetes-types@${version} with fields added in Kubernetes 1.31-1.35 (NEWER_FIELDS)`,
    kinds: sortKeys(Object.fromEntries(Object.entries(kinds).map(([k, v]) => [k, sortKeys(v)]))),
    definitions: sortKeys(definitions),
  };
}

export function serialise(bundle: SchemaBundle): string {
  return JSON.stringify(bundle) + '\n';
}

if (require.main === module) {
  const out = serialise(generate());
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, 'utf8') : '';
    if (current !== out) {
      console.error(`${path.relative(ROOT, OUTPUT)} is out of date: run \`npm run schemas\`.`);
      process.exit(1);
    }
    console.log(`${path.relative(ROOT, OUTPUT)} is up to date.`);
  } else {
    fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
    fs.writeFileSync(OUTPUT, out);
    const b = JSON.parse(out) as SchemaBundle;
    const n = Object.values(b.kinds).reduce((s, k) => s + Object.keys(k).length, 0);
    console.log(`Wrote ${path.relative(ROOT, OUTPUT)}: ${n} kinds, ${Object.keys(b.definitions).length} definitions, ${out.length} bytes.`);
  }
}
