// Scaffolds a new rule (see CONTRIBUTING.md, "Adding a rule"):
//   npm run new-rule -- <rule-id> [--folder hardening] [--dry-run] [--no-generate] [--root <dir>]
// creates server/src/engine/rules/<folder>/<id>.ts (metadata and a container visitor to fill in), registers it in
// server/src/engine/rules/<folder>/index.ts, creates docs/rules/<id>.md and test/unit/rules/<id>.test.ts (whose
// cases fail until the rule reports what they expect), then runs the generators (rule page facts, README table,
// package.json settings, config schema). --dry-run prints what it would write and writes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Rule folders and the category their rules declare (types.ts RULE_CATEGORIES). */
export const FOLDER_CATEGORIES: Readonly<Record<string, string>> = {
  baseline: 'pod-security-baseline',
  restricted: 'pod-security-restricted',
  hardening: 'hardening',
  resources: 'resources',
  secrets: 'secrets',
  images: 'supply-chain',
  rbac: 'rbac',
  'service-accounts': 'service-accounts',
  network: 'network',
  relations: 'relations',
  psp: 'pod-security-policy',
  workloads: 'workloads',
  kubeconfig: 'kubeconfig',
  'cluster-config': 'cluster-config',
  dockerfile: 'dockerfile',
};

export interface ScaffoldFile {
  /** Path relative to the repository root. */
  path: string;
  text: string;
  /** An existing file that is changed (the folder's rule list) rather than created. */
  changed: boolean;
}

const camel = (id: string): string => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function ruleFile(id: string, folder: string): string {
  const level = folder === 'baseline' || folder === 'restricted' ? `\n    level: '${folder}',` : '';
  const pss = level ? `\n      pss: { level: '${folder}', control: 'TODO: the Pod Security Standards control' },` : '';
  return `import { defineRule } from '../../rule';

/** TODO: what the rule flags, in one sentence, and where the finding underlines. */
export default defineRule({
  meta: {
    id: '${id}',
    title: 'TODO: a short title',
    description: 'TODO: one or two sentences: what it flags and why it matters.',
    defaultSeverity: 'warning',
    category: '${FOLDER_CATEGORIES[folder]}',${level}
    messages: {
      found: '{{label}} "{{name}}" TODO: the message of a finding.',
    },
    references: {${pss}
      urls: [],
    },
  },
  create(ctx) {
    return {
      container(container) {
        // TODO: read the container through its view (container.value([...]), container.pair([...])) and report, e.g.
        // ctx.report({ messageId: 'found', data: { label: container.label, name: container.name }, at: container.nameSpan, container: container.name });
        void ctx;
        void container;
      },
    };
  },
});
`;
}

function docPage(id: string): string {
  return `# \`${id}\`: TODO: a short title

<!-- facts:start -->
<!-- facts:end -->

## What it flags

TODO: what the rule reports, in which kinds and formats, and which line the finding underlines.

## Why it matters

TODO: the attack or failure it prevents.

## How to fix

TODO: the change to make, with a before and after example.
`;
}

function testFile(id: string): string {
  return `import { podRuleTests } from '../../helpers/rule-tester';

// TODO: the cases of ${id}. These fail until the rule reports what they expect: replace the snippets and spans.
podRuleTests('${id}', {
  valid: [{ name: 'TODO: a pod spec the rule accepts', podSpec: \`containers:\\n- name: web\\n  image: nginx:1.27\\n\` }],
  invalid: [
    {
      name: 'TODO: a pod spec the rule reports',
      podSpec: \`containers:\\n- name: web\\n  image: nginx:1.27\\n\`,
      errors: [{ at: 'TODO: the text the finding underlines' }],
    },
  ],
});
`;
}

/** The folder's index.ts with the new rule imported and appended to its list. */
function registered(index: string, id: string, file: string): string {
  const name = camel(id);
  const list = /(export const \w+Rules: readonly Rule\[\] = \[)([\s\S]*?)(\];)/.exec(index);
  if (!list) throw new Error(`${file}: no "export const ...Rules: readonly Rule[] = [...]" list to add the rule to`);
  const items = list[2]!;
  const multiline = items.includes('\n');
  const body = multiline ? `${items.replace(/,?\s*$/, '')},\n  ${name},\n` : `${items.replace(/,?\s*$/, '')}, ${name}`;
  const withRule = index.slice(0, list.index) + list[1] + body + list[3] + index.slice(list.index + list[0].length);
  const lastImport = withRule.lastIndexOf('\nimport ');
  const end = withRule.indexOf('\n', lastImport + 1);
  return `${withRule.slice(0, end + 1)}import ${name} from './${id}';\n${withRule.slice(end + 1)}`;
}

/** The files to create or change for a new rule `id` in `folder` (throws with a message on bad input). */
export function scaffold(root: string, id: string, folder = 'hardening'): ScaffoldFile[] {
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(id)) throw new Error(`the rule id must be kebab-case (e.g. host-ipc), got ${JSON.stringify(id)}`);
  if (!FOLDER_CATEGORIES[folder]) throw new Error(`unknown folder ${JSON.stringify(folder)}; one of ${Object.keys(FOLDER_CATEGORIES).join(', ')}`);
  const indexPath = `server/src/engine/rules/${folder}/index.ts`;
  const files: ScaffoldFile[] = [
    { path: `server/src/engine/rules/${folder}/${id}.ts`, text: ruleFile(id, folder), changed: false },
    { path: indexPath, text: registered(readFileSync(join(root, indexPath), 'utf8'), id, indexPath), changed: true },
    { path: `docs/rules/${id}.md`, text: docPage(id), changed: false },
    { path: `test/unit/rules/${id}.test.ts`, text: testFile(id), changed: false },
  ];
  for (const f of files) if (!f.changed && existsSync(join(root, f.path))) throw new Error(`${f.path} already exists`);
  return files;
}

function main(argv: readonly string[]): number {
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const valued = new Set(['--folder', '--root']);
  const positional = argv.filter((a, i) => !a.startsWith('--') && !valued.has(argv[i - 1] ?? ''));
  if (positional.length !== 1) {
    console.error('usage: npm run new-rule -- <rule-id> [--folder hardening] [--dry-run] [--no-generate] [--root <dir>]');
    return 2;
  }
  const root = resolve(flag('--root') ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  let files: ScaffoldFile[];
  try {
    files = scaffold(root, positional[0]!, flag('--folder') ?? 'hardening');
  } catch (e) {
    console.error(`new-rule: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const dryRun = argv.includes('--dry-run');
  for (const f of files) {
    console.log(`${dryRun ? 'would ' : ''}${f.changed ? 'change' : 'create'} ${f.path}`);
    if (dryRun) continue;
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.text);
  }
  if (dryRun || argv.includes('--no-generate')) return 0;
  for (const script of ['scripts/gen-docs.ts', 'scripts/sync-package.ts']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) return r.status ?? 1;
  }
  console.log('Next: fill in the TODOs (rule, doc page, tests), then `node scripts/test.mjs rules/' + positional[0] + ' docs-sync engine/registry`.');
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
