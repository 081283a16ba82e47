package org.cockroachdb.mesos.testkit.cockroach.sqltext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer.Kind;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer.Token;
import org.junit.jupiter.api.Test;

/** Where literals, names, comments and parameters begin and end. */
class SqlLexerTest {

    @Test
    void tokensKeepEveryCharacterSoTheTextCanBeRebuilt() {
        String sql = "SELECT 'a', \"b\" -- c\n/* d */ FROM t WHERE x = $1";
        assertThat(String.join("", SqlLexer.tokens(sql).stream().map(Token::text).toList())).isEqualTo(sql);
    }

    @Test
    void eachLiteralKindIsOneToken() {
        assertThat(kinds("'it''s' E'\\'' X'0a' $$a$$ $tag$ $$ $tag$ \"q\"\"n\""))
                .containsExactly(Kind.STRING, Kind.ESCAPE_STRING, Kind.HEX_STRING, Kind.DOLLAR_STRING,
                        Kind.DOLLAR_STRING, Kind.QUOTED_NAME);
    }

    @Test
    void blockCommentsNest() {
        List<Token> tokens = SqlLexer.tokens("/* a /* b */ c */x");
        assertThat(tokens).extracting(Token::kind).containsExactly(Kind.COMMENT, Kind.WORD);
        assertThat(tokens.get(1).text()).isEqualTo("x");
    }

    @Test
    void dollarAfterAnIdentifierOrNumberOpensNeitherAParameterNorAQuote() {
        assertThat(kinds("a$1")).containsExactly(Kind.WORD);
        assertThat(kinds("a$b$")).containsExactly(Kind.WORD);
        assertThat(kinds("1$a$ x")).doesNotContain(Kind.DOLLAR_STRING, Kind.PARAMETER);
        assertThat(kinds("($12)")).containsExactly(Kind.SYMBOL, Kind.PARAMETER, Kind.SYMBOL);
    }

    @Test
    void escapeStringPrefixOnlyCountsAtTheStartOfAWord() {
        assertThat(kinds("e'\\''")).containsExactly(Kind.ESCAPE_STRING);
        assertThat(kinds("some'x'")).containsExactly(Kind.WORD, Kind.STRING);
        assertThat(kinds("1e'x'")).doesNotContain(Kind.ESCAPE_STRING);
    }

    @Test
    void stringValuesAreDecoded() {
        assertThat(SqlLexer.tokens("E'a\\nb\\x41\\101\\u00e9'").get(0).stringValue()).isEqualTo("a\nbAA\u00e9");
        assertThat(SqlLexer.tokens("'it''s'").get(0).stringValue()).isEqualTo("it's");
        assertThat(SqlLexer.tokens("$t$x$t$").get(0).stringValue()).isEqualTo("x");
    }

    private static List<Kind> kinds(String sql) {
        return SqlLexer.significant(SqlLexer.tokens(sql)).stream().map(Token::kind).toList();
    }
}
