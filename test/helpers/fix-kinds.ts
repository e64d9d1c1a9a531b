// Rule metadata declares which fix kinds a rule offers (`fixable`, and `suggestions` for a `fix` rule that also
// offers suggestions); rule pages are generated from it (scripts/gen-docs.ts). The test helpers pass every finding
// they lint through assertFixKindsDeclared, so a rule whose fixes go beyond its metadata fails its own tests.
import assert from 'node:assert/strict';
import { RULES } from '../../server/src/engine/rules';
import { findingFixes, type Finding, type FixKind, type RuleMeta } from '../../server/src/engine/types';

const META = new Map<string, RuleMeta>(RULES.map((r) => [r.meta.id, r.meta]));

/** The fix kinds `meta` says the rule may offer. */
export function declaredFixKinds(meta: RuleMeta): ReadonlySet<FixKind> {
  const kinds = new Set<FixKind>();
  if (meta.fixable) kinds.add(meta.fixable);
  if (meta.suggestions === true) kinds.add('suggestion');
  return kinds;
}

/** One line per fix of `findings` whose kind the rule's metadata does not declare. */
export function undeclaredFixKinds(findings: readonly Finding[], metas: ReadonlyMap<string, RuleMeta> = META): string[] {
  const out: string[] = [];
  for (const f of findings) {
    const meta = metas.get(f.ruleId);
    if (!meta) continue;
    const declared = declaredFixKinds(meta);
    for (const fix of findingFixes(f)) {
      if (!declared.has(fix.kind)) {
        out.push(`${f.ruleId}: offers a ${fix.kind} ("${fix.title}") but its metadata declares ${[...declared].join(' and ') || 'no fix'} (meta.fixable / meta.suggestions)`);
      }
    }
  }
  return out;
}

export function assertFixKindsDeclared(findings: readonly Finding[]): void {
  assert.deepEqual(undeclaredFixKinds(findings), [], 'fix kinds beyond the rule metadata');
}
