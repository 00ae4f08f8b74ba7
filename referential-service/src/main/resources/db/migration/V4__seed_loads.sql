-- One row per seed file the SeedLoader loaded into this database, written in the transaction of the load: instances
-- starting together take a PostgreSQL advisory lock per seed file, and only the one that finds no row (and no
-- certification of that code) loads it. A row never changes.
create table seed_load (
    resource      varchar(200) primary key,
    certification varchar(40)  not null,
    loaded_at     timestamptz  not null,
    loaded_by     varchar(200) not null
);
