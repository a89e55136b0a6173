-- Each person's pseudonym on the wire (ADR 0014): random, never derived from the id, forgotten on
-- erasure. People enrolled before get one now; erased people get none (there is no one to link).

-- AlterTable
ALTER TABLE "beneficiaries" ADD COLUMN "pseudonym" UUID;

UPDATE "beneficiaries" SET "pseudonym" = gen_random_uuid() WHERE "erased_at" IS NULL;

-- CreateIndex
CREATE UNIQUE INDEX "beneficiaries_pseudonym_key" ON "beneficiaries"("pseudonym");
