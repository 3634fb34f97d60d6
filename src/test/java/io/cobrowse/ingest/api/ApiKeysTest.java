package io.cobrowse.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static final String K1 = "k1-0123456789abcdef0123456789abcdef";
    private static final String K2 = "k2-0123456789abcdef0123456789abcdef";

    @Test
    void aKeyListedUnderSeveralRolesHasThemAll() {
        ApiKeys keys = new ApiKeys(List.of("read=" + K1, "replay=" + K1, "erase=" + K2));
        assertThat(keys.identify(K1).orElseThrow().roles()).isEqualTo(Set.of("read", "replay"));
        assertThat(keys.identify(K2).orElseThrow().roles()).isEqualTo(Set.of("erase"));
        assertThat(keys.identify(K1).orElseThrow().name()).isEqualTo("api-key-1");
    }

    @Test
    void anUnknownKeyOrAPrefixOfAKnownOneIsNobody() {
        ApiKeys keys = new ApiKeys(List.of("read=" + K1));
        assertThat(keys.identify(K2)).isEmpty();
        assertThat(keys.identify(K1.substring(0, 20))).isEmpty();
        assertThat(keys.identify("")).isEmpty();
    }

    @Test
    void noKeysMeansNobodyGetsIn() {
        ApiKeys keys = new ApiKeys(List.of());
        assertThat(keys.any()).isFalse();
        assertThat(keys.identify(K1)).isEmpty();
    }

    @Test
    void aShortKeyRefusesStartUpWithoutShowingIt() {
        assertThatThrownBy(() -> new ApiKeys(List.of("read=" + K1, "erase=short-key-31-characters-xxx")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Entry 2 of COBROWSE_API_KEYS")
                .hasMessageContaining("shorter than 32")
                .hasMessageNotContaining("short-key");
    }

    @Test
    void anUnknownRoleOrAMissingRoleRefusesStartUp() {
        assertThatThrownBy(() -> new ApiKeys(List.of("admin=" + K1)))
                .hasMessageContaining("unknown role")
                .hasMessageNotContaining(K1);
        assertThatThrownBy(() -> new ApiKeys(List.of(K1)))
                .hasMessageContaining("role=key")
                .hasMessageNotContaining(K1);
    }
}
