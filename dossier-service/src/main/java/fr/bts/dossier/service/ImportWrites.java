package fr.bts.dossier.service;

import fr.bts.commons.idempotency.Execution;
import fr.bts.commons.problem.Problem;
import fr.bts.dossier.api.ImportReport;
import fr.bts.dossier.config.DossierConfig;
import fr.bts.dossier.mapping.RegistrationMapping;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.StatutInscription;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/**
 * The storage step of an import, one session at a time: the candidate numbers the session already holds (read while
 * the rows are validated, {@link #prefetch}) and those files, the new files in unordered {@code insertMany} commands
 * ({@link ImportStore}), the changed ones replaced at their version (see {@link ImportService} for how a crashed run
 * converges).
 */
@ApplicationScoped
class ImportWrites {

    private static final Logger LOG = Logger.getLogger(ImportWrites.class);
    /** A session as bean validation accepts it: only such sessions are worth reading ahead. */
    private static final Pattern YEAR = Pattern.compile("\\d{4}");

    @Inject
    DossierRepository dossiers;

    @Inject
    ImportStore store;

    @Inject
    DossierConfig config;

    /** Who writes, when, in which run, for which rows: what every row of one import shares. */
    record Batch(String academie, String by, Instant now, Execution run, List<RegistrationCsv.Row> rows,
                 ImportReport.RowReport[] reports) {

        void report(int index, ImportReport.Outcome outcome, String id, List<Problem.Violation> errors) {
            RegistrationCsv.Row row = rows.get(index);
            reports[index] = new ImportReport.RowReport(row.line(), row.candidateNumber(), outcome, id, errors);
        }

        Problem.Violation concurrent(int index, String what) {
            return new Problem.Violation("candidateNumber", "was " + what + " by a concurrent request; import again",
                    rows.get(index).candidateNumber());
        }
    }

    /** The files to write for one session, with the row each comes from. */
    private record Plan(List<DossierCandidat> toInsert, List<Integer> insertRows, List<DossierCandidat> toReplace,
                        List<Long> replaceVersions, List<Integer> replaceRows) {
        Plan() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /**
     * Starts reading the candidate numbers of the first sessions the rows name (as many as
     * {@code dossier.imports.insert-parallelism}; the others are read when stored), while the rows are validated.
     */
    Map<String, Future<Map<String, String>>> prefetch(String academie, List<RegistrationCsv.Row> rows) {
        Map<String, Future<Map<String, String>>> numbers = new HashMap<>();
        for (RegistrationCsv.Row row : rows) {
            String session = row.input() == null ? null : row.input().session();
            if (numbers.size() < config.imports().insertParallelism() && session != null && YEAR.matcher(session).matches()
                    && !numbers.containsKey(session)) {
                numbers.put(session, store.numbersOf(academie, session));
            }
        }
        return numbers;
    }

    /** Stores the valid rows of one session and reports each of them in the batch ({@code numbers}: prefetched, or null). */
    void store(Batch batch, String session, List<ImportRowChecks.Valid> valid, Future<Map<String, String>> numbers) {
        long started = System.nanoTime();
        Map<String, String> held = numbers != null ? ImportStore.await(numbers)
                : dossiers.candidateNumbers(batch.academie(), session);
        List<String> ids = new ArrayList<>();
        for (ImportRowChecks.Valid v : valid) {
            String id = held.get(v.input().candidateNumber());
            if (id != null) {
                ids.add(id);
            }
        }
        Map<String, DossierCandidat> existing = dossiers.filesByNumber(batch.academie(), ids);
        Plan plan = new Plan();
        for (ImportRowChecks.Valid v : valid) {
            plan(batch, v, existing.get(v.input().candidateNumber()), plan);
        }
        long planned = System.nanoTime();
        Set<Integer> refused = store.insertAll(plan.toInsert());
        LOG.infof("Import of %d rows, session %s: lookup and build %d ms, insertMany of %d documents %d ms", valid.size(), session,
                (planned - started) / 1_000_000, plan.toInsert().size(), (System.nanoTime() - planned) / 1_000_000);
        for (int i = 0; i < plan.toInsert().size(); i++) {
            int index = plan.insertRows().get(i);
            if (refused.contains(i)) {
                batch.report(index, ImportReport.Outcome.REJECTED, null, List.of(batch.concurrent(index, "registered")));
            } else {
                batch.report(index, ImportReport.Outcome.CREATED, plan.toInsert().get(i).id, null);
            }
        }
        Set<Integer> stale = dossiers.replaceAllIfVersion(plan.toReplace(), plan.replaceVersions());
        for (int i = 0; i < plan.toReplace().size(); i++) {
            int index = plan.replaceRows().get(i);
            String id = plan.toReplace().get(i).id;
            if (stale.contains(i)) {
                batch.report(index, ImportReport.Outcome.REJECTED, id, List.of(batch.concurrent(index, "changed")));
            } else {
                batch.report(index, ImportReport.Outcome.UPDATED, id, null);
            }
        }
    }

    /** What one valid row becomes: a new file, a replaced one, or a report without a write. */
    private static void plan(Batch batch, ImportRowChecks.Valid v, DossierCandidat file, Plan plan) {
        Execution run = batch.run();
        String ownId = run.idFor("row-" + v.index());
        if (file == null) {
            DossierCandidat created = RegistrationMapping.newFile(ownId, batch.academie(), v.input(), v.version(), batch.by(), batch.now());
            created.importRun = run.runId();
            plan.toInsert().add(created);
            plan.insertRows().add(v.index());
        } else if (run.runId().equals(file.importRun) && RegistrationMapping.sameRegistration(file, v.input(), v.version())) {
            // written by a worker of this run that died: reported as it would have reported it
            batch.report(v.index(), file.id.equals(ownId) ? ImportReport.Outcome.CREATED : ImportReport.Outcome.UPDATED, file.id, null);
        } else if (RegistrationMapping.sameRegistration(file, v.input(), v.version())) {
            batch.report(v.index(), ImportReport.Outcome.UNCHANGED, file.id, null);
        } else if (file.status == StatutInscription.VALIDATED || file.status == StatutInscription.REJECTED) {
            batch.report(v.index(), ImportReport.Outcome.REJECTED, file.id,
                    List.of(new Problem.Violation("candidateNumber", "this registration is " + file.status + " and can no longer change",
                            batch.rows().get(v.index()).candidateNumber())));
        } else {
            plan.replaceVersions().add(file.version);
            RegistrationMapping.apply(file, v.input(), v.version());
            file.updatedAt = batch.now();
            file.importRun = run.runId();
            file.record(batch.by(), RegistrationMapping.REGISTRATION, file.status.name(), file.status.name(), "updated by import", batch.now());
            plan.toReplace().add(file);
            plan.replaceRows().add(v.index());
        }
    }
}
