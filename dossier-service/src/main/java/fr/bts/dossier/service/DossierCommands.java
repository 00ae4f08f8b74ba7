package fr.bts.dossier.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.idempotency.Execution;
import fr.bts.commons.idempotency.Idempotency;
import fr.bts.commons.idempotency.Reply;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.security.Caller;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.model.DossierCandidat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The creating and submitting POSTs of a file, each run once per {@code Idempotency-Key} (optional here; see the
 * README's API conventions): the answer — the file as shown after the write, its ETag and, for a creation, its
 * Location — is what a retry gets again. A creation takes its id from the run ({@link Execution#idFor(String)}), so
 * that a retry taking over a worker that died after storing the file answers with that file instead of a
 * duplicate-number conflict.
 * <p>
 * A submit converges the same way. Its worker may die after storing the new version and before its answer was
 * recorded; the retry that takes the run over then meets its own write — the version moved past {@code If-Match}, the
 * status past DRAFT — and is refused. The submit writes its run into the file ({@link DossierCandidat#versionRun}) and
 * every other write clears it, so when the stored version carries this run's marker it is the dead worker's write, and
 * the takeover answers what that worker would have: 200, the file as shown, its ETag. Any other refusal stands (a 412
 * once someone else wrote after it). Chosen over reading the history (a SUBMITTED transition by this caller): that
 * cannot tell this run's write from the same submit sent by another request, nor see a later write that kept the status.
 */
@ApplicationScoped
public class DossierCommands {

    public static final String DOSSIERS_PATH = "/api/dossiers/v1/dossiers/";

    @Inject
    RegistrationService registrations;

    @Inject
    ProfessionalDossierService professionalDossiers;

    @Inject
    DossierAccess access;

    @Inject
    DossierReads reads;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    public Reply create(RegistrationInput input, String key) {
        return idempotency.run(caller, key, false, "create", json(input), run -> {
            String id = run.idFor("file");
            DossierCandidat candidat;
            try {
                candidat = registrations.create(input, id);
            } catch (ProblemException e) {
                if (!run.takeover() || !e.problem().type().equals(DossierProblems.DUPLICATE_CANDIDATE.uri())) {
                    throw e;
                }
                candidat = access.inAcademie(id).orElseThrow(() -> e);
            }
            return answer(201, candidat).withLocation(DOSSIERS_PATH + candidat.id);
        });
    }

    public Reply submitRegistration(String id, String ifMatch, String key) {
        return idempotency.run(caller, key, false, "registration-submit", id + "\n" + ifMatch,
                run -> answer(200, submitted(run, id, () -> registrations.submitRegistration(id, ifMatch, run.runId()))));
    }

    public Reply submitDossier(String id, String epreuve, String ifMatch, String key) {
        return idempotency.run(caller, key, false, "dossier-submit", id + "\n" + epreuve + "\n" + ifMatch,
                run -> answer(200, submitted(run, id, () -> professionalDossiers.submitDossier(id, epreuve, ifMatch, run.runId()))));
    }

    /** The file after {@code submit}, or, on a takeover that the file refuses, the file the dead worker's submit wrote. */
    private DossierCandidat submitted(Execution run, String id, Supplier<DossierCandidat> submit) {
        try {
            return submit.get();
        } catch (ProblemException refused) {
            if (!run.takeover()) {
                throw refused;
            }
            DossierCandidat candidat = access.inAcademie(id).orElseThrow(() -> refused);
            if (!run.runId().equals(candidat.versionRun)) {
                throw refused;
            }
            return candidat;
        }
    }

    /** The answer to a write: the file as shown after it, with its ETag. */
    private Reply answer(int status, DossierCandidat candidat) {
        DossierReads.Shown shown = reads.now().show(candidat);
        return Reply.json(status, new String(json(shown.candidat()), StandardCharsets.UTF_8)).withETag(shown.tag());
    }

    private byte[] json(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A dossier is always serialisable", e);
        }
    }
}
