import type { Rule } from '../../rule';
import portAllInterfaces from './port-all-interfaces';
import serviceNodePort from './service-node-port';
import serviceExternalIps from './service-external-ips';
import ingressTlsMissing from './ingress-tls-missing';
import networkPolicyMissing from './network-policy-missing';
import networkPolicySelectsNothing from './network-policy-selects-nothing';
import serviceSelectsNothing from './service-selects-nothing';
import serviceTargetPortMissing from './service-target-port-missing';

/** How workloads are exposed on the network: Services and Ingresses; which pods NetworkPolicies and Services select (project rules). */
export const networkRules: readonly Rule[] = [
  serviceNodePort,
  serviceExternalIps,
  ingressTlsMissing,
  networkPolicyMissing,
  networkPolicySelectsNothing,
  serviceSelectsNothing,
  serviceTargetPortMissing,
  portAllInterfaces,
];
