import { Module, type DynamicModule } from '@nestjs/common';
import { consumerProviders } from '@meic/service-kit';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SitesModule } from '../sites/sites.module';
import { EventsConsumer } from './events.consumer';

@Module({})
export class EventsModule {
  static forRoot(groupId: string): DynamicModule {
    return {
      module: EventsModule,
      imports: [SitesModule, OrganisationsModule, BeneficiariesModule],
      providers: [...consumerProviders(groupId), EventsConsumer],
    };
  }
}
