-- Subject access exports, gathered part by part by a workflow (GDPR art. 15, 20).

-- CreateTable
CREATE TABLE "data_exports" (
    "id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "parts" JSONB NOT NULL DEFAULT '{}',
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "data_exports_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "data_exports_beneficiary_id_idx" ON "data_exports"("beneficiary_id");
