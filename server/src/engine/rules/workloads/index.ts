import type { Rule } from '../../rule';
import bareReplicaset from './bare-replicaset';
import barePod from './bare-pod';
import sshPort from './ssh-port';

export const workloadsRules: readonly Rule[] = [bareReplicaset, barePod, sshPort];
