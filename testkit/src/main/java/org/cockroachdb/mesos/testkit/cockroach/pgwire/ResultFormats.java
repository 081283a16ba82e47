package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult;

/**
 * The format (0 text, 1 binary) of each result column, resolved from the format codes a Bind asked
 * for (none: all text; one: all columns; else one per column), and the encoding of rows in them.
 * Resolution checks every binary column has a binary form before any row is sent.
 */
final class ResultFormats {
    static final short TEXT = 0;
    static final short BINARY = 1;

    private final List<SqlResult.Column> columns;
    private final short[] formats;

    private ResultFormats(List<SqlResult.Column> columns, short[] formats) {
        this.columns = columns;
        this.formats = formats;
    }

    static ResultFormats allText(List<SqlResult.Column> columns) {
        return new ResultFormats(columns, new short[columns.size()]);
    }

    static ResultFormats resolve(List<SqlResult.Column> columns, short[] requested) throws SqlError {
        short[] formats = new short[columns.size()];
        if (requested.length == 1) {
            Arrays.fill(formats, requested[0]);
        } else if (requested.length == columns.size()) {
            formats = requested.clone();
        } else if (requested.length != 0) {
            throw new SqlError(ProtocolViolation.SQLSTATE, "bind message has " + requested.length
                    + " result formats but query has " + columns.size() + " columns");
        }
        for (int i = 0; i < formats.length; i++) {
            int oid = columns.get(i).typeOid();
            if (formats[i] == BINARY && !BinaryCodec.supports(oid)) {
                throw new SqlError("0A000", "binary result format is not supported for column \""
                        + columns.get(i).name() + "\" of type OID " + oid + "; ask for text format");
            }
        }
        return new ResultFormats(columns, formats);
    }

    short[] codes() {
        return formats;
    }

    List<byte[]> encode(List<String> row) throws SqlError {
        if (row.size() != columns.size()) {
            throw new SqlError("XX000", "backend returned a row of " + row.size() + " values for " + columns.size() + " columns");
        }
        List<byte[]> values = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            String v = row.get(i);
            if (v == null) {
                values.add(null);
            } else if (formats[i] == BINARY) {
                values.add(BinaryCodec.encode(columns.get(i).typeOid(), v));
            } else {
                values.add(v.getBytes(StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
