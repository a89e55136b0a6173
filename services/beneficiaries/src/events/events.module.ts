import { Module, type DynamicModule } from '@nestjs/common';
import { consumerProviders } from '@meic/service-kit';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SitesModule } from '../sites/sites.module';
import { EventsConsumer } from './events.consumer';
import { ReferenceDataConsumer } from './reference-data.consumer';

@Module({})
export class EventsModule {
  static forRoot(groupId: string, pathways: DynamicModule, erasure: DynamicModule): DynamicModule {
    return {
      module: EventsModule,
      imports: [SitesModule, OrganisationsModule, BeneficiariesModule, pathways, erasure],
      providers: [...consumerProviders(groupId), EventsConsumer, ReferenceDataConsumer],
    };
  }
}
