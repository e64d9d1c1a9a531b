// kustomize-build: a kustomize build's problems (engine/project/lint-project.ts), one finding each at the
// offending line; info for inputs not built in process (remote bases), whatever the rule's severity.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { DEFAULT_SETTINGS } from '../../../server/src/engine';
import { lintProject } from '../../../server/src/engine/project/lint-project';
import { LineIndex } from '../../../server/src/engine/text';
import { diskHost, memoryHost } from '../../helpers/kustomize-host';

const root = join(__dirname, '..', '..', 'fixtures', 'project', 'broken');
const line = (text: string, offset: number) => new LineIndex(text).position(offset).line + 1;

describe('lintProject: build problems', () => {
  it('reports a missing resource file as one kustomize-build finding at its line; the rest is still linted', () => {
    const host = diskHost();
    const files = ['base/kustomization.yaml', 'base/deployment.yaml', 'overlay/kustomization.yaml'].map((f) => join(root, f));
    const result = lintProject(host, files, { settingsFor: () => DEFAULT_SETTINGS, root });
    const file = join(root, 'overlay/kustomization.yaml');
    const found = result.files.get(file) ?? [];
    assert.deepEqual(
      found.map((f) => [f.ruleId, f.severity, line(host.readFile(file)!, f.span.start)]),
      [['kustomize-build', 'error', 3]],
    );
    assert.match(found[0]!.message, /ingress\.yaml/);
    const base = result.files.get(join(root, 'base/deployment.yaml')) ?? [];
    assert.deepEqual(
      base.map((f) => f.ruleId),
      ['image-latest-tag'], // image-not-pinned is not reported where image-latest-tag is (issue 20)
    );
  });

  it('reports a remote base as info, and nothing when the rule is off', () => {
    const host = memoryHost({ '/r/kustomization.yaml': 'resources:\n  - https://github.com/example/repo//base?ref=v1\n' });
    const r = lintProject(host, ['/r/kustomization.yaml'], { settingsFor: () => DEFAULT_SETTINGS });
    const f = r.files.get('/r/kustomization.yaml') ?? [];
    assert.deepEqual(
      f.map((x) => [x.ruleId, x.severity]),
      [['kustomize-build', 'info']],
    );
    const off = { ...DEFAULT_SETTINGS, rules: { ...DEFAULT_SETTINGS.rules, 'kustomize-build': 'off' as const } };
    assert.deepEqual(lintProject(host, ['/r/kustomization.yaml'], { settingsFor: () => off }).files.get('/r/kustomization.yaml'), []);
  });
});

