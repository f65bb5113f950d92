package io.watchstream.processor.rules;

/** A rule read from a file, with where it came from ({@code file:line}), which is published as the record's source. */
public record LoadedRule(Rule rule, String source) {}
