package fr.bts.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Puts a {@link StoreProxy} between the service under test and its store, so that an outage test can cut the store
 * away (issue 10 item 3). A service's test extends this class naming the store's port and the configuration that
 * points the service at the proxy, and uses the subclass as its {@code @TestProfile}: the profile starts the subclass
 * as its test resource. {@link #proxy()} is the proxy of the running application. The resource runs after the store's
 * own test resource, so that its address is known and this configuration wins.
 */
public abstract class ProxiedStoreResource implements QuarkusTestProfile, QuarkusTestResourceLifecycleManager {

    private static volatile StoreProxy proxy;

    /** The port the store listens on, known once its own test resource started. */
    protected abstract int storePort();

    /** The configuration that sends the service's store client to {@code proxyPort}. */
    protected abstract Map<String, String> throughProxy(int proxyPort);

    /** The proxy of the application started with this resource. */
    public static StoreProxy proxy() {
        return proxy;
    }

    /** As a test profile: this very class is the application's test resource. */
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(getClass()));
    }

    @Override
    public Map<String, String> start() {
        try {
            proxy = new StoreProxy(storePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return throughProxy(proxy.port());
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void stop() {
        try {
            proxy.close();
        } catch (IOException ignored) {
            // the test JVM is ending
        }
    }
}
