package fr.bts.dossier.mapping;

import fr.bts.dossier.api.DecisionInput;
import fr.bts.dossier.api.DossierEdit;
import fr.bts.dossier.conformity.ConformityReport;
import fr.bts.dossier.model.DossierProfessionnel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** The candidate's edit and the rectorat's decision, as sent, into the stored professional dossier. */
public final class ProfessionalDossierMapping {

    private ProfessionalDossierMapping() {
    }

    /** Replaces the dossier's fiches and context elements by the edit's (already checked against the épreuve). */
    public static void apply(DossierProfessionnel dossier, DossierEdit edit) {
        List<DossierProfessionnel.Fiche> fiches = new ArrayList<>();
        for (DossierEdit.FicheInput input : edit.fiches()) {
            DossierProfessionnel.Fiche fiche = new DossierProfessionnel.Fiche();
            fiche.id = input.id();
            fiche.type = input.type();
            fiche.activites = input.activites() == null ? new ArrayList<>() : new ArrayList<>(input.activites());
            fiche.drapeaux = input.drapeaux() == null ? new ArrayList<>() : new ArrayList<>(input.drapeaux());
            fiche.champs = input.champs() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(input.champs());
            fiche.lien = input.lien();
            fiches.add(fiche);
        }
        dossier.fiches = fiches;
        dossier.elementsContexte = new LinkedHashMap<>(edit.elementsContexte());
    }

    /** The decision as stored, with the report it is based on. */
    public static DossierProfessionnel.Decision decision(DecisionInput input, ConformityReport report, String by, Instant at) {
        DossierProfessionnel.Decision decision = new DossierProfessionnel.Decision();
        decision.decision = input.decision();
        decision.reason = input.reason();
        decision.decidedBy = by;
        decision.decidedAt = at;
        decision.report = DossierContents.stored(report);
        return decision;
    }
}
