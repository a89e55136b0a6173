-- A site's own pathway template (PUT /v1/sites/{code}/pathway-template, site files); sites
-- without one use the deployment's template files.

-- CreateTable
CREATE TABLE "site_pathway_templates" (
    "site_code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "template" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "site_pathway_templates_pkey" PRIMARY KEY ("site_code")
);
