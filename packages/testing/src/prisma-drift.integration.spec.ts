import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from './index';
import { checkPrismaDrift, type DriftAllowance } from './prisma-drift';

/**
 * The checker against real PostgreSQL: a schema using most of what Prisma maps (scalar and
 * native types, lists, enums with @map, literal/now/autoincrement/uuid defaults, composite
 * unique, sorted and hash indexes, relations with and without onDelete, an implicit
 * many-to-many) and the SQL `prisma migrate` generates for it must agree; then each kind of
 * drift is introduced and must be reported with a specific message.
 */
const SCHEMA = `
datasource db {
  provider = "postgresql"
}

enum Role {
  ADMIN
  USER  @map("user")

  @@map("role")
}

model Author {
  id        Int       @id @default(autoincrement())
  email     String    @unique
  name      String?   @db.VarChar(120)
  role      Role      @default(USER)
  rating    Decimal
  share     Decimal   @db.Decimal(5, 2)
  score     Float     @default(1.5)
  big       BigInt    @default(10)
  active    Boolean   @default(true)
  meta      Json      @default("{}")
  avatar    Bytes?
  tags      String[]
  born      DateTime  @db.Date
  createdAt DateTime  @default(now()) @map("created_at")
  seenAt    DateTime? @map("seen_at") @db.Timestamptz(3)
  token     String    @default(uuid()) @db.Uuid
  code      String    @default("a'b") @db.Char(3)
  posts     Post[]    @relation("written")
  edits     Post[]    @relation("edited")

  @@index([name, createdAt(sort: Desc)])
  @@index([meta(ops: JsonbPathOps)], type: Gin)
  @@map("authors")
}

model Post {
  id       BigInt  @id @default(autoincrement())
  authorId Int     @map("author_id")
  editorId Int?    @map("editor_id")
  slug     String
  author   Author  @relation("written", fields: [authorId], references: [id], onDelete: Cascade)
  editor   Author? @relation("edited", fields: [editorId], references: [id])
  tags     Tag[]

  @@unique([authorId, slug])
  @@index([slug], type: Hash)
  @@map("posts")
}

model Tag {
  name  String @id
  posts Post[]
}
`;

// What \`prisma migrate dev\` generates for SCHEMA (Prisma 6/7 PostgreSQL renderer).
const MIGRATION = `
CREATE TYPE "role" AS ENUM ('ADMIN', 'user');
CREATE TABLE "authors" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" VARCHAR(120),
    "role" "role" NOT NULL DEFAULT 'user',
    "rating" DECIMAL(65,30) NOT NULL,
    "share" DECIMAL(5,2) NOT NULL,
    "score" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "big" BIGINT NOT NULL DEFAULT 10,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "meta" JSONB NOT NULL DEFAULT '{}',
    "avatar" BYTEA,
    "tags" TEXT[],
    "born" DATE NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_at" TIMESTAMPTZ(3),
    "token" UUID NOT NULL,
    "code" CHAR(3) NOT NULL DEFAULT 'a''b',
    CONSTRAINT "authors_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "posts" (
    "id" BIGSERIAL NOT NULL,
    "author_id" INTEGER NOT NULL,
    "editor_id" INTEGER,
    "slug" TEXT NOT NULL,
    CONSTRAINT "posts_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "Tag" (
    "name" TEXT NOT NULL,
    CONSTRAINT "Tag_pkey" PRIMARY KEY ("name")
);
CREATE TABLE "_PostToTag" (
    "A" BIGINT NOT NULL,
    "B" TEXT NOT NULL,
    CONSTRAINT "_PostToTag_AB_pkey" PRIMARY KEY ("A","B")
);
CREATE UNIQUE INDEX "authors_email_key" ON "authors"("email");
CREATE INDEX "authors_name_created_at_idx" ON "authors"("name", "created_at" DESC);
CREATE INDEX "authors_meta_idx" ON "authors" USING GIN ("meta" jsonb_path_ops);
CREATE UNIQUE INDEX "posts_author_id_slug_key" ON "posts"("author_id", "slug");
CREATE INDEX "posts_slug_idx" ON "posts" USING HASH ("slug");
CREATE INDEX "_PostToTag_B_index" ON "_PostToTag"("B");
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "posts" ADD CONSTRAINT "posts_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "authors"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_A_fkey" FOREIGN KEY ("A") REFERENCES "posts"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "_PostToTag" ADD CONSTRAINT "_PostToTag_B_fkey" FOREIGN KEY ("B") REFERENCES "Tag"("name") ON DELETE CASCADE ON UPDATE CASCADE;
`;

// The repository's own prisma package (the schema lives in a temporary directory).
const prismaFromDir = resolve(__dirname, '../../../services/stakeholders');

