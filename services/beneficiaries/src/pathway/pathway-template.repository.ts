import { Injectable } from '@nestjs/common';
import type { PathwayTemplateBody } from '@meic/contracts';
import { PrismaClient } from '../generated/prisma/client';

export interface StoredPathwayTemplate {
  siteCode: string;
  template: PathwayTemplateBody;
  updatedAt: Date;
}

@Injectable()
export class PathwayTemplateRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async find(siteCode: string): Promise<StoredPathwayTemplate | null> {
    const row = await this.prisma.sitePathwayTemplate.findUnique({ where: { siteCode } });
    return row ? { siteCode: row.siteCode, template: row.template as unknown as PathwayTemplateBody, updatedAt: row.updatedAt } : null;
  }

  /**
   * Stores the site's template unless one of this version or a later one is stored meanwhile
   * (a concurrent write): false then. One statement, so two writers cannot both win.
   */
  async saveIfNewer(siteCode: string, template: PathwayTemplateBody): Promise<boolean> {
    const written = await this.prisma.$executeRaw`
      INSERT INTO site_pathway_templates (site_code, version, template, updated_at)
      VALUES (${siteCode}, ${template.version}, ${JSON.stringify(template)}::jsonb, now())
      ON CONFLICT (site_code) DO UPDATE SET version = EXCLUDED.version, template = EXCLUDED.template, updated_at = EXCLUDED.updated_at
      WHERE site_pathway_templates.version < EXCLUDED.version`;
    return written === 1;
  }
}
