package fr.bts.dossier.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.commons.idempotency.Execution;
import fr.bts.commons.idempotency.Idempotency;
import fr.bts.commons.idempotency.Reply;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.security.Caller;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;

/**
 * The creating and submitting POSTs of a file, each run once per {@code Idempotency-Key} (optional here; see the
 * README's API conventions): the answer — the file as shown after the write, its ETag and, for a creation, its
 * Location — is what a retry gets again. A creation takes its id from the run ({@link Execution#idFor(String)}), so
 * that a retry taking over a worker that died after storing the file answers with that file instead of a
 * duplicate-number conflict.
 */
@ApplicationScoped
public class DossierCommands {

    public static final String DOSSIERS_PATH = "/api/dossiers/v1/dossiers/";

    @Inject
    DossierService service;

    @Inject
    DossierRepository dossiers;

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
            DossierCandidat file;
            try {
                file = service.create(input, id);
            } catch (ProblemException e) {
                if (!run.takeover() || !e.problem().type().equals(DossierProblems.DUPLICATE_CANDIDATE.uri())) {
                    throw e;
                }
                file = dossiers.findInAcademie(id, caller.requireAcademie()).orElseThrow(() -> e);
            }
            return answer(201, file).withLocation(DOSSIERS_PATH + file.id);
        });
    }

    public Reply submitRegistration(String id, String ifMatch, String key) {
        return idempotency.run(caller, key, false, "registration-submit", id + "\n" + ifMatch,
                run -> answer(200, service.submitRegistration(id, ifMatch)));
    }

    public Reply submitDossier(String id, String epreuve, String ifMatch, String key) {
        return idempotency.run(caller, key, false, "dossier-submit", id + "\n" + epreuve + "\n" + ifMatch,
                run -> answer(200, service.submitDossier(id, epreuve, ifMatch)));
    }

    /** The answer to a write: the file as shown after it, with its ETag. */
    private Reply answer(int status, DossierCandidat file) {
        DossierReads.Shown shown = reads.now().show(file);
        return Reply.json(status, new String(json(shown.file()), StandardCharsets.UTF_8)).withETag(shown.tag());
    }

    private byte[] json(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A dossier is always serialisable", e);
        }
    }
}
