import { DisclosureService, type DisclosureOptions } from '../disclosure/disclosure.service';
import { recordKeySecret } from '../disclosure/record-key';
import type { MonthCount } from '../disclosure/release-blocks';
import type { ReleaseRepository } from '../disclosure/release.repository';

/** The layer's parameters as a deployment gets them by default. */
export const DEFAULT_DISCLOSURE: DisclosureOptions = {
  minCell: 5,
  maxPerturbation: 4,
  variance: 1.5,
  releaseBlock: 10,
  minAtRisk: 10,
  bucketDays: 30,
  recordKey: recordKeySecret(undefined),
};

/** The disclosure layer for unit tests: its release blocks made from the given month counts instead of ClickHouse. */
export function testDisclosure(monthCounts: readonly MonthCount[] = [], options: Partial<DisclosureOptions> = {}): DisclosureService {
  const release = { monthCounts: async () => [...monthCounts] } as unknown as ReleaseRepository;
  return new DisclosureService({ ...DEFAULT_DISCLOSURE, ...options }, release);
}
