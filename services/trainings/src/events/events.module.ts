import { Module, type DynamicModule } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SitesModule } from '../sites/sites.module';
import { CONSUMER_GROUP, EventsConsumer } from './events.consumer';

@Module({})
export class EventsModule {
  static forRoot(groupId: string): DynamicModule {
    return {
      module: EventsModule,
      imports: [SitesModule, OrganisationsModule, BeneficiariesModule],
      providers: [{ provide: CONSUMER_GROUP, useValue: groupId }, EventsConsumer],
    };
  }
}
