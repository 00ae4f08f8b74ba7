package fr.bts.dossier.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/** The candidate's content of one professional dossier: fiches and context elements (pieces are attachments). */
public record DossierEdit(@NotNull @Size(max = 50) List<@NotNull @Valid FicheInput> fiches,
                          @Size(max = 50) Map<@NotBlank @Size(max = 40) String, @Size(max = 20000) String> elementsContexte) {

    public DossierEdit {
        elementsContexte = elementsContexte == null ? Map.of() : elementsContexte;
    }

    public record FicheInput(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,40}") String id,
                             @NotBlank @Size(max = 40) String type,
                             @Size(max = 30) List<@NotBlank @Size(max = 20) String> activites,
                             @Size(max = 20) List<@NotBlank @Size(max = 60) String> drapeaux,
                             @Size(max = 30) Map<@NotBlank @Size(max = 60) String, @Size(max = 20000) String> champs,
                             @Size(max = 40) String lien) {
    }
}
