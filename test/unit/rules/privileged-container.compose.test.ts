import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('privileged-container', {
  valid: [
    { name: 'no privileged key', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    { name: 'privileged: false', compose: `services:\n  web:\n    image: nginx:1.27\n    privileged: false\n` },
    { name: 'a string that is not a boolean', compose: `services:\n  web:\n    image: nginx:1.27\n    privileged: "sure"\n` },
    { name: 'off: compose-go casts it to false', compose: `services:\n  web:\n    image: nginx:1.27\n    privileged: off\n` },
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
      name: 'yes, quoted or not, in any case (compose-go casts y, yes, on to true)',
      compose: `services:\n  a:\n    image: nginx:1.27\n    privileged: "yes"\n  b:\n    image: nginx:1.27\n    privileged: ON\n  c:\n    image: nginx:1.27\n    privileged: Y\n`,
      errors: [
        { at: 'privileged: "yes"', message: 'Service "a"' },
        { at: 'privileged: ON', message: 'Service "b"' },
        { at: 'privileged: Y', message: 'Service "c"' },
      ],
    },
    {
      name: 'merged from an anchor: every merging service, on its own << line',
      compose: `x-base: &base\n  privileged: true\nservices:\n  a:\n    <<: *base\n    image: busybox:1.36\n  b:\n    <<: *base\n    image: busybox:1.36\n  c:\n    <<: *base\n    privileged: false\n    image: busybox:1.36\n`,
      errors: [
        { at: '<<: *base', message: 'Service "a"' },
        { at: '<<: *base', occurrence: 1, message: 'Service "b"' },
      ],
    },
  ],
});

composeFixTests('privileged-container', [
  { name: 'privileged: true -> false', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    privileged: true\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    privileged: false\n` },
]);
