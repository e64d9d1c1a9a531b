// docker-daemon-userns-remap: user namespace remapping off (absent or empty) in daemon.json.
import { jsonConfigFixTests, jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-userns-remap', 'docker-daemon', {
  valid: [
    { name: 'default', text: '{\n  "userns-remap": "default"\n}\n' },
    { name: 'a user of its own', text: '{ "userns-remap": "dockremap:dockremap" }\n' },
  ],
  invalid: [
    { name: 'absent', text: '{\n  "icc": false\n}\n', errors: [{ at: '{', message: 'root in a container is root on the host' }] },
    { name: 'empty', text: '{\n  "userns-remap": ""\n}\n', errors: [{ at: '"userns-remap": ""', message: 'is empty' }] },
  ],
});

jsonConfigFixTests('docker-daemon-userns-remap', 'docker-daemon', [
  { name: 'adds "default" (a suggestion: file ownership in volumes changes)', text: '{\n    "icc": false\n}\n', kind: 'suggestion', expectedOutput: '{\n    "userns-remap": "default",\n    "icc": false\n}\n' },
  { name: 'fills an empty value', text: '{ "userns-remap": "" }\n', kind: 'suggestion', expectedOutput: '{ "userns-remap": "default" }\n' },
]);
