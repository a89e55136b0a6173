import { Injectable } from '@nestjs/common';
import { eventWithoutPseudonym } from '@meic/service-kit';
import { PrismaClient, type DataExport } from '../generated/prisma/client';
import type { ExportPart } from './data-export.types';

@Injectable()
export class DataExportRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** A new export; exports older than `expireBefore` go (they hold a person's data and served their purpose). */
  async create(row: { id: string; beneficiaryId: string; siteCode: string; requestedBy: string }, expireBefore: Date): Promise<DataExport> {
    await this.prisma.dataExport.deleteMany({ where: { requestedAt: { lt: expireBefore } } });
    return this.prisma.dataExport.create({ data: row });
  }

  find(id: string): Promise<DataExport | null> {
    return this.prisma.dataExport.findUnique({ where: { id } });
  }

  async storePart(id: string, part: ExportPart, value: unknown): Promise<void> {
    await this.prisma.$executeRaw`UPDATE data_exports SET parts = jsonb_set(parts, ARRAY[${part}], ${JSON.stringify(value ?? null)}::jsonb) WHERE id = ${id}::uuid`;
  }

  async complete(id: string, at: Date): Promise<void> {
    await this.prisma.dataExport.updateMany({ where: { id, completedAt: null }, data: { completedAt: at } });
  }

  /**
   * Everything this database holds about the person, as stored (the export's own rows aside),
   * but the pseudonym: no person is ever shown it (ADR 0014), so the events are given without it.
   */
  async beneficiaryPart(beneficiaryId: string) {
    const person = await this.prisma.beneficiary.findUnique({
      where: { id: beneficiaryId },
      include: { personalData: true, assessments: true, placements: { include: { followUps: true } }, consentChanges: true },
    });
    if (!person) return null;
    const { pseudonym, ...record } = person;
    const tasks = await this.prisma.task.findMany({ where: { beneficiaryId }, orderBy: { createdAt: 'asc' } });
    const events = pseudonym ? await this.prisma.outboxEvent.findMany({ where: { messageKey: pseudonym }, orderBy: { id: 'asc' } }) : [];
    const accesses = await this.prisma.auditEntry.findMany({ where: { resourceId: beneficiaryId }, orderBy: { id: 'asc' } });
    return {
      record,
      tasks,
      eventsPublished: events.map((e) => eventWithoutPseudonym(e.headers as Record<string, string>, e.value)),
      accesses: accesses.map((a) => ({ at: a.at, actor: a.actor, role: a.role, action: a.action, status: a.status })),
    };
  }
}

