package fr.bts.dossier.api;

import fr.bts.dossier.model.StatutDossier;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The rectorat's conformity decision on a professional dossier; a reason is needed to go against the check. */
public record DecisionInput(@NotNull StatutDossier decision, @Size(max = 2000) String reason) {
}