describe('checkPrismaDrift against real PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let pg: Client;
  let schemaPath: string;

  beforeAll(async () => {
    db = await createTestDatabase('drift');
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(MIGRATION);
    schemaPath = join(mkdtempSync(join(tmpdir(), 'prisma-drift-')), 'schema.prisma');
    writeFileSync(schemaPath, SCHEMA);
  });

  afterAll(async () => {
    await pg?.end();
    await db?.drop();
  });

  const check = (allow: DriftAllowance[] = []) => checkPrismaDrift({ schemaPath, databaseUrl: db.url, prismaFromDir, allow });

  it('finds no difference between a schema and the SQL Prisma generates for it', async () => {
    const report = await check();
    expect(report.messages).toEqual([]);
    expect(report.expected.tables.map((t) => t.name).sort()).toEqual(['Tag', '_PostToTag', 'authors', 'posts']);
  });

  it('reports each kind of drift with the object, the Prisma field and expected vs actual', async () => {
    await pg.query(`
      ALTER TABLE "authors" ALTER COLUMN "share" TYPE DECIMAL(6,2);
      ALTER TABLE "authors" ALTER COLUMN "email" DROP NOT NULL;
      ALTER TABLE "authors" ALTER COLUMN "created_at" DROP DEFAULT;
      ALTER TABLE "authors" ALTER COLUMN "big" SET DEFAULT 11;
      ALTER TABLE "authors" ALTER COLUMN "seen_at" TYPE TIMESTAMP(3);
      ALTER TABLE "authors" ADD COLUMN "nickname" TEXT;
      ALTER TABLE "authors" ADD CONSTRAINT "authors_share_positive" CHECK ("share" >= 0);
      DROP INDEX "posts_author_id_slug_key";
      ALTER INDEX "authors_email_key" RENAME TO "authors_mail_key";
      DROP INDEX "authors_meta_idx";
      CREATE INDEX "authors_meta_idx" ON "authors" USING GIN ("meta");
      DROP INDEX "authors_name_created_at_idx";
      CREATE INDEX "authors_name_created_at_idx" ON "authors"("name", "created_at");
      ALTER TABLE "posts" DROP CONSTRAINT "posts_editor_id_fkey";
      ALTER TABLE "posts" ADD CONSTRAINT "posts_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "authors"("id") ON DELETE CASCADE ON UPDATE CASCADE;
      ALTER TYPE "role" ADD VALUE 'GUEST';
      CREATE TABLE "audit" ("id" INTEGER);
    `);
    const report = await check();
    expect(report.messages).toEqual([
      'column authors.email (Author.email): nullability expected NOT NULL, actual NULL',
      'column authors.share (Author.share): type expected numeric(5,2), actual numeric(6,2)',
      'column authors.big (Author.big): default expected 10, actual 11',
      'column authors.created_at (Author.createdAt): default expected CURRENT_TIMESTAMP, actual no default',
      'column authors.seen_at (Author.seenAt): type expected timestamp(3) with time zone, actual timestamp(3) without time zone',
      'column authors.nickname exists in the database but not in the Prisma schema (text); model it or add an allowance with a reason',
      'unique index authors_email_key (@unique on Author.email): name expected authors_email_key, actual authors_mail_key (same columns; Prisma would rename it)',
      'index authors_name_created_at_idx (@@index([name, createdAt]) on Author): sort order expected (name ASC, created_at DESC), actual (name ASC, created_at ASC)',
      'index authors_meta_idx (@@index([meta]) on Author): operator class of meta expected JsonbPathOps, actual jsonb_ops',
      'check constraint authors.authors_share_positive exists in the database but not in the Prisma schema (CHECK ((share >= (0)::numeric))); model it or add an allowance with a reason',
      'unique index posts_author_id_slug_key (@@unique([authorId, slug]) on Post) is missing from the database; expected UNIQUE INDEX ON posts USING btree (author_id, slug)',
      'foreign key posts_editor_id_fkey (relation Post.editor): ON DELETE expected SET NULL, actual CASCADE',
      'table audit exists in the database but not in the Prisma schema (columns (id)); model it or add an allowance with a reason',
      'enum role (enum Role): values expected (ADMIN, user), actual (ADMIN, user, GUEST)',
    ]);
    const byAspect = Object.fromEntries(report.differences.map((d) => [`${d.object}|${d.aspect}`, [d.expected, d.actual]]));
    expect(byAspect['column authors.email|nullability']).toEqual(['NOT NULL', 'NULL']);

    // Allowances silence exactly what they name; one that matches nothing is reported.
    const allowed = await check([
      { kind: 'check', name: 'authors.authors_share_positive', reason: 'test: a CHECK Prisma cannot express' },
      { kind: 'table', name: 'audit', reason: 'test: a table outside Prisma' },
      { kind: 'trigger', name: 'authors.nothing_here', reason: 'test: stale' },
    ]);
    expect(allowed.messages.filter((m) => /authors_share_positive|audit|nothing_here/.test(m))).toEqual([
      'allowance trigger authors.nothing_here matches nothing in the database (reason given: test: stale); remove it',
    ]);
    expect(allowed.messages).toHaveLength(report.messages.length - 2 + 1);
  });
});
