// docker-daemon-tls: a TCP socket in "hosts" needs tlsverify and the CA, certificate and key (CIS Docker 2.7).
import { jsonConfigRuleTests } from '../../helpers/json-config-tester';

const certs = '"tlscacert": "/etc/docker/ca.pem", "tlscert": "/etc/docker/server.pem", "tlskey": "/etc/docker/server-key.pem"';

jsonConfigRuleTests('docker-daemon-tls', 'docker-daemon', {
  valid: [
    { name: 'the Unix socket only', text: '{ "hosts": ["unix:///var/run/docker.sock"] }\n' },
    { name: 'TCP with tlsverify and certificates', text: `{ "hosts": ["tcp://0.0.0.0:2376"], "tlsverify": true, ${certs} }\n` },
    { name: 'no hosts', text: '{ "tlsverify": false }\n' },
  ],
  invalid: [
    {
      name: 'TCP without tlsverify (the issue\'s case)',
      text: '{\n  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"]\n}\n',
      errors: [{ at: '"tcp://0.0.0.0:2375"', message: 'without "tlsverify": true' }],
    },
    {
      name: 'tlsverify false',
      text: `{\n  "hosts": ["TCP://10.0.0.5:2376"],\n  "tlsverify": false,\n  ${certs}\n}\n`,
      errors: [{ at: '"TCP://10.0.0.5:2376"' }],
    },
    {
      name: 'tlsverify without the key',
      text: '{\n  "hosts": ["tcp://0.0.0.0:2376"],\n  "tlsverify": true,\n  "tlscacert": "/etc/docker/ca.pem",\n  "tlscert": "/etc/docker/server.pem"\n}\n',
      errors: [{ at: '"tcp://0.0.0.0:2376"', message: '"tlskey"' }],
    },
  ],
});
