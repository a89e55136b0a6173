import type { OutboxRow, Principal } from '@meic/service-kit';
import type { Mentor, Site } from '../generated/prisma/client';
import { SitesService } from '../sites/sites.service';
import type { SitesRepository } from '../sites/sites.repository';
import type { MentorsRepository } from './mentors.repository';
import { MentorsService } from './mentors.service';

describe('MentorsService.register', () => {
  it('keeps the display name out of mentor.registered', async () => {
    const written: OutboxRow[] = [];
    const repo = {
      insertWithEvent: async (m: Omit<Mentor, 'createdAt'>, event: OutboxRow) => {
        written.push(event);
        return { ...m, createdAt: new Date() };
      },
    } as unknown as MentorsRepository;
    const sites = new SitesService({ findByCode: async () => ({ code: 'GR-ATH', country: 'GR' }) as Site } as unknown as SitesRepository);
    const admin: Principal = { sub: 'a', role: 'admin', sites: [] };
    const mentor = await new MentorsService(repo, sites).register(admin, { siteCode: 'GR-ATH', displayName: '  Yusuf A. ', languages: ['ar', 'el'], areas: ['housing'] }, new Date('2026-02-01T12:00:00Z'));
    expect(mentor.displayName).toBe('Yusuf A.');
    expect(written[0]!.messageKey).toBe(mentor.id);
    expect(JSON.parse(written[0]!.value)).toEqual({ siteCode: 'GR-ATH', country: 'GR', occurredOn: '2026-02-01', mentorId: mentor.id, languages: ['ar', 'el'], areas: ['housing'] });
    expect(written[0]!.value).not.toContain('Yusuf');
  });
});
