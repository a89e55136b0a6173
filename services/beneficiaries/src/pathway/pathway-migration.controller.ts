import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiDoc, Audited, problems, Roles } from '@meic/service-kit';
import { SiteCode } from '@meic/contracts';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { PathwayMigrationService, type TemplateMigrationResult } from './pathway-migration.service';

const MigrationResult = Type.Object({
  siteCode: SiteCode,
  templateVersion: Type.Integer(),
  migrated: Type.Integer({ description: 'Running pathways that now follow the template' }),
  notRunning: Type.Integer({ description: 'People of the site whose pathway had already ended' }),
});

@Controller('v1/sites/:code/pathways/migrate-template')
@Roles('admin')
@Audited({ resource: 'pathway-template' })
export class PathwayMigrationController {
  constructor(private readonly migrations: PathwayMigrationService) {}

  @ApiDoc({ summary: "Moves every running pathway of the site to the site's current template (pathways otherwise keep the template they started with); stages and deadlines are recomputed, raised tasks stay", responses: { 200: { description: 'How many pathways were migrated', schema: MigrationResult } } })
  @Post()
  @HttpCode(200)
  migrate(@Param('code') code: string): Promise<TemplateMigrationResult> {
    if (!Value.Check(SiteCode, code)) throw problems.validation([{ path: '/code', message: `must be a site code such as IT-RM (got ${JSON.stringify(code)})` }]);
    return this.migrations.migrateSite(code);
  }
}
