// @ts-check
// Jest global setup of the `integration` project (jest.config.js): starts the test stack and
// hands its addresses to the test workers through MEIC_TEST_* variables (workers inherit
// process.env). The stack itself is ESM, shared with `npm start`: see test-stack.mjs.
module.exports = async function globalSetup() {
  // The integration and e2e projects name this same setup; one run starts one stack.
  if (/** @type {any} */ (globalThis).__MEIC_TEST_STACK__) return;
  const { startTestStack } = await import('./test-stack.mjs');
  const stack = await startTestStack();
  // Jest runs setup and teardown in the same process; teardown finds the stack here.
  /** @type {any} */ (globalThis).__MEIC_TEST_STACK__ = stack;
  Object.assign(process.env, stack.env);
};
