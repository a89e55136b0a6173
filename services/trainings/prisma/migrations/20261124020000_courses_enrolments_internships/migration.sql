-- Courses, enrolments with their completion, internships, and the read models of sites,
-- organisations and beneficiaries this service keeps from Kafka (no calls to other services).

-- CreateTable
CREATE TABLE "courses" (
    "id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "provider_org_id" UUID NOT NULL,
    "provider_org_type" TEXT NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,
    "cefr_target" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "courses_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "course_enrolments" (
    "course_id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "enrolled_on" DATE NOT NULL,
    "cefr_level_at_start" TEXT,
    "outcome" TEXT,
    "completed_on" DATE,
    "hours_attended" DOUBLE PRECISION,
    "cefr_level_reached" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "course_enrolments_pkey" PRIMARY KEY ("course_id","beneficiary_id")
);

-- CreateTable
CREATE TABLE "internships" (
    "id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "host_org_id" UUID NOT NULL,
    "host_org_type" TEXT NOT NULL,
    "site_code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "started_on" DATE NOT NULL,
    "planned_end_on" DATE NOT NULL,
    "ended_on" DATE,
    "outcome" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "internships_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "known_sites" (
    "code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "programme" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "known_sites_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "known_organisations" (
    "id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "joined_on" DATE,
    "left_on" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "known_organisations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "known_beneficiaries" (
    "id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "age_band" TEXT NOT NULL,
    "citizenship" TEXT NOT NULL,
    "legal_status" TEXT NOT NULL,
    "enrolled_on" DATE NOT NULL,
    "erased_on" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "known_beneficiaries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "courses_site_code_type_idx" ON "courses"("site_code", "type");

-- CreateIndex
CREATE INDEX "courses_created_at_id_idx" ON "courses"("created_at", "id");

-- CreateIndex
CREATE INDEX "course_enrolments_beneficiary_id_idx" ON "course_enrolments"("beneficiary_id");

-- CreateIndex
CREATE INDEX "internships_site_code_created_at_idx" ON "internships"("site_code", "created_at");

-- CreateIndex
CREATE INDEX "internships_beneficiary_id_idx" ON "internships"("beneficiary_id");

-- AddForeignKey
ALTER TABLE "course_enrolments" ADD CONSTRAINT "course_enrolments_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
