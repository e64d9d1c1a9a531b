// docker-daemon-insecure-registry: every entry of "insecure-registries" (CIS Docker 2.5).
import { jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-insecure-registry', 'docker-daemon', {
  valid: [
    { name: 'none', text: '{ "registry-mirrors": ["https://mirror.example.com"] }\n' },
    { name: 'an empty list', text: '{ "insecure-registries": [] }\n' },
  ],
  invalid: [
    {
      name: 'each entry',
      text: '{\n  "insecure-registries": [\n    "registry.internal:5000",\n    "10.0.0.0/8"\n  ]\n}\n',
      errors: [{ at: '"registry.internal:5000"', message: 'Registry "registry.internal:5000"' }, { at: '"10.0.0.0/8"' }],
    },
  ],
});
