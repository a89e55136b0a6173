-- Retention per site (GDPR art. 5(1)(e)): records are kept until the programme's end plus a
-- number of years (five by default: the EU funds' document retention), then erased.

-- CreateTable
CREATE TABLE "site_retention" (
    "site_code" TEXT NOT NULL,
    "programme_ends_on" DATE NOT NULL,
    "years" INTEGER NOT NULL DEFAULT 5,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "site_retention_pkey" PRIMARY KEY ("site_code")
);
