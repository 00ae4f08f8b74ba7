-- Verifiable results (issue 17): every Open Badges 3.0 credential issued from a sealed result, as it was signed.
-- A credential asserts one achievement (a validated bloc, or the delivered diploma) of one candidate at one
-- revision; claims_sha256 is the hash of what it asserts, so that a later revision that changes it revokes it
-- (revoked_at, revoked_by_revision). checked_revision is the latest revision it was compared with.
create table credential (
    id uuid primary key,
    academie varchar(64) not null,
    session_id uuid not null references exam_session(id),
    candidate_id uuid not null references session_candidate(id),
    kind varchar(16) not null,
    achievement varchar(64) not null,
    revision integer not null,
    checked_revision integer not null,
    claims_sha256 varchar(64) not null,
    status_list integer not null,
    status_index integer not null,
    short_code varchar(16) not null,
    jwt text not null,
    issued_at timestamptz not null,
    revoked_at timestamptz,
    revoked_by_revision integer,
    constraint uq_credential_status unique (academie, status_list, status_index),
    constraint uq_credential_code unique (short_code)
);
-- at most one credential in force per candidate and achievement
create unique index uq_credential_in_force on credential(candidate_id, kind, achievement) where revoked_at is null;
create index ix_credential_session on credential(session_id, candidate_id);

-- The next free position in the académie's Bitstring Status List(s): position p is bit p mod size of list p / size.
create table credential_status_counter (
    academie varchar(64) primary key,
    next_position bigint not null
);
