import 'reflect-metadata';
import { runServiceMain } from '@meic/service-kit';
import { createTrainingsApp } from './app';
import { loadTrainingsConfig } from './config';

void runServiceMain('trainings', () => loadTrainingsConfig(), createTrainingsApp);
