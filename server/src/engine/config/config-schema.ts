/**
 * The JSON Schema of `.shipshape.yaml`, built from the rule registry so rule
 * ids and each rule's options schema are always current. The same object
 * validates config files at run time (config-file.ts) and is written to
 * schemas/shipshape-config.schema.json (scripts/sync-package.ts, checked by a
 * test), which VS Code's YAML support uses for completion and hover.
 */
import type { RuleMeta } from '../types';
import { SEVERITY_SETTINGS } from '../types';

export const CONFIG_FILE_NAMES = ['.shipshape.yaml', '.shipshape.yml'] as const;

type Schema = Record<string, unknown>;

const nonEmptyString = (description: string): Schema => ({ type: 'string', minLength: 1, pattern: '\\S', description });
const globList = (description: string): Schema => ({ type: 'array', items: nonEmptyString('A glob.'), description });

function ruleEntrySchema(meta: RuleMeta): Schema {
  const severity = { $ref: '#/definitions/severity' };
  const objectForm: Schema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      severity,
      ...(meta.optionsSchema ? { options: meta.optionsSchema } : {}),
    },
  };
  return {
    description: `${meta.title} (default: ${meta.enabledByDefault === false ? 'off' : meta.defaultSeverity}${meta.level ? `, ${meta.level} profile` : ''}).`,
    markdownDescription: `**${meta.title}**: ${meta.description}`,
    if: { type: 'string' },
    then: severity,
    else: objectForm,
    ...(meta.optionsSchema ? {} : { defaultSnippets: [{ body: '${1|off,info,warning,error|}' }] }),
  };
}

/** The configuration schema for the given rules (draft-07). */
export function buildConfigSchema(rules: readonly RuleMeta[]): Schema {
  const ids = rules.map((r) => r.id);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Shipshape configuration (.shipshape.yaml)',
    description:
      'Settings for the files in this folder and below (up to the next .shipshape.yaml). Where it sets something it wins over the editor settings; CLI flags win over it.',
    type: 'object',
    additionalProperties: false,
    definitions: {
      severity: { enum: [...SEVERITY_SETTINGS], description: 'off, info, warning or error.' },
      ruleId: { enum: ids, description: 'A Shipshape rule id (see `shipshape --list-rules`).' },
    },
    properties: {
      profile: {
        enum: ['baseline', 'restricted'],
        description: 'Pod Security Standards level: restricted (the default) runs every rule; baseline turns the restricted-only rules off.',
      },
      rules: {
        type: 'object',
        description: 'Per-rule settings: a severity (off, info, warning, error), or { severity, options } for rules that take options.',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((r) => [r.id, ruleEntrySchema(r)])),
      },
      trustedRegistries: {
        description:
          'Registries, repository prefixes or globs whose images untrusted-registry accepts. A list replaces the default list; { registries, extendDefaults: true } adds to it.',
        if: { type: 'array' },
        then: globList('Registries, repository prefixes or globs; replaces the default list.'),
        else: {
          type: 'object',
          additionalProperties: false,
          required: ['registries'],
          properties: {
            registries: globList('Registries, repository prefixes or globs.'),
            extendDefaults: { type: 'boolean', description: 'Add these to the default trusted registries instead of replacing them.' },
          },
        },
      },
      exemptions: {
        type: 'array',
        description: 'Rules that do not apply to matching objects, containers or files. Every exemption needs a reason.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rules', 'reason'],
          properties: {
            rules: {
              type: 'array',
              minItems: 1,
              items: { anyOf: [{ $ref: '#/definitions/ruleId' }, { const: '*' }] },
              description: 'Rule ids to exempt, or "*" for every rule.',
            },
            kind: nonEmptyString('Glob on the object kind, e.g. DaemonSet.'),
            name: nonEmptyString('Glob on metadata.name, e.g. "fluent-bit*".'),
            namespace: nonEmptyString('Glob on metadata.namespace, e.g. kube-system.'),
            container: nonEmptyString('Glob on the container (or compose service) name, e.g. istio-proxy.'),
            paths: { ...globList('Globs on file paths, relative to the folder of this file, e.g. "vendor/**".'), minItems: 1 },
            reason: nonEmptyString('Why the exemption is justified (required).'),
          },
        },
      },
      ignorePaths: globList('Globs of files and folders (relative to the folder of this file) that are not checked at all, e.g. "charts/**/templates/**".'),
      allowAnnotationExemptions: {
        type: 'boolean',
        description: 'Honour exemption annotations on objects (ignore-check.shipshape.dev/<rule> and the kube-linter and Polaris equivalents). Default true.',
      },
      allowInlineSuppressions: {
        type: 'boolean',
        description: 'Honour # shipshape-disable comments in files. Default true.',
      },
      schemaValidation: {
        type: 'boolean',
        description: 'Validate Kubernetes objects against the schemas of the built-in kinds. Default true.',
      },
      helm: {
        type: 'object',
        additionalProperties: false,
        description: 'How Helm charts are rendered (docs/helm.md).',
        properties: {
          enabled: {
            type: 'boolean',
            description: 'Render the Helm charts under this folder and lint their templates as rendered (default true); false: templates get only a "not checked" note. --no-helm wins.',
          },
          valuesFiles: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description: 'Values files, relative to each chart\'s folder (e.g. "ci/prod-values.yaml"), applied after values.yaml where the chart has them. --helm-values replaces them.',
          },
          kubeVersion: {
            type: 'string',
            pattern: '^v?[0-9]+\\.[0-9]+(\\.[0-9]+)?$',
            description: 'The Kubernetes version templates see in .Capabilities.KubeVersion (default v1.35.0). --kube-version wins.',
          },
        },
      },
    },
  };
}
