/** What the ABAC policy rules share. */
import type { AbacFileView, AbacPolicy } from '../../views/abac';
import type { Span } from '../../types';

export const ABAC_DOC = 'https://kubernetes.io/docs/reference/access-authn-authz/abac/';

/** The subjects a policy grants to: its `user` and `group` values with their spans. */
export function subjectsOf(file: AbacFileView, policy: AbacPolicy): Array<{ field: 'user' | 'group'; value: string; span: Span }> {
  const out: Array<{ field: 'user' | 'group'; value: string; span: Span }> = [];
  for (const field of ['user', 'group'] as const) {
    const v = file.stringField(policy, field);
    if (v) out.push({ field, ...v });
  }
  return out;
}
