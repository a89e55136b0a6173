import { randomUUID } from 'node:crypto';
import { buildEvent } from '@meic/contracts';

/** A site registered on 2026-01-01 in its code's country (integration tests). */
export const siteRegistered = (code: string, programme: string, targets: { enrolled: number; placed: number } = { enrolled: 10, placed: 5 }) =>
  buildEvent('meic.site.registered.v1', {
    siteCode: code,
    country: code.slice(0, 2),
    occurredOn: '2026-01-01',
    name: `Site ${code}`,
    city: 'City',
    programme,
    clusterName: 'Cluster',
    startedOn: '2026-01-01',
    defaultLanguage: 'en',
    targets: { ...targets, womenSharePct: 50 },
  });

/** Someone new enrolled at an Italian AMIL site on 2026-02-01 (ingest tests: only the event's passage matters). */
export const someoneEnrolled = (siteCode: string) =>
  buildEvent('meic.beneficiary.enrolled.v2', {
    pseudonym: randomUUID(),
    siteCode,
    country: 'IT',
    programme: 'AMIL',
    occurredOn: '2026-02-01',
    sex: 'female',
    ageBand: '30-39',
    citizenship: 'AF',
    legalStatus: 'asylum_seeker',
  });
