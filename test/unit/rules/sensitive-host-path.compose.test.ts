import { composeRuleTests } from '../../helpers/compose-tester';

composeRuleTests('sensitive-host-path', {
  valid: [
    {
      name: 'named volumes, relative and home paths, anonymous volumes',
      compose: `services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - data:/var/lib/data\n      - ./conf:/etc/nginx/conf.d:ro\n      - ~/site:/usr/share/nginx/html\n      - /var/cache/nginx\n      - etc:/etc\nvolumes:\n  data: {}\n  etc: {}\n`,
    },
    { name: 'harmless files below /etc', compose: `services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - /srv/www:/usr/share/nginx/html\n` },
    { name: 'Windows drive paths are not POSIX host paths', compose: `services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - C:\\\\Users\\\\me\\\\site:/usr/share/nginx/html:ro\n` },
    { name: 'long syntax of a named volume whose source looks like a path', compose: `services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - type: volume\n        source: etc\n        target: /etc\n` },
  ],
  invalid: [
    {
      name: 'short syntax: the Docker socket, /, /proc below a mode',
      compose: `services:\n  agent:\n    image: portainer/agent:2.19.4\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock\n      - "/:/rootfs:ro"\n      - //proc/:/host/proc:ro,rslave\n`,
      errors: [
        { at: '/var/run/docker.sock', message: ['Service "agent"', 'bind-mounts the host path /var/run/docker.sock', 'Docker daemon socket'] },
        { at: '/', occurrence: 7, message: "host path / (the node's whole filesystem)" },
        { at: '//proc/', message: 'host path /proc' },
      ],
    },
    {
      name: 'long syntax bind mount: the source value',
      compose: `services:\n  beat:\n    image: docker.elastic.co/beats/metricbeat:8.14.0\n    volumes:\n      - type: bind\n        source: /sys/fs/cgroup\n        target: /hostfs/sys/fs/cgroup\n        read_only: true\n`,
      errors: [{ at: '/sys/fs/cgroup', message: ['Service "beat"', 'inside /sys'] }],
    },
    {
      name: 'a parent of the Docker socket',
      compose: `services:\n  agent:\n    build: .\n    volumes: ["/var/run:/host/run"]\n`,
      errors: [{ at: '/var/run', message: 'it contains /var/run/docker.sock' }],
    },
  ],
});
