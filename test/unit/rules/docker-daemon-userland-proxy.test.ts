// docker-daemon-userland-proxy: "userland-proxy" in daemon.json (written, and when absent dockerd's default).
import { jsonConfigFixTests, jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-userland-proxy', 'docker-daemon', {
  valid: [
    { name: 'the safe value written', text: '{\n  "userland-proxy": false\n}\n' },
    { name: 'a value of the wrong type (dockerd refuses the file; not this rule)', text: '{ "userland-proxy": "yes" }\n' },
  ],
  invalid: [
    { name: 'the unsafe value written', text: '{\n  "debug": false,\n  "userland-proxy": true\n}\n', errors: [{ at: '"userland-proxy": true', message: '"userland-proxy": true' }] },
    { name: 'absent: dockerd\'s default applies', text: '{\n  "log-level": "info"\n}\n', errors: [{ at: '{', message: '"userland-proxy" is not set' }] },
  ],
});

jsonConfigFixTests('docker-daemon-userland-proxy', 'docker-daemon', [
  { name: 'a written value changes only through a suggestion', text: '{\n  "userland-proxy": true\n}\n', kind: 'suggestion', expectedOutput: '{\n  "userland-proxy": false\n}\n' },
  { name: 'adds the missing setting first, indented like the others', text: '{\n  "log-level": "info"\n}\n', kind: 'suggestion', expectedOutput: '{\n  "userland-proxy": false,\n  "log-level": "info"\n}\n' },
  { name: 'into an empty object', text: '{}\n', kind: 'suggestion', expectedOutput: '{ "userland-proxy": false }\n' },
]);
