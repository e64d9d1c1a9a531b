// writable-root-filesystem in compose files: read_only (CIS Docker 5.13).
import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('writable-root-filesystem', {
  valid: [{ name: 'read_only: true', compose: `services:\n  web:\n    image: nginx:1.27\n    read_only: true\n` }],
  invalid: [
    { name: 'missing', compose: `services:\n  web:\n    image: nginx:1.27\n`, errors: [{ at: 'web', message: 'does not set read_only: true' }] },
    { name: 'false', compose: `services:\n  web:\n    image: nginx:1.27\n    read_only: false\n`, errors: [{ at: 'read_only: false' }] },
  ],
});

composeFixTests('writable-root-filesystem', [
  { name: 'sets read_only (a suggestion)', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    read_only: true\n` },
]);
