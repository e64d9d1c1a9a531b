// docker-daemon-authorization: no authorization plugin (CIS Docker 2.12).
import { jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-authorization', 'docker-daemon', {
  valid: [{ name: 'a plugin', text: '{ "authorization-plugins": ["opa-docker-authz"] }\n' }],
  invalid: [
    { name: 'absent', text: '{\n  "icc": false\n}\n', errors: [{ at: '{', message: '"authorization-plugins" is not set' }] },
    { name: 'an empty list', text: '{\n  "authorization-plugins": []\n}\n', errors: [{ at: '"authorization-plugins": []' }] },
  ],
});
