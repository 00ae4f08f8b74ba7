package fr.bts.dossier.service;

import fr.bts.commons.http.ETags;
import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * How a visible file is changed: read, {@code If-Match} checked, changed, and replaced at the version read (412 when
 * someone wrote in between). Every conditional write of a file goes through here.
 */
@ApplicationScoped
public class DossierUpdates {

    @Inject
    DossierAccess access;

    @Inject
    DossierRepository dossiers;

    @Inject
    DossierReads reads;

    public DossierCandidat update(String id, String ifMatch, Consumer<DossierCandidat> change) {
        return update(id, ifMatch, null, change);
    }

    /** Reads, checks {@code If-Match}, changes and replaces the file at the version read, as a write of {@code run}. */
    public DossierCandidat update(String id, String ifMatch, String run, Consumer<DossierCandidat> change) {
        DossierCandidat candidat = access.visible(id);
        requireIfMatch(ifMatch, candidat);
        long read = candidat.version;
        change.accept(candidat);
        candidat.updatedAt = stamp();
        if (!dossiers.replaceIfVersion(candidat, read, run)) {
            throw new ProblemException(ProblemType.PRECONDITION_FAILED, "The dossier changed while this request ran; read it again");
        }
        return candidat;
    }

    /**
     * The time of a write, to the millisecond: what MongoDB keeps of an instant. So the answer to a write shows the
     * file exactly as every later read shows it, and a retry answered from the stored file (a takeover, see
     * {@link DossierCommands}) gives the same bytes as the first answer.
     */
    public static Instant stamp() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * {@code If-Match} against the file: the ETag it is shown with, or its stored version's tag. Both name the same
     * stored document (a passing deadline changes what is shown, not what is stored), so no write can be lost by
     * accepting the older one; an edit then meets the deadline itself (409 dossier-deadline-passed), not a 412.
     */
    private void requireIfMatch(String ifMatch, DossierCandidat candidat) {
        ETags.requireIfMatch(ifMatch, reads.now().tag(candidat), ETags.ofVersion(candidat.version));
    }
}
