// docker-daemon-iptables: "iptables" in daemon.json (written, and when absent dockerd's default).
import { jsonConfigFixTests, jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-iptables', 'docker-daemon', {
  valid: [
    { name: 'the safe value written', text: '{\n  "iptables": true\n}\n' },
    { name: 'absent (the default is safe)', text: '{\n  "log-level": "info"\n}\n' },
    { name: 'a value of the wrong type (dockerd refuses the file; not this rule)', text: '{ "iptables": "yes" }\n' },
  ],
  invalid: [
    { name: 'the unsafe value written', text: '{\n  "debug": false,\n  "iptables": false\n}\n', errors: [{ at: '"iptables": false', message: '"iptables": false' }] },
  ],
});

jsonConfigFixTests('docker-daemon-iptables', 'docker-daemon', [
  { name: 'a written value changes only through a suggestion', text: '{\n  "iptables": false\n}\n', kind: 'suggestion', expectedOutput: '{\n  "iptables": true\n}\n' },
]);
