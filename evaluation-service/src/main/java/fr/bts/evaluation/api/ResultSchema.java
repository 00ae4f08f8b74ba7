package fr.bts.evaluation.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The OpenAPI schema of a unit result says what the wire carries ({@link ResultJsonShape}): the scanner reads the
 * engine's record, whose nature, acquisition and mark origin are types of the engine, while clients receive (and
 * stored results keep) the three booleans {@code facultative}, {@code acquise} and {@code ajustee}. A client generated
 * from the document must read the answers it gets.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ResultSchema implements OASFilter {

    static final String UNIT_RESULT = "ResultatUnite";
    private static final Map<String, String> FLAGS = Map.of(
            "facultative", "The unit is facultative (only points above 10 count, R13)",
            "acquise", "The unit is acquired: its mark is at least 10, or it is dispensed or carried over",
            "ajustee", "The mark is the jury's adjustment at deliberation, not the graded one");
    private static final List<String> ENGINE_TYPES = List.of("Nature", "Acquisition", "OrigineNote");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema unit = openAPI.getComponents().getSchemas().get(UNIT_RESULT);
        if (unit == null || unit.getProperties() == null) {
            return;
        }
        unit.removeProperty("nature");
        unit.removeProperty("acquisition");
        unit.removeProperty("origine");
        for (String flag : List.of("facultative", "acquise", "ajustee")) {
            unit.addProperty(flag, OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN).description(FLAGS.get(flag)));
        }
        ENGINE_TYPES.forEach(openAPI.getComponents()::removeSchema);
    }
}
