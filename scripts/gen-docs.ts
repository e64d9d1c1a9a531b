// Regenerates the rules table in README.md (between `<!-- rules:start -->` and
// `<!-- rules:end -->`) from the rule registry.
//   npx tsx scripts/gen-docs.ts           rewrite README.md if it is out of date
//   npx tsx scripts/gen-docs.ts --check   exit 1 if it is out of date
// test/unit/docs-sync.test.ts fails when the README and the registry drift apart.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocPath, ruleMetas, type RuleMeta } from '../server/src/engine';

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

const README = join(__dirname, '..', 'README.md');

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

/** `readme` with the text between the rules markers replaced by `table`. Throws if the markers are missing. */
export function replaceRulesSection(readme: string, table: string): string {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) throw new Error(`README.md: markers ${RULES_START} ... ${RULES_END} not found`);
  return `${readme.slice(0, start + RULES_START.length)}\n${table}\n${readme.slice(end)}`;
}

/** The README as the generator would write it. */
export function generatedReadme(readme: string): string {
  return replaceRulesSection(readme, rulesTable(ruleMetas()));
}

function main(): void {
  const check = process.argv.includes('--check');
  const original = readFileSync(README, 'utf8');
  const updated = generatedReadme(original);
  if (updated === original) {
    console.log(`README.md: the rules table is in sync with the registry (${ruleMetas().length} rules).`);
    return;
  }
  if (check) {
    console.error('README.md: the rules table is out of date; run `npx tsx scripts/gen-docs.ts`.');
    process.exit(1);
  }
  writeFileSync(README, updated);
  console.log(`README.md: rules table rewritten (${ruleMetas().length} rules).`);
}

if (require.main === module) main();
