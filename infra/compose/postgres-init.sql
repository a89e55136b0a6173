-- One database per service (the first is created by POSTGRES_DB).
CREATE DATABASE meic_trainings OWNER meic;
CREATE DATABASE meic_beneficiaries OWNER meic;
