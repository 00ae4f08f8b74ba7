package fr.bts.dossier.rest;

import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.StatutDossier;
import fr.bts.dossier.model.StatutInscription;

import java.util.List;

/** A line of the dossier list: who, which session and certification, where the registration and dossiers stand. */
public record DossierSummary(String id, String session, String certification, String candidateNumber, String lastName,
                             String firstName, String account, StatutInscription status, List<EpreuveStatus> dossiers,
                             long version) {

    public record EpreuveStatus(String epreuve, StatutDossier status) {
    }

    static DossierSummary of(DossierCandidat d) {
        return new DossierSummary(d.id, d.session, d.certification, d.candidateNumber, d.lastName, d.firstName, d.account,
                d.status, d.dossiers.stream().map(p -> new EpreuveStatus(p.epreuve, p.status)).toList(), d.version);
    }
}
