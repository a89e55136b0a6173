import 'reflect-metadata';
import { runServiceMain } from '@meic/service-kit';
import { createAnalyticsApp } from './app';
import { loadAnalyticsConfig } from './config';

void runServiceMain('analytics', () => loadAnalyticsConfig(), createAnalyticsApp);
