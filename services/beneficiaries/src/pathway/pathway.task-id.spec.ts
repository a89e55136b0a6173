import { createHash } from 'node:crypto';
import { pathwayTaskId, sha1, uuidV5 } from './pathway.task-id';

describe('pathway task ids', () => {
  it('computes SHA-1 like node:crypto, across block boundaries', () => {
    for (const text of ['', 'abc', 'x'.repeat(55), 'y'.repeat(56), 'z'.repeat(64), 'pathway-é/ünïcode'.repeat(9), 'emoji 🧭 中文']) {
      const bytes = [...Buffer.from(text, 'utf8')];
      expect(Buffer.from(sha1(bytes)).toString('hex')).toBe(createHash('sha1').update(text, 'utf8').digest('hex'));
    }
  });

  it('makes RFC 9562 version-5 UUIDs (the DNS-namespace example of the RFC)', () => {
    // RFC 9562 appendix A.4: "www.example.com" in the DNS namespace.
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('is stable per pathway and deadline, and differs between them', () => {
    const a = pathwayTaskId('pathway-1', 'assessment');
    expect(pathwayTaskId('pathway-1', 'assessment')).toBe(a);
    expect(pathwayTaskId('pathway-2', 'assessment')).not.toBe(a);
    expect(pathwayTaskId('pathway-1', 'first-activity')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
