package fr.bts.dossier.service;

import fr.bts.commons.idempotency.Execution;
import fr.bts.commons.problem.Problem;
import fr.bts.dossier.api.ImportReport;
import fr.bts.dossier.mapping.RegistrationMapping;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.StatutInscription;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The storage step of an import, one session at a time. Every valid row is first sent as a new file, in unordered
 * {@code insertMany} commands ({@link ImportStore}); the store's unique index (académie, session, candidate number)
 * refuses those whose candidate number is already registered, and only those rows are then read back with the files
 * holding their numbers, to be updated at their version, left unchanged, or refused (see {@link ImportService} for how
 * a crashed run converges). An import into a session that has none of its candidate numbers yet so never reads the
 * session: a store without secondary-index reads (the wire server of the local stack) would scan the whole collection.
 */
@ApplicationScoped
class ImportWrites {

    private static final Logger LOG = Logger.getLogger(ImportWrites.class);

    @Inject
    DossierRepository dossiers;

    @Inject
    ImportStore store;

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

    /** The registered files to replace, each with its version as read and the row it comes from. */
    private record Plan(List<DossierCandidat> toReplace, List<Long> replaceVersions, List<Integer> replaceRows) {
        Plan() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    /** Stores the valid rows of one session and reports each of them in the batch. */
    void store(Batch batch, String session, List<ImportRowChecks.Valid> valid) {
        long started = System.nanoTime();
        List<DossierCandidat> fresh = new ArrayList<>(valid.size());
        for (ImportRowChecks.Valid v : valid) {
            DossierCandidat created = RegistrationMapping.newFile(batch.run().idFor("row-" + v.index()), batch.academie(),
                    v.input(), v.version(), batch.by(), batch.now());
            created.importRun = batch.run().runId();
            fresh.add(created);
        }
        long built = System.nanoTime();
        Set<Integer> refused = store.insertAll(fresh);
        long inserted = System.nanoTime();
        List<ImportRowChecks.Valid> registered = new ArrayList<>(refused.size());
        for (int i = 0; i < valid.size(); i++) {
            if (refused.contains(i)) {
                registered.add(valid.get(i));
            } else {
                batch.report(valid.get(i).index(), ImportReport.Outcome.CREATED, fresh.get(i).id, null);
            }
        }
        if (!registered.isEmpty()) {
            storeRegistered(batch, session, registered);
        }
        LOG.infof("Import of %d rows, session %s: build %d ms, insertMany of %d documents %d ms (%d already registered), "
                        + "registered ones %d ms", valid.size(), session, (built - started) / 1_000_000, fresh.size(),
                (inserted - built) / 1_000_000, registered.size(), (System.nanoTime() - inserted) / 1_000_000);
    }

    /** The rows whose candidate number a file of the session already holds: read those files, replace what changed. */
    private void storeRegistered(Batch batch, String session, List<ImportRowChecks.Valid> registered) {
        Map<String, String> held = dossiers.candidateNumbers(batch.academie(), session);
        List<String> ids = new ArrayList<>();
        for (ImportRowChecks.Valid v : registered) {
            String id = held.get(v.input().candidateNumber());
            if (id != null) {
                ids.add(id);
            }
        }
        Map<String, DossierCandidat> existing = dossiers.filesByNumber(batch.academie(), ids);
        Plan plan = new Plan();
        for (ImportRowChecks.Valid v : registered) {
            DossierCandidat file = existing.get(v.input().candidateNumber());
            if (file == null) {
                // refused by the unique index, yet no file holds the number now: it was deleted meanwhile
                batch.report(v.index(), ImportReport.Outcome.REJECTED, null, List.of(batch.concurrent(v.index(), "registered")));
            } else {
                plan(batch, v, file, plan);
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

    /** What a valid row whose number {@code file} already holds becomes: a replaced file, or a report without a write. */
    private static void plan(Batch batch, ImportRowChecks.Valid v, DossierCandidat file, Plan plan) {
        Execution run = batch.run();
        String ownId = run.idFor("row-" + v.index());
        if (run.runId().equals(file.importRun) && RegistrationMapping.sameRegistration(file, v.input(), v.version())) {
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
