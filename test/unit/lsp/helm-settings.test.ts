// The editor's Helm settings (shipshape.helm.enabled / valuesFiles / kubeVersion, issue 24): normalised by the server
// (lsp/settings.ts) and applied when the project index renders a chart (engine/project/lint-project.ts), with a
// `.shipshape.yaml` `helm` key winning over the editor's. Two charts in a temporary workspace folder.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig, applyConfig } from '../../../server/src/engine/config/config-file';
import type { EngineSettings } from '../../../server/src/engine';
import { toProjectPath } from '../../../server/src/io/disk-project-host';
import { ProjectIndex } from '../../../server/src/lsp/project-index';
import { resolveSettings } from '../../../server/src/lsp/settings';
import { writeWorkspace } from './workspace-docs';

const TEMPLATE = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  hostNetwork: {{ .Values.hostNetwork }}
  {{- if semverCompare "<1.30.0" .Capabilities.KubeVersion.Version }}
  hostPID: true
  {{- end }}
  containers:
    - name: c
      image: busybox:1.36
`;
const chart = (name: string): Record<string, string> => ({
  [`charts/${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
  [`charts/${name}/values.yaml`]: 'hostNetwork: false\n',
  [`charts/${name}/ci/prod-values.yaml`]: 'hostNetwork: true\n',
  [`charts/${name}/templates/pod.yaml`]: TEMPLATE,
});

describe('editor: shipshape.helm settings', () => {
  let root: string;
  let index: ProjectIndex;
  before(async () => {
    root = writeWorkspace('shipshape-helm-settings-', { ...chart('api'), ...chart('web') });
    index = new ProjectIndex({ openText: () => undefined, isIgnored: () => false });
    await index.index([{ path: root, excluded: () => false }]);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  const path = (rel: string) => toProjectPath(join(root, rel));
  /** `rule@file` of the findings of `rel` linted with the editor settings `raw` (and the config layer `config`). */
  function lint(rel: string, raw: unknown, config?: string): string[] {
    const editor = resolveSettings({ rules: { 'host-network': 'error', 'host-pid': 'error', 'helm-template': 'info' }, ...(raw as object) });
    assert.deepEqual(editor.problems, []);
    let settings: EngineSettings = editor.settings.engine;
    if (config) settings = applyConfig(settings, parseConfig(config).config!, rel).settings;
    const p = path(rel);
    index.opened(pathToFileURL(join(root, rel)).href);
    return index
      .lint(p, index.rootsOf(p), settings, () => settings, {})
      .filter((f) => ['host-network', 'host-pid', 'helm-template'].includes(f.ruleId))
      .map((f) => `${f.ruleId}@${rel}`);
  }

  it('without the setting, values.yaml alone: no finding', () => {
    assert.deepEqual(lint('charts/api/ci/prod-values.yaml', {}), []);
  });

  it('valuesFiles as a list applies to every chart that has the file: the finding is on its line', () => {
    const raw = { helm: { valuesFiles: ['ci/prod-values.yaml', 'ci/missing.yaml'] } };
    assert.deepEqual(lint('charts/api/ci/prod-values.yaml', raw), ['host-network@charts/api/ci/prod-values.yaml']);
    assert.deepEqual(lint('charts/web/ci/prod-values.yaml', raw), ['host-network@charts/web/ci/prod-values.yaml']);
  });

  it('valuesFiles as an object applies to the charts whose folder matches the first matching key', () => {
    const raw = { helm: { valuesFiles: { 'charts/api': ['ci/prod-values.yaml'], 'charts/*': [] } } };
    assert.deepEqual(lint('charts/api/ci/prod-values.yaml', raw), ['host-network@charts/api/ci/prod-values.yaml']);
    assert.deepEqual(lint('charts/web/ci/prod-values.yaml', raw), []);
  });

  it('kubeVersion sets .Capabilities.KubeVersion', () => {
    assert.deepEqual(lint('charts/api/templates/pod.yaml', { helm: { kubeVersion: '1.29.0' } }), ['host-pid@charts/api/templates/pod.yaml']);
    assert.deepEqual(lint('charts/api/templates/pod.yaml', {}), []);
  });

  it('enabled: false lints the templates as they are (the "not checked" note)', () => {
    assert.deepEqual(lint('charts/api/templates/pod.yaml', { helm: { enabled: false } }), ['helm-template@charts/api/templates/pod.yaml']);
  });

  it('a .shipshape.yaml helm key wins over the editor setting; a key it does not set keeps the editor value', () => {
    const raw = { helm: { valuesFiles: ['ci/prod-values.yaml'], kubeVersion: '1.29.0' } };
    const config = 'helm:\n  valuesFiles: []\n';
    assert.deepEqual(lint('charts/api/ci/prod-values.yaml', raw, config), []);
    assert.deepEqual(lint('charts/api/templates/pod.yaml', raw, config), ['host-pid@charts/api/templates/pod.yaml']);
  });

  it('helm.enabled: false in .shipshape.yaml wins over the editor', () => {
    assert.deepEqual(lint('charts/api/templates/pod.yaml', { helm: { enabled: true } }, 'helm:\n  enabled: false\n'), ['helm-template@charts/api/templates/pod.yaml']);
  });

  it('invalid settings are reported and ignored', () => {
    const r = resolveSettings({ helm: { valuesFiles: 'ci/prod-values.yaml', kubeVersion: 'latest', enabled: 'no' } });
    assert.equal(r.problems.length, 3, r.problems.join('\n'));
    assert.equal(r.settings.engine.helm, undefined);
  });
});
