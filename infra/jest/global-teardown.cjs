// @ts-check
// Jest global teardown of the `integration` project: stops the servers global-setup.cjs started.
module.exports = async function globalTeardown() {
  const stack = /** @type {any} */ (globalThis).__MEIC_TEST_STACK__;
  /** @type {any} */ (globalThis).__MEIC_TEST_STACK__ = undefined;
  if (stack) await stack.stop();
};
