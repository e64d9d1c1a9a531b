import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('host-network', {
  valid: [
    { name: 'default network', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    { name: 'bridge, none, another service', compose: `services:\n  a:\n    image: nginx:1.27\n    network_mode: bridge\n  b:\n    image: nginx:1.27\n    network_mode: none\n  c:\n    image: nginx:1.27\n    network_mode: "service:a"\n` },
    { name: 'a network named host in networks is not network_mode', compose: `services:\n  web:\n    image: nginx:1.27\n    networks: [host]\n` },
  ],
  invalid: [
    {
      name: 'network_mode: host',
      compose: `services:\n  plex:\n    image: linuxserver/plex:1.40\n    network_mode: host\n`,
      errors: [{ at: 'network_mode: host', message: ['Service "plex"', 'network_mode: host'] }],
    },
    {
      name: 'quoted',
      compose: `services:\n  plex:\n    build: ./plex\n    network_mode: "host"\n`,
      errors: [{ at: 'network_mode: "host"', message: 'Service "plex"' }],
    },
  ],
});

composeFixTests('host-network', [
  { name: 'removes network_mode: host (a suggestion)', kind: 'suggestion', compose: `services:\n  agent:\n    image: nginx:1.27\n    network_mode: host\n    restart: always\n`, expectedOutput: `services:\n  agent:\n    image: nginx:1.27\n    restart: always\n` },
]);
