import { Module, type DynamicModule } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { DataExportController } from './data-export.controller';
import { DataExportRepository } from './data-export.repository';
import { DataExportService } from './data-export.service';
import { DataExportWorkflows } from './data-export.workflows';

@Module({})
export class DataExportModule {
  static forRoot(pathways: DynamicModule): DynamicModule {
    return { module: DataExportModule, imports: [BeneficiariesModule, pathways], controllers: [DataExportController], providers: [DataExportRepository, DataExportWorkflows, DataExportService] };
  }
}
