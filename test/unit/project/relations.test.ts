// Relation rules over the project (engine/project/index.ts, relations.ts; issue 19): bindings resolved to
// the roles of the project or the built-in ones (rbac-binding-resolved), pods judged with their
// ServiceAccount (automount-service-account-token in a project, service-account-not-found), in one file,
// across folders and through kustomize overlays; related locations in other files; suppressions on the
// reported line; no double findings. Fixtures: test/fixtures/project/relations/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, findingFixes, type Finding } from '../../../server/src/engine';
import { defineRule } from '../../../server/src/engine/rule';
import { RULES } from '../../../server/src/engine/rules';
import { lintProject, type ProjectLintOptions } from '../../../server/src/engine/project/lint-project';
import { anchorOf, podTemplateOf } from '../../../server/src/engine/project/index';
import type { ProjectHost } from '../../../server/src/engine/project/types';
import { LineIndex } from '../../../server/src/engine/text';
import { diskHost, memoryHost } from '../../helpers/kustomize-host';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'project', 'relations');
const RELATION_RULES = ['rbac-binding-resolved', 'automount-service-account-token', 'service-account-not-found', 'unused-suppression'];

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

function lint(dir: string, extra: Partial<ProjectLintOptions> = {}, host: ProjectHost = diskHost()) {
  const root = join(FIXTURES, dir);
  const result = lintProject(host, yamlFiles(root), { settingsFor: () => DEFAULT_SETTINGS, root, ...extra });
  const lineOf = (file: string, offset: number) => new LineIndex(host.readFile(file) ?? '').position(offset).line + 1;
  /** The relation rules' findings of a file: `rule@line severity`, related as `file:line` (own file: `:line`). */
  const at = (rel: string): string[] => {
    const file = join(root, rel);
    return (result.files.get(file) ?? [])
      .filter((f) => RELATION_RULES.includes(f.ruleId))
      .map((f) => {
        const related = (f.related ?? []).map((r) => `${r.file === undefined ? '' : r.file.slice(root.length + 1)}:${lineOf(r.file ?? file, r.span.start)}`);
        return `${f.ruleId}@${lineOf(file, f.span.start)} ${f.severity}${related.length ? ` -> ${related.join(' ')}` : ''}`;
      });
  };
  const find = (rel: string, ruleId: string, line: number): Finding => {
    const file = join(root, rel);
    const f = (result.files.get(file) ?? []).find((x) => x.ruleId === ruleId && lineOf(file, x.span.start) === line);
    assert.ok(f, `${ruleId}@${line} in ${rel}`);
    return f;
  };
  return { root, host, result, at, find };
}

describe('project index', () => {
  it('holds plain documents and built objects with the namespace kubectl would use, labels, builds and source places', () => {
    const { root, result, host } = lint('sa-kustomize');
    const index = result.index!;
    const deployments = index.ofKind('Deployment');
    assert.deepEqual(deployments.map((d) => d.namespace).sort(), ['elsewhere', 'loud', 'quiet'], 'one per overlay, in its namespace');
    for (const d of deployments) {
      assert.equal(d.builds.length, 1);
      assert.equal(d.labels.size, 0);
      assert.equal(d.built.source.file, join(root, 'base/deploy.yaml'));
      const place = anchorOf(d);
      assert.equal(host.readFile(place.file)!.slice(place.span.start, place.span.end), 'web');
      assert.ok(podTemplateOf(d));
    }
    assert.equal(index.find('ServiceAccount', 'web', 'loud').length, 1);
    assert.equal(index.find('ServiceAccount', 'web', 'default').length, 0);
  });

  it('defaults the namespace of namespaced kinds to "default" and gives cluster-scoped kinds none; a plain document used by no build is indexed once', () => {
    const host = memoryHost({
      '/p/a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: x}\nspec: {containers: [{name: c, image: i}]}\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n',
      '/p/b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: team\n',
    });
    const index = lintProject(host, ['/p/a.yaml', '/p/b.yaml'], { settingsFor: () => DEFAULT_SETTINGS }).index!;
    assert.deepEqual(index.objects.map((o) => [o.kind, o.name, o.namespace, o.builds.length]), [
      ['Pod', 'p', 'default', 0],
      ['Namespace', 'team', undefined, 0],
      ['ConfigMap', 'c', 'team', 0],
    ]);
    assert.deepEqual(index.selected(new Map([['app', 'x']]), ['Pod'], 'default').map((o) => o.name), ['p']);
    const b = host.readFile('/p/b.yaml')!;
    const name = b.indexOf('name: c') + 'name: '.length;
    assert.deepEqual(anchorOf(index.objects[2]!), { file: '/p/b.yaml', span: { start: name, end: name + 1 } });
  });
});

