import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('dangerous-capabilities', {
  valid: [
    { name: 'no cap_add', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    { name: 'baseline capabilities in any spelling', compose: `services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - NET_BIND_SERVICE\n      - cap_chown\n      - CAP_SETUID\n` },
    { name: 'cap_drop is not cap_add', compose: `services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL, SYS_ADMIN]\n` },
  ],
  invalid: [
    {
      name: 'capabilities outside the baseline set',
      compose: `services:\n  vpn:\n    image: linuxserver/wireguard:1.0\n    cap_add:\n      - NET_ADMIN\n      - sys_module\n      - CHOWN\n`,
      errors: [
        { at: 'NET_ADMIN', message: ['Service "vpn"', 'NET_ADMIN', 'cap_add'] },
        { at: 'sys_module', message: 'SYS_MODULE' },
      ],
    },
    {
      name: 'ALL, flow style',
      compose: `services:\n  tool:\n    image: busybox:1.36\n    cap_add: ["ALL"]\n`,
      errors: [{ at: '"ALL"', message: ['Service "tool"', 'ALL capabilities'] }],
    },
    {
      name: 'CAP_ prefix',
      compose: `services:\n  tool:\n    image: busybox:1.36\n    cap_add: [CAP_SYS_PTRACE]\n`,
      errors: [{ at: 'CAP_SYS_PTRACE', message: 'adds capability SYS_PTRACE' }],
    },
  ],
});

composeFixTests('dangerous-capabilities', [
  { name: 'remove from cap_add', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - SYS_ADMIN\n      - CHOWN\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    cap_add:\n      - CHOWN\n` },
]);
