package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.api.ErrorCode;
import org.h2.jdbc.JdbcException;

/**
 * H2's errors as the SQLSTATEs and messages CockroachDB sends for the same mistakes, and the errors
 * the engine raises itself.
 */
final class SqlErrors {
    private static final Pattern FIRST_QUOTED = Pattern.compile("\"([^\"]*)\"");
    /**
     * {@code "PRIMARY KEY ON public.t(id) ..."} or {@code "public.t_v_INDEX_8 ON public.t(v ...) ..."}: the
     * index (none for the primary key), then the table.
     */
    private static final Pattern DUPLICATE = Pattern.compile("\"(?:PRIMARY KEY|(?:[^.\" ]+\\.)?([^ \"]+)) ON (?:[^.\" ]+\\.)?([^(\" ]+)\\(");

    private SqlErrors() {}

    static SqlError fromH2(SQLException e) {
        String message = e instanceof JdbcException j ? j.getOriginalMessage() : e.getMessage();
        return fromH2(e.getErrorCode(), message == null ? "" : message);
    }

    /** Pure: from H2's error code and its message without the statement text. */
    static SqlError fromH2(int code, String message) {
        return switch (code) {
            case ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1, ErrorCode.TABLE_OR_VIEW_NOT_FOUND_DATABASE_EMPTY_1,
                 ErrorCode.TABLE_OR_VIEW_NOT_FOUND_WITH_CANDIDATES_2 ->
                    new SqlError("42P01", "relation \"" + firstQuoted(message) + "\" does not exist");
            case ErrorCode.TABLE_OR_VIEW_ALREADY_EXISTS_1 ->
                    new SqlError("42P07", "relation \"" + firstQuoted(message) + "\" already exists");
            case ErrorCode.INDEX_ALREADY_EXISTS_1, ErrorCode.CONSTRAINT_ALREADY_EXISTS_1 ->
                    new SqlError("42P07", "relation \"" + firstQuoted(message) + "\" already exists");
            case ErrorCode.DUPLICATE_KEY_1 -> duplicateKey(message);
            case ErrorCode.SYNTAX_ERROR_1, ErrorCode.SYNTAX_ERROR_2 -> new SqlError("42601", "syntax error: " + message);
            case ErrorCode.DATA_CONVERSION_ERROR_1, ErrorCode.INVALID_DATETIME_CONSTANT_2 ->
                    new SqlError("22P02", "could not parse: " + message);
            case ErrorCode.COLUMN_NOT_FOUND_1 -> new SqlError("42703", "column \"" + firstQuoted(message) + "\" does not exist");
            case ErrorCode.DUPLICATE_COLUMN_NAME_1 -> new SqlError("42701", "column \"" + firstQuoted(message) + "\" specified more than once");
            case ErrorCode.NULL_NOT_ALLOWED ->
                    new SqlError("23502", "null value in column \"" + firstQuoted(message) + "\" violates not-null constraint");
            case ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_CHILD_EXISTS_1,
                 ErrorCode.REFERENTIAL_INTEGRITY_VIOLATED_PARENT_MISSING_1 ->
                    new SqlError("23503", "foreign key violation: " + message);
            case ErrorCode.CHECK_CONSTRAINT_VIOLATED_1 -> new SqlError("23514", "failed to satisfy CHECK constraint: " + message);
            case ErrorCode.DIVISION_BY_ZERO_1 -> new SqlError("22012", "division by zero");
            case ErrorCode.VALUE_TOO_LONG_2 -> new SqlError("22001", "value too long: " + message);
            case ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_1, ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE_2 ->
                    new SqlError("22003", "numeric value out of range: " + message);
            case ErrorCode.FUNCTION_NOT_FOUND_1 -> new SqlError("42883", "unknown function: " + firstQuoted(message) + "()");
            case ErrorCode.SCHEMA_NOT_FOUND_1 -> new SqlError("3F000", "schema \"" + firstQuoted(message) + "\" does not exist");
            case ErrorCode.INDEX_NOT_FOUND_1, ErrorCode.CONSTRAINT_NOT_FOUND_1 ->
                    new SqlError("42704", "index \"" + firstQuoted(message) + "\" does not exist");
            // Conflicts and a lost H2 server are what CockroachDB reports as retryable: the client retries.
            case ErrorCode.LOCK_TIMEOUT_1, ErrorCode.DEADLOCK_1, ErrorCode.CONCURRENT_UPDATE_1,
                 ErrorCode.ROW_NOT_FOUND_IN_PRIMARY_INDEX ->
                    new SqlError("40001", "restart transaction: TransactionRetryWithProtoRefreshError: " + message);
            case ErrorCode.CONNECTION_BROKEN_1, ErrorCode.DATABASE_IS_CLOSED, ErrorCode.DATABASE_CALLED_AT_SHUTDOWN ->
                    new SqlError("40001", "restart transaction: the node serving this transaction's data went away");
            case ErrorCode.UNKNOWN_DATA_TYPE_1 -> new SqlError("42704", "type \"" + firstQuoted(message) + "\" does not exist");
            case ErrorCode.FEATURE_NOT_SUPPORTED_1 -> new SqlError("0A000", "unimplemented: " + message);
            default -> new SqlError("XX000", message);
        };
    }

    private static SqlError duplicateKey(String message) {
        Matcher m = DUPLICATE.matcher(message);
        if (!m.find()) {
            return new SqlError("23505", "duplicate key value violates unique constraint");
        }
        String index = m.group(1);
        String table = m.group(2);
        // H2 names a primary key's index PRIMARY_KEY_<n> (CockroachDB v22.1+: <table>_pkey) and a unique
        // constraint's index <constraint>_INDEX_<n>.
        String constraint = index == null || index.startsWith("PRIMARY_KEY") ? table + "_pkey"
                : index.replaceFirst("_INDEX_[0-9A-F]+$", "");
        return new SqlError("23505", "duplicate key value violates unique constraint \"" + constraint + "\"");
    }

    static SqlError databaseDoesNotExist(String database) {
        return new SqlError("3D000", "database \"" + database + "\" does not exist");
    }

    static SqlError databaseAlreadyExists(String database) {
        return new SqlError("42P04", "database \"" + database + "\" already exists");
    }

    static SqlError transactionAborted() {
        return new SqlError("25P02", "current transaction is aborted, commands ignored until end of transaction block");
    }

    static SqlError syntax(String near) {
        return new SqlError("42601", "at or near \"" + near + "\": syntax error");
    }

    private static String firstQuoted(String message) {
        Matcher m = FIRST_QUOTED.matcher(message);
        return m.find() ? m.group(1) : "?";
    }
}
