package fr.bts.commons.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import fr.bts.commons.text.ControlCharacters;
import fr.bts.commons.text.TextRefusedException;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * How every service reads JSON (issue 11), set once on the application's ObjectMapper: a duplicate key, content
 * after the document, nesting deeper than {@link JsonLimits#maxNestingDepth()}, a huge string or number literal, a
 * number out of range ({@code 1e40}, {@code 1e309}, a float where a whole number is expected) and a text value or
 * key with a refused character ({@link ControlCharacters}) all fail while the body is read, so before any
 * precondition check or write; {@code fr.bts.commons.problem.InputProblemMappers} answers them with a 400 that
 * names the field. A service with a mapper of its own applies the same rules with {@link #apply(ObjectMapper, JsonLimits)}.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private final JsonLimits limits;

    public StrictJson(JsonLimits limits) {
        this.limits = limits;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper, limits);
    }

    /** Applies the strict reading rules to {@code mapper}, e.g. a service's own document mapper. */
    public static ObjectMapper apply(ObjectMapper mapper, JsonLimits limits) {
        return apply(mapper, limits.maxNestingDepth(), limits.maxStringLength(), limits.maxNumberLength(),
                limits.maxMagnitude(), limits.maxScale());
    }

    /** The same with the default limits, for code that runs without configuration (plain unit tests, tools). */
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
        module.addDeserializer(String.class, new CheckedStrings());
        module.addKeyDeserializer(String.class, new CheckedKeys());
        module.addDeserializer(BigDecimal.class, new BoundedDecimals(magnitude, scale));
        module.addDeserializer(Double.class, new BoundedDoubles(Double.class, null, magnitude));
        module.addDeserializer(double.class, new BoundedDoubles(double.class, 0d, magnitude));
        return module;
    }

    static String checked(JsonParser parser, String value) throws TextRefusedException {
        int refused = ControlCharacters.firstRefused(value);
        if (refused >= 0) {
            throw new TextRefusedException(parser, ControlCharacters.describe(value, refused));
        }
        return value;
    }

    static final class CheckedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return checked(p, super.deserialize(p, ctxt));
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
