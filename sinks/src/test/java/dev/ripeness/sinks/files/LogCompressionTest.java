package dev.ripeness.sinks.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripeness.sinks.StateKind;
import dev.ripeness.sinks.files.FileSink.LogCompression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogCompressionTest {

    @TempDir
    Path dir;

    private Path write(Path log, Instant modified) throws Exception {
        Files.createDirectories(log.getParent());
        Files.writeString(log, "x\n");
        Files.setLastModifiedTime(log, FileTime.from(modified));
        return log;
    }

    @Test
    void shouldChooseGzipForADirectoryWithoutLogs() throws Exception {
        // Given a new directory, and one whose logs were moved aside (only the sink's bookkeeping is left)
        Path moved = dir.resolve("moved");
        write(moved.resolve("log").resolve(FileSink.LENGTHS), Instant.now());

        // Then the default writes gzip logs in both
        assertThat(LogCompression.AUTO.in(dir.resolve("new"))).isEqualTo(LogCompression.GZIP);
        assertThat(LogCompression.AUTO.in(moved)).isEqualTo(LogCompression.GZIP);
    }

    @Test
    void shouldKeepTheFormatOfTheLogsWrittenLast() throws Exception {
        // Given a directory written plain by an earlier release
        Instant earlier = Instant.parse("2026-01-01T00:00:00Z");
        write(FileSink.logCsv(dir, StateKind.ACTOR_DEMAND, LogCompression.NONE), earlier);
        assertThat(LogCompression.AUTO.in(dir)).isEqualTo(LogCompression.NONE);

        // When it was later switched to gzip, and then back to plain
        write(FileSink.logJsonl(dir, StateKind.ASSESSMENT_TIMELINE, LogCompression.GZIP), earlier.plusSeconds(60));
        LogCompression afterGzip = LogCompression.AUTO.in(dir);
        write(FileSink.logJsonl(dir, StateKind.FRONT_INDICATORS, LogCompression.NONE), earlier.plusSeconds(120));

        // Then the default follows the logs written last each time; an explicit choice is kept as it is
        assertThat(afterGzip).isEqualTo(LogCompression.GZIP);
        assertThat(LogCompression.AUTO.in(dir)).isEqualTo(LogCompression.NONE);
        assertThat(LogCompression.GZIP.in(dir)).isEqualTo(LogCompression.GZIP);
    }
}
