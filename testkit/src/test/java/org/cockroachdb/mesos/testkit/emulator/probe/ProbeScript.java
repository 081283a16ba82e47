package org.cockroachdb.mesos.testkit.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * What a probe task does, carried in {@code TaskInfo.data} as UTF-8 JSON:
 * <pre>
 * {"write": {"path": "data/hello.txt", "content": "hi"},  // relative to $MESOS_SANDBOX, before RUNNING
 *  "read": "data/hello.txt",                              // into RUNNING's message and data
 *  "report_env": true,                                    // MESOS_* and PROBE_* vars as JSON into RUNNING's data
 *  "then": "stay" | "finish" | "fail" | "exit:3",         // after RUNNING
 *  "on_kill": "obey" | "ignore"}
 * </pre>
 * Every field is optional; empty data means "stay running, obey kills".
 * Build one with {@code ProbeScript.stay().write("data/hello.txt", "hi").bytes()}.
 */
public record ProbeScript(
        Optional<FileWrite> write,
        Optional<String> read,
        boolean reportsEnv,
        String then,
        boolean ignoresKill) {

    /** A file the task writes, relative to the sandbox; parents are created. */
    public record FileWrite(String path, String content) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    public ProbeScript {
        if (!then.equals("stay") && !then.equals("finish") && !then.equals("fail") && !then.matches("exit:-?\\d+")) {
            throw new IllegalArgumentException("'then' must be stay, finish, fail or exit:<code>, not '" + then + "'");
        }
    }

    /** After TASK_RUNNING, keep running until killed. */
    public static ProbeScript stay() {
        return new ProbeScript(Optional.empty(), Optional.empty(), false, "stay", false);
    }

    /** After TASK_RUNNING, send TASK_FINISHED. */
    public static ProbeScript finish() {
        return stay().then("finish");
    }

    /** After TASK_RUNNING, send TASK_FAILED. */
    public static ProbeScript fail() {
        return stay().then("fail");
    }

    /** After TASK_RUNNING, end the whole executor process with {@code code}, sending nothing more. */
    public static ProbeScript exit(int code) {
        return stay().then("exit:" + code);
    }

    public ProbeScript write(String path, String content) {
        return new ProbeScript(Optional.of(new FileWrite(path, content)), read, reportsEnv, then, ignoresKill);
    }

    public ProbeScript read(String path) {
        return new ProbeScript(write, Optional.of(path), reportsEnv, then, ignoresKill);
    }

    public ProbeScript reportEnv() {
        return new ProbeScript(write, read, true, then, ignoresKill);
    }

    /** KILL is ignored: no TASK_KILLING, no TASK_KILLED. */
    public ProbeScript ignoreKill() {
        return new ProbeScript(write, read, reportsEnv, then, true);
    }

    private ProbeScript then(String next) {
        return new ProbeScript(write, read, reportsEnv, next, ignoresKill);
    }

    /** The exit code of an {@code exit:<code>} script. */
    public Optional<Integer> exitCode() {
        return then.startsWith("exit:") ? Optional.of(Integer.parseInt(then.substring(5))) : Optional.empty();
    }

    /** The JSON for {@code TaskInfo.data}. */
    public byte[] bytes() {
        ObjectNode root = JSON.createObjectNode();
        write.ifPresent(w -> root.putObject("write").put("path", w.path()).put("content", w.content()));
        read.ifPresent(path -> root.put("read", path));
        if (reportsEnv) {
            root.put("report_env", true);
        }
        root.put("then", then);
        root.put("on_kill", ignoresKill ? "ignore" : "obey");
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: a tree of strings always serializes", e);
        }
    }

    /** Reads {@code TaskInfo.data}; empty means the default script. */
    public static ProbeScript parse(byte[] data) throws IOException {
        if (data.length == 0) {
            return stay();
        }
        JsonNode root = JSON.readTree(data);
        if (root == null || !root.isObject()) {
            throw new IOException("the probe script must be a JSON object");
        }
        Optional<FileWrite> write = Optional.empty();
        JsonNode w = root.path("write");
        if (!w.isMissingNode()) {
            if (!w.path("path").isTextual()) {
                throw new IOException("'write' needs a string 'path'");
            }
            write = Optional.of(new FileWrite(w.path("path").asText(), w.path("content").asText("")));
        }
        String onKill = root.path("on_kill").asText("obey");
        if (!onKill.equals("obey") && !onKill.equals("ignore")) {
            throw new IOException("'on_kill' must be obey or ignore, not '" + onKill + "'");
        }
        try {
            return new ProbeScript(
                    write,
                    root.hasNonNull("read") ? Optional.of(root.get("read").asText()) : Optional.empty(),
                    root.path("report_env").asBoolean(false),
                    root.path("then").asText("stay"),
                    onKill.equals("ignore"));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
