// docker-daemon-experimental: "experimental" in daemon.json (written, and when absent dockerd's default).
import { jsonConfigFixTests, jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-experimental', 'docker-daemon', {
  valid: [
    { name: 'the safe value written', text: '{\n  "experimental": false\n}\n' },
    { name: 'absent (the default is safe)', text: '{\n  "log-level": "info"\n}\n' },
    { name: 'a value of the wrong type (dockerd refuses the file; not this rule)', text: '{ "experimental": "yes" }\n' },
  ],
  invalid: [
    { name: 'the unsafe value written', text: '{\n  "debug": false,\n  "experimental": true\n}\n', errors: [{ at: '"experimental": true', message: '"experimental": true' }] },
  ],
});

jsonConfigFixTests('docker-daemon-experimental', 'docker-daemon', [
  { name: 'a written value changes only through a suggestion', text: '{\n  "experimental": true\n}\n', kind: 'suggestion', expectedOutput: '{\n  "experimental": false\n}\n' },
]);
