import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { generate, main, serialise, OUTPUT, SOURCE } from '../../../scripts/gen-schemas';

const ROOT = path.resolve(__dirname, '..', '..', '..');

test('schemas/kubernetes/bundle.json is what scripts/gen-schemas.ts generates (run `npm run schemas`)', () => {
  const fresh = serialise(generate());
  assert.ok(fresh === fs.readFileSync(OUTPUT, 'utf8'), 'schemas/kubernetes/bundle.json is out of date: run `npm run schemas`');
});

test('`npm run schemas -- --check` passes on the committed bundle and fails when it drifts', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gen-schemas.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /bundle\.json is up to date/);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipshape-schemas-'));
  try {
    const out = path.join(dir, 'bundle.json');
    const lines: string[] = [];
    // Missing, then stale (one field more than generated): both fail; written by the generator: passes.
    assert.equal(main(['--check'], out, (l) => lines.push(l), (l) => lines.push(l)), 1);
    const stale = JSON.parse(fs.readFileSync(OUTPUT, 'utf8')) as { definitions: Record<string, { properties: Record<string, unknown> }> };
    stale.definitions['core.v1.Container']!.properties.extra = { type: 'string' };
    fs.writeFileSync(out, JSON.stringify(stale) + '\n');
    assert.equal(main(['--check'], out, (l) => lines.push(l), (l) => lines.push(l)), 1);
    assert.match(lines.join('\n'), /is out of date: run `npm run schemas`/);
    assert.equal(main([], out, (l) => lines.push(l)), 0);
    assert.equal(main(['--check'], out, (l) => lines.push(l)), 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the generated bundle keys kinds by apiVersion and handles int-or-string, quantities and maps', () => {
  const b = generate();
  assert.equal(b.source, `kubernetes-models@${SOURCE.version} (Kubernetes ${SOURCE.kubernetes}) with NEWER_FIELDS`);
  assert.equal(b.kinds['apps/v1']?.Deployment, 'apps.v1.Deployment');
  assert.equal(b.kinds['v1']?.Pod, 'core.v1.Pod');
  assert.equal(b.kinds['batch/v1']?.CronJob, 'batch.v1.CronJob');
  assert.equal(b.kinds['rbac.authorization.k8s.io/v1']?.ClusterRole, 'rbac.v1.ClusterRole');
  assert.equal(b.kinds['policy/v1beta1']?.PodSecurityPolicy, 'policy.v1beta1.PodSecurityPolicy', 'removed API versions keep their last schema');
  assert.equal(b.kinds['v1']?.Config, undefined);
  // IntOrString and Quantity are inlined (aliases of a primitive type).
  const port = (b.definitions['core.v1.HTTPGetAction']!.properties as Record<string, unknown>).port;
  assert.deepEqual(port, { type: ['number', 'string'] });
  const limits = (b.definitions['core.v1.ResourceRequirements']!.properties as Record<string, unknown>).limits;
  assert.deepEqual(limits, { type: 'object', additionalProperties: { type: ['number', 'string'] } });
  assert.equal(b.definitions['api.resource.Quantity'], undefined);
  const container = b.definitions['core.v1.Container']!;
  assert.deepEqual(container.required, ['name']);
  assert.equal(container.additionalProperties, false);
  const labels = (b.definitions['meta.v1.ObjectMeta']!.properties as Record<string, unknown>).labels;
  assert.deepEqual(labels, { type: 'object', additionalProperties: { type: 'string' } });
  // Embedded and listed objects need no apiVersion/kind; other references keep their required `kind`.
  assert.equal(b.definitions['core.v1.Pod']!.required, undefined);
  assert.deepEqual(b.definitions['rbac.v1.RoleRef']!.required, ['kind', 'name']);
  // A kind's status is not checked, and the definitions only it used are left out.
  assert.deepEqual((b.definitions['core.v1.Pod']!.properties as Record<string, unknown>).status, {});
  assert.equal(b.definitions['core.v1.PodStatus'], undefined);
  // The newer hand-added field is there, and every reference resolves.
  assert.ok('cgroupOptions' in (b.definitions['core.v1.SecurityContext']!.properties as Record<string, unknown>));
  for (const ref of JSON.stringify(b).match(/"\$ref":"#\/definitions\/[^"]+"/g) ?? []) {
    assert.ok(b.definitions[ref.slice('"$ref":"#/definitions/'.length, -1)], ref);
  }
});

test('the documentation names the Kubernetes release the schemas come from', () => {
  const minor = SOURCE.kubernetes.split('.').slice(0, 2).join('.');
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.devDependencies[SOURCE.package], SOURCE.version, 'package.json pins the schema source exactly');
  const setting: string = pkg.contributes.configuration.properties['shipshape.schemaValidation'].markdownDescription;
  assert.ok(setting.includes(`Kubernetes ${minor}`) && setting.includes(SOURCE.package), setting);
  for (const doc of ['README.md', 'docs/rules/schema-unknown-field.md']) {
    const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
    assert.ok(text.includes(`Kubernetes ${minor}`), `${doc} names Kubernetes ${minor}`);
    assert.ok(!text.includes('kubernetes-types'), `${doc} no longer says the schemas come from kubernetes-types`);
  }
});
