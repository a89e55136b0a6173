import { Param, type PipeTransform } from '@nestjs/common';
import { problems } from '@meic/service-kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else is a 400 naming the parameter, not a database error. */
class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw problems.validation([{ path: `/${this.name}`, message: 'must be a UUID' }], `Invalid path: ${this.name} must be a UUID.`);
    return value.toLowerCase();
  }
}

export const UuidParam = (name = 'id') => Param(name, new UuidPipe(name));
