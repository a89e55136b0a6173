import { leaveRefusal, normaliseName } from './organisations.rules';

describe('leaveRefusal', () => {
  const member = { name: 'CNA Roma', joinedOn: '2026-01-20', leftOn: null };

  it('lets a member leave on or after the day it joined', () => {
    expect(leaveRefusal(member, '2026-01-20')).toBeNull();
    expect(leaveRefusal(member, '2026-06-30')).toBeNull();
  });

  it('refuses a leaving date before the joining date with 400 naming /leftOn', () => {
    const p = leaveRefusal(member, '2026-01-19');
    expect(p?.getStatus()).toBe(400);
    expect(p?.body.errors).toEqual([{ path: '/leftOn', message: 'must not be before the joining date 2026-01-20' }]);
  });

  it('refuses a second leaving with 409', () => {
    expect(leaveRefusal({ ...member, leftOn: '2026-05-01' }, '2026-06-01')?.getStatus()).toBe(409);
  });
});

describe('normaliseName', () => {
  it('trims and collapses whitespace, so the name works as a key', () => {
    expect(normaliseName('  CNA   Roma ')).toBe('CNA Roma');
  });
});
