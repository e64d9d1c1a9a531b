// The project layer's linting (engine/project/lint-project.ts) over kustomize layouts: findings of the
// built objects reported where their values were written, patches never linted as whole objects,
// a base used by several overlays reported once, build problems as kustomize-build findings,
// suppressions and fixes at the reported line. Fixtures: test/fixtures/project/.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, findingFixes, lintText, type Finding } from '../../../server/src/engine';
import { applyEdits } from '../../../server/src/engine/fixes/apply';
import { fixProject } from '../../../server/src/engine/project/fix-project';
import { lintProject } from '../../../server/src/engine/project/lint-project';
import type { ProjectHost } from '../../../server/src/engine/project/types';
import { LineIndex } from '../../../server/src/engine/text';
import { diskHost, memoryHost } from '../../helpers/kustomize-host';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'project');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(e.name)) out.push(p);
  }
  return out;
}

const options = (root: string) => ({ settingsFor: () => DEFAULT_SETTINGS, root });

function lint(dir: string, host: ProjectHost = diskHost()) {
  const root = join(FIXTURES, dir);
  return { root, host, result: lintProject(host, yamlFiles(root), options(root)) };
}

/** `rule@line` of a file's findings (1-based lines). */
function summary(host: ProjectHost, file: string, findings: readonly Finding[] | undefined): string[] {
  const index = new LineIndex(host.readFile(file) ?? '');
  return (findings ?? []).map((f) => `${f.ruleId}@${index.position(f.span.start).line + 1}`);
}

describe('lintProject: an Argo CD-style layout (base and overlays with patches)', () => {
  const { root, host, result } = lint('argo');
  const at = (rel: string) => summary(host, join(root, rel), result.files.get(join(root, rel)));

  it('reports a patch that adds privileged: true as privileged-container on the patch line, naming the overlay', () => {
    const file = join(root, 'overlays/prod/privileged.yaml');
    const findings = result.files.get(file) ?? [];
    assert.deepEqual(summary(host, file, findings), ['privileged-container@12']);
    const f = findings[0]!;
    assert.deepEqual(f.builds, [join(root, 'overlays/prod/kustomization.yaml')]);
    assert.match(f.message, /\(in kustomization overlays\/prod\)$/);
    assert.equal(host.readFile(file)!.slice(f.span.start, f.span.end), 'privileged');
  });

  it('gives patch files only what the built object has: nothing for replicas, env, resources, $patch: delete and JSON 6902 patches', () => {
    for (const rel of ['overlays/prod/replicas.yaml', 'overlays/prod/env.yaml', 'overlays/staging/resources.yaml', 'overlays/staging/delete-service.yaml', 'overlays/staging/replicas-json.yaml']) {
      assert.deepEqual(at(rel), [], rel);
    }
  });

  it('reports a base used by several overlays once per line, naming them all', () => {
    assert.deepEqual(at('base/deployment.yaml'), ['image-latest-tag@26']);
    const f = result.files.get(join(root, 'base/deployment.yaml'))![0]!;
    assert.deepEqual(
      f.builds,
      ['prod', 'sidecar', 'staging', 'suppressed'].map((o) => join(root, `overlays/${o}/kustomization.yaml`)),
    );
    assert.match(f.message, /\(in kustomizations overlays\/prod, overlays\/sidecar, overlays\/staging, overlays\/suppressed\)$/);
  });

  it('reports a container a patch adds at the patch, with only what the base does not already set', () => {
    assert.deepEqual(at('overlays/sidecar/sidecar.yaml'), ['image-not-pinned@11', 'capabilities-not-dropped@12', 'privilege-escalation-allowed@12']);
  });

  it('applies a shipshape-disable-next-line comment in the patch to the finding reported there', () => {
    assert.deepEqual(at('overlays/suppressed/privileged.yaml'), []);
  });

  it('lints the kustomization files and plain files as before', () => {
    assert.deepEqual(at('overlays/prod/kustomization.yaml'), []);
  });

  it('gives a finding reported in a patch the fix of that patch, and none for a suggestion-only rule', () => {
    const file = join(root, 'overlays/sidecar/sidecar.yaml');
    const text = host.readFile(file)!;
    const f = result.files.get(file)!.find((x) => x.ruleId === 'privilege-escalation-allowed')!;
    const fixes = findingFixes(f).filter((x) => x.kind === 'fix');
    assert.equal(fixes.length, 1);
    const fixed = applyEdits(text, fixes[0]!.edits)!;
    assert.match(fixed, /allowPrivilegeEscalation: false/);
    assert.equal(fixed.split('\n')[0], 'apiVersion: apps/v1');
    const privileged = result.files.get(join(root, 'overlays/prod/privileged.yaml'))![0]!;
    // The suggestion of the patch linted alone, though it reports the key and value where the build reports the key.
    assert.deepEqual(findingFixes(privileged).map((x) => [x.kind, x.title]), [['suggestion', 'Set privileged: false']]);
  });

  it('without kustomize, every file is linted alone (the old behaviour)', () => {
    const alone = lintProject(host, yamlFiles(root), { ...options(root), kustomize: false });
    const file = join(root, 'overlays/prod/replicas.yaml');
    assert.deepEqual(summary(host, file, alone.files.get(file)), summary(host, file, lintText(host.readFile(file)!, 'yaml')));
    assert.ok((alone.files.get(file) ?? []).some((f) => f.ruleId === 'schema-required'));
  });
});

