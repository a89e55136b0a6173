import { Module, type DynamicModule } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { SitesModule } from '../sites/sites.module';
import { CONSUMER_GROUP, EventsConsumer } from './events.consumer';
import { ReferenceDataConsumer } from './reference-data.consumer';

@Module({})
export class EventsModule {
  static forRoot(groupId: string, pathways: DynamicModule): DynamicModule {
    return {
      module: EventsModule,
      imports: [SitesModule, OrganisationsModule, BeneficiariesModule, pathways],
      providers: [{ provide: CONSUMER_GROUP, useValue: groupId }, EventsConsumer, ReferenceDataConsumer],
    };
  }
}
