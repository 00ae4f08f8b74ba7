package fr.bts.dossier.service;

import fr.bts.commons.problem.ProblemException;
import fr.bts.commons.problem.ProblemType;
import fr.bts.dossier.api.RegistrationInput;
import fr.bts.dossier.client.ReferentialVersion;
import fr.bts.dossier.client.ReferentialVersions;
import fr.bts.dossier.conformity.ExigencesDossier;
import fr.bts.dossier.model.DossierCandidat;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The referential version a registration is checked against and the dossier requirements of its épreuves, with the
 * problems a missing one gives: 422 for a registration naming a version the referential does not have, 502 for a
 * stored file whose version or requirements the referential no longer has.
 */
@ApplicationScoped
public class DossierVersions {

    @Inject
    ReferentialVersions referential;

    /** The version a registration names, or the current one when it names none. */
    public ReferentialVersion versionFor(RegistrationInput input) {
        return referential.get(input.certification(), input.referentialVersion())
                .orElseThrow(() -> ProblemException.invalid(input.referentialVersion() == null ? "certification" : "referentialVersion",
                        "the referential has no " + (input.referentialVersion() == null ? "published version of " + input.certification()
                                : "version " + input.referentialVersion() + " of " + input.certification())));
    }

    /** The version a stored file was registered against. */
    public ReferentialVersion versionOf(DossierCandidat candidat) {
        return referential.get(candidat.certification, candidat.referentialVersion)
                .orElseThrow(() -> new ProblemException(ProblemType.BAD_GATEWAY, "The referential no longer has "
                        + candidat.certification + " version " + candidat.referentialVersion));
    }

    public ExigencesDossier exigencesOf(DossierCandidat candidat, String epreuve) {
        return exigencesOf(versionOf(candidat), epreuve);
    }

    public static ExigencesDossier exigencesOf(ReferentialVersion version, String epreuve) {
        return version.epreuve(epreuve).flatMap(ReferentialVersions::exigences)
                .orElseThrow(() -> new ProblemException(ProblemType.BAD_GATEWAY, "The referential version "
                        + version.number() + " has no dossier requirements for " + epreuve));
    }
}
