import { Module, type DynamicModule } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { PathwayMigrationController } from './pathway-migration.controller';
import { PathwayMigrationService } from './pathway-migration.service';
import { PathwayTemplateController } from './pathway-template.controller';
import { PathwayController } from './pathway.controller';
import { PathwayRepository } from './pathway.repository';
import { PathwayViewService } from './pathway-view.service';

/** The pathway's HTTP side; `pathways` is the app's PathwayModule (one Temporal client per app). */
@Module({})
export class PathwayApiModule {
  static forRoot(pathways: DynamicModule): DynamicModule {
    return { module: PathwayApiModule, imports: [BeneficiariesModule, pathways], controllers: [PathwayController, PathwayMigrationController, PathwayTemplateController], providers: [PathwayViewService, PathwayRepository, PathwayMigrationService] };
  }
}
