/**
 * Worker of engine.test.ts: lints the hostile cases it is asked for (by index
 * in CASES), one at a time, and posts back each one's findings. In a worker
 * so the test can stop it when a case does not finish (a synchronous hang
 * cannot be interrupted in the test's own thread) and give it a heap limit.
 *
 * `{ task: 'unguarded-schema', index }` validates the case's first document
 * against the Kubernetes schemas directly, without the parser's alias check
 * (schema validation must bound alias expansion on its own).
 */
import { parentPort } from 'node:worker_threads';
import { parseAllDocuments, type Document } from 'yaml';
import { lintText } from '../../../server/src/engine';
import { schemaProblems } from '../../../server/src/engine/schema/validate';
import { ResourceView } from '../../../server/src/engine/views/resource';
import { DocumentViews } from '../../../server/src/engine/views/view-set';
import { CASES, textOf } from './inputs';
import { YamlDocument } from '../../../server/src/engine/parse/yaml-document';

parentPort!.on('message', ({ index, task }: { index: number; task?: 'unguarded-schema' }) => {
  const c = CASES[index]!;
  let text: string | undefined = textOf(c);
  const length = text.length;
  if (task === 'unguarded-schema') {
    const doc = new YamlDocument(parseAllDocuments(text)[0] as Document.Parsed);
    const resource = ResourceView.from(doc)!;
    const problems = schemaProblems(resource, text, new DocumentViews());
    parentPort!.postMessage({ index, length, findings: problems.map((p) => ({ ruleId: `schema-${p.type}`, message: p.path, span: p.span })) });
    return;
  }
  const findings = lintText(text, c.kind, { fileName: c.file });
  text = undefined;
  parentPort!.postMessage({ index, length, findings: findings.map((f) => ({ ruleId: f.ruleId, message: f.message, span: f.span })) });
});
