// restart-policy-unlimited: restart: always / unless-stopped, or deploy.restart_policy without max_attempts (CIS Docker 5.15).
import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('restart-policy-unlimited', {
  valid: [
    { name: 'on-failure:5', compose: `services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:5\n` },
    { name: 'no restart policy', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    { name: 'deploy with max_attempts', compose: `services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 5\n` },
    { name: 'deploy condition none', compose: `services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: none\n` },
  ],
  invalid: [
    { name: 'always', compose: `services:\n  web:\n    image: nginx:1.27\n    restart: always\n`, errors: [{ at: 'restart: always', message: 'restart: always' }] },
    { name: 'unless-stopped', compose: `services:\n  web:\n    image: nginx:1.27\n    restart: "unless-stopped"\n`, errors: [{ at: 'restart: "unless-stopped"' }] },
    {
      name: 'deploy.restart_policy without max_attempts',
      compose: `services:\n  web:\n    image: nginx:1.27\n    deploy:\n      restart_policy:\n        condition: any\n`,
      errors: [{ at: 'restart_policy', message: 'condition any' }],
    },
  ],
});

composeFixTests('restart-policy-unlimited', [
  { name: 'on-failure:5 (a suggestion)', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    restart: always\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    restart: on-failure:5\n` },
]);
