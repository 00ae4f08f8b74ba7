package fr.bts.dossier.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a registration is rejected. */
public record ReasonInput(@NotBlank @Size(max = 2000) String reason) {
}
