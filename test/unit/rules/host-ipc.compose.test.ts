import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('host-ipc', {
  valid: [
    { name: 'no ipc', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    { name: 'shareable and another service', compose: `services:\n  a:\n    image: nginx:1.27\n    ipc: shareable\n  b:\n    image: nginx:1.27\n    ipc: "service:a"\n` },
  ],
  invalid: [
    {
      name: 'ipc: host',
      compose: `services:\n  shm:\n    image: redis:7.2\n    ipc: host\n`,
      errors: [{ at: 'ipc: host', message: ['Service "shm"', 'ipc: host'] }],
    },
  ],
});

composeFixTests('host-ipc', [
  { name: 'removes ipc: host (a suggestion)', kind: 'suggestion', compose: `services:\n  agent:\n    image: nginx:1.27\n    ipc: host\n    restart: always\n`, expectedOutput: `services:\n  agent:\n    image: nginx:1.27\n    restart: always\n` },
]);
