// port-all-interfaces: compose ports published without a host IP (CIS Docker 5.14).
import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('port-all-interfaces', {
  valid: [
    { name: 'bound to loopback', compose: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n      - "[::1]:8443:443/tcp"\n` },
    { name: 'long syntax with host_ip', compose: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: "8080"\n        host_ip: 10.0.0.5\n` },
    { name: 'long syntax, not published', compose: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n` },
  ],
  invalid: [
    {
      name: 'the issue\'s case and friends',
      compose: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n      - 0.0.0.0:8443:443\n      - "9000"\n`,
      errors: [{ at: '8080:80', message: 'publishes "8080:80" on all host interfaces' }, { at: '0.0.0.0:8443:443' }, { at: '9000' }],
    },
    { name: 'long syntax without host_ip', compose: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: 8080\n`, errors: [{ at: 'published: 8080', message: 'port 8080' }] },
  ],
});

composeFixTests('port-all-interfaces', [
  { name: 'binds to 127.0.0.1 (a suggestion)', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n` },
  { name: 'replaces 0.0.0.0', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - 0.0.0.0:8080:80\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "127.0.0.1:8080:80"\n` },
]);
