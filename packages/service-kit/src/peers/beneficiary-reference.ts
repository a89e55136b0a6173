import { readFileSync } from 'node:fs';
import { Module, type DynamicModule } from '@nestjs/common';
import { Type, type Static } from '@sinclair/typebox';
import { AgeBand, CountryCode, createAjv, IsoDate, LegalStatus, Pseudonym, Sex, SiteCode, Uuid } from '@meic/contracts';
import { Problem } from '../problems/problem';

/**
 * What another service needs to record a fact about a person (GET /v1/beneficiaries/{id}/reference
 * of the beneficiaries service, service tokens only): where they are enrolled, the coarse
 * attributes its events carry, and the pseudonym its events name them by. The schema is the
 * beneficiaries service's response and this client's check alike.
 */
export const BeneficiaryReference = Type.Object(
  {
    id: Uuid,
    pseudonym: Pseudonym,
    siteCode: SiteCode,
    country: CountryCode,
    enrolledOn: IsoDate,
    sex: Sex,
    ageBand: AgeBand,
    citizenship: CountryCode,
    legalStatus: LegalStatus,
  },
  { additionalProperties: false },
);
export type BeneficiaryReference = Static<typeof BeneficiaryReference>;
const isReference = createAjv().compile<BeneficiaryReference>(BeneficiaryReference);

export interface BeneficiaryReferencesOptions {
  /** Base URL of the beneficiaries service. */
  baseUrl: string;
  /** A `service` token naming the caller, read at each call (a rotated token file is picked up). */
  token: () => string;
  timeoutMs?: number;
}

/** The service's own token from its configuration: inline, or a file read afresh each time. */
export function serviceTokenOf(cfg: { MEIC_SERVICE_TOKEN?: string; MEIC_SERVICE_TOKEN_FILE?: string }): () => string {
  const inline = cfg.MEIC_SERVICE_TOKEN;
  if (inline) return () => inline;
  const file = cfg.MEIC_SERVICE_TOKEN_FILE;
  if (!file) throw new Error('no service token configured (MEIC_SERVICE_TOKEN or MEIC_SERVICE_TOKEN_FILE)');
  return () => readFileSync(file, 'utf8').trim();
}

/**
 * The beneficiaries service asked for a person's reference. Unknown and erased people are the
 * same answer (null): neither may be referred to. Anything else the beneficiaries service answers
 * is a 503 for the caller's client, naming the dependency, never a guess.
 */
export class BeneficiaryReferences {
  constructor(private readonly opts: BeneficiaryReferencesOptions) {}

  async find(id: string): Promise<BeneficiaryReference | null> {
    let res: Response;
    try {
      res = await fetch(`${this.opts.baseUrl}/v1/beneficiaries/${encodeURIComponent(id)}/reference`, {
        headers: { authorization: `Bearer ${this.opts.token()}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 5_000),
      });
    } catch (e) {
      throw unavailable(`the beneficiaries service did not answer (${(e as Error).message})`);
    }
    if (res.status === 404) return null;
    if (!res.ok) throw unavailable(`the beneficiaries service answered ${res.status}`);
    const body: unknown = await res.json();
    if (!isReference(body)) throw unavailable('the beneficiaries service answered a reference this service cannot read');
    return body;
  }
}

function unavailable(why: string): Problem {
  return Problem.of(503, 'dependency-unavailable', 'Service Unavailable', `Cannot check the beneficiary now: ${why}. Retry later; nothing was written.`);
}

/** Provides BeneficiaryReferences to every module of a service that records facts about people. */
@Module({})
export class BeneficiaryReferencesModule {
  static forRoot(opts: BeneficiaryReferencesOptions): DynamicModule {
    return { module: BeneficiaryReferencesModule, global: true, providers: [{ provide: BeneficiaryReferences, useValue: new BeneficiaryReferences(opts) }], exports: [BeneficiaryReferences] };
  }
}

/**
 * An event as published (an outbox row), for the person it is about to read in their data export:
 * type, time and data, the pseudonym left out (no person is ever shown it, ADR 0014).
 */
export function eventWithoutPseudonym(headers: Record<string, string>, value: string): { type: string | undefined; time: string | undefined; data: Record<string, unknown> } {
  const data = JSON.parse(value) as Record<string, unknown>;
  delete data['pseudonym'];
  return { type: headers['ce_type'], time: headers['ce_time'], data };
}
