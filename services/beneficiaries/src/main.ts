import 'reflect-metadata';
import { runServiceMain } from '@meic/service-kit';
import { createBeneficiariesApp } from './app';
import { loadBeneficiariesConfig } from './config';

void runServiceMain('beneficiaries', () => loadBeneficiariesConfig(), createBeneficiariesApp);
