package dev.ripeness.bench;

/**
 * Entry point of {@code benchmarks.jar}: JMH's own command line (e.g. {@code -f 1 -wi 2 -i 3},
 * {@code -p priorEvents=1000}, a benchmark name regex), after trusting the generated Avro classes.
 */
public final class RunBenchmarks {

    private RunBenchmarks() {}

    public static void main(String[] args) throws Exception {
        // Avro 1.12 instantiates only trusted classes; forked benchmark JVMs get the same via @Fork(jvmArgsAppend).
        System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "dev.ripeness.schema");
        org.openjdk.jmh.Main.main(args);
    }
}
