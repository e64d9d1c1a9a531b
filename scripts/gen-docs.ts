// Regenerates the rules table in README.md (between `<!-- rules:start -->` and
// `<!-- rules:end -->`) and the table of kube-linter and Polaris annotation
// equivalents in docs/configuration.md (between `<!-- equivalents:start -->`
// and `<!-- equivalents:end -->`) from the rule registry.
//   npx tsx scripts/gen-docs.ts           rewrite README.md if it is out of date
//   npx tsx scripts/gen-docs.ts --check   exit 1 if it is out of date
// test/unit/docs-sync.test.ts fails when the README and the registry drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocPath, ruleMetas, type RuleMeta } from '../server/src/engine';

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

export const EQUIVALENTS_START = '<!-- equivalents:start -->';
export const EQUIVALENTS_END = '<!-- equivalents:end -->';

const README = join(__dirname, '..', 'README.md');
const CONFIGURATION = join(__dirname, '..', 'docs', 'configuration.md');

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** The profile column: the lowest `shipshape.profile` that runs the rule. */
function profileOf(meta: RuleMeta): string {
  return meta.level ?? 'any';
}

function severityOf(meta: RuleMeta): string {
  return meta.enabledByDefault === false ? `off (${meta.defaultSeverity} when on)` : meta.defaultSeverity;
}

/** The markdown rules table for these rules, in the order given (registry order). */
export function rulesTable(metas: readonly RuleMeta[]): string {
  const rows = metas.map(
    (m) => `| [\`${m.id}\`](${ruleDocPath(m.id)}) | ${cell(m.title)} | ${severityOf(m)} | ${profileOf(m)} | ${m.fixable ?? 'no'} |`,
  );
  return ['| Rule | Title | Default severity | Profile | Fixable |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** `text` with the part between two markers replaced by `body`. Throws if the markers are missing. */
export function replaceSection(text: string, startMarker: string, endMarker: string, body: string): string {
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`markers ${startMarker} ... ${endMarker} not found`);
  return `${text.slice(0, start + startMarker.length)}\n${body}\n${text.slice(end)}`;
}

/** `readme` with the text between the rules markers replaced by `table`. Throws if the markers are missing. */
export function replaceRulesSection(readme: string, table: string): string {
  return replaceSection(readme, RULES_START, RULES_END, table);
}

/**
 * Which kube-linter checks and Polaris checks each rule stands for, i.e. which
 * of their exemption annotations Shipshape honours for it.
 */
export function equivalentsTable(metas: readonly RuleMeta[]): string {
  const code = (xs: readonly string[] | undefined): string => (xs && xs.length ? xs.map((x) => `\`${x}\``).join(', ') : '');
  const rows = metas
    .filter((m) => m.references.kubeLinter?.length || m.references.polaris?.length)
    .map((m) => `| [\`${m.id}\`](rules/${m.id}.md) | ${code(m.references.kubeLinter)} | ${code(m.references.polaris)} |`);
  return ['| Shipshape rule | kube-linter check (`ignore-check.kube-linter.io/<check>`) | Polaris check (`polaris.fairwinds.com/<check>-exempt`) |', '| --- | --- | --- |', ...rows].join('\n');
}

/** docs/configuration.md as the generator would write it. */
export function generatedConfigurationDoc(doc: string): string {
  return replaceSection(doc, EQUIVALENTS_START, EQUIVALENTS_END, equivalentsTable(ruleMetas()));
}

/** The README as the generator would write it. */
export function generatedReadme(readme: string): string {
  return replaceRulesSection(readme, rulesTable(ruleMetas()));
}

function main(): void {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [file, generate] of [
    [README, generatedReadme],
    [CONFIGURATION, generatedConfigurationDoc],
  ] as const) {
    const original = readFileSync(file, 'utf8');
    const updated = generate(original);
    if (updated === original) {
      console.log(`${file}: in sync with the registry (${ruleMetas().length} rules).`);
      continue;
    }
    if (check) {
      console.error(`${file}: generated tables are out of date; run \`npx tsx scripts/gen-docs.ts\`.`);
      stale = true;
      continue;
    }
    writeFileSync(file, updated);
    console.log(`${file}: generated tables rewritten (${ruleMetas().length} rules).`);
  }
  if (stale) process.exit(1);
}

if (require.main === module) main();
