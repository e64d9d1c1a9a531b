// shared-mount-propagation: bind mounts with shared or rshared propagation (CIS Docker 5.20).
import { composeRuleTests } from '../../helpers/compose-tester';

composeRuleTests('shared-mount-propagation', {
  valid: [
    { name: 'default propagation', compose: `services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site:/usr/share/nginx/html:ro\n` },
    { name: 'rslave', compose: `services:\n  agent:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: rslave\n` },
  ],
  invalid: [
    { name: 'short syntax', compose: `services:\n  agent:\n    image: nginx:1.27\n    volumes:\n      - /mnt/data:/data:ro,rshared\n`, errors: [{ at: '/mnt/data:/data:ro,rshared', message: 'rshared propagation' }] },
    {
      name: 'long syntax',
      compose: `services:\n  agent:\n    image: nginx:1.27\n    volumes:\n      - type: bind\n        source: /mnt\n        target: /mnt\n        bind:\n          propagation: shared\n`,
      errors: [{ at: 'propagation: shared', message: 'shared propagation' }],
    },
  ],
});