describe('rbac-binding-resolved', () => {
  it('single file: a custom all-powerful role as cluster-admin, custom grants with the role rules as related, built-in edit, an unknown role as info', () => {
    const { at } = lint('rbac-single');
    assert.deepEqual(at('rbac.yaml'), [
      'rbac-binding-resolved@18 error -> :7',
      'rbac-binding-resolved@48 warning -> :33 :36',
      'rbac-binding-resolved@97 error',
      'rbac-binding-resolved@110 info',
      'rbac-binding-resolved@168 error -> :157',
    ]);
  });

  it('single file: messages name the binding, the role and what the subjects receive', () => {
    const { find } = lint('rbac-single');
    assert.match(find('rbac.yaml', 'rbac-binding-resolved', 18).message, /ClusterRoleBinding "ci" grants ClusterRole "god", which allows every verb on every resource: its subjects can do anything cluster-wide, as with cluster-admin/);
    const debuggers = find('rbac.yaml', 'rbac-binding-resolved', 48);
    assert.equal(debuggers.message, 'RoleBinding "debuggers" lets its subjects exec/attach into pods, create pods or workloads in namespace "team" through Role "debugger".');
    assert.deepEqual(debuggers.related!.map((r) => r.message), ['Role "debugger" grants exec/attach into pods here.', 'Role "debugger" grants create pods or workloads here.']);
    assert.match(find('rbac.yaml', 'rbac-binding-resolved', 97).message, /through the built-in ClusterRole "edit"/);
    assert.match(find('rbac.yaml', 'rbac-binding-resolved', 110).message, /"made-elsewhere", which is neither in the project nor built in/);
  });

  it('single file: no finding for view, a harmless role or cluster-admin (rbac-cluster-admin-binding\'s), and a suppression comment on the line holds without being unused', () => {
    const { result, root } = lint('rbac-single');
    const all = result.files.get(join(root, 'rbac.yaml'))!;
    assert.equal(all.filter((f) => f.ruleId === 'rbac-cluster-admin-binding').length, 1);
    assert.equal(all.filter((f) => f.ruleId === 'unused-suppression').length, 0);
    assert.ok(!all.some((f) => /"(viewers|readers|admins|known-risk)"/.test(f.message) && f.ruleId === 'rbac-binding-resolved'));
  });

  it('across folders: the related location is the role rule in its own file; a Role of another namespace is not found; resourceNames pass', () => {
    const { at } = lint('rbac-folders');
    assert.deepEqual(at('bindings/team.yaml'), ['rbac-binding-resolved@9 warning -> roles/secret-reader.yaml:10', 'rbac-binding-resolved@36 info']);
    assert.deepEqual(at('roles/secret-reader.yaml'), []);
  });

  it('kustomize overlay: the binding and role of a base resolved in the overlay\'s namespace, reported in the base naming the overlay', () => {
    const { at, find, root } = lint('rbac-kustomize');
    assert.deepEqual(at('base/binding.yaml'), ['rbac-binding-resolved@8 error -> base/role.yaml:6']);
    const f = find('base/binding.yaml', 'rbac-binding-resolved', 8);
    assert.deepEqual(f.builds, [join(root, 'overlays/prod/kustomization.yaml')]);
    assert.match(f.message, /in namespace "prod" through Role "deployer"/);
  });

  it('a binding and a role alone are judged by the per-object rules only (relations: false)', () => {
    const { at, result } = lint('rbac-single', { relations: false });
    assert.equal(result.index, undefined);
    assert.equal(at('rbac.yaml').filter((s) => s.startsWith('rbac-binding-resolved')).length, 0);
  });
});

