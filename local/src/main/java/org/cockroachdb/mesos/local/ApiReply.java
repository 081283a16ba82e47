package org.cockroachdb.mesos.local;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answer of the scheduler's API.
 *
 * @param status the HTTP status code
 * @param json   the body as JSON ({@code MissingNode} when it is not JSON)
 * @param body   the body as text
 */
public record ApiReply(int status, JsonNode json, String body) {}
