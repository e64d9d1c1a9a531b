/** Message pieces the secret rules share. */
import type { Evidence } from '../../secrets';

/**
 * What a finding says about its evidence: the kind of credential found
 * ("holds what looks like an AWS access key ID"), never the value, a part of
 * it or its length.
 */
export function describeEvidence(e: Evidence): string {
  switch (e.kind) {
    case 'format':
      return `holds what looks like ${e.label}`;
    case 'name':
      return 'has a literal value, and its name says it is a credential';
    case 'setting':
      return `sets "${e.setting}" to a literal value that looks like a credential`;
    case 'random':
      return 'holds a high-entropy string that looks like a key or token';
  }
}
