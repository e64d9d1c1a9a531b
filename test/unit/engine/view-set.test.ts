// One view set per document (issue 17): the views are built once per linted object, handed to every rule through
// visitors, and dropped with the document; no module-level caches of documents or nodes; one suppress() for all formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { lintText, RULES, type Rule } from '../../../server/src/engine';
import type { RuleVisitors } from '../../../server/src/engine/rule';
import { dedent } from '../../helpers/rule-tester';

const ENGINE = join(__dirname, '..', '..', '..', 'server', 'src', 'engine');

const ROLE = dedent(`
  apiVersion: rbac.authorization.k8s.io/v1
  kind: ClusterRole
  metadata:
    name: reader
  rules:
    - apiGroups: [""]
      resources: [secrets]
      verbs: [get]
`);

const MANY = [
  ROLE,
  'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  kind: Role\n  name: r\nsubjects:\n  - kind: User\n    name: u\n',
  'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n',
  'apiVersion: v1\nkind: Config\nclusters:\n  - name: c\n    cluster:\n      server: https://example.com\n',
  'apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata:\n  name: p\nspec:\n  privileged: true\n',
  'apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  name: s\n',
  'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: a\n      image: nginx:1.27\n',
].join('---\n');

/** A rule that records what its visitors are given (no reports). */
function recorder(id: string, seen: Array<[string, unknown]>, names: readonly (keyof RuleVisitors)[]): Rule {
  return {
    meta: { id, title: id, description: id, defaultSeverity: 'warning', category: 'hardening', messages: {}, references: {} },
    create: () => Object.fromEntries(names.map((n) => [n, (view: unknown) => void seen.push([n, view])])) as RuleVisitors,
  };
}

const lintWith = (text: string, rules: Rule[]): void => void lintText(text, 'yaml', { rules: [...RULES, ...rules] });

test('each view visitor gets the objects of its kind only, once per object', () => {
  const seen: Array<[string, unknown]> = [];
  lintWith(MANY, [recorder('test-views', seen, ['role', 'binding', 'serviceAccount', 'kubeconfig', 'psp', 'scc', 'podSpec'])]);
  assert.deepEqual(
    seen.map(([name]) => name),
    ['role', 'binding', 'serviceAccount', 'kubeconfig', 'psp', 'scc', 'podSpec'],
  );
});

test('the rules of one document share its views; the next lint builds new ones (nothing kept between lints)', () => {
  const a: Array<[string, unknown]> = [];
  const b: Array<[string, unknown]> = [];
  const rules = [recorder('test-a', a, ['role']), recorder('test-b', b, ['role'])];
  lintWith(ROLE, rules);
  assert.equal(a.length, 1);
  assert.equal(a[0]![1], b[0]![1], 'one RoleView for both rules');
  lintWith(ROLE, rules);
  assert.equal(a.length, 2);
  assert.notEqual(a[1]![1], a[0]![1], 'a new view for a new lint');
});

test('what the rules share through ctx.views is computed once per document, not per file or per process', () => {
  let builds = 0;
  const sharing = (id: string): Rule => ({
    meta: { id, title: id, description: id, defaultSeverity: 'warning', category: 'hardening', messages: {}, references: {} },
    create: (ctx) => ({ resource: (r) => void ctx.views.memo(r.root, 'test-slot', () => ++builds) }),
  });
  const two = `${ROLE}---\n${ROLE}`;
  lintWith(two, [sharing('test-x'), sharing('test-y')]);
  assert.equal(builds, 2, 'once per document, shared by both rules');
  lintWith(two, [sharing('test-x'), sharing('test-y')]);
  assert.equal(builds, 4, 'built again by the next lint');
});

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/**
 * Module-level mutable state left in the engine, each with why it is not a
 * document's: compiled schemas and settings (keyed by a schema or a settings
 * value), bounded caches of pure string functions and constant tables.
 * What the parse and fix layers derive from a document (its alias table,
 * merge records, the fix builders' editor) is its YamlDocument's. Anything
 * new that keeps documents or nodes belongs in a view set or a YamlDocument.
 */
const ALLOWED = new Set([
  'config/config-file.ts validator', // compiled .shipshape.yaml schema (constant)
  'config/settings-schema.ts validators', // compiled settings schema, keyed by the set of rule ids (constant)
  'schema/validate.ts ajv', // compiled Kubernetes schemas (constant per kind)
  'schema/validate.ts validators',
  'suppress/annotations.ts equivalents', // table built once from rule metadata (constant)
  'suppress/apply.ts compiled', // exemption matchers, keyed by the settings' exemption list
  'rules/images/trust.ts compiled', // trusted registry matchers, keyed by the settings' list
  'rules/baseline/host-path-volume.ts allowedCache', // path matchers, keyed by the rule's options
  'rules/index.ts byId', // the registry (constant)
  'rules/index.ts RULE_IDS',
  'rules/baseline/unsafe-sysctls.ts SAFE_SYSCTLS', // constant table
  'parse/kubectl-scalars.ts SPECIAL', // constant tables
  'parse/kubectl-scalars.ts HINTS',
  'views/image-ref.ts cache', // bounded memo of a pure string parse
  'rule.ts TEMPLATES', // bounded memo of message templates (a fixed set)
  'schema/validate.ts loadPrecompiled', // the host's loader of the build-time validators, set once at start-up
  'schema/validate.ts precompiled', // the build-time validators (constant code, loaded once)
  'helm/builtins.ts builtins', // the template functions (constant table)
  'helm/values.ts sliceTypes', // Go type names of rendered values: weak side tables keyed by the values themselves
  'helm/values.ts mapMethods',
  'helm/values.ts mapTypes',
]);

test('no module-level state in the engine keeps documents, nodes or views (beyond the listed exceptions)', () => {
  const found: string[] = [];
  const decl = /^(?:export )?(?:let\s+([A-Za-z_$][\w$]*)|const\s+([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*new\s+(?:Weak)?(?:Map|Set)\b(?!\(\[|<string>\(\[))/gm;
  for (const path of sources(ENGINE)) {
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(decl)) found.push(`${relative(ENGINE, path).split('\\').join('/')} ${m[1] ?? m[2]}`);
  }
  assert.deepEqual(found.filter((f) => !ALLOWED.has(f)), []);
  assert.ok(found.length > 10, 'the scan finds the listed ones');
});

test('one suppress() for every format: only suppress/apply.ts reads suppression comments and exemptions', () => {
  const callers = sources(ENGINE)
    .filter((p) => !p.includes(join('engine', 'suppress')))
    .filter((p) => /\b(?:scanDirectives|applyDirectives|applyExemptions)\(/.test(readFileSync(p, 'utf8')))
    .map((p) => relative(ENGINE, p));
  assert.deepEqual(callers, []);
  const entries = ['lint.ts', 'lint-dockerfile.ts'].map((f) => readFileSync(join(ENGINE, f), 'utf8'));
  for (const text of entries) assert.match(text, /\bsuppress\(findings, /);
});
