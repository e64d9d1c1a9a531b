// docker-daemon-remote-logging: no log driver, or one that keeps logs on the host (CIS Docker 2.13).
import { jsonConfigRuleTests } from '../../helpers/json-config-tester';

jsonConfigRuleTests('docker-daemon-remote-logging', 'docker-daemon', {
  valid: [
    { name: 'syslog', text: '{ "log-driver": "syslog", "log-opts": { "syslog-address": "tcp://logs.example.com:514" } }\n' },
    { name: 'fluentd', text: '{ "log-driver": "fluentd" }\n' },
  ],
  invalid: [
    { name: 'absent', text: '{\n  "icc": false\n}\n', errors: [{ at: '{', message: '"log-driver" is not set' }] },
    { name: 'json-file', text: '{\n  "log-driver": "json-file"\n}\n', errors: [{ at: '"log-driver": "json-file"' }] },
  ],
});
