package fr.bts.evaluation.api;

import fr.bts.evaluation.jury.QualiteJure;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request and answer shapes of juries and commissions. */
public final class JuryDtos {

    private JuryDtos() {
    }

    public record Person(@NotBlank @Size(max = 255) String account, @NotBlank @Size(max = 255) String name,
                         @NotNull QualiteJure qualite) {
    }

    public record Jury(@NotNull @Valid Person president, @NotNull @Size(min = 2, max = 200) List<@NotNull @Valid Person> members) {
    }

    public record NewCommission(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String code,
                                @NotBlank @Size(max = 16) String epreuve,
                                @NotEmpty @Size(max = 20) List<@NotBlank String> members) {
    }

    public record Assignment(@NotNull @Size(max = 5000) List<@NotBlank String> candidates) {
    }

    public record CommissionView(String code, String epreuve, List<String> members, List<String> candidates) {
    }
}
