/**
 * A large multi-document manifest for the visible-first tests (issue 21's
 * reproduction, scaled down): `count` Deployments, each 20 lines, every third
 * one privileged, so documents' findings differ.
 */
export const LINES_PER_DOCUMENT = 20;

export function manyDocuments(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: app-${i}`,
        '  namespace: shop',
        'spec:',
        '  selector:',
        `    matchLabels: { app: app-${i} }`,
        '  template:',
        '    metadata:',
        `      labels: { app: app-${i} }`,
        '    spec:',
        '      containers:',
        `        - name: app-${i}`,
        '          image: registry.example.com/shop/app:1.2.3',
        '          securityContext:',
        `            privileged: ${i % 3 === 0 ? 'true' : 'false'}`,
        '          ports:',
        `            - containerPort: ${8000 + i}`,
        '',
      ].join('\n'),
    );
  }
  return docs.join('---\n');
}
