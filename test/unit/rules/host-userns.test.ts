// host-userns: compose userns_mode: host (CIS Docker 5.31).
import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('host-userns', {
  valid: [{ name: 'no userns_mode', compose: `services:\n  web:\n    image: nginx:1.27\n` }],
  invalid: [{ name: 'userns_mode: host', compose: `services:\n  web:\n    image: nginx:1.27\n    userns_mode: "host"\n`, errors: [{ at: 'userns_mode: "host"', message: 'root in it is root on the host' }] }],
});

composeFixTests('host-userns', [
  { name: 'removes userns_mode: host (a suggestion)', kind: 'suggestion', compose: `services:\n  web:\n    image: nginx:1.27\n    userns_mode: host\n`, expectedOutput: `services:\n  web:\n    image: nginx:1.27\n` },
]);
