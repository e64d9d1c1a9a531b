// docker-daemon-live-restore: "live-restore" in daemon.json (written, and when absent dockerd's default).
import { jsonConfigFixTests, jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-live-restore', 'docker-daemon', {
  valid: [
    { name: 'the safe value written', text: '{\n  "live-restore": true\n}\n' },
    { name: 'a value of the wrong type (dockerd refuses the file; not this rule)', text: '{ "live-restore": "yes" }\n' },
  ],
  invalid: [
    { name: 'the unsafe value written', text: '{\n  "debug": false,\n  "live-restore": false\n}\n', errors: [{ at: '"live-restore": false', message: '"live-restore": false' }] },
    { name: 'absent: dockerd\'s default applies', text: '{\n  "log-level": "info"\n}\n', errors: [{ at: '{', message: '"live-restore" is not set' }] },
  ],
});

jsonConfigFixTests('docker-daemon-live-restore', 'docker-daemon', [
  { name: 'a written value changes only through a suggestion', text: '{\n  "live-restore": false\n}\n', kind: 'suggestion', expectedOutput: '{\n  "live-restore": true\n}\n' },
  { name: 'adds the missing setting first, indented like the others', text: '{\n  "log-level": "info"\n}\n', kind: 'suggestion', expectedOutput: '{\n  "live-restore": true,\n  "log-level": "info"\n}\n' },
  { name: 'into an empty object', text: '{}\n', kind: 'suggestion', expectedOutput: '{ "live-restore": true }\n' },
]);
