import { composeRuleTests } from '../../helpers/compose-tester';
import { composeFixTests } from '../../helpers/fix-tester';

composeRuleTests('host-pid', {
  valid: [
    { name: 'no pid', compose: `services:\n  web:\n    image: nginx:1.27\n` },
    { name: 'another service namespace', compose: `services:\n  web:\n    image: nginx:1.27\n  debug:\n    image: busybox:1.36\n    pid: "service:web"\n` },
  ],
  invalid: [
    {
      name: 'pid: host',
      compose: `services:\n  profiler:\n    image: otel/opentelemetry-ebpf-profiler:0.1\n    pid: "host"\n`,
      errors: [{ at: 'pid: "host"', message: ['Service "profiler"', 'pid: host'] }],
    },
  ],
});

composeFixTests('host-pid', [
  { name: 'removes pid: host (a suggestion)', kind: 'suggestion', compose: `services:\n  agent:\n    image: nginx:1.27\n    pid: host\n    restart: always\n`, expectedOutput: `services:\n  agent:\n    image: nginx:1.27\n    restart: always\n` },
]);
