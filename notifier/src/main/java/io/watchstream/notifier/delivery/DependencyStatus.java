package io.watchstream.notifier.delivery;

/**
 * Where delivery reports that a dependency (Slack, SNS) is unavailable and the work is waiting for it, and when
 * it answers again. {@code /health} shows DEGRADED with the reason while anything waits
 * ({@link io.watchstream.notifier.ops.NotifierHealth} implements this); a reason never carries a secret.
 */
public interface DependencyStatus {

  /** {@code dependency} is unavailable; the caller waits and retries. Called on every failed attempt. */
  void waiting(String dependency, String reason);

  /** {@code dependency} answered again (with a success, or with a rejection of one message). */
  void recovered(String dependency);

  /** Reports to each of {@code parts} in turn (health and metrics). */
  static DependencyStatus of(DependencyStatus... parts) {
    return new DependencyStatus() {
      @Override
      public void waiting(String dependency, String reason) {
        for (DependencyStatus p : parts) {
          p.waiting(dependency, reason);
        }
      }

      @Override
      public void recovered(String dependency) {
        for (DependencyStatus p : parts) {
          p.recovered(dependency);
        }
      }
    };
  }

  DependencyStatus NONE = new DependencyStatus() {
    @Override
    public void waiting(String dependency, String reason) {
    }

    @Override
    public void recovered(String dependency) {
    }
  };
}
