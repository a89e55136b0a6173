import { createLogger, DOCUMENTATION_ENV, openApiDocument, type OpenApiDocument } from '@meic/service-kit';
import { API_INFO, AppModule } from './app.module';
import { loadStakeholdersConfig } from './config';

/** This service's OpenAPI document, described without starting it (`npm run generate`). */
export function describeApi(): OpenApiDocument {
  return openApiDocument(API_INFO, AppModule.register(loadStakeholdersConfig(DOCUMENTATION_ENV), createLogger('stakeholders-openapi', 'silent')));
}
