// Helm mode of the LSP benchmark (issue 24): a chart of 50 templates, values.yaml open in the editor; the time from a
// keystroke in values.yaml (didChange, unsaved) to the publication of its diagnostics, which renders and lints the
// whole chart (debounce 0). Target: at most 150 ms.
//
//   node bench/run.mjs --helm [--helm-templates 50] [--helm-runs 15]   (needs `npm run build`)
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ProjectServer } from './project.mjs';

const TARGET_MS = 150;

const helpers = `{{- define "bench.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- define "bench.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}
`;

const template = (i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "bench.fullname" . }}-${i}
  labels:
    {{- include "bench.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      {{- include "bench.labels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "bench.labels" . | nindent 8 }}
    spec:
      {{- with .Values.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: app${i}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
          {{- if .Values.env }}
          env:
            {{- range $k, $v := .Values.env }}
            - name: {{ $k }}
              value: {{ $v | quote }}
            {{- end }}
          {{- end }}
`;

const values = (privileged) => `replicaCount: 2
image:
  repository: registry.example.com/app
  tag: "1.0.0"
podSecurityContext:
  runAsNonRoot: true
securityContext:
  privileged: ${privileged}
  allowPrivilegeEscalation: false
resources:
  limits: { cpu: 500m, memory: 256Mi }
env:
  LOG_LEVEL: info
  MODE: bench
`;

export function generateChart(templates) {
  const root = mkdtempSync(join(tmpdir(), 'shipshape-bench-helm-'));
  const write = (rel, text) => {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), text);
  };
  write('chart/Chart.yaml', 'apiVersion: v2\nname: bench\nversion: 1.0.0\n');
  write('chart/values.yaml', values(true));
  write('chart/templates/_helpers.tpl', helpers);
  for (let i = 0; i < templates; i++) write(`chart/templates/deploy${i}.yaml`, template(i));
  return root;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function helmBench({ templates = 50, runs = 15, log = console.log }) {
  const root = generateChart(templates);
  const server = new ProjectServer();
  try {
    await server.initProject(root);
    const uri = pathToFileURL(join(root, 'chart/values.yaml')).href;
    const opened = await server.open(uri, 'yaml', values(true));
    if (!opened.diagnostics.some((d) => d.code === 'privileged-container')) throw new Error('values.yaml shows no privileged-container: the chart was not rendered');
    const times = [];
    for (let i = 0; i < runs; i++) {
      const r = await server.change(uri, i + 2, [{ text: values(i % 2 === 1) }]);
      times.push(r.ms);
    }
    const med = median(times);
    log(`\nHelm mode: ${templates}-template chart, keystroke in values.yaml -> publish (dist/server.js, debounce 0)`);
    log(`  median ${med.toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (${runs} runs), peak RSS ${(server.statusKb('VmHWM') / 1024).toFixed(0)} MB`);
    log(`  ${med <= TARGET_MS ? 'PASS' : 'FAIL'}  median at most ${TARGET_MS} ms`);
    return { medianMs: med, ok: med <= TARGET_MS };
  } finally {
    await server.dispose();
    rmSync(root, { recursive: true, force: true });
  }
}
