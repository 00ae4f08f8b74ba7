-- One database per owning service (ARCHITECTURE.md: no service reads another's database), plus Keycloak's.
CREATE DATABASE referential;
CREATE DATABASE evaluation;
CREATE DATABASE keycloak;
