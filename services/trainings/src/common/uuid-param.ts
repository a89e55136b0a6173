import { Param, type PipeTransform } from '@nestjs/common';
import { problems } from '@meic/service-kit';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path parameter that must be a UUID: otherwise a 400 naming it, as body fields are named. */
class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw problems.validation([{ path: `/${this.name}`, message: 'must be a UUID' }], `Path parameter ${this.name} must be a UUID.`);
    return value.toLowerCase();
  }
}

export const UuidParam = (name: string) => Param(name, new UuidPipe(name));
