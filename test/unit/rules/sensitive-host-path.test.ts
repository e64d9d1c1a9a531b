import { test } from 'node:test';
import assert from 'node:assert/strict';
import { podRuleTests, settingsWith } from '../../helpers/rule-tester';
import { matchSensitivePath, normalizeHostPath } from '../../../server/src/engine/rules/hardening/sensitive-paths';

/** A pod spec with one container and one hostPath volume per path. */
const hostPaths = (...paths: string[]): string =>
  'containers:\n- name: web\nvolumes:\n' + paths.map((p, i) => `- name: v${i}\n  hostPath:\n    path: ${p}\n`).join('');

podRuleTests('sensitive-host-path', {
  valid: [
    { name: 'ordinary host directories', podSpec: hostPaths('/var/log', '/data/app', '/opt/etc', '/srv', '/var/lib/app') },
    { name: 'time zone files under /etc are harmless', podSpec: hostPaths('/etc/localtime', '/etc/timezone/') },
    { name: '/usr and /lib match exactly, not their subdirectories', podSpec: hostPaths('/usr/share/zoneinfo', '/lib/modules') },
    { name: 'relative and Windows paths are not POSIX host paths', podSpec: hostPaths('etc', String.raw`'C:\Windows'`) },
    {
      name: 'not a hostPath volume',
      podSpec: `
        containers:
        - name: web
        volumes:
        - name: etc
          configMap: {name: etc}
        - name: cfg
          projected:
            sources:
            - configMap: {name: etc, items: [{key: a, path: etc}]}
      `,
    },
  ],
  invalid: [
    {
      name: 'the node root and system directories',
      podSpec: hostPaths('"/"', '/boot', '/lib', '/usr', '/dev'),
      errors: [
        { at: '"/"', message: `Volume "v0" mounts the host path / (the node's whole filesystem).` },
        { at: '/boot', message: 'Volume "v1" mounts the host path /boot' },
        { at: '/lib', message: 'Volume "v2"' },
        { at: '/usr', message: 'Volume "v3"' },
        { at: '/dev', message: `Volume "v4" mounts the host path /dev (the node's devices).` },
      ],
    },
    {
      name: 'an unquoted / (kinds whose apiVersion has no slash, so the first "/" is the path)',
      kinds: ['Pod', 'ReplicationController'],
      podSpec: hostPaths('/'),
      errors: [{ at: '/', message: 'Volume "v0" mounts the host path /' }],
    },
    {
      name: 'the runtime sockets of Docker, containerd and CRI-O',
      podSpec: hostPaths(
        '/var/run/docker.sock',
        '/run/docker.sock',
        '/run/containerd/containerd.sock',
        '/var/run/containerd',
        '/var/run/crio/crio.sock',
        '/run/crio',
      ),
      errors: [
        { at: '/var/run/docker.sock', message: 'Volume "v0" mounts the host path /var/run/docker.sock (the Docker daemon socket: control of every container on the node).' },
        { at: '/run/docker.sock', occurrence: 1, message: 'Volume "v1"' },
        { at: '/run/containerd/containerd.sock', message: 'inside /run/containerd: the containerd socket directory' },
        { at: '/var/run/containerd', message: 'Volume "v3"' },
        { at: '/var/run/crio/crio.sock', message: 'inside /var/run/crio: the CRI-O socket directory' },
        { at: '/run/crio', occurrence: 1, message: 'Volume "v5"' },
      ],
    },
    {
      name: 'subpaths of /etc, /proc, /sys, /dev and /boot',
      podSpec: hostPaths('/etc/kubernetes/pki', '/proc/sys/kernel', '/sys/fs/cgroup', '/dev/mem', '/boot/grub'),
      errors: [
        { at: '/etc/kubernetes/pki', message: 'Volume "v0" mounts the host path /etc/kubernetes/pki (inside /etc: node configuration and credentials).' },
        { at: '/proc/sys/kernel', message: 'inside /proc' },
        { at: '/sys/fs/cgroup', message: 'inside /sys' },
        { at: '/dev/mem', message: 'inside /dev' },
        { at: '/boot/grub', message: 'inside /boot' },
      ],
    },
    {
      name: 'trailing slashes, doubled slashes, dot segments and quotes are normalised; the written value is underlined',
      podSpec: hostPaths('/etc/', '//proc//1/', '"/usr/./"', '/opt/../dev/kvm'),
      errors: [
        { at: '/etc/', message: 'mounts the host path /etc (node configuration and credentials)' },
        { at: '//proc//1/', message: 'mounts the host path /proc/1 (inside /proc' },
        { at: '"/usr/./"', message: 'mounts the host path /usr (' },
        { at: '/opt/../dev/kvm', message: 'mounts the host path /dev/kvm' },
      ],
    },
    {
      name: 'a parent directory of a runtime socket exposes the socket',
      podSpec: hostPaths('/var/run', '/var'),
      errors: [
        { at: '/var/run', message: 'Volume "v0" mounts the host path /var/run (it contains /var/run/docker.sock, the Docker daemon socket' },
        { at: '/var', occurrence: 1, message: 'Volume "v1" mounts the host path /var (it contains' },
      ],
    },
    {
      name: 'flow-style hostPath; a hardening rule also runs under profile baseline',
      settings: settingsWith({ profile: 'baseline' }),
      podSpec: `
        containers:
        - name: web
        volumes:
        - {name: root, hostPath: {path: '/', type: Directory}}
      `,
      errors: [{ at: "'/'", message: 'Volume "root"' }],
    },
  ],
});

test('normalizeHostPath collapses slashes and dot segments, rejects relative paths', () => {
  assert.equal(normalizeHostPath('/'), '/');
  assert.equal(normalizeHostPath('//'), '/');
  assert.equal(normalizeHostPath('/etc/'), '/etc');
  assert.equal(normalizeHostPath('//var//run///docker.sock'), '/var/run/docker.sock');
  assert.equal(normalizeHostPath('/a/./b/../../etc'), '/etc');
  assert.equal(normalizeHostPath('/../..'), '/');
  assert.equal(normalizeHostPath(' /etc '), '/etc');
  assert.equal(normalizeHostPath('etc'), undefined);
  assert.equal(normalizeHostPath('C:\\Windows'), undefined);
});

test('matchSensitivePath: exact, inside a subtree, or a parent of an entry', () => {
  assert.equal(matchSensitivePath('/etc')?.how, 'exact');
  assert.equal(matchSensitivePath('/etc/shadow')?.how, 'inside');
  assert.equal(matchSensitivePath('/etc/localtime'), undefined);
  assert.equal(matchSensitivePath('/etcetera'), undefined, 'a sibling that shares a prefix is not inside');
  assert.equal(matchSensitivePath('/usr/bin'), undefined);
  assert.equal(matchSensitivePath('/run')?.how, 'contains');
  assert.equal(matchSensitivePath('/home'), undefined);
});
