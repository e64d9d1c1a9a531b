import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('privileged-container', {
  valid: [
    { name: 'no privileged key', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    { name: 'privileged: false', compose: `services:\n  web:\n    image: nginx:1.27\n    privileged: false\n` },
    { name: 'a string that is not true', compose: `services:\n  web:\n    image: nginx:1.27\n    privileged: "yes"\n` },
    { name: 'an interpolated value is not judged', compose: `services:\n  web:\n    image: nginx:1.27\n    privileged: \${PRIVILEGED:-false}\n` },
  ],
  invalid: [
    {
      name: 'privileged: true',
      compose: `services:\n  web:\n    image: nginx:1.27\n    privileged: true\n  db:\n    image: postgres:16\n`,
      errors: [{ at: 'privileged: true', message: ['Service "web"', 'privileged: true'] }],
    },
    {
      name: 'the string "true" (Compose casts it to a boolean)',
      compose: `services:\n  web:\n    build: .\n    privileged: "TRUE"\n`,
      errors: [{ at: 'privileged: "TRUE"', message: 'Service "web"' }],
    },
    {
      name: 'in an override file (compose file by name only)',
      namedOnly: true,
      compose: `services:\n  debug:\n    privileged: true  # for perf\n`,
      errors: [{ at: 'privileged: true', message: 'Service "debug"' }],
    },
    {
      name: 'merged from an anchor: one finding at the anchor',
      compose: `x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: busybox:1.36\n  b:\n    <<: *base\n    image: busybox:1.36\n`,
      errors: [{ at: 'privileged: true', message: 'Service "a"' }],
    },
  ],
});

composeFixTests('privileged-container', [
  { name: 'privileged: true -> false', kind: 'fix', compose: `services:\n  web:\n    image: nginx:1.27\n    privileged: true\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    privileged: false\n` },
]);
