package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlBackend;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlSession;

/**
 * A backend that answers every statement as the test says and records what it was asked, for
 * protocol details no SQL engine is needed for (parameter decoding, binary results of any type,
 * backends that cannot describe statements). Never in a transaction.
 */
final class CannedBackend implements SqlBackend {
    /** The answer to one statement. */
    @FunctionalInterface
    interface Answer {
        SqlResult to(String sql, List<String> parameters) throws SqlError;
    }

    /** One statement as the backend received it. */
    record Call(String sql, List<String> parameters) {}

    private final Answer answer;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger closed = new AtomicInteger();

    CannedBackend(Answer answer) {
        this.answer = answer;
    }

    List<Call> calls() {
        return calls;
    }

    int sessionsClosed() {
        return closed.get();
    }

    @Override
    public SqlSession open(String user, String database, Map<String, String> params) {
        return new SqlSession() {
            @Override
            public SqlResult execute(String sql, List<String> parameters) throws SqlError {
                calls.add(new Call(sql, parameters));
                return answer.to(sql, parameters);
            }

            @Override
            public boolean inTransaction() {
                return false;
            }

            @Override
            public boolean transactionFailed() {
                return false;
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
    }
}
