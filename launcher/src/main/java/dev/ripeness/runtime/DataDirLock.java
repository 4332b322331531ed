package dev.ripeness.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data dir, held while {@code ripeness run} uses it: a second process
 * on the same dir would write the same broker log and state stores and corrupt both. The lock
 * is the operating system's (released when the process dies, even by kill -9), on the file
 * {@code DATA_DIR/ripeness.lock}, which also names the holder's process id while it runs. A clean
 * stop empties the file, so a process id found there by the next {@code run} is one that was
 * killed or crashed ({@link #uncleanStop}).
 */
public final class DataDirLock implements AutoCloseable {

    /** The lock file inside the data dir. */
    public static final String FILE_NAME = "ripeness.lock";

    private final FileChannel channel;
    private final FileLock lock;
    private final String uncleanStop;

    private DataDirLock(FileChannel channel, FileLock lock, String uncleanStop) {
        this.channel = channel;
        this.lock = lock;
        this.uncleanStop = uncleanStop;
    }

    /**
     * The process id of the run before this one when it did not stop cleanly (killed, crashed, the
     * machine went down), else empty. A data dir last used by a release that did not empty the lock
     * file on stop also reads as stopped uncleanly, once.
     */
    public java.util.Optional<String> uncleanStop() {
        return java.util.Optional.ofNullable(uncleanStop);
    }

    /** Thrown when another process holds the data dir. */
    public static final class DataDirInUseException extends RuntimeException {
        public DataDirInUseException(String message) {
            super(message);
        }
    }

    /**
     * Takes the lock, creating the data dir when missing; never waits.
     *
     * @throws DataDirInUseException when another process (or this one) holds it
     */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = holder(channel);
                channel.close();
                throw new DataDirInUseException("the data dir " + dataDir + " is in use by another `ripeness run`"
                        + (holder.isEmpty() ? "" : " (process " + holder + ")")
                        + ": stop it first, or give this one its own --data-dir");
            }
            String before = holder(channel);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DataDirLock(channel, lock, before.isEmpty() ? null : before);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new UncheckedIOException("cannot lock the data dir " + dataDir + " (" + file + "): " + e.getMessage(), e);
        }
    }

    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(32);
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8).strip();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.truncate(0); // a clean stop: the next run finds no process id
            channel.force(false);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
