-- The erasures requested, one per person (the tombstone list), and how far each got (ADR 0015).

-- CreateTable
CREATE TABLE "erasures" (
    "id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "steps" JSONB NOT NULL DEFAULT '{}',
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "erasures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "erasures_beneficiary_id_key" ON "erasures"("beneficiary_id");
