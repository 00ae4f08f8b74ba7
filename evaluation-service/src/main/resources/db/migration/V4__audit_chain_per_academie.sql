-- One audit chain per académie, whose head is recorded apart from the chain (issue 10 item 5, issue 11).
--
-- An entry is identified by its chain (the académie) and its sequence in that chain. audit_head holds the last
-- sequence and hash of each chain; it is updated in the transaction that appends, under a row lock, which also
-- serialises the appends of one académie across every instance. Verify compares the chain with it: a tail cut
-- off is reported with the missing range. Each sealed or revised deliberation records the sequence and hash of its
-- own audit entry as a second anchor.
--
-- Entries written before this migration form one chain shared by every académie: they are kept as the closed
-- chain '#v1' with its head recorded here, so that they still verify (for the national role) and a cut is seen.
alter table audit_entry add column chain varchar(64) not null default '#v1';
alter table audit_entry alter column chain drop default;
alter table audit_entry drop constraint audit_entry_pkey;
alter table audit_entry add primary key (chain, seq);

create table audit_head (
    chain varchar(64) primary key,
    seq bigint not null,
    hash varchar(64) not null,
    updated_at timestamptz not null
);
insert into audit_head (chain, seq, hash, updated_at)
    select chain, seq, hash, now() from audit_entry where chain = '#v1' order by seq desc limit 1;

alter table deliberation_revision add column audit_seq bigint;
alter table deliberation_revision add column audit_hash varchar(64);
