// Suppressing a rendered chart's findings where they are reported (engine/project/helm-suppress.ts, docs/helm.md):
// `#` and `{{/* */}}` comments in templates, comments in values files, and `.shipshape.yaml` settings of the
// reported file. Reproduction of issue 24 (suppression comments in templates did not apply to chart findings).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, normalizeSettings, RULE_IDS, type EngineSettings, type Finding } from '../../../server/src/engine';
import { lintProject } from '../../../server/src/engine/project/lint-project';
import { templateCommentText } from '../../../server/src/engine/project/helm-suppress';
import { chartValuesFiles } from '../../../server/src/engine/project/helm-lint';
import { LineIndex } from '../../../server/src/engine/text';
import { memoryHost } from '../../helpers/kustomize-host';

const CHART = '/c';
const CHART_YAML = 'apiVersion: v2\nname: web\nversion: 0.1.0\n';
const VALUES = 'securityContext:\n  privileged: true\n';

/** A deployment template; `pod` is inserted under the pod spec (indented 6), `sc` under the container (indented 10). */
function deployment(pod: string, sc = '            {{- toYaml .Values.securityContext | nindent 12 }}\n'): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    'spec:',
    '  selector:',
    '    matchLabels: {app: web}',
    '  template:',
    '    metadata:',
    '      labels: {app: web}',
    '    spec:',
    pod + '      containers:',
    '        - name: web',
    '          image: nginx:1.25',
    '          securityContext:',
    sc,
  ].join('\n');
}

function lint(files: Record<string, string>, settingsFor: (p: string) => EngineSettings | undefined = () => DEFAULT_SETTINGS) {
  const all: Record<string, string> = { [`${CHART}/Chart.yaml`]: CHART_YAML, [`${CHART}/values.yaml`]: VALUES, ...files };
  const host = memoryHost(all);
  const result = lintProject(host, Object.keys(all).sort(), { settingsFor, root: CHART, relations: false });
  /** `rule@line` of the file's findings (1-based lines). */
  const at = (file: string, rule?: string): string[] => {
    const index = new LineIndex(all[file]!);
    return (result.files.get(file) ?? []).filter((f: Finding) => rule === undefined || f.ruleId === rule).map((f) => `${f.ruleId}@${index.position(f.span.start).line + 1}`);
  };
  return { result, at };
}

const T = `${CHART}/templates/deployment.yaml`;
const V = `${CHART}/values.yaml`;