describe('ServiceAccounts in the project', () => {
  it('single file: an account that disables automounting silences its pod; one that leaves it on is named; an unknown account is info where the namespace has accounts', () => {
    const { at } = lint('sa-single');
    assert.deepEqual(at('pods.yaml'), [
      'automount-service-account-token@23 info',
      'automount-service-account-token@37 info -> :23',
      'automount-service-account-token@48 info',
      'service-account-not-found@49 info',
      'automount-service-account-token@62 info',
      'automount-service-account-token@72 info',
    ]);
  });

  it('single file: the project judgement keeps the fix of the finding it replaces, and names the account', () => {
    const { find } = lint('sa-single');
    const f = find('pods.yaml', 'automount-service-account-token', 37);
    assert.match(f.message, /its ServiceAccount "loud" does not disable it either/);
    assert.deepEqual(findingFixes(f).map((x) => x.kind), ['suggestion']);
  });

  it('kustomize overlays: no finding where the overlay\'s account disables it, the account named where it does not, judged alone where it is not in the project', () => {
    const { at, root } = lint('sa-kustomize');
    // Namespace "elsewhere" has no ServiceAccount in the project: service-account-not-found does not judge it.
    assert.deepEqual(at('base/deploy.yaml'), ['automount-service-account-token@11 info', 'automount-service-account-token@11 info -> overlays/loud/sa.yaml:4']);
    const alone = lint('sa-kustomize').result.files.get(join(root, 'base/deploy.yaml'))!.filter((f) => f.ruleId === 'automount-service-account-token');
    assert.deepEqual(alone.map((f) => f.builds!.map((b) => b.slice(root.length + 1))), [['overlays/elsewhere/kustomization.yaml'], ['overlays/loud/kustomization.yaml']]);
  });

  it('without the relations the pods are judged alone', () => {
    const { at } = lint('sa-single', { relations: false });
    assert.deepEqual(at('pods.yaml').filter((s) => s.startsWith('automount')), [
      'automount-service-account-token@14 info',
      'automount-service-account-token@23 info',
      'automount-service-account-token@37 info',
      'automount-service-account-token@48 info',
      'automount-service-account-token@62 info',
      'automount-service-account-token@72 info',
    ]);
  });
});

describe('relation rule mechanism', () => {
  it('a project visitor that throws is told to onInternalError and the rest of the project is still linted', () => {
    const broken = defineRule({
      meta: { ...RULES.find((r) => r.meta.id === 'service-account-not-found')!.meta, id: 'broken-relation' },
      create: () => ({
        project() {
          throw new TypeError('boom');
        },
      }),
    });
    const errors: string[] = [];
    const { at } = lint('rbac-folders', { rules: [...RULES, broken], onInternalError: (e) => errors.push(`${e.ruleId}:${e.errorName}`) });
    assert.deepEqual(errors, ['broken-relation:TypeError']);
    assert.equal(at('bindings/team.yaml').length, 2);
  });

  it('a relation rule turned off in the settings of the file it reports in reports nothing there', () => {
    const off = { ...DEFAULT_SETTINGS, rules: { ...DEFAULT_SETTINGS.rules, 'rbac-binding-resolved': 'off' as const } };
    const { at } = lint('rbac-folders', { settingsFor: () => off });
    assert.deepEqual(at('bindings/team.yaml'), []);
  });
});

describe('core PodTemplates in relations', () => {
  const files = {
    '/p/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n',
    '/p/t.yaml':
      'apiVersion: v1\nkind: PodTemplate\nmetadata:\n  name: worker\n  namespace: team\ntemplate:\n  metadata:\n    labels: {app: worker}\n  spec:\n    containers:\n    - name: run\n      image: r/w:1\n      securityContext: {privileged: true}\n',
    '/p/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: other\n  namespace: team\n  labels: {app: other}\nspec: {containers: [{name: c, image: r/o:1}]}\n',
    '/p/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: worker\n  namespace: team\nspec:\n  selector: {app: worker}\n  ports: [{port: 80}]\n',
  };
  const ids = (path: string) => {
    const host = memoryHost(files);
    const result = lintProject(host, Object.keys(files), { settingsFor: () => DEFAULT_SETTINGS });
    return (result.files.get(path) ?? []).map((f) => f.ruleId).sort();
  };

  it('Pod Security admission judges a PodTemplate; a Service selecting only its labels selects no pods (it runs none)', () => {
    assert.ok(ids('/p/t.yaml').includes('pod-security-admission'), ids('/p/t.yaml').join());
    assert.ok(ids('/p/svc.yaml').includes('service-selects-nothing'), ids('/p/svc.yaml').join());
  });
});
