package org.cockroachdb.mesos.testkit.cockroach.pgwire;

/** The PostgreSQL type OIDs the wire server has to know about, and their fixed sizes. */
final class TypeOid {
    static final int UNSPECIFIED = 0;
    static final int BOOL = 16;
    static final int BYTEA = 17;
    static final int CHAR = 18;
    static final int NAME = 19;
    static final int INT8 = 20;
    static final int INT2 = 21;
    static final int INT4 = 23;
    static final int TEXT = 25;
    static final int OID = 26;
    static final int JSON = 114;
    static final int FLOAT4 = 700;
    static final int FLOAT8 = 701;
    static final int UNKNOWN = 705;
    static final int BPCHAR = 1042;
    static final int VARCHAR = 1043;
    static final int DATE = 1082;
    static final int TIME = 1083;
    static final int TIMESTAMP = 1114;
    static final int TIMESTAMPTZ = 1184;
    static final int NUMERIC = 1700;
    static final int UUID = 2950;
    static final int JSONB = 3802;

    private TypeOid() {}

    /** RowDescription's type size: the fixed width in bytes, or -1 for variable-length types. */
    static short size(int oid) {
        return switch (oid) {
            case BOOL, CHAR -> 1;
            case INT2 -> 2;
            case INT4, OID, FLOAT4, DATE -> 4;
            case INT8, FLOAT8, TIME, TIMESTAMP, TIMESTAMPTZ -> 8;
            case UUID -> 16;
            case NAME -> 64;
            default -> -1;
        };
    }
}
