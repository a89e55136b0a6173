import { Module, type DynamicModule } from '@nestjs/common';
import { KpisController } from './kpis.controller';
import { KpisRepository } from './kpis.repository';
import { KpisService, MIN_CELL } from './kpis.service';

@Module({})
export class KpisModule {
  static forRoot(minCell: number): DynamicModule {
    return { module: KpisModule, controllers: [KpisController], providers: [{ provide: MIN_CELL, useValue: minCell }, KpisService, KpisRepository] };
  }
}
