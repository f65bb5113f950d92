package io.watchstream.schemas;

/** A schema registry call failed; the message names the registry, the operation and the registry's own error. */
public final class SchemaRegistryException extends RuntimeException {
  private final int httpStatus;
  private final int errorCode;

  public SchemaRegistryException(String message, int httpStatus, int errorCode, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.errorCode = errorCode;
  }

  /** HTTP status of the failed call, or -1 when the registry could not be reached. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Confluent {@code error_code} (40401 subject not found, 40403 schema not found, 409 incompatible), or -1. */
  public int errorCode() {
    return errorCode;
  }

  /**
   * True when the registry gave no definite answer (unreachable, a "not now" status, or the client closed
   * while waiting): fault-model case (b), never a reason to dead-letter or skip a record.
   */
  public boolean isUnavailable() {
    return RegistryRetryPolicy.isRetriable(httpStatus);
  }

  /** True when {@code failure} or one of its causes is a registry call that got no definite answer. */
  public static boolean isRegistryUnavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SchemaRegistryException e && e.isUnavailable()) {
        return true;
      }
    }
    return false;
  }

  /** True when the registry rejected a schema as incompatible with the subject's compatibility rule. */
  public boolean isIncompatible() {
    return httpStatus == 409;
  }
}
