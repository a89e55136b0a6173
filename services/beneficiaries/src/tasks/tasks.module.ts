import { Module, type DynamicModule } from '@nestjs/common';
import { TasksController } from './tasks.controller';
import { TasksRepository } from './tasks.repository';
import { TasksService } from './tasks.service';

@Module({})
export class TasksModule {
  /** `pathways` is the app's PathwayModule (one Temporal client per app). */
  static forRoot(pathways: DynamicModule): DynamicModule {
    return { module: TasksModule, imports: [pathways], controllers: [TasksController], providers: [TasksService, TasksRepository] };
  }
}
