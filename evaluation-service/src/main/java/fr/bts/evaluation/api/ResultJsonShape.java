package fr.bts.evaluation.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.evaluation.deliberation.ResultatCandidat.Acquisition;
import fr.bts.evaluation.deliberation.ResultatCandidat.Nature;
import fr.bts.evaluation.deliberation.ResultatCandidat.OrigineNote;
import fr.bts.evaluation.deliberation.ResultatCandidat.ResultatUnite;
import fr.bts.evaluation.deliberation.StatutNote;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.math.BigDecimal;

/**
 * The wire shape of the engine's unit result (the engine stays plain Java): its nature, acquisition and mark origin are
 * the boolean fields {@code facultative}, {@code acquise} and {@code ajustee} that clients and stored results know, in
 * the order they always had (the seal's results digest depends on it).
 */
@Singleton
public class ResultJsonShape implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    public static ObjectMapper apply(ObjectMapper mapper) {
        return mapper.addMixIn(ResultatUnite.class, UniteShape.class);
    }

    @JsonPropertyOrder({"epreuve", "unite", "statut", "note", "coefficient", "points", "facultative", "acquise", "ajustee"})
    abstract static class UniteShape {

        // a mix-in lends only its annotations: Jackson calls ResultatUnite.depuisDrapeaux, of the same signature;
        // this body never runs
        @JsonCreator
        static ResultatUnite depuisDrapeaux(@JsonProperty("epreuve") String epreuve, @JsonProperty("unite") String unite,
                                            @JsonProperty("statut") StatutNote statut, @JsonProperty("note") BigDecimal note,
                                            @JsonProperty("coefficient") BigDecimal coefficient, @JsonProperty("points") BigDecimal points,
                                            @JsonProperty("facultative") boolean facultative, @JsonProperty("acquise") boolean acquise,
                                            @JsonProperty("ajustee") boolean ajustee) {
            throw new UnsupportedOperationException("mix-in");
        }

        @JsonIgnore
        abstract Nature nature();

        @JsonIgnore
        abstract Acquisition acquisition();

        @JsonIgnore
        abstract OrigineNote origine();

        @JsonProperty("facultative")
        abstract boolean facultative();

        @JsonProperty("acquise")
        abstract boolean acquise();

        @JsonProperty("ajustee")
        abstract boolean ajustee();
    }
}
