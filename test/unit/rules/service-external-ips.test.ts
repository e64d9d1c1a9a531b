import { test } from 'node:test';
import { assertFindings, dedent, findingsOf } from '../../helpers/rule-tester';
import { assertFix } from '../../helpers/fix-tester';

const ID = 'service-external-ips';
const check = (text: string, expected: Parameters<typeof assertFindings>[2]) => assertFindings(text, findingsOf(ID, text), expected);

/** The reproduction of issue 16 (CVE-2020-8554): a Service claiming an address it does not own. */
const EXTERNAL = dedent(`
  apiVersion: v1
  kind: Service
  metadata:
    name: intercept
    namespace: team-a
  spec:
    selector:
      app: mitm
    ports:
    - port: 443
    externalIPs:
    - 23.185.0.3
`);

test(`${ID} invalid: externalIPs, underlined on the key, addresses named`, () => {
  check(EXTERNAL, [{ at: 'externalIPs', message: ['Service "intercept"', '23.185.0.3', 'CVE-2020-8554'] }]);
});

test(`${ID} invalid: a flow list; long lists are shortened`, () => {
  const text = EXTERNAL.replace('  externalIPs:\n  - 23.185.0.3\n', '  externalIPs: [10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5]\n');
  check(text, [{ at: 'externalIPs', message: '10.0.0.1, 10.0.0.2, 10.0.0.3, and 2 more' }]);
});

test(`${ID} valid: no externalIPs, an empty or null list, other kinds`, () => {
  check(EXTERNAL.replace('  externalIPs:\n  - 23.185.0.3\n', ''), []);
  check(EXTERNAL.replace('  externalIPs:\n  - 23.185.0.3\n', '  externalIPs: []\n'), []);
  check(EXTERNAL.replace('  externalIPs:\n  - 23.185.0.3\n', '  externalIPs:\n'), []);
  check(EXTERNAL.replace('kind: Service', 'kind: Endpoints'), []);
});

test(`${ID} suggestion: remove externalIPs`, () => {
  assertFix(EXTERNAL, ID, { kind: 'suggestion', expectedOutput: EXTERNAL.replace('  externalIPs:\n  - 23.185.0.3\n', '') });
});
