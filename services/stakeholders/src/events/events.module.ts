import { Module, type DynamicModule } from '@nestjs/common';
import { consumerProviders } from '@meic/service-kit';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { EventsConsumer } from './events.consumer';

@Module({})
export class EventsModule {
  static forRoot(groupId: string): DynamicModule {
    return { module: EventsModule, imports: [BeneficiariesModule], providers: [...consumerProviders(groupId), EventsConsumer] };
  }
}
