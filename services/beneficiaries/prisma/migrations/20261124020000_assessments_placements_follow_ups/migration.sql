-- Assessments, placements and follow-ups; the stage and drop-out of a beneficiary; erasure keeps
-- the age band instead of the birth year (hence the nullable columns); the organisations read model.

-- AlterTable
-- age_band is added nullable, filled for existing rows with the band at enrolment (as
-- @meic/contracts ageBandOf computes it), then made NOT NULL: the end state is what Prisma generates.
ALTER TABLE "beneficiaries" ADD COLUMN     "age_band" TEXT,
ADD COLUMN     "dropout_reason" TEXT,
ADD COLUMN     "dropped_out_on" DATE,
ADD COLUMN     "stage" TEXT NOT NULL DEFAULT 'intake',
ALTER COLUMN "birth_year" DROP NOT NULL,
ALTER COLUMN "arrival_year" DROP NOT NULL,
ALTER COLUMN "education_isced" DROP NOT NULL,
ALTER COLUMN "languages" DROP NOT NULL;

UPDATE "beneficiaries" SET "age_band" = CASE
    WHEN EXTRACT(YEAR FROM "enrolled_on") - "birth_year" < 25 THEN '18-24'
    WHEN EXTRACT(YEAR FROM "enrolled_on") - "birth_year" < 30 THEN '25-29'
    WHEN EXTRACT(YEAR FROM "enrolled_on") - "birth_year" < 40 THEN '30-39'
    WHEN EXTRACT(YEAR FROM "enrolled_on") - "birth_year" < 55 THEN '40-54'
    ELSE '55+'
END;

ALTER TABLE "beneficiaries" ALTER COLUMN "age_band" SET NOT NULL;

-- CreateTable
CREATE TABLE "assessments" (
    "id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "assessed_on" DATE NOT NULL,
    "skills" TEXT[],
    "barriers" TEXT[],
    "recommended_activities" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "assessments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "placements" (
    "id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "employer_org_id" UUID,
    "employer_org_type" TEXT,
    "employer_name" TEXT,
    "contract_type" TEXT NOT NULL,
    "hours_per_week" DOUBLE PRECISION NOT NULL,
    "nace_sector" TEXT NOT NULL,
    "started_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "placements_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "follow_ups" (
    "id" UUID NOT NULL,
    "placement_id" UUID NOT NULL,
    "months_after_placement" INTEGER NOT NULL,
    "employed" BOOLEAN NOT NULL,
    "recorded_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "follow_ups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "known_organisations" (
    "id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "left_on" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "known_organisations_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "beneficiaries_site_code_stage_idx" ON "beneficiaries"("site_code", "stage");

-- CreateIndex
CREATE INDEX "beneficiaries_created_at_id_idx" ON "beneficiaries"("created_at", "id");

-- CreateIndex
CREATE INDEX "assessments_beneficiary_id_created_at_id_idx" ON "assessments"("beneficiary_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "placements_beneficiary_id_idx" ON "placements"("beneficiary_id");

-- CreateIndex
CREATE UNIQUE INDEX "follow_ups_placement_id_months_after_placement_key" ON "follow_ups"("placement_id", "months_after_placement");

-- AddForeignKey
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_beneficiary_id_fkey" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiaries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "placements" ADD CONSTRAINT "placements_beneficiary_id_fkey" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiaries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_placement_id_fkey" FOREIGN KEY ("placement_id") REFERENCES "placements"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
