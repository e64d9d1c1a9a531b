import { composeRuleTests } from '../../helpers/compose-tester';
import { settingsWith } from '../../helpers/rule-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('missing-cpu-limit', {
  valid: [
    { name: 'cpus', compose: `services:\n  web:\n    image: nginx:1.27\n    cpus: 0.5\n` },
    { name: 'cpu_quota', compose: `services:\n  web:\n    image: nginx:1.27\n    cpu_quota: 50000\n` },
    { name: 'deploy.resources.limits.cpus', compose: `services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: '1.5'\n` },
    { name: 'turned off', compose: `services:\n  web:\n    image: nginx:1.27\n`, settings: settingsWith({ rules: { 'missing-cpu-limit': 'off' } }) },
  ],
  invalid: [
    {
      name: 'no limit',
      compose: `services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n`,
      errors: [{ at: 'web', message: ['Service "web" has no CPU limit', 'cpus or deploy.resources.limits.cpus'] }],
    },
    {
      name: 'zero cpus in deploy',
      compose: `services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "0"\n`,
      errors: [{ at: 'cpus: "0"', message: ['deploy.resources.limits.cpus: "0"', 'no CPU limit'] }],
    },
  ],
});

composeFixTests('missing-cpu-limit', [
  { name: 'cpus from the default (500m -> 0.5)', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    mem_limit: 256m\n    cpus: 0.5\n` },
  { name: 'deploy limits cpus "0" gets a string', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits: {cpus: "0"}\n`, contains: ['limits: {cpus: "0.5"}'] },
]);
