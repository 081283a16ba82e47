package org.cockroachdb.mesos.universe;

import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Does what Cosmos does on {@code dcos package install --options=…}: merges the user's options
 * over config.json's defaults, validates the result against config.json, renders
 * marathon.json.mustache with it (plus {@code resource}: resource.json) and parses the Marathon
 * app. Pure: the same package and options always give the same app.
 */
public final class PackageRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PackageFiles files;
    private final JsonNode config;
    private final JsonNode resource;
    private final JsonNode definition;
    private final OptionsValidation validation;

    public PackageRenderer(PackageFiles files) {
        this.files = files;
        this.config = files.config();
        this.resource = files.resource();
        this.definition = files.packageDefinition();
        this.validation = new OptionsValidation(config);
    }

    /** This project's package, as built. */
    public static PackageRenderer fromClasspath() {
        return new PackageRenderer(PackageFiles.fromClasspath());
    }

    /** The options config.json implies when none are given. */
    public ObjectNode defaults() {
        return OptionDefaults.of(config);
    }

    /** With the defaults only, as a plain {@code dcos package install cockroachdb}. */
    public RenderedApp render() {
        try {
            return render(JsonNodeFactory.instance.objectNode());
        } catch (OptionsRefused e) {
            throw new IllegalStateException("the package's own defaults are refused: " + e.getMessage(), e);
        }
    }

    /**
     * The Marathon app for these options ({@code --options} file contents).
     *
     * @throws OptionsRefused when an option has the wrong type, is out of range or is unknown
     */
    public RenderedApp render(JsonNode userOptions) throws OptionsRefused {
        if (!userOptions.isObject()) {
            throw new OptionsRefused(List.of("(options): " + userOptions.getNodeType().name().toLowerCase()
                    + " found, object expected"));
        }
        JsonNode merged = OptionsMerge.over(defaults(), userOptions);
        List<String> problems = validation.problems(merged);
        if (!problems.isEmpty()) {
            throw new OptionsRefused(problems);
        }
        Map<String, Object> context = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) CosmosValues.of(merged);
        context.putAll(options);
        context.put("resource", CosmosValues.of(resource));
        String text = CosmosMustache.render(files.marathonTemplate(), PackageFiles.MARATHON, context);
        JsonNode app;
        try {
            app = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the package's " + PackageFiles.MARATHON + " rendered no JSON for these"
                    + " options: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr(), e);
        }
        if (!(app instanceof ObjectNode object)) {
            throw new IllegalStateException("the package's " + PackageFiles.MARATHON + " rendered no JSON object");
        }
        JsonNode labels = object.get("labels");
        (labels instanceof ObjectNode existing ? existing : object.putObject("labels")).setAll(cosmosLabels(userOptions));
        return new RenderedApp(object);
    }

    /** What Cosmos adds to every app it installs; the options label holds the user's options only. */
    private ObjectNode cosmosLabels(JsonNode userOptions) {
        ObjectNode labels = JsonNodeFactory.instance.objectNode();
        labels.put("DCOS_PACKAGE_NAME", definition.path("name").asText());
        labels.put("DCOS_PACKAGE_VERSION", definition.path("version").asText());
        try {
            labels.put("DCOS_PACKAGE_OPTIONS", Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(userOptions)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return labels;
    }
}
