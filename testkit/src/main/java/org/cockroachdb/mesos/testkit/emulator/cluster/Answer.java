package org.cockroachdb.mesos.testkit.emulator.cluster;

/** The HTTP answer to a non-streaming call: status and a one-line body (Mesos's reason). */
public record Answer(int status, String body) {
    public static final Answer ACCEPTED = new Answer(202, "");
    public static final Answer OK = new Answer(200, "");

    public static Answer badRequest(String why) {
        return new Answer(400, why);
    }

    public static Answer forbidden(String why) {
        return new Answer(403, why);
    }
}
