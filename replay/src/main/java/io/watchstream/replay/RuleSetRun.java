package io.watchstream.replay;

import io.watchstream.processor.rules.LoadedRule;
import java.util.List;

/** One rule set (from {@code --rules} or {@code --candidate}) and what replaying it produced. */
public record RuleSetRun(String label, String file, List<LoadedRule> rules, RunResult result) {}
