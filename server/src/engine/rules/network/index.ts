import type { Rule } from '../../rule';
import serviceNodePort from './service-node-port';
import serviceExternalIps from './service-external-ips';
import ingressTlsMissing from './ingress-tls-missing';

/** How workloads are exposed on the network: Services and Ingresses. */
export const networkRules: readonly Rule[] = [serviceNodePort, serviceExternalIps, ingressTlsMissing];
