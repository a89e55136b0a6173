import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CLICKHOUSE_OPTIONS, ClickHouseService, type ClickHouseOptions } from './clickhouse.service';

@Global()
@Module({})
export class ClickHouseModule {
  static forRoot(opts: ClickHouseOptions): DynamicModule {
    return { module: ClickHouseModule, providers: [{ provide: CLICKHOUSE_OPTIONS, useValue: opts }, ClickHouseService], exports: [ClickHouseService] };
  }
}
