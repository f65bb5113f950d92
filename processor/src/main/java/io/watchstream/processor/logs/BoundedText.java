package io.watchstream.processor.logs;

/**
 * A CharSequence that gives up after a fixed number of character reads, so a user's regex with
 * catastrophic back-tracking cannot hang the processor on a crafted log line: the match is abandoned
 * and counts as no match.
 */
final class BoundedText implements CharSequence {
  static final long DEFAULT_BUDGET = 2_000_000;

  static final class BudgetExceeded extends RuntimeException {
    BudgetExceeded() {
      super("regex step budget exceeded", null, false, false);
    }
  }

  private final String text;
  private final int offset;
  private final int length;
  private final long[] budget;

  BoundedText(String text) {
    this(text, 0, text.length(), new long[] {DEFAULT_BUDGET});
  }

  private BoundedText(String text, int offset, int length, long[] budget) {
    this.text = text;
    this.offset = offset;
    this.length = length;
    this.budget = budget;
  }

  @Override
  public int length() {
    return length;
  }

  @Override
  public char charAt(int index) {
    if (--budget[0] < 0) {
      throw new BudgetExceeded();
    }
    return text.charAt(offset + index);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BoundedText(text, offset + start, end - start, budget);
  }

  @Override
  public String toString() {
    return text.substring(offset, offset + length);
  }
}
