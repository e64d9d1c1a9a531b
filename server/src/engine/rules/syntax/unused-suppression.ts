import { defineRule } from '../../rule';

/**
 * Emitted by the engine for suppressions that do nothing: a comment or a
 * Shipshape annotation naming an unknown rule, or a rule that is not reported
 * where the suppression points, and misplaced or empty directives.
 */
export default defineRule({
  meta: {
    id: 'unused-suppression',
    title: 'Suppression that suppresses nothing',
    description:
      'A `# shipshape-disable` comment or an `ignore-check.shipshape.dev/` annotation that names an unknown rule, or a rule that is not reported where it points. Stale ignores pile up and hide the next real problem, so they are reported.',
    defaultSeverity: 'info',
    category: 'syntax',
    messages: {
      unusedComment: '"{{rule}}" is not reported {{where}}; remove it from this suppression.',
      unusedAnnotation: '{{key}} exempts nothing: "{{rule}}" is not reported for this object; remove the annotation.',
      onList: '{{key}} exempts nothing: a List is not an object and its annotations do not reach its items; annotate the item instead.',
      unknownRule: 'Unknown rule id "{{rule}}"{{hint}}; this suppression has no effect.',
      unknownValue: 'Unknown rule id {{value}}, not shown as it does not look like one (it may be a value such as a credential); this suppression has no effect.',
      misplaced:
        'shipshape-disable only works in the comments at the top of the {{scope}}; here it has no effect (use shipshape-disable-next-line for one line).',
      noRules: '{{directive}} names no rule; list the rule ids it suppresses.',
      tooManyRules: 'This suppression names {{count}} more rule ids after the first {{max}}; they are not read and suppress nothing.',
      annotationsOff: 'Exemption annotations are turned off (allowAnnotationExemptions: false); {{key}} has no effect.',
      inlineOff: 'Suppression comments are turned off (allowInlineSuppressions: false); this comment has no effect.',
    },
    references: {},
  },
  create: () => ({}),
});
