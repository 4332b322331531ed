package dev.ripeness.runtime;

import dev.ripeness.api.http.ApiServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The API's write token: read from the file given, or from {@code DATA_DIR/api-token},
 * which the first start creates with a random token, readable by its owner only (0600).
 */
public final class ApiTokens {

    /** The file in the data dir that holds the generated token. */
    public static final String FILE_NAME = "api-token";

    private ApiTokens() {}

    /** Where the token comes from and what it is. */
    public record Token(String value, Path file, boolean created) {}

    /**
     * The token of {@code tokenFile} when given, else that of {@code DATA_DIR/api-token}, made on first use.
     *
     * @throws IllegalArgumentException when a file cannot be read or holds no token
     */
    public static Token writeToken(Path dataDir, Path tokenFile) {
        if (tokenFile != null) {
            return new Token(read(tokenFile), tokenFile, false);
        }
        Path file = dataDir.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return new Token(read(file), file, false);
        }
        String token = ApiServer.newToken();
        try {
            Files.createDirectories(dataDir);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            try {
                // Created with 0600 from the first byte: never readable by others, not even briefly.
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return new Token(token, file, true);
        } catch (FileAlreadyExistsException raced) {
            return new Token(read(file), file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the API token to " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The token in {@code file} (its first line, trimmed).
     *
     * @throws IllegalArgumentException when it cannot be read or is empty
     */
    public static String read(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        if (token.length() < 16) {
            throw new IllegalArgumentException("the token file " + file + " holds " + (token.isEmpty() ? "no token" : "a token of "
                    + token.length() + " characters") + "; put a token of at least 16 characters on its first line, e.g. "
                    + "`head -c 32 /dev/urandom | base64 > " + file + "`");
        }
        return token;
    }

}
