import { HttpException } from '@nestjs/common';

export interface FieldProblem {
  path: string;
  message: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
}

const TYPE_BASE = 'https://meic.eu/problems/';

/** An RFC 9457 problem. Thrown anywhere; the problem filter renders it as application/problem+json. */
export class Problem extends HttpException {
  constructor(readonly body: ProblemBody) {
    super(body, body.status);
  }

  static of(status: number, slug: string, title: string, detail: string, errors?: FieldProblem[]): Problem {
    return new Problem({ type: `${TYPE_BASE}${slug}`, title, status, detail, ...(errors ? { errors } : {}) });
  }
}

export const problems = {
  validation: (errors: FieldProblem[], detail = 'The request has invalid fields.') => Problem.of(400, 'validation', 'Invalid request', detail, errors),
  badRequest: (detail: string) => Problem.of(400, 'bad-request', 'Bad request', detail),
  unauthenticated: (detail: string) => Problem.of(401, 'unauthenticated', 'Authentication required', detail),
  forbidden: (detail: string) => Problem.of(403, 'forbidden', 'Forbidden', detail),
  notFound: (detail: string) => Problem.of(404, 'not-found', 'Not found', detail),
  conflict: (detail: string) => Problem.of(409, 'conflict', 'Conflict', detail),
  unprocessable: (detail: string, errors?: FieldProblem[]) => Problem.of(422, 'unprocessable', 'Unprocessable reference', detail, errors),
  unavailable: (detail: string) => Problem.of(503, 'unavailable', 'Service unavailable', detail),
};

export { TYPE_BASE as PROBLEM_TYPE_BASE };
