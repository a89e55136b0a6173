-- Cluster organisations, territorial indicators, mentors, mentoring matches, and the read
-- model of beneficiaries (pseudonymous id and coarse attributes only) fed by events.

-- CreateTable
CREATE TABLE "organisations" (
    "id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "nace_sector" TEXT,
    "community_of_interest" BOOLEAN NOT NULL,
    "joined_on" DATE NOT NULL,
    "left_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "territorial_indicators" (
    "id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "reference_year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "territorial_indicators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentors" (
    "id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "languages" TEXT[],
    "areas" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "mentors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mentoring_matches" (
    "id" UUID NOT NULL,
    "mentor_id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "areas" TEXT[],
    "started_on" DATE NOT NULL,
    "ended_on" DATE,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "mentoring_matches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "known_beneficiaries" (
    "id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "enrolled_on" DATE NOT NULL,
    "sex" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "citizenship" TEXT NOT NULL,
    "legal_status" TEXT NOT NULL,
    "erased_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "known_beneficiaries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "organisations_site_code_name_key" ON "organisations"("site_code", "name");

-- CreateIndex
CREATE INDEX "organisations_site_code_created_at_id_idx" ON "organisations"("site_code", "created_at", "id");

-- CreateIndex
CREATE INDEX "organisations_created_at_id_idx" ON "organisations"("created_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "territorial_indicators_site_code_key_reference_year_key" ON "territorial_indicators"("site_code", "key", "reference_year");

-- CreateIndex
CREATE INDEX "territorial_indicators_site_code_created_at_id_idx" ON "territorial_indicators"("site_code", "created_at", "id");

-- CreateIndex
CREATE INDEX "mentors_site_code_created_at_id_idx" ON "mentors"("site_code", "created_at", "id");

-- CreateIndex
CREATE INDEX "mentors_created_at_id_idx" ON "mentors"("created_at", "id");

-- CreateIndex
CREATE INDEX "mentoring_matches_mentor_id_created_at_id_idx" ON "mentoring_matches"("mentor_id", "created_at", "id");

-- CreateIndex
CREATE INDEX "mentoring_matches_site_code_created_at_id_idx" ON "mentoring_matches"("site_code", "created_at", "id");

-- CreateIndex
CREATE INDEX "mentoring_matches_created_at_id_idx" ON "mentoring_matches"("created_at", "id");

-- CreateIndex
CREATE INDEX "mentoring_matches_beneficiary_id_idx" ON "mentoring_matches"("beneficiary_id");

-- AddForeignKey
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_site_code_fkey" FOREIGN KEY ("site_code") REFERENCES "sites"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "territorial_indicators" ADD CONSTRAINT "territorial_indicators_site_code_fkey" FOREIGN KEY ("site_code") REFERENCES "sites"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentors" ADD CONSTRAINT "mentors_site_code_fkey" FOREIGN KEY ("site_code") REFERENCES "sites"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_matches" ADD CONSTRAINT "mentoring_matches_mentor_id_fkey" FOREIGN KEY ("mentor_id") REFERENCES "mentors"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mentoring_matches" ADD CONSTRAINT "mentoring_matches_site_code_fkey" FOREIGN KEY ("site_code") REFERENCES "sites"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
