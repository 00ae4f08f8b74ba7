package fr.bts.dossier.service;

import fr.bts.commons.problem.Problem;
import fr.bts.dossier.api.ImportReport;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.client.ReferentialVersions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validation step of an import: every row gets the checks of a single registration (its CSV errors, bean
 * validation, the referential version it names and {@link RegistrationValidator} against it, a candidate number
 * not repeated in the same session of this import). The referential is asked once per distinct version, not per row.
 */
@ApplicationScoped
class ImportRowChecks {

    /** A row that passed every check, with the referential version it was checked against. */
    record Valid(int index, RegistrationInput input, ReferentialVersion version) {
    }

    @Inject
    ReferentialVersions referential;

    @Inject
    Validator validator;

    /**
     * Checks every row: a refused row gets its report in {@code reports}; the others are answered by session, in the
     * order of their first row.
     */
    Map<String, List<Valid>> check(List<RegistrationCsv.Row> rows, ImportReport.RowReport[] reports) {
        Map<String, Optional<ReferentialVersion>> versions = new HashMap<>();
        Map<String, List<Valid>> bySession = new LinkedHashMap<>();
        Map<String, Integer> firstRow = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            RegistrationCsv.Row row = rows.get(i);
            RegistrationInput in = row.input();
            List<Problem.Violation> errors = new ArrayList<>(row.errors());
            ReferentialVersion version = errors.isEmpty() ? checkAlone(in, errors, versions) : null;
            if (errors.isEmpty()) {
                Integer earlier = firstRow.putIfAbsent(in.session() + "/" + in.candidateNumber(), row.line());
                if (earlier != null) {
                    errors.add(new Problem.Violation("candidateNumber", "already in row " + earlier + " of this import", in.candidateNumber()));
                }
            }
            if (!errors.isEmpty()) {
                reports[i] = new ImportReport.RowReport(row.line(), row.candidateNumber(), ImportReport.Outcome.REJECTED, null, errors);
            } else {
                bySession.computeIfAbsent(in.session(), s -> new ArrayList<>()).add(new Valid(i, in, version));
            }
        }
        return bySession;
    }

    /** The checks of one registration on its own; answers the version it names when they pass. */
    private ReferentialVersion checkAlone(RegistrationInput in, List<Problem.Violation> errors,
                                          Map<String, Optional<ReferentialVersion>> versions) {
        for (ConstraintViolation<RegistrationInput> v : validator.validate(in)) {
            errors.add(new Problem.Violation(v.getPropertyPath().toString(), v.getMessage(), safe(v.getInvalidValue())));
        }
        if (!errors.isEmpty()) {
            errors.sort(Comparator.comparing(Problem.Violation::field));
            return null;
        }
        String key = in.certification() + "/" + in.referentialVersion();
        Optional<ReferentialVersion> found = versions.computeIfAbsent(key,
                k -> referential.get(in.certification(), in.referentialVersion()));
        if (found.isEmpty()) {
            errors.add(new Problem.Violation(in.referentialVersion() == null ? "certification" : "referentialVersion",
                    "the referential has no such published version", key));
            return null;
        }
        errors.addAll(RegistrationValidator.validate(in, found.get()));
        return found.get();
    }

    private static Object safe(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        String s = value.toString();
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
