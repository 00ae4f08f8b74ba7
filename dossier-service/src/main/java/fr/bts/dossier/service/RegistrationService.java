package fr.bts.dossier.service;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCursor;
import fr.bts.commons.http.Page;
import fr.bts.commons.http.PageRequest;
import fr.bts.commons.problem.Problem;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.security.Caller;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.mapping.RegistrationMapping;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.StatutInscription;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Registrations: the list of files, a candidate's registration validated against its referential version
 * ({@link RegistrationValidator}), its changes while not validated, and the workflow DRAFT → SUBMITTED → VALIDATED /
 * REJECTED with its history. Who sees which file is {@link DossierAccess}'s.
 */
@ApplicationScoped
public class RegistrationService {

    @Inject
    DossierRepository dossiers;

    @Inject
    DossierAccess access;

    @Inject
    DossierUpdates updates;

    @Inject
    DossierVersions versions;

    @Inject
    Caller caller;

    public Page<DossierCandidat> search(String session, String certification, String status, String candidateNumber,
                                        PageRequest page) {
        if (status != null) {
            try {
                StatutInscription.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be one of " + List.of(StatutInscription.values())).withStatus400();
            }
        }
        DossierRepository.Criteria criteria = access.listed(session, certification, status, candidateNumber);
        return Page.of(page, dossiers.count(criteria), dossiers.search(criteria, page));
    }

    /** Every registration of the académie matching the filters, in the import's CSV format, streamed from a cursor. */
    public StreamingOutput export(String session, String certification, String status) {
        DossierRepository.Criteria criteria = access.academieWide(session, certification, status);
        return out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write(RegistrationCsv.header());
            try (MongoCursor<DossierCandidat> cursor = dossiers.stream(criteria)) {
                while (cursor.hasNext()) {
                    writer.write(RegistrationCsv.line(cursor.next()));
                }
            }
            writer.flush();
        };
    }

    /** Registers a candidate under {@code id} (from the request's idempotent run, see {@link DossierCommands}). */
    public DossierCandidat create(RegistrationInput input, String id) {
        String academie = access.academie();
        ReferentialVersion version = validVersion(input);
        DossierCandidat candidat = RegistrationMapping.newFile(id, academie, input, version, caller.username(),
                DossierUpdates.stamp());
        try {
            dossiers.persist(candidat);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new ProblemException(DossierProblems.DUPLICATE_CANDIDATE, "Candidate number " + input.candidateNumber()
                        + " is already registered for session " + input.session());
            }
            throw e;
        }
        return candidat;
    }

    public DossierCandidat updateRegistration(String id, String ifMatch, RegistrationInput input) {
        return updates.update(id, ifMatch, candidat -> {
            if (candidat.status == StatutInscription.VALIDATED) {
                throw DossierProblems.wrongState("A validated registration cannot be changed");
            }
            if (!candidat.session.equals(input.session()) || !candidat.candidateNumber.equals(input.candidateNumber())) {
                throw ProblemException.invalid("session", "session and candidate number of a registration cannot change");
            }
            RegistrationMapping.apply(candidat, input, validVersion(input));
            candidat.record(caller.username(), RegistrationMapping.REGISTRATION, candidat.status.name(),
                    candidat.status.name(), "registration updated", DossierUpdates.stamp());
        });
    }

    /** DRAFT → SUBMITTED, written as the version of the idempotent run {@code run} ({@link DossierCommands}). */
    public DossierCandidat submitRegistration(String id, String ifMatch, String run) {
        return updates.update(id, ifMatch, run,
                candidat -> transition(candidat, StatutInscription.DRAFT, StatutInscription.SUBMITTED, null));
    }

    public DossierCandidat validateRegistration(String id, String ifMatch) {
        return updates.update(id, ifMatch,
                candidat -> transition(candidat, StatutInscription.SUBMITTED, StatutInscription.VALIDATED, null));
    }

    public DossierCandidat rejectRegistration(String id, String ifMatch, String reason) {
        return updates.update(id, ifMatch, candidat -> {
            transition(candidat, StatutInscription.SUBMITTED, StatutInscription.REJECTED, reason);
            candidat.rejectionReason = reason;
        });
    }

    /** The version the registration names, once the registration fits it (422 with every violation otherwise). */
    private ReferentialVersion validVersion(RegistrationInput input) {
        ReferentialVersion version = versions.versionFor(input);
        List<Problem.Violation> violations = RegistrationValidator.validate(input, version);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("The registration does not fit " + input.certification() + " version "
                    + version.number(), violations);
        }
        return version;
    }

    private void transition(DossierCandidat candidat, StatutInscription from, StatutInscription to, String reason) {
        if (candidat.status != from) {
            throw DossierProblems.wrongState("The registration is " + candidat.status + "; only a " + from
                    + " registration can become " + to);
        }
        candidat.status = to;
        candidat.record(caller.username(), RegistrationMapping.REGISTRATION, from.name(), to.name(), reason, DossierUpdates.stamp());
    }
}
