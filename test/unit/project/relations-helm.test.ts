// Relation rules over rendered Helm charts (engine/project/index.ts chartObjects, relations.ts, lint-project.ts):
// a chart's rendered objects are members of the project's relation pass, next to plain files and kustomize builds.
// Findings land on the values line when a value set the field (the template line related), else on the template
// line; they name the chart (`helm`); suppressions on the reported line work; a template never enters the plain
// pass (no double findings); objects without a namespace are in the release's. Fixtures:
// test/fixtures/project/relations/helm-*.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, RULES } from '../../../server/src/engine';
import { buildChart } from '../../../server/src/engine/helm/chart-build';
import { ProjectIndex } from '../../../server/src/engine/project/index';
import { lintProject } from '../../../server/src/engine/project/lint-project';
import { runRelationRules } from '../../../server/src/engine/project/relations';
import { diskHost, memoryHost } from '../../helpers/kustomize-host';
import { lintFixture, only, relatedAt, yamlFiles } from '../../helpers/relations';

const RELATION_RULES = RULES.filter((r) => r.meta.category === 'relations').map((r) => r.meta.id);
const PROJECT_RULES = [...RELATION_RULES, 'automount-service-account-token', 'pod-security-admission', 'network-policy-missing'];

describe('relation rules over a rendered Helm chart', () => {
  const p = lintFixture('helm-missing');
  const values = p.path('shop/values.yaml');
  const rbac = p.path('shop/templates/rbac.yaml');
  const deployment = p.path('shop/templates/deployment.yaml');
  const service = p.path('shop/templates/service.yaml');
  const find = (file: string, rule: string, line: number) => {
    const f = p.findings(file).find((x) => x.ruleId === rule && p.line(file, x.span) === line);
    assert.ok(f, `${rule}@${line} in ${file}: ${p.at(file).join(' ')}`);
    return f;
  };

  it('a RoleBinding to a Role the project lacks: on the values line that names the Role, the template line related, naming the chart', () => {
    const f = find(values, 'rbac-binding-resolved', 7);
    assert.equal(p.slice(values, f.span), 'missing-reader');
    assert.deepEqual(relatedAt(p, values, f), ['shop/templates/rbac.yaml@8']);
    assert.deepEqual(f.helm, { chart: p.path('shop/Chart.yaml'), values: [values] });
    assert.equal(f.builds, undefined, 'a chart is not a kustomization');
    assert.doesNotMatch(f.message, /kustomization/);
  });

  it('a RoleBinding to a Role in another namespace: on the template line the literal was written at', () => {
    assert.deepEqual(only(p.at(rbac), ['rbac-binding-resolved']), ['rbac-binding-resolved@30']);
    assert.match(find(rbac, 'rbac-binding-resolved', 30).message, /"elsewhere-reader"/);
  });

  it('a serviceAccountName no object defines is reported; a ServiceAccount the chart renders or a plain file defines counts', () => {
    const f = find(values, 'service-account-not-found', 5);
    assert.equal(p.slice(values, f.span), 'ghost');
    assert.deepEqual(relatedAt(p, values, f), ['shop/templates/deployment.yaml@34']);
    // web runs as the chart's "shop" (automount off: its per-object finding is replaced), batch as plain/account.yaml's.
    assert.deepEqual(only(p.at(deployment), PROJECT_RULES), ['automount-service-account-token@33'], 'only the worker, whose account is missing');
    assert.ok(!p.findings(values).some((x) => x.ruleId === 'service-account-not-found' && p.slice(values, x.span) !== 'ghost'));
  });

  it('Services: a selector that picks nothing and a targetPort no container exposes; a suppression comment on the reported line holds', () => {
    assert.deepEqual(only(p.at(service), ['service-selects-nothing', 'service-target-port-missing', 'unused-suppression']), ['service-selects-nothing@6', 'service-target-port-missing@20']);
    assert.deepEqual(relatedAt(p, service, find(service, 'service-target-port-missing', 20)), ['shop/templates/deployment.yaml@18']);
  });

  it('will it start: an image the project builds (folder heuristic) judged with a runAsNonRoot the values set', () => {
    const f = find(values, 'run-as-non-root-image-root', 12);
    assert.deepEqual(relatedAt(p, values, f).sort(), ['orders-api/Dockerfile@2', 'shop/templates/deployment.yaml@36', 'shop/templates/deployment.yaml@39']);
  });

  it('a template is never a plain document: a template without any {{ }} is judged once, as the chart renders it', () => {
    const file = p.path('shop/templates/static-binding.yaml');
    assert.deepEqual(only(p.at(file), PROJECT_RULES), ['rbac-binding-resolved@8']);
    assert.ok(p.findings(file).every((f) => f.helm), 'every finding is the chart\'s');
  });
});

