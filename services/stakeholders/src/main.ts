import 'reflect-metadata';
import { runServiceMain } from '@meic/service-kit';
import { createStakeholdersApp } from './app';
import { loadStakeholdersConfig } from './config';

void runServiceMain('stakeholders', () => loadStakeholdersConfig(), createStakeholdersApp);
