-- Changes of consent after enrolment (PATCH /v1/beneficiaries/{id}/consent) and who recorded them.

-- CreateTable
CREATE TABLE "consent_changes" (
    "id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "data_processing" BOOLEAN NOT NULL,
    "evaluation_follow_up" BOOLEAN NOT NULL,
    "recorded_on" DATE NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "consent_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "consent_changes_beneficiary_id_idx" ON "consent_changes"("beneficiary_id");

-- AddForeignKey
ALTER TABLE "consent_changes" ADD CONSTRAINT "consent_changes_beneficiary_id_fkey" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiaries"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
