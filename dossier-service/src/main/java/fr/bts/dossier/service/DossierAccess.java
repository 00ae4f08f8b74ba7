package fr.bts.dossier.service;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.security.Caller;
import fr.bts.commons.security.Roles;
import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.repository.DossierRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * Who sees and changes which candidate's file: the one place of the dossier service's visibility rules. Every read
 * and every query is scoped to the caller's académie (another académie's file is "not found", lists included); a
 * rectorat user sees every file of their académie, anyone else only the file naming their account (another
 * candidate's file is "not found" too); only the candidate named by a file adds or removes its attachments (403).
 * The roles allowed on each endpoint are the resources' {@code @RolesAllowed}.
 */
@ApplicationScoped
public class DossierAccess {

    @Inject
    DossierRepository dossiers;

    @Inject
    Caller caller;

    /** The caller's académie: the scope of every file, campaign and snapshot they read or write. */
    public String academie() {
        return caller.requireAcademie();
    }

    /** The file if the caller may see it; else 404, whether it exists elsewhere or not. */
    public DossierCandidat visible(String id) {
        DossierCandidat candidat = inAcademie(id).orElseThrow(() -> DossierProblems.notFound(id));
        if (!seesEveryFile() && !caller.username().equals(candidat.account)) {
            throw DossierProblems.notFound(id);
        }
        return candidat;
    }

    /**
     * The file of the caller's académie, whoever it names: only for a request that already passed {@link #visible}
     * and meets its own write again (an idempotent run taken over, see {@link DossierCommands}).
     */
    public Optional<DossierCandidat> inAcademie(String id) {
        return dossiers.findInAcademie(id, academie());
    }

    /** 403 unless the caller is the candidate the (visible) file names; {@code refusal} says what they may not do. */
    public void requireCandidate(DossierCandidat candidat, String refusal) {
        if (!caller.username().equals(candidat.account)) {
            throw ProblemException.forbidden(refusal);
        }
    }

    /** The files of a list: the caller's académie, and only their own file unless they see every file. */
    public DossierRepository.Criteria listed(String session, String certification, String status, String candidateNumber) {
        return new DossierRepository.Criteria(academie(), seesEveryFile() ? null : caller.username(), session,
                certification, status, candidateNumber);
    }

    /** Every file of the caller's académie (the rectorat's export and snapshot, whose roles are checked on the endpoint). */
    public DossierRepository.Criteria academieWide(String session, String certification, String status) {
        return new DossierRepository.Criteria(academie(), null, session, certification, status, null);
    }

    private boolean seesEveryFile() {
        return caller.hasRole(Roles.RECTORAT);
    }
}
