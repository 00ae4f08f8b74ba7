-- Lease-based coherence of the read caches across instances (ReadLease, ReadLeases): each instance holds a lease row,
-- renewed on a connection of its own that LISTENs on referential_read_generation, and acks there the generation it
-- serves from. A version write waits, before its 2xx, until every instance whose lease is live (by this database's
-- clock) has acked the generation its transaction moved to.
create table referential_read_lease (
    instance_id      uuid        primary key,
    lease_until      timestamptz not null,
    acked_generation bigint      not null
);

-- every move of the generation is announced to the listeners at commit (NOTIFY is delivered only then), whoever
-- made it: the instances' listeners then drop their caches and ack
create function referential_read_generation_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('referential_read_generation', new.generation::text);
    return new;
end;
$$;

create trigger referential_read_generation_moved after update on referential_read_generation
    for each row execute function referential_read_generation_notify();
