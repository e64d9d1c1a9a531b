import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('seccomp-unconfined', {
  valid: [
    { name: 'no security_opt', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    {
      name: 'a profile file, no-new-privileges, apparmor',
      compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - seccomp=./seccomp.json\n      - no-new-privileges:true\n      - apparmor:unconfined\n`,
    },
    { name: 'another option whose value is unconfined', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt: ["systempaths=unconfined"]\n` },
  ],
  invalid: [
    {
      name: 'legacy colon form and equals form',
      compose: `services:\n  a:\n    image: busybox:1.36\n    security_opt:\n      - seccomp:unconfined\n  b:\n    image: busybox:1.36\n    security_opt: ["seccomp=unconfined"]\n`,
      errors: [
        { at: 'seccomp:unconfined', message: ['Service "a"', 'security_opt: seccomp:unconfined'] },
        { at: '"seccomp=unconfined"', message: ['Service "b"', 'seccomp=unconfined'] },
      ],
    },
  ],
});

composeFixTests('seccomp-unconfined', [
  { name: 'removes seccomp:unconfined', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n      - seccomp:unconfined\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n` },
  { name: 'the only option', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt: [seccomp=unconfined]\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    security_opt: []\n` },
]);
