import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { paths as AnalyticsPaths } from './generated/analytics';
import type { paths as BeneficiariesPaths } from './generated/beneficiaries';
import type { paths as StakeholdersPaths } from './generated/stakeholders';
import type { paths as TrainingsPaths } from './generated/trainings';

export type { AnalyticsPaths, BeneficiariesPaths, StakeholdersPaths, TrainingsPaths };

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<Paths, P extends keyof Paths, M extends Method> = M extends keyof Paths[P] ? NonNullable<Paths[P][M]> : never;

/** The JSON a route answers with, e.g. `ResponseOf<AnalyticsPaths, '/v1/kpis/trends'>`. */
export type ResponseOf<Paths, P extends keyof Paths, M extends Method = 'get', S extends number = 200> =
  Operation<Paths, P, M> extends { responses: { [K in S]: { content: { 'application/json': infer B } } } } ? B : never;

/** The query parameters a route takes. */
export type QueryOf<Paths, P extends keyof Paths, M extends Method = 'get'> = Operation<Paths, P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** The JSON body a route takes. */
export type BodyOf<Paths, P extends keyof Paths, M extends Method = 'post'> =
  Operation<Paths, P, M> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type AnalyticsClient = Client<AnalyticsPaths>;
export type BeneficiariesClient = Client<BeneficiariesPaths>;
export type StakeholdersClient = Client<StakeholdersPaths>;
export type TrainingsClient = Client<TrainingsPaths>;

export const analyticsClient = (options: ClientOptions): AnalyticsClient => createClient<AnalyticsPaths>(options);
export const beneficiariesClient = (options: ClientOptions): BeneficiariesClient => createClient<BeneficiariesPaths>(options);
export const stakeholdersClient = (options: ClientOptions): StakeholdersClient => createClient<StakeholdersPaths>(options);
export const trainingsClient = (options: ClientOptions): TrainingsClient => createClient<TrainingsPaths>(options);
