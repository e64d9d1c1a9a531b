// missing-pids-limit: compose services without a PIDs limit (CIS Docker 5.29).
import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('missing-pids-limit', {
  valid: [
    { name: 'pids_limit', compose: `services:\n  web:\n    image: nginx:1.27\n    pids_limit: 100\n` },
    { name: 'deploy.resources.limits.pids', compose: `services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          pids: 100\n` },
    { name: 'an override fragment without image or build', namedOnly: true, compose: `services:\n  web:\n    environment:\n      LOG_LEVEL: debug\n` },
  ],
  invalid: [
    { name: 'none', compose: `services:\n  web:\n    image: nginx:1.27\n`, errors: [{ at: 'web', message: 'Service "web" has no PIDs limit' }] },
    { name: 'pids_limit: -1', compose: `services:\n  web:\n    image: nginx:1.27\n    pids_limit: -1\n`, errors: [{ at: 'pids_limit: -1', message: 'no PIDs limit' }] },
  ],
});

composeFixTests('missing-pids-limit', [
  { name: 'adds pids_limit (a suggestion: the value is a choice)', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    pids_limit: 200\n` },
]);
