// testTimeout is a global Jest option; the integration project sets its own here instead.
jest.setTimeout(120_000);
