-- Idempotency records expire (evaluation.idempotency.retention): the periodic purge deletes by age.
create index idx_idempotency_record_created_at on idempotency_record (created_at);
