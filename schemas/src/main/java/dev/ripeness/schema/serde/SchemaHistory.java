package dev.ripeness.schema.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.message.SchemaStore;

/**
 * Every published version of a record's schema, read from the classpath
 * ({@code avro-history/<Record>/v1.avsc}, {@code v2.avsc}, ...). The repository's
 * {@code schemas/history/} folder is the registry: nothing is fetched over the network.
 */
public final class SchemaHistory {

    private SchemaHistory() {}

    /** Published versions of the record named {@code simpleName}, oldest first. */
    public static List<Schema> versions(String simpleName) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        for (int v = 1; ; v++) {
            String path = "avro-history/" + simpleName + "/v" + v + ".avsc";
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
        }
    }

    /** A store that resolves any published version of {@code simpleName} by fingerprint. */
    public static SchemaStore.Cache storeFor(String simpleName) {
        SchemaStore.Cache cache = new SchemaStore.Cache();
        versions(simpleName).forEach(cache::addSchema);
        return cache;
    }
}
