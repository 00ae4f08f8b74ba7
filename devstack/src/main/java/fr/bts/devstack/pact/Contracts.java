package fr.bts.devstack.pact;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the committed pacts live: {@code contracts/pacts} at the root of the repository (docs/contracts.md). */
public final class Contracts {

    private Contracts() {
    }

    /** The committed pact folder, found from the module's directory upwards (a module's tests run in the module). */
    public static Path pactFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path folder = dir.resolve("contracts").resolve("pacts");
            if (Files.isDirectory(folder)) {
                return folder;
            }
        }
        throw new IllegalStateException("No contracts/pacts folder above " + Path.of("").toAbsolutePath());
    }
}
