/** Message pieces the secret rules share. */
import type { Evidence } from '../../secrets';

/** "looks like an AWS access key ID: AKIA…(20 chars)" and friends: what a finding says about its evidence (never the value). */
export function describeEvidence(e: Evidence): string {
  switch (e.kind) {
    case 'format':
      return `holds ${e.label}: ${e.hint}`;
    case 'name':
      return `has a credential-like name and a literal value: ${e.hint}`;
    case 'setting':
      return `sets "${e.setting}" to a literal value: ${e.hint}`;
    case 'random':
      return `holds a high-entropy string that looks like a key or token: ${e.hint}`;
  }
}
