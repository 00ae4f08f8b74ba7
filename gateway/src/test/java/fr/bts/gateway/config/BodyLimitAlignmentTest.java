package fr.bts.gateway.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's body limit of each route family is its service's own (issue 11: a 40 MiB upload to dossier got
 * a 502 from the gateway's 200M against the service's 32M): same variable, same default, read from both
 * application.properties so that changing one without the other fails the build.
 */
class BodyLimitAlignmentTest {

    private static String defaultOf(Path properties, String key) throws IOException {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(key) + "=\\$\\{([A-Z_]+):([^}]+)}$")
                .matcher(Files.readString(properties));
        assertTrue(matcher.find(), key + " in " + properties);
        return matcher.group(1) + "=" + matcher.group(2);
    }

    @ParameterizedTest
    @CsvSource({"referential-service,referential", "dossier-service,dossiers", "evaluation-service,evaluations"})
    void eachFamilyLimitIsItsServicesLimit(String service, String family) throws IOException {
        String theirs = defaultOf(Path.of("..", service, "src/main/resources/application.properties"),
                "quarkus.http.limits.max-body-size");
        String ours = defaultOf(Path.of("src/main/resources/application.properties"),
                "gateway.routes." + family + ".max-body-size");
        assertEquals(theirs, ours, service);
    }
}
