-- Exam sessions of one académie: the exam rules of the referential version are copied at opening,
-- so that a deliberation never depends on another service once the session runs.
create table exam_session (
    id uuid primary key,
    academie varchar(64) not null,
    certification varchar(64) not null,
    referential_version integer not null,
    year integer not null,
    status varchar(16) not null,
    rules jsonb not null,
    snapshot_taken_at timestamptz,
    current_revision integer not null default 0,
    created_by varchar(255) not null,
    created_at timestamptz not null,
    sealed_at timestamptz,
    sealed_by varchar(255),
    published_at timestamptz,
    version bigint not null,
    constraint uq_session unique (academie, certification, year)
);

-- The registration snapshot taken from dossier-service when grading starts.
create table session_candidate (
    id uuid primary key,
    session_id uuid not null references exam_session(id),
    registration_id varchar(128) not null,
    candidate_number varchar(64) not null,
    account varchar(255),
    last_name varchar(255),
    first_name varchar(255),
    birth_date date,
    categorie varchar(16),
    voie varchar(64),
    forme varchar(16) not null,
    epreuves jsonb not null,
    attestation_requested boolean not null default false,
    constraint uq_candidate unique (session_id, candidate_number)
);
create index ix_candidate_account on session_candidate(session_id, account);

-- Jury of a session (R19): the president and the members with their quality.
create table jury_member (
    id uuid primary key,
    session_id uuid not null references exam_session(id),
    account varchar(255) not null,
    name varchar(255) not null,
    qualite varchar(32) not null,
    president boolean not null,
    constraint uq_jury_member unique (session_id, account)
);

create table commission (
    id uuid primary key,
    session_id uuid not null references exam_session(id),
    code varchar(64) not null,
    epreuve varchar(16) not null,
    constraint uq_commission unique (session_id, code)
);
create table commission_member (
    commission_id uuid not null references commission(id) on delete cascade,
    account varchar(255) not null,
    primary key (commission_id, account)
);
create table commission_candidate (
    commission_id uuid not null references commission(id) on delete cascade,
    candidate_id uuid not null references session_candidate(id),
    primary key (commission_id, candidate_id)
);
create index ix_commission_candidate on commission_candidate(candidate_id);

create table grade (
    id uuid primary key,
    session_id uuid not null references exam_session(id),
    candidate_id uuid not null references session_candidate(id),
    epreuve varchar(16) not null,
    statut varchar(16) not null,
    note numeric(5, 2),
    situations jsonb,
    origine varchar(24) not null,
    grille jsonb,
    commentaire varchar(2000),
    grader varchar(255) not null,
    graded_at timestamptz not null,
    version bigint not null,
    constraint uq_grade unique (session_id, candidate_id, epreuve)
);

create table adjustment (
    id uuid primary key,
    session_id uuid not null references exam_session(id),
    candidate_id uuid not null references session_candidate(id),
    epreuve varchar(16) not null,
    note numeric(5, 2) not null,
    motif varchar(1000) not null,
    auteur varchar(255) not null,
    created_at timestamptz not null,
    constraint uq_adjustment unique (session_id, candidate_id, epreuve)
);

create table deliberation_revision (
    id uuid primary key,
    session_id uuid not null references exam_session(id),
    revision integer not null,
    reason varchar(2000),
    created_by varchar(255) not null,
    created_at timestamptz not null,
    constraint uq_revision unique (session_id, revision)
);

create table deliberation_result (
    id uuid primary key,
    session_id uuid not null references exam_session(id),
    revision integer not null,
    candidate_id uuid not null references session_candidate(id),
    decision varchar(40) not null,
    moyenne numeric(5, 2),
    result jsonb not null,
    constraint uq_result unique (session_id, revision, candidate_id)
);

create table idempotency_record (
    caller varchar(255) not null,
    idem_key varchar(255) not null,
    request_hash varchar(64) not null,
    status integer,
    body text,
    created_at timestamptz not null,
    primary key (caller, idem_key)
);

-- Append-only audit log: each entry carries the hash of the previous one (hash chain).
create table audit_entry (
    seq bigint primary key,
    at timestamptz not null,
    academie varchar(64),
    session_id uuid,
    actor varchar(255) not null,
    action varchar(64) not null,
    subject varchar(255),
    payload text not null,
    prev_hash varchar(64) not null,
    hash varchar(64) not null
);

create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;
create trigger audit_entry_no_update before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
