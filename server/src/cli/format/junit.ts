/**
 * `--format junit`: JUnit XML as CI systems read it (GitLab
 * artifacts:reports:junit, Jenkins, Azure Pipelines, the test-report actions).
 * One <testsuite> per scanned file (name = the file's report path) and in it
 * one <testcase> per rule enabled for the run (classname = the file, name =
 * the rule id), plus any other rule that reported in that file. A test case
 * fails (<failure type="<rule-id>">) when the rule reported a finding at or
 * above --fail-on there; the failure text lists every finding of the rule in
 * the file as `file:line:col severity message`. Findings below --fail-on leave
 * the test case passing and are listed in its <system-out>. Test cases are
 * in registry order; the output has no times or timestamps, so the same
 * input gives the same bytes.
 */
import { effectiveSeverity, ruleMetas, severityRank, type RuleMeta } from '../../engine';
import type { FailOn } from '../args';
import type { ReportFinding, ScanReport } from '../report';
import { TOOL_NAME } from '../package-info';

// Characters XML 1.0 does not allow at all (C0 controls but tab, CR, LF; lone surrogates; U+FFFE/FFFF).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escape text for an attribute value or element content; characters XML cannot carry become U+FFFD. */
export function xmlEscape(s: string): string {
  return s
    .replace(NOT_XML, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

/** Element content: line breaks kept as they are (only attribute values need them escaped). */
function xmlText(s: string): string {
  return xmlEscape(s).replace(/&#10;/g, '\n');
}

const line = (f: ReportFinding) => `${f.file}:${f.start.line}:${f.start.column} ${f.severity} ${f.message}`;

interface Case {
  ruleId: string;
  failures: ReportFinding[];
  others: ReportFinding[];
}

export function formatJunit(report: ScanReport, failOn: FailOn): string {
  const threshold = failOn === 'none' ? Infinity : severityRank(failOn);
  const enabled = ruleMetas().filter((m: RuleMeta) => effectiveSeverity(m, report.settings) !== 'off').map((m) => m.id);
  const order = new Map(ruleMetas().map((m, i) => [m.id, i]));
  const byFile = new Map<string, ReportFinding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const file of report.files) {
    const findings = byFile.get(file.display) ?? [];
    const cases = new Map<string, Case>(enabled.map((id) => [id, { ruleId: id, failures: [], others: [] }]));
    for (const f of findings) {
      let c = cases.get(f.ruleId);
      if (!c) cases.set(f.ruleId, (c = { ruleId: f.ruleId, failures: [], others: [] }));
      (severityRank(f.severity) >= threshold ? c.failures : c.others).push(f);
    }
    const sorted = [...cases.values()].sort((a, b) => (order.get(a.ruleId) ?? Infinity) - (order.get(b.ruleId) ?? Infinity) || a.ruleId.localeCompare(b.ruleId));
    const failed = sorted.filter((c) => c.failures.length > 0).length;
    tests += sorted.length;
    failures += failed;
    const name = xmlEscape(file.display);
    const body = sorted.map((c) => testcase(c, name));
    suites.push(`  <testsuite name="${name}" tests="${sorted.length}" failures="${failed}" errors="0" skipped="0">\n${body.join('')}  </testsuite>\n`);
  }
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="${xmlEscape(TOOL_NAME)}" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('')}</testsuites>\n`
  );
}

function testcase(c: Case, classname: string): string {
  const open = `    <testcase classname="${classname}" name="${xmlEscape(c.ruleId)}"`;
  if (c.failures.length === 0 && c.others.length === 0) return `${open}/>\n`;
  let inner = '';
  if (c.failures.length > 0) {
    const first = c.failures[0]!;
    const more = c.failures.length > 1 ? ` (and ${c.failures.length - 1} more)` : '';
    inner += `      <failure type="${xmlEscape(c.ruleId)}" message="${xmlEscape(`line ${first.start.line}: ${first.message}${more}`)}">${xmlText(c.failures.map(line).join('\n'))}</failure>\n`;
  }
  if (c.others.length > 0) inner += `      <system-out>${xmlText(c.others.map(line).join('\n'))}</system-out>\n`;
  return `${open}>\n${inner}    </testcase>\n`;
}
