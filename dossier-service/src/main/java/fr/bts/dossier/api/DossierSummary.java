package fr.bts.dossier.api;

import fr.bts.dossier.model.DossierCandidat;
import fr.bts.dossier.model.StatutDossier;
import fr.bts.dossier.model.StatutInscription;

import java.time.Instant;
import java.util.List;

/** A line of the dossier list: who, which session and certification, where the registration and dossiers stand. */
public record DossierSummary(String id, String session, String certification, String candidateNumber, String lastName,
                             String firstName, String account, StatutInscription status, List<EpreuveStatus> dossiers,
                             long version) {

    /** A dossier's status as shown (ABSENT past the deadline), its NV and the deadline an ABSENT dossier missed. */
    public record EpreuveStatus(String epreuve, StatutDossier status, boolean nv, Instant deadline) {
    }

    /** Of a file as shown ({@code DossierReads.Reading#show}). */
    public static DossierSummary of(DossierCandidat candidat) {
        return new DossierSummary(candidat.id, candidat.session, candidat.certification, candidat.candidateNumber,
                candidat.lastName, candidat.firstName, candidat.account, candidat.status, candidat.dossiers.stream()
                .map(p -> new EpreuveStatus(p.epreuve, p.status, p.nv, p.deadline)).toList(), candidat.version);
    }
}
