import { Injectable } from '@nestjs/common';
import { PathwayRepository } from './pathway.repository';
import { PathwayService } from './pathway.service';

export interface TemplateMigrationResult {
  siteCode: string;
  templateVersion: number;
  /** Pathways that received the template. */
  migrated: number;
  /** People whose pathway had already ended (or never started). */
  notRunning: number;
}

/**
 * A deliberate migration of a site's running pathways to its current template (issue: running
 * pathways keep theirs unless migrated deliberately). Each pathway recomputes its stage and
 * deadlines; tasks it raised stay raised.
 */
@Injectable()
export class PathwayMigrationService {
  constructor(
    private readonly repository: PathwayRepository,
    private readonly pathways: PathwayService,
  ) {}

  async migrateSite(siteCode: string): Promise<TemplateMigrationResult> {
    const ids = await this.repository.openPathwaysAt(siteCode);
    const template = await this.pathways.templateOf(siteCode);
    let migrated = 0;
    for (const id of ids) if (await this.pathways.migrateTemplate(id, template)) migrated += 1;
    return { siteCode, templateVersion: template.version, migrated, notRunning: ids.length - migrated };
  }
}
