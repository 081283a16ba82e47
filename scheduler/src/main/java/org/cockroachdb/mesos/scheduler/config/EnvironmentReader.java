package org.cockroachdb.mesos.scheduler.config;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads settings out of an environment map and collects every refusal, so that one parse reports
 * all errors at once. A blank value counts as unset: package templates render unset options as "".
 * Lives only for the duration of one {@link ServiceConfig#parse}.
 */
final class EnvironmentReader {

    private final Map<String, String> env;
    private final List<String> errors = new ArrayList<>();
    private final Set<Setting> refused = EnumSet.noneOf(Setting.class);

    EnvironmentReader(Map<String, String> env) {
        this.env = env;
    }

    /** The setting's value, its default when unset, or the default plus a recorded error. */
    <T> T read(Setting setting, T fallback, Function<String, Reading<T>> parser) {
        return readOptional(setting, parser).orElse(fallback);
    }

    /** The setting's value when set and valid; empty when unset or refused (refusals are recorded). */
    <T> Optional<T> readOptional(Setting setting, Function<String, Reading<T>> parser) {
        String text = env.get(setting.name());
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Reading<T> reading = parser.apply(text.strip());
        if (reading instanceof Reading.Ok<T> ok) {
            return Optional.of(ok.value());
        }
        refuse(setting, ((Reading.Refused<T>) reading).why());
        return Optional.empty();
    }

    /** Whether the setting's own value was refused; cross-setting rules skip it then. */
    boolean wasRefused(Setting setting) {
        return refused.contains(setting);
    }

    /** Records a refusal that involves the setting's value (also for cross-setting rules). */
    void refuse(Setting setting, String why) {
        refused.add(setting);
        String text = env.getOrDefault(setting.name(), "");
        String shown = text.isBlank() ? "(default)" : "'" + text.strip() + "'";
        errors.add(setting.name() + "=" + shown + " is invalid: " + why.replace('\n', ' '));
    }

    List<String> errors() {
        return List.copyOf(errors);
    }
}
