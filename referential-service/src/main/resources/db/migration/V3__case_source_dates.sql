-- When the content of a version was not written in this service but taken from a source document (the seeds, loaded as
-- published version 1 on first start), the date that source gives for it. CASE lastChangeDateTime uses it for such a
-- version instead of the moment the seed happened to be loaded into this database. The sources give a day, not a time:
-- the time of day (00:00 UTC) is a default, and the row says so.
create table version_source_date (
    certification_code varchar(40) not null,
    version_number     integer     not null check (version_number > 0),
    dated_at           timestamptz not null,
    basis              text        not null,
    default_part       text,
    primary key (certification_code, version_number)
);

insert into version_source_date (certification_code, version_number, dated_at, basis, default_part) values
    ('BTS-GPME', 1, '2023-12-11T00:00:00Z', '[S000] Date de publication de la fiche : 11-12-2023',
     'time of day: the source gives a day, 00:00 UTC is a default'),
    ('BTS-SAM', 1, '2017-11-10T00:00:00Z', '[S002] Référentiel BTS Support à l’action managériale – Document de travail au 10 novembre 2017',
     'time of day: the source gives a day, 00:00 UTC is a default');
