// host-uts: compose uts: host (CIS Docker 5.21).
import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('host-uts', {
  valid: [{ name: 'no uts', compose: `services:\n  web:\n    image: nginx:1.27\n` }],
  invalid: [{ name: 'uts: host', compose: `services:\n  web:\n    image: nginx:1.27\n    uts: host\n`, errors: [{ at: 'uts: host', message: 'Service "web" shares the host UTS namespace' }] }],
});

composeFixTests('host-uts', [
  { name: 'removes uts: host (a suggestion)', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    uts: host\n    restart: on-failure:5\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:5\n` },
]);
