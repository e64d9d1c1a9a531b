/**
 * Test seam (never shipped): a rule that fails on purpose. The bundles add it only when built with
 * SHIPSHAPE_TEST_SEAMS (scripts/build.mjs without --production); see test-seams.d.ts.
 */
import type { Rule } from './rule';

/**
 * A rule that throws after looking at every object, compose file and
 * Dockerfile, with the document's whole text in its error message (which must
 * never reach a finding or a log). The CLI and the language server add it when
 * started with SHIPSHAPE_TEST_FAULT=rule-throws, so tests can check how the
 * bundles report a failing rule.
 */
export function throwingTestRule(id = 'test-fault'): Rule {
  return {
    meta: {
      id,
      title: 'Test rule that throws',
      description: 'Throws on every document (tests only).',
      defaultSeverity: 'warning',
      category: 'hardening',
      messages: {},
      references: {},
    },
    create: (ctx) => ({
      end() {
        throw new TypeError(`test fault in ${id}: ${ctx.text}`);
      },
    }),
  };
}

/** Environment variable that makes the CLI and the language server add `throwingTestRule()` (tests only). */
export const TEST_FAULT_ENV = 'SHIPSHAPE_TEST_FAULT';