describe('relation rules over a rendered Helm chart: namespaces and admission', () => {
  it('a chart\'s workload in a namespace a plain Namespace labels: admission and NetworkPolicy coverage', () => {
    const p = lintFixture('helm-admission');
    const ds = p.path('agent/templates/daemonset.yaml');
    assert.deepEqual(only(p.at(ds), ['pod-security-admission', 'network-policy-missing']), ['network-policy-missing@4', 'pod-security-admission@4']);
    assert.deepEqual(relatedAt(p, ds, p.findings(ds).find((f) => f.ruleId === 'pod-security-admission')!), ['cluster/namespace.yaml@6']);
    // The plain policy is judged with the chart's workloads too.
    assert.deepEqual(only(p.at(p.path('cluster/namespace.yaml')), ['network-policy-selects-nothing']), ['network-policy-selects-nothing@14']);
  });

  it('a clean chart gets no relation finding, and loses the per-object token finding its ServiceAccount settles', () => {
    const p = lintFixture('helm-clean');
    const root = p.path('.');
    const off = lintProject(diskHost(), yamlFiles(root), { settingsFor: () => DEFAULT_SETTINGS, root, relations: false });
    for (const file of yamlFiles(root)) {
      assert.deepEqual(only(p.at(file), RELATION_RULES), [], file);
      const tags = p.at(file);
      const alone = (off.files.get(file) ?? []).map((f) => `${f.ruleId}@${p.line(file, f.span)}`);
      assert.deepEqual(tags, alone.filter((t) => !t.startsWith('automount-service-account-token@')), file);
    }
    assert.ok(p.at(p.path('web/templates/deployment.yaml')).length > 0, 'the chart is linted');
  });

  it('objects that name no namespace are in the release\'s namespace', () => {
    const files = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      '/c/values.yaml': '',
      '/c/templates/rbac.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: r\n  namespace: {{ .Release.Namespace }}\nrules: []\n---\n' +
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: r\nsubjects: []\n---\n' +
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: cr\nrules: []\n',
    };
    const chart = buildChart('/c', memoryHost(files), { namespace: 'team' });
    assert.equal(chart.namespace, 'team');
    const index = ProjectIndex.build({ plain: [], builds: [], charts: [chart] });
    assert.deepEqual(index.objects.map((o) => [o.kind, o.namespace, o.builds, o.helm?.chart]), [
      ['Role', 'team', ['/c/Chart.yaml'], '/c/Chart.yaml'],
      ['RoleBinding', 'team', ['/c/Chart.yaml'], '/c/Chart.yaml'],
      ['ClusterRole', undefined, ['/c/Chart.yaml'], '/c/Chart.yaml'],
    ]);
    const result = runRelationRules(index, { settingsFor: () => DEFAULT_SETTINGS, projectSettings: DEFAULT_SETTINGS, readText: (f) => (files as Record<string, string>)[f] });
    assert.deepEqual(result.findings.filter((f) => f.finding.ruleId === 'rbac-binding-resolved'), [], 'the binding finds its Role in the release namespace');
    // By default the release namespace is "default", as `helm template` without --namespace.
    assert.equal(buildChart('/c', memoryHost(files)).namespace, 'default');
  });

  it('a suppression comment above the values line silences the finding reported there, and is not reported unused', () => {
    const chart = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      '/c/templates/binding.yaml':
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: {{ .Values.role }}\nsubjects: []\n',
    };
    const lint = (values: string) => {
      const host = memoryHost({ ...chart, '/c/values.yaml': values });
      const files = lintProject(host, Object.keys({ ...chart, '/c/values.yaml': '' }), { settingsFor: () => DEFAULT_SETTINGS }).files;
      return (files.get('/c/values.yaml') ?? []).map((f) => f.ruleId);
    };
    assert.deepEqual(lint('role: missing\n'), ['rbac-binding-resolved']);
    assert.deepEqual(lint('# shipshape-disable-next-line rbac-binding-resolved\nrole: missing\n'), []);
  });

  it('a Go template comment above the template line silences a relation finding reported there, and is not reported unused', () => {
    const binding = (comment: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: b\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n${comment}  name: missing\nsubjects: []\n`;
    const lint = (comment: string) => {
      const files = { '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', '/c/values.yaml': '{}\n', '/c/templates/binding.yaml': binding(comment) };
      const out = lintProject(memoryHost(files), Object.keys(files), { settingsFor: () => DEFAULT_SETTINGS }).files;
      return (out.get('/c/templates/binding.yaml') ?? []).map((f) => f.ruleId);
    };
    assert.deepEqual(lint(''), ['rbac-binding-resolved']);
    assert.deepEqual(lint('  {{- /* shipshape-disable-next-line rbac-binding-resolved -- made by the platform team */}}\n'), []);
    assert.deepEqual(lint('  # shipshape-disable-next-line rbac-binding-resolved\n'), []);
    assert.deepEqual(lint('  {{- /* shipshape-disable-next-line service-selects-nothing */}}\n'), ['unused-suppression', 'rbac-binding-resolved']);
  });

  it('a chart already rendered (the editor\'s judgement) is reused by the lint instead of being rendered again', () => {
    const files = {
      '/c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      '/c/values.yaml': 'privileged: false\n',
      '/c/templates/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n      securityContext:\n        privileged: {{ .Values.privileged }}\n',
    };
    const host = memoryHost(files);
    // Rendered with other values than the files': the lint's findings show which rendering it used.
    const rendered = buildChart('/c', memoryHost({ ...files, '/c/values.yaml': 'privileged: true\n' }));
    const privileged = (renderedChart?: (dir: string) => ReturnType<typeof buildChart> | undefined) =>
      lintProject(host, Object.keys(files), { settingsFor: () => DEFAULT_SETTINGS, ...(renderedChart ? { renderedChart } : {}) }).files.get('/c/values.yaml')?.some((f) => f.ruleId === 'privileged-container') ?? false;
    assert.equal(privileged(), false);
    assert.equal(privileged((dir) => (dir === '/c' ? rendered : undefined)), true);
    assert.equal(privileged(() => undefined), false, 'not current: rendered by the lint');
  });

  it('without rendering (helm: false) the templates are plain files again: only their documents without {{ }} are related', () => {
    const root = lintFixture('helm-missing').path('.');
    const result = lintProject(diskHost(), yamlFiles(root), { settingsFor: () => DEFAULT_SETTINGS, root, helm: false });
    const fromTemplates = result.index!.objects.filter((o) => o.built.source.file.includes('/templates/'));
    // Only the documents without {{ }} are plain documents then (as before charts were rendered).
    assert.deepEqual(fromTemplates.map((o) => [o.kind, o.name, o.helm]), [['Role', 'elsewhere-reader', undefined], ['RoleBinding', 'static-binding', undefined]]);
  });
});
