-- Caseworker tasks raised by pathway workflows (meic.pathway.task-raised.v1), listed by
-- GET /v1/tasks and closed by POST /v1/tasks/{id}/done. No foreign key to beneficiaries: a task
-- is pseudonymous and an erased person's tasks stay as counts (like the stage column).

-- CreateTable
CREATE TABLE "tasks" (
    "id" UUID NOT NULL,
    "beneficiary_id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "due_on" DATE NOT NULL,
    "raised_on" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "done_on" DATE,
    "done_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tasks_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tasks_site_code_status_idx" ON "tasks"("site_code", "status");

-- CreateIndex
CREATE INDEX "tasks_created_at_id_idx" ON "tasks"("created_at", "id");
