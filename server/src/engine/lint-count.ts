/**
 * Test seam (see test-seams.d.ts): the lints the engine started (files) and
 * the YAML documents it parsed and linted (cache misses), so that a test can
 * prove a code action request lints nothing again. Counted only where test
 * seams are compiled in; the production bundles leave the counting out.
 */
export const lintCount = { files: 0, documents: 0 };
