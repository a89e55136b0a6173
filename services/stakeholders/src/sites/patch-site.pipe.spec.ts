import { Problem } from '@meic/service-kit';
import { PatchSitePipe } from './sites.controller';

function errorsOf(body: unknown): { path: string; message: string }[] {
  try {
    new PatchSitePipe().transform(body);
  } catch (e) {
    if (e instanceof Problem) return e.body.errors ?? [];
    throw e;
  }
  throw new Error('expected a validation problem');
}

describe('PatchSitePipe', () => {
  it('passes a valid partial body through', () => {
    expect(new PatchSitePipe().transform({ name: 'Roma Nord', targets: { enrolled: 1, placed: 1, womenSharePct: 50 } })).toEqual({ name: 'Roma Nord', targets: { enrolled: 1, placed: 1, womenSharePct: 50 } });
  });

  it('says that an immutable field cannot be changed, rather than that it is unknown', () => {
    expect(errorsOf({ code: 'IT-XX' })).toEqual([{ path: '/code', message: 'cannot be changed once the site is registered' }]);
  });

  it('reports immutable, unknown and invalid fields together', () => {
    expect(errorsOf({ country: 'CY', nickname: 'x', startedOn: '2026-02-30' })).toEqual(
      expect.arrayContaining([
        { path: '/country', message: 'cannot be changed once the site is registered' },
        { path: '/nickname', message: 'is not a known field' },
        expect.objectContaining({ path: '/startedOn' }),
      ]),
    );
  });

  it('wants partial targets to be whole', () => {
    expect(errorsOf({ targets: { enrolled: 10 } })).toEqual(expect.arrayContaining([{ path: '/targets/placed', message: 'is required' }]));
  });
});
