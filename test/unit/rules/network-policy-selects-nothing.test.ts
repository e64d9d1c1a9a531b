// Project rule network-policy-selects-nothing (issue 19): a policy whose podSelector matches no
// workload of the project in its namespace (test/fixtures/project/relations/network-single).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintFixture, only } from '../../helpers/relations';

describe('network-policy-selects-nothing: one file', () => {
  const p = lintFixture('network-single');
  const file = p.path('all.yaml');

  it('reports a policy that selects nothing at its podSelector (info)', () => {
    const ghost = p.findings(file).find((f) => f.ruleId === 'network-policy-selects-nothing')!;
    assert.equal(ghost.severity, 'info');
    assert.equal(ghost.message, 'NetworkPolicy "ghost" selects app=gone, which matches no workload of the project in namespace "shop": it isolates nothing here.');
    assert.equal(p.slice(file, ghost.span), 'podSelector');
  });

  it('a file linted alone (no project) has none of these findings', () => {
    assert.deepEqual(only(p.alone(file), ['network-policy-selects-nothing']), []);
  });
});
