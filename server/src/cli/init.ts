/**
 * `shipshape init`: write a starting `.shipshape.yaml` in the current folder.
 * It sets the profile and, from a first scan of the files below the folder,
 * lists for review (commented out) the registries the repository pulls from
 * that are not trusted by default, and the rules that report most, so the
 * first real scan is not hundreds of warnings nobody chose. Trusting a
 * registry stays the user's act: nothing is trusted until they uncomment it.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { effectiveSeverity, getRule, normalizeSettings, RULE_IDS, RULES, type EngineSettings, type Profile, type Rule } from '../engine';
import { CONFIG_FILE_NAMES } from '../engine/config/config-schema';
import { quoteConfigScalar, trustEntryFor } from '../engine/config/config-edit';
import { trustingEntry } from '../engine/rules/images/trust';
import { sourceImages } from '../engine/views/dockerfile-sources';
import { parseImageRef } from '../engine/views/image-ref';
import type { ImageView } from '../engine/views/values';
import { isConfigFile } from '../io/config-loader';
import type { InitArgs } from './args';
import { CliError, EXIT, fsReason } from './errors';
import { discoverFiles, readSource } from './files';
import { terminalSafe } from './format/style';
import { lintSource } from './lint-source';

/** What a first scan of the folder found. */
export interface Survey {
  files: number;
  /** Trust entry (as the editor's "Trust ... in .shipshape.yaml" writes it) -> images and the first file using one. */
  registries: Map<string, { images: number; example: string }>;
  /** Rule id -> findings. */
  rules: Map<string, number>;
}

/** Rules listed in the file at most (the most frequent). */
const MAX_RULES = 12;

/**
 * A rule that reports nothing and collects the images untrusted-registry
 * would report (the same views: containers, compose services, Dockerfile
 * FROM, COPY --from and RUN --mount=from), resolved as the engine resolves them.
 */
function untrustedImageCollector(onImage: (value: string) => void): Rule {
  return {
    meta: {
      id: 'init-image-survey',
      title: 'Images for shipshape init',
      description: 'Collects the images not on the trusted list (shipshape init only).',
      defaultSeverity: 'info',
      category: 'supply-chain',
      messages: {},
      references: {},
    },
    create(ctx) {
      const check = (image: ImageView): void => {
        const ref = parseImageRef(image.value);
        if (ref && !trustingEntry(ref, ctx.trustedRegistries)) onImage(image.value);
      };
      return {
        image: check,
        dockerfile(df) {
          for (const image of sourceImages(df)) check(image);
        },
      };
    },
  };
}

/** Lint every file below `cwd` (as `shipshape scan` finds them) with the default settings at `profile`. */
export function surveyFolder(cwd: string, settings: EngineSettings): Survey {
  const survey: Survey = { files: 0, registries: new Map(), rules: new Map() };
  let current = '';
  const collector = untrustedImageCollector((image) => {
    const entry = trustEntryFor(image);
    if (entry === undefined) return;
    const seen = survey.registries.get(entry);
    if (seen) seen.images++;
    else survey.registries.set(entry, { images: 1, example: current });
  });
  const rules = [...RULES, collector];
  for (const file of discoverFiles(['.'], cwd)) {
    if (isConfigFile(file.path)) continue;
    survey.files++;
    current = file.display;
    const findings = lintSource(readSource(file), { settings, rules, fileName: basename(file.path) });
    for (const f of findings) survey.rules.set(f.ruleId, (survey.rules.get(f.ruleId) ?? 0) + 1);
  }
  return survey;
}

/** One line of a YAML comment: no line break or control character can end the comment early. */
const commentSafe = (s: string): string => s.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, '?');
const plural = (n: number, word: string, many = `${word}s`): string => `${n} ${n === 1 ? word : many}`;

function byCount<T>(map: Map<string, T>, count: (v: T) => number): Array<[string, T]> {
  return [...map].sort(([a, x], [b, y]) => count(y) - count(x) || (a < b ? -1 : a > b ? 1 : 0));
}

