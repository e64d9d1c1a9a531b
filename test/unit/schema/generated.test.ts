import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { generate, serialise, OUTPUT } from '../../../scripts/gen-schemas';

test('schemas/kubernetes/bundle.json is what scripts/gen-schemas.ts generates (run `npm run schemas`)', () => {
  const fresh = serialise(generate());
  assert.ok(fresh === fs.readFileSync(OUTPUT, 'utf8'), 'schemas/kubernetes/bundle.json is out of date: run `npm run schemas`');
});

test('the generated bundle keys kinds by apiVersion and handles int-or-string, quantities and maps', () => {
  const b = generate();
  assert.equal(b.kinds['apps/v1']?.Deployment, 'apps.v1.Deployment');
  assert.equal(b.kinds['v1']?.Pod, 'core.v1.Pod');
  assert.equal(b.kinds['batch/v1']?.CronJob, 'batch.v1.CronJob');
  assert.equal(b.kinds['v1']?.Config, undefined);
  const port = (b.definitions['core.v1.HTTPGetAction']!.properties as Record<string, unknown>).port;
  assert.deepEqual(port, { type: ['number', 'string'] });
  assert.deepEqual(b.definitions['api.resource.Quantity'], { type: ['string', 'number'] });
  const container = b.definitions['core.v1.Container']!;
  assert.deepEqual(container.required, ['name']);
  assert.equal(container.additionalProperties, false);
  const labels = (b.definitions['meta.v1.ObjectMeta']!.properties as Record<string, unknown>).labels;
  assert.deepEqual(labels, { type: 'object', additionalProperties: { type: 'string' } });
  assert.deepEqual(b.definitions['runtime.RawExtension'], {});
});
