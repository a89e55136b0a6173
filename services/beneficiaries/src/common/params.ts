import { Param, ParseUUIDPipe } from '@nestjs/common';
import { problems } from '@meic/service-kit';

/** A UUID path parameter, else a 400 naming the parameter (not Nest's unnamed message). */
export const uuidParam = (name = 'id') =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => problems.validation([{ path: `/${name}`, message: 'must be a UUID' }]) }));
