// docker-daemon-no-new-privileges: "no-new-privileges" in daemon.json (written, and when absent dockerd's default).
import { jsonConfigFixTests, jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-no-new-privileges', 'docker-daemon', {
  valid: [
    { name: 'the safe value written', text: '{\n  "no-new-privileges": true\n}\n' },
    { name: 'a value of the wrong type (dockerd refuses the file; not this rule)', text: '{ "no-new-privileges": "yes" }\n' },
  ],
  invalid: [
    { name: 'the unsafe value written', text: '{\n  "debug": false,\n  "no-new-privileges": false\n}\n', errors: [{ at: '"no-new-privileges": false', message: '"no-new-privileges": false' }] },
    { name: 'absent: dockerd\'s default applies', text: '{\n  "log-level": "info"\n}\n', errors: [{ at: '{', message: '"no-new-privileges" is not set' }] },
  ],
});

jsonConfigFixTests('docker-daemon-no-new-privileges', 'docker-daemon', [
  { name: 'a written value changes only through a suggestion', text: '{\n  "no-new-privileges": false\n}\n', kind: 'suggestion', expectedOutput: '{\n  "no-new-privileges": true\n}\n' },
  { name: 'adds the missing setting first, indented like the others', text: '{\n  "log-level": "info"\n}\n', kind: 'fix', expectedOutput: '{\n  "no-new-privileges": true,\n  "log-level": "info"\n}\n' },
  { name: 'into an empty object', text: '{}\n', kind: 'fix', expectedOutput: '{ "no-new-privileges": true }\n' },
]);
