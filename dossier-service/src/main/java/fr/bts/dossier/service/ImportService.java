package fr.bts.dossier.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.idempotency.Execution;
import fr.bts.commons.idempotency.Idempotency;
import fr.bts.commons.idempotency.Reply;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.security.Caller;
import fr.bts.dossier.api.ImportReport;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.client.ReferentialVersions;
import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.mapping.RegistrationMapping;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.StatutInscription;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bulk registration import for a rectorat (up to {@code dossier.imports.max-rows} rows): every row gets the full
 * validation of a single registration, then the new ones are inserted with one unordered {@code insertMany} and
 * the changed ones replaced at their version. Idempotent twice over: a row whose candidate number is already
 * registered updates it (or leaves it unchanged), and an {@code Idempotency-Key} replays the first answer.
 * <p>
 * <b>A crashed import converges.</b> MongoDB has no transaction over 2,000 documents, and the driver sends a large
 * {@code insertMany} in sub-batches, so a worker killed midway leaves part of the rows stored and its key in progress.
 * Every document the import writes is tied to its run ({@link Execution}, the same for every attempt of one keyed
 * request): a created file takes the id {@code run.idFor("row-<index>")}, and every created or changed file records
 * {@link DossierCandidat#importRun}. When the lease of the dead worker runs out, the same-key retry takes the run over
 * and meets those files: a file of this run that already holds the row's registration is reported as the dead worker
 * would have reported it (CREATED when its id is the row's own id, else UPDATED) and not written again; the other
 * rows are stored as usual. So the retry ends with exactly the requested rows — no duplicate (ids and the unique
 * candidate number), none missing — and answers the report an uncrashed run answers. Chosen over staging and a final
 * switch: no second collection, no switch step that could itself be interrupted, and each row visible as soon as stored.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    private static final String OPERATION = "imports";

    @Inject
    DossierRepository dossiers;

    @Inject
    Idempotency idempotency;

    @Inject
    ReferentialVersions referential;

    @Inject
    Validator validator;

    @Inject
    Caller caller;

    @Inject
    DossierConfig config;

    @Inject
    ObjectMapper json;

    /** Imports a JSON array of registrations ({@code body} as received), once per {@code Idempotency-Key}. */
    public Reply importJson(String key, byte[] body, List<RegistrationInput> inputs) {
        List<RegistrationCsv.Row> rows = jsonRows(inputs);
        return idempotency.run(caller, key, false, OPERATION, request("application/json", body), run -> answer(run(rows, run)));
    }

    /** Imports a CSV ({@code body} as received, {@code text} decoded), once per {@code Idempotency-Key}. */
    public Reply importCsv(String key, byte[] body, String text) {
        List<RegistrationCsv.Row> rows = RegistrationCsv.parse(text);
        checkSize(rows.size());
        return idempotency.run(caller, key, false, OPERATION, request("text/csv", body), run -> answer(run(rows, run)));
    }

    /** What identifies an import request: its media type and its bytes. */
    public static byte[] request(String contentType, byte[] body) {
        byte[] type = (contentType + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[type.length + body.length];
        System.arraycopy(type, 0, all, 0, type.length);
        System.arraycopy(body, 0, all, type.length, body.length);
        return all;
    }

    private List<RegistrationCsv.Row> jsonRows(List<RegistrationInput> inputs) {
        checkSize(inputs.size());
        List<RegistrationCsv.Row> rows = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            RegistrationInput in = inputs.get(i);
            if (in == null) {
                throw ProblemException.invalid("[" + i + "]", "a row must be an object");
            }
            rows.add(new RegistrationCsv.Row(i + 1, in.candidateNumber(), in, List.of()));
        }
        return rows;
    }

    private void checkSize(int rows) {
        if (rows == 0) {
            throw ProblemException.invalid("rows", "an import carries at least one row");
        }
        if (rows > config.imports().maxRows()) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "An import carries at most "
                    + config.imports().maxRows() + " rows; this one has " + rows);
        }
    }

    private record Valid(int index, RegistrationInput input, ReferentialVersion version) {
    }

    private ImportReport run(List<RegistrationCsv.Row> rows, Execution run) {
        long started = System.nanoTime();
        String academie = caller.requireAcademie();
        String by = caller.username();
        Instant now = Instant.now();
        ImportReport.RowReport[] reports = new ImportReport.RowReport[rows.size()];
        Map<String, Optional<ReferentialVersion>> versions = new HashMap<>();
        Map<String, List<Valid>> bySession = new LinkedHashMap<>();
        Map<String, Integer> firstRow = new HashMap<>();

        for (int i = 0; i < rows.size(); i++) {
            RegistrationCsv.Row row = rows.get(i);
            List<Problem.Violation> errors = new ArrayList<>(row.errors());
            RegistrationInput in = row.input();
            ReferentialVersion version = null;
            if (errors.isEmpty()) {
                for (ConstraintViolation<RegistrationInput> v : validator.validate(in)) {
                    errors.add(new Problem.Violation(v.getPropertyPath().toString(), v.getMessage(), safe(v.getInvalidValue())));
                }
                errors.sort(Comparator.comparing(Problem.Violation::field));
            }
            if (errors.isEmpty()) {
                String key = in.certification() + "/" + in.referentialVersion();
                Optional<ReferentialVersion> found = versions.computeIfAbsent(key,
                        k -> referential.get(in.certification(), in.referentialVersion()));
                if (found.isEmpty()) {
                    errors.add(new Problem.Violation(in.referentialVersion() == null ? "certification" : "referentialVersion",
                            "the referential has no such published version", key));
                } else {
                    version = found.get();
                    errors.addAll(RegistrationValidator.validate(in, version));
                }
            }
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

        long validated = System.nanoTime();
        for (Map.Entry<String, List<Valid>> session : bySession.entrySet()) {
            store(academie, session.getKey(), session.getValue(), rows, reports, by, now, run);
        }
        long stored = System.nanoTime();

        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int rejected = 0;
        for (ImportReport.RowReport r : reports) {
            switch (r.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case REJECTED -> rejected++;
            }
        }
        LOG.infof("Import of %d rows for %s by %s: %d created, %d updated, %d unchanged, %d rejected; validation %d ms, storage %d ms",
                rows.size(), academie, by, created, updated, unchanged, rejected,
                (validated - started) / 1_000_000, (stored - validated) / 1_000_000);
        return new ImportReport(rows.size(), created, updated, unchanged, rejected, List.of(reports));
    }

    private void store(String academie, String session, List<Valid> valid, List<RegistrationCsv.Row> rows,
                       ImportReport.RowReport[] reports, String by, Instant now, Execution run) {
        long storeStarted = System.nanoTime();
        Map<String, DossierCandidat> existing = dossiers.byCandidateNumbers(academie, session,
                valid.stream().map(v -> v.input().candidateNumber()).toList());
        List<DossierCandidat> toInsert = new ArrayList<>();
        List<Integer> insertRows = new ArrayList<>();
        List<DossierCandidat> toReplace = new ArrayList<>();
        List<Long> replaceVersions = new ArrayList<>();
        List<Integer> replaceRows = new ArrayList<>();
        for (Valid v : valid) {
            RegistrationCsv.Row row = rows.get(v.index());
            DossierCandidat file = existing.get(v.input().candidateNumber());
            String ownId = run.idFor("row-" + v.index());
            if (file == null) {
                DossierCandidat created = RegistrationMapping.newFile(ownId, academie, v.input(), v.version(), by, now);
                created.importRun = run.runId();
                toInsert.add(created);
                insertRows.add(v.index());
            } else if (run.runId().equals(file.importRun) && RegistrationMapping.sameRegistration(file, v.input(), v.version())) {
                // written by a worker of this run that died: reported as it would have reported it
                reports[v.index()] = new ImportReport.RowReport(row.line(), row.candidateNumber(),
                        file.id.equals(ownId) ? ImportReport.Outcome.CREATED : ImportReport.Outcome.UPDATED, file.id, null);
            } else if (RegistrationMapping.sameRegistration(file, v.input(), v.version())) {
                reports[v.index()] = new ImportReport.RowReport(row.line(), row.candidateNumber(), ImportReport.Outcome.UNCHANGED, file.id, null);
            } else if (file.status == StatutInscription.VALIDATED || file.status == StatutInscription.REJECTED) {
                reports[v.index()] = new ImportReport.RowReport(row.line(), row.candidateNumber(), ImportReport.Outcome.REJECTED, file.id,
                        List.of(new Problem.Violation("candidateNumber", "this registration is " + file.status + " and can no longer change",
                                row.candidateNumber())));
            } else {
                replaceVersions.add(file.version);
                RegistrationMapping.apply(file, v.input(), v.version());
                file.updatedAt = now;
                file.importRun = run.runId();
                file.record(by, RegistrationMapping.REGISTRATION, file.status.name(), file.status.name(), "updated by import", now);
                toReplace.add(file);
                replaceRows.add(v.index());
            }
        }
        long lookedUp = System.nanoTime();
        Set<Integer> refused = dossiers.insertAll(toInsert);
        LOG.infof("Import of %d rows, session %s: lookup and build %d ms, insertMany of %d documents %d ms", valid.size(), session,
                (lookedUp - storeStarted) / 1_000_000, toInsert.size(), (System.nanoTime() - lookedUp) / 1_000_000);
        for (int i = 0; i < toInsert.size(); i++) {
            int index = insertRows.get(i);
            RegistrationCsv.Row row = rows.get(index);
            reports[index] = refused.contains(i)
                    ? new ImportReport.RowReport(row.line(), row.candidateNumber(), ImportReport.Outcome.REJECTED, null,
                    List.of(new Problem.Violation("candidateNumber", "was registered by a concurrent request; import again", row.candidateNumber())))
                    : new ImportReport.RowReport(row.line(), row.candidateNumber(), ImportReport.Outcome.CREATED, toInsert.get(i).id, null);
        }
        Set<Integer> stale = dossiers.replaceAllIfVersion(toReplace, replaceVersions);
        for (int i = 0; i < toReplace.size(); i++) {
            int index = replaceRows.get(i);
            RegistrationCsv.Row row = rows.get(index);
            reports[index] = stale.contains(i)
                    ? new ImportReport.RowReport(row.line(), row.candidateNumber(), ImportReport.Outcome.REJECTED, toReplace.get(i).id,
                    List.of(new Problem.Violation("candidateNumber", "was changed by a concurrent request; import again", row.candidateNumber())))
                    : new ImportReport.RowReport(row.line(), row.candidateNumber(), ImportReport.Outcome.UPDATED, toReplace.get(i).id, null);
        }
    }

    private Reply answer(ImportReport report) {
        try {
            return Reply.json(200, json.writeValueAsString(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An import report is always serialisable", e);
        }
    }

    private static Object safe(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        String s = value.toString();
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