/** The text of the new `.shipshape.yaml`. */
export function initConfigText(profile: Profile, survey: Survey, settings: EngineSettings): string {
  const lines = [
    '# Shipshape configuration, written by `shipshape init`. Every key: docs/configuration.md.',
    '# It applies to the files in this folder and below, in the editor and in `shipshape scan`.',
    '',
    '# Pod Security Standards level: restricted (every rule) or baseline (the restricted rules off).',
    `profile: ${profile}`,
    '',
  ];
  const registries = byCount(survey.registries, (r) => r.images);
  if (registries.length === 0) {
    lines.push('# Every image here comes from a registry trusted by default (see untrusted-registry).', '');
  } else {
    const width = Math.max(...registries.map(([e]) => quoteConfigScalar(e).length));
    lines.push(
      '# Images here come from these registries, which are not trusted by default, so',
      '# untrusted-registry reports them. Trusting one is your decision: review the list,',
      '# then uncomment the first three lines and the registries you trust.',
      '# trustedRegistries:',
      '#   extendDefaults: true   # keep the default list (docker.io/library/*, registry.k8s.io, ...)',
      '#   registries:',
      ...registries.map(([entry, r]) => `#     - ${quoteConfigScalar(entry).padEnd(width)}  # ${plural(r.images, 'image')}, e.g. ${commentSafe(r.example)}`),
      '',
    );
  }
  const rules = byCount(survey.rules, (n) => n).filter(([id]) => RULE_IDS.has(id)).slice(0, MAX_RULES);
  if (rules.length === 0) {
    lines.push('# The first scan found nothing to report.');
  } else {
    const width = Math.max(...rules.map(([id]) => id.length));
    lines.push(
      '# What the first scan found, by rule (the most frequent). To change a rule\'s severity',
      '# (off, info, warning, error), uncomment `rules:` and the rule\'s line and edit it.',
      '# rules:',
      ...rules.map(([id, n]) => `#   ${`${id}:`.padEnd(width + 1)} ${effectiveSeverity(getRule(id)!.meta, settings).padEnd(7)}  # ${plural(n, 'finding')}`),
    );
  }
  return lines.join('\n') + '\n';
}

/** What to do next, printed after the file is written. */
function nextSteps(name: string, profile: Profile, survey: Survey): string {
  const registries = byCount(survey.registries, (r) => r.images);
  const out = [`Wrote ${name} (profile: ${profile}) after checking ${plural(survey.files, 'file')}.`];
  if (registries.length > 0) {
    out.push(`Images come from ${plural(registries.length, 'registry', 'registries')} not trusted by default, listed in ${name} commented out:`);
    for (const [entry, r] of registries) out.push(`  ${terminalSafe(entry)} (${plural(r.images, 'image')})`);
  }
  out.push(
    'Next:',
    `  1. Review ${name}: uncomment the registries you trust and adjust rule severities.`,
    "  2. Run 'shipshape scan' to check this folder; 'shipshape scan --fix-dry-run' shows the safe fixes",
    "     as a diff and 'shipshape scan --fix' applies them.",
    `  3. Commit ${name}: the VS Code extension and CI read the same file.`,
  );
  return out.join('\n') + '\n';
}

/** `shipshape init`: exit 0 when written; CliError (exit 2) when a config exists (without --force) or the write fails. */
export function runInit(args: InitArgs, cwd: string, stdout: { write(text: string): unknown }): number {
  const existing = CONFIG_FILE_NAMES.find((n) => existsSync(join(cwd, n)));
  if (existing !== undefined && !args.force) {
    throw new CliError(`${existing} already exists in this folder; 'shipshape init --force' overwrites it`);
  }
  const name = existing ?? CONFIG_FILE_NAMES[0];
  const { settings, problems } = normalizeSettings({ profile: args.profile }, RULE_IDS);
  if (problems.length > 0) throw new CliError(problems[0]!);
  const survey = surveyFolder(cwd, settings);
  try {
    // `wx`: never overwrite a file that appeared meanwhile unless --force.
    writeFileSync(join(cwd, name), initConfigText(args.profile, survey, settings), { flag: args.force ? 'w' : 'wx' });
  } catch (e) {
    throw new CliError(`cannot write '${name}': ${fsReason(e)}`);
  }
  stdout.write(nextSteps(name, args.profile, survey));
  return EXIT.ok;
}
