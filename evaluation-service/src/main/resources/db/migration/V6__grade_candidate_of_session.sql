-- A grade's candidate is a candidate of the grade's session (issue 16): one composite foreign key
-- (session_id, candidate_id) -> session_candidate (session_id, id) replaces the two single-column keys to exam_session
-- and session_candidate. It refuses everything the two refused (session_candidate.session_id references exam_session,
-- so the grade's session exists) and also a candidate of another session. Each inserted grade then costs PostgreSQL one
-- referential check instead of two, and none on the session's row: the key-share locks that every grade of every
-- concurrent batch took on that one exam_session row (a multixact as soon as two batches ran at once) are gone.
alter table session_candidate add constraint uq_candidate_of_session unique (session_id, id);
alter table grade drop constraint grade_session_id_fkey;
alter table grade drop constraint grade_candidate_id_fkey;
alter table grade add constraint fk_grade_candidate_of_session foreign key (session_id, candidate_id)
    references session_candidate (session_id, id);
