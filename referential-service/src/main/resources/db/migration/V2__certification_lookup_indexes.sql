-- Every read by code or RNCP number (Certification.findByCodeOrRncp) compares upper(code) and upper(rncp), which
-- the unique indexes of V1 cannot serve: expression indexes, so that the lookup does not scan the table.
create index certification_by_upper_code on certification (upper(code));
create index certification_by_upper_rncp on certification (upper(rncp));
