/**
 * Test-only code (the failing rule of test-fault.ts, the CLI's FixOptions.beforeWrite hook) runs only where
 * `typeof SHIPSHAPE_TEST_SEAMS === 'undefined' || SHIPSHAPE_TEST_SEAMS`: the unit tests (tsx, where
 * it is not defined) and the development bundles (scripts/build.mjs defines it as true). The production
 * bundles define it as false, so esbuild drops that code and everything only it uses: nothing of it is in
 * the .vsix (test/unit/engine/test-seams.test.ts greps them). Write the test at every seam with the
 * identifier itself (a constant imported from another module is inlined after tree shaking, too late).
 */
declare const SHIPSHAPE_TEST_SEAMS: boolean | undefined;
