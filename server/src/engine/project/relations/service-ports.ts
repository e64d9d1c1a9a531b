/**
 * Which of a Service's ports no selected pod exposes, over plain data.
 *
 * As the endpoints controller resolves them (`podutil.FindPort`): a named
 * `targetPort` must be a container port of the pod with that name and the
 * same protocol, or the pod is left out of that port's endpoints; a numeric
 * `targetPort` (or none: it defaults to `port`) is used as is, so a pod need
 * not declare it, and it is reported (as info) only when no selected
 * container declares that number, which usually means a typo or a port the
 * image does not listen on.
 */

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol: string;
}

export interface ServicePort {
  /** The port's index in `spec.ports`. */
  index: number;
  port?: number;
  targetPort: number | string | undefined;
  protocol: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const protocolOf = (v: unknown): string => (typeof v === 'string' ? v : 'TCP');

/** The ports of a Service's `spec.ports` (entries that are not maps are skipped). */
export function servicePorts(ports: unknown): ServicePort[] {
  if (!Array.isArray(ports)) return [];
  const out: ServicePort[] = [];
  ports.forEach((p, index) => {
    if (!isRecord(p)) return;
    const port = typeof p.port === 'number' ? p.port : undefined;
    const t = p.targetPort;
    const targetPort = typeof t === 'number' || (typeof t === 'string' && t !== '') ? t : port;
    out.push({ index, port, targetPort, protocol: protocolOf(p.protocol) });
  });
  return out;
}

/** The `ports` of one container. */
export function containerPorts(ports: unknown): ContainerPort[] {
  if (!Array.isArray(ports)) return [];
  return ports.filter(isRecord).map((p) => ({
    name: typeof p.name === 'string' ? p.name : undefined,
    containerPort: typeof p.containerPort === 'number' ? p.containerPort : undefined,
    protocol: protocolOf(p.protocol),
  }));
}

/** Whether a target port is exposed by one of the ports (a name: same name and protocol; a number: a container port with that number). */
export function exposes(ports: readonly ContainerPort[], port: ServicePort): boolean {
  const t = port.targetPort;
  if (t === undefined) return true;
  if (typeof t === 'number') return ports.some((c) => c.containerPort === t);
  return ports.some((c) => c.name === t && c.protocol === port.protocol);
}
