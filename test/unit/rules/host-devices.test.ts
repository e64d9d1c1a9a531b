// host-devices: compose devices: (CIS Docker 5.18).
import { composeRuleTests } from '../../helpers/compose-tester';

composeRuleTests('host-devices', {
  valid: [
    { name: 'no devices', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    { name: 'an empty list', compose: `services:\n  web:\n    image: nginx:1.27\n    devices: []\n` },
  ],
  invalid: [
    {
      name: 'each device',
      compose: `services:\n  gpu:\n    image: nvidia/cuda:12.4.1-base-ubuntu22.04\n    devices:\n      - "/dev/nvidia0:/dev/nvidia0"\n      - /dev/sda:/dev/xvda:rwm\n`,
      errors: [{ at: '"/dev/nvidia0:/dev/nvidia0"', message: 'host device /dev/nvidia0' }, { at: '/dev/sda:/dev/xvda:rwm', message: '/dev/sda' }],
    },
  ],
});
