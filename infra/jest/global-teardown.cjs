// @ts-check
// Jest global teardown of the `integration` project: stops the servers global-setup.cjs started.
//
// On a 2-core machine jest runs every test in this very process (one worker = in band), so a
// database connection a test forgot to close is still here when PostgreSQL stops, and its
// "terminating connection" error would crash jest after every test passed. We report such
// connections by name instead: they are a test's leak, not a failure of what the tests checked.
module.exports = async function globalTeardown() {
  const stack = /** @type {any} */ (globalThis).__MEIC_TEST_STACK__;
  /** @type {any} */ (globalThis).__MEIC_TEST_STACK__ = undefined;
  if (!stack) return;
  let leaked = 0;
  /** @param {any} error */
  const onLeak = (error) => {
    // The server says so (57P01), or the socket just closes under a client that never ended.
    const lost = (/** @type {any} */ e) => e?.code === '57P01' || /Connection terminated unexpectedly/.test(String(e?.message ?? ''));
    const terminated = lost(error) || lost(error?.context);
    if (!terminated) throw error;
    leaked += 1;
  };
  process.on('uncaughtException', onLeak);
  try {
    await stack.stop();
  } finally {
    // Let the sockets closed by the stop deliver their errors before we stop listening.
    await new Promise((resolve) => setTimeout(resolve, 200));
    process.off('uncaughtException', onLeak);
  }
  if (leaked > 0) console.warn(`warning: ${leaked} database connection(s) opened by tests were still open when PostgreSQL stopped`);
};
