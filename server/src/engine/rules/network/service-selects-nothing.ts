import { defineRule } from '../../rule';
import { child, locate } from '../../project/index';
import { describeSelector } from '../../project/relations/label-selector';
import { serviceTargets } from '../../project/relations/service-targets';
import { objectName, projectWorkloads } from '../../project/relations/project-workloads';

/** Services whose selector matches no workload of the project in their namespace. */
export default defineRule({
  meta: {
    id: 'service-selects-nothing',
    title: 'Service selects no workload',
    description:
      'A Service whose selector matches none of the workloads the project defines in its namespace has no endpoints from this project: connections to it are refused or time out. Usually a label typo, or the Service and its workload in different namespaces.',
    defaultSeverity: 'info',
    category: 'network',
    messages: {
      nothing: 'Service "{{name}}" selects {{selector}} in namespace "{{namespace}}", which matches no workload of the project: it gets no endpoints from it, and connections to it fail.',
    },
    references: {
      kubeLinter: ['dangling-service'],
      urls: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service'],
    },
  },
  create() {
    return {
      project(index, report) {
        const workloads = projectWorkloads(index);
        for (const t of serviceTargets(index)) {
          if (t.selected.length > 0) continue;
          const near = workloads.filter((w) => [...t.selector.requirements].some((r) => w.podLabels.get(r.key) !== undefined)).slice(0, 3);
          const related = near.map((w) => ({
            at: locate(w.object, child(child(w.template, 'metadata'), 'labels'), true),
            message: `${objectName(w.object)} in namespace "${w.object.namespace}" has pod labels ${[...w.podLabels].map(([k, v]) => `${k}=${v}`).join(',')}`,
          }));
          const service = t.service;
          report({
            messageId: 'nothing',
            data: { name: service.name ?? '(unnamed)', selector: describeSelector(t.selector), namespace: service.namespace! },
            object: service,
            at: locate(service, child(child(service.node, 'spec'), 'selector'), true),
            related,
          });
        }
      },
    };
  },
});
