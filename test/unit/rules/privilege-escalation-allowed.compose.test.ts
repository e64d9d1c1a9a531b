// privilege-escalation-allowed in compose files: security_opt no-new-privileges (CIS Docker 5.26).
import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('privilege-escalation-allowed', {
  valid: [
    { name: 'no-new-privileges:true', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n` },
    { name: 'no-new-privileges alone', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt: ["no-new-privileges"]\n` },
    { name: 'no-new-privileges=true', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges=true\n` },
  ],
  invalid: [
    { name: 'missing', compose: `services:\n  web:\n    image: nginx:1.27\n`, errors: [{ at: 'web', message: 'no-new-privileges:true' }] },
    { name: 'false', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:false\n`, errors: [{ at: 'no-new-privileges:false', message: 'sets security_opt no-new-privileges:false' }] },
  ],
});

composeFixTests('privilege-escalation-allowed', [
  { name: 'adds security_opt (a safe fix)', kind: 'fix', compose: `services:\n  web:\n    image: nginx:1.27\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n` },
  { name: 'appends to an existing list', kind: 'fix', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor:docker-default\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor:docker-default\n      - no-new-privileges:true\n` },
  { name: 'a written false changes through a suggestion', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:false\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n` },
]);
