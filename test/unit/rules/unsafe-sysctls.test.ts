import { test } from 'node:test';
import assert from 'node:assert/strict';
import { injectedSysctl, policyMinor, SAFE_SYSCTLS, sysctlSafeSince } from '../../../server/src/engine/rules/baseline/unsafe-sysctls';
import { normalizeSettings } from '../../../server/src/engine/config/settings';
import { RULE_IDS } from '../../../server/src/engine/rules';
import { podRuleTests, settingsWith } from '../../helpers/rule-tester';

const v132 = settingsWith({ rules: { 'unsafe-sysctls': { options: { version: 'v1.32' } } } });

podRuleTests('unsafe-sysctls', {
  valid: [
    { name: 'no sysctls', podSpec: `securityContext:\n  runAsNonRoot: true\ncontainers:\n- name: web\n` },
    {
      name: 'the whole safe set (policy version 1.37)',
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
          - {name: net.ipv4.tcp_slow_start_after_idle, value: "0"}
          - {name: net.ipv4.tcp_notsent_lowat, value: "16384"}
        containers:
        - name: web
      `,
    },
    {
      name: 'issue 16: the sysctls Pod Security 1.37 added',
      podSpec: `
        securityContext:
          sysctls:
          - name: net.ipv4.tcp_slow_start_after_idle
            value: "0"
          - name: net.ipv4.tcp_notsent_lowat
            value: "16384"
        containers:
        - name: web
      `,
    },
    {
      name: 'version option: the 1.32 set under v1.32',
      settings: v132,
      podSpec: `
        securityContext:
          sysctls:
          - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
        containers:
        - name: web
      `,
    },
    {
      name: 'values with spaces, commas and ranges are not injections',
      podSpec: `
        securityContext:
          sysctls:
          - {name: net.ipv4.ip_local_reserved_ports, value: "30000-30100,8080"}
          - {name: net.ipv4.ping_group_range, value: "0 2147483647"}
          - {name: kernel.shm_rmid_forced, value: 1}
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
      name: 'slash-separated names',
      podSpec: `
        securityContext:
          sysctls:
          - {name: kernel/shm_rmid_forced, value: "1"}
          - {name: net/ipv4/tcp_notsent_lowat, value: "16384"}
        containers:
        - name: web
      `,
      errors: [
        { at: 'name: kernel/shm_rmid_forced', message: 'write it as kernel.shm_rmid_forced' },
        { at: 'name: net/ipv4/tcp_notsent_lowat', message: 'write it as net.ipv4.tcp_notsent_lowat' },
      ],
    },
    {
      name: 'version option: sysctls newer than the chosen version',
      settings: v132,
      podSpec: `
        securityContext:
          sysctls:
          - {name: net.ipv4.tcp_slow_start_after_idle, value: "0"}
          - {name: net.ipv4.tcp_rmem, value: "4096 87380 6291456"}
          - {name: net/ipv4/tcp_notsent_lowat, value: "16384"}
          - {name: kernel.msgmax, value: "65536"}
        containers:
        - name: web
      `,
      errors: [
        { at: 'name: net.ipv4.tcp_slow_start_after_idle', message: ['safe set only from Pod Security v1.37, not in v1.32'] },
        { at: 'name: net/ipv4/tcp_notsent_lowat', message: 'only from Pod Security v1.37' },
        { at: 'name: kernel.msgmax', message: 'not in the baseline safe set' },
      ],
    },
    {
      name: 'issue 16 / CVE-2022-0811: a safe sysctl whose value injects another',
      podSpec: `
        securityContext:
          sysctls:
          - name: kernel.shm_rmid_forced
            value: "1+kernel.core_pattern=|/var/lib/containers/storage/overlay/abc/diff/malicious.sh #"
        containers:
        - name: web
      `,
      errors: [
        {
          at: '"1+kernel.core_pattern=|/var/lib/containers/storage/overlay/abc/diff/malicious.sh #"',
          message: ['sysctl "kernel.shm_rmid_forced" also sets sysctl "kernel.core_pattern"', 'CVE-2022-0811'],
        },
      ],
    },
    {
      name: 'an unsafe sysctl with an injecting value: two findings, name and value',
      podSpec: `
        securityContext:
          sysctls:
          - {name: kernel.msgmax, value: 1+kernel.modprobe=/tmp/x}
        containers:
        - name: web
      `,
      errors: [
        { at: 'name: kernel.msgmax', message: 'not in the baseline safe set' },
        { at: '1+kernel.modprobe=/tmp/x', message: 'also sets sysctl "kernel.modprobe"' },
      ],
    },
  ],
});

test('unsafe-sysctls: the safe set is the one of pod-security-admission policy 1.37, with the version of each name', () => {
  assert.equal(SAFE_SYSCTLS.size, 14);
  assert.equal(sysctlSafeSince('kernel.shm_rmid_forced'), 0);
  assert.equal(sysctlSafeSince('net.ipv4.ip_local_reserved_ports'), 27);
  assert.equal(sysctlSafeSince('net.ipv4.tcp_fin_timeout'), 29);
  assert.equal(sysctlSafeSince('net.ipv4.tcp_wmem'), 32);
  assert.equal(sysctlSafeSince('net.ipv4.tcp_slow_start_after_idle'), 37);
  assert.equal(sysctlSafeSince('net.ipv4.tcp_notsent_lowat'), 37);
  assert.equal(sysctlSafeSince('net.core.somaxconn'), undefined);
});

test('unsafe-sysctls: version option values', () => {
  assert.equal(policyMinor(undefined), 37);
  assert.equal(policyMinor('latest'), 37);
  assert.equal(policyMinor('v1.29'), 29);
  assert.equal(policyMinor('1.27'), 27);
  const { problems } = normalizeSettings({ rules: { 'unsafe-sysctls': { options: { version: '1.x' } } } }, RULE_IDS);
  assert.equal(problems.length, 1, 'an invalid version is a settings problem');
});

test('unsafe-sysctls: injectedSysctl finds "+name=" and nothing else', () => {
  assert.equal(injectedSysctl('1+kernel.core_pattern=|/bin/sh'), 'kernel.core_pattern');
  assert.equal(injectedSysctl('1+2+kernel/modprobe=/x'), 'kernel/modprobe');
  for (const v of ['1', '1024 65535', '0 2147483647', '30000-30100,8080', '1+2', 'a=b', '+=x', '1 + kernel.core_pattern=x', '']) {
    assert.equal(injectedSysctl(v), undefined, v);
  }
  const long = '+'.repeat(50_000) + 'a'.repeat(50_000);
  const t = performance.now();
  assert.equal(injectedSysctl(long), undefined);
  assert.ok(performance.now() - t < 200, 'linear on a long value');
});
