// One scanned file as the benchmark report needs it (engine/benchmarks/report.ts): its subjects and its findings
// from lintText, positions 1-based.
import { lintText, type FileKind } from '../../server/src/engine';
import type { BenchmarkFile } from '../../server/src/engine/benchmarks/report';
import { fileSubjects } from '../../server/src/engine/benchmarks/subjects';
import { LineIndex } from '../../server/src/engine/text';

export function benchmarkFile(name: string, text: string, kind: FileKind): BenchmarkFile {
  const index = new LineIndex(text);
  return {
    file: name,
    subjects: fileSubjects(text, kind, name),
    findings: lintText(text, kind, { fileName: name }).map((f) => {
      const at = index.position(f.span.start);
      return { ruleId: f.ruleId, severity: f.severity, message: f.message, line: at.line + 1, column: at.character + 1, ...(f.benchmarkItems ? { benchmarkItems: f.benchmarkItems } : {}) };
    }),
  };
}
