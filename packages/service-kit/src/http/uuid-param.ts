import { Param, type PipeTransform } from '@nestjs/common';
import { problems } from '../problems/problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are UUIDs: anything else is a 400 naming the parameter as body fields are named
 * (`/<name>`: 'must be a UUID'), not a database error. Valid ids are lower-cased, as stored.
 */
export class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) {
      throw problems.validation([{ path: `/${this.name}`, message: 'must be a UUID' }], `Path parameter ${this.name} must be a UUID.`);
    }
    return value.toLowerCase();
  }
}

/** A UUID path parameter: `@UuidParam() id: string`, `@UuidParam('beneficiaryId') …`. */
export const UuidParam = (name = 'id') => Param(name, new UuidPipe(name));
