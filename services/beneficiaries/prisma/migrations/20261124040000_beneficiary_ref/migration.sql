-- The site's own reference for a person (`ref`, from its files and spreadsheet imports), unique
-- within the site so a re-run of an import finds the person again. Nullable: people enrolled
-- without one, and erased people (erasure nulls it; NULLs never collide in a unique index).

-- AlterTable
ALTER TABLE "beneficiaries" ADD COLUMN "ref" VARCHAR(64);

-- CreateIndex
CREATE UNIQUE INDEX "beneficiaries_site_code_ref_key" ON "beneficiaries"("site_code", "ref");
