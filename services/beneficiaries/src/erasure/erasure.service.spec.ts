import type { Erasure } from '../generated/prisma/client';
import { erasureStatusOf } from './erasure.service';
import { LazyTemporalClient } from '../pathway/temporal-client';
import { ErasureSteps } from './erasure.steps';
import type { ErasureRepository } from './erasure.repository';

const erasure = (steps: object, completedAt: Date | null = null): Erasure => ({
  id: 'e1',
  beneficiaryId: 'b1',
  siteCode: 'IT-RM',
  reason: 'request',
  requestedBy: 'staff',
  requestedAt: new Date('2026-12-07T10:00:00Z'),
  steps,
  completedAt,
});

describe('erasure progress', () => {
  it('is pending with every store to do, then in progress, then completed with the stores it went through', () => {
    expect(erasureStatusOf(erasure({}))).toEqual({
      id: 'e1',
      status: 'pending',
      requestedAt: '2026-12-07T10:00:00.000Z',
      steps: ['temporal', 'trainings', 'stakeholders', 'beneficiaries'].map((store) => ({ store, status: 'pending' })),
    });
    const started = erasureStatusOf(erasure({ temporal: { status: 'done', at: '2026-12-07T10:00:01.000Z' }, trainings: { status: 'in_progress', at: '2026-12-07T10:00:02.000Z' } }));
    expect(started.status).toBe('in_progress');
    expect(started.steps.slice(0, 3)).toEqual([
      { store: 'temporal', status: 'done', at: '2026-12-07T10:00:01.000Z' },
      { store: 'trainings', status: 'in_progress', at: '2026-12-07T10:00:02.000Z' },
      { store: 'stakeholders', status: 'pending' },
    ]);
    const done = erasureStatusOf(erasure({ temporal: { status: 'done', at: 'a' }, beneficiaries: { status: 'done', at: 'b' } }, new Date('2026-12-07T10:00:05Z')));
    expect(done).toMatchObject({ status: 'completed', completedAt: '2026-12-07T10:00:05.000Z' });
    expect(done.steps.map((s) => s.store)).toEqual(['temporal', 'beneficiaries']);
  });
});

describe('erasure plan', () => {
  const steps = (peers: ('trainings' | 'stakeholders')[]) =>
    new ErasureSteps({} as ErasureRepository, { temporal: new LazyTemporalClient({ address: 'x', namespace: 'meic' }), peers: peers.map((store) => ({ store, url: `http://${store}` })), token: () => 't' }).stores();

  it('goes through Temporal, the services it is told of, and this database last (which forgets the pseudonym)', () => {
    expect(steps(['trainings', 'stakeholders'])).toEqual(['temporal', 'trainings', 'stakeholders', 'beneficiaries']);
    expect(steps(['stakeholders'])).toEqual(['temporal', 'stakeholders', 'beneficiaries']);
    expect(steps([])).toEqual(['temporal', 'beneficiaries']);
  });
});
