import { Module, type DynamicModule } from '@nestjs/common';
import { BeneficiariesModule } from '../beneficiaries/beneficiaries.module';
import { CONSUMER_GROUP, EventsConsumer } from './events.consumer';

@Module({})
export class EventsModule {
  static forRoot(groupId: string): DynamicModule {
    return { module: EventsModule, imports: [BeneficiariesModule], providers: [{ provide: CONSUMER_GROUP, useValue: groupId }, EventsConsumer] };
  }
}
