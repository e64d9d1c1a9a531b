import { isMap, isSeq } from 'yaml';
import { defineRule } from '../../rule';
import { child, locate, text } from '../../project/index';
import { containerPorts, exposes, servicePorts } from '../../project/relations/service-ports';
import { serviceTargets } from '../../project/relations/service-targets';
import { objectName, plainOf } from '../../project/relations/project-workloads';

/** Service ports whose targetPort no container of the selected workloads exposes. */
export default defineRule({
  meta: {
    id: 'service-target-port-missing',
    title: 'Service targetPort not exposed by the selected pods',
    description:
      "A Service port's targetPort that no container of the workloads it selects exposes: a named port that no container declares gives the Service no endpoints for that port; a number that no container declares usually means a typo or a port the image does not listen on.",
    defaultSeverity: 'info',
    category: 'network',
    messages: {
      named: 'Service "{{name}}" port {{port}} targets the named port "{{target}}" ({{protocol}}), which no container of {{workloads}} declares: the Service gets no endpoints for this port.',
      number: 'Service "{{name}}" port {{port}} targets port {{target}}, which no container of {{workloads}} declares: check that the pods listen on it.',
    },
    references: {
      urls: ['https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports'],
    },
  },
  create() {
    return {
      project(index, report) {
        for (const t of serviceTargets(index)) {
          if (t.selected.length === 0) continue;
          const exposed = t.selected.flatMap((w) => w.servingContainers.flatMap((c) => containerPorts(plainOf(child(c, 'ports')))));
          const portsNode = child(child(t.service.node, 'spec'), 'ports');
          for (const port of servicePorts(plainOf(portsNode))) {
            if (exposes(exposed, port)) continue;
            const entry = isSeq(portsNode) ? portsNode.items[port.index] : undefined;
            const targetNode = isMap(entry) ? (child(entry, 'targetPort') ?? child(entry, 'port')) : undefined;
            const named = typeof port.targetPort === 'string';
            const related = t.selected.slice(0, 3).map((w) => {
              const c = w.servingContainers[0];
              return { at: locate(w.object, c ? child(c, 'ports') ?? child(c, 'name') : undefined, true, w.template), message: `${objectName(w.object)}: its containers' ports` };
            });
            report({
              messageId: named ? 'named' : 'number',
              data: {
                name: t.service.name ?? '(unnamed)',
                port: port.port ?? (text(child(entry, 'name')) ?? String(port.index)),
                target: String(port.targetPort),
                protocol: port.protocol,
                workloads: t.selected.map((w) => objectName(w.object)).join(', '),
              },
              object: t.service,
              at: locate(t.service, targetNode, false, isMap(entry) ? entry : undefined, portsNode),
              related,
            });
          }
        }
      },
    };
  },
});
