-- People are looked up in the beneficiaries service (GET /v1/beneficiaries/{id}/reference) rather
-- than learnt from enrolment events, which no longer carry the beneficiary id (ADR 0014): the
-- read model becomes a record of the people this service wrote about, with their pseudonym.
-- Rows learnt from the retired events have no pseudonym and are looked up again when next used.
DELETE FROM "known_beneficiaries";

-- AlterTable
ALTER TABLE "known_beneficiaries" DROP COLUMN "enrolled_on",
DROP COLUMN "erased_on",
ADD COLUMN "pseudonym" UUID NOT NULL;

-- CreateTable
CREATE TABLE "erased_people" (
    "pseudonym" UUID NOT NULL,
    "erased_on" DATE NOT NULL,

    CONSTRAINT "erased_people_pkey" PRIMARY KEY ("pseudonym")
);

-- CreateIndex
CREATE UNIQUE INDEX "known_beneficiaries_pseudonym_key" ON "known_beneficiaries"("pseudonym");
