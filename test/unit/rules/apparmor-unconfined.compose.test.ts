import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('apparmor-unconfined', {
  valid: [
    { name: 'no security_opt', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    { name: 'a named profile and seccomp off', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor=docker-default\n      - seccomp:unconfined\n` },
  ],
  invalid: [
    {
      name: 'apparmor unconfined in both forms',
      compose: `services:\n  build:\n    image: moby/buildkit:v0.13.0\n    security_opt:\n      - apparmor:unconfined\n      - 'apparmor=unconfined'\n`,
      errors: [
        { at: 'apparmor:unconfined', message: ['Service "build"', 'security_opt: apparmor:unconfined'] },
        { at: "'apparmor=unconfined'", message: 'apparmor=unconfined' },
      ],
    },
  ],
});

composeFixTests('apparmor-unconfined', [
  { name: 'removes apparmor=unconfined', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor=unconfined\n      - no-new-privileges:true\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n` },
]);
