import { Module, type DynamicModule } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { ConsentController } from './consent.controller';
import { ConsentRepository } from './consent.repository';
import { ConsentService } from './consent.service';

@Module({})
export class ConsentModule {
  static forRoot(erasure: DynamicModule): DynamicModule {
    return { module: ConsentModule, imports: [BeneficiariesModule, erasure], controllers: [ConsentController], providers: [ConsentService, ConsentRepository] };
  }
}
