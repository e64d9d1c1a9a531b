// docker-daemon-icc: "icc" in daemon.json (written, and when absent dockerd's default).
import { jsonConfigFixTests, jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-icc', 'docker-daemon', {
  valid: [
    { name: 'the safe value written', text: '{\n  "icc": false\n}\n' },
    { name: 'a value of the wrong type (dockerd refuses the file; not this rule)', text: '{ "icc": "yes" }\n' },
  ],
  invalid: [
    { name: 'the unsafe value written', text: '{\n  "debug": false,\n  "icc": true\n}\n', errors: [{ at: '"icc": true', message: '"icc": true' }] },
    { name: 'absent: dockerd\'s default applies', text: '{\n  "log-level": "info"\n}\n', errors: [{ at: '{', message: '"icc" is not set' }] },
  ],
});

jsonConfigFixTests('docker-daemon-icc', 'docker-daemon', [
  { name: 'a written value changes only through a suggestion', text: '{\n  "icc": true\n}\n', kind: 'suggestion', expectedOutput: '{\n  "icc": false\n}\n' },
  { name: 'adds the missing setting first, indented like the others', text: '{\n  "log-level": "info"\n}\n', kind: 'suggestion', expectedOutput: '{\n  "icc": false,\n  "log-level": "info"\n}\n' },
  { name: 'into an empty object', text: '{}\n', kind: 'suggestion', expectedOutput: '{ "icc": false }\n' },
]);
