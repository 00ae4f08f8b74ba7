package fr.bts.referential.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.bts.commons.json.StrictJson;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Strict reading and canonical writing of {@link VersionDocument}s.
 *
 * <p>Reading fails on unknown fields, duplicate keys, nulls for primitives and trailing tokens, and follows the
 * suite's strict JSON rules ({@link StrictJson}: refused characters in texts, numbers out of range, nesting). Writing is
 * canonical: contract field order, no whitespace, nulls kept, dates ISO-8601, so that equal documents give
 * equal bytes and the strong ETag (hash of those bytes) is stable. Element ids are always derived
 * ({@link ElementIds}), whatever the input says, so that ids never change across versions.
 */
public final class DocumentJson {

    private static final ObjectMapper MAPPER = StrictJson.applyDefaults(JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build());

    private DocumentJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text into a tree, rejecting duplicate keys and trailing content. */
    public static JsonNode readTree(byte[] json) throws JsonProcessingException {
        try (JsonParser parser = MAPPER.createParser(json)) {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw com.fasterxml.jackson.databind.exc.MismatchedInputException.from(parser,
                        VersionDocument.class, "A JSON object is expected");
            }
            StrictJson.checkTree(tree);
            return tree;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Turns a document tree into records, strictly, after writing the derived id of every element into it.
     * {@code certificationCode} is the code the ids derive from (the certification's own code).
     */
    public static VersionDocument toDocument(JsonNode tree, String certificationCode) throws JsonProcessingException {
        ObjectNode root = (ObjectNode) tree.deepCopy();
        assignIds(root, certificationCode);
        return MAPPER.treeToValue(root, VersionDocument.class);
    }

    public static byte[] canonicalBytes(VersionDocument document) {
        try {
            return MAPPER.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a version document always serialises", e);
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    public static VersionDocument fromCanonical(String json) {
        try {
            return MAPPER.readValue(json, VersionDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored version documents are canonical", e);
        }
    }

    private static void assignIds(ObjectNode root, String cert) {
        JsonNode certification = root.get("certification");
        if (certification instanceof ObjectNode c) {
            setId(c, ElementIds.of(cert, ElementKind.CERTIFICATION, cert).toString());
        }
        forEach(root.get("blocs"), bloc -> {
            setId(bloc, id(cert, ElementKind.BLOC, bloc));
            forEach(bloc.get("competences"), c -> setId(c, id(cert, ElementKind.COMPETENCE, c)));
        });
        forEach(root.get("domaines"), domaine -> {
            setId(domaine, id(cert, ElementKind.DOMAINE, domaine));
            forEach(domaine.get("activites"), activite -> {
                setId(activite, id(cert, ElementKind.ACTIVITE, activite));
                forEach(activite.get("taches"), t -> setId(t, id(cert, ElementKind.TACHE, t)));
            });
        });
        forEach(root.get("unites"), u -> setId(u, id(cert, ElementKind.UNITE, u)));
        forEach(root.get("epreuves"), e -> {
            setId(e, id(cert, ElementKind.EPREUVE, e));
            JsonNode epreuveCode = e.get("code");
            forEach(e.get("situations"), s -> {
                JsonNode code = s.get("code");
                setId(s, epreuveCode != null && epreuveCode.isTextual() && code != null && code.isTextual()
                        ? ElementIds.of(cert, ElementKind.SITUATION, epreuveCode.asText() + "/" + code.asText()).toString()
                        : null);
            });
        });
    }

    private static String id(String cert, ElementKind kind, ObjectNode element) {
        JsonNode code = element.get("code");
        return code != null && code.isTextual() ? ElementIds.of(cert, kind, code.asText()).toString() : null;
    }

    private static void setId(ObjectNode element, String id) {
        if (id == null) {
            element.remove("id");
        } else {
            element.put("id", id);
        }
    }

    private static void forEach(JsonNode array, java.util.function.Consumer<ObjectNode> action) {
        if (array instanceof ArrayNode items) {
            for (JsonNode item : items) {
                if (item instanceof ObjectNode object) {
                    action.accept(object);
                }
            }
        }
    }
}
