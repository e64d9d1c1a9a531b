// docker-daemon-log-level: "log-level" other than info (CIS Docker 2.3).
import { jsonConfigFixTests, jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-log-level', 'docker-daemon', {
  valid: [
    { name: 'info', text: '{ "log-level": "info" }\n' },
    { name: 'absent (info is the default)', text: '{}\n' },
  ],
  invalid: [
    { name: 'debug', text: '{\n  "log-level": "debug"\n}\n', errors: [{ at: '"log-level": "debug"', message: '"debug"' }] },
    { name: 'error', text: '{ "log-level": "error" }\n', errors: [{ at: '"log-level": "error"' }] },
  ],
});

jsonConfigFixTests('docker-daemon-log-level', 'docker-daemon', [
  { name: 'sets info (a suggestion)', text: '{ "log-level": "debug" }\n', kind: 'suggestion', expectedOutput: '{ "log-level": "info" }\n' },
]);
