package fr.bts.evaluation.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.bts.evaluation.deliberation.ResultatCandidat.Acquisition;
import fr.bts.evaluation.deliberation.ResultatCandidat.Nature;
import fr.bts.evaluation.deliberation.ResultatCandidat.OrigineNote;
import fr.bts.evaluation.deliberation.ResultatCandidat.ResultatUnite;
import fr.bts.evaluation.deliberation.StatutNote;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A unit result keeps the wire shape (and field order) that clients and stored results know. */
class ResultJsonShapeTest {

    private final ObjectMapper mapper = ResultJsonShape.apply(new ObjectMapper());

    @Test
    void unitResultIsWrittenWithItsThreeFlagsInTheirOrder() throws Exception {
        ResultatUnite unite = new ResultatUnite("E4", "U4", StatutNote.NOTE, new BigDecimal("12.50"), new BigDecimal("3"),
                new BigDecimal("37.50"), Nature.FACULTATIVE, Acquisition.ACQUISE, OrigineNote.AJUSTEE);
        assertEquals("{\"epreuve\":\"E4\",\"unite\":\"U4\",\"statut\":\"NOTE\",\"note\":12.50,\"coefficient\":3,\"points\":37.50,"
                + "\"facultative\":true,\"acquise\":true,\"ajustee\":true}", mapper.writeValueAsString(unite));
    }

    @Test
    void storedUnitResultIsReadBackToTheSameValue() throws Exception {
        ResultatUnite unite = new ResultatUnite("E1", "U1", null, null, new BigDecimal("2"), null, Nature.OBLIGATOIRE,
                Acquisition.NON_ACQUISE, OrigineNote.CALCULEE);
        String json = mapper.writeValueAsString(unite);
        assertEquals("{\"epreuve\":\"E1\",\"unite\":\"U1\",\"statut\":null,\"note\":null,\"coefficient\":2,\"points\":null,"
                + "\"facultative\":false,\"acquise\":false,\"ajustee\":false}", json);
        assertEquals(unite, mapper.readValue(json, ResultatUnite.class));
        ResultatUnite flags = mapper.readValue("{\"epreuve\":\"E2\",\"unite\":\"U2\",\"statut\":\"NOTE\",\"note\":9,\"coefficient\":1,"
                + "\"points\":9,\"facultative\":false,\"acquise\":false,\"ajustee\":true}", ResultatUnite.class);
        assertEquals(Nature.OBLIGATOIRE, flags.nature());
        assertEquals(Acquisition.NON_ACQUISE, flags.acquisition());
        assertEquals(OrigineNote.AJUSTEE, flags.origine());
    }
}
