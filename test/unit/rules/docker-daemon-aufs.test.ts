// docker-daemon-aufs: the aufs storage driver (CIS Docker 2.6).
import { jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-aufs', 'docker-daemon', {
  valid: [
    { name: 'overlay2', text: '{ "storage-driver": "overlay2" }\n' },
    { name: 'absent', text: '{}\n' },
  ],
  invalid: [{ name: 'aufs', text: '{\n  "storage-driver": "aufs"\n}\n', errors: [{ at: '"storage-driver": "aufs"', message: 'overlay2' }] }],
});
