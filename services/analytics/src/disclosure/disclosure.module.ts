import { Global, Module, type DynamicModule } from '@nestjs/common';
import { DisclosureService, type DisclosureOptions } from './disclosure.service';
import { DISCLOSURE_OPTIONS } from './disclosure.tokens';
import { ReleaseRepository } from './release.repository';

/** Disclosure control for every aggregate (docs/adr/0012); DisclosureService is its one entry point. */
@Global()
@Module({})
export class DisclosureModule {
  static forRoot(options: DisclosureOptions): DynamicModule {
    return {
      module: DisclosureModule,
      providers: [{ provide: DISCLOSURE_OPTIONS, useValue: options }, ReleaseRepository, DisclosureService],
      exports: [DisclosureService],
    };
  }
}
