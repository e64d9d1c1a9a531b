import { composeRuleTests } from '../../helpers/compose-tester';
import { settingsWith } from '../../helpers/rule-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('run-as-root', {
  valid: [
    { name: 'no user: the image decides', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    { name: 'non-root users and a root group', compose: `services:\n  a:\n    image: nginx:1.27\n    user: "1000:1000"\n  b:\n    image: nginx:1.27\n    user: nginx\n  c:\n    image: nginx:1.27\n    user: "unit:root"\n  d:\n    image: nginx:1.27\n    user: \${UID}:\${GID}\n` },
    { name: 'a restricted rule: off under profile baseline', compose: `services:\n  web:\n    image: nginx:1.27\n    user: root\n`, settings: settingsWith({ profile: 'baseline' }) },
  ],
  invalid: [
    {
      name: 'root by name and by id, with and without a group',
      compose: `services:\n  a:\n    image: busybox:1.36\n    user: root\n  b:\n    image: busybox:1.36\n    user: 0\n  c:\n    image: busybox:1.36\n    user: "0:0"\n  d:\n    image: busybox:1.36\n    user: root:root\n`,
      errors: [
        { at: 'user: root', message: ['Service "a"', 'runs as root (user: root)'] },
        { at: 'user: 0', message: ['Service "b"', 'user: 0'] },
        { at: 'user: "0:0"', message: ['Service "c"', 'user: 0:0'] },
        { at: 'user: root:root', message: 'Service "d"' },
      ],
    },
  ],
});

composeFixTests('run-as-root', [
  { name: 'user: root -> "10001"', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    user: root\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n    user: "10001"\n` },
]);
