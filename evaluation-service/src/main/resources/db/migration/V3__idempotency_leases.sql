-- One idempotency mechanism for the suite (commons fr.bts.commons.idempotency, JdbcIdempotencyStore):
-- a key is scoped to (académie, caller's token subject, key); an in-progress record holds a lease (owner, lease_until)
-- renewed while its request runs, so that a crashed worker never leaves its key stuck; the first answer keeps its
-- status, the headers that matter and the body; run_id names the logical run (kept when a retry takes it over).
-- The records of the former design were scoped by username only and cannot be mapped onto the new scope: they are
-- dropped (a retry of such a batch runs again and finds its grades unchanged, so nothing is duplicated).
delete from idempotency_record;
alter table idempotency_record drop constraint idempotency_record_pkey;
alter table idempotency_record
    add column academie varchar(64) not null,
    add column run_id varchar(36) not null,
    add column owner varchar(36),
    add column lease_until timestamptz,
    add column headers text;
comment on column idempotency_record.caller is 'the subject (sub) of the token that sent the key';
alter table idempotency_record add primary key (academie, caller, idem_key);