describe('lintProject: patches on a base that is not hardened', () => {
  const { root, host, result } = lint('unhardened');

  it('reports what a patch only names (the container it merges into) at the base, not in the patch', () => {
    assert.deepEqual(summary(host, join(root, 'overlays/a/env.yaml'), result.files.get(join(root, 'overlays/a/env.yaml'))), []);
  });

  it('reports a value the patch changed in the patch, for its overlay only', () => {
    const file = join(root, 'overlays/b/scale.yaml');
    const findings = result.files.get(file) ?? [];
    assert.deepEqual(summary(host, file, findings), ['image-not-pinned@11']);
    assert.deepEqual(findings[0]!.builds, [join(root, 'overlays/b/kustomization.yaml')]);
  });

  it('reports each base line once per rule, naming the overlays that have it', () => {
    const findings = result.files.get(join(root, 'base/deployment.yaml')) ?? [];
    const keys = findings.map((f) => `${f.ruleId}@${f.span.start}`);
    assert.equal(new Set(keys).size, keys.length);
    const both = ['a', 'b'].map((o) => join(root, `overlays/${o}/kustomization.yaml`));
    const at = (rule: string, name: string) => findings.filter((f) => f.ruleId === rule && f.container === name);
    assert.deepEqual(at('run-as-root', 'api').map((f) => f.builds), [both]);
    assert.deepEqual(at('run-as-root', 'worker').map((f) => f.builds), [both]);
    // The worker's image is overlay b's own: the base's is only in overlay a.
    assert.deepEqual(at('image-not-pinned', 'worker').map((f) => f.builds), [[both[0]]]);
  });
});

describe('lintProject: a patch that overrides a value the base wrote', () => {
  const { root, host, result } = lint('override');
  const file = join(root, 'overlays/debug/debug.yaml');

  it('reports the patch line, with the base value it overrides and the entry that applies it as related locations', () => {
    const findings = result.files.get(file) ?? [];
    assert.deepEqual(summary(host, file, findings), ['privileged-container@11']);
    const related = findings[0]!.related ?? [];
    const base = join(root, 'base/deployment.yaml');
    const kustomization = join(root, 'overlays/debug/kustomization.yaml');
    assert.deepEqual(related.map((r) => [r.file, r.message]), [
      [base, "overrides the base's value here"],
      [kustomization, 'the patch is applied here'],
    ]);
    const text = (r: (typeof related)[number]) => host.readFile(r.file!)!.slice(r.span.start, r.span.end);
    assert.equal(text(related[0]!), 'false');
    assert.equal(new LineIndex(host.readFile(base)!).position(related[0]!.span.start).line + 1, 26);
    assert.equal(text(related[1]!), 'path: debug.yaml');
  });

  it('gives the base nothing for the value the overlay replaced', () => {
    assert.deepEqual(result.files.get(join(root, 'base/deployment.yaml')) ?? [], []);
  });

  it('a patch that adds a value (nothing to override) names only the entry that applies it', () => {
    const argo = lint('argo');
    const f = argo.result.files.get(join(argo.root, 'overlays/prod/privileged.yaml'))![0]!;
    assert.deepEqual(f.related?.map((r) => [r.file, r.message]), [[join(argo.root, 'overlays/prod/kustomization.yaml'), 'the patch is applied here']]);
  });
});

describe('lintProject: generators, transformers and annotations', () => {
  const files = {
    '/r/kustomization.yaml': 'resources:\n  - pod.yaml\nsecretGenerator:\n  - name: creds\n    literals:\n      - password=Zx9kQ2mP7vLw4RtY8nB3\n',
    '/r/pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    ignore-check.shipshape.dev/image-latest-tag: "test image"\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n',
    '/r/plain.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: q\nspec:\n  containers:\n    - name: c\n      image: nginx:latest\n',
  };
  const host = memoryHost(files);
  const result = lintProject(host, Object.keys(files), { settingsFor: () => DEFAULT_SETTINGS, root: '/r' });
  const text = (f: keyof typeof files, x: Finding) => files[f].slice(x.span.start, x.span.end);

  it('reports a plaintext secretGenerator literal on its line in the kustomization, the root build named by its folder', () => {
    const secret = result.files.get('/r/kustomization.yaml')!.filter((f) => f.ruleId === 'secret-in-manifest');
    assert.equal(secret.length, 1);
    assert.equal(text('/r/kustomization.yaml', secret[0]!), 'password=Zx9kQ2mP7vLw4RtY8nB3');
    assert.match(secret[0]!.message, /\(in kustomization r\)$/);
    assert.doesNotMatch(secret[0]!.message, /Zx9kQ2mP7vLw4RtY8nB3/);
  });

  it('honours an exemption annotation of the built object; a file no build uses is linted alone', () => {
    assert.ok(!result.files.get('/r/pod.yaml')!.some((f) => f.ruleId === 'image-latest-tag'));
    assert.ok(result.files.get('/r/pod.yaml')!.every((f) => f.builds?.length === 1));
    const plain = result.files.get('/r/plain.yaml')!;
    assert.ok(plain.some((f) => f.ruleId === 'image-latest-tag'));
    assert.ok(plain.every((f) => f.builds === undefined));
  });
});

describe('fixProject', () => {
  it('edits the patch file that the finding is reported in, and leaves the base alone', () => {
    const root = join(FIXTURES, 'argo');
    const files = yamlFiles(root);
    const disk = diskHost();
    const result = fixProject(disk, files, options(root));
    assert.deepEqual([...result.texts.keys()], [join(root, 'overlays/sidecar/sidecar.yaml')]);
    const text = result.texts.get(join(root, 'overlays/sidecar/sidecar.yaml'))!;
    assert.match(text, /allowPrivilegeEscalation: false/);
    assert.match(text, /drop:/);
    const left = result.lint.files.get(join(root, 'overlays/sidecar/sidecar.yaml'))!.map((f) => f.ruleId);
    assert.deepEqual(left, ['image-not-pinned']);
  });
});