describe('chart findings: suppression comments in templates', () => {
  it('without a comment, host-network is reported at the template line (the reproduction)', () => {
    const { at } = lint({ [T]: deployment('      hostNetwork: true\n') });
    assert.deepEqual(at(T, 'host-network'), ['host-network@12']);
  });

  for (const [name, comment] of [
    ['a # comment', '      # shipshape-disable-next-line host-network -- CNI agent\n'],
    ['a {{/* */}} comment', '      {{/* shipshape-disable-next-line host-network -- CNI agent */}}\n'],
    ['a trimmed {{- /* */}} comment', '      {{- /* shipshape-disable-next-line host-network */}}\n'],
    ['a comment above an if line', '      # shipshape-disable-next-line host-network\n      {{- if true }}\n'],
  ] as const) {
    it(`${name} above the line silences it and is used`, () => {
      const pod = comment + '      hostNetwork: true\n' + (comment.includes('if true') ? '      {{- end }}\n' : '');
      const { at } = lint({ [T]: deployment(pod) });
      assert.deepEqual(at(T, 'host-network'), []);
      assert.deepEqual(at(T, 'unused-suppression'), []);
    });
  }

  it('a comment for another rule does not silence it, and is reported unused', () => {
    const { at } = lint({ [T]: deployment('      {{/* shipshape-disable-next-line host-pid */}}\n      hostNetwork: true\n') });
    assert.deepEqual(at(T, 'host-network'), ['host-network@13']);
    assert.deepEqual(at(T, 'unused-suppression'), ['unused-suppression@12']);
  });

  it('a comment that is not immediately above does not silence it', () => {
    const { at } = lint({ [T]: deployment('      # shipshape-disable-next-line host-network\n      dnsPolicy: ClusterFirst\n      hostNetwork: true\n') });
    assert.deepEqual(at(T, 'host-network'), ['host-network@14']);
    assert.deepEqual(at(T, 'unused-suppression'), ['unused-suppression@12']);
  });

  it('shipshape-disable at the top of the template (after an if line) covers its document', () => {
    const text = '{{- if true }}\n{{- /* shipshape-disable host-network, host-pid */ -}}\n' + deployment('      hostNetwork: true\n      hostPID: true\n') + '{{- end }}\n';
    const { at } = lint({ [T]: text });
    assert.deepEqual([...at(T, 'host-network'), ...at(T, 'host-pid'), ...at(T, 'unused-suppression')], []);
  });

  it('shipshape-disable below the first line of text is misplaced', () => {
    const text = deployment('      # shipshape-disable host-network\n      hostNetwork: true\n');
    const { at } = lint({ [T]: text });
    assert.deepEqual(at(T, 'host-network'), ['host-network@13']);
    assert.deepEqual(at(T, 'unused-suppression'), ['unused-suppression@12']);
  });

  it('a line with an action that renders text is a line: a comment above it does not reach past it', () => {
    const pod = '      # shipshape-disable-next-line host-network\n      {{- include "nothing" . }}\n      hostNetwork: true\n';
    const { at } = lint({ [T]: deployment(pod), [`${CHART}/templates/_helpers.tpl`]: '{{- define "nothing" -}}{{- end -}}\n' });
    assert.deepEqual(at(T, 'host-network'), ['host-network@14']);
    assert.deepEqual(at(T, 'unused-suppression'), ['unused-suppression@12']);
  });

  it('in a template of several documents, shipshape-disable at the top of one covers that one only', () => {
    const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  hostNetwork: true\n  containers:\n    - name: c\n      image: nginx:1.25\n`;
    const { at } = lint({ [T]: `${pod('a')}---\n{{/* shipshape-disable host-network */}}\n${pod('b')}` });
    assert.deepEqual(at(T, 'host-network'), ['host-network@6']);
    assert.deepEqual(at(T, 'unused-suppression'), []);
  });

  it('a template that does not render reports its render error, not its comments as unused', () => {
    const { at } = lint({ [T]: deployment('      # shipshape-disable-next-line host-network\n      hostNetwork: {{ fail "no" }}\n') });
    assert.deepEqual(at(T, 'unused-suppression'), []);
    assert.equal(at(T, 'helm-render').length, 1);
  });

  it('a # line inside a block scalar is text; a {{/* */}} comment there still counts', () => {
    const cm = (line: string) =>
      ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', 'data:', '  script: |', line, '    echo hi', ''].join('\n');
    assert.deepEqual(templateCommentText(cm('    # shipshape-disable-next-line host-network')).exclude.length, 1);
    const mapped = templateCommentText(cm('    {{- /* shipshape-disable-next-line host-network */}}')).text;
    assert.match(mapped, /^ {4}# {6}shipshape-disable-next-line host-network {5}$/m);
    assert.equal(mapped.length, cm('    {{- /* shipshape-disable-next-line host-network */}}').length);
  });

  it('allowInlineSuppressions: false ignores the comments in templates too', () => {
    const off = normalizeSettings({ allowInlineSuppressions: false }, RULE_IDS).settings;
    const { at } = lint({ [T]: deployment('      {{/* shipshape-disable-next-line host-network */}}\n      hostNetwork: true\n') }, () => off);
    assert.deepEqual(at(T, 'host-network'), ['host-network@13']);
    assert.deepEqual(at(T, 'unused-suppression'), ['unused-suppression@12']);
  });
});

describe('chart findings: suppression comments in values files', () => {
  it('without a comment, privileged-container is reported at the values line', () => {
    const { at } = lint({ [T]: deployment('') });
    assert.deepEqual(at(V, 'privileged-container'), ['privileged-container@2']);
  });

  it('a comment above the values line silences it, and is not reported unused', () => {
    const { at } = lint({ [T]: deployment(''), [V]: 'securityContext:\n  # shipshape-disable-next-line privileged-container -- eBPF\n  privileged: true\n' });
    assert.deepEqual(at(V, 'privileged-container'), []);
    assert.deepEqual(at(V, 'unused-suppression'), []);
  });

  it('shipshape-disable at the top of the values file covers it', () => {
    const { at } = lint({ [T]: deployment(''), [V]: '# shipshape-disable privileged-container\n' + VALUES });
    assert.deepEqual([...at(V, 'privileged-container'), ...at(V, 'unused-suppression')], []);
  });

  it('a comment for another rule, or not immediately above, does not silence it', () => {
    const other = lint({ [T]: deployment(''), [V]: 'securityContext:\n  # shipshape-disable-next-line host-pid\n  privileged: true\n' });
    assert.deepEqual(other.at(V, 'privileged-container'), ['privileged-container@3']);
    assert.deepEqual(other.at(V, 'unused-suppression'), ['unused-suppression@2']);
    const far = lint({ [T]: deployment(''), [V]: 'securityContext:\n  # shipshape-disable-next-line privileged-container\n  runAsNonRoot: true\n  privileged: true\n' });
    assert.deepEqual(far.at(V, 'privileged-container'), ['privileged-container@4']);
    assert.deepEqual(far.at(V, 'unused-suppression'), ['unused-suppression@2']);
  });

  it('a template comment does not silence a finding reported in values.yaml (suppress where it is reported)', () => {
    const { at } = lint({ [T]: deployment('', '            # shipshape-disable-next-line privileged-container\n            {{- toYaml .Values.securityContext | nindent 12 }}\n') });
    assert.deepEqual(at(V, 'privileged-container'), ['privileged-container@2']);
  });
});

describe('chart findings: .shipshape.yaml settings of the reported file', () => {
  const off = (rule: string) => normalizeSettings({ rules: { [rule]: 'off' } }, RULE_IDS).settings;
  it('a rule off for the values file drops the finding reported there', () => {
    const { at } = lint({ [T]: deployment('') }, (p) => (p === V ? off('privileged-container') : DEFAULT_SETTINGS));
    assert.deepEqual(at(V, 'privileged-container'), []);
  });

  it('a severity set for the template applies to the finding reported there', () => {
    const info = normalizeSettings({ rules: { 'host-network': 'info' } }, RULE_IDS).settings;
    const { result } = lint({ [T]: deployment('      hostNetwork: true\n') }, (p) => (p === T ? info : DEFAULT_SETTINGS));
    assert.equal(result.files.get(T)?.find((f) => f.ruleId === 'host-network')?.severity, 'info');
  });

  it('an exemption whose paths match the values file applies', () => {
    const settings: EngineSettings = { ...DEFAULT_SETTINGS, exemptions: [{ rules: ['privileged-container'], reason: 'x' }] };
    const { at } = lint({ [T]: deployment('') }, (p) => (p === V ? settings : DEFAULT_SETTINGS));
    assert.deepEqual(at(V, 'privileged-container'), []);
  });

  it('an ignored values file gets no finding', () => {
    const { result } = lint({ [T]: deployment('') }, (p) => (p === V ? undefined : DEFAULT_SETTINGS));
    assert.equal(result.files.get(V), undefined);
  });
});

describe('chart values files from the settings', () => {
  it('a list applies to every chart; an object by the first chart folder glob that matches (relative to the root)', () => {
    assert.deepEqual(chartValuesFiles(['a.yaml'], '/w/charts/api', '/w'), ['a.yaml']);
    const byChart = { 'charts/api': ['api.yaml'], 'charts/*': ['other.yaml'], '.': ['root.yaml'] };
    assert.deepEqual(chartValuesFiles(byChart, '/w/charts/api', '/w'), ['api.yaml']);
    assert.deepEqual(chartValuesFiles(byChart, '/w/charts/web', '/w'), ['other.yaml']);
    assert.deepEqual(chartValuesFiles(byChart, '/w', '/w'), ['root.yaml']);
    assert.deepEqual(chartValuesFiles(byChart, '/w/deploy/x', '/w'), []);
    assert.deepEqual(chartValuesFiles(undefined, '/w', '/w'), []);
  });
});
