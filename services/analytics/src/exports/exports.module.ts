import { Module, type DynamicModule } from '@nestjs/common';
import { ExportsController } from './exports.controller';
import { ExportsRepository } from './exports.repository';
import { ExportsService } from './exports.service';
import { EXPORT_PSEUDONYM_KEY } from './exports.tokens';

@Module({})
export class ExportsModule {
  static forRoot(pseudonym: { key: string; development: boolean }): DynamicModule {
    return {
      module: ExportsModule,
      controllers: [ExportsController],
      providers: [{ provide: EXPORT_PSEUDONYM_KEY, useValue: pseudonym }, ExportsRepository, ExportsService],
    };
  }
}
