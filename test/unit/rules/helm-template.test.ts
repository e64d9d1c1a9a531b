import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintYaml } from '../../../server/src/engine/lint';

const HELM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          securityContext:
            privileged: true
`;

test('a Helm template gives one informational finding and nothing else', () => {
  const findings = lintYaml(HELM);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.ruleId, 'helm-template');
  assert.equal(findings[0]!.severity, 'info');
  assert.equal(HELM.slice(findings[0]!.span.start, findings[0]!.span.end), '{{');
});

test('a template whose only markers are inline values is detected after a parse error', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  containers: []\n';
  const findings = lintYaml(text);
  assert.deepEqual(findings.map((f) => f.ruleId), ['helm-template']);
});

test('quoted {{ }} in valid YAML (Argo, alert annotations) is linted normally', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  annotations:\n    summary: "{{ $labels.instance }} down"\nspec:\n  hostPID: true\n  containers: []\n';
  const ids = lintYaml(text).map((f) => f.ruleId);
  assert.ok(!ids.includes('helm-template'));
  assert.ok(ids.includes('host-pid'));
});

test('template syntax inside a block scalar (alerting templates in a ConfigMap) is not a Helm template', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alert-templates\ndata:\n  slack.tmpl: |\n    {{ define "slack.title" }}\n    [{{ .Status }}] {{ .CommonLabels.alertname }}\n    {{ end }}\n';
  assert.deepEqual(lintYaml(text), []);
});
