import { temporalHistoryText } from './temporal-history';

describe('temporalHistoryText', () => {
  it('decodes payloads kept as base64 strings or bytes, and nothing else', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64');
    const history = {
      events: [
        { input: { payloads: [{ metadata: { encoding: b64('json/plain') }, data: b64('{"asOf":"2031-02-01"}') }] } },
        { result: { payloads: [{ metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode('"Amina"') }] } },
        { identity: b64('not a payload') },
      ],
    };
    const text = temporalHistoryText(history);
    expect(text).toContain('{\\"asOf\\":\\"2031-02-01\\"}');
    expect(text).toContain('\\"Amina\\"');
    expect(text).toContain('"encoding":"json/plain"');
    expect(text).toContain(b64('not a payload'));
  });
});
