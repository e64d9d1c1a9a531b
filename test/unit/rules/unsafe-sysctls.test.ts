import { podRuleTests } from '../../helpers/rule-tester';

podRuleTests('unsafe-sysctls', {
  valid: [
    { name: 'no sysctls', podSpec: `securityContext:\n  runAsNonRoot: true\ncontainers:\n- name: web\n` },
    {
      name: 'the whole safe set (policy version 1.32 through 1.35)',
      podSpec: `
        securityContext:
          sysctls:
          - {name: kernel.shm_rmid_forced, value: "1"}
          - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}
          - {name: net.ipv4.tcp_syncookies, value: "1"}
          - {name: net.ipv4.ping_group_range, value: "0 2147483647"}
          - {name: net.ipv4.ip_unprivileged_port_start, value: "80"}
          - {name: net.ipv4.ip_local_reserved_ports, value: "30000-30100"}
          - {name: net.ipv4.tcp_keepalive_time, value: "600"}
          - {name: net.ipv4.tcp_fin_timeout, value: "30"}
          - {name: net.ipv4.tcp_keepalive_intvl, value: "60"}
          - {name: net.ipv4.tcp_keepalive_probes, value: "5"}
          - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
          - {name: net.ipv4.tcp_wmem, value: "4096 16384 4194304"}
        containers:
        - name: web
      `,
    },
  ],
  invalid: [
    {
      name: 'one finding per unsafe sysctl',
      podSpec: `
        securityContext:
          sysctls:
          - name: kernel.msgmax
            value: "65536"
          - name: net.ipv4.tcp_syncookies
            value: "1"
          - name: net.core.somaxconn
            value: "1024"
        containers:
        - name: web
      `,
      errors: [
        { at: 'name: kernel.msgmax', message: ['Pod sets sysctl "kernel.msgmax"', 'not in the baseline safe set'] },
        { at: 'name: net.core.somaxconn', message: 'Pod sets sysctl "net.core.somaxconn"' },
      ],
    },
    {
      name: 'slash-separated names and sysctls newer than 1.35',
      podSpec: `
        securityContext:
          sysctls:
          - {name: kernel/shm_rmid_forced, value: "1"}
          - {name: net.ipv4.tcp_slow_start_after_idle, value: "0"}
        containers:
        - name: web
      `,
      errors: [
        { at: 'name: kernel/shm_rmid_forced', message: 'write it as kernel.shm_rmid_forced' },
        { at: 'name: net.ipv4.tcp_slow_start_after_idle', message: 'not in the baseline safe set' },
      ],
    },
  ],
});
