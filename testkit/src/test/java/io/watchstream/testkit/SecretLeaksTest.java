package io.watchstream.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.testkit.SecretLeaks.Input;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The check itself: it finds a secret wherever a loader lets it out, and passes a loader that hides it. */
class SecretLeaksTest {

  private static final String SECRET = "xoxb-0123456789abcdefABCDEF";

  private static SecretLeaks.Loader loader(BiFunction<Path, String, Object> load) {
    return new SecretLeaks.Loader() {
      @Override
      public List<Input> inputs(String secret) {
        return List.of(Input.yaml("one", "token: " + secret + "\n"));
      }

      @Override
      public Object load(Path file, Map<String, String> env) throws Exception {
        return load.apply(file, java.nio.file.Files.readString(file));
      }
    };
  }

  @Test
  void aSecretInACauseIsFound() {
    assertThatThrownBy(() -> SecretLeaks.assertNeverShown(loader((f, text) -> {
      throw new IllegalStateException("bad config", new RuntimeException("could not read " + text));
    }), SECRET)).isInstanceOf(AssertionError.class).hasMessageContaining("input 'one' shows the secret");
  }

  @Test
  void aSecretInTheLoadedObjectIsFound() {
    assertThatThrownBy(() -> SecretLeaks.assertNeverShown(loader((f, text) -> Map.of("token", text)), SECRET))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void aSecretLoggedAtDebugIsFound() {
    assertThatThrownBy(() -> SecretLeaks.assertNeverShown(loader((f, text) -> {
      LoggerFactory.getLogger("config").debug("read {}", text);
      return "ok";
    }), SECRET)).isInstanceOf(AssertionError.class);
  }

  @Test
  void aLoaderThatNamesOnlyTheFieldPasses() {
    assertThatCode(() -> SecretLeaks.assertNeverShown(loader((f, text) -> {
      throw new IllegalArgumentException(f.getFileName() + ":1:8: token: a secret is never written in the file");
    }), SECRET)).doesNotThrowAnyException();
  }
}
