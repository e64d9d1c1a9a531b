// rbac-binding-resolved is a relation rule: it judges objects with the project around them, so its cases (positive and
// negative, single-file, across folders and through kustomize overlays, related locations, suppressions) are in
// test/unit/project/relations.test.ts over test/fixtures/project/relations/. Here: alone, a document never gets it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText } from '../../../server/src/engine';

test('rbac-binding-resolved: linted alone (no project), a document never gets it', () => {
  for (const f of ['rbac-single/rbac.yaml', 'sa-single/pods.yaml']) {
    const text = readFileSync(join(__dirname, '..', '..', 'fixtures', 'project', 'relations', f), 'utf8');
    const findings = lintText(text, 'yaml');
    assert.ok(findings.length > 0, f);
    assert.equal(findings.filter((x) => x.ruleId === 'rbac-binding-resolved').length, 0, f);
  }
});
