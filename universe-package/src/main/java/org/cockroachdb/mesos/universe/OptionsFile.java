package org.cockroachdb.mesos.universe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An {@code --options} file, read as {@code dcos package install} reads one. */
public final class OptionsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OptionsFile() {
    }

    /** The file's JSON; a missing, unreadable or non-JSON file is refused with a one-line reason. */
    public static JsonNode read(Path file) throws OptionsRefused {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new OptionsRefused(List.of(file + ": no such options file"));
        } catch (IOException e) {
            throw new OptionsRefused(List.of(file + ": cannot be read (" + e.getMessage() + ")"));
        }
        try {
            JsonNode options = JSON.readTree(text);
            if (options == null || options.isMissingNode()) {
                throw new OptionsRefused(List.of(file + ": empty; expected a JSON object of option groups"));
            }
            return options;
        } catch (JsonProcessingException e) {
            throw new OptionsRefused(List.of(file + ": not JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage().replace('\n', ' ')));
        }
    }
}
