/** Small helpers shared by the RBAC rules. */
import { WILDCARD } from '../../views/rbac';

/** `get, list` or `"*" (every verb)` for messages. */
export function verbList(verbs: readonly string[]): string {
  return verbs.map((v) => (v === WILDCARD ? '"*" (every verb)' : v)).join(', ');
}

export const RBAC_GOOD_PRACTICES = 'https://kubernetes.io/docs/concepts/security/rbac-good-practices/';
export const RBAC_DOCS = 'https://kubernetes.io/docs/reference/access-authn-authz/rbac/';
