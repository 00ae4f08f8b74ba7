package fr.bts.dossier.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.idempotency.Execution;
import fr.bts.commons.idempotency.Idempotency;
import fr.bts.commons.idempotency.Reply;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.commons.security.Caller;
import fr.bts.dossier.api.ImportReport;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.config.DossierConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bulk registration import for a rectorat (up to {@code dossier.imports.max-rows} rows): every row gets the full
 * validation of a single registration, then every valid row is sent as a new file in unordered {@code insertMany}
 * commands ({@link ImportStore}); the rows the unique candidate-number index refuses are read back and their files
 * replaced at their version when they changed ({@link ImportWrites}). Idempotent twice over: a row whose
 * candidate number is already registered updates it (or leaves it unchanged), and an {@code Idempotency-Key}
 * replays the first answer.
 * <p>
 * <b>A crashed import converges.</b> MongoDB has no transaction over 2,000 documents, and the driver sends a large
 * {@code insertMany} in batches, so a worker killed midway leaves part of the rows stored and its key in progress.
 * Every document the import writes is tied to its run ({@link Execution}, the same for every attempt of one keyed
 * request): a created file takes the id {@code run.idFor("row-<index>")}, and every created or changed file records
 * {@link DossierCandidat#importRun}. When the lease of the dead worker runs out, the same-key retry takes the run over
 * and meets those files (its inserts of those rows are refused by the unique indexes, so it reads them back): a file
 * of this run that already holds the row's registration is reported as the dead worker
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
    Idempotency idempotency;

    @Inject
    ImportRowChecks checks;

    @Inject
    ImportWrites writes;

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

    private ImportReport run(List<RegistrationCsv.Row> rows, Execution run) {
        long started = System.nanoTime();
        String academie = caller.requireAcademie();
        String by = caller.username();
        ImportReport.RowReport[] reports = new ImportReport.RowReport[rows.size()];
        Map<String, List<ImportRowChecks.Valid>> bySession = checks.check(rows, reports);

        long validated = System.nanoTime();
        ImportWrites.Batch batch = new ImportWrites.Batch(academie, by, Instant.now(), run, rows, reports);
        for (Map.Entry<String, List<ImportRowChecks.Valid>> session : bySession.entrySet()) {
            writes.store(batch, session.getKey(), session.getValue());
        }
        long stored = System.nanoTime();

        int[] counts = new int[ImportReport.Outcome.values().length];
        for (ImportReport.RowReport r : reports) {
            counts[r.outcome().ordinal()]++;
        }
        int created = counts[ImportReport.Outcome.CREATED.ordinal()];
        int updated = counts[ImportReport.Outcome.UPDATED.ordinal()];
        int unchanged = counts[ImportReport.Outcome.UNCHANGED.ordinal()];
        int rejected = counts[ImportReport.Outcome.REJECTED.ordinal()];
        LOG.infof("Import of %d rows for %s by %s: %d created, %d updated, %d unchanged, %d rejected; validation %d ms, storage %d ms",
                rows.size(), academie, by, created, updated, unchanged, rejected,
                (validated - started) / 1_000_000, (stored - validated) / 1_000_000);
        return new ImportReport(rows.size(), created, updated, unchanged, rejected, List.of(reports));
    }

    private Reply answer(ImportReport report) {
        try {
            return Reply.json(200, json.writeValueAsString(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An import report is always serialisable", e);
        }
    }
}
