-- The generation of the referential's data, shared by every instance (VersionWrites): each transaction writing a
-- version moves it on, and the read caches of every instance serve a remembered answer only while it has not moved.
create table referential_read_generation (
    id         smallint primary key check (id = 1),
    generation bigint   not null
);
insert into referential_read_generation (id, generation) values (1, 0);
