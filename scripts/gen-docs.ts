// Regenerates the rules table in README.md (between `<!-- rules:start -->` and
// `<!-- rules:end -->`), the table of kube-linter and Polaris annotation
// equivalents in docs/configuration.md (between `<!-- equivalents:start -->`
// and `<!-- equivalents:end -->`) and the facts table of each rule page that
// (docs/rules/<id>.md, between `<!-- facts:start -->` and `<!-- facts:end -->`,
// which every page must have: severity, profile, category, fix kind, standard,
// equivalents) from the rule registry. Notes that qualify a fact go in the page
// body under the table, never into the table.
//   npx tsx scripts/gen-docs.ts           rewrite README.md if it is out of date
//   npx tsx scripts/gen-docs.ts --check   exit 1 if it is out of date
// test/unit/docs-sync.test.ts fails when the README and the registry drift apart.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { equivalentChecks, ruleDocPath, ruleMetas, type RuleMeta } from '../server/src/engine';
import { benchmarkReferenceLines } from '../server/src/engine/benchmarks';

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

export const EQUIVALENTS_START = '<!-- equivalents:start -->';
export const EQUIVALENTS_END = '<!-- equivalents:end -->';

export const FACTS_START = '<!-- facts:start -->';
export const FACTS_END = '<!-- facts:end -->';

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

const code = (xs: readonly string[]): string => xs.map((x) => `\`${x}\``).join(', ');

/** The facts table of a rule page, from its metadata only. */
export function factsTable(meta: RuleMeta): string {
  const refs = meta.references;
  const profile =
    meta.level === 'restricted'
      ? 'restricted (off under `profile: baseline`)'
      : meta.level === 'baseline'
        ? 'both (a baseline control: on under `baseline` and `restricted`)'
        : meta.category === 'syntax'
          ? 'both (emitted by the engine under every profile)'
          : 'both (not a Pod Security Standards control: on under `baseline` and `restricted`)';
  const fix =
    meta.fixable === 'fix'
      ? meta.suggestions === true
        ? 'fix (safe: applied by fix-all and `scan --fix`); some findings get a suggestion instead (offered one at a time; never applied by fix-all or `scan --fix`)'
        : 'fix (safe: applied by fix-all and `scan --fix`)'
      : meta.fixable === 'suggestion'
        ? 'suggestion (offered one at a time; never applied by fix-all or `scan --fix`)'
        : 'none';
  const standard = [
    refs.pss ? `Pod Security Standards, ${refs.pss.level}: *${refs.pss.control}*` : undefined,
    ...benchmarkReferenceLines(refs),
  ].filter((x) => x !== undefined);
  const equivalents = equivalentChecks(refs).map(({ tool, ids }) => `${tool} ${code(ids)}`);
  return [
    '| | |',
    '|---|---|',
    `| Severity (default) | ${severityOf(meta)} |`,
    `| Profile | ${profile} |`,
    `| Category | \`${meta.category}\` |`,
    `| Fix | ${fix} |`,
    `| Standard | ${standard.length ? standard.join('; ') : 'none'} |`,
    `| Equivalents | ${equivalents.length ? equivalents.join(', ') : 'none known'} |`,
  ].join('\n');
}

/** A rule page as the generator would write it: its facts table regenerated. Throws if the page has no facts markers. */
export function generatedRulePage(meta: RuleMeta, page: string): string {
  return replaceSection(page, FACTS_START, FACTS_END, factsTable(meta));
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
  const pages = ruleMetas()
    .map((meta) => [join(__dirname, '..', ruleDocPath(meta.id)), (page: string) => generatedRulePage(meta, page)] as const)
    .filter(([file]) => existsSync(file));
  for (const [file, generate] of [[README, generatedReadme] as const, [CONFIGURATION, generatedConfigurationDoc] as const, ...pages]) {
    const original = readFileSync(file, 'utf8');
    const updated = generate(original);
    if (updated === original) {
      if (file === README || file === CONFIGURATION) console.log(`${file}: in sync with the registry (${ruleMetas().length} rules).`);
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
