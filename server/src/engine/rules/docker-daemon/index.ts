import type { Rule } from '../../rule';
import icc from './docker-daemon-icc';
import logLevel from './docker-daemon-log-level';
import iptables from './docker-daemon-iptables';
import insecureRegistry from './docker-daemon-insecure-registry';
import aufs from './docker-daemon-aufs';
import tls from './docker-daemon-tls';
import usernsRemap from './docker-daemon-userns-remap';
import authorization from './docker-daemon-authorization';
import remoteLogging from './docker-daemon-remote-logging';
import noNewPrivileges from './docker-daemon-no-new-privileges';
import liveRestore from './docker-daemon-live-restore';
import userlandProxy from './docker-daemon-userland-proxy';
import experimental from './docker-daemon-experimental';

/** The Docker daemon's configuration (daemon.json), in CIS Docker Benchmark section 2 order. */
export const dockerDaemonRules: readonly Rule[] = [
  icc,
  logLevel,
  iptables,
  insecureRegistry,
  aufs,
  tls,
  usernsRemap,
  authorization,
  remoteLogging,
  noNewPrivileges,
  liveRestore,
  userlandProxy,
  experimental,
];
