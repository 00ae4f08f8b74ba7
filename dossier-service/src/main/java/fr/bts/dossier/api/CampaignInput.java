package fr.bts.dossier.api;

import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/** The rectorat's setting of a campaign: the dossier deadline. */
public record CampaignInput(@NotNull Instant dossierDeadline) {
}
