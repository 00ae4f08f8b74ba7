package fr.bts.commons.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import fr.bts.commons.text.ControlCharacters;
import fr.bts.commons.text.TextRefusedException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * How every service reads JSON (issue 11), set once on the application's ObjectMapper: a duplicate key, content
 * after the document, nesting deeper than {@value #MAX_NESTING_DEPTH}, a huge string or number literal, a
 * number out of range ({@code 1e40}, {@code 1e309}, a float where a whole number is expected) and a text value or
 * key with a refused character ({@link ControlCharacters}) all fail while the body is read, so before any
 * precondition check or write; {@code fr.bts.commons.problem.InputProblemMappers} answers them with a 400 that
 * names the field. A service with a mapper of its own applies the same rules with {@link #applyDefaults(ObjectMapper)}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Deepest nesting of arrays and objects; our documents need fewer than 12 levels. */
    public static final String MAX_NESTING_DEPTH = "bts.json.max-nesting-depth";
    /** Longest string value, in characters (the longest texts of the suite are a few thousand). */
    public static final String MAX_STRING_LENGTH = "bts.json.max-string-length";
    /** Longest number literal, in characters. */
    public static final String MAX_NUMBER_LENGTH = "bts.json.max-number-length";
    /** Largest magnitude of a decimal number (marks, coefficients and points stay far below). */
    public static final String MAX_MAGNITUDE = "bts.json.max-magnitude";
    /** Most digits after the decimal point of a decimal number. */
    public static final String MAX_SCALE = "bts.json.max-scale";

    /**
     * Last of all customizers: Quarkus registers the classpath modules (JSR-310 among them) in a customizer of
     * {@link #QUARKUS_CUSTOMIZER_PRIORITY}, and a deserializer of a module registered later wins over ours — the
     * instant rule was silently overridden at the default priority.
     */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    /**
     * Read from the configuration when the mapper is built, which may be at static init, before config mappings
     * exist: hence plain property look-ups with their defaults.
     */
    @Override
    public void customize(ObjectMapper mapper) {
        Config config = ConfigProvider.getConfig();
        apply(mapper, config.getOptionalValue(MAX_NESTING_DEPTH, Integer.class).orElse(64),
                config.getOptionalValue(MAX_STRING_LENGTH, Integer.class).orElse(100_000),
                config.getOptionalValue(MAX_NUMBER_LENGTH, Integer.class).orElse(40),
                config.getOptionalValue(MAX_MAGNITUDE, BigDecimal.class).orElse(new BigDecimal("1000000000000")),
                config.getOptionalValue(MAX_SCALE, Integer.class).orElse(6));
    }

    /** Applies the strict rules with the default limits, e.g. to a service's own document mapper. */
    public static ObjectMapper applyDefaults(ObjectMapper mapper) {
        return apply(mapper, 64, 100_000, 40, new BigDecimal("1000000000000"), 6);
    }

    private static ObjectMapper apply(ObjectMapper mapper, int depth, int stringLength, int numberLength,
                                      BigDecimal magnitude, int scale) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(depth).maxStringLength(stringLength).maxNumberLength(numberLength).build());
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.registerModule(module(magnitude, scale));
        return mapper;
    }

    /** Text values and keys checked against {@link ControlCharacters}; decimals bounded in magnitude and scale. */
    static Module module(BigDecimal magnitude, int scale) {
        SimpleModule module = new SimpleModule("bts-strict-json");
        module.addDeserializer(String.class, new CheckedStrings(magnitude));
        module.addKeyDeserializer(String.class, new CheckedKeys());
        module.addDeserializer(BigDecimal.class, new BoundedDecimals(magnitude, scale));
        module.addDeserializer(Double.class, new BoundedDoubles(Double.class, null, magnitude));
        module.addDeserializer(double.class, new BoundedDoubles(double.class, 0d, magnitude));
        module.addDeserializer(Instant.class, new TextualInstants());
        return module;
    }

    /**
     * The character rule on a tree read as such (a tree's texts bypass the String deserializer): every text value
     * and field name, the first refused one thrown with its path ({@code blocs[0].intitule}).
     */
    public static void checkTree(JsonNode node) throws TextRefusedException {
        if (node.isTextual()) {
            checked(null, node.textValue());
        } else if (node.isObject()) {
            for (var fields = node.fields(); fields.hasNext(); ) {
                var field = fields.next();
                try {
                    checked(null, field.getKey());
                    checkTree(field.getValue());
                } catch (TextRefusedException e) {
                    e.prependPath(new JsonMappingException.Reference(null, field.getKey()));
                    throw e;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                try {
                    checkTree(node.get(i));
                } catch (TextRefusedException e) {
                    e.prependPath(new JsonMappingException.Reference(null, i));
                    throw e;
                }
            }
        }
    }

    static String checked(JsonParser parser, String value) throws TextRefusedException {
        int refused = ControlCharacters.firstRefused(value);
        if (refused >= 0) {
            throw new TextRefusedException(parser, ControlCharacters.describe(value, refused));
        }
        return value;
    }

    /** Text values: the character rule; a number given where text is expected is bounded as numbers are. */
    static final class CheckedStrings extends StringDeserializer {
        private final BigDecimal magnitude;

        CheckedStrings(BigDecimal magnitude) {
            this.magnitude = magnitude;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT || p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                BigDecimal number = p.getDecimalValue();
                if (number.abs().compareTo(magnitude) > 0) {
                    throw new NumberOutOfRangeException(p, "number out of range: at most " + magnitude.toPlainString()
                            + " in magnitude", String.class);
                }
            }
            return checked(p, super.deserialize(p, ctxt));
        }
    }

    /**
     * An instant is ISO-8601 text, as the suite writes it. Jackson would read a number as epoch seconds, so that
     * {@code 1e309} or {@code -0} silently became 1970-01-01 (a deadline in the past); a number here is refused
     * as a wrong type instead (422 naming the field, like any other type mismatch).
     */
    static final class TextualInstants extends StdScalarDeserializer<Instant> {
        TextualInstants() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            checked(p, p.getText());
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }

    static final class CheckedKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            return checked(ctxt.getParser(), key);
        }
    }

    static final class BoundedDecimals extends NumberDeserializers.BigDecimalDeserializer {
        private final BigDecimal magnitude;
        private final int scale;

        BoundedDecimals(BigDecimal magnitude, int scale) {
            this.magnitude = magnitude;
            this.scale = scale;
        }

        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal value = super.deserialize(p, ctxt);
            if (value != null && (value.abs().compareTo(magnitude) > 0 || value.stripTrailingZeros().scale() > scale)) {
                throw new NumberOutOfRangeException(p, "number out of range: at most " + magnitude.toPlainString()
                        + " in magnitude and " + scale + " decimals", BigDecimal.class);
            }
            return value;
        }
    }

    static final class BoundedDoubles extends NumberDeserializers.DoubleDeserializer {
        private final BigDecimal magnitude;

        BoundedDoubles(Class<Double> type, Double empty, BigDecimal magnitude) {
            super(type, empty);
            this.magnitude = magnitude;
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Double value = super.deserialize(p, ctxt);
            if (value != null && (value.isNaN() || value.isInfinite() || Math.abs(value) > magnitude.doubleValue())) {
                throw new NumberOutOfRangeException(p, "number out of range: at most " + magnitude.toPlainString()
                        + " in magnitude", Double.class);
            }
            return value;
        }
    }
}
