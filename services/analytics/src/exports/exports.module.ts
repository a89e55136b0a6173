import { Module, type DynamicModule } from '@nestjs/common';
import { ExportsController } from './exports.controller';
import { ExportsRepository } from './exports.repository';
import { ExportsService } from './exports.service';
import { EXPORT_OPTIONS, type ExportOptions } from './exports.tokens';

@Module({})
export class ExportsModule {
  static forRoot(options: ExportOptions): DynamicModule {
    return {
      module: ExportsModule,
      controllers: [ExportsController],
      providers: [{ provide: EXPORT_OPTIONS, useValue: options }, ExportsRepository, ExportsService],
    };
  }
}
