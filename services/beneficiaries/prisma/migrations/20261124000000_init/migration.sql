-- Beneficiaries (pseudonymous record + separately stored personal data), the sites read model and the outbox.
CREATE TABLE "beneficiaries" (
    "id" UUID NOT NULL,
    "site_code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "programme" TEXT NOT NULL,
    "enrolled_on" DATE NOT NULL,
    "sex" TEXT NOT NULL,
    "birth_year" INTEGER NOT NULL,
    "citizenship" TEXT NOT NULL,
    "legal_status" TEXT NOT NULL,
    "arrival_year" INTEGER NOT NULL,
    "education_isced" INTEGER NOT NULL,
    "languages" JSONB NOT NULL,
    "consent_data_processing" BOOLEAN NOT NULL,
    "consent_evaluation_follow_up" BOOLEAN NOT NULL,
    "consent_recorded_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "erased_at" TIMESTAMPTZ(3),
    CONSTRAINT "beneficiaries_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "beneficiaries_site_code_idx" ON "beneficiaries"("site_code");

CREATE TABLE "personal_data" (
    "beneficiary_id" UUID NOT NULL,
    "given_name" TEXT NOT NULL,
    "family_name" TEXT NOT NULL,
    "birth_date" DATE NOT NULL,
    "phone" TEXT,
    "email" TEXT,
    CONSTRAINT "personal_data_pkey" PRIMARY KEY ("beneficiary_id"),
    CONSTRAINT "personal_data_beneficiary_id_fkey" FOREIGN KEY ("beneficiary_id") REFERENCES "beneficiaries"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE "known_sites" (
    "code" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "programme" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "known_sites_pkey" PRIMARY KEY ("code")
);

CREATE TABLE "outbox_events" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "message_key" TEXT NOT NULL,
    "headers" JSONB NOT NULL,
    "value" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "outbox_events_event_id_key" ON "outbox_events"("event_id");
CREATE INDEX "outbox_events_unpublished_idx" ON "outbox_events"("id") WHERE "published_at" IS NULL;
CREATE FUNCTION "outbox_events_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('meic_outbox', '');
  RETURN NULL;
END $$;
CREATE TRIGGER "outbox_events_notify" AFTER INSERT ON "outbox_events" FOR EACH STATEMENT EXECUTE FUNCTION "outbox_events_notify"();
