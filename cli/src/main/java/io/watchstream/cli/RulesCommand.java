package io.watchstream.cli;

import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileException;
import io.watchstream.processor.rules.RuleFileLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code watchstream rules validate FILE}: checks a rule file without starting anything; exit 2 when it is invalid. */
@Command(name = "rules", description = "Work with rule files.", mixinStandardHelpOptions = true,
    subcommands = RulesCommand.Validate.class)
public final class RulesCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "validate", description = "Check a rule file: YAML, fields, values, duplicate ids. Exit 0 when valid, 2 when not.",
      mixinStandardHelpOptions = true)
  public static final class Validate implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The rule file (YAML).")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        List<LoadedRule> rules = new RuleFileLoader().load(file);
        out.printf("%s: OK, %d rule(s)%n", file, rules.size());
        for (LoadedRule r : rules) {
          out.printf("  %-24s %-14s %s%n", r.rule().id(), r.rule().kind(), r.source());
        }
        out.flush();
        return 0;
      } catch (RuleFileException e) {
        e.allProblems().forEach(err::println);
        err.flush();
        return RuleFileException.EXIT_CODE;
      }
    }
  }
}
