package org.cockroachdb.mesos.executor.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StderrTailTest {
    @Test
    void keepsTheLastLines() {
        StderrTail tail = new StderrTail(3);
        for (int i = 1; i <= 5; i++) {
            tail.add("line " + i);
        }
        assertThat(tail.lines()).containsExactly("line 3", "line 4", "line 5");
        assertThat(tail.joined(1024)).isEqualTo("line 3 | line 4 | line 5");
    }

    @Test
    void capsTheJoinedTextKeepingTheNewest() {
        StderrTail tail = new StderrTail(20);
        tail.add("x".repeat(2000));
        tail.add("ERROR: the last words");
        String joined = tail.joined(100);
        assertThat(joined).hasSize(100).startsWith("...").endsWith("ERROR: the last words");
    }

    @Test
    void skipsBlankLines() {
        StderrTail tail = new StderrTail(5);
        tail.add("a");
        tail.add("   ");
        tail.add("b");
        assertThat(tail.joined(100)).isEqualTo("a | b");
    }
}
